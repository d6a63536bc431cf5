import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles.richtext import sanitize_html
from tests.factories import ArticleFactory, TextSectionFactory, image_file

pytestmark = pytest.mark.django_db

HOSTILE_BODIES = [
    '<p>Hi<script>alert("x")</script></p>',
    '<p><img src=x onerror="alert(1)">Hi</p>',
    '<p><a href="javascript:alert(1)">Hi</a></p>',
    '<p onclick="alert(1)">Hi</p>',
    '<p><iframe src="https://evil.example"></iframe>Hi</p>',
    '<p><a href="JaVaScRiPt:alert(1)">Hi</a></p>',
    '<p><svg onload=alert(1)>Hi</svg></p>',
    '<p style="background:url(javascript:alert(1))">Hi</p>',
    '<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Hi</a></p>',
]


@pytest.mark.parametrize("body", HOSTILE_BODIES)
def test_hostile_body_never_reaches_a_reader(client, body):
    section = TextSectionFactory(body=body)

    page = client.get(section.article.get_absolute_url()).content.decode()
    story = page.split('class="story-body"', 1)[1].split("</article>", 1)[0]

    assert "Hi" in story
    for marker in ["<script", "onerror", "onclick", "onload", "javascript:", "<iframe", "<svg", "style=", "data:text"]:
        assert marker not in story.lower()


def test_body_is_sanitized_when_stored():
    section = TextSectionFactory(body='<p>Fine <strong>bold</strong><script>alert(1)</script></p>')
    section.refresh_from_db()

    assert section.body == "<p>Fine <strong>bold</strong></p>"


def test_sanitizer_keeps_what_journalists_write():
    html = (
        '<h3>Heading</h3><p><em>a</em> <strong>b</strong> <a href="https://example.com/x">link</a></p>'
        "<ul><li>one</li></ul><ol><li>two</li></ol><blockquote><p>quote</p></blockquote>"
    )

    assert sanitize_html(html) == html.replace('href="https://example.com/x"', 'href="https://example.com/x" rel="noopener"')


def test_text_typed_into_plain_fields_is_escaped(client):
    article = ArticleFactory(headline='<script>alert("h")</script> Council', subheadline="<b>dek</b>")

    page = client.get(article.get_absolute_url()).content.decode()

    assert '<script>alert("h")</script>' not in page
    assert "&lt;script&gt;" in page
    assert "&lt;b&gt;dek&lt;/b&gt;" in page


def bad_image(kind: str) -> SimpleUploadedFile:
    if kind == "not-an-image":
        return SimpleUploadedFile("photo.jpg", b"this is not a JPEG at all", content_type="image/jpeg")
    if kind == "too-narrow":
        return image_file(size=(200, 150))
    if kind == "too-large":
        buffer = io.BytesIO()
        Image.effect_noise((1600, 1600), 100).convert("RGB").save(buffer, "PNG")
        return SimpleUploadedFile("huge.png", buffer.getvalue(), content_type="image/png")
    raise ValueError(kind)


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("not-an-image", "not an image we can read"),
        ("too-narrow", "needs at least 400"),
        ("too-large", "the limit is"),
    ],
)
def test_lead_image_is_checked_with_a_clear_message(settings, kind, message):
    settings.NEWSROOM_IMAGE_MAX_BYTES = 1024 * 1024
    article = ArticleFactory.build(lead_image=bad_image(kind), lead_image_alt="A photo")

    with pytest.raises(ValidationError) as error:
        article.full_clean(exclude=["section"])

    assert message in str(error.value.message_dict["lead_image"])


def test_lead_image_needs_alt_text():
    article = ArticleFactory.build(lead_image=image_file(), lead_image_alt="")

    with pytest.raises(ValidationError) as error:
        article.full_clean(exclude=["section"])

    assert "lead_image_alt" in error.value.message_dict


def test_good_lead_image_is_accepted_and_shown_with_its_alt_and_size(client):
    article = ArticleFactory(lead_image=image_file(size=(1200, 800)), lead_image_alt="Ministers shake hands")
    article.full_clean()

    page = client.get(article.get_absolute_url()).content.decode()

    assert 'alt="Ministers shake hands"' in page
    assert 'width="1200" height="800"' in page


def test_admin_shows_image_errors_and_keeps_the_journalists_text(admin_client):
    from tests.factories import SectionFactory

    section = SectionFactory()
    response = admin_client.post(
        "/admin/articles/article/add/",
        {
            "headline": "My carefully written headline",
            "slug": "my-headline",
            "section": section.pk,
            "status": "draft",
            "faq_title": "FAQ",
            "lead_image": bad_image("not-an-image"),
            "lead_image_alt": "x",
            **{f"{prefix}-{key}": value for prefix in [
                "bylines", "text_sections", "participant_tables", "callouts", "discussion_prompts", "faq_entries"
            ] for key, value in {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0"}.items()},
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Upload a valid image" in page
    assert "My carefully written headline" in page
