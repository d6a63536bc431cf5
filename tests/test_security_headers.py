import pytest

from tests.factories import ArticleFactory


def directives(header: str) -> dict[str, str]:
    return dict(part.strip().split("=", 1) for part in header.split(","))


@pytest.mark.parametrize("path", ["/", "/admin/login/", "/no-such-page/", "/robots.txt"])
def test_every_response_turns_off_powerful_browser_features(client, db, path):
    response = client.get(path)

    policy = directives(response["Permissions-Policy"])
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort", "browsing-topics"):
        assert policy[feature] == "()", feature


def test_article_page_has_the_policy_too(client, db):
    article = ArticleFactory()

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert directives(response["Permissions-Policy"])["camera"] == "()"


def test_policy_comes_from_a_setting(client, db, settings):
    settings.NEWSROOM_PERMISSIONS_POLICY = {"camera": ["self"], "geolocation": []}

    response = client.get("/")

    assert response["Permissions-Policy"] == "camera=(self), geolocation=()"


@pytest.mark.parametrize("path", ["/", "/admin/login/"])
def test_scripts_run_only_from_the_site_or_with_a_nonce(client, db, path):
    csp = client.get(path)["Content-Security-Policy"]

    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src")).split()
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    assert "'self'" in script_src
