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
    result = manage("check", "--deploy", "--fail-level", "WARNING",
                    DJANGO_SECRET_KEY=secrets.token_urlsafe(60), DJANGO_HTTPS="1")

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


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
