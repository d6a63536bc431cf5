from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import services
from articles.models import Article
from articles.previews import preview_url
from tests.factories import ArticleFactory, CalloutFactory, FaqEntryFactory, ParticipantFactory, ParticipantTableFactory
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

Status = Article.Status


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def workflow(client, article, **data):
    return client.post(reverse("admin:articles_article_workflow", args=[article.pk]), data, follow=True)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def draft_by(user, body="<p>The council approved the budget on Tuesday.</p>"):
    return ArticleFactory(status=Status.DRAFT, published_at=None, created_by=user, body=body)


def test_writer_submits_from_the_admin_and_sees_the_history(client, writer):
    article = draft_by(writer)
    client.force_login(writer)

    response = workflow(client, article, action="submit", note="Please check the figures")

    assert "is now in review" in " ".join(messages_of(response))
    page = response.content.decode()
    assert "Workflow history" in page and "Please check the figures" in page


def test_writer_is_refused_an_editor_step_with_a_clear_message(client, writer):
    article = draft_by(writer)
    client.force_login(writer)

    response = workflow(client, article, action="publish")

    assert messages_of(response) == ["Only an editor can do this: publish now."]
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_gate_findings_show_field_rule_and_text_and_block_the_step(client, writer):
    article = draft_by(writer, body="<p>Prime Minister [Insert name - research needed] said the plan works.</p>")
    client.force_login(writer)

    response = workflow(client, article, action="submit")

    assert "error" in " ".join(messages_of(response))
    findings = response.content.decode().split('class="newsroom-findings"', 1)[1].split("</table>", 1)[0]
    assert "placeholder" in findings and "research needed" in findings and "section 1" in findings.lower()
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_writer_cannot_edit_someone_elses_or_a_submitted_article(client, writer, other_writer):
    theirs = draft_by(other_writer)
    mine = draft_by(writer)
    services.article_submit(article=mine, by=writer)
    client.force_login(writer)

    for article in (theirs, mine):
        page = client.get(change_url(article)).content.decode()
        assert 'name="_save"' not in page
        assert client.post(change_url(article), {"headline": "Changed"}).status_code == 403


def test_editor_publishes_and_scheduled_time_shows_in_newsroom_time_zone(client, editor, settings):
    article = draft_by(editor)
    client.force_login(editor)
    at = timezone.localtime(timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)

    response = workflow(client, article, action="schedule", at=at.strftime("%Y-%m-%dT%H:%M"))

    article.refresh_from_db()
    assert article.status == Status.SCHEDULED and article.published_at == at
    assert f"Scheduled for {at:%d %b %Y, %H:%M} {at.tzname()}" in response.content.decode()


def test_second_save_is_refused_naming_who_saved_and_keeping_the_text(client, editor, writer):
    article = draft_by(writer)
    client.force_login(writer)
    mine = form_data(client.get(change_url(article)).content.decode())
    client.force_login(editor)
    theirs = form_data(client.get(change_url(article)).content.decode())
    theirs["headline"] = ["Editor's better headline"]
    assert client.post(change_url(article), theirs).status_code == 302

    client.force_login(writer)
    mine["headline"] = ["Writer's own headline, typed with care"]
    response = client.post(change_url(article), mine)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Editor Tester saved this article at" in page
    assert "Writer&#x27;s own headline, typed with care" in page
    article.refresh_from_db()
    assert article.headline == "Editor's better headline"


def test_admin_says_who_else_has_the_article_open(client, editor, writer):
    article = draft_by(writer)
    client.force_login(writer)
    client.get(change_url(article))

    client.force_login(editor)
    page = client.get(change_url(article)).content.decode()

    assert "Being edited by Writer Tester" in page


