"""Uploaded pictures: checked before they are decoded, stored re-encoded, removed when no longer used."""

import functools
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.core.files.storage import default_storage
from PIL import ExifTags, Image, ImageFile, PngImagePlugin

from reversion.models import Version

from articles import images
from articles.models import Article
from articles.validators import validate_lead_image
from tests.factories import ArticleFactory, AuthorFactory, TextSectionFactory, image_file
from tests.formdata import form_data

pytestmark = [
    pytest.mark.django_db,
    # Pillow warns on opening any picture over the limit; the ones here are meant to be refused.
    pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning"),
]


def png_bytes(size: tuple[int, int], mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, (120, 90, 60) if mode.startswith("RGB") else 1).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """As in the report (a one-colour PNG of 6300 × 6300 pixels), in black and white: a few KB on the wire."""
    return png_bytes((6300, 6300), mode="1")


@pytest.fixture
def memory_storage(settings):
    """Files in Django's in-memory storage: everything goes through the storage API."""
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    return default_storage


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


# Stored originals: the picture alone, re-encoded.

GPS_LATITUDE = (51.0, 30.0, 26.0)


def jpeg_with_gps(size=(1200, 800), orientation: int | None = None) -> bytes:
    """A camera JPEG that tells where it was taken, with a comment and an XMP packet."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Camera maker"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = GPS_LATITUDE
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 90, 60)).save(
        buffer, "JPEG", exif=exif, comment=b"shot at the source's home", xmp=b"<x:xmpmeta>secret place</x:xmpmeta>",
    )
    return buffer.getvalue()


def stored(article) -> bytes:
    with article.lead_image.storage.open(article.lead_image.name) as handle:
        return handle.read()


def picture_story(name: str, data: bytes):
    return ArticleFactory(headline="Harbour cranes return", lead_image_alt="Two cranes",
                          lead_image=SimpleUploadedFile(name, data))


def test_a_jpeg_is_stored_without_its_position_or_other_camera_metadata(memory_storage):
    upload = jpeg_with_gps()
    with Image.open(io.BytesIO(upload)) as original:
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] == GPS_LATITUDE

    article = picture_story("harbour.jpg", upload)

    data = stored(article)
    assert memory_storage.exists(article.lead_image.name) and article.lead_image.name.endswith(".jpg")
    with Image.open(io.BytesIO(data)) as kept:
        assert (kept.format, kept.size) == ("JPEG", (1200, 800))
        assert not kept.getexif() and not kept.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert "comment" not in kept.info and "xmp" not in kept.info
    assert b"secret place" not in data and b"source's home" not in data and b"Camera maker" not in data


def test_a_turned_camera_picture_is_stored_upright():
    article = picture_story("turned.jpg", jpeg_with_gps((1200, 800), orientation=6))

    with Image.open(io.BytesIO(stored(article))) as kept:
        assert kept.size == (800, 1200)
        assert ExifTags.Base.Orientation not in kept.getexif()
    assert (article.lead_image.width, article.lead_image.height) == (800, 1200)


def gif_js_polyglot() -> bytes:
    """A GIF whose first bytes read as JavaScript (`GIF89a/*`, a width of 10799) with a script after its end."""
    buffer = io.BytesIO()
    Image.new("P", (10799, 40), 3).save(buffer, "GIF", comment=b"*/=alert('comment');/*")
    data = buffer.getvalue()
    assert data.startswith(b"GIF89a/*")
    return data + b"*/=alert('polyglot');"


def test_a_gif_javascript_polyglot_is_stored_as_a_picture_alone(memory_storage):
    upload = gif_js_polyglot()
    with Image.open(io.BytesIO(upload)) as original:
        assert original.size == (10799, 40)  # a GIF as far as Pillow (and the upload check) can tell

    article = picture_story("innocent.gif", upload)

    data = stored(article)
    assert b"alert" not in data and b"GIF89a" not in data
    assert article.lead_image.name.endswith(".png") and memory_storage.exists(article.lead_image.name)
    with Image.open(io.BytesIO(data)) as kept:
        assert (kept.format, kept.size) == ("PNG", (10799, 40))


def test_bytes_after_a_picture_and_text_chunks_are_dropped_format_and_transparency_kept():
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "taken in the editor's garden")
    buffer = io.BytesIO()
    Image.new("RGBA", (800, 600), (0, 0, 0, 0)).save(buffer, "PNG", pnginfo=text)
    upload = buffer.getvalue() + b"<script>alert('after the end')</script>"

    article = picture_story("logo.png", upload)

    data = stored(article)
    assert b"alert" not in data and b"garden" not in data
    with Image.open(io.BytesIO(data)) as kept:
        assert (kept.format, kept.mode) == ("PNG", "RGBA")
        assert kept.getpixel((10, 10)) == (0, 0, 0, 0)


def test_webp_stays_webp(memory_storage):
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), (120, 90, 60)).save(buffer, "WEBP", exif=Image.Exif().tobytes())

    article = picture_story("harbour.webp", buffer.getvalue())

    assert article.lead_image.name.endswith(".webp")
    with Image.open(io.BytesIO(stored(article))) as kept:
        assert kept.format == "WEBP" and not kept.getexif()


def test_renditions_of_a_camera_photo_never_hold_it_twice_at_full_size():
    # 24 megapixels: 72 MB once decoded. Storing it (one decode) and making its renditions (decoded at half
    # size) stays well under two full copies; before, the renditions alone held three.
    buffer = io.BytesIO()
    Image.new("RGB", (6000, 4000), (120, 90, 60)).save(buffer, "JPEG", quality=90)
    bench = Path(__file__).resolve().parents[2] / "bench" / "uploads.py"

    result = subprocess.run([sys.executable, bench, "--child", "camera.jpg"], input=buffer.getvalue(),
                            capture_output=True, check=True)

    figures = json.loads(result.stdout.decode().splitlines()[-1])
    assert "refused" not in figures
    assert figures["stored"] - figures["setup"] < 2 * 72, figures


# Files removed once nothing uses them.

@pytest.fixture(params=["filesystem", "memory"])
def storage(request, settings):
    """Both kinds of storage the project runs on: local files and a backend reached only through the storage API."""
    if request.param == "memory":
        settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    return default_storage


def files_of(article) -> set[str]:
    """The stored names of an article's picture: the original and every rendition."""
    return {article.lead_image.name, *images.rendition_names(article.lead_image_renditions)}


