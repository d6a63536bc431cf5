"""What a language model says to the person prompting it, published as if it were the story: preambles, closers,
refusals, requests for the source text, notes about the prompt, generation metadata and reasoning.

Quoted speech and sentences with a speaker's verb are a person's (“I'm sorry, but I can't comment,” the mayor
said), and so are stories about AI (“As an AI researcher, she …”). An AI-use disclosure (“produced with the help
of an AI tool and checked by an editor”) is the newsroom's policy, not an artefact, and passes.
"""

import re
from collections.abc import Iterator

from ..engine import Context, Hit
from ..registry import rule
from ..text import sentences

_A = r"(?:'|’)"  # an apostrophe, straight or curly
_MODELS = (
    r"(?:(?:openai|anthropic|meta|google|mistral\s+ai)[\s/:]+)?"
    r"(?:chat-?gpt|gpt-?[\w.-]*|claude[\w.-]*|llama[\w.-]*|gemini[\w.-]*|mistral[\w.-]*|mixtral[\w.-]*"
    r"|(?:text-)?davinci[\w-]*|deepseek[\w.-]*|qwen[\w.-]*|bard|copilot|grok[\w.-]*|o[134](?:-mini)?)"
)

# Each kind of artefact, with what the writer is told. Patterns are matched case-insensitively, sentence by sentence.
_KINDS: tuple[tuple[str, str], ...] = (
    ("preamble", rf"""
        ^ (?: as \s+ (?: requested | you \s+ (?: asked | requested ) | discussed | instructed ) | per \s+ your \s+
           (?: request | instructions ) ) ,? \s+ (?: here{_A}s | here \s+ (?:is|are) | below \s+ (?:is|are) | i{_A}ve
           | i \s+ have ) \b
      | ^ (?: sure | certainly | absolutely | of \s+ course ) \b [\s!,.:—–-]* (?: [\w-]+ \s+ ){{0,4}}?
           (?: article | version | rewrite | draft | summary | story | piece ) s? \s+ (?: follows \s* (?: below | : | $ )
           | is \s+ below | appears \s+ below )
      | \b i (?: {_A}ve | \s+ have ) \s+ (?: kept | made | added | removed | included | cut | shortened | changed
           | adjusted | toned \s+ down | expanded | condensed | tightened | restructured | simplified ) \s+
           (?: [\w-]+ \s+ ){{0,2}}? (?: tone | wording | headline | article | story | piece | draft | word \s+ count
           | paragraphs? | quotes? | summary | length | language | structure ) \b
      | \b as \s+ you \s+ (?: asked | requested | instructed | specified | wanted ) \b
      | ^ (?: sure | certainly | absolutely | of \s+ course ) \b [!,.:]* \s*
           (?: here{_A}s | here \s+ (?:is|are) | below \s+ (?:is|are) | i{_A}ve | i \s+ have | i{_A}ll | i \s+ will
             | i \s+ can ) \s+ (?: [\w-]+ \s+ ){{0,4}}? (?: article | version | rewrite | draft | summary | story
             | piece | headline | news | blog \s+ post ) s? \b
      | \b (?: here{_A}s | here \s+ (?:is|are) | below \s+ (?:is|are) | below \s+ you{_A}ll \s+ find ) \s+
           (?: a | an | the | your | my ) \s+ (?: [\w-]+ \s+ ){{0,3}}?
           (?: (?: rewritten | rephrased | paraphrased | reworded | refined | polished | improved | news )
                 \s+ (?: version | article | draft | text | story )
             | (?: revised | edited | shortened | condensed | expanded | updated ) \s+ (?: version | article | draft
                 | text | story ) (?= \s* [:.!] | \s+ of \s+ (?: the | your | this | that ) \s+ (?: [\w-]+ \s+ )?
                 (?: article | text | story | piece | news | content | draft | paragraph | post ) \b
                 | \s+ (?: for \s+ you | you \s+ requested | as \s+ requested ) )
             | rewrite | (?: article | blog \s+ post | news \s+ story | draft ) \s+ (?: about | on | based | covering | for
                 | you \s+ (?: asked | requested )
                 | summari[sz]ing | that \s+ (?:covers|summari[sz]es) ) | (?: article | blog \s+ post | draft ) \s* : )
      | \b i (?: {_A}ve | \s+ have ) \s+ (?: rewritten | rephrased | paraphrased | reworded | generated ) \s+
           (?: a | an | the | your | this ) \b
    """),
    ("closer", rf"""
        \b let \s+ me \s+ know \s+ if \s+ (?: you{_A}d | you \s+ would | you \s+ want | you \s+ need | you \s+ have
           | there{_A}s | there \s+ is | any | this | you{_A}re )
      | \b i \s+ hope \s+ (?: this | that | the \s+ above ) \s+ (?: (?: article | story | piece | draft | version
           | rewrite | summary ) \s+ )? (?: helps | meets | works | is \s+ helpful | fits | captures | serves )
      | \b hope \s+ this \s+ helps \b
      | \b (?: would | do ) \s+ you \s+ (?: like | want ) \s+ me \s+ to \b
      | \b if \s+ you (?: {_A}d \s+ like | \s+ would \s+ like | \s+ want | \s+ prefer ) ,? \s+ i \s+ (?: can | could ) \b
      | \b i \s+ can \s+ (?: also \s+ )? (?: adjust | tailor | shorten | rewrite | rework | revise | tweak ) \s+
           (?: the | this | it ) \b
      | \b feel \s+ free \s+ to \s+ (?: let \s+ me \s+ know | ask \s+ (?: me | for \s+ (?: any | more | further ) )
           | (?: edit | adjust | modify | tweak | change | shorten | expand | use ) \s+ (?: the | this | it | any )
           (?: \s+ [\w-]+ ){{0,2}}? \s* (?: headline | article | story | piece | draft | text | wording | tone | quotes?
           | it | as \s+ needed ) \b )
      | \b is \s+ there \s+ anything \s+ else \b
      | \b i{_A}d \s+ be \s+ (?: happy | glad ) \s+ to \s+ (?: adjust | revise | rewrite | expand | tailor | tweak ) \b
    """),
    ("refusal", rf"""
        \b as \s+ an? \s+ (?: ai | artificial \s+ intelligence ) (?: \s+ (?: language \s+ )? (?: model | assistant
           | chatbot | system ) )? \s* ,? \s+ i \b
      | \b as \s+ an? \s+ (?: ai | artificial \s+ intelligence ) \s+ (?: developed | trained | created | built | made )
           \b [^,.]{{0,40}} , \s* i \b
      | \b i (?: \s+ (?: can{_A}t | cannot | can \s+ not | am \s+ unable \s+ to | am \s+ not \s+ able \s+ to | won{_A}t
           | will \s+ not ) | {_A}m \s+ (?: unable | not \s+ able ) \s+ to ) \s+ (?: independently \s+ )?
           (?: verify | confirm | name | identify | speculate | disclose
             | provide \s+ (?: the | any | you | specific | personal | further | more ) ) \b
      | \b as \s+ an? \s+ (?: ai \s+ )? language \s+ model \b
      | \b i (?: {_A}m | \s+ am ) \s+ sorry ,? \s+ but \s+ i \s+ (?: can{_A}t | cannot | can \s+ not | am \s+ unable
           | {_A}m \s+ unable | am \s+ not \s+ able | {_A}m \s+ not \s+ able | won{_A}t ) \s+ (?: to \s+ )?
           (?: produce | write | create | generate | provide | assist | fulfil+ | comply | access | browse | view
             | open | continue | complete | rewrite | summari[sz]e | analy[sz]e | include | share | disclose | discuss
             | speculate | reveal | identify | help (?! \s+ \w+ing \b ) )
      | \b i (?: \s+ can{_A}t | \s+ cannot | \s+ am \s+ unable \s+ to | {_A}m \s+ unable \s+ to | \s+ am \s+ not \s+ able \s+ to
           | {_A}m \s+ not \s+ able \s+ to ) \s+ (?: help \s+ with | assist \s+ with | fulfil+ | comply \s+ with )
           \s+ (?: that | this | the | your | such ) \b
      | \b i (?: \s+ can{_A}t | \s+ cannot | \s+ am \s+ unable \s+ to | {_A}m \s+ unable \s+ to | \s+ am \s+ not \s+ able \s+ to
           | {_A}m \s+ not \s+ able \s+ to | \s+ (?: do \s+ not | don{_A}t ) \s+ have \s+ (?: the \s+ ability | access )
           \s+ to ) \s+ (?: browse | access | search ) \s+ (?: the \s+ )? (?: internet | web | real-time | live )
      | \b i (?: \s+ can{_A}t | \s+ cannot | \s+ am \s+ unable \s+ to | {_A}m \s+ unable \s+ to ) \s+ (?: produce | generate
           | write | create | rewrite | complete ) \s+ (?: a | an | the | this | that | your ) \s+ (?: [\w-]+ \s+ ){{0,3}}?
           (?: article | story | piece | rewrite | summary )
      | \b i \s+ (?: do \s+ not | don{_A}t ) \s+ have \s+ (?: access \s+ to | the \s+ ability \s+ to \s+ browse )
           \s+ (?: the \s+ )? (?: internet | web | real-time | live | current | up-to-date )
      | \b i{_A}m \s+ unable \s+ to \s+ (?: browse | access | view | open ) \b
      | \b i (?: \s+ can{_A}t | \s+ cannot | \s+ am \s+ unable \s+ to | {_A}m \s+ unable \s+ to ) \s+ (?: provide | give
           | offer | access ) \s+ (?: you \s+ with \s+ )? (?: real-time | live | current | up-to-date | the \s+ latest )
      | \b i \s+ apologi[sz]e \s+ for \s+ (?: the | any | my ) \s+ (?: confusion | oversight | error | mistake
           | misunderstanding | inconvenience ) \b (?= [^.]* \b (?: earlier | previous | last | above | draft
           | response | answer | version ) \b )
      | \b (?: my | the \s+ model{_A}s ) \s+ (?: knowledge \s+ cut-?off | training \s+ data ) \b
      | \b as \s+ of \s+ my \s+ (?: last | latest ) \s+ (?: update | training | knowledge )
    """),
    ("request", rf"""
        \b (?: please | could \s+ you (?: \s+ please )? | can \s+ you (?: \s+ please )? | kindly ) \s+
           (?: share | provide | supply | paste | send | upload | give \s+ me | include ) \s+ (?: me \s+ )?
           (?: with \s+ )? (?: the | a | an | your | more | some | any )? \s* (?: [\w-]+ \s+ ){{0,3}}?
           (?: text | article | content | source | transcript | material | excerpt | press \s+ release | document
             | details | information | link | url | quotes? ) \b
      | \b there \s+ (?: was | is | were | are ) \s+ (?: not \s+ | n{_A}t \s+ )? (?: enough | sufficient | insufficient
           | no ) \s+ (?: source \s+ | original \s+ )? (?: material | information | text | content | details? | context )
           \b [^.]{{0,60}}? \b to \s+ (?: produce | write | create | generate | compose | craft ) \s+ (?: an? \s+ | the \s+ )?
           (?: [\w-]+ \s+ ){{0,2}}? (?: article | story | piece | rewrite )
      | \b i \s+ (?: do \s+ not | don{_A}t ) \s+ have \s+ (?: enough | sufficient ) \s+ (?: source \s+ )? (?: information
           | details | context | material | text ) \s+ to \s+ (?: write | produce | create | generate | complete )
      | \b (?: the | your ) \s+ (?: provided | supplied | given ) \s+ (?: text | article | source | content | image
           | material | input ) \b
      | \b (?: the | your ) \s+ (?: sources? | materials? | documents? | notes | information | facts ) \s+
           (?: (?: you \s+ )? (?: provided | supplied ) | gave \s+ me | you \s+ shared ) \s* (?: [.,;:!?] | $ )
      | \b (?: provided | supplied | given | uploaded | shared | pasted ) \s+ by \s+ (?: the \s+ )? user \b (?= \s* (?: [).,;:!?] | $ ) )
      | \b no \s+ (?: text | article \s+ (?: text | content ) | source \s+ (?: text | material ) ) \s+ (?: was | were
           | came | has \s+ been | is ) \s+ (?: provided | supplied | included | attached | given )
    """),
    ("prompt note", r"""
        ^ \[? \s* (?: please \s+ )? note \s* (?: [:,-] \s* | \s+ ) (?: that \s+ )? (?: i \s+ (?: could \s+ not
           | couldn(?:'|’)t | was \s+ unable \s+ to | did \s+ not | didn(?:'|’)t | have ) \b | (?: (?: the | all | any | these
           | some ) \s+ )? (?: [\w-]+ \s+ ){0,3}? (?: quotes? | names? | figures | numbers | details | statistics | data
           | dates? | sources ) \b [^.]{0,60}? \b (?: fictional | fictitious | invented | illustrative | made \s+ up
           | hypothetical | placeholders? | for \s+ illustration ) )
      | \b your \s+ (?: original | source ) \s+ (?: text | article | draft | story | notes | press \s+ release ) \b
      | \b (?: per | following | based \s+ on ) \s+ your \s+ (?: feedback | request | instructions | notes | comments ) \b
      | \b i \s+ (?: have | (?:'|’)ve ) \s+ (?: invented | made \s+ up | fabricated | assumed ) \s+ (?: the | some | a
           | all | these ) \b
      |         ^ \(? \s* word \s+ count \s* : \s* (?: ~ | approx (?: \. | imately )? | about | around | roughly )? \s* \d
      | ^ \(? \s* (?: length | total ) \s* : \s* ~? \s* \d[\d,]* \s+ words
      | \( \s* (?: approx (?: \. | imately )? | about | around | roughly | ~ | c\. )? \s* \d{2,5} (?: \s* [-–] \s* \d+ )?
           \s+ words \s* \)
      | \b note \s* : \s* (?: this | the ) \s+ (?: article | story | piece | text | content | report ) \s+ (?: is | was )
           \s+ (?: a \s+ | entirely \s+ | purely \s+ )? (?: fictional | fictitious | hypothetical | imaginary | invented
           | made \s+ up | a \s+ work \s+ of \s+ fiction )
      | \b (?: as | per ) \s+ (?: the | your ) \s+ (?: prompt | instructions? ) (?: \s+ (?: asked | requested | required
           | specified | instructed | said ) )? \b
      | \b (?: the | your ) \s+ (?: prompt | instructions ) \s+ (?: asked | requested | required | specified ) \s+ (?: me
           | for \s+ (?: a | an ) \s+ (?: \w+ \s+ )? (?: article | story | piece ) )
      | \b word \s+ (?: limit | count ) \b .* \b (?: prompt | requested | asked ) \b
      | \b as \s+ (?: requested | instructed | asked | specified ) \s+ (?: in \s+ (?: the | your ) \s+ (?: prompt | brief
           | instructions ) | by \s+ the \s+ user ) \b
      | \b i (?: \s+ have | (?:'|’) ve ) \s+ kept \s+ (?: this | it | the \s+ (?: article | story | piece | text ) ) \s+
           (?: under | below | within | to ) \s+ (?: about \s+ )? \d+ \s+ words \b
    """),
    ("metadata", rf"""
        ^ \s* (?: model | engine | llm | ai \s+ model ) \s* : \s* {_MODELS} \b
      | ^ \s* (?: model | engine | llm | ai \s+ model | model \s+ used | generated \s+ (?: by | with ) ) \s* : \s* $
      | ^ \s* (?= \S* \d ) {_MODELS} \s* $
      | ^ \s* (?: generated | written | produced | created | drafted ) \s+ (?: by | with | using ) \s+ {_MODELS} \b
           [^.!?]* (?: · | \| | ; | , ) \s* (?: temperature | prompt | model | version | v\d )
      | \b model \s* [:=] \s* {_MODELS} \b
      | \b (?: top[_-]p | top[_-]k | max[_ ]tokens | frequency[_ ]penalty | presence[_ ]penalty ) \s* [:=]? \s* \d
      | \b generated \s+ (?: with | at | using ) \s+ (?: a \s+ )? temperature \b
      | ^ \s* (?: user | human ) \s* : \s* (?: please \s+ )? (?: write | rewrite | summari[sz]e | draft | create
           | generate | make | produce | can \s+ you | could \s+ you | turn )
      | \b temperature \s* [:=] \s* [01] \. \d+ \b (?! \s* (?: ° | degrees | c \b | f \b ) )
      | ^ \s* (?: used \s+ )? (?: system \s+ | user \s+ )? prompts? (?: \s+ used )? \s* :
      | ^ \s* (?: system | assistant ) (?: \s+ (?: prompt | message | instructions? ) )? \s* : \s* \S
      | ^ [\s*_]* (?: sources? \s+ analysis | analysis \s+ of \s+ (?: the \s+ )? sources | source \s+ evaluation
           | fact[- ]check (?: ing )? \s+ (?: notes | summary | results | report ) | verification \s+ notes ) [*_]* \s*
           (?: : | \s [—–-] \s )
      | ^ \s* (?: meta \s+ description | seo \s+ (?: title | description ) | focus \s+ (?: keyword | keyphrase ) ) \s* :
      | ^ (?: write | rewrite | summari[sz]e | compose | generate | draft | produce ) \s+ (?: a | an | the ) \s+
           (?: [\w-]+ \s+ ){{0,4}}? (?: article | news \s+ story | story | summary | blog \s+ post | press \s+ release
           | headline | rewrite ) s? \b
      | ^ \s* you \s+ are \s+ (?: an? | the ) \s+ (?: [\w-]+ \s+ ){{0,3}}? (?: reporter | journalist | news \s+ writer
           | copywriter | writer | editor | assistant | ai | chatbot | language \s+ model ) \b [^.!?]{{0,80}} [.!]? \s* $
    """),
    ("reasoning", rf"""
        ^ (?: okay | ok | alright | all \s+ right | hmm+ ) ,? \s+ (?: so ,? \s+ )? (?: first ,? \s+ )?
           (?: i \s+ need \s+ to | i{_A}ll \s+ need \s+ to | i \s+ have \s+ to | i \s+ should | let \s+ me
             | let{_A}s \s+ see | the \s+ user )
      | ^ so ,? \s+ first ,? \s+ (?: i \s+ need \s+ to | let \s+ me | i \s+ should )
      | ^ \s* (?: thinking | reasoning | thoughts? | chain \s+ of \s+ thought ) \s* : \s* .* \b (?: the \s+ user | i \s+ should
           | i \s+ need \s+ to | let \s+ me | i{_A}ll ) \b
      | \b the \s+ user \s+ wants \s+ (?: the | a | an | me | it | this | to ) \b
      | \b the \s+ user \s+ (?: is \s+ asking | has \s+ asked | asked \s+ me | wants \s+ me | want \s+ me | requested
           | is \s+ requesting | has \s+ provided | provided \s+ (?: a | an | the ) \s+ (?: \w+ \s+ )? (?: text | article
           | prompt | source | headline | summary | link | url | image | details | information | content | news )
           | specified | mentioned )
      | ^ thought \s+ for \s+ \d+ \s* (?: s | secs? | seconds? | minutes? ) \b
      | \b i \s+ (?: need | have | want ) \s+ to \s+ (?: make \s+ sure | ensure | check ) \s+ (?: that \s+ )?
           (?: the | my | this ) \s+ (?: article | story | piece | summary | rewrite | draft | headline | tone ) \b
      | \b let \s+ me \s+ (?: write | draft | compose ) \s+ (?: the | a | an | this ) \s+ (?: [\w-]+ \s+ )?
           (?: article | story | piece | draft | summary | headline | intro | rewrite ) \b
      | \b let \s+ me \s+ (?: revise | rewrite | rephrase | reword | restructure | tighten | polish | shorten | expand )
           \s+ (?: the | this | that | it | my ) \b
      | \b let \s+ me \s+ (?: think | figure \s+ out | check \s+ (?: the | if | whether ) | recall | draft
           | structure \s+ (?: the | this ) | make \s+ sure \s+ the \s+ (?: article | story | summary ) )
      | \b (?: first | next | now | then ) ,? \s+ i \s+ need \s+ to \s+ (?: write | rewrite | produce
           | draft | structure | check \s+ (?: the | if | whether ) | figure \s+ out | make \s+ sure | mention | include
           | understand | identify | determine | summari[sz]e | analy[sz]e | go \s+ through | look \s+ at \s+ the )
      | \b (?: first | next | now | then ) ,? \s+ i (?: {_A}ll | \s+ should | \s+ will ) \s+ (?: write | draft | structure
           | outline | rewrite | summari[sz]e | start | begin | check | mention | include | focus ) \b
      | ^ (?: hmm+ | wait ) ,? \s+ (?: the \s+ (?: user | article | source | prompt ) | i \s+ (?: think | need | should ) )
      | \b the \s+ user \s+ wants \s+ (?: a | an ) \s+ (?: [\w-]+ \s+ ){{0,2}}? (?: article | story | rewrite | summary
           | piece | news )
      | < /? think >
    """),
)
# All the patterns at once over a whole paragraph, a sentence's start standing for “^”: most paragraphs have none,
# and only those that do are read sentence by sentence.
# Every pattern above needs one of these (in lower case, apostrophes straight, spaces single): a paragraph with
# none of them is not read sentence by sentence, which keeps the rule cheap on clean copy.
_KEYS = (
    "sure", "certainly", "absolutely", "of course", "here", "below", "i've", "i have", "let me", "hope", "me to", "if you",
    "i can", "feel free", "anything else", "happy to", "glad to", "as a", "sorry", "can't", "cannot", "unable",
    "not able", "have the ability", "have access", "knowledge cut", "training data", "as of my", "please",
    "could you", "can you", "kindly", "enough", "sufficient", "provided", "supplied", "given", "no text",
    "no article", "no source", "word count", "length", "words", "note", "prompt", "instruction", "model", "engine",
    "llm", "temperature", "you are", "meta description", "seo ", "focus key", "write", "summari", "compose",
    "generate", "draft", "produce", "i need", "i'll", "i have to", "i should", "i will", "let's see", "the user",
    "think>", "hmm", "wait", "thought for", "have enough", "as requested", "as you", "per your", "system:",
    "system prompt", "system message", "system instruction", "assistant:", "assistant prompt", "assistant message",
    "analysis", "fact-check", "fact check", "verification note", "gave me", "you shared", "apologi", "top_p",
    "top-p", "top_k", "max_tokens", "max tokens", "penalty", "user:", "human:", "by user", "by the user",
    "your original", "your source", "your feedback", "your request", "gpt", "claude", "llama", "gemini", "mistral",
    "mixtral", "davinci", "deepseek", "qwen", "grok",
    "your instructions", "your notes", "your comments", "i want", "won't", "will not",
)
_PATTERNS = tuple((kind, re.compile(pattern, re.VERBOSE | re.IGNORECASE)) for kind, pattern in _KINDS)
# Readers are asked for things too (“please send us your photos”): a model asks for the source, or so it can work.
_ASKING = re.compile(r"please|could|can|kindly", re.IGNORECASE)
_REQUEST_CUE = re.compile(
    r"""\b (?: original | source | full | complete | actual | entire | remaining | missing | text ) \b
      | \b so \s+ (?: that \s+ )? i \s+ (?: can | could | may ) \b | \b for \s+ me \s+ to \b""",
    re.VERBOSE | re.IGNORECASE,
)
_ADVICE = {
    "preamble": "A language model's preamble: delete it.",
    "closer": "A language model's closing offer: delete it.",
    "refusal": "A language model's refusal or apology: the story was not written; write it or withdraw it.",
    "request": "A language model asking for its source text: the story was not written; write it or withdraw it.",
    "prompt note": "A note about the prompt or the word count: delete it.",
    "metadata": "Generation metadata or the prompt itself: delete it.",
    "reasoning": "A language model's reasoning: delete it and check what remains.",
}

