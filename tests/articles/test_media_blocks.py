"""The body's media kinds: a picture set in the story, a pull quote and an embedded video, post or track.

Each is shown on the page (escaped), found by search, read by the quality gate and edited in the article's admin;
an embed loads nothing from its provider until the reader asks.
"""

import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from articles import embeds, images, services
from articles.models import Article, Embed, InlineImage
from articles.search import SearchTerms
from tests.factories import (
    ArticleFactory, EmbedFactory, InlineImageFactory, PullQuoteFactory, TextSectionFactory, image_file,
)
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def page_of(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def body_of(html: str) -> str:
    """The story's body as the page has it, without the head's structured data."""
    return html.split('<div class="story-body">', 1)[1].split("</article>", 1)[0]


def findings_of(article) -> set[tuple[str, str, str]]:
    return {(f.severity, f.rule, f.label) for f in services.article_check(article=article)}


class Elements(HTMLParser):
    """Every element of a page with its attributes, to ask what a browser would fetch."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def fetched(self) -> list[str]:
        """What loading the page would request: sources of scripts, frames, images, media and stylesheets."""
        urls = []
        for tag, attrs in self.elements:
            for name in ("src", "srcset", "data", "poster"):
                if attrs.get(name):
                    urls += [part.strip().split(" ")[0] for part in attrs[name].split(",")]
            if tag == "link" and attrs.get("rel") in {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "icon"}:
                urls.append(attrs.get("href", ""))
        return urls


# --- The providers an embed may come from -------------------------------------------------------------------------

@pytest.mark.parametrize(("link", "provider", "url", "player"), [
    ("https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=30s", "YouTube", "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
     "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"),
    ("https://youtu.be/aqz-KE-bpKQ?si=abc", "YouTube", "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
     "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"),
    ("http://m.youtube.com/shorts/aqz-KE-bpKQ", "YouTube", "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
     "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"),
    ("https://vimeo.com/76979871", "Vimeo", "https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
    ("https://vimeo.com/76979871/abcdef1234", "Vimeo", "https://vimeo.com/76979871/abcdef1234",
     "https://player.vimeo.com/video/76979871?dnt=1&h=abcdef1234"),
    ("https://soundcloud.com/porthaven-council/night-ferry-debate", "SoundCloud",
     "https://soundcloud.com/porthaven-council/night-ferry-debate",
     "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fporthaven-council%2Fnight-ferry-debate"
     "&visual=false"),
    ("https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3l6oveex3ii2l", "Bluesky",
     "https://bsky.app/profile/did:plc:z72i7hdynmk6r22z27h6tvur/post/3l6oveex3ii2l",
     "https://embed.bsky.app/embed/did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.feed.post/3l6oveex3ii2l"),
    # A handle is named by Bluesky's player only once looked up with Bluesky: the card stays a link.
    ("https://bsky.app/profile/porthaven.bsky.social/post/3l6oveex3ii2l", "Bluesky",
     "https://bsky.app/profile/porthaven.bsky.social/post/3l6oveex3ii2l", ""),
    ("https://twitter.com/PorthavenCouncil/status/1850000000000000000", "X",
     "https://x.com/PorthavenCouncil/status/1850000000000000000",
     "https://platform.twitter.com/embed/Tweet.html?id=1850000000000000000&dnt=true"),
    ("https://mastodon.social/@porthaven/113000000000000000", "Mastodon",
     "https://mastodon.social/@porthaven/113000000000000000",
     "https://mastodon.social/@porthaven/113000000000000000/embed"),
])
def test_a_listed_providers_link_is_read_into_its_page_and_player(link, provider, url, player):
    embed = embeds.parse(link)

    assert (embed.provider.name, embed.url, embed.player) == (provider, url, player)
    assert not player or any(player.startswith(origin + "/") for origin in embed.provider.frame_origins)


@pytest.mark.parametrize(("link", "says"), [
    ("javascript:alert(document.cookie)", "Only web addresses"),
    ("JaVaScRiPt:alert(1)//https://www.youtube.com/watch?v=aqz-KE-bpKQ", "Only web addresses"),
    ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "Only web addresses"),
    ("vbscript:msgbox(1)", "Only web addresses"),
    ("//www.youtube.com/watch?v=aqz-KE-bpKQ", "Only web addresses"),
    ("https://evil.example/watch?v=aqz-KE-bpKQ", "Only links to YouTube, Vimeo, SoundCloud, Bluesky, X or Mastodon"),
    ("https://www.youtube.com.evil.example/watch?v=aqz-KE-bpKQ", "is not one of them"),
    ("https://evil.example/?u=https://www.youtube.com/watch?v=aqz-KE-bpKQ", "is not one of them"),
    ("https://mastodon.evil.example/@someone/113000000000000000", "is not one of them"),
    ("https://user:secret@www.youtube.com/watch?v=aqz-KE-bpKQ", "without a user name"),
    ("https://www.youtube.com:8443/watch?v=aqz-KE-bpKQ", "without a user name or port"),
    ("https://www.youtube.com/watch?v=aqz\"onload=x", "does not point at one video"),
    ("https://www.youtube.com/channel/UCSMOQeBJ2RAnuFungnQOxLg", "does not point at one video"),
    ("https://soundcloud.com/discover/sets", "does not point at one audio"),
    ("https://x.com/home", "does not point at one post"),
    ("https://www.youtube.com/watch?v=aqz-KE-bpKQ\njavascript:alert(1)", "no spaces or line breaks"),
    ("", "Paste the link"),
])
def test_anything_else_is_refused_with_the_reason(link, says):
    with pytest.raises(embeds.Refused, match=re.escape(says)):
        embeds.parse(link)


def test_the_page_may_frame_the_listed_players_and_nothing_else(client):
    article = ArticleFactory()
    EmbedFactory(article=article)

    csp = dict(
        (part.split()[0], part.split()[1:]) for part in client.get(article.get_absolute_url())["Content-Security-Policy"].split(";")
    )

    assert csp["frame-src"] == list(embeds.FRAME_ORIGINS)
    assert "https://www.youtube-nocookie.com" in csp["frame-src"] and "https://www.youtube.com" not in csp["frame-src"]
    assert not any(source in {"*", "https:", "'self'", "data:", "blob:"} for source in csp["frame-src"])
    assert csp["script-src"] == ["'self'", *[s for s in csp["script-src"] if s.startswith("'nonce-")]]


# --- Embeds on the page ----------------------------------------------------------------------------------------------

def test_an_embed_is_a_card_with_a_link_that_requests_nothing_from_its_provider(client):
    article = ArticleFactory()
    EmbedFactory(article=article, title="The vote, filmed from the gallery", caption="The vote took four minutes.")

    html = page_of(client, article)
    body = body_of(html)

    assert re.search(r'<a href="https://www.youtube.com/watch\?v=aqz-KE-bpKQ"[^>]*>The vote, filmed from the gallery</a>', body)
    assert "<figcaption>The vote took four minutes.</figcaption>" in body
    assert "Video on YouTube" in body
    # The button is offered by the script; without it the card is a plain link.
    assert re.search(r'<div class="embed-load" hidden>\s*<button type="button">Load the video from YouTube</button>', body)
    assert 'data-player="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"' in body
    fetched = Elements(html).fetched()
    assert fetched, "the page fetches its own stylesheet at least: is the parser reading it?"
    assert not any(re.search(r"youtube|ytimg|googlevideo|google", url) for url in fetched), fetched
    assert not re.search(r"<(iframe|embed|object|video|audio)\b", html)
    assert "/static/js/embeds.js" in fetched


def test_only_a_page_with_an_embed_loads_the_embed_script(client):
    article = ArticleFactory()
    PullQuoteFactory(article=article)

    assert "embeds.js" not in page_of(client, article)


def test_an_embed_card_shows_what_was_typed_as_text(client):
    article = ArticleFactory()
    EmbedFactory(article=article, title=HOSTILE, caption=HOSTILE)

    body = body_of(page_of(client, article))

    assert "<script>" not in body and "<img src=x" not in body
    assert body.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") == 3  # the link, the player's title, the caption


def test_a_stored_link_no_listed_provider_plays_is_shown_as_text_without_a_link(client):
    article = ArticleFactory()
    # Stored past the form (an import, or a provider taken off the list since).
    Embed.objects.create(article=article, position=20, url="javascript:alert(1)", title="The council's vote")

    body = body_of(page_of(client, article))

    assert "The council&#x27;s vote" in body
    assert "javascript:" not in body and "data-player" not in body and "<a " not in body.split('class="embed')[1]


def test_a_bluesky_post_named_by_handle_is_a_link_with_no_player_to_load(client):
    article = ArticleFactory()
    EmbedFactory(article=article, url="https://bsky.app/profile/porthaven.bsky.social/post/3l6oveex3ii2l",
                 title="The council's post announcing the vote")

    body = body_of(page_of(client, article))

    assert 'href="https://bsky.app/profile/porthaven.bsky.social/post/3l6oveex3ii2l"' in body
    assert "data-player" not in body and "<button" not in body


# --- Pictures in the body ----------------------------------------------------------------------------------------

def test_a_picture_in_the_body_is_shown_from_its_renditions_with_alt_caption_and_credit(client):
    article = ArticleFactory()
    block = InlineImageFactory(article=article, position=20, alt="Boats at low tide", caption="The harbour on Tuesday.",
                               credit="Photo: Ana Ruiz")

    assert services.article_make_block_renditions(article=article) == 1
    block.refresh_from_db()
    body = body_of(page_of(client, article))

    assert [size["width"] for size in block.renditions["full"]] == [480, 800, 900]
    assert "card" not in block.renditions, "a picture in the body is never cropped for cards"
    assert 'alt="Boats at low tide"' in body and 'loading="lazy"' in body
    assert re.search(r'<source type="image/webp" srcset="[^"]*full-480\.webp 480w, [^"]*full-800\.webp 800w', body)
    assert "<figcaption>The harbour on Tuesday. <span class=\"credit\">Photo: Ana Ruiz</span></figcaption>" in body
    assert block.image.name not in body, "the original is served only until renditions exist"
    # Made once: a second call finds them current.
    assert services.article_make_block_renditions(article=article) == 0


def test_until_its_renditions_exist_the_original_picture_is_shown(client):
    article = ArticleFactory()
    block = InlineImageFactory(article=article)

    body = body_of(page_of(client, article))

    assert f'src="{block.image.url}"' in body and 'width="900" height="600"' in body


def test_a_decorative_picture_is_passed_over_by_screen_readers(client):
    article = ArticleFactory()
    InlineImageFactory(article=article, decorative=True, alt="A wave pattern", caption="")

    body = body_of(page_of(client, article))

    assert 'alt=""' in body and "A wave pattern" not in body


def test_a_picture_needs_its_alt_text_unless_it_is_decorative():
    block = InlineImageFactory.build(article=ArticleFactory(), position=10, alt=" ", decorative=False)

    with pytest.raises(ValidationError) as refused:
        block.full_clean()
    assert "tick “decorative”" in refused.value.message_dict["alt"][0]

    block.decorative = True
    block.full_clean()


def test_a_pictures_caption_and_credit_are_shown_as_text(client):
    article = ArticleFactory()
    InlineImageFactory(article=article, alt=HOSTILE, caption=HOSTILE, credit=HOSTILE)

    body = body_of(page_of(client, article))

    assert "<script>" not in body and "<img src=x" not in body
    assert body.count("&lt;script&gt;") == 3


def test_a_deleted_picture_takes_its_renditions_with_it(django_capture_on_commit_callbacks):
    article = ArticleFactory()
    block = InlineImageFactory(article=article)
    services.article_make_block_renditions(article=article)
    block.refresh_from_db()
    files = {block.image.name, *images.rendition_names(block.renditions)}
    assert len(files) == 7 and all(default_storage.exists(name) for name in files)

    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=article.pk).delete()

    assert not any(default_storage.exists(name) for name in files)


# --- Pull quotes --------------------------------------------------------------------------------------------------

def test_a_pull_quote_is_a_figure_with_its_quote_and_attribution(client):
    article = ArticleFactory()
    PullQuoteFactory(article=article, quote="We will keep the ferry running.", attribution="Carys Morgan")

    body = body_of(page_of(client, article))

    assert re.search(
        r'<figure class="pull-quote">\s*<blockquote><p>We will keep the ferry running.</p></blockquote>\s*'
        r"<figcaption>Carys Morgan</figcaption>\s*</figure>", body,
    )


def test_a_pull_quote_is_shown_as_text(client):
    article = ArticleFactory()
    PullQuoteFactory(article=article, quote=HOSTILE, attribution=HOSTILE)

    body = body_of(page_of(client, article))

    assert "<script>" not in body and body.count("&lt;script&gt;") == 2


# --- Every kind in reading order, in search and in the gate --------------------------------------------------------

def test_the_media_kinds_stand_where_the_writer_put_them(client):
    article = ArticleFactory(body=False)
    TextSectionFactory(article=article, position=10, body="<p>The opening paragraph.</p>")
    EmbedFactory(article=article, position=20, title="The vote on film")
    PullQuoteFactory(article=article, position=30, quote="A ferry for the night.")
    InlineImageFactory(article=article, position=40, caption="The quay at dusk.")
    TextSectionFactory(article=article, position=50, body="<p>The closing paragraph.</p>")

    body = body_of(page_of(client, article))

    order = ["The opening paragraph.", "The vote on film", "A ferry for the night.", "The quay at dusk.", "The closing"]
    assert [body.index(text) for text in order] == sorted(body.index(text) for text in order)


def test_search_finds_the_words_of_each_media_kind():
    article = ArticleFactory()
    InlineImageFactory(article=article, caption="Cormorants drying their wings on the breakwater.")
    PullQuoteFactory(article=article, quote="Lighthouse keepers deserve a pension.", attribution="Owen Price")
    EmbedFactory(article=article, title="Trawlermen sing at the quay", caption="Recorded by the harbour choir.")
    other = ArticleFactory()
    services.article_reindex(article=article)
    services.article_reindex(article=other)

    for words in ["cormorants breakwater", "lighthouse pension", "Owen Price", "trawlermen quay", "harbour choir"]:
        found = list(Article.objects.published().search(SearchTerms.parse(words)))
        assert found == [article], words


def test_the_gate_reads_captions_credits_alt_texts_quotes_and_embed_titles():
    article = ArticleFactory()
    InlineImageFactory(article=article, position=20, caption="The harbour. TODO: check the date with the desk.",
                       credit="Photo: [TK]")
    InlineImageFactory(article=article, position=30, alt="", decorative=False)
    PullQuoteFactory(article=article, position=40, quote="We will spend $XXX million on it.",
                     attribution="Owen Price [ed: confirm his title]")
    EmbedFactory(article=article, position=50, title="The vote on film", caption="Note to the desk: swap in the live feed.")

    findings = findings_of(article)

    assert {
        ("error", "internal-note", "image 1 caption"),
        ("error", "placeholder", "image 1 credit"),
        ("error", "missing-part", "image 2 alt text"),
        ("error", "placeholder", "pull quote 1"),
        ("error", "internal-note", "pull quote 1 attribution"),
        ("error", "internal-note", "embed 1 caption"),
    } <= findings


def test_a_clean_story_with_every_media_kind_passes_the_gate():
    article = ArticleFactory()
    InlineImageFactory(article=article)
    InlineImageFactory(article=article, decorative=True, alt="", caption="")
    PullQuoteFactory(article=article)
    EmbedFactory(article=article)

    assert services.article_check(article=article) == []


# --- Edited in the article's admin ---------------------------------------------------------------------------------

@pytest.fixture
def draft(writer):
    return ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=writer)


def change(client, article, extra: dict, **files):
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url).content.decode())
    return client.post(url, {**data, **extra, **files})


def test_a_writer_uploads_a_picture_in_place_and_it_gets_its_renditions(client, writer, draft):
    client.force_login(writer)

    response = change(client, draft, {
        "inline_images-TOTAL_FORMS": ["1"], "inline_images-0-position": ["20"],
        "inline_images-0-alt": ["Boats at low tide"], "inline_images-0-caption": ["The harbour on Tuesday."],
        "inline_images-0-credit": ["Photo: Newsroom"],
    }, **{"inline_images-0-image": image_file("harbour.jpg", (900, 600))})

    assert response.status_code == 302, response.context["inline_admin_formsets"] and [
        formset.formset.errors for formset in response.context["inline_admin_formsets"]
    ]
    block = draft.inline_images.get()
    assert block.caption == "The harbour on Tuesday." and block.picture.has_renditions
    assert "The harbour on Tuesday." in Article.objects.get(pk=draft.pk).search_text


def test_the_admin_refuses_a_picture_without_alt_text_and_keeps_the_rest(client, writer, draft):
    client.force_login(writer)

    response = change(client, draft, {
        "inline_images-TOTAL_FORMS": ["1"], "inline_images-0-position": ["20"], "inline_images-0-alt": [""],
        "inline_images-0-caption": ["The harbour on Tuesday."],
    }, **{"inline_images-0-image": image_file("harbour.jpg", (900, 600))})

    assert response.status_code == 200
    assert "or tick “decorative” if it adds nothing" in response.content.decode()
    assert not InlineImage.objects.exists()


def test_a_writer_adds_a_pull_quote_and_an_embed(client, writer, draft):
    client.force_login(writer)

    response = change(client, draft, {
        "pull_quotes-TOTAL_FORMS": ["1"], "pull_quotes-0-position": ["20"],
        "pull_quotes-0-quote": ["We will keep the ferry running."], "pull_quotes-0-attribution": ["Carys Morgan"],
        "embeds-TOTAL_FORMS": ["1"], "embeds-0-position": ["30"],
        "embeds-0-url": ["https://youtu.be/aqz-KE-bpKQ"], "embeds-0-title": ["The vote on film"],
    })

    assert response.status_code == 302
    assert draft.pull_quotes.get().attribution == "Carys Morgan"
    assert draft.embeds.get().embedded.player == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"


@pytest.mark.parametrize(("link", "says"), [
    ("https://evil.example/watch?v=aqz-KE-bpKQ", "Only links to YouTube, Vimeo, SoundCloud, Bluesky, X or Mastodon"),
    ("javascript:alert(document.cookie)", "Only web addresses (starting with https://) can be embedded."),
    ("data:text/html,<script>alert(1)</script>", "Only web addresses (starting with https://) can be embedded."),
])
def test_the_admin_refuses_an_embed_it_may_not_show_and_says_why(client, writer, draft, link, says):
    client.force_login(writer)

    response = change(client, draft, {
        "embeds-TOTAL_FORMS": ["1"], "embeds-0-position": ["30"], "embeds-0-url": [link],
        "embeds-0-title": ["The vote on film"],
    })

    assert response.status_code == 200
    messages = [
        message for formset in response.context["inline_admin_formsets"] for error in formset.formset.errors
        for message in error.get("url", [])
    ]
    assert len(messages) == 1 and says in messages[0], messages
    assert not Embed.objects.exists()
