"""Whatever a reader types, in any field, reaches other readers as harmless text."""

from html.parser import HTMLParser
from pathlib import Path

import pytest

from comments.models import Comment
from tests.factories import CommentFactory


pytestmark = pytest.mark.django_db

OWN = [line for line in (Path(__file__).parent / "hostile_inputs.txt").read_text().splitlines() if line.strip()]
PUBLIC = Path(__file__).resolve().parents[3] / "shared" / "data" / "xss" / "xss_payloads_core.txt"
FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "style", "base", "meta", "link", "form",
                  "input", "button", "img", "video", "audio", "details", "marquee", "template", "noscript", "x",
                  "isindex", "body", "frame", "frameset", "applet"}
OUR_FORM_TAGS = {"form", "input", "button", "textarea", "label", "select", "option"}


class _Audit(HTMLParser):
    """Collect every active element or attribute in the page's main part that a reader could have smuggled in."""

    def __init__(self, allowed: set[str]):
        super().__init__(convert_charrefs=True)
        self.allowed, self.problems = allowed, []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS and tag not in self.allowed:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower().replace("\x00", "")
            if name.startswith("on") or name in {"style", "srcdoc", "formaction"}:
                self.problems.append(f"{tag}[{name}]")
            if name in {"href", "src", "action", "data"} and value.startswith(("javascript:", "data:", "vbscript:")):
                self.problems.append(f"{tag}[{name}={value[:30]}]")


def audit(html: str, allowed: set[str] = frozenset()) -> list[str]:
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    checker = _Audit(set(allowed))
    checker.feed("<main" + main)
    return checker.problems


def public_payloads() -> list[str]:
    if not PUBLIC.is_file():
        pytest.skip(f"the public XSS list is not beside this checkout ({PUBLIC.name} in ../shared/data/xss)")
    return [line for line in PUBLIC.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]


def test_own_list_covers_the_classic_classes():
    assert len(OWN) >= 50
    for marker in ["<script", "onerror", "javascript:", "<svg", "<iframe", "style=", "data:text", "{{", "%3C"]:
        assert any(marker.lower() in line.lower() for line in OWN), marker


def _render_thread(client, settings, article, payloads: list[str]) -> str:
    settings.COMMENTS_PER_PAGE = len(payloads) + 10
    parent = CommentFactory(article=article, body="Parent")
    Comment.objects.bulk_create(
        Comment(article=article, author_name=payload[:80], author_email="x@example.com", body=payload[:3000],
                status="approved", parent=parent if n % 2 else None, root=parent if n % 2 else None,
                depth=1 if n % 2 else 0)
        for n, payload in enumerate(payloads)
    )
    return client.get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize("source", ["own", "public"])
def test_hostile_names_and_bodies_are_shown_as_text(client, settings, article, source):
    payloads = OWN if source == "own" else public_payloads()

    page = _render_thread(client, settings, article, payloads)

    assert audit(page, allowed=OUR_FORM_TAGS) == []
    assert page.count('class="comment"') == len(payloads) + 1


@pytest.mark.parametrize("payload", OWN)
def test_hostile_input_sent_back_after_a_refusal_stays_text(post, payload):
    response = post(name=payload[:80], body=payload, token="expired-or-forged")

    assert response.status_code == 400
    assert audit(response.content.decode(), allowed=OUR_FORM_TAGS) == []


def test_hostile_report_note_and_moderation_queue_stay_text(client, moderator, article):
    comment = CommentFactory(article=article, body=OWN[0], author_name=OWN[7][:80], status="pending",
                             reasons=[OWN[8]])
    comment.flags.create(reason="other", note=OWN[15])
    client.force_login(moderator)

    page = client.get("/admin/comments/comment/?queue=all").content.decode()
    detail = client.get(f"/admin/comments/comment/{comment.pk}/change/").content.decode()

    for html in (page, detail):
        body = html.split('id="content"', 1)[1]
        assert "<script>alert(1)</script>" not in body
        assert "<img src=x onerror=alert(1)>" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_hostile_comment_in_notification_mail_is_plain_text(moderator, article, django_capture_on_commit_callbacks):
    from django.core import mail

    from comments import services

    with django_capture_on_commit_callbacks(execute=True):
        services.comment_submit(article=article, name=OWN[7][:80], email="new@example.com", body=OWN[0], ip="192.0.2.5")

    assert mail.outbox and "<script>alert(1)</script>" in mail.outbox[0].body
    assert mail.outbox[0].alternatives == []
