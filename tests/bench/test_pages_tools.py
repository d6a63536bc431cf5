"""The page benchmark's own parts, so `make bench` cannot quietly stop working: the baseline app answers with the
captured bytes, wrk's figures are read, and the comment-posting script counts what the server acknowledged."""

import gzip
import json
import shutil

import pytest

from bench import pages
from tests.appserver import AppServer

needs_wrk = pytest.mark.skipif(not shutil.which("wrk"), reason="wrk is not installed (make bench installs it)")
PAGE = gzip.compress("<!doctype html><title>Harbour budget</title><p>The council met.</p>".encode() * 50)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    folder = tmp_path_factory.mktemp("baseline")
    (folder / "page.bin").write_bytes(PAGE)
    manifest = {
        "/news/harbour/?comments=2": {"file": str(folder / "page.bin"), "status": 200, "headers": {
            "Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip", "X-Other": "left out"}},
        "POST /comments/post/0/": {"file": str(folder / "page.bin"), "status": 302,
                                   "headers": {"Location": "/news/harbour/#comment-7"}},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with AppServer({"BASELINE_MANIFEST": str(folder / "manifest.json")}, args=pages.GUNICORN,
                   log=folder / "gunicorn.log", app="bench.baseline_app:application") as server:
        yield server, folder


def test_the_baseline_returns_the_captured_bytes_and_type(baseline):
    server, _ = baseline
    status, headers, body = server.get("/news/harbour/?comments=2")
    assert (status, body) == (200, PAGE)
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["content-encoding"] == "gzip"
    assert "x-other" not in headers
    assert server.get("/news/other/")[0] == 404


def test_the_baseline_acknowledges_a_post_as_the_site_does(baseline):
    server, _ = baseline
    status, headers, _ = server.request("POST", "/comments/post/0/", body=b"a=1",
                                        headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 302 and headers["location"].endswith("#comment-7")


@needs_wrk
def test_wrk_figures_are_read_and_errors_counted(baseline):
    server, _ = baseline
    good = pages.wrk(f"http://127.0.0.1:{server.port}/news/harbour/?comments=2", 1)
    assert good["rps"] > 0 and good["errors"] == 0 and good["p50"] <= good["p99"]
    missing = pages.wrk(f"http://127.0.0.1:{server.port}/news/other/", 1)
    assert missing["errors"] > 0


@needs_wrk
def test_the_posting_script_reports_each_answer_and_comment_id(baseline):
    server, folder = baseline
    bodies, out = folder / "bodies.txt", folder / "posted.txt"
    bodies.write_text("".join(f"10.0.0.{n}\tbody=comment+{n}&csrfmiddlewaretoken=x\n" for n in range(1, 50)))
    pages.wrk(f"http://127.0.0.1:{server.port}/comments/post/0/", 1, script=pages.ROOT / "bench" / "post_comment.lua",
              env={"BENCH_BODIES": str(bodies), "BENCH_OUT": str(out), "BENCH_CSRF": "x" * 32})
    lines = out.read_text().split()
    answered = sum(int(line.partition("=")[2]) for line in lines if line.startswith("302="))
    ids = [line for line in lines if line.startswith("id=")]
    assert answered > 0
    assert ids == ["id=7"] * answered
