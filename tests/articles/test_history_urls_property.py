"""Property: through the admin's history, revision, compare and recover URLs, no role reaches what it may not change.

Every admin registered as a django-reversion VersionAdmin is covered; the ids are drawn from a newsroom holding
several articles with blocks and revisions (block and article ids overlap, as they do in a real database), plus
ids nobody should type.
"""

from urllib.parse import quote

import pytest
import reversion
from django.contrib.admin.sites import site
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reversion.admin import VersionAdmin
from reversion.models import Version

from articles import services
from articles.models import (
    Article, Byline, Callout, DiscussionPrompt, FaqEntry, Participant, ParticipantTable, TextSection, Transition,
)
from articles.workflow import can_edit, is_editor
from tests.factories import (
    ArticleFactory, CalloutFactory, FaqEntryFactory, ParticipantFactory, ParticipantTableFactory, TextSectionFactory,
)

pytestmark = pytest.mark.django_db

Status = Article.Status
VERSION_ADMINS = {model: admin for model, admin in site._registry.items() if isinstance(admin, VersionAdmin)}
ROLES = ["anonymous", "writer", "other_writer", "editor", "moderator", "superuser"]
BLOCKS = [TextSection, ParticipantTable, Callout, DiscussionPrompt, FaqEntry, Byline]


def test_every_version_admin_is_covered():
    # A block's history is its article's: no block has a history page of its own.
    assert set(VERSION_ADMINS) == {Article}


def _revision(user, *objects):
    with reversion.create_revision():
        reversion.set_user(user)
        for obj in objects:
            reversion.add_to_revision(obj)


@pytest.fixture
def newsroom(writer, other_writer, editor, moderator, admin_user):
    """Drafts, a story in review, live and unpublished stories, each with blocks and revisions; some deleted."""
    mine = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=writer, body=False, headline="Mine")
    live = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=editor, headline="Live")
    TextSectionFactory(article=mine, body="<p>My draft.</p>")
    table = ParticipantTableFactory(article=mine)
    ParticipantFactory(table=table)
    live_table = ParticipantTableFactory(article=live)
    ParticipantFactory(table=live_table)
    CalloutFactory(article=live)
    _revision(editor, live)
    _revision(editor, live_table, live)
    services.article_publish(article=live, by=editor)
    Article.objects.filter(pk=live.pk).update(headline="Live, corrected")
    _revision(editor, live)
    _revision(writer, mine)
    _revision(writer, table, mine)
    Article.objects.filter(pk=mine.pk).update(headline="Mine, rewritten")
    _revision(writer, mine)

    review = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=writer, headline="In review")
    FaqEntryFactory(article=review)
    _revision(writer, review)
    services.article_submit(article=review, by=writer)
    theirs = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=other_writer, headline="Theirs")
    _revision(other_writer, theirs)
    pulled = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=editor, headline="Pulled")
    _revision(editor, pulled)
    services.article_publish(article=pulled, by=editor)
    services.article_unpublish(article=pulled, by=editor, note="Legal")

    gone = ArticleFactory(status=Status.DRAFT, published_at=None, created_by=writer, headline="Gone")
    _revision(writer, gone)
    dropped = ParticipantTableFactory(article=mine, title="Dropped")
    _revision(writer, dropped, mine)
    deleted_ids = [gone.pk, dropped.pk]
    gone.delete()
    dropped.delete()
    live_dropped = ParticipantTableFactory(article=live, title="Live dropped")
    _revision(editor, live_dropped, live)
    live_dropped.delete()

    users = {"writer": writer, "other_writer": other_writer, "editor": editor, "moderator": moderator,
             "superuser": admin_user, "anonymous": None}
    object_ids = sorted({
        *Article.objects.values_list("pk", flat=True), *ParticipantTable.objects.values_list("pk", flat=True),
        *deleted_ids,
    })
    version_ids = sorted(Version.objects.values_list("pk", flat=True))
    return users, [str(pk) for pk in object_ids], [str(pk) for pk in version_ids]


def snapshot() -> dict[int, str]:
    """Everything stored about each article (row, blocks, rows of tables, workflow log), keyed by article."""
    state = {row["id"]: [row] for row in Article.objects.order_by("pk").values()}
    for model in [*BLOCKS, Transition]:
        for row in model.objects.order_by("pk").values():
            state.setdefault(row["article_id"], []).append((model.__name__, row))
    rows = Participant.objects.order_by("pk").values("table__article_id", "id", "name", "represents", "role", "order")
    for row in rows:
        state.setdefault(row["table__article_id"], []).append(("Participant", row))
    return {pk: repr(rows) for pk, rows in state.items()}


def workflow_of() -> dict[int, tuple]:
    return dict((pk, (status, published_at)) for pk, status, published_at in Article.objects.values_list(
        "pk", "status", "published_at"))


