"""Uploaded pictures: checked before they are decoded, stored re-encoded, removed when no longer used."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageFile

from articles.validators import validate_lead_image
from tests.factories import ArticleFactory, TextSectionFactory
from tests.formdata import form_data

pytestmark = [
    pytest.mark.django_db,
    # Pillow warns on opening any picture over the limit; the ones here are meant to be refused.
    pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning"),
]


def png_bytes(size: tuple[int, int], mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, 90 if mode == "L" else (120, 90, 60)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """The picture from the report: a one-colour PNG of 6300 × 6300 pixels, about 130 KB on the wire."""
    return png_bytes((6300, 6300))


@pytest.fixture
def never_decoded(monkeypatch):
    """Fail the test if any picture's pixels are decoded (headers may be read)."""
    def refuse(self, *args, **kwargs):
        raise AssertionError(f"a {self.size[0]} × {self.size[1]} picture was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)


def test_a_picture_with_too_many_pixels_is_refused_from_its_header(bomb, never_decoded, settings):
    assert len(bomb) < 200_000 and 6300 * 6300 > settings.NEWSROOM_IMAGE_MAX_PIXELS

    with pytest.raises(ValidationError) as refused:
        validate_lead_image(SimpleUploadedFile("bomb.png", bomb))

    assert refused.value.code == "image_too_many_pixels"
    assert "6300 × 6300" in refused.value.messages[0]


def test_admin_refuses_the_picture_with_a_clear_message_and_keeps_the_text(client, editor, bomb, never_decoded):
    article = ArticleFactory(headline="Harbour cranes return")
    TextSectionFactory(article=article, body="<p>The cranes came back to the harbour on Monday.</p>")
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url).content.decode())
    data.update(lead_image_alt=["Two cranes over a ship at dawn"], headline=["Harbour cranes return at last"])

    response = client.post(url, {**data, "lead_image": SimpleUploadedFile("cranes.png", bomb)})

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["lead_image"]
    assert any("6300 × 6300 pixels" in error and "megapixels" in error for error in errors), errors
    assert "Harbour cranes return at last" in response.content.decode()
    article.refresh_from_db()
    assert not article.lead_image


def test_pillow_refuses_far_larger_pictures_wherever_they_are_opened(settings):
    assert Image.MAX_IMAGE_PIXELS == settings.NEWSROOM_IMAGE_MAX_PIXELS
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 1_000_000

    # Over twice the limit Pillow itself stops, so no other code path (thumbnails, dimensions) decodes it.
    with pytest.raises(Image.DecompressionBombError):
        Image.open(io.BytesIO(png_bytes((1500, 1500), mode="L")))


def test_admin_gives_the_same_clear_message_for_pictures_pillow_refuses_outright(client, editor, settings):
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 1_000_000
    article = ArticleFactory(headline="Harbour cranes return")
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url).content.decode())
    data.update(lead_image_alt=["Two cranes over a ship at dawn"])

    response = client.post(url, {**data, "lead_image": SimpleUploadedFile("huge.png", png_bytes((1500, 1500), "L"))})

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["lead_image"]
    assert errors == ["This image has far more pixels than we can process. "
                      "Resize it to at most 1 megapixels and upload again."]