def test_revert_restores_blocks_added_changed_and_removed(client, editor):
    article = draft_by(editor)
    FaqEntryFactory(article=article, question="When does it start?", answer="In April.")
    client.force_login(editor)
    first = form_data(client.get(change_url(article)).content.decode())
    first["summary"] = ["The council approved the budget on Tuesday, after a long debate."]
    assert client.post(change_url(article), first).status_code == 302

    second = form_data(client.get(change_url(article)).content.decode())
    second["faq_entries-0-answer"] = ["In May."]
    second["headline"] = ["A changed headline"]
    assert client.post(change_url(article), second).status_code == 302
    CalloutFactory(article=article, label="Pro Tip")
    third = form_data(client.get(change_url(article)).content.decode())
    third["summary"] = ["The council approved the budget on Tuesday; it starts in May."]
    assert client.post(change_url(article), third).status_code == 302
    assert article.callouts.count() == 1

    versions = list(Version.objects.get_for_object(article))
    oldest = versions[-1]
    compare = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]), {"from": oldest.pk, "to": versions[0].pk},
    ).content.decode()
    assert "<del>Council approves budget number" in compare and "<ins>A changed headline</ins>" in compare
    assert "Callout 1: added" in compare and "<ins>Pro Tip</ins>" in compare
    assert "FAQ entry 1: changed" in compare and "In <del>April</del><ins>May</ins>." in compare

    revert_url = reverse("admin:articles_article_revision", args=[article.pk, oldest.pk])
    data = form_data(client.get(revert_url).content.decode())
    data["revert_note"] = ["Back to the April start date."]
    response = client.post(revert_url, data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline.startswith("Council approves")
    assert article.faq_entries.get().answer == "In April."
    assert article.callouts.count() == 0


def test_revert_never_changes_the_workflow_state(client, editor):
    article = draft_by(editor)
    client.force_login(editor)
    data = form_data(client.get(change_url(article)).content.decode())
    data["summary"] = ["A first summary, saved as the first revision."]
    client.post(change_url(article), data)
    oldest = Version.objects.get_for_object(article).last()
    services.article_publish(article=article, by=editor)

    revert_url = reverse("admin:articles_article_revision", args=[article.pk, oldest.pk])
    data = form_data(client.get(revert_url).content.decode())
    data["revert_note"] = ["The first summary was better."]
    assert client.post(revert_url, data).status_code == 302

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_staff_preview_shows_a_draft_to_staff_only(client, writer):
    article = draft_by(writer)
    url = reverse("articles:preview", args=[article.pk])

    assert client.get(url).status_code == 302  # to the login page
    client.force_login(writer)
    response = client.get(url)
    assert response.status_code == 200
    assert "Preview: readers cannot see this article yet" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_share_link_opens_one_article_until_it_expires(client, editor):
    article, other = draft_by(editor), draft_by(editor)
    url, expires_at = preview_url(article_id=article.pk, lifetime=timedelta(hours=1))

    response = client.get(url)
    assert response.status_code == 200 and article.headline in response.content.decode()
    assert other.headline not in response.content.decode()

    token = url.rstrip("/").rsplit("/", 1)[1]
    forged = reverse("articles:shared_preview", args=[token.replace(token[-3:], "abc")])
    assert client.get(forged).status_code == 404

    expired, _ = preview_url(article_id=article.pk, lifetime=timedelta(hours=1), now=timezone.now() - timedelta(hours=2))
    assert client.get(expired).status_code == 404


def test_admin_creates_a_share_link(client, editor):
    article = draft_by(editor)
    client.force_login(editor)

    response = workflow(client, article, action="share", share_hours=2)

    message = messages_of(response)[0]
    assert "Preview link for this article only" in message
    link = message.rsplit(": ", 1)[1]
    client.logout()
    assert client.get(link.replace("http://testserver", "")).status_code == 200


def test_editor_adds_a_correction_from_the_admin(client, editor):
    article = draft_by(editor)
    services.article_publish(article=article, by=editor)
    client.force_login(editor)
    data = form_data(client.get(change_url(article)).content.decode())
    data.update({"corrections-TOTAL_FORMS": ["1"], "corrections-0-kind": ["correction"],
                 "corrections-0-text": ["An earlier version gave the wrong date."]})

    assert client.post(change_url(article), data).status_code == 302

    correction = article.corrections.get()
    assert correction.by == editor
    assert "An earlier version gave the wrong date." in client.get(article.get_absolute_url()).content.decode()


def test_writer_cannot_add_move_or_delete_tables_of_articles_they_may_not_edit(client, writer, editor):
    live = draft_by(editor)
    services.article_publish(article=live, by=editor)
    table = ParticipantTableFactory(article=live, title="Key Participants")
    ParticipantFactory(table=table, name="Cho Hyun")
    client.force_login(editor)
    data = form_data(client.get(change_url(live)).content.decode())
    client.force_login(writer)
    data["participant_tables-0-rows-0-name"] = ["Hijack"]
    data["participant_tables-0-DELETE"] = ["on"]

    assert client.post(change_url(live), data).status_code == 403
    # A table has no page of its own: it is edited only inside its article, under the article's rules.
    assert client.get(f"/admin/articles/participanttable/{table.pk}/change/").status_code == 404
    assert live.participant_tables.get() == table
    assert [row.name for row in table.participants.all()] == ["Cho Hyun"]


def test_editing_a_public_article_into_gate_errors_is_refused_and_the_text_kept(client, editor):
    article = draft_by(editor)
    services.article_publish(article=article, by=editor)
    client.force_login(editor)
    url = change_url(article)
    data = form_data(client.get(url).content.decode())
    data["text_sections-0-body"] = ["<p>The minister, [Insert name - research needed], spoke on Tuesday.</p>"]

    response = client.post(url, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "This article is public, so changes the quality check refuses were not saved" in page
    assert "[Insert name - research needed]" in page
    assert "research needed" not in client.get(article.get_absolute_url()).content.decode()
    assert Version.objects.get_for_object(article).count() == 0


def test_editing_a_public_table_into_gate_errors_is_refused(client, editor):
    article = draft_by(editor)
    services.article_publish(article=article, by=editor)
    table = ParticipantTableFactory(article=article)
    ParticipantFactory(table=table, name="Cho Hyun")
    client.force_login(editor)
    url = change_url(article)
    data = form_data(client.get(url).content.decode())
    assert data["participant_tables-0-rows-0-name"] == ["Cho Hyun"]
    data["participant_tables-0-rows-0-name"] = ["TKTK"]

    response = client.post(url, data)

    assert response.status_code == 200 and "quality check refuses" in response.content.decode()
    assert 'value="TKTK"' in response.content.decode()  # the writer's text comes back to be fixed
    assert table.participants.get().name == "Cho Hyun"


def test_a_content_save_never_writes_the_workflow_state(client, editor):
    article = draft_by(editor)
    client.force_login(editor)
    data = form_data(client.get(change_url(article)).content.decode())
    # A transition that lands between loading and saving, without the form noticing.
    Article.objects.filter(pk=article.pk).update(status=Status.PUBLISHED, published_at=timezone.now())
    data["headline"] = ["A better headline"]

    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.status) == ("A better headline", Status.PUBLISHED)


def test_save_racing_past_the_form_check_is_refused_under_the_row_lock(rf, editor):
    from django.contrib.admin.sites import site

    from articles.admin import SaveRefused

    article = draft_by(editor)
    model_admin = site._registry[Article]
    request = rf.post("/")
    request.user = editor
    form = type("Form", (), {"cleaned_data": {"loaded_version": article.edit_version}, "has_changed": lambda self: True})()
    Article.objects.filter(pk=article.pk).update(edit_version=article.edit_version + 1)

    with pytest.raises(SaveRefused, match="Someone saved this article"):
        model_admin.save_model(request, article, form, change=True)


def test_writer_cannot_share_someone_elses_draft(client, writer, editor):
    article = draft_by(editor)
    client.force_login(writer)

    response = client.post(reverse("admin:articles_article_workflow", args=[article.pk]), {"action": "share"})

    assert response.status_code == 403


@pytest.mark.parametrize("path", ["abc/workflow/", "abc/history/compare/", "{pk}/history/compare/?from=abc&to=1"])
def test_odd_ids_in_staff_urls_are_404s(client, editor, path):
    article = draft_by(editor)
    client.force_login(editor)

    response = client.post(f"/admin/articles/article/{path.format(pk=article.pk)}") if "workflow" in path else \
        client.get(f"/admin/articles/article/{path.format(pk=article.pk)}")

    assert response.status_code == 404


def test_history_lists_revisions_with_a_compare_form_that_works(client, editor):
    article = draft_by(editor)
    client.force_login(editor)
    for headline in ("First headline", "Second headline"):
        data = form_data(client.get(change_url(article)).content.decode())
        data["headline"] = [headline]
        assert client.post(change_url(article), data).status_code == 302

    history = client.get(reverse("admin:articles_article_history", args=[article.pk]))

    assert history.status_code == 200
    compare_form = form_data(history.content.decode(), form_id="compare-revisions")
    compare = client.get(reverse("admin:articles_article_compare", args=[article.pk]),
                         {key: values[0] for key, values in compare_form.items()})
    assert "<dt>Headline</dt>\n  <dd><del>First</del><ins>Second</ins> headline" in compare.content.decode()


def test_a_step_button_saves_the_edits_first_so_nothing_typed_is_lost(client, writer):
    article = draft_by(writer, body="<p>The mayor, [INSERT NAME], opened the bridge on Monday.</p>")
    client.force_login(writer)
    data = form_data(client.get(change_url(article)).content.decode())
    data["text_sections-0-body"] = ["<p>The mayor, Ana Costa, opened the bridge on Monday.</p>"]
    data.update({"_workflow_action": ["submit"], "_workflow_note_submit": ["Fixed the name"]})

    response = client.post(change_url(article), data, follow=True)

    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    assert "Ana Costa" in article.text_sections.get().body
    assert article.transitions.get().note == "Fixed the name"
    assert "is now in review" in " ".join(messages_of(response))


def test_a_step_button_with_invalid_edits_takes_no_step_and_keeps_the_text(client, writer):
    article = draft_by(writer)
    client.force_login(writer)
    data = form_data(client.get(change_url(article)).content.decode())
    data.update({"headline": [""], "subheadline": ["A dek I wrote with care"], "_workflow_action": ["submit"]})

    response = client.post(change_url(article), data)

    assert response.status_code == 200 and "A dek I wrote with care" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.DRAFT