def admin_post(client, article, changes: dict, capture):
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url).content.decode())
    with capture(execute=True):
        response = client.post(url, {**data, **changes})
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()


@pytest.fixture
def story_with_picture(client, editor, django_capture_on_commit_callbacks):
    article = ArticleFactory(headline="Harbour cranes return")
    TextSectionFactory(article=article, body="<p>The cranes came back to the harbour on Monday.</p>")
    client.force_login(editor)
    admin_post(client, article, {"lead_image_alt": ["Two cranes"], "lead_image": image_file("cranes.jpg", (900, 600))},
               django_capture_on_commit_callbacks)
    assert len(files_of(article)) > 1
    return article


def test_a_replaced_picture_is_removed_with_its_renditions(storage, client, story_with_picture,
                                                           django_capture_on_commit_callbacks):
    article = story_with_picture
    before = files_of(article)
    assert all(storage.exists(name) for name in before)

    admin_post(client, article, {"lead_image": image_file("new.jpg", (900, 600))}, django_capture_on_commit_callbacks)

    assert not any(storage.exists(name) for name in before)
    assert all(storage.exists(name) for name in files_of(article))


def test_a_cleared_picture_is_removed_with_its_renditions(storage, client, story_with_picture,
                                                          django_capture_on_commit_callbacks):
    article = story_with_picture
    before = files_of(article)

    admin_post(client, article, {"lead_image-clear": ["on"], "lead_image_alt": [""]}, django_capture_on_commit_callbacks)

    assert not article.lead_image
    assert not any(storage.exists(name) for name in before)


def test_a_deleted_article_takes_its_picture_and_renditions_with_it(storage, client, story_with_picture,
                                                                    django_capture_on_commit_callbacks):
    article = story_with_picture
    before = files_of(article)
    url = reverse("admin:articles_article_delete", args=[article.pk])

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"post": "yes"}).status_code == 302

    assert not Article.objects.filter(pk=article.pk).exists()
    assert not any(storage.exists(name) for name in before)


