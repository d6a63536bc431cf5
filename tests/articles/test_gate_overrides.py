"""NEWSROOM_QUALITY_RULES changes a rule's severity or turns it off, wherever the gate runs; a typo is a check error."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from articles import services
from articles.checks import quality_rules_setting
from articles.models import Article
from newsroom.settings import env_map
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

Status = Article.Status
ROOT = Path(__file__).resolve().parents[2]
# One warning (a sentence run into the next) and, in the second, one error (a placeholder).
RUN_ON = "<p>The harbour vote was tight.it passed by a single voice.</p>"
PLACEHOLDER = "<p>The harbour master said the dredging costs [TK] in total.</p>"


def in_review(body: str) -> Article:
    return ArticleFactory(status=Status.IN_REVIEW, published_at=None, body=body)


def test_a_rule_turned_off_no_longer_holds_up_publishing(editor, settings):
    article = in_review(RUN_ON)
    with pytest.raises(services.GateBlocked, match="warning"):
        services.article_publish(article=article, by=editor)

    settings.NEWSROOM_QUALITY_RULES = {"missing-space": "off"}
    assert [f.rule for f in services.article_check(article=article)] == []
    services.article_publish(article=article, by=editor)

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_a_warning_made_an_error_blocks_even_once_read(editor, settings):
    settings.NEWSROOM_QUALITY_RULES = {"missing-space": "error"}
    article = in_review(RUN_ON)

    with pytest.raises(services.GateBlocked, match="error"):
        services.article_publish(article=article, by=editor, acknowledge_warnings=True)

    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


def test_an_error_made_a_warning_only_needs_reading(editor, settings):
    settings.NEWSROOM_QUALITY_RULES = {"placeholder": "warning"}
    article = in_review(PLACEHOLDER)

    with pytest.raises(services.GateBlocked, match="warning"):
        services.article_publish(article=article, by=editor)
    services.article_publish(article=article, by=editor, acknowledge_warnings=True)

    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_the_article_list_and_the_panel_count_with_the_sites_severities(client, editor, settings):
    article = in_review(RUN_ON)
    client.force_login(editor)
    listing = reverse("admin:articles_article_changelist")
    assert "1 warning" in client.get(listing).content.decode()

    settings.NEWSROOM_QUALITY_RULES = {"missing-space": "error"}
    assert "1 error" in client.get(listing).content.decode()
    panel = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "finding-error" in panel and "tight.it" in panel

    settings.NEWSROOM_QUALITY_RULES = {"missing-space": "off"}
    assert "Clean" in client.get(listing).content.decode()


def test_the_setting_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("NEWSROOM_QUALITY_RULES", " missing-space=off, date-mismatch = error ,,lowercase-name")

    assert env_map("NEWSROOM_QUALITY_RULES") == {"missing-space": "off", "date-mismatch": "error", "lowercase-name": ""}


def test_a_good_setting_passes_the_system_check(settings):
    settings.NEWSROOM_QUALITY_RULES = {"missing-space": "off", "date-mismatch": "error", "no-byline": "warning"}

    assert quality_rules_setting() == []


def test_an_unknown_rule_or_severity_is_a_system_check_error(settings):
    settings.NEWSROOM_QUALITY_RULES = {"missing-spaces": "off", "date-mismatch": "loud", "no-byline": ""}

    errors = quality_rules_setting()

    assert [error.id for error in errors] == ["articles.E001"] * 3
    messages = " ".join(error.msg for error in errors)
    assert "unknown rule “missing-spaces”" in messages
    assert "unknown level “loud” for “date-mismatch”" in messages
    assert "missing-space" in errors[0].hint


def test_manage_check_fails_on_a_mistyped_setting_from_the_environment():
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "NEWSROOM_"))}
    environment |= {"DJANGO_SECRET_KEY": "test-only-key-not-for-production", "NEWSROOM_QUALITY_RULES": "placeholdr=off"}

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )

    assert result.returncode != 0
    assert "articles.E001" in result.stderr and "“placeholdr”" in result.stderr
