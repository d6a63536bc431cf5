"""The newsroom's content: sections, authors, articles and the typed blocks of their bodies."""

from datetime import timedelta
import uuid
from itertools import groupby
from operator import attrgetter

import reversion
from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import connections, models
from django.db.models import Exists, F, Max, OuterRef, Prefetch, Q, prefetch_related_objects
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from content_editor.models import Region
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

from . import embeds
from .fields import EmbedLinkField, PictureField, RandomName
from .images import LeadPicture
from .richtext import EDITOR_EXTENSIONS, sanitize_html
from .validators import validate_body_image, validate_lead_image


class Section(models.Model):
    name = models.CharField(max_length=80, help_text="As readers see it in navigation and breadcrumbs, e.g. “Economy”.")
    slug = models.SlugField(max_length=80, unique=True, help_text="The section's web address; changing it breaks old links.")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        help_text="Leave empty for a top-level section shown in the main navigation.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first in navigation.")
    description = models.TextField(blank=True, help_text="One or two sentences shown on the section page.")

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:section", kwargs={"slug": self.slug})

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": "A section cannot sit inside itself."})
            ancestor = ancestor.parent

    def trail(self) -> list["Section"]:
        """Return the sections from the top level down to this one, for breadcrumbs."""
        trail, node = [], self
        while node is not None:
            trail.insert(0, node)
            node = node.parent
        return trail


class Author(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    bio = models.TextField(blank=True, help_text="A short biography shown on the author's page, plain text.")
    photo = PictureField(upload_to=RandomName("authors/%Y"), blank=True, validators=[validate_lead_image])
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="author_profile",
        help_text="The staff account of this author, if they write in the admin.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:author", kwargs={"slug": self.slug})


class BylineOptOut(models.Model):
    """A staff member who said they do not write under their own name: the admin stops offering them a profile."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="byline_opt_out")
    at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user} writes under no byline of their own"


# Long derived columns no card reads (search reads `search_text` for its excerpts): left out of lists of stories.
CARD_DEFERRED = ("body_snapshot", "search_vector")


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Return articles a reader may see now: published or scheduled, with a publication time that has come."""
        return self.filter(status__in=Article.PUBLIC_STATES, published_at__lte=now or timezone.now())

    def editable_by(self, user):
        """Return the articles this user may edit: editors all, writers their own drafts."""
        from .workflow import is_editor

        if is_editor(user):
            return self
        return self.filter(Q(created_by=user) | Q(authors__user=user), status=Article.Status.DRAFT).distinct()

    def for_cards(self):
        """Load what an article card shows (section, byline) without a query per card, nor the long derived columns
        a card never reads."""
        return self.select_related("section").defer(*CARD_DEFERRED).prefetch_related(byline_prefetch())

    def for_article_page(self):
        """Load an article with every block it renders, one query per block kind, never per block."""
        return self.select_related("section__parent__parent").prefetch_related(
            byline_prefetch(),
            "tags",
            *(kind.prefetch() for kind in block_kinds()),
            "corrections",
        )

    def for_reader(self):
        """Load an article as the public page shows it: the body comes from the copy on its row (see
        `articles.blocks.snapshot.attach`, which the page calls), so blocks cost no query of their own."""
        return self.select_related("section__parent__parent").prefetch_related(byline_prefetch(), "tags")

    def in_section(self, section: Section):
        """Articles of a section and of the sections directly inside it (read in the same query)."""
        return self.filter(section__in=Section.objects.filter(Q(pk=section.pk) | Q(parent=section.pk)).values("pk"))

    def tagged(self, tag):
        return self.filter(tags=tag)

    def by_author(self, author: Author):
        return self.filter(authors=author)

    def for_feeds(self):
        """Load what a feed item carries (section, byline, tags) with one query per relation, never per item."""
        return self.for_cards().prefetch_related("tags")

    def search(self, terms):
        """Return the articles matching a reader's search terms, best match first (see articles.search)."""
        from .search import matching

        return matching(self, terms)

    def related_to(self, article, limit: int = 4) -> list["Article"]:
        """Return up to `limit` published stories for "You may also like": picks first, then by tags and section.

        One query (and one for the bylines): the picks and the newest few stories of the section or sharing a tag
        (an `EXISTS`, so no join multiplies rows for a DISTINCT to fold, read down the public-order index), the
        picks ordered first.
        """
        picked = Exists(Article.related.through.objects.filter(from_article=article.pk, to_article=OuterRef("pk")))
        near = Q(section_id=article.section_id)
        if tag_ids := [tag.pk for tag in article.tags.all()]:
            near |= Exists(Article.objects.filter(pk=OuterRef("pk"), tags__in=tag_ids))
        visible = self.published().exclude(pk=article.pk)
        # The newest `limit` near stories, read down the public-order index, and the picks: one list of ids, so the
        # outer query reads a handful of rows by primary key (PostgreSQL; an OR of two lists elsewhere).
        newest_near = visible.filter(near).order_by("-published_at", "-pk").values("pk")[:limit]
        picks = Article.related.through.objects.filter(from_article=article.pk).values("to_article")
        if connections[self.db].features.supports_slicing_ordering_in_compound:
            chosen = Q(pk__in=newest_near.union(picks, all=True))
        else:
            chosen = Q(pk__in=newest_near) | Q(pk__in=picks)
        stories = list(
            visible.select_related("section").defer(*CARD_DEFERRED).annotate(picked=picked).filter(chosen)
            .order_by(F("picked").desc(), "-published_at", "-pk")[:limit]
        )
        prefetch_related_objects(stories, byline_prefetch())
        return stories