def test_files_stay_until_the_change_is_committed(storage, story_with_picture, django_capture_on_commit_callbacks):
    article = story_with_picture
    before = files_of(article)

    with django_capture_on_commit_callbacks(execute=False) as pending:
        Article.objects.filter(pk=article.pk).delete()

    assert all(storage.exists(name) for name in before), "removed before the deletion was committed"
    for callback in pending:
        callback()
    assert not any(storage.exists(name) for name in before)


def test_a_rolled_back_deletion_removes_nothing(storage, story_with_picture):
    article = story_with_picture
    before, pk = files_of(article), article.pk

    with pytest.raises(RuntimeError), transaction.atomic():
        article.delete()
        raise RuntimeError("the deletion fails later in the same transaction")

    assert Article.objects.filter(pk=pk).exists()
    assert all(storage.exists(name) for name in before)


def test_a_replaced_author_photo_is_removed(storage, django_capture_on_commit_callbacks):
    author = AuthorFactory(photo=image_file("portrait.jpg", (800, 800)))
    old = author.photo.name

    with django_capture_on_commit_callbacks(execute=True):
        author.photo = image_file("newer.jpg", (800, 800))
        author.save()

    assert storage.exists(author.photo.name) and not storage.exists(old)


def test_reverting_to_a_revision_with_a_replaced_picture_keeps_the_current_one(client, story_with_picture,
                                                                             django_capture_on_commit_callbacks):
    article = story_with_picture
    oldest = Version.objects.get_for_object(article).first()
    admin_post(client, article, {"lead_image": image_file("new.jpg", (900, 600)), "headline": ["Cranes are back"]},
               django_capture_on_commit_callbacks)
    current = files_of(article)
    assert oldest.field_dict["lead_image"] != article.lead_image.name

    revert_url = reverse("admin:articles_article_revision", args=[article.pk, oldest.pk])
    with django_capture_on_commit_callbacks(execute=True):
        data = form_data(client.get(revert_url).content.decode())
        data["revert_note"] = ["The earlier headline was the agreed one."]
        response = client.post(revert_url, data)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Harbour cranes return"
    assert files_of(article) == current and all(default_storage.exists(name) for name in current)
    assert client.get(reverse("articles:preview", args=[article.pk])).status_code == 200


@functools.cache
def srgb_profile() -> bytes:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def same_profile(kept: bytes | None, original: bytes) -> bool:
    """The same colours: every tag as uploaded (a rewritten profile's header carries the time it was written)."""
    return bool(kept) and kept[128:] == original[128:] and len(kept) == len(original)


def jpeg_with_profile(profile: bytes) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), (120, 90, 60)).save(buffer, "JPEG", icc_profile=profile)
    data = buffer.getvalue()
    with Image.open(io.BytesIO(data)) as check:
        assert check.info["icc_profile"] == profile  # the upload really carries it
    return data


SCRIPT = b"<script>alert('in the colour profile')</script>"


@pytest.mark.parametrize("profile", [
    SCRIPT * 40,                   # no colour profile at all, only data
    srgb_profile() + SCRIPT,       # a real profile with something carried after it
], ids=["not-a-profile", "profile-with-tail"])
def test_a_colour_profile_is_kept_only_as_a_real_profile_and_nothing_else(memory_storage, profile):
    article = picture_story("harbour.jpg", jpeg_with_profile(profile))

    data = stored(article)
    assert b"<script>" not in data
    with Image.open(io.BytesIO(data)) as kept:
        assert kept.format == "JPEG"
        kept_profile = kept.info.get("icc_profile")
    if profile.startswith(srgb_profile()):
        assert same_profile(kept_profile, srgb_profile())  # colours as shot
    else:
        assert not kept_profile


def test_a_real_colour_profile_is_kept_and_an_oversized_one_dropped(memory_storage, monkeypatch):
    assert same_profile(stored_profile(picture_story("a.jpg", jpeg_with_profile(srgb_profile()))), srgb_profile())
    monkeypatch.setattr(images, "ICC_PROFILE_MAX_BYTES", len(srgb_profile()) - 1)

    assert not stored_profile(picture_story("b.jpg", jpeg_with_profile(srgb_profile())))


