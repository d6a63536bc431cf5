"""Lead image renditions: made once with Pillow through the storage API, cropped on the subject, marked up for speed."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from articles import images, services
from articles.models import Article
from tests.factories import ArticleFactory, TextSectionFactory, image_file
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

RED, BLUE = (200, 30, 30), (30, 30, 200)


@pytest.fixture
def memory_storage(settings):
    """Uploads and renditions in Django's in-memory storage: nothing may reach the local disk."""
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    return default_storage


def picture_bytes(size=(1600, 1200), fmt="JPEG", colour=(120, 90, 60), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA" if fmt == "PNG" else "RGB", size, colour).save(buffer, fmt, **save)
    return buffer.getvalue()


def photo_story(**fields) -> Article:
    fields.setdefault("lead_image", image_file("harbour.jpg", size=(1600, 1200)))
    return ArticleFactory(headline="Harbour cranes return", lead_image_alt="Two cranes over a ship at dawn", **fields)


def opened(name: str) -> Image.Image:
    with default_storage.open(name) as handle:
        image = Image.open(handle)
        image.load()
        return image


def test_renditions_are_made_in_every_width_shape_and_format():
    article = photo_story()

    made = services.article_make_renditions(article=article)

    for shape, ratio in (("full", 4 / 3), ("card", 3 / 2)):
        assert [size["width"] for size in made[shape]] == [480, 800, 1200]
        for size in made[shape]:
            assert size["height"] == round(size["width"] / ratio)
            for fmt, pillow_format in (("webp", "WEBP"), ("jpeg", "JPEG")):
                image = opened(size[fmt]["name"])
                assert (image.format, image.size) == (pillow_format, (size["width"], size["height"]))
                assert default_storage.size(size[fmt]["name"]) == size[fmt]["bytes"]
    article.refresh_from_db()
    assert article.lead_image_renditions == made


def test_renditions_are_made_once_not_on_every_request(client, memory_storage):
    article = photo_story()
    services.article_make_renditions(article=article)
    files = set(memory_storage.listdir("renditions/lead")[0])

    again = services.article_make_renditions(article=Article.objects.get(pk=article.pk))
    for _ in range(2):
        assert client.get(article.get_absolute_url()).status_code == 200

    assert again == article.lead_image_renditions
    assert set(memory_storage.listdir("renditions/lead")[0]) == files


def test_small_pictures_are_never_enlarged():
    article = photo_story(lead_image=image_file("small.jpg", size=(600, 400)))

    made = services.article_make_renditions(article=article)

    assert [size["width"] for size in made["full"]] == [480, 600]
    assert made["full"][-1]["height"] == 400


def test_focal_point_keeps_the_subject_in_the_card_crop():
    # A wide picture, blue but for a red subject near the right edge: a centred 3:2 crop would lose it.
    picture = Image.new("RGB", (3000, 1000), BLUE)
    picture.paste(RED, (2600, 0, 3000, 1000))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    from django.core.files.uploadedfile import SimpleUploadedFile

    article = photo_story(lead_image=SimpleUploadedFile("wide.png", buffer.getvalue()), lead_image_focal_x=93,
                          lead_image_focal_y=50)

    made = services.article_make_renditions(article=article)

    card = opened(made["card"][-1]["jpeg"]["name"]).convert("RGB")
    assert card.size == (1200, 800)
    red, green, blue = card.getpixel((card.width - 10, card.height // 2))
    assert red > 150 and blue < 80, "the subject at the right edge was cropped away"
    assert made["full"][-1]["width"] == 1200 and made["full"][-1]["height"] == 400  # the full shape is never cropped


@pytest.mark.parametrize(("size", "aspect", "focal", "box"), [
    ((3000, 1000), (3, 2), None, (750, 0, 2250, 1000)),
    ((3000, 1000), (3, 2), (0, 50), (0, 0, 1500, 1000)),
    ((3000, 1000), (3, 2), (100, 50), (1500, 0, 3000, 1000)),
    ((1000, 3000), (3, 2), (50, 10), (0, 0, 1000, 667)),
    ((1000, 3000), (3, 2), (50, 90), (0, 2333, 1000, 3000)),
    ((1200, 800), (3, 2), (10, 10), (0, 0, 1200, 800)),
    ((1200, 800), None, (10, 10), (0, 0, 1200, 800)),
])
def test_crop_box_centres_on_the_focal_point_inside_the_picture(size, aspect, focal, box):
    assert images.crop_box(size, aspect, focal) == box


def test_camera_rotation_is_applied_and_metadata_dropped():
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view"
    exif[0x010F] = "Camera maker"
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("turned.jpg", picture_bytes((1200, 800), exif=exif.tobytes()))
    article = photo_story(lead_image=upload)

    made = services.article_make_renditions(article=article)

    largest = opened(made["full"][-1]["jpeg"]["name"])
    assert largest.size == (800, 1200)
    assert not largest.getexif()


def test_transparent_png_gets_a_white_background_in_jpeg():
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("logo.png", picture_bytes((800, 600), fmt="PNG", colour=(0, 0, 0, 0)))
    article = photo_story(lead_image=upload)

    made = services.article_make_renditions(article=article)

    assert opened(made["card"][0]["jpeg"]["name"]).getpixel((10, 10)) == (255, 255, 255)


def test_article_page_serves_srcset_sizes_dimensions_and_the_journalists_alt_text(client):
    article = photo_story()
    services.article_make_renditions(article=article)

    html = client.get(article.get_absolute_url()).content.decode()
    figure = html.split('<figure class="lead-image">', 1)[1].split("</figure>", 1)[0]

    webp = re.search(r'<source type="image/webp" srcset="([^"]+)" sizes="([^"]+)">', figure)
    assert webp and [entry.split()[1] for entry in webp.group(1).split(", ")] == ["480w", "800w", "1200w"]
    assert all(entry.split()[0].endswith(".webp") for entry in webp.group(1).split(", "))
    img = re.search(r"<img [^>]+>", figure).group(0)
    assert 'width="800" height="600"' in img
    assert 'alt="Two cranes over a ship at dawn"' in img
    assert re.search(r'srcset="[^"]+\.jpg 480w, [^"]+\.jpg 800w, [^"]+\.jpg 1200w"', img)
    assert 'fetchpriority="high"' in img and 'loading="lazy"' not in img  # above the fold


def test_cards_below_the_lead_load_lazily_in_the_card_shape(client):
    lead = photo_story()
    other = photo_story(published_at=lead.published_at.replace(year=2020))
    for article in (lead, other):
        services.article_make_renditions(article=article)

    html = client.get("/").content.decode()
    imgs = re.findall(r'<img class="card-image" [^>]+>', html)

    assert len(imgs) == 2
    assert 'fetchpriority="high"' in imgs[0] and 'loading="lazy"' in imgs[1]
    assert all('width="800" height="533"' in img for img in imgs)


def test_page_falls_back_to_the_original_until_renditions_exist(client):
    article = photo_story()

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'src="{article.lead_image.url}"' in html and 'width="1600" height="1200"' in html
    assert "image/webp" not in html


@pytest.mark.parametrize("count", [1, 4])
def test_pages_with_pictures_keep_their_query_counts(client, django_assert_num_queries, count):
    for _ in range(count):
        services.article_make_renditions(article=photo_story())

    with django_assert_num_queries(3):  # latest stories, their bylines, nav sections (counts are the articles' own)
        assert client.get("/").status_code == 200


def test_admin_upload_and_focal_point_work_with_another_storage_backend(client, editor, memory_storage, settings,
                                                                        django_capture_on_commit_callbacks):
    article = ArticleFactory(headline="Harbour cranes return")
    TextSectionFactory(article=article, body="<p>The cranes came back to the harbour on Monday.</p>")
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url).content.decode())
    data.update(lead_image_alt=["Two cranes over a ship at dawn"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "lead_image": image_file("cranes.jpg", size=(1600, 1200))})
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    first = article.lead_image_renditions
    assert memory_storage.exists(article.lead_image.name)
    assert all(memory_storage.exists(name) for name in images.rendition_names(first))
    assert not (settings.MEDIA_ROOT.exists() and any(settings.MEDIA_ROOT.rglob("*.*"))), "a file reached the disk"

    data = form_data(client.get(url).content.decode())
    data.update(lead_image_focal_x=["90"], lead_image_focal_y=["20"])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302
    article.refresh_from_db()

    assert article.lead_image_renditions["focal"] == [90, 20]
    assert not any(memory_storage.exists(name) for name in images.rendition_names(first)), "old renditions kept"
    page = client.get(article.get_absolute_url()).content.decode()
    assert all(f"/media/{name}" in page for name in images.rendition_names(article.lead_image_renditions)
               if "/full-" in name)


def test_focal_point_needs_both_parts(client, editor):
    from django.core.exceptions import ValidationError

    article = photo_story(lead_image_focal_x=40)

    with pytest.raises(ValidationError, match="both parts"):
        article.full_clean()
