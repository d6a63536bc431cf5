"""State changes of articles: every entry point (admin, commands, tests) goes through these functions."""

import json
from collections import Counter
from datetime import datetime
from functools import partial
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from . import images, invalidation, quality, search, tasks
from .blocks import registry as block_kinds, snapshot
from .fields import RANDOM_NAME
from .models import Article, Author, Autosave, BylineOptOut, Correction, GateAcknowledgement, Transition
from .workflow import MOVES, can_edit, is_editor, is_own, refusal


class WorkflowRefused(PermissionDenied):
    """A step the user's role or the article's state does not allow; the message says why."""


class GateBlocked(ValidationError):
    """The quality gate found errors (or unacknowledged warnings); `findings` lists them."""

    def __init__(self, message: str, findings: list):
        super().__init__(message)
        self.findings = findings


def gate_config() -> quality.GateConfig:
    """The gate's rules at the severities the site chose (NEWSROOM_QUALITY_RULES; checked by articles.checks)."""
    return quality.GateConfig(severities=dict(settings.NEWSROOM_QUALITY_RULES))


def check_loaded(article) -> list[quality.Finding]:
    """Run the quality gate on an article whose blocks are already loaded (a list page's rows)."""
    return quality.check_document(quality.document_from_article(article), config=gate_config())


def article_check(*, article: Article) -> list[quality.Finding]:
    """Run the quality gate on an article as stored now, blocks included."""
    return check_loaded(Article.objects.for_article_page().get(pk=article.pk))


def acknowledgements(*, article: Article) -> dict[tuple, GateAcknowledgement]:
    """The article's acknowledged warnings by finding key; one no longer found is simply never looked up."""
    return {ack.key: ack for ack in GateAcknowledgement.objects.filter(article=article).select_related("by")}


def open_warnings(findings: list, acknowledged) -> list:
    """The warnings no one has acknowledged on this article (`acknowledged`: keys, or acknowledgements by key)."""
    return [finding for finding in findings if finding.severity == "warning" and finding.key not in acknowledged]


def introduced_errors(before: list, after: list) -> list:
    """The errors in `after` that `before` did not have: by key, each occurrence counted (a second “[TK]” is new)."""
    had = Counter(finding.key for finding in before if finding.severity == "error")
    new = []
    for finding in after:
        if finding.severity != "error":
            continue
        if had[finding.key]:
            had[finding.key] -= 1
        else:
            new.append(finding)
    return new


class _AsTyped:
    """An article as its form stands, unsaved: typed fields on the instance, its relations from the form."""

    def __init__(self, article: Article, *, tags: list, byline: list, blocks: list):
        self._article, self._tags, self.byline, self._blocks = article, tags, byline, blocks

    def __getattr__(self, name: str):
        return getattr(self._article, name)

    @property
    def tags(self):
        return self

    def all(self) -> list:
        return self._tags

    def body_blocks(self) -> list:
        # The order the saved page would show; a block not saved yet has no pk, so it comes after a saved one.
        return sorted(self._blocks, key=lambda block: (block.position, block.block_type, block.pk is None, block.pk or 0))


def article_check_unsaved(*, article: Article, tags: list, byline: list, blocks: list) -> list[quality.Finding]:
    """Run the quality gate on an article as the writer's form stands, without saving any of it."""
    return check_loaded(_AsTyped(article, tags=tags, byline=byline, blocks=blocks))


def _gate(article: Article, *, action: str, acknowledge_warnings: bool) -> None:
    findings = article_check(article=article)
    errors = [finding for finding in findings if finding.severity == "error"]
    # A warning acknowledged on this article with a reason is settled; only the others need “I have read”.
    warnings = open_warnings(findings, acknowledgements(article=article))
    if errors:
        raise GateBlocked(
            f"The quality check found {len(errors)} error{'s' if len(errors) != 1 else ''} to fix first.", findings,
        )
    if warnings and action != "submit" and not acknowledge_warnings:
        raise GateBlocked(
            f"The quality check found {len(warnings)} warning{'s' if len(warnings) != 1 else ''} not acknowledged: "
            "read them and tick “I have read the warnings” to go ahead.",
            findings,
        )


