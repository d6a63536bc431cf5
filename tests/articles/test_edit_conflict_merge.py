"""A save refused because someone else saved first shows both versions side by side, and merges them as the writer
chooses: the merged text is shown to check and edit, and saved like any save (conflict check, gate, revision)."""

import uuid

import pytest
from django.urls import reverse
from reversion.models import Version

from articles.models import Article
from tests.factories import ArticleFactory, CalloutFactory, FaqEntryFactory, ParticipantFactory, ParticipantTableFactory
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

Status = Article.Status


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def page_form(client, article) -> dict[str, list[str]]:
    return form_data(client.get(change_url(article)).content.decode())


def panel(page: str) -> str:
    start = page.index('id="newsroom-conflict"')
    return page[start:page.index("</section>", start)]


def revisions(article) -> int:
    return Version.objects.get_for_object(article).count()


@pytest.fixture
def story(writer):
    article = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=writer, headline="Harbour reopens",
                             summary="The harbour reopened on Monday.")
    CalloutFactory(article=article, position=10, label="Ferry times", body="Ferries run every hour.")
    FaqEntryFactory(article=article, position=20, question="When does it open?", answer="On Monday.")
    table = ParticipantTableFactory(article=article, position=30, title="Who spoke")
    ParticipantFactory(table=table, order=0, name="Ana Costa", represents="Harbour board", role="Chair")
    return article


@pytest.fixture
def refused(client, story, editor, writer):
    """The editor saves a new headline and callout; the writer's save of a new summary and FAQ answer, from a page
    opened before that, is refused. Returns the writer's posted data and the refused page."""
    client.force_login(writer)
    mine = page_form(client, story)
    client.force_login(editor)
    theirs = page_form(client, story)
    theirs["headline"] = ["Harbour reopens after the storm"]
    theirs["callouts-0-body"] = ["Ferries run every half hour."]
    assert client.post(change_url(story), theirs).status_code == 302

    client.force_login(writer)
    mine["summary"] = ["Boats sailed again on Monday morning."]
    mine["faq_entries-0-answer"] = ["On Monday at six."]
    response = client.post(change_url(story), mine)
    assert response.status_code == 200
    return mine, response.content.decode()


def test_a_refused_save_shows_their_version_and_mine_for_what_differs(refused, story):
    _mine, page = refused

    shown = panel(page)
    assert "Someone else saved first" in shown and "Apply my choices" in shown
    for both in (("Harbour reopens after the storm", "Harbour reopens"), ("The harbour reopened on Monday.",
                 "Boats sailed again on Monday morning."), ("Ferries run every half hour.", "Ferries run every hour."),
                 ("On Monday.", "On Monday at six.")):
        for text in both:
            assert text in shown
    assert 'name="_merge_field_headline"' in shown and 'name="_merge_field_summary"' in shown
    callout, faq = story.callouts.get(), story.faq_entries.get()
    assert f'name="_merge_block_{callout.uid}"' in shown and f'name="_merge_block_{faq.uid}"' in shown
    # What both have alike is not listed: the table, the slug, the section.
    assert "Ana Costa" not in shown and 'name="_merge_field_slug"' not in shown
    # Every item keeps mine unless chosen otherwise.
    assert shown.count('value="mine" checked') == 4 and 'value="theirs" checked' not in shown


def test_merged_choices_are_shown_unsaved_then_saved_like_any_save(client, refused, story):
    mine, _page = refused
    before = revisions(story)
    saved_version = Article.objects.get(pk=story.pk).edit_version

    chosen = {**mine, "_merge": ["choices"], "_merge_field_headline": ["theirs"],
              f"_merge_block_{story.callouts.get().uid}": ["theirs"]}
    response = client.post(change_url(story), chosen)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="newsroom-conflict"' not in page and "Nothing is saved yet" in page
    merged = form_data(page)
    assert merged["headline"] == ["Harbour reopens after the storm"]
    assert merged["summary"] == ["Boats sailed again on Monday morning."]
    assert merged["callouts-0-body"] == ["Ferries run every half hour."]
    assert merged["faq_entries-0-answer"] == ["On Monday at six."]
    assert merged["loaded_version"] == [str(saved_version)]
    story.refresh_from_db()
    assert (story.summary, revisions(story)) == ("The harbour reopened on Monday.", before)

    assert client.post(change_url(story), merged).status_code == 302
    story.refresh_from_db()
    assert story.headline == "Harbour reopens after the storm"
    assert story.summary == "Boats sailed again on Monday morning."
    assert story.callouts.get().body == "Ferries run every half hour."
    assert story.faq_entries.get().answer == "On Monday at six."
    assert [p.name for p in story.participant_tables.get().participants.all()] == ["Ana Costa"]
    assert revisions(story) == before + 1


def test_take_all_theirs_gives_their_version(client, refused, story):
    mine, _page = refused
    merged = form_data(client.post(change_url(story), {**mine, "_merge": ["theirs"]}).content.decode())
    assert merged["summary"] == ["The harbour reopened on Monday."]
    assert merged["faq_entries-0-answer"] == ["On Monday."]
    assert merged["headline"] == ["Harbour reopens after the storm"]


def add_callout(data, story, label, body) -> str:
    """A new callout block typed in the page (as the body editor adds one), before any save."""
    index = int(data["callouts-TOTAL_FORMS"][0])
    uid = str(uuid.uuid4())
    data.update({
        "callouts-TOTAL_FORMS": [str(index + 1)], f"callouts-{index}-uid": [uid], f"callouts-{index}-region": ["body"],
        f"callouts-{index}-ordering": ["40"], f"callouts-{index}-label": [label], f"callouts-{index}-body": [body],
        f"callouts-{index}-id": [""], f"callouts-{index}-article": [str(story.pk)],
    })
    return uid


