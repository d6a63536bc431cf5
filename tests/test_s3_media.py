"""Media in an S3-compatible store through django-storages, tested against moto's S3 server run locally: a lead
image uploaded in the admin lands in the bucket with its renditions, and the article page links them there."""

import importlib.util
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from articles import images
from articles.models import Article
from tests.appserver import unused_port
from tests.factories import ArticleFactory, TextSectionFactory, image_file
from tests.formdata import form_data

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (importlib.util.find_spec("moto") and importlib.util.find_spec("storages") and importlib.util.find_spec("boto3")),
        reason="needs moto[server] and django-storages[s3] (pip install -e '.[dev]')",
    ),
]
BUCKET = "newsroom-media"
CREDENTIALS = {"access_key": "testing", "secret_key": "testing", "region_name": "us-east-1"}


def moto_command() -> list[str]:
    beside = Path(sys.executable).with_name("moto_server")
    return [str(beside if beside.exists() else shutil.which("moto_server") or "moto_server")]


@pytest.fixture(scope="module")
def s3_server():
    """moto in server mode on a local port, with an empty bucket: an S3-compatible store like MinIO or AWS's."""
    import boto3

    port = unused_port()
    process = subprocess.Popen([*moto_command(), "-H", "127.0.0.1", "-p", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id="testing", aws_secret_access_key="testing",
                          region_name="us-east-1")
    try:
        for _ in range(100):
            try:
                client.create_bucket(Bucket=BUCKET)
                break
            except Exception:  # noqa: BLE001 - not listening yet
                if process.poll() is not None:
                    pytest.fail("moto_server stopped at start")
                time.sleep(0.1)
        yield endpoint, client
    finally:
        process.terminate()
        process.wait(timeout=10)


def s3_storage(settings, endpoint: str, **options) -> None:
    """The configuration docs/deploy.md gives: DJANGO_FILE_STORAGE and DJANGO_FILE_STORAGE_OPTIONS, as settings."""
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": BUCKET, "endpoint_url": endpoint, "querystring_auth": False,
                    "file_overwrite": False, "addressing_style": "path", **CREDENTIALS, **options},
    }}


def keys(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_a_lead_image_uploaded_in_the_admin_lands_in_the_bucket(s3_server, settings, client, editor,
                                                                django_capture_on_commit_callbacks):
    endpoint, s3 = s3_server
    s3_storage(settings, endpoint)
    article = ArticleFactory(headline="Harbour cranes return")
    TextSectionFactory(article=article, body="<p>The cranes came back to the harbour on Monday.</p>")
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client.get(url).content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {**data, "lead_image_alt": ["Two cranes"],
                                     "lead_image": image_file("cranes.jpg", (900, 600))})
    assert response.status_code == 302
    article = Article.objects.get(pk=article.pk)
    renditions = images.rendition_names(article.lead_image_renditions)
    assert renditions
    assert {article.lead_image.name, *renditions} <= keys(s3)

    page = client.get(article.get_absolute_url()).content.decode()
    for name in renditions:
        assert f"{endpoint}/{BUCKET}/{name}" in page
    # Nothing went to the local media folder.
    assert not (Path(settings.MEDIA_ROOT).exists() and any(Path(settings.MEDIA_ROOT).rglob("*.jpg")))


def test_a_cdn_domain_in_front_of_the_bucket_is_what_pages_link(s3_server, settings):
    endpoint, s3 = s3_server
    s3_storage(settings, endpoint, custom_domain="media.example.com")
    article = ArticleFactory(headline="Harbour cranes return", lead_image_alt="Two cranes",
                             lead_image=image_file("cranes.jpg", (900, 600)))
    assert article.lead_image.name in keys(s3)
    assert default_storage.url(article.lead_image.name) == f"https://media.example.com/{article.lead_image.name}"