def byline_prefetch() -> Prefetch:
    return Prefetch("bylines", queryset=Byline.objects.select_related("author"))


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"

    # Scheduled articles go public by themselves when their time comes: no cron job decides it.
    PUBLIC_STATES = (Status.SCHEDULED, Status.PUBLISHED)
    # Where the article stands rather than what it says: reverting to an old revision keeps these as they are.
    WORKFLOW_FIELDS = (
        "status", "published_at", "edit_version", "created_by", "last_edited_by", "updated_at", "previews_revoked_at",
        "comment_count",
    )
    # The picture stays too: a replaced picture's file is removed, so an old revision's may no longer exist.
    PICTURE_FILE_FIELDS = ("lead_image", "lead_image_focal_x", "lead_image_focal_y", "lead_image_renditions")
    # What an article's revision leaves out (derived from the rest; reverting rebuilds them rather than restoring
    # files that may be gone) and follows besides the blocks of every registered kind.
    HISTORY_EXCLUDE = (
        "lead_image_renditions", "search_text", "search_vector", "body_snapshot", "body_generation", "comment_count",
    )
    # Kept by their own writers (articles.blocks.snapshot): the admin's save of the form never writes them.
    SNAPSHOT_FIELDS = ("body_snapshot", "body_generation")
    HISTORY_FOLLOW = ("bylines",)

    headline = models.CharField(max_length=200)
    subheadline = models.CharField(max_length=300, blank=True, help_text="The dek: one sentence under the headline.")
    slug = models.SlugField(max_length=200, unique=True, help_text="The article's web address.")
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    authors = models.ManyToManyField(Author, through="Byline", related_name="articles", blank=True)
    tags = TaggableManager(blank=True, help_text="Comma-separated topics, e.g. “Japan, diplomacy”.")
    dateline_place = models.CharField(max_length=120, blank=True, help_text="Where the story was filed, e.g. “Gyeongju, South Korea”.")
    dateline_date = models.DateField(null=True, blank=True, help_text="The date the story is datelined.")
    summary = models.TextField(max_length=400, blank=True, help_text="Two sentences for cards, feeds and search results.")
    lead_image = PictureField(
        upload_to=RandomName("lead/%Y/%m"), blank=True, validators=[validate_lead_image],
        help_text="A real photo at least 400 pixels wide, at most 10 MB.",
    )
    lead_image_alt = models.CharField(
        max_length=250, blank=True, help_text="What the image shows, for readers who cannot see it. Required with an image.",
    )
    lead_image_caption = models.CharField(max_length=300, blank=True)
    lead_image_credit = models.CharField(max_length=120, blank=True, help_text="Photographer and agency.")
    lead_image_focal_x = models.PositiveSmallIntegerField(
        "focal point, across", null=True, blank=True, validators=[MaxValueValidator(100)],
        help_text="Where the subject is, in per cent from the left edge (0–100); cropped versions keep it in view. "
        "Leave both empty for the centre.",
    )
    lead_image_focal_y = models.PositiveSmallIntegerField(
        "focal point, down", null=True, blank=True, validators=[MaxValueValidator(100)],
        help_text="Where the subject is, in per cent from the top edge (0–100).",
    )
    # Derived, never typed: rewritten by services.article_make_renditions and services.article_reindex.
    lead_image_renditions = models.JSONField(default=dict, blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    faq_title = models.CharField(
        max_length=200, blank=True, default="Frequently asked questions", help_text="Heading over the FAQ entries.",
    )
    related = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="+",
        help_text="Your picks for “You may also like”; shown first, before stories chosen by tags and section.",
    )
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT, db_index=True, editable=False)
    published_at = models.DateTimeField(
        null=True, blank=True, db_index=True, editable=False,
        help_text="When readers may first see it; set by publishing or scheduling.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False,
    )
    # Raised on every save: a form loaded at an older version was overtaken by someone else's save.
    edit_version = models.PositiveIntegerField(default=0, editable=False)
    # Preview links made before this moment no longer open the article (revoked, or the article was unpublished).
    previews_revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Derived, never typed: the public page's copy of the body (articles.blocks.snapshot); empty until a reader
    # needs it, emptied by every write to a block, a block's row or a correction, which also raise the generation.
    body_snapshot = models.JSONField(null=True, blank=True, editable=False)
    body_generation = models.PositiveIntegerField(default=0, editable=False)
    # Derived, never typed: how many comments readers see, kept by the comments app's services in the transaction
    # of every decision that changes it (`manage.py recount_comments` rebuilds it).
    comment_count = models.PositiveIntegerField(default=0, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        # search_vector has a GIN index on PostgreSQL only (migration 0004): SQLite could not build one declared here.
        # The public lists read newest first by (published_at, pk) among public articles only (ArticleQuerySet
        # .published; keyset pages in articles.pagination): partial indexes give each list its rows in order.
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_idx"),
            models.Index(
                F("published_at").desc(), F("id").desc(), name="article_public_order_idx",
                condition=Q(status__in=["scheduled", "published"]),
            ),
            models.Index(
                "section", F("published_at").desc(), F("id").desc(), name="article_section_order_idx",
                condition=Q(status__in=["scheduled", "published"]),
            ),
        ]
        permissions = [
            ("publish_article", "Can review, schedule, publish and unpublish any article"),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return reverse("articles:article", kwargs={"slug": self.slug})

    def clean(self):
        if self.lead_image and not self.lead_image_alt.strip():
            raise ValidationError({"lead_image_alt": "Describe the image for readers who cannot see it."})
        if (self.lead_image_focal_x is None) != (self.lead_image_focal_y is None):
            raise ValidationError({"lead_image_focal_y": "Give both parts of the focal point, or neither."})

    @property
    def focal_point(self) -> tuple[int, int] | None:
        if self.lead_image_focal_x is None or self.lead_image_focal_y is None:
            return None
        return self.lead_image_focal_x, self.lead_image_focal_y

    @cached_property
    def lead_picture(self) -> LeadPicture | None:
        """The lead image as pages show it: its renditions, or the original until they are made."""
        return LeadPicture.for_article(self)

    def save(self, *args, **kwargs):
        self.edit_version += 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "edit_version", "updated_at"}
        super().save(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATES and self.published_at is not None and self.published_at <= timezone.now()

    @property
    def last_update(self):
        """The newest correction or update note, which the page shows as “Updated”."""
        notes = self.corrections.all()
        return max(notes, key=attrgetter("created_at")) if notes else None

    @property
    def byline(self) -> list[Author]:
        return [byline.author for byline in self.bylines.all()]

    @property
    def regions(self) -> list[Region]:
        """The parts of the page the admin's body editor fills: one, the body."""
        return [Region(key="body", title="Body")]

    def body_blocks(self) -> list["Block"]:
        """Return every block of the body in the journalist's order."""
        blocks = [block for kind in block_kinds() for block in kind.blocks_of(self)]
        return sorted(blocks, key=attrgetter("position", "block_type", "pk"))

    def block_groups(self) -> list[dict]:
        """Group neighbouring blocks of one kind (FAQ entries, prompts) so each group renders as one part.

        A kind that comes back after other blocks is marked `continued`, so its heading can say so.
        """
        groups, seen = [], set()
        for kind, blocks in groupby(self.body_blocks(), key=attrgetter("block_kind")):
            groups.append({"type": kind.name, "kind": kind, "blocks": list(blocks), "continued": kind.name in seen})
            seen.add(kind.name)
        return groups

    def next_block_position(self) -> int:
        """Ten past the last block of any kind, leaving room to slot blocks in between."""
        kinds = block_kinds()
        last = max((getattr(self, k.related_name).aggregate(last=Max("position"))["last"] or 0 for k in kinds), default=0)
        return last + 10

    def pending_send_back(self) -> "Transition | None":
        """The editor's send-back note the writer still has to act on: the latest step, if it was a send-back."""
        last_step = self.transitions.exclude(action__in=Transition.NOT_STEPS).select_related("by").first()
        return last_step if last_step and last_step.action == "send_back" else None


class Byline(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="byline_unique_author")]

    def __str__(self) -> str:
        return self.author.name


