"""The machine-text rule: a language model's words to its user published as the story, and people who only
sound like one."""

import pytest

from articles.quality import Document, Part, check_document, document_from_text


def found(*paragraphs: str) -> list[tuple[str, str]]:
    doc = Document(headline="Bakery wins regional award", parts=[Part("body", text) for text in paragraphs])
    return [(f.severity, f.text) for f in check_document(doc) if f.rule == "machine-text"]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        # Preambles.
        ("Sure! Here's a news article about the bakery award.", "Sure! Here's a news article"),
        ("Of course. Below is a revised version of the story for your readers.", "Below is a revised version"),
        ("Here is a rewritten version of the bakery story, in a neutral tone.", "Here is a rewritten version"),
        ("I've rephrased the article to keep it under the limit.", "I've rephrased"),
        ("Certainly. I have rewritten the story in a plainer style.", "Certainly. I have rewritten"),
        # Closers and offers.
        ("The bakery opens at 7 a.m. Let me know if you need a shorter version.", "Let me know if you need"),
        ("I hope this meets your needs!", "I hope this meets"),
        ("Do you want me to add a quote from the owner?", "Do you want me to"),
        ("If you prefer, I could write a version for social media.", "If you prefer, I could"),
        ("I can adjust the tone if it reads too formally.", "I can adjust the tone"),
        # Refusals and apologies as a model.
        ("As an AI, I have no access to the judges' scores.", "As an AI, I"),
        ("As a language model, I cannot visit the bakery.", "As a language model"),
        ("I apologise, but as an AI language model I cannot taste the bread.", "as an AI language model I"),
        ("I’m sorry, but I can’t write about the award without the press release.", "I’m sorry, but I can’t write"),
        ("I cannot fulfil this request.", "I cannot fulfil this request."),
        ("I don't have access to the internet, so the owner's age is missing.", "I don't have access to the internet"),
        # Requests for the source text.
        ("Please paste the full article so I can rewrite it.", "Please paste the full article"),
        ("Kindly provide the original text of the announcement.", "Kindly provide the original text"),
        ("There is not enough information to write a complete article about the award.",
         "There is not enough information"),
        ("The supplied text only contains a headline.", "The supplied text only contains"),
        # Notes about the prompt or length.
        ("Word count: 348", "Word count: 348"),
        ("The bakery employs twelve people. (around 450 words)", "(around 450 words)"),
        ("Note: This story is entirely fictional.", "Note: This story is entirely fictional."),
        ("The piece keeps a neutral tone, as per the instructions.", "as per the instructions"),
        # Generation metadata and the prompt itself.
        ("Model: claude-3-haiku", "Model: claude-3-haiku"),
        ("Prompt: write 400 words about a bakery winning a prize.", "Prompt: write 400 words"),
        ("You are a local news reporter.", "You are a local news reporter."),
        ("Settings (model=gpt-4.1, temperature=0.2) were used.", "model=gpt-4.1"),
        ("SEO title: Village bakery scoops regional prize", "SEO title:"),
        ("You are a food writer. Write a short news article about a bakery award.", "Write a short news article"),
        # Reasoning.
        ("Okay, so I need to write about a bakery that won an award.", "Okay, so I need to write"),
        ("The user wants me to focus on the owner.", "The user wants me to focus"),
        ("Let me figure out which award this is.", "Let me figure out"),
        ("First, I need to identify the bakery's owner.", "First, I need to identify"),
        ("Hmm, the article does not say when it opened.", "Hmm, the article"),
        ("Model: Anthropic Claude 3", "Model: Anthropic Claude 3"),
        ("<think>The bakery is in Leeds.</think> The bakery in Leeds won.", "<think>"),
        ("Thought for 14 seconds", "Thought for 14 seconds"),
        ("The user provided a headline and two sentences.", "The user provided a headline"),
        ("Unfortunately, I don't have enough information to write a full story.", "I don't have enough information"),
    ],
)
def test_machine_text_is_an_error(text, excerpt):
    [(severity, flagged)] = found(text)
    assert severity == "error" and excerpt in flagged