def stored_profile(article) -> bytes | None:
    with Image.open(io.BytesIO(stored(article))) as kept:
        return kept.info.get("icc_profile")


def test_renditions_never_carry_a_profile_that_is_not_one():
    from django.core.files.base import ContentFile

    name = default_storage.save("lead/old-upload.jpg", ContentFile(jpeg_with_profile(SCRIPT * 40)))

    made = images.make_renditions(Article(lead_image=name).lead_image, focal=None)

    for rendition in images.rendition_names(made):
        with default_storage.open(rendition) as handle:
            assert b"<script>" not in handle.read()


def test_pictures_are_stored_under_random_names_that_cannot_be_guessed(memory_storage):
    """Originals and renditions of a draft's picture are served to anyone with the address: it must be unguessable."""
    import re

    from articles import services
    from articles.models import Author

    first = picture_story("ceo-resigns-exclusive.jpg", jpeg_with_gps())
    second = picture_story("ceo-resigns-exclusive.jpg", jpeg_with_gps())
    photo = AuthorFactory(photo=SimpleUploadedFile("jane-doe.png", png_bytes((600, 600))))
    made = services.article_make_renditions(article=first)

    names = [first.lead_image.name, second.lead_image.name, Author.objects.get(pk=photo.pk).photo.name]
    assert len(set(names)) == 3
    assert re.fullmatch(r"lead/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", names[0]), names[0]
    assert re.fullmatch(r"authors/\d{4}/[0-9a-f]{32}\.png", names[2]), names[2]
    everything = " ".join(names + sorted(images.rendition_names(made)))
    assert "ceo" not in everything and "jane" not in everything
    assert all(memory_storage.exists(name) for name in names)


def test_pictures_under_random_names_are_still_served(client, settings, memory_storage):
    settings.NEWSROOM_SERVE_MEDIA = True
    article = picture_story("harbour.jpg", jpeg_with_gps())

    response = client.get(f"/media/{article.lead_image.name}")

    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"


def test_pictures_stored_under_their_upload_names_are_given_random_ones(memory_storage, django_capture_on_commit_callbacks):
    """Pictures uploaded before random names: one command renames them and their renditions, and removes the old."""
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from articles import services
    from articles.fields import RANDOM_NAME
    from articles.models import Author

    old_name = default_storage.save("lead/2025/11/ceo-resigns.jpg", ContentFile(jpeg_with_gps()))
    article = ArticleFactory(headline="Harbour cranes return", lead_image_alt="Two cranes")
    Article.objects.filter(pk=article.pk).update(lead_image=old_name)
    article.refresh_from_db()
    old_renditions = images.rendition_names(services.article_make_renditions(article=article))
    old_photo = default_storage.save("authors/2025/jane-doe.png", ContentFile(png_bytes((600, 600))))
    author = AuthorFactory()
    Author.objects.filter(pk=author.pk).update(photo=old_photo)
    edit_version = Article.objects.get(pk=article.pk).edit_version

    with django_capture_on_commit_callbacks(execute=True):
        call_command("give_pictures_random_names", stdout=io.StringIO())

    article.refresh_from_db()
    author.refresh_from_db()
    for new, old in ((article.lead_image.name, old_name), (author.photo.name, old_photo)):
        assert RANDOM_NAME.fullmatch(new.rsplit("/", 1)[1]), new
        assert memory_storage.exists(new) and not memory_storage.exists(old)
    new_renditions = images.rendition_names(article.lead_image_renditions)
    assert new_renditions and all(memory_storage.exists(name) for name in new_renditions)
    assert not any(memory_storage.exists(name) for name in old_renditions)
    assert "ceo" not in " ".join(new_renditions)
    assert article.edit_version == edit_version  # an editor with the article open can still save it

    with django_capture_on_commit_callbacks(execute=True):
        call_command("give_pictures_random_names", stdout=io.StringIO())
    assert Article.objects.get(pk=article.pk).lead_image.name == article.lead_image.name  # once is enough
