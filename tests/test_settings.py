import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment | env, capture_output=True, text=True,
    )


def test_secret_key_is_required_when_debug_is_off():
    result = manage("check")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_deploy_check_reports_nothing_with_https_settings_on():
    # Production shares one cache between its workers (README): the check only reads the address.
    result = manage("check", "--deploy", "--fail-level", "WARNING",
                    DJANGO_SECRET_KEY=secrets.token_urlsafe(60), DJANGO_HTTPS="1", REDIS_URL="redis://127.0.0.1:6379/0")

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def _deploy_check(**env: str) -> subprocess.CompletedProcess:
    base = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(60), "DJANGO_HTTPS": "1", "REDIS_URL": "", "CACHE_URL": ""}
    return manage("check", "--deploy", "--fail-level", "WARNING", **(base | env))


def test_deploy_check_refuses_a_local_memory_cache_with_several_workers():
    result = _deploy_check(WEB_CONCURRENCY="2")

    assert result.returncode != 0
    assert "newsroom.E010" in result.stderr and "2 worker processes" in result.stderr
    assert "CACHE_URL=redis://" in result.stderr


def test_deploy_check_counts_workers_given_on_gunicorns_command_line():
    result = _deploy_check(WEB_CONCURRENCY="1", GUNICORN_CMD_ARGS="--bind 0:8000 --workers 4")

    assert result.returncode != 0 and "4 worker processes" in result.stderr


def test_deploy_check_takes_a_local_memory_cache_with_one_worker_or_a_shared_cache():
    assert _deploy_check(WEB_CONCURRENCY="1").returncode == 0
    assert _deploy_check(WEB_CONCURRENCY="3", CACHE_URL="redis://127.0.0.1:6379/0").returncode == 0
    assert _deploy_check(WEB_CONCURRENCY="3", CACHE_URL="dummy://").returncode == 0


def test_cache_url_chooses_the_cache_and_redis_url_still_means_redis():
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    cases = [
        ({}, "newsroom.cache.LocalMemoryCache"),
        ({"CACHE_URL": "locmem://"}, "newsroom.cache.LocalMemoryCache"),
        ({"CACHE_URL": "dummy://"}, "django.core.cache.backends.dummy.DummyCache"),
        ({"CACHE_URL": "redis://127.0.0.1:6379/5"}, "newsroom.cache.ResilientRedisCache"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/5"}, "newsroom.cache.ResilientRedisCache"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/5", "CACHE_URL": "dummy://"}, "django.core.cache.backends.dummy.DummyCache"),
    ]
    for env, backend in cases:
        result = manage("shell", "-c", code, DJANGO_SECRET_KEY="x", **({"REDIS_URL": "", "CACHE_URL": ""} | env))
        assert result.stdout.strip().splitlines()[-1] == backend, (env, result.stderr)


def test_an_unknown_cache_address_is_refused():
    result = manage("check", DJANGO_SECRET_KEY="x", CACHE_URL="memcached://127.0.0.1:11211")

    assert result.returncode != 0 and "CACHE_URL must start with" in result.stderr


def test_database_url_accepts_both_postgres_spellings():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    for scheme in ("postgres", "postgresql"):
        result = manage("shell", "-c", code, DJANGO_SECRET_KEY="x", DATABASE_URL=f"{scheme}://u@127.0.0.1:5432/newsroom")
        assert result.stdout.strip().splitlines()[-1] == "django.db.backends.postgresql", result.stderr


def make_run_environment() -> dict[str, str]:
    """The variables `make run` starts the site with (the Makefile's DEV_ENV)."""
    line = next(line for line in (ROOT / "Makefile").read_text().splitlines() if line.startswith("DEV_ENV :="))
    return dict(pair.split("=", 1) for pair in line.partition(":=")[2].split())


def test_each_log_line_prints_once_under_make_run():
    probes = {"django.request": "warning", "django.utils.autoreload": "info", "comments": "warning"}
    code = "import logging; " + "; ".join(
        f"logging.getLogger({name!r}).{level}('probe from {name}')" for name, level in probes.items()
    )

    result = manage("shell", "-c", code, **make_run_environment())

    for name in probes:
        assert result.stderr.count(f"probe from {name}") == 1, result.stderr


def test_make_run_mails_moderators_as_soon_as_a_comment_is_held():
    code = "from django.conf import settings; print(settings.COMMENTS_MODERATOR_NOTIFICATIONS)"

    result = manage("shell", "-c", code, **make_run_environment())

    assert result.stdout.strip().splitlines()[-1] == "each", result.stderr


def test_a_silent_postgresql_server_cannot_hold_a_request_for_long():
    code = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS']['connect_timeout'])"
    result = manage("shell", "-c", code, DJANGO_SECRET_KEY="x", DATABASE_URL="postgres://u@127.0.0.1:5432/newsroom")
    assert result.stdout.strip().splitlines()[-1] == "5", result.stderr
