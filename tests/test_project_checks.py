"""The project's own checks, run as a fresh clone and CI run them."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_make_check_passes_with_the_documented_production_settings():
    """`make check` ran the deployment checks with the test settings (no HTTPS, a short key) and always failed."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "NEWSROOM_"))}
    # -o: take the installed packages as they are; this test checks the checks, not the installation.
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "check"],
        cwd=ROOT, env=environment, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
