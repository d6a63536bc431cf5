"""The demo in a fresh clone without the seed page: a full story with every block kind, and a draft the gate blocks."""

import io

import pytest
from django.core.management import call_command

from articles import services
from articles.blocks import registry
from articles.demo_content import DEMO_BLOCKED_DRAFT, DEMO_FULL_STORY
from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_seed_demo(tmp_path):
    """The demo as `make run` loads it in a clone with nothing beside it."""
    out = io.StringIO()
    call_command("load_demo", "--seed", str(tmp_path / "no-such-seed.txt"), "--no-users", stdout=out)
    return out.getvalue()


def full_story() -> Article:
    return Article.objects.for_article_page().get(headline=DEMO_FULL_STORY["page"].headline)


def test_without_the_seed_the_demo_says_so_and_still_loads_the_full_story(no_seed_demo):
    assert "No seed page" in no_seed_demo
    assert "Story with every kind of block: " + full_story().get_absolute_url() in no_seed_demo
    assert not Article.objects.filter(slug__startswith="japans-new-cabinet").exists()


def test_the_full_story_has_a_block_of_every_registered_kind_and_a_drawn_lead_image(no_seed_demo):
    article = full_story()
    assert {kind.name for kind in registry if kind.blocks_of(article)} == {kind.name for kind in registry}
    assert all(table.participants.count() == 3 for table in article.participant_tables.all())
    assert article.is_public
    with article.lead_image.open("rb") as image:
        assert image.read(3) == b"\xff\xd8\xff"  # a JPEG, drawn here rather than downloaded
    assert article.lead_image_renditions
    (picture,) = article.inline_images.all()
    with picture.image.open("rb") as image:
        assert image.read(4) == b"\x89PNG"  # drawn here too
    assert picture.picture.has_renditions


def test_the_full_story_passes_the_quality_gate_without_a_single_warning(no_seed_demo):
    assert services.article_check(article=full_story()) == []


def test_the_full_story_page_shows_every_kind_in_reading_order(client, no_seed_demo):
    article = full_story()
    html = client.get(article.get_absolute_url()).content.decode()
    # The story as readers see it, after the head's structured data (which repeats the FAQ).
    page = html[html.index("</head>"):]

    expected = [
        "Councillors in Porthaven voted 9 to 4",
        "<caption>Key participants</caption>", "Carys Morgan", "Owen Price", "Delyth Rees",
        "Did You Know?",
        "What changes for passengers", "Bicycles carried free of charge.",
        "The evening crossings as the new board on the quay lists them.",
        "Pro Tip",
        "Why it stopped",
        '<figure class="pull-quote">', "Carys Morgan, council leader",
        "Big Buck Bunny, an open film by the Blender Foundation", "Load the video from YouTube",
        "Over to you", "Would a night ferry change how you get home", "what should the town cut first?",
        "Frequently asked questions", "When does the night ferry start?", "What happens after the trial?",
        "This is demo content for trying out Newsroom.",
    ]
    positions = [page.find(text) for text in expected]
    assert -1 not in positions, [text for text, at in zip(expected, positions, strict=True) if at == -1]
    assert positions == sorted(positions)
    assert f'alt="{DEMO_FULL_STORY["image"]["alt"]}"' in page
    assert DEMO_FULL_STORY["image"]["caption"] in page


def test_the_demo_draft_is_blocked_by_the_gate_and_hidden_from_readers(client, no_seed_demo, editor):
    draft = Article.objects.get(headline=DEMO_BLOCKED_DRAFT["page"].headline)
    errors = {f.rule for f in services.article_check(article=draft) if f.severity == "error"}

    assert {
        "internal-note", "placeholder", "empty-block", "spintax", "shortcode", "cut-paragraph", "machine-text",
    } <= errors
    with pytest.raises(services.GateBlocked):
        services.article_publish(article=draft, by=editor, acknowledge_warnings=True)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_loading_the_demo_again_changes_nothing(tmp_path, no_seed_demo):
    before = full_story()
    blocks = [(type(block).__name__, block.position) for block in before.body_blocks()]

    call_command("load_demo", "--seed", str(tmp_path / "no-such-seed.txt"), "--no-users", stdout=io.StringIO())

    after = full_story()
    assert [(type(block).__name__, block.position) for block in after.body_blocks()] == blocks
    assert after.lead_image.name == before.lead_image.name
    assert Article.objects.filter(headline=DEMO_BLOCKED_DRAFT["page"].headline).count() == 1


def test_the_demo_shows_a_warning_an_editor_acknowledged_with_a_reason(no_seed_demo):
    call_command("load_demo", "--seed", "no-such-seed.txt", stdout=io.StringIO())
    live = Article.objects.get(headline="The Latest: harbour pilots strike halts ferries")
    acknowledged = live.gate_acknowledgements.get()
    assert (acknowledged.rule, acknowledged.by.username) == ("repeated-paragraph", "editor")
    assert "live style" in acknowledged.reason
    assert [f.rule for f in services.article_check(article=live)] == ["repeated-paragraph"]

