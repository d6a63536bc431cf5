"""Backups: what a bad day destroys, `manage.py restore` brings back, rows and picture bytes alike."""

import io
import json
import threading

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections

from articles.models import Article
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory, image_file

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def newsroom():
    """A published story with a lead photo, three comments and a second upload in a subfolder."""
    article = ArticleFactory(headline="Harbour strike ends after nine days")
    article.lead_image = image_file("harbour.jpg", size=(900, 600))
    article.save()
    CommentFactory.create_batch(3, article=article)
    default_storage.save("authors/2026/reporter.png", image_file("reporter.png", fmt="PNG"))
    return article


def snapshot():
    files = {}
    for name in ("authors/2026/reporter.png", Article.objects.get(headline__startswith="Harbour").lead_image.name):
        with default_storage.open(name, "rb") as handle:
            files[name] = handle.read()
    return {
        "articles": sorted(Article.objects.values_list("pk", "headline", "status")),
        "comments": sorted(Comment.objects.values_list("pk", "article_id", "author_name", "body", "status")),
        "files": files,
    }


def backup(path) -> dict:
    call_command("backup", str(path), stdout=io.StringIO())
    return json.loads((path / "manifest.json").read_text())


def restore(path, *args) -> str:
    out = io.StringIO()
    call_command("restore", str(path), *args, stdout=out)
    return out.getvalue()


def test_restore_brings_back_rows_and_media_bytes(newsroom, tmp_path, client):
    before = snapshot()
    manifest = backup(tmp_path / "backup")
    photo = newsroom.lead_image.name
    # A bad day: the story is overwritten, its comments deleted, its photo replaced, and more written since.
    Article.objects.filter(pk=newsroom.pk).update(headline="Defaced")
    Comment.objects.all().delete()
    default_storage.delete(photo)
    default_storage.save(photo, ContentFile(b"not a photo"))
    default_storage.delete("authors/2026/reporter.png")
    default_storage.save("stray/after-backup.txt", ContentFile(b"written after the backup"))
    ArticleFactory(headline="Written after the backup")

    output = restore(tmp_path / "backup", "--yes")

    assert snapshot() == before
    assert not Article.objects.filter(headline="Written after the backup").exists()
    assert not default_storage.exists("stray/after-backup.txt")
    assert "1 files not in the backup removed" in output
    assert manifest["database"]["vendor"] == connection.vendor
    assert manifest["media"]["count"] == len(manifest["media"]["files"]) >= 2
    assert manifest["rows"]["comments.Comment"] == 3
    assert ["articles", "0001_initial"] in manifest["migrations"]
    page = client.get(newsroom.get_absolute_url())
    assert page.status_code == 200
    assert "Harbour strike ends after nine days" in page.text


def test_restore_without_yes_changes_nothing(newsroom, tmp_path):
    backup(tmp_path / "backup")
    Comment.objects.all().delete()

    with pytest.raises(CommandError, match="Nothing was changed.*--yes"):
        restore(tmp_path / "backup")

    assert Comment.objects.count() == 0


@pytest.mark.parametrize("damaged", ["media.tar", "database"])
def test_a_damaged_backup_is_refused_before_anything_changes(newsroom, tmp_path, damaged):
    manifest = backup(tmp_path / "backup")
    name = "media.tar" if damaged == "media.tar" else manifest["database"]["file"]
    data = bytearray((tmp_path / "backup" / name).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (tmp_path / "backup" / name).write_bytes(bytes(data))
    Comment.objects.all().delete()

    with pytest.raises(CommandError, match=f"{name} does not match its checksum"):
        restore(tmp_path / "backup", "--yes")

    assert Comment.objects.count() == 0


def test_a_backup_from_another_database_or_a_newer_version_is_refused(newsroom, tmp_path):
    backup(tmp_path / "backup")
    manifest_path = tmp_path / "backup" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"

    manifest_path.write_text(json.dumps({**manifest, "database": {**manifest["database"], "vendor": other}}))
    with pytest.raises(CommandError, match=f"This is a {other} backup"):
        restore(tmp_path / "backup", "--yes")

    manifest_path.write_text(json.dumps({**manifest, "migrations": [*manifest["migrations"], ["articles", "9999_x"]]}))
    with pytest.raises(CommandError, match="newer version.*articles.9999_x"):
        restore(tmp_path / "backup", "--yes")


def test_backup_never_writes_into_a_folder_in_use(newsroom, tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "notes.txt").write_text("keep me")

    with pytest.raises(CommandError, match="not empty"):
        backup(tmp_path / "backup")

    assert (tmp_path / "backup" / "notes.txt").read_text() == "keep me"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite counts rows in its own copy; no snapshot to share")
def test_a_comment_posted_during_the_backup_cannot_make_it_unrestorable(newsroom, tmp_path, monkeypatch):
    from articles import backups

    dump = backups._run

    def comment_arrives_then_dump(command, **kwargs):
        def post():
            CommentFactory(article=newsroom, body="Posted while pg_dump was starting.")
            connections.close_all()

        writer = threading.Thread(target=post)
        writer.start()
        writer.join()
        return dump(command, **kwargs)

    monkeypatch.setattr(backups, "_run", comment_arrives_then_dump)
    manifest = backup(tmp_path / "backup")
    monkeypatch.setattr(backups, "_run", dump)

    restore(tmp_path / "backup", "--yes")

    assert Comment.objects.count() == manifest["rows"]["comments.Comment"] == 3