# Quoted speech (“…”, "…", ‘…’ or '…', or a quotation still open at the end of the paragraph) belongs to the
# speaker, and so does a sentence with a speech verb (but not “the prompt asked”, “the article says”).
_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"\n]*(?:\"|$)|‘.*?’(?!\w)|(?<!\w)'.*?'(?!\w)")
_SPEECH = re.compile(
    r"""(?<!prompt\s)(?<!user\s)(?<!instructions\s)(?<!you\s)(?<!article\s)(?<!source\s)(?<!text\s)
        \b (?: said | says | told | tells | wrote | writes
        | added | adds | asked | replied | recalled | explained | insisted | tweeted | posted | according \s+ to
        | joked | quipped | admitted | conceded | noted | argued | claimed | stressed | remarked ) \b""",
    re.VERBOSE | re.IGNORECASE,
)

_INTERJECTION = re.compile(r"\s* (?: sure | certainly | absolutely | of \s+ course | okay | great ) \s* [!.,:]? \s*",
                           re.VERBOSE | re.IGNORECASE)


def machine_text_spans(text: str) -> list[tuple[int, int, str]]:
    """Sentences of text that a model wrote to its user, each with its kind; consecutive ones reported as one."""
    if not text.strip():
        return []
    plain = " ".join(text.casefold().replace("’", "'").split())
    if not any(key in plain for key in _KEYS):
        return []
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    found: list[tuple[int, int, str]] = []
    for offset, sentence in sentences(text):
        stripped = sentence.strip()
        if not stripped:
            continue
        start = offset + sentence.index(stripped[0])
        end = start + len(stripped)
        hit = next(
            (
                (kind, m.start()) for kind, pattern in _PATTERNS
                if (m := pattern.search(stripped))
                and (kind != "request" or not _ASKING.match(m.group()) or _REQUEST_CUE.search(stripped))
            ),
            None,
        )
        if hit is None:
            continue
        kind, at = hit
        if any(q_start <= start + at < q_end for q_start, q_end in quoted) or _SPEECH.search(stripped):
            continue
        if found and not text[found[-1][1] : start].strip():
            found[-1] = (found[-1][0], end, found[-1][2])
        else:
            if not found and _INTERJECTION.fullmatch(text[:start]):
                start = 0  # “Certainly! Here is …”: the interjection is part of the preamble
            found.append((start, end, kind))
    return found


@rule(
    "machine-text", severity="error",
    description="A language model's words to its user published as the story: preamble, closing offer, refusal, "
    "request for the source, notes on the prompt or word count, generation metadata, reasoning.",
    examples=(
        ("Certainly! Here is a rewritten version of the story about the bridge.", True),
        ("The bridge reopens on Monday. Would you like me to add quotes from residents?", True),
        ("I'm sorry, but I can't write an article without the source text.", True),
        ("“I'm sorry, but I can't comment on that,” the mayor said.", False),
        ("As an AI researcher, she has studied chatbots for a decade.", False),
    ),
)
def machine_text(ctx: Context) -> Iterator[Hit]:
    for segment in ctx.everywhere():
        if segment.kind in {"name", "role"}:
            continue
        for start, end, kind in machine_text_spans(segment.text):
            yield Hit(segment, start, end, _ADVICE[kind])