def test_consecutive_sentences_are_one_finding():
    assert found("Certainly! Here is the article you asked for. I hope this helps.") == [
        ("error", "Certainly! Here is the article you asked for. I hope this helps."),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # People quoted who happen to sound like a model.
        "“I'm sorry, but I can't comment on the judging,” the owner said.",
        "“I'm sorry,” she said, “but I cannot help with that order today.”",
        "I'm sorry, but I can't produce more loaves this week, the baker told customers.",
        "“Let me know if you'd like a tour of the ovens,” he told visitors.",
        "“Let me think about that,” the judge replied.",
        # Stories about AI.
        "OpenAI's model said it could not rank the bakeries.",
        "As an AI researcher, she has judged the contest twice.",
        "The chatbot told users it was unable to browse the internet, the report found.",
        # Readers asked for their views, and ordinary sentences.
        "Share your views in the comments. Let us know what you think of the award.",
        "Please send us your photos of the bakery.",
        "Please share this article with your friends.",
        "Here's what we know about the award so far. Here is a look at the winners.",
        "Below is a roundup of this year's winners.",
        "Sure enough, the queue stretched round the block.",
        "The new Model 3 was parked outside.",
        "Temperatures reached 12 degrees in the morning.",
        "There was not enough flour to bake the full order.",
        "So the user asked: does the loyalty card still work?",
        "This article was produced with the help of an AI tool and checked by an editor.",
        "Replies often began ‘As an AI language model, I can’t help,’ researchers found.",
        "Let me count the ways this bakery has changed the street.",
        "I need to write about the bakery where my mother worked.",
        "Length: 4.5 miles, mostly flat, with a café at the halfway point.",
        "Sure, here's the thing: nobody expected a village bakery to win.",
        "Of course, I was wrong about the sourdough.",
        "Below is the revised text of the council's licensing rules, which take effect in June.",
        "I have revised the prices twice this year.",
        "Write a letter to the judges, the bakery urged its customers.",
    ],
)
def test_look_alikes_pass(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("As requested, here is the shorter story with the owner's quote first.", "As requested, here is"),
        ("Per your instructions, I've cut the second paragraph.", "Per your instructions, I've"),
        ("I'm sorry, but I can't share the baker's home address in the story.", "I'm sorry, but I can't share"),
        ("Fact check: every figure above matches the sources provided.", "the sources provided"),
        ("Source analysis: the council's statement is the most reliable of the three.", "Source analysis:"),
        ("Assistant: The bakery opened in 1962 and employs twelve people.", "Assistant:"),
        ("System prompt: act as a reporter for a regional daily.", "System prompt:"),
    ],
    ids=["as requested", "per your instructions", "refusal to share", "sources provided", "source analysis",
         "assistant role", "system prompt"],
)
def test_more_generation_leftovers_are_errors(text, excerpt):
    [(severity, flagged)] = found(text)
    assert severity == "error" and excerpt in flagged


@pytest.mark.parametrize(
    "text",
    [
        "As requested by the judges, the bakery's recipes stay secret.",
        "Fact check: the mayor said the bakery was the oldest in the county. It is the second oldest.",
        "The booking system was down for an hour, and prompt action by staff kept the queue moving.",
        "Temperature: highs of 24C on Saturday, the forecasters said.",
        "Documents provided to this newspaper show the grant was £12,000.",
        "“I'm sorry, but I can't share the recipe,” the owner said.",
    ],
    ids=["as requested by", "human fact check", "system and prompt words", "weather box", "documents provided to",
         "quoted refusal"],
)
def test_look_alikes_of_new_leftovers_pass(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("Of course — the bakery story follows below.", "the bakery story follows below"),
        ("I've kept the tone light and moved the owner's quote up.", "I've kept the tone"),
        ("I hope this article captures the spirit of the award.", "I hope this article captures"),
        ("Feel free to adjust the headline.", "Feel free to adjust the headline"),
        ("I cannot provide real-time sales figures for the bakery.", "I cannot provide real-time"),
        ("I apologise for the confusion in my previous answer.", "I apologise for the confusion"),
        ("[Note: the quotes are illustrative and should be replaced.]", "Note: the quotes are illustrative"),
        ("Please note that I have invented the owner's name.", "I have invented"),
        ("Note: I could not find the year the bakery opened.", "Note: I could not find"),
        ("Sampling: top_p 0.9, max_tokens: 600", "top_p 0.9"),
        ("User: write a short story about a bakery award.", "User: write"),
        ("Let me revise the second paragraph so it flows.", "Let me revise the second"),
        ("Word count: approximately 300", "Word count: approximately 300"),
        ("Source: press release (provided by the user).", "provided by the user"),
    ],
)
def test_edits_notes_and_settings_of_a_model_are_errors(text, excerpt):
    [(severity, flagged)] = found(text)
    assert severity == "error" and excerpt in flagged


