"""What the admin's front page lists for each person: one query per list, whatever the number of articles."""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from .models import Article, Transition
from .workflow import is_editor

LIST_LIMIT = 15


@dataclass
class Desk:
    """The dashboard's lists; a list is None when it is not this person's to see."""

    awaiting_review: list | None = None
    sent_back: list | None = None
    my_drafts: list | None = None
    scheduled: list = field(default_factory=list)
    recently_published: list = field(default_factory=list)


def _last_step(column: str) -> Subquery:
    steps = Transition.objects.filter(article=OuterRef("pk")).exclude(action__in=Transition.NOT_STEPS)
    return Subquery(steps.values(column)[:1])


def _own(user) -> Q:
    return Q(created_by=user) | Q(pk__in=Article.objects.filter(authors__user=user).values("pk"))


def _base() -> QuerySet:
    return Article.objects.select_related("section", "last_edited_by")


def desk_for(user, *, now=None) -> Desk:
    """The lists this person works from: editors review, writers pick up what came back and their drafts."""
    now = now or timezone.now()
    desk = Desk()
    if is_editor(user):
        # Oldest submission first: it has waited longest.
        desk.awaiting_review = list(
            _base().filter(status=Article.Status.IN_REVIEW)
            .annotate(submitted_at=_last_step("at")).order_by("submitted_at", "pk")[:LIST_LIMIT]
        )
    drafts = (
        _base().filter(_own(user), status=Article.Status.DRAFT)
        .annotate(
            last_action=_last_step("action"), step_at=_last_step("at"), step_note=_last_step("note"),
            step_by_first=_last_step("by__first_name"), step_by_last=_last_step("by__last_name"),
            step_by_username=_last_step("by__username"),
        )
        .order_by("-updated_at", "-pk")
    )
    sent_back = Q(last_action="send_back")
    desk.sent_back = list(drafts.filter(sent_back)[:LIST_LIMIT])
    desk.my_drafts = list(drafts.filter(Q(last_action__isnull=True) | ~sent_back)[:LIST_LIMIT])
    if desk.awaiting_review is not None:
        # An editor sees the writers' lists only when they write too.
        desk.sent_back = desk.sent_back or None
        desk.my_drafts = desk.my_drafts or None
    desk.scheduled = list(
        _base().filter(status=Article.Status.SCHEDULED, published_at__gt=now).order_by("published_at", "pk")[:LIST_LIMIT]
    )
    desk.recently_published = list(_base().published(now).order_by("-published_at", "-pk")[:LIST_LIMIT])
    return desk