@transaction.atomic
def article_transition(
    *, article: Article, by, action: str, note: str = "", at: datetime | None = None,
    acknowledge_warnings: bool = False,
) -> Article:
    """Move an article one step through the workflow, or refuse with a message that says why."""
    locked = Article.objects.select_for_update().get(pk=article.pk)
    reason = refusal(action, status=locked.status, editor=is_editor(by), own=is_own(by, locked), note=note)
    if reason:
        raise WorkflowRefused(reason)
    move = MOVES[action]
    now = timezone.now()
    if action == "schedule":
        if at is None or at <= now:
            raise WorkflowRefused("Choose a publication time in the future to schedule this article.")
    if move.runs_gate:
        _gate(locked, action=action, acknowledge_warnings=acknowledge_warnings)
    from_status = locked.status
    locked.status = move.target
    if action == "schedule":
        locked.published_at = at
    elif action == "publish":
        locked.published_at = now
    locked.last_edited_by = by
    fields = ["status", "published_at", "last_edited_by"]
    if action == "unpublish":
        # Links shared before it was taken down must not show it any more, even if it later goes back to draft.
        locked.previews_revoked_at = now
        fields.append("previews_revoked_at")
    locked.save(update_fields=fields)
    step = Transition.objects.create(
        article=locked, from_status=from_status, to_status=move.target, action=action, by=by, at=now, note=note,
    )
    tasks.queue_step_notice(step.pk)
    return locked


def article_submit(*, article: Article, by, note: str = "") -> Article:
    return article_transition(article=article, by=by, action="submit", note=note)


def article_withdraw(*, article: Article, by, note: str = "") -> Article:
    """The article's own writer takes a submission back to draft before an editor acts on it."""
    return article_transition(article=article, by=by, action="withdraw", note=note)


def article_send_back(*, article: Article, by, note: str) -> Article:
    return article_transition(article=article, by=by, action="send_back", note=note)


def article_publish(*, article: Article, by, note: str = "", acknowledge_warnings: bool = False) -> Article:
    return article_transition(
        article=article, by=by, action="publish", note=note, acknowledge_warnings=acknowledge_warnings,
    )


def article_schedule(
    *, article: Article, by, at: datetime, note: str = "", acknowledge_warnings: bool = False,
) -> Article:
    return article_transition(
        article=article, by=by, action="schedule", at=at, note=note, acknowledge_warnings=acknowledge_warnings,
    )


def article_unpublish(*, article: Article, by, note: str) -> Article:
    return article_transition(article=article, by=by, action="unpublish", note=note)


@transaction.atomic
def article_revoke_previews(*, articles, by) -> int:
    """End every preview link made so far for these articles; return how many articles that was.

    Editors may revoke any article's links; others only those of articles they may edit. Writes one UPDATE.
    """
    ids = [article.pk for article in articles]
    chosen = list(Article.objects.filter(pk__in=ids).prefetch_related("bylines__author"))
    refused = [article for article in chosen if not can_edit(by, article)]
    if refused:
        raise WorkflowRefused(f"You cannot revoke the preview links of “{refused[0].headline}”.")
    return Article.objects.filter(pk__in=[article.pk for article in chosen]).update(previews_revoked_at=timezone.now())


def _when(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%d %b %Y, %H:%M} {local.tzname()}"


@transaction.atomic
def article_record_revert(*, article_id: int, by, saved_at: datetime, note: str) -> Transition:
    """Note in the workflow log that the words and blocks went back to an older revision, and why; the state stays.

    A revert always says why: the desk reads the reason in the history. Locks the article's row. The caller (the
    admin's revert) has checked that `by` may edit the article now.
    """
    if not note.strip():
        raise WorkflowRefused("Say why you are reverting: the note is kept in the article's workflow history.")
    locked = Article.objects.select_for_update().get(pk=article_id)
    return Transition.objects.create(
        article=locked, from_status=locked.status, to_status=locked.status, action="revert", by=by,
        note=f"Text and blocks reverted to the revision saved on {_when(saved_at)}: {note.strip()}",
    )


