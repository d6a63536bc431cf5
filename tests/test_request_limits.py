"""Request bodies are refused by their declared size, before a byte of them is read."""

import io

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


class CountingInput(io.RawIOBase):
    """A WSGI input that hands out bytes on demand and counts how many were read."""

    def __init__(self):
        self.read_bytes = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        size = min(len(buffer), 64 * 1024)
        buffer[:size] = b"a" * size
        self.read_bytes += size
        return size


def post(client, path: str, length: int | None, **headers):
    body = CountingInput()
    environ = {"wsgi.input": body, "CONTENT_TYPE": "multipart/form-data; boundary=BoUnDaRy", **headers}
    if length is None:
        environ["CONTENT_LENGTH"] = ""
    else:
        environ["CONTENT_LENGTH"] = str(length)
    return client.generic("POST", path, **environ), body


def test_a_huge_comment_post_is_refused_unread(client):
    article = ArticleFactory()

    response, body = post(client, reverse("comments:post", args=[article.pk]), 50 * MB)

    assert response.status_code == 413
    assert body.read_bytes == 0
    page = response.content.decode().replace("\xa0", " ")
    assert "too large" in page and "50.0 MB" in page and "256.0 KB" in page


def test_admin_pages_that_take_pictures_accept_a_picture_sized_body_but_not_more(admin_client, settings):
    article = ArticleFactory()
    change = reverse("admin:articles_article_change", args=[article.pk])
    assert settings.NEWSROOM_UPLOAD_REQUEST_MAX_BYTES > settings.NEWSROOM_IMAGE_MAX_BYTES

    refused, body = post(admin_client, change, 50 * MB)
    assert (refused.status_code, body.read_bytes) == (413, 0)

    # Within the limit the request goes on as usual (here the admin reads a form of nonsense and says so).
    accepted, body = post(admin_client, change, settings.NEWSROOM_IMAGE_MAX_BYTES + 100_000)
    assert accepted.status_code != 413 and body.read_bytes > 0


def test_other_admin_pages_keep_the_small_limit(admin_client):
    response, body = post(admin_client, reverse("admin:articles_section_add"), 2 * MB)

    assert (response.status_code, body.read_bytes) == (413, 0)


def test_a_small_post_is_read_as_usual(client):
    article = ArticleFactory()

    response, body = post(client, reverse("comments:post", args=[article.pk]), 2000)

    assert response.status_code != 413 and body.read_bytes > 0


def test_a_chunked_body_without_a_length_is_refused_unread(client):
    article = ArticleFactory()

    response, body = post(client, reverse("comments:post", args=[article.pk]), None, HTTP_TRANSFER_ENCODING="chunked")

    assert response.status_code == 411
    assert body.read_bytes == 0
    assert "length" in response.content.decode().lower()