class Block(models.Model):
    """A typed part of an article body; all kinds share one position sequence."""

    # Set in the writer's page when the block is created there, before any save: the gate's findings, the
    # revision compare, autosave and the edit-conflict merge find the block by it.
    uid = models.UUIDField(default=uuid.uuid4, db_index=True)
    position = models.PositiveIntegerField(
        default=0, help_text="Where this goes in the body: the editor sets it from the order the writer sees.",
    )

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    @property
    def block_kind(self):
        """This block's kind in the registry (articles.blocks), which says how it is shown, searched and checked."""
        return block_kinds().for_model(type(self))

    @property
    def block_type(self) -> str:
        return self.block_kind.name

    def save(self, *args, **kwargs):
        # A new block left at 0 goes after everything already in the body, whatever its kind.
        if not self.pk and not self.position:
            self.position = self.article.next_block_position()
        super().save(*args, **kwargs)


class TextSection(Block):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="text_sections")
    heading = models.CharField(max_length=200, blank=True, help_text="Leave empty for the opening paragraphs.")
    body = ProseEditorField(extensions=EDITOR_EXTENSIONS, sanitize=sanitize_html, blank=True)

    class Meta(Block.Meta):
        verbose_name = "text section"

    def __str__(self) -> str:
        return self.heading or "Text"

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)