@transaction.atomic
def article_record_recovery(*, article_id: int, by, saved_at: datetime) -> Transition:
    """A deleted article brought back from its last revision comes back as a draft, never straight onto the site,
    and without the preview links shared before it was deleted.

    Locks the article's row. Only editors may recover an article (the admin checks it before the revision is read).
    """
    locked = Article.objects.select_for_update().get(pk=article_id)
    if not is_editor(by):
        raise WorkflowRefused("Only an editor can bring back a deleted article.")
    from_status = locked.status
    # The revision restores the revocation time it was saved with, which predates links made since: end them all.
    Article.objects.filter(pk=locked.pk).update(
        status=Article.Status.DRAFT, published_at=None, previews_revoked_at=timezone.now(),
    )
    return Transition.objects.create(
        article=locked, from_status=from_status, to_status=Article.Status.DRAFT, action="recover", by=by,
        note=f"Recovered after it was deleted, from the revision saved on {_when(saved_at)}; "
        "it stays a draft until an editor publishes it again.",
    )


def may_acknowledge(user, article: Article) -> bool:
    """Who may write the article may acknowledge its warnings."""
    return user.has_perm("articles.change_article") and can_edit(user, article)


def _finding_words(finding) -> str:
    return f"{finding.rule} in {finding.label}: “{finding.text}”"


@transaction.atomic
def article_acknowledge_finding(*, article: Article, finding_key, reason: str, by) -> GateAcknowledgement:
    """Record that a warning of the gate on this article is right as it stands, and why; noted in its history.

    Locks the article's row. Refuses (WorkflowRefused) whoever may not edit the article; refuses (ValidationError)
    a blank reason, an error (errors are fixed, never acknowledged) and a finding the stored article no longer has.
    Acknowledging the same warning again replaces the reason.
    """
    locked = Article.objects.select_for_update().get(pk=article.pk)
    if not may_acknowledge(by, locked):
        raise WorkflowRefused("You cannot acknowledge the warnings of an article you may not change.")
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why this warning can stay: the reason is kept with the article.", code="no_reason")
    key = tuple(finding_key)
    finding = next((finding for finding in article_check(article=locked) if finding.key == key), None)
    if finding is None:
        raise ValidationError(
            "The quality check no longer finds this in the article as saved; check again.", code="not_found",
        )
    if finding.severity != "warning":
        raise ValidationError(
            f"This is an error ({finding.rule}), and errors cannot be acknowledged: fix the text.", code="error",
        )
    rule, block_uid, field, text = key
    acknowledgement, _ = GateAcknowledgement.objects.update_or_create(
        article=locked, rule=rule, block_uid=block_uid, field=field, text=text,
        defaults={"reason": reason, "by": by, "at": timezone.now()},
    )
    Transition.objects.create(
        article=locked, from_status=locked.status, to_status=locked.status, action="acknowledge", by=by,
        note=f"{_finding_words(finding)}. Reason: {reason}",
    )
    return acknowledgement


@transaction.atomic
def article_unacknowledge_finding(*, article: Article, finding_key, by) -> None:
    """Withdraw an acknowledgement: the warning needs reading again before the article is published.

    Locks the article's row; refuses whoever may not edit the article.
    """
    locked = Article.objects.select_for_update().get(pk=article.pk)
    if not may_acknowledge(by, locked):
        raise WorkflowRefused("You cannot change the acknowledgements of an article you may not change.")
    rule, block_uid, field, text = tuple(finding_key)
    deleted, _ = GateAcknowledgement.objects.filter(
        article=locked, rule=rule, block_uid=block_uid, field=field, text=text,
    ).delete()
    if deleted:
        Transition.objects.create(
            article=locked, from_status=locked.status, to_status=locked.status, action="unacknowledge", by=by,
            note=f"{rule}: “{text}”",
        )


