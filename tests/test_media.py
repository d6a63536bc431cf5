"""Uploaded pictures are served from the file storage in production (DEBUG off), safely."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.http import http_date
from PIL import Image

from articles import images, services
from tests.factories import ArticleFactory, image_file

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["filesystem", "memory"], autouse=True)
def storage(request, settings):
    """Production as documented: DEBUG off, files on local disk or in a backend reached only by the storage API."""
    settings.DEBUG = False
    if request.param == "memory":
        settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    return default_storage


@pytest.fixture
def article():
    article = ArticleFactory(headline="Harbour cranes return", lead_image_alt="Two cranes",
                             lead_image=image_file("cranes.jpg", (900, 600)))
    services.article_make_renditions(article=article)
    return article


def test_every_picture_on_an_article_page_is_served(client, article):
    page = client.get(article.get_absolute_url()).content.decode()
    names = [article.lead_image.name, *images.rendition_names(article.lead_image_renditions)]
    shown = [name for name in names if f"/media/{name}" in page]
    assert shown

    for name in shown:
        response = client.get(f"/media/{name}")
        assert response.status_code == 200, name
        body = b"".join(response.streaming_content)
        with default_storage.open(name) as handle:
            assert body == handle.read()
        assert response["Content-Type"] == ("image/webp" if name.endswith(".webp") else "image/jpeg")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert not response.get("Content-Disposition", "").startswith("attachment")
        Image.open(io.BytesIO(body)).verify()


def test_renditions_are_cached_for_a_year_originals_for_an_hour(client, article):
    rendition = next(iter(images.rendition_names(article.lead_image_renditions)))

    assert client.get(f"/media/{rendition}")["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get(article.lead_image.url)["Cache-Control"] == "public, max-age=3600"


def test_a_browser_with_a_fresh_copy_gets_304(client, article):
    first = client.get(article.lead_image.url)

    assert client.get(article.lead_image.url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(article.lead_image.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get(article.lead_image.url, HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200


def test_head_answers_without_a_body(client, article):
    response = client.head(article.lead_image.url)

    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert int(response["Content-Length"]) == default_storage.size(article.lead_image.name)


@pytest.mark.parametrize("name", ["lead/2026/page.html", "lead/2026/drawing.svg", "authors/2026/notes.txt",
                                  "lead/2026/no-suffix"])
def test_anything_that_is_not_a_picture_is_only_ever_downloaded(client, name):
    saved = default_storage.save(name, ContentFile(b"<script>alert('stored')</script>"))

    response = client.get(f"/media/{saved}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize("path", [
    "/media/../newsroom/settings.py",
    "/media/lead/../../newsroom/settings.py",
    "/media/lead/%2e%2e/%2e%2e/newsroom/settings.py",
    "/media/lead/..%2f..%2fnewsroom/settings.py",
    "/media//etc/passwd",
    "/media/lead/.hidden.jpg",
    "/media/lead\\..\\secret.jpg",
    "/media/backups/newsroom.sqlite3",
    "/media/lead/2026/missing.jpg",
    "/media/lead/",
    "/media/lead/2026",
])
def test_only_stored_pictures_folders_are_reachable(client, path):
    default_storage.save("backups/newsroom.sqlite3", ContentFile(b"SQLite format 3\x00"))
    default_storage.save("lead/.hidden.jpg", ContentFile(b"hidden"))
    default_storage.save("lead/2026/there.jpg", ContentFile(b"there"))

    assert client.get(path).status_code == 404


def test_media_needs_no_database_query(client, article, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get(article.lead_image.url).status_code == 200


def test_only_reading_is_allowed(client, article):
    assert client.post(article.lead_image.url).status_code == 405


def test_a_setting_leaves_media_to_a_web_server_or_cdn(client, article, settings):
    settings.NEWSROOM_SERVE_MEDIA = False

    assert client.get(article.lead_image.url).status_code == 404
