"""Server errors the fuzzer found (tests/test_fuzz.py), each pinned by the smallest request that caused it."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("chief", "chief@example.com", "pw-for-tests")
    client.force_login(user)
    return client


@pytest.mark.parametrize("view", ["change", "delete"])
def test_an_empty_to_field_in_the_admin_is_ignored(staff_client, view):
    """Django's admin looks up a field named "" for `?_to_field=` (an empty value), and answered 500."""
    section = SectionFactory()
    response = staff_client.get(f"/admin/articles/section/{section.pk}/{view}/?_to_field=")
    assert response.status_code == 200


def test_an_empty_to_field_in_an_admin_post_is_ignored(staff_client):
    group = Group.objects.get(name="Writer")
    response = staff_client.post(f"/admin/auth/group/{group.pk}/change/", {"name": "Writers", "_to_field": ""})
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Writers"


def test_a_real_to_field_is_still_checked(staff_client):
    section = SectionFactory()
    response = staff_client.get(f"/admin/articles/section/{section.pk}/change/?_to_field=password")
    assert response.status_code == 400


def test_feeds_drop_control_characters_xml_cannot_carry(client):
    """A tag pasted with a control character (a vertical tab from a word processor) took every feed down."""
    ArticleFactory(headline="Budget\x0b agreed", tags=["council\x01"])
    for url in ["/feed/", "/feed/atom/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"Budget agreed" in response.content
        assert b"council" in response.content


def test_a_revert_address_with_a_malformed_article_id_is_not_found(staff_client):
    """The revert page looked the article up with whatever text stood in the address."""
    response = staff_client.get("/admin/articles/article/%3A/history/1/")
    assert response.status_code == 404


@pytest.mark.parametrize("path", [
    "/admin/articles/article/add/?related=%20",
    "/admin/articles/article/add/?section=x",
    "/admin/articles/article/add/?related=1,%C2%B2",
    "/admin/comments/commentpolicy/add/?section=%20",
])
def test_an_admin_add_page_ignores_a_malformed_related_object_in_its_address(staff_client, path):
    """The admin fills a new object's fields from the address; its search widgets looked up whatever stood there."""
    response = staff_client.get(path)
    assert response.status_code == 200


def test_an_admin_add_page_still_fills_a_related_object_from_its_address(staff_client):
    section = SectionFactory(name="Weather")
    response = staff_client.get(f"/admin/articles/article/add/?section={section.pk}")
    assert response.status_code == 200
    assert f'<option value="{section.pk}" selected>Weather</option>' in response.content.decode()


def test_merging_tags_needs_the_right_to_change_tags(client, writer):
    """taggit's merge page checked no permission: any staff member could create tags through it."""
    from taggit.models import Tag

    client.force_login(writer)
    response = client.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": "budget"})
    assert response.status_code == 403
    assert not Tag.objects.filter(name="budget").exists()


def test_merging_tags_with_none_chosen_sends_the_editor_back_to_the_list(staff_client):
    """With no tags chosen first (an old tab, a bookmark) the merge page answered 500."""
    response = staff_client.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": "budget"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/taggit/tag/"


def test_merging_tags_skips_a_tag_deleted_meanwhile(staff_client):
    from taggit.models import Tag

    article = ArticleFactory(tags=["council", "Council"])
    chosen = list(Tag.objects.values_list("pk", flat=True))
    session = staff_client.session
    session["selected_tag_ids"] = ",".join(str(pk) for pk in [*chosen, 99999])
    session.save()
    response = staff_client.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": "council"})
    assert response.status_code == 302
    assert [tag.name for tag in article.tags.all()] == ["council"]


@pytest.mark.parametrize("path", [
    "/admin/articles/article/?status__exact=%00",
    "/admin/autocomplete/?app_label=articles&model_name=article&field_name=related&term=a%00",
])
def test_a_nul_character_in_an_admin_address_is_a_bad_request(staff_client, path):
    """PostgreSQL cannot compare text holding NUL: a filter or search with one answered 500 there."""
    assert staff_client.get(path).status_code == 400


def test_a_nul_character_in_an_admin_post_is_a_bad_request(staff_client):
    from comments.models import Comment
    from tests.factories import CommentFactory

    comment = CommentFactory(status="pending")
    response = staff_client.post(f"/admin/comments/comment/{comment.pk}/decide/", {"decide-approve": "", "reason": "a\x00b"})
    assert response.status_code == 400
    assert Comment.objects.get(pk=comment.pk).status == "pending"


def test_an_admin_action_ignores_selected_ids_that_are_not_ids(staff_client):
    """The admin filtered the chosen rows with whatever ids were posted (`_selected_action=x`) and answered 500."""
    from comments.models import Comment
    from tests.factories import CommentFactory

    comment = CommentFactory(status="pending")
    response = staff_client.post(
        "/admin/comments/comment/", {"action": "approve", "_selected_action": ["x", "²", str(comment.pk)], "index": "0"},
    )
    assert response.status_code == 302
    assert Comment.objects.get(pk=comment.pk).status == "approved"


@pytest.mark.parametrize("query", [
    "created_at__year=9999999999999999999", "created_at__year=0", "created_at__year=2026&created_at__month=13",
    "created_at__year=2026&created_at__month=99999999999999999999", "created_at__year=2026&created_at__month=2&created_at__day=0",
    "created_at__year=-1", "created_at__year=²",
])
def test_a_date_drill_down_outside_the_calendar_is_ignored(staff_client, query):
    """The comment list's date drill-down built a date from whatever year stood in the address: 500 on a huge one."""
    response = staff_client.get(f"/admin/comments/comment/?{query}")
    assert response.status_code == 200


def test_a_day_the_month_does_not_have_gets_the_admins_own_answer(staff_client):
    """Each part fits the calendar, the date does not: Django's admin itself sends the list back marked as in error."""
    response = staff_client.get("/admin/comments/comment/?created_at__year=2026&created_at__month=2&created_at__day=31")
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_a_date_drill_down_inside_the_calendar_still_filters(staff_client):
    from tests.factories import CommentFactory

    CommentFactory(body="Kept in view")
    response = staff_client.get("/admin/comments/comment/?created_at__year=1999")
    assert response.status_code == 200
    assert "Kept in view" not in response.content.decode()
