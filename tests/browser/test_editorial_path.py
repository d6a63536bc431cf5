"""The newsroom's daily path in a real browser: a writer submits, the gate stops a placeholder, an editor publishes."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.browser

PASSWORD = "pw-for-browser-tests"


@pytest.fixture
def people(live_server, settings, django_user_model):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    users = {}
    for name, group in [("wendy", "Writer"), ("ed", "Editor")]:
        user = django_user_model.objects.create_user(name, password=PASSWORD, is_staff=True, first_name=name.title())
        user.groups.add(Group.objects.get(name=group))
        users[name] = user
    return users


def log_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username:", exact=True).fill(username)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("banner")).to_contain_text(f"Welcome, {username.title()}")


def test_writer_submits_gate_blocks_writer_fixes_editor_publishes_reader_reads(live_server, people, page):
    article = ArticleFactory(
        headline="Harbour bridge reopens after repairs", status=Article.Status.DRAFT, published_at=None,
        created_by=people["wendy"], body="<p>The bridge reopened on Monday. The mayor, [INSERT NAME], cut the ribbon.</p>",
    )
    admin_url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"

    log_in(page, live_server, "wendy")
    page.goto(admin_url)
    findings = page.locator(".newsroom-findings")
    expect(findings).to_contain_text("placeholder")
    expect(findings).to_contain_text("[INSERT NAME]")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("error")
    expect(page.locator(".newsroom-workflow h2")).to_contain_text("Draft")

    editor = page.locator(".ProseMirror").filter(visible=True).first
    editor.fill("The bridge reopened on Monday. The mayor, Ana Costa, cut the ribbon.")
    expect(editor).to_have_text("The bridge reopened on Monday. The mayor, Ana Costa, cut the ribbon.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.locator(".newsroom-workflow")).to_contain_text("No findings")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("is now in review")

    log_in(page, live_server, "ed")
    page.goto(admin_url)
    expect(page.locator(".newsroom-workflow h2")).to_contain_text("In review")
    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist")).to_contain_text("is now published")

    page.context.clear_cookies()
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Harbour bridge reopens after repairs").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbour bridge reopens after repairs")
    expect(page.locator(".story-body")).to_contain_text("The mayor, Ana Costa, cut the ribbon.")
    expect(page.locator(".story-body")).not_to_contain_text("INSERT")


def test_editor_acknowledges_a_warning_with_a_reason_then_publishes_without_the_checkbox(live_server, people, page):
    article = ArticleFactory(
        headline="Ferry timetable changes for winter", status=Article.Status.IN_REVIEW, published_at=None,
        created_by=people["wendy"],
        body="<p>The ferry leaves at seven.It returns at noon on weekdays and stops for the winter in March.</p>",
    )
    admin_url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    log_in(page, live_server, "ed")
    page.goto(admin_url)
    findings = page.locator(".newsroom-findings")
    expect(findings).to_contain_text("missing-space")
    expect(page.get_by_label("I have read the warnings").first).to_be_visible()

    findings.get_by_text("Acknowledge", exact=True).click()
    page.get_by_role("button", name="Acknowledge this warning").click()
    # The browser refuses a blank reason before anything is sent; the form is still there.
    expect(page.get_by_label("Why the text is right as it stands (required)")).to_be_visible()
    page.get_by_label("Why the text is right as it stands (required)").fill("The operator writes its timetable so.")
    page.get_by_role("button", name="Acknowledge this warning").click()

    expect(findings).to_contain_text("Acknowledged by Ed")
    expect(findings).to_contain_text("The operator writes its timetable so.")
    expect(page.get_by_label("I have read the warnings")).to_have_count(0)
    page.get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist")).to_contain_text("is now published")
