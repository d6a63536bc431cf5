"""Checkers no one here wrote, run offline from node_modules: the Nu HTML Checker (vnu) and axe-core."""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

NODE_MODULES = Path(__file__).resolve().parents[1] / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
# Minor and moderate findings are printed for a person to judge; these fail the test.
BLOCKING_IMPACTS = {"serious", "critical"}


def require_vnu() -> str:
    """Return the java command that runs vnu, or skip the test saying what is missing."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("no java on PATH: the Nu HTML Checker needs Java 17+")
    if not VNU_JAR.is_file():
        pytest.skip(f"no {VNU_JAR.relative_to(NODE_MODULES.parent)}: run `npm install --no-audit --no-fund`")
    return java


def require_axe() -> Path:
    """Return axe-core's script, or skip the test saying how to get it."""
    if not AXE_JS.is_file():
        pytest.skip(f"no {AXE_JS.relative_to(NODE_MODULES.parent)}: run `npm install --no-audit --no-fund`")
    return AXE_JS


def html_errors(documents: dict[str, str], workdir: Path) -> dict[str, list[str]]:
    """Validate every document in one vnu run (one JVM start); return each document's errors as readable lines."""
    java = require_vnu()
    files = {}
    for number, (name, html) in enumerate(documents.items()):
        path = workdir / f"document-{number:03d}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--no-langdetect", "--format", "json",
         *(str(workdir / file) for file in files)],
        capture_output=True, text=True, timeout=300,
    )
    try:
        messages = json.loads(result.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        raise AssertionError(f"vnu gave no JSON report (exit {result.returncode}):\n{result.stderr}") from None
    errors: dict[str, list[str]] = {name: [] for name in documents}
    for message in messages:
        # A message without a known document (an I/O failure, say) must fail the check, not vanish.
        name = files.get(Path(unquote(urlparse(message.get("url", "")).path)).name, "vnu itself")
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine', '?')}: {message['message']} [{message.get('extract', '').strip()}]"
        )
    return errors


def axe_results(page) -> dict:
    """Run axe-core's default rules (WCAG A/AA and best practices) on the page as it is now."""
    page.add_script_tag(path=str(require_axe()))
    # Only violations need every node listed; the other result types then stop at one node per rule, which is faster.
    return page.evaluate("() => axe.run({resultTypes: ['violations']})")


def describe_violation(violation: dict) -> str:
    targets = ", ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:5])
    return f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}"


def section_document(html: str, selector: str, *, also: str = "") -> str:
    """The <section> a selector names (#id, or .class of an admin module), alone in a minimal valid document.

    `also` is markup the part needs to be valid on its own, e.g. the empty form its buttons belong to.
    """
    marker = f'id="{selector[1:]}"' if selector.startswith("#") else f'class="module {selector[1:]}"'
    start = html.rindex("<section", 0, html.index(marker))
    part = html[start:html.index("</section>", start) + len("</section>")]
    return f'<!DOCTYPE html><html lang="en"><head><title>Part</title></head><body><main>{part}{also}</main></body></html>'



def assert_no_html_errors(errors: dict[str, list[str]]) -> None:
    """Fail with every document's checker messages, named, when any document has one."""
    failing = {name: messages for name, messages in errors.items() if messages}
    assert not failing, "\n".join(f"{name}:\n  " + "\n  ".join(messages) for name, messages in failing.items())


def sign_in_to_admin(page, live_server, username: str, password: str) -> None:
    """Sign in through the admin's own login page, as a person does, and wait for the admin's home."""
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username:", exact=True).fill(username)
    page.get_by_label("Password:", exact=True).fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")
