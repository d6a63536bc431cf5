"""Who may move an article from which state to which: pure policy, no database access."""

from dataclasses import dataclass

from .models import Article

Status = Article.Status
EDITOR_PERMISSION = "articles.publish_article"


@dataclass(frozen=True)
class Move:
    label: str
    sources: frozenset[str]
    target: str
    editors_only: bool
    note_required: bool = False
    runs_gate: bool = False
    own_only: bool = False


MOVES: dict[str, Move] = {
    "submit": Move("Submit for review", frozenset({Status.DRAFT}), Status.IN_REVIEW, editors_only=False, runs_gate=True),
    # A writer who spots something after submitting takes it back; editors send back with a note instead.
    "withdraw": Move(
        "Withdraw from review", frozenset({Status.IN_REVIEW}), Status.DRAFT, editors_only=False, own_only=True,
    ),
    "send_back": Move(
        "Send back to the writer", frozenset({Status.IN_REVIEW, Status.SCHEDULED}), Status.DRAFT,
        editors_only=True, note_required=True,
    ),
    "publish": Move(
        "Publish now", frozenset({Status.DRAFT, Status.IN_REVIEW, Status.SCHEDULED, Status.UNPUBLISHED}),
        Status.PUBLISHED, editors_only=True, runs_gate=True,
    ),
    "schedule": Move(
        "Schedule", frozenset({Status.DRAFT, Status.IN_REVIEW, Status.SCHEDULED, Status.UNPUBLISHED}),
        Status.SCHEDULED, editors_only=True, runs_gate=True,
    ),
    "unpublish": Move(
        "Unpublish", frozenset({Status.PUBLISHED, Status.SCHEDULED}), Status.UNPUBLISHED,
        editors_only=True, note_required=True,
    ),
    "to_draft": Move("Back to draft", frozenset({Status.UNPUBLISHED}), Status.DRAFT, editors_only=True),
}


def is_editor(user) -> bool:
    return bool(user and user.is_active and user.has_perm(EDITOR_PERMISSION))


def is_own(user, article: Article) -> bool:
    """A writer's own article: one they created or whose byline names them."""
    return article.created_by_id == user.pk or any(author.user_id == user.pk for author in article.byline)


def can_edit(user, article: Article) -> bool:
    """Editors edit every article; writers only their own drafts. (ArticleQuerySet.editable_by says it in SQL.)"""
    return is_editor(user) or (article.status == Status.DRAFT and is_own(user, article))


def refusal(action: str, *, status: str, editor: bool, own: bool, note: str = "") -> str | None:
    """Return why this move is not allowed, or None when it is."""
    move = MOVES.get(action)
    if move is None:
        return f"“{action}” is not a step of the workflow."
    if move.editors_only and not editor:
        return f"Only an editor can do this: {move.label.lower()}."
    if move.own_only and not own:
        return f"Only the writers of this article can do this: {move.label.lower()}."
    if not move.editors_only and not (editor or own):
        return "Writers can only submit their own articles."
    if status not in move.sources:
        current = Status(status).label.lower()
        return f"An article that is {current} cannot take this step: {move.label.lower()}."
    if move.note_required and not note.strip():
        return "Write a note saying why, for the people working on this article."
    return None


def available_moves(user, article: Article) -> list[tuple[str, Move]]:
    """The moves to offer this user on this article (notes are asked for in the form)."""
    editor, own = is_editor(user), is_own(user, article)
    return [
        (action, move)
        for action, move in MOVES.items()
        if refusal(action, status=article.status, editor=editor, own=own, note="-") is None
    ]