class ParticipantTable(Block):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="participant_tables")
    title = models.CharField(max_length=120, default="Key Participants")
    represents_heading = models.CharField(
        max_length=60, default="Representing", help_text="Heading of the second column.",
    )

    class Meta(Block.Meta):
        verbose_name = "participant table"

    def __str__(self) -> str:
        return self.title


class Participant(models.Model):
    table = models.ForeignKey(ParticipantTable, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(max_length=120)
    represents = models.CharField(max_length=120, blank=True, help_text="Country or organisation, e.g. “South Korea”.")
    role = models.CharField(max_length=160, blank=True, help_text="e.g. “Minister of Foreign Affairs”.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class Callout(Block):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="callouts")
    label = models.CharField(max_length=60, help_text="e.g. “Did You Know?” or “Pro Tip”.")
    body = models.TextField()

    def __str__(self) -> str:
        return self.label


class DiscussionPrompt(Block):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="discussion_prompts")
    text = models.TextField(help_text="A question put to readers, to start the conversation in the comments.")

    class Meta(Block.Meta):
        verbose_name = "discussion prompt"

    def __str__(self) -> str:
        return self.text[:60]


class FaqEntry(Block):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="faq_entries")
    question = models.CharField(max_length=300)
    answer = models.TextField()

    class Meta(Block.Meta):
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"

    def __str__(self) -> str:
        return self.question