@transaction.atomic
def article_add_correction(*, article: Article, by, text: str, kind: str = Correction.Kind.CORRECTION) -> Correction:
    """Append a dated correction or update note; only editors may, and only to a public article."""
    if not is_editor(by):
        raise WorkflowRefused("Only an editor can add a correction or update.")
    if article.status not in Article.PUBLIC_STATES:
        raise WorkflowRefused("Corrections and updates are for articles readers can already see.")
    if not text.strip():
        raise ValidationError("Write the text of the correction.")
    correction = Correction.objects.create(article=article, kind=kind, text=text.strip(), by=by)
    Article.objects.filter(pk=article.pk).update(updated_at=correction.created_at)
    return correction


@transaction.atomic
def author_profile_create(*, user, name: str) -> Author:
    """Give a staff member their own author profile for bylines: for themselves only, and only once.

    Locks the user's row, so two clicks cannot make two profiles.
    """
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    existing = Author.objects.filter(user=user).first()
    if existing is not None:
        raise WorkflowRefused(f"You already have an author profile: “{existing.name}”.")
    name = " ".join(name.split())
    if not name:
        raise ValidationError("Write the name to show in your byline.")
    limit = Author._meta.get_field("name").max_length
    if len(name) > limit:
        raise ValidationError(f"A byline name can be at most {limit} characters.")
    base = slugify(name)[:100] or f"author-{user.pk}"
    slug, number = base, 1
    while Author.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    BylineOptOut.objects.filter(user=user).delete()
    return Author.objects.create(name=name, slug=slug, user=user)


def author_profile_decline(*, user) -> None:
    """Remember that this staff member does not write under their own name, so the offer is not made again."""
    BylineOptOut.objects.get_or_create(user=user)


def article_reindex(*, article: Article) -> None:
    """Rebuild the article's search text and, on PostgreSQL, its weighted search vector from its parts as stored.

    Call it after the article or any of its blocks changed (the admin and the demo loader do); it writes the two
    search columns only, so the article's edit version and update time stay as they are.
    """
    document = search.document(Article.objects.for_article_page().get(pk=article.pk))
    fields = {"search_text": document.text}
    if search.uses_full_text(Article.objects.all()):
        fields["search_vector"] = search.search_vector(document.weighted())
    Article.objects.filter(pk=article.pk).update(**fields)
    if article.status in Article.PUBLIC_STATES:
        # An update sends no signal: what search finds has changed.
        invalidation.invalidate({"search"})


def article_make_renditions(*, article: Article, force: bool = False) -> dict:
    """Make the lead image's renditions once (unless `force`) and record them on the article; drop the old files."""
    old = article.lead_image_renditions or {}
    if article.lead_image and not force and images.is_current(
        old, source=article.lead_image.name, focal=article.focal_point,
    ):
        return old
    new = images.make_renditions(article.lead_image, focal=article.focal_point) if article.lead_image else {}
    Article.objects.filter(pk=article.pk).update(lead_image_renditions=new)
    # An update sends no signal: the pictures on the article's page and cards change.
    invalidation.article_changed(article.pk)
    article.lead_image_renditions = new
    article.__dict__.pop("lead_picture", None)
    storage = Article._meta.get_field("lead_image").storage
    transaction.on_commit(lambda: images.delete_renditions(storage, old, keep=new))
    return new