@pytest.mark.parametrize("drop", [False, True])
def test_a_block_only_they_added_stays_unless_the_writer_drops_it(client, story, editor, writer, drop):
    client.force_login(writer)
    mine = page_form(client, story)
    client.force_login(editor)
    theirs = page_form(client, story)
    theirs_uid = add_callout(theirs, story, "Parking", "The car park stays closed.")
    assert client.post(change_url(story), theirs).status_code == 302
    client.force_login(writer)
    mine["summary"] = ["Boats sailed again on Monday morning."]
    my_uid = add_callout(mine, story, "Tickets", "Tickets are sold on board.")
    # Their new block is listed as theirs to keep, mine as mine.
    shown = panel(client.post(change_url(story), mine).content.decode())
    assert "Parking" in shown and "added by them" in shown and "Tickets" in shown and "added by you" in shown
    assert f'name="_merge_block_{theirs_uid}" value="theirs" checked' in shown

    choice = {"_merge": ["choices"], f"_merge_block_{theirs_uid}": ["mine"]} if drop else {"_merge": ["mine"]}
    merged = form_data(client.post(change_url(story), {**mine, **choice}).content.decode())
    assert client.post(change_url(story), merged).status_code == 302

    story.refresh_from_db()
    labels = {callout.label: str(callout.uid) for callout in story.callouts.all()}
    expected = {"Ferry times", "Tickets"} if drop else {"Ferry times", "Parking", "Tickets"}
    assert set(labels) == expected
    assert labels["Tickets"] == my_uid
    assert story.summary == "Boats sailed again on Monday morning."


def test_a_block_they_removed_comes_back_when_the_writer_keeps_theirs_and_stays_gone_if_not(client, story, editor,
                                                                                              writer):
    client.force_login(writer)
    mine = page_form(client, story)
    faq_uid = str(story.faq_entries.get().uid)
    client.force_login(editor)
    theirs = page_form(client, story)
    theirs["faq_entries-0-DELETE"] = ["on"]
    assert client.post(change_url(story), theirs).status_code == 302
    assert not story.faq_entries.exists()

    client.force_login(writer)
    mine["faq_entries-0-answer"] = ["On Monday at six."]
    shown = panel(client.post(change_url(story), mine).content.decode())
    assert "removed by them" in shown and f'name="_merge_block_{faq_uid}"' in shown

    merged = form_data(client.post(change_url(story), {**mine, "_merge": ["choices"]}).content.decode())
    assert client.post(change_url(story), merged).status_code == 302
    entry = story.faq_entries.get()
    assert (entry.answer, str(entry.uid)) == ("On Monday at six.", faq_uid)


def test_a_block_i_removed_stays_removed_when_i_keep_mine(client, story, editor, writer):
    client.force_login(writer)
    mine = page_form(client, story)
    client.force_login(editor)
    theirs = page_form(client, story)
    theirs["headline"] = ["Harbour reopens after the storm"]
    assert client.post(change_url(story), theirs).status_code == 302

    client.force_login(writer)
    mine["callouts-0-DELETE"] = ["on"]
    shown = panel(client.post(change_url(story), mine).content.decode())
    assert "removed by you" in shown
    merged = form_data(client.post(change_url(story), {**mine, "_merge": ["choices"]}).content.decode())
    assert client.post(change_url(story), merged).status_code == 302
    story.refresh_from_db()
    assert not story.callouts.exists() and story.headline == "Harbour reopens"


def test_a_merge_that_puts_gate_errors_on_a_live_article_is_refused_like_any_save(client, editor, writer):
    live = ArticleFactory(headline="Harbour reopens", created_by=editor)
    client.force_login(editor)
    mine = page_form(client, live)
    theirs = page_form(client, live)
    theirs["headline"] = ["Harbour reopens after the storm"]
    assert client.post(change_url(live), theirs).status_code == 302

    mine["summary"] = ["Minister [Insert name - research needed] opened the harbour."]
    assert 'id="newsroom-conflict"' in client.post(change_url(live), mine).content.decode()
    merged = form_data(client.post(change_url(live), {**mine, "_merge": ["choices"]}).content.decode())
    response = client.post(change_url(live), merged)

    assert response.status_code == 200 and "changes the quality check refuses were not saved" in response.content.decode()
    live.refresh_from_db()
    assert live.summary != mine["summary"][0] and live.headline == "Harbour reopens after the storm"


def test_no_merge_for_someone_who_may_not_change_the_article(client, story, other_writer):
    client.force_login(other_writer)
    data = {"headline": ["Taken over"], "_merge": ["theirs"]}
    assert client.post(change_url(story), data).status_code == 403


def test_the_byline_is_compared_and_taken_whole(client, story, editor, writer):
    from tests.factories import AuthorFactory

    before = [author.name for author in story.byline]
    other = AuthorFactory(name="Bo Lindqvist")
    client.force_login(writer)
    mine = page_form(client, story)
    client.force_login(editor)
    theirs = page_form(client, story)
    theirs["bylines-0-author"] = [str(other.pk)]
    assert client.post(change_url(story), theirs).status_code == 302

    client.force_login(writer)
    mine["summary"] = ["Boats sailed again on Monday morning."]
    shown = panel(client.post(change_url(story), mine).content.decode())
    assert 'name="_merge_list_bylines"' in shown and "Bo Lindqvist" in shown and before[0] in shown

    chosen = {**mine, "_merge": ["choices"], "_merge_list_bylines": ["theirs"]}
    merged = form_data(client.post(change_url(story), chosen).content.decode())
    assert client.post(change_url(story), merged).status_code == 302
    story.refresh_from_db()
    assert [author.name for author in story.byline] == ["Bo Lindqvist"]
    assert story.summary == "Boats sailed again on Monday morning."