class Transition(models.Model):
    """One step of an article through the workflow: who moved it, when, from where to where, and why."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=Article.Status)
    to_status = models.CharField(max_length=20, choices=Article.Status)
    # The step's name (workflow.MOVES, "revert", "recover", or "acknowledge"/"unacknowledge" for a warning of the
    # gate): a send-back and a withdrawal both go from review to draft, but only one carries a note the writer must read.
    action = models.CharField(max_length=20, blank=True, db_index=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    # Entries of the log that leave the article where it stands: never the step a send-back is waiting on.
    NOT_STEPS = ("", "revert", "acknowledge", "unacknowledge")

    # How each step reads in the article's history: “Sent back by Ana Ruiz: check the figures”.
    STEP_WORDS = {
        "submit": "Submitted for review", "withdraw": "Withdrawn from review", "send_back": "Sent back",
        "publish": "Published", "schedule": "Scheduled", "unpublish": "Unpublished", "to_draft": "Back to draft",
        "revert": "Reverted", "recover": "Recovered",
        "acknowledge": "Warning acknowledged", "unacknowledge": "Acknowledgement withdrawn",
    }

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"

    def sentence(self) -> str:
        """The step as one sentence: what happened, by whom, and the note."""
        what = self.STEP_WORDS.get(self.action) or str(self)
        who = (self.by.get_full_name() or self.by.get_username()) if self.by else "someone no longer on staff"
        return f"{what} by {who}: {self.note}" if self.note else f"{what} by {who}"


class GateAcknowledgement(models.Model):
    """An editor's word that one warning of the quality gate on one article is right as it stands, and why.

    It names the finding by its key (rule, block, field, normalised text), so it lasts through unrelated edits and
    simply stops applying once that warning no longer occurs. Errors are never acknowledged.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="gate_acknowledgements")
    rule = models.CharField(max_length=60)
    block_uid = models.CharField(max_length=64, blank=True)
    field = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True, help_text="The finding's text as the gate normalises it.")
    reason = models.TextField(help_text="Why the text is right as it stands, for colleagues who read the warning.")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.rule} “{self.text[:40]}” acknowledged"

    @property
    def key(self) -> tuple[str, str, str, str]:
        """The key of the finding it acknowledges (quality.Finding.key)."""
        return (self.rule, self.block_uid, self.field, self.text)

    def by_name(self) -> str:
        return (self.by.get_full_name() or self.by.get_username()) if self.by else "someone no longer on staff"


class Correction(models.Model):
    """A dated note appended to a published article, shown on its page newest first."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.CORRECTION)
    text = models.TextField(help_text="What was wrong and what is right now, or what has been added.")
    created_at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.created_at:%Y-%m-%d}"


def _autosave_cutoff():
    return timezone.now() - timedelta(days=settings.NEWSROOM_AUTOSAVE_DAYS)


class AutosaveQuerySet(models.QuerySet):
    def expired(self):
        """Autosaves older than the newsroom keeps them (NEWSROOM_AUTOSAVE_DAYS)."""
        return self.filter(saved_at__lt=_autosave_cutoff())

    def of(self, *, user, article: Article | None):
        """This person's autosave of this article (None: of the new article they are writing), unless expired."""
        return self.filter(user=user, article=article, saved_at__gte=_autosave_cutoff())