@pytest.mark.parametrize(
    "text",
    [
        "Of course, the full bakery story follows the judging next week.",
        "I have made the headline of every paper this week, the owner joked.",
        "I apologise for any inconvenience caused by the works, the owner said.",
        "Note: figures may not add up because of rounding.",
        "Please note the shop will be closed on Sunday.",
        "The flour was provided by the user group that runs the mill.",
        "Users of the bakery's app can order ahead.",
        "Let me be clear: the bread is baked here.",
        "This article was produced with the help of an AI tool and checked by an editor.",
    ],
)
def test_look_alikes_of_edits_notes_and_settings_pass(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("**Fact-check notes:** every date matches the release.", "Fact-check notes:"),
        ("Sources analysis — the owner's statement is the main source.", "Sources analysis"),
        ("I need to make sure the article names the award.", "I need to make sure the article"),
        ("Now, let me write the story.", "let me write the story"),
        ("This version keeps every fact from your original text.", "your original text"),
        ("Draft 3 (revised per your feedback):", "per your feedback"),
    ],
)
def test_labelled_reports_plans_and_feedback_of_a_model_are_errors(text, excerpt):
    [(severity, flagged)] = found(text)
    assert severity == "error" and excerpt in flagged


@pytest.mark.parametrize(
    "text",
    [
        "Here are the key numbers from the award: 40 entries and three judges.",
        "The analysis of the entries by the judges was detailed.",
        "Based on the information provided by the judges, the bakery scored highest.",
        "The owner said she needed to make sure the ovens were ready.",
    ],
)
def test_look_alikes_of_reports_and_plans_pass(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("I'm unable to confirm the owner's age, so I have left it out.", "I'm unable to confirm"),
        ("I can't verify the claims made about the rival bakery.", "I can't verify"),
        ("Unfortunately, I cannot provide the names of the judges.", "I cannot provide the names"),
        ("I won't speculate about the judges' reasons.", "I won't speculate"),
        ("As an AI developed by a research lab, I have no view on bread.", "As an AI developed"),
    ],
)
def test_a_model_declining_part_of_the_story_is_an_error(text, excerpt):
    [(severity, flagged)] = found(text)
    assert severity == "error" and excerpt in flagged


@pytest.mark.parametrize(
    "text",
    [
        "“I can't verify that,” the owner said.",
        "Judges said they could not confirm the scores until Monday.",
        "I can't verify the claims, the owner wrote in a letter to customers.",
    ],
)
def test_people_declining_to_confirm_pass(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "I'm unable to produce a full article from the notes you sent.",
        "I’m unable to browse the web for today's figures.",
        "I’m not able to help with that request.",
        "I'm unable to provide real-time results for the match.",
    ],
)
def test_a_models_refusal_written_with_i_m_is_caught_like_i_am(sentence):
    found = check_document(document_from_text(f"Council approves budget\n\nThe council met.\n\n{sentence}"))
    assert "machine-text" in {finding.rule for finding in found}


def test_generation_metadata_split_over_lines_is_caught_label_and_model_alike():
    doc = document_from_text(
        "Council approves budget\n\nThe council met on Monday.\n\nModel:\n\nllama-3-70b\n\nThe vote passed."
    )
    texts = [finding.text for finding in check_document(doc) if finding.rule == "machine-text"]
    assert texts == ["Model:", "llama-3-70b"]


@pytest.mark.parametrize("line", ["Gemini", "Claude Monet", "Copilot"])
def test_a_one_word_heading_that_shares_a_model_s_name_passes(line):
    doc = document_from_text(f"Council approves budget\n\nThe council met on Monday.\n\n{line}\n\nThe vote passed.")
    assert "machine-text" not in {finding.rule for finding in check_document(doc)}


def test_a_thinking_label_with_the_model_s_plan_is_a_reasoning_trace_but_a_help_desk_quote_is_not():
    def rules_of(sentence):
        doc = document_from_text(f"Council approves budget\n\nThe council met on Monday.\n\n{sentence}")
        return {f.rule for f in check_document(doc)}

    assert "machine-text" in rules_of("Thinking: the user wants the result first, so I should open with the score.")
    assert "machine-text" not in rules_of("The user wants to reset a password, the help desk said.")