def article_make_block_renditions(*, article: Article, force: bool = False) -> int:
    """Make the renditions of every picture in the article's body that has none for its current file (or all, with
    `force`); record them on each block and drop the old files. Returns how many pictures got new renditions.

    Kinds say which of their fields hold a picture and its renditions (`BlockKind.renditions`). Blocks are updated
    without a save, so the article's edit version and every block's place stay as they are.
    """
    made = 0
    for kind in block_kinds:
        spec = kind.renditions
        if spec is None:
            continue
        for block in kind.model.objects.filter(article=article).exclude(**{spec.picture_field: ""}):
            old, file = getattr(block, spec.field) or {}, getattr(block, spec.picture_field)
            if not force and images.is_current(old, source=file.name, focal=None):
                continue
            new = images.make_renditions(file, focal=None, shapes=spec.shapes)
            kind.model.objects.filter(pk=block.pk).update(**{spec.field: new})
            snapshot.body_changed(article_ids=[article.pk])
            transaction.on_commit(partial(images.delete_renditions, file.storage, old, keep=new))
            made += 1
    return made


@transaction.atomic
def picture_give_random_name(*, instance, field: str) -> bool:
    """Store a picture kept under its upload name again under a random one (re-encoded), and drop the old files.

    For pictures uploaded before names were random: their addresses can be guessed. Returns whether it renamed.
    The row is updated without a save, so an editor with the article open is not told someone else changed it.
    """
    model = type(instance)
    locked = model.objects.select_for_update().get(pk=instance.pk)
    file = getattr(locked, field)
    old = file.name
    if not old or RANDOM_NAME.fullmatch(PurePosixPath(old).name):
        return False
    with file.open("rb") as handle:
        content = ContentFile(handle.read())
    file.save(PurePosixPath(old).name, content, save=False)
    model.objects.filter(pk=locked.pk).update(**{field: file.name})
    if article_id := getattr(locked, "article_id", None):
        snapshot.body_changed(article_ids=[article_id])
    storage = file.storage
    transaction.on_commit(lambda: storage.delete(old))
    if isinstance(locked, Article):
        article_make_renditions(article=locked)
    setattr(instance, field, file.name)
    return True


def may_autosave(user, article: Article | None) -> bool:
    """Whoever may write the article (or add one, for a new article) may keep their unsaved form of it."""
    if article is None:
        return user.has_perm("articles.add_article")
    return user.has_perm("articles.change_article") and can_edit(user, article)


def _form_fields(data) -> list[list[str]]:
    """The posted form as [[name, value], …] of strings, without the CSRF token, or ValidationError."""
    if not isinstance(data, list) or not all(
        isinstance(pair, list) and len(pair) == 2 and all(isinstance(part, str) for part in pair) for pair in data
    ):
        raise ValidationError("An autosave is the form's fields as [name, value] pairs of text.", code="invalid")
    fields = [pair for pair in data if pair[0] != "csrfmiddlewaretoken"]
    size = len(json.dumps(fields, ensure_ascii=False).encode())
    if size > settings.NEWSROOM_AUTOSAVE_MAX_BYTES:
        raise ValidationError(
            f"This article's form is too large to autosave ({size // 1024} KB, at most "
            f"{settings.NEWSROOM_AUTOSAVE_MAX_BYTES // 1024} KB): save it to keep your text.",
            code="too_large",
        )
    return fields


@transaction.atomic
def article_autosave(*, user, article: Article | None, data) -> Autosave:
    """Keep this person's form of the article as it stands (`article` None: the new article they are writing).

    Overwrites their previous autosave of it, locking that row (update_or_create); never a revision, never the
    article itself. Autosaves past NEWSROOM_AUTOSAVE_DAYS are deleted on the way. Raises WorkflowRefused when they
    may not write the article, ValidationError (code "invalid" or "too_large") for data that is not a form's
    fields or is over NEWSROOM_AUTOSAVE_MAX_BYTES.
    """
    if not may_autosave(user, article):
        raise WorkflowRefused("You cannot autosave an article you may not change.")
    fields = _form_fields(data)
    Autosave.objects.expired().delete()
    autosave, _ = Autosave.objects.update_or_create(
        user=user, article=article, defaults={"data": fields, "saved_at": timezone.now()},
    )
    return autosave


def article_autosave_discard(*, user, article: Article | None) -> None:
    """Forget this person's autosave of the article (None: of their new article): they saved or discarded it."""
    Autosave.objects.filter(user=user, article=article).delete()