class Autosave(models.Model):
    """A writer's article form as it last stood in their browser, unsaved: offered back when they reopen it.

    One per person and article, and one per person for the new article they have not saved yet; overwritten by
    each autosave, removed by their save or discard. It is never a revision: the history holds saves only.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.CASCADE, related_name="autosaves",
        help_text="Empty for an article that has never been saved.",
    )
    # The fields as the browser posts the whole form (inlines included), in order: [[name, value], …], without
    # the CSRF token and files. Restoring binds the admin's form and formsets to them, as an unsaved POST.
    data = models.JSONField()
    saved_at = models.DateTimeField()

    objects = AutosaveQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"], condition=Q(article__isnull=False), name="autosave_one_per_article",
            ),
            models.UniqueConstraint(fields=["user"], condition=Q(article__isnull=True), name="autosave_one_new_article"),
        ]
        indexes = [models.Index(fields=["saved_at"], name="autosave_saved_at_idx")]

    def __str__(self) -> str:
        return f"Autosave of {self.article or 'a new article'} at {self.saved_at:%Y-%m-%d %H:%M}"

    def as_post(self) -> QueryDict:
        """The saved fields as the request.POST they were taken from."""
        post = QueryDict(mutable=True)
        for name, value in self.data:
            post.appendlist(name, value)
        post._mutable = False
        return post

    def superseded_by(self, article: Article) -> bool:
        """Whether the article was saved by this same person after this autosave (a save that overtook an autosave
        still on its way); a colleague's later save does not make this person's unsaved text any less unsaved."""
        return article.last_edited_by_id == self.user_id and article.updated_at >= self.saved_at


# Blocks and the article itself are registered with django-reversion by the block registry (articles.blocks),
# so that an article's revision follows every registered kind.
reversion.register(Byline)


def block_kinds():
    """The block registry, imported late: its kinds import these models."""
    from .blocks import registry

    return registry


class InlineImage(Block):
    """A picture set in the body, uploaded with the block (there is no shared image library yet)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="inline_images")
    image = PictureField(
        upload_to=RandomName("body/%Y/%m"), validators=[validate_body_image],
        help_text="A photo or graphic at least 400 pixels wide, at most 10 MB.",
    )
    alt = models.CharField(
        "alt text", max_length=250, blank=True,
        help_text="What the picture shows, for readers who cannot see it. Required unless it is decorative.",
    )
    decorative = models.BooleanField(
        default=False,
        help_text="Tick only for an ornament that adds nothing to the story: screen readers then skip it.",
    )
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField(max_length=120, blank=True, help_text="Photographer and agency.")
    # Derived, never typed: rewritten by services.article_make_block_renditions (the kind declares it).
    renditions = models.JSONField(default=dict, blank=True, editable=False)

    class Meta(Block.Meta):
        verbose_name = "inline image"

    def __str__(self) -> str:
        return self.caption or self.alt or "Picture"

    def clean(self):
        if not self.decorative and not self.alt.strip():
            raise ValidationError(
                {"alt": "Describe the picture for readers who cannot see it, or tick “decorative” if it adds nothing."},
            )

    @property
    def alt_text(self) -> str:
        """What the page's alt attribute says: nothing for a decorative picture, so screen readers pass over it."""
        return "" if self.decorative else self.alt

    @cached_property
    def picture(self) -> LeadPicture | None:
        """The picture as the page shows it: its renditions, or the original until they are made."""
        return LeadPicture.of(self.image, self.renditions)


class PullQuote(Block):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="pull_quotes")
    quote = models.TextField(help_text="Words from the story set large beside it, exactly as they were said.")
    attribution = models.CharField(max_length=200, blank=True, help_text="Who said it, e.g. “Carys Morgan, council leader”.")

    class Meta(Block.Meta):
        verbose_name = "pull quote"

    def __str__(self) -> str:
        return self.quote[:60]


class Embed(Block):
    """A video, post or track from a listed provider (articles.embeds), shown as a link until the reader loads it."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="embeds")
    url = EmbedLinkField(
        "link", max_length=embeds.MAX_LENGTH,
        help_text=f"The address of the video, post or track on {embeds.provider_names()}.",
    )
    title = models.CharField(
        max_length=200, help_text="What it is, as readers see it on the card before they load it, e.g. “The vote, filmed "
        "by the council”.",
    )
    caption = models.CharField(max_length=300, blank=True)

    class Meta(Block.Meta):
        verbose_name = "embed"

    def __str__(self) -> str:
        return self.title

    @cached_property
    def embedded(self) -> "embeds.Embed | None":
        """The provider and player of the link; None for a link no listed provider plays (any more)."""
        try:
            return embeds.parse(self.url)
        except embeds.Refused:
            return None