def may_change(user, model, object_id: str) -> bool:
    """The rule, stated independently of the admin: editors change every article, writers their own drafts."""
    if user is None or not object_id.isascii() or not object_id.isdecimal():
        return False
    obj = model.objects.filter(pk=int(object_id)).first()
    if obj is None:
        return False
    article = obj if model is Article else obj.article
    return user.is_superuser or (
        user.has_perm(f"articles.change_{model._meta.model_name}") and can_edit(user, article)
    )


def may_recover(user, model, version: Version | None) -> bool:
    if user is None or version is None or model.objects.filter(pk=version.object_id).exists():
        return False
    if model is Article:
        return is_editor(user) or user.is_superuser
    article = Article.objects.filter(pk=version.field_dict["article_id"]).first()
    return article is not None and (user.is_superuser or (user.has_perm("articles.add_participanttable")
                                                          and can_edit(user, article)))


def in_history(model, object_id: str, version_id: str) -> Version | None:
    if not (object_id.isascii() and object_id.isdecimal() and version_id.isascii() and version_id.isdecimal()):
        return None
    return Version.objects.get_for_model(model).filter(object_id=str(int(object_id)), pk=int(version_id)).first()


def owner(model, object_id: str, version: Version | None) -> int | None:
    if model is Article:
        return int(object_id)
    table = ParticipantTable.objects.filter(pk=object_id).first()
    if table is not None:
        return table.article_id
    return version.field_dict.get("article_id") if version else None


odd_ids = st.one_of(
    st.integers(min_value=-3, max_value=2**70).map(str),
    st.sampled_from(["²", "١", "0", "00", "1.0", "1e3", " 1", "%", "_5F", "abc", "1_000"]),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/?#"), min_size=1, max_size=6),
)


@given(data=st.data())
@settings(max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_no_role_reaches_an_object_it_may_not_change_through_history_urls(newsroom, data):
    users, object_ids, version_ids = newsroom
    role = data.draw(st.sampled_from(ROLES), label="role")
    model = data.draw(st.sampled_from(sorted(VERSION_ADMINS, key=lambda m: m.__name__)), label="admin")
    view = data.draw(st.sampled_from(["revision", "recover", "compare", "history", "recoverlist"]), label="view")
    object_id = data.draw(st.one_of(st.sampled_from(object_ids), odd_ids), label="object id")
    version_id = data.draw(st.one_of(st.sampled_from(version_ids), odd_ids), label="version id")
    method = data.draw(st.sampled_from(["get", "post"]), label="method")
    user = users[role]
    base = f"/admin/articles/{model._meta.model_name}/"
    path = {
        "revision": f"{base}{quote(object_id, safe='')}/history/{quote(version_id, safe='')}/",
        "recover": f"{base}recover/{quote(version_id, safe='')}/",
        "compare": f"{base}{quote(object_id, safe='')}/history/compare/?from={quote(version_id)}"
                   f"&to={quote(version_id)}",
        "history": f"{base}{quote(object_id, safe='')}/history/",
        "recoverlist": f"{base}recover/",
    }[view]

    with transaction.atomic():
        client = Client()
        if user is not None:
            client.force_login(user)
        post_data = {"headline": "Hijacked", "title": "Hijacked", "slug": "hijacked"}
        if method == "post" and view in {"revision", "recover"}:
            # The form as someone allowed would send it: the most a refused person could hope to slip through.
            chief = Client()
            chief.force_login(users["superuser"])
            shown = chief.get(path)
            if shown.status_code == 200:
                from tests.formdata import form_data

                post_data = form_data(shown.content.decode(), f"{model._meta.model_name}_form") | {
                    "headline": ["Hijacked"], "title": ["Hijacked"],
                }
        before, states = snapshot(), workflow_of()
        version = in_history(model, object_id, version_id)
        deleted = Version.objects.get_deleted(model).filter(pk=version_id).first() if (
            version_id.isascii() and version_id.isdecimal() and int(version_id) < 2**63) else None
        allowed = {
            "revision": version is not None and may_change(user, model, object_id),
            "recover": may_recover(user, model, deleted),
        }.get(view, False)

        response = getattr(client, method)(path, post_data)

        if view in {"revision", "recover"} and response.status_code == 200:
            assert allowed, f"{role} was shown the revert form at {path}"
        after = snapshot()
        changed = {pk for pk in before.keys() | after.keys() if before.get(pk) != after.get(pk)}
        if changed:
            assert allowed, f"{role} changed articles {changed} through {method.upper()} {path}"
            article_id = owner(model, object_id if view == "revision" else deleted.object_id, version or deleted)
            assert changed == {article_id}, f"{method.upper()} {path} changed {changed}, not only {article_id}"
        for pk, state in states.items():
            if pk in after:
                assert workflow_of()[pk] == state, f"{method.upper()} {path} moved article {pk} in the workflow"
        transaction.set_rollback(True)


@pytest.mark.parametrize("object_id", ["%00", "999999", "not-a-number"])
def test_the_history_of_an_article_that_does_not_exist_answers_like_any_missing_object(admin_user, object_id):
    client = Client()
    client.force_login(admin_user)
    response = client.get(f"/admin/articles/article/{object_id}/history/")
    assert response.status_code == 302
    assert response.url == "/admin/"
