"""Back up and restore the whole site: the database and the uploaded files together, checked against a manifest.

A backup is a directory: `manifest.json`, the database (`database.dump` from `pg_dump -Fc` on PostgreSQL, a copy
made with SQLite's backup API otherwise) and `media.tar` with every file of the media storage, read through
Django's storage API so that it works the same for local folders and S3-like buckets.
"""

import hashlib
import json
import os
import posixpath
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from contextlib import closing
from pathlib import Path

import django
from django.apps import apps
from django.core.files import File
from django.core.files.storage import storages
from django.db import DatabaseError, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media.tar"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup that cannot be made or trusted; the message says what to do."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class _Hashing:
    """A file wrapper that hashes what is read through it, so each file is read once."""

    def __init__(self, handle):
        self.handle, self.digest, self.size = handle, hashlib.sha256(), 0

    def read(self, size=-1):
        chunk = self.handle.read(size)
        self.digest.update(chunk)
        self.size += len(chunk)
        return chunk


def _postgres_env(connection) -> dict:
    """libpq's own variables, so the password never shows in a process list."""
    params = connection.get_connection_params()
    env = {**os.environ, "PGDATABASE": connection.settings_dict["NAME"]}
    for key, variable in (("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER"), ("password", "PGPASSWORD"),
                          ("sslmode", "PGSSLMODE")):
        if params.get(key):
            env[variable] = str(params[key])
    return env


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed: install the PostgreSQL client tools (postgresql-client).")
    result = subprocess.run(command, check=False, capture_output=True, **kwargs)
    if result.returncode:
        raise BackupError(f"{command[0]} failed: {result.stderr.decode(errors='replace').strip()[-2000:]}")
    return result


def _storage_files(storage, path: str = ""):
    try:
        directories, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(path, name) if path else name
    for directory in sorted(directories):
        yield from _storage_files(storage, posixpath.join(path, directory) if path else directory)


def _stored_models(connection):
    """Every model whose table exists: a database behind its migrations still backs up."""
    tables = set(connection.introspection.table_names())
    return [model for model in apps.get_models() if model._meta.db_table in tables]


def _row_counts(connection) -> dict[str, int]:
    return {model._meta.label: model._base_manager.using(connection.alias).count() for model in _stored_models(connection)}


def _applied_migrations(connection) -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def _dump_postgres(connection, path: Path) -> tuple[dict, list]:
    """pg_dump and the manifest's counts read one snapshot, so comments posted meanwhile cannot make them differ."""
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        rows, migrations = _row_counts(connection), _applied_migrations(connection)
        _run(["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={path}"],
             env=_postgres_env(connection))
    return rows, migrations


def _copy_sqlite(connection, path: Path) -> tuple[dict, list]:
    """Copy with SQLite's online backup API, then count in the copy, which no one else writes to."""
    connection.ensure_connection()
    try:
        with closing(sqlite3.connect(path)) as target:
            connection.connection.backup(target)
            # Table names come from the models, never from a person.
            rows = {
                model._meta.label: target.execute(f'SELECT COUNT(*) FROM "{model._meta.db_table}"').fetchone()[0]  # nosec B608
                for model in _stored_models(connection)
            }
            migrations = sorted([app, name] for app, name in target.execute("SELECT app, name FROM django_migrations"))
    except sqlite3.Error as error:
        raise BackupError(f"The database could not be copied: {error}") from error
    return rows, migrations


