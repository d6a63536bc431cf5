"""Each finding of the gate says where the writer fixes it: the block's stable uid and the field in its form."""

from datetime import date

import pytest
from django.urls import reverse

from articles import services
from articles.models import Article
from articles.quality import Document, Part, check_document, in_severity_order
from tests.factories import (
    ArticleFactory, CalloutFactory, FaqEntryFactory, ParticipantFactory, ParticipantTableFactory, TextSectionFactory,
)
from tests.formdata import form_data


def _by_field(findings):
    return {finding.label: finding for finding in findings}


def test_a_part_s_place_is_carried_to_its_finding():
    doc = Document(headline="Ferry [TBD] returns", parts=[
        Part("callout 1", "Call [Insert name - research needed] for tickets.", aside=True,
             block_uid="2b1c", form_field="body"),
        Part("section 1", "The ferry runs again."),
    ])

    found = _by_field(check_document(doc))

    assert (found["callout 1"].block_uid, found["callout 1"].form_field) == ("2b1c", "body")
    assert found["callout 1"].text == "[Insert name - research needed]"
    # A field of the article itself has no block; its form field is the article form's.
    assert (found["headline"].block_uid, found["headline"].form_field) == ("", "headline")


@pytest.mark.django_db
def test_a_stored_block_s_finding_names_its_uid_and_field():
    article = ArticleFactory(body=False)
    section = TextSectionFactory(article=article, heading="what comes next", body="<p>The ferry runs again.</p>")
    callout = CalloutFactory(article=article, label="Tickets", body="Call [Insert name - research needed] today.")

    found = _by_field(services.article_check(article=article))

    assert (found["callout 1"].block_uid, found["callout 1"].form_field) == (str(callout.uid), "body")
    assert (found["section 1 heading"].block_uid, found["section 1 heading"].form_field) == (str(section.uid), "heading")


@pytest.mark.django_db
def test_article_fields_faq_halves_table_rows_and_empty_tables_have_their_places():
    article = ArticleFactory(summary="Fares rise by [TBD].", dateline_place="Bergen, Norway", dateline_date=None,
                             authors=[])
    faq = FaqEntryFactory(article=article, question="When does it run?", answer="")
    full = ParticipantTableFactory(article=article, title="Crew")
    ParticipantFactory(table=full, name="Lena Ortiz")
    ParticipantFactory(table=full, name="")
    empty = ParticipantTableFactory(article=article, title="Passengers", position=full.position + 1)

    found = _by_field(services.article_check(article=article))

    assert (found["summary"].block_uid, found["summary"].form_field) == ("", "summary")
    assert (found["dateline"].block_uid, found["dateline"].form_field) == ("", "dateline_date")
    assert found["byline"].form_field == "bylines-0-author"
    assert (found["FAQ 1 answer"].block_uid, found["FAQ 1 answer"].form_field) == (str(faq.uid), "answer")
    assert (found["participant 2 name"].block_uid, found["participant 2 name"].form_field) == (
        str(full.uid), "rows-1-name")
    assert (found["participant table 2"].block_uid, found["participant table 2"].form_field) == (
        str(empty.uid), "title")


def test_errors_are_listed_before_warnings_each_in_reading_order():
    doc = Document(headline="talks resume", parts=[Part("section 1", "The talks resume [TBD].Both sides agree")])

    ordered = in_severity_order(check_document(doc))

    severities = [finding.severity for finding in ordered]
    assert severities == sorted(severities, key=lambda severity: severity != "error")
    assert "error" in severities and "warning" in severities


@pytest.mark.django_db
def test_check_again_points_at_a_block_not_saved_yet_by_the_uid_its_page_gave_it(client, writer):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=writer,
                             dateline_date=date(2026, 4, 2))
    client.force_login(writer)
    data = form_data(client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode())
    prefix = next(name[: -len("-TOTAL_FORMS")] for name in data if name.endswith("-TOTAL_FORMS") and "callout" in name)
    uid = "6f1d2c8e-3b7a-4c55-9a0e-1d2b3c4d5e6f"
    data[f"{prefix}-TOTAL_FORMS"] = ["1"]
    data.update({
        f"{prefix}-0-uid": [uid], f"{prefix}-0-region": ["body"], f"{prefix}-0-ordering": ["900"],
        f"{prefix}-0-label": ["Tickets"], f"{prefix}-0-body": ["Call [Insert name - research needed] today."],
    })

    html = client.post(reverse("admin:articles_article_check", args=[article.pk]), data).content.decode()

    assert f'data-block-uid="{uid}"' in html
    assert 'data-field="body"' in html
    assert "Go to callout 1" in html
    assert 'data-text="[Insert name - research needed]"' in html