def backup_create(*, directory: Path, using: str = "default") -> dict:
    """Write the database and every media file to a new directory, with a manifest of sizes and checksums."""
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty: give a new directory for the backup.")
    # The backup holds readers' e-mail addresses: only its owner may read it.
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    started = time.perf_counter()
    database_path = directory / DATABASE_FILES[vendor]
    if connection.in_atomic_block:
        raise BackupError("A backup cannot run inside a transaction.")
    if vendor == "postgresql":
        rows, migrations = _dump_postgres(connection, database_path)
    else:
        rows, migrations = _copy_sqlite(connection, database_path)
    storage = storages["default"]
    files = []
    with tarfile.open(directory / MEDIA, "w") as archive:
        for name in _storage_files(storage):
            info = tarfile.TarInfo(name)
            info.size = storage.size(name)
            info.mtime = int(time.time())
            with storage.open(name, "rb") as handle:
                reader = _Hashing(handle)
                archive.addfile(info, reader)
            files.append({"name": name, "bytes": reader.size, "sha256": reader.digest.hexdigest()})
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "django": django.get_version(),
        "database": {
            "vendor": vendor, "name": str(connection.settings_dict["NAME"]), "file": database_path.name,
            "bytes": database_path.stat().st_size, "sha256": _sha256(database_path),
        },
        "migrations": migrations,
        "rows": rows,
        "media": {
            "storage": f"{type(storage).__module__}.{type(storage).__qualname__}", "file": MEDIA,
            "bytes": (directory / MEDIA).stat().st_size, "sha256": _sha256(directory / MEDIA),
            "count": len(files), "content_bytes": sum(file["bytes"] for file in files), "files": files,
        },
        "seconds": round(time.perf_counter() - started, 3),
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def backup_check(*, directory: Path, using: str = "default") -> dict:
    """Read a backup's manifest and refuse it unless every file matches and this site can take it."""
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{directory} has no {MANIFEST}: it is not a Newsroom backup.") from None
    except ValueError as error:
        raise BackupError(f"{directory / MANIFEST} is damaged ({error}).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"This backup is in format {manifest.get('format')!r}; this version reads format {FORMAT}.")
    for part in ("database", "media"):
        path = directory / manifest[part]["file"]
        if not path.is_file():
            raise BackupError(f"{path.name} is missing from the backup.")
        if path.stat().st_size != manifest[part]["bytes"] or _sha256(path) != manifest[part]["sha256"]:
            raise BackupError(f"{path.name} does not match its checksum in the manifest: the backup is damaged.")
    vendor = connections[using].vendor
    if manifest["database"]["vendor"] != vendor:
        raise BackupError(
            f"This is a {manifest['database']['vendor']} backup and this site runs on {vendor}: "
            "restore it into the same kind of database."
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [f"{app}.{name}" for app, name in manifest["migrations"] if (app, name) not in known]
    if unknown:
        raise BackupError(
            "This backup comes from a newer version of the site (migrations this code does not have: "
            f"{', '.join(unknown[:5])}). Deploy that version first."
        )
    return manifest


def _restore_postgres(connection, dump: Path) -> None:
    """Replace the whole schema in one transaction: on any error the database stays as it was."""
    # An app server still connected would make the restore wait for ever; give up with a clear message instead.
    env = {**_postgres_env(connection), "PGOPTIONS": "-c lock_timeout=30s"}
    for tool in ("pg_restore", "psql"):
        if shutil.which(tool) is None:
            raise BackupError(f"{tool} is not installed: install the PostgreSQL client tools (postgresql-client).")
    sql = subprocess.Popen(
        ["pg_restore", "--no-owner", "--no-privileges", "--file=-", str(dump)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    load = subprocess.run(
        ["psql", "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction",
         "--command=DROP SCHEMA public CASCADE; CREATE SCHEMA public;", "--file=-"],
        check=False, stdin=sql.stdout, capture_output=True, env=env,
    )
    sql.stdout.close()
    sql_errors = sql.stderr.read()
    if sql.wait() or load.returncode:
        errors = (sql_errors + load.stderr).decode(errors="replace").strip()[-2000:]
        raise BackupError(
            f"The database could not be restored and was left as it was (are the app servers stopped?): {errors}"
        )


def _restore_media(archive_path: Path, manifest: dict) -> tuple[int, int]:
    """Put every file back byte for byte and remove the ones the backup does not have."""
    storage = storages["default"]
    expected = {file["name"]: file["sha256"] for file in manifest["media"]["files"]}
    restored = 0
    with tarfile.open(archive_path, "r") as archive:
        for member in archive:
            name = member.name
            if not member.isfile() or name not in expected or name.startswith("/") or ".." in name.split("/"):
                raise BackupError(f"media.tar holds {name!r}, which its manifest does not list.")
            with tempfile.TemporaryFile() as copy:
                reader = _Hashing(archive.extractfile(member))
                shutil.copyfileobj(reader, copy, CHUNK)
                if reader.digest.hexdigest() != expected[name]:
                    raise BackupError(f"{name} in media.tar does not match its checksum.")
                copy.seek(0)
                if storage.exists(name):
                    storage.delete(name)
                saved = storage.save(name, File(copy, name=posixpath.basename(name)))
                if saved != name:
                    raise BackupError(f"The storage saved {name} as {saved}.")
            restored += 1
    removed = 0
    for name in list(_storage_files(storage)):
        if name not in expected:
            storage.delete(name)
            removed += 1
    return restored, removed


def backup_restore(*, directory: Path, using: str = "default") -> dict:
    """Replace the database and the media files with a checked backup, then count the rows again."""
    directory = Path(directory)
    manifest = backup_check(directory=directory, using=using)
    connection = connections[using]
    started = time.perf_counter()
    database = directory / manifest["database"]["file"]
    if connection.vendor == "postgresql":
        connection.close()
        _restore_postgres(connection, database)
    else:
        if connection.in_atomic_block:
            raise BackupError("A restore cannot run inside a transaction.")
        connection.ensure_connection()
        try:
            with closing(sqlite3.connect(database)) as source:
                source.backup(connection.connection)
        except sqlite3.Error as error:
            raise BackupError(f"The database could not be restored: {error}") from error
    restored, removed = _restore_media(directory / manifest["media"]["file"], manifest)
    mismatched = []
    for label, expected in manifest["rows"].items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        try:
            count = model._base_manager.count()
        except DatabaseError:
            continue
        if count != expected:
            mismatched.append(f"{label}: {count} rows, the backup has {expected}")
    if mismatched:
        raise BackupError("The restored database differs from the backup: " + "; ".join(mismatched))
    executor = MigrationExecutor(connection)
    pending = [str(migration) for migration, _backwards in executor.migration_plan(executor.loader.graph.leaf_nodes())]
    return {
        "files": restored, "removed_files": removed, "pending_migrations": pending,
        "seconds": round(time.perf_counter() - started, 3),
    }
