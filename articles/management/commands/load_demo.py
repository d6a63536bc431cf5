"""Load the demo newsroom: our own demo stories (one using every block kind, one draft the gate blocks) and, when
the seed page is beside the checkout, the seed article and its machine-written sequel as a draft."""

import io
import os
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw

from articles import importers, services
from articles.demo_content import (
    DEMO_AUTHORS, DEMO_BLOCKED_DRAFT, DEMO_FULL_STORY, DEMO_SECTIONS, DEMO_STORIES, DEMO_USERS,
)
from articles.blocks import registry as block_kinds
from articles.models import Article, Author, Byline, GateAcknowledgement, Section, Transition

DEFAULT_SEED = Path(settings.BASE_DIR).parent / "shared" / "seeds" / "000_69c77c951ca3eda0.txt"
SEED_SPLIT = "Share your thoughts on this developing story"
SEQUEL_START = "Japan’s New Cabinet Initiates First Foreign Ministers’ Meeting: aiming"
SEQUEL_END = "You may also like"
SEED_SLUG = "japans-new-cabinet-first-foreign-ministers-meeting"
SEQUEL_SLUG = "japans-new-cabinet-foreign-ministers-meeting-machine-draft"
SEOUL = ZoneInfo("Asia/Seoul")
DESK_USER = "editor"


class Command(BaseCommand):
    help = "Load demo content (idempotent): the seed article, a draft, demo stories and demo users."

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=Path, default=Path(os.environ.get("NEWSROOM_SEED", DEFAULT_SEED)),
            help="The scraped seed page (plain text).",
        )
        parser.add_argument("--no-users", action="store_true", help="Load content only, no demo accounts.")

    @transaction.atomic
    def handle(self, *args, seed: Path, no_users: bool, **options):
        sections = {name: self.section(name, order) for order, name in enumerate(DEMO_SECTIONS)}
        authors = {name: self.author(name, bio) for name, bio in DEMO_AUTHORS.items()}
        stories = [self.demo_story(story, sections, authors) for story in DEMO_STORIES]
        full = self.full_story(DEMO_FULL_STORY, sections, authors)
        self.blocked_draft(DEMO_BLOCKED_DRAFT, sections, authors)
        self.stdout.write(self.style.SUCCESS(f"Story with every kind of block: {full.get_absolute_url()}"))
        if seed.is_file():
            text = seed.read_text(encoding="utf-8")
            lead = self.seed_article(text, sections, authors["Newsroom Desk"])
            self.sequel_draft(text, sections, authors["Newsroom Desk"])
            lead.related.set([story for story in stories if story.tags.filter(name="Japan").exists()])
            self.stdout.write(self.style.SUCCESS(f"Seed article: {lead.get_absolute_url()}"))
        else:
            self.stdout.write(self.style.WARNING(f"No seed page at {seed}; loaded the demo stories only."))
        if not no_users:
            users = self.users()
            # The desk's stories are the demo editor's, so mail about new comments on them has somewhere to go.
            desk = authors["Newsroom Desk"]
            desk.user = users[DESK_USER]
            desk.save(update_fields=["user"])
            for story, article in zip(DEMO_STORIES, stories, strict=True):
                if "acknowledge" in story:
                    self.acknowledge(article, users[DESK_USER], **story["acknowledge"])
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {Article.objects.count()} articles."))

    def section(self, name: str, order: int) -> Section:
        section, _ = Section.objects.update_or_create(slug=slugify(name), defaults={"name": name, "order": order})
        return section

    def author(self, name: str, bio: str) -> Author:
        author, _ = Author.objects.update_or_create(slug=slugify(name), defaults={"name": name, "bio": bio})
        return author

    def article(self, *, slug: str, authors: list[Author], tags: list[str], **fields) -> Article:
        """Create or refresh one article and drop its old blocks, so loading twice gives the same result."""
        article, _ = Article.objects.update_or_create(slug=slug, defaults=fields)
        for kind in block_kinds:
            getattr(article, kind.related_name).all().delete()
        article.bylines.all().delete()
        Byline.objects.bulk_create(Byline(article=article, author=author, order=i) for i, author in enumerate(authors))
        article.tags.set(tags)
        return article

    def add_blocks(self, article: Article, page: importers.Page) -> None:
        """Store parsed blocks in reading order, positions 10, 20, 30… so journalists can slot new ones between."""
        position = 0
        for block in page.blocks:
            # Each kind stores the parsed items it knows (articles.blocks).
            position = block_kinds.for_import(block).load(article, block, position=position + 10)
        services.article_reindex(article=article)
        services.article_make_block_renditions(article=article)

    def seed_article(self, text: str, sections, author: Author) -> Article:
        page = importers.parse_page(text.partition(SEED_SPLIT)[0])
        article = self.article(
            slug=SEED_SLUG,
            authors=[author],
            tags=["Japan", "South Korea", "Diplomacy", "APEC"],
            headline=page.headline,
            subheadline=page.subheadline,
            section=sections[page.section or "Economy"],
            dateline_place=page.dateline_place,
            dateline_date=page.dateline_date,
            summary=(
                "South Korea’s Cho Hyun and Japan’s Toshimitsu Motegi met at the APEC ministerial meeting "
                "in Gyeongju, the first high-level exchange since Japan formed its new cabinet."
            ),
            status=Article.Status.PUBLISHED,
            published_at=datetime.combine(page.dateline_date or date(2025, 10, 29), datetime.min.time(), SEOUL)
            + timedelta(hours=18),
        )
        self.add_blocks(article, page)
        return article

    def sequel_draft(self, text: str, sections, author: Author) -> Article:
        sequel = SEQUEL_START + text.partition(SEQUEL_START)[2].partition(SEQUEL_END)[0]
        page = importers.parse_page(sequel, subheadline=False)
        article = self.article(
            slug=SEQUEL_SLUG,
            authors=[author],
            tags=["Japan"],
            headline=page.headline,
            section=sections["Economy"],
            summary="Machine-written follow-up, held as a draft: it must not reach readers as it stands.",
            status=Article.Status.DRAFT,
            published_at=None,
        )
        self.add_blocks(article, page)
        return article

    def story_article(self, story: dict, page, sections, authors, *, published_at, **fields) -> Article:
        """One of our own stories, stored with its blocks: published at `published_at`, or a draft without one."""
        article = self.article(
            slug=slugify(page.headline)[:200],
            authors=[authors[name] for name in story["authors"]],
            tags=[*story["tags"], "Demo content"],
            headline=page.headline,
            subheadline=page.subheadline,
            section=sections[story["section"]],
            dateline_place=page.dateline_place,
            dateline_date=timezone.localdate(published_at),
            summary=story["summary"],
            status=Article.Status.PUBLISHED if published_at else Article.Status.DRAFT,
            published_at=published_at,
            **fields,
        )
        self.add_blocks(article, page)
        return article

    def demo_story(self, story: dict, sections, authors) -> Article:
        published_at = timezone.now() - timedelta(hours=story["hours_ago"])
        return self.story_article(story, importers.parse_page(story["text"]), sections, authors,
                                  published_at=published_at)

    def full_story(self, story: dict, sections, authors) -> Article:
        """Our own story with every kind of block and a drawn lead image, so the demo needs nothing beside it."""
        article = self.story_article(
            story, story["page"], sections, authors,
            published_at=timezone.now() - timedelta(hours=story["hours_ago"]),
            lead_image_alt=story["image"]["alt"],
            lead_image_caption=story["image"]["caption"],
            lead_image_credit=story["image"]["credit"],
        )
        # Drawn once: loading again keeps the picture (and its renditions) that is already stored.
        if not (article.lead_image and article.lead_image.storage.exists(article.lead_image.name)):
            article.lead_image.save("night-ferry.jpg", ContentFile(draw_lead_image()), save=False)
            Article.objects.filter(pk=article.pk).update(lead_image=article.lead_image.name)
        services.article_make_renditions(article=article)
        return article

    def acknowledge(self, article: Article, editor, *, rule: str, reason: str) -> None:
        """An editor's acknowledgement of a warning, as the admin records it; loading again records it afresh."""
        GateAcknowledgement.objects.filter(article=article).delete()
        Transition.objects.filter(article=article, action="acknowledge").delete()
        finding = next(f for f in services.article_check(article=article) if f.rule == rule)
        services.article_acknowledge_finding(article=article, finding_key=finding.key, reason=reason, by=editor)

    def blocked_draft(self, story: dict, sections, authors) -> Article:
        """A draft with errors the quality gate refuses, to show the gate at work."""
        return self.story_article(story, story["page"], sections, authors, published_at=None)

    def users(self) -> dict:
        User = get_user_model()
        lines, users = [], {}
        for username, password, superuser, groups in DEMO_USERS:
            user, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@example.com"})
            user.is_staff = True
            user.is_superuser = superuser
            user.set_password(password)
            user.save()
            user.groups.set(Group.objects.filter(name__in=groups))
            lines.append(f"  {username} / {password}{' (superuser)' if superuser else ''}")
            users[username] = user
        self.stdout.write("Demo logins for /admin/:\n" + "\n".join(lines))
        return users


def draw_lead_image(width: int = 1200, height: int = 800) -> bytes:
    """A night harbour with a ferry crossing, drawn with Pillow (a JPEG), so the demo downloads nothing."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    horizon = height * 3 // 5
    for y in range(horizon):  # the sky, from deep blue at the top to a lighter blue at the horizon
        shade = y / horizon
        draw.line([(0, y), (width, y)], fill=(int(10 + 40 * shade), int(20 + 60 * shade), int(60 + 90 * shade)))
    for y in range(horizon, height):  # the water, darker towards the viewer
        shade = (y - horizon) / (height - horizon)
        draw.line([(0, y), (width, y)], fill=(int(20 - 10 * shade), int(50 - 25 * shade), int(90 - 40 * shade)))
    for i in range(40):  # stars at fixed places, so every load draws the same picture
        x, y = (i * 263) % width, (i * 97) % (horizon - 60)
        draw.ellipse([x, y, x + 3, y + 3], fill=(235, 235, 210))
    moon = (width * 3 // 4, height // 6, width * 3 // 4 + 90, height // 6 + 90)
    draw.ellipse(moon, fill=(245, 240, 205))
    draw.polygon([(0, horizon), (width // 5, horizon - 70), (width * 2 // 5, horizon - 30), (width // 2, horizon)],
                 fill=(15, 30, 40))  # the far shore
    for y in range(horizon + 20, height, 28):  # the moon's path on the water
        draw.line([(moon[0] + 20 - (y - horizon) // 6, y), (moon[2] - 20 + (y - horizon) // 6, y)],
                  fill=(200, 195, 160), width=3)
    hull_top, left, right = horizon + 90, width // 4, width // 4 + 420
    draw.polygon([(left, hull_top), (right, hull_top), (right - 40, hull_top + 70), (left + 30, hull_top + 70)],
                 fill=(180, 40, 40))
    draw.rectangle([left + 80, hull_top - 70, right - 110, hull_top], fill=(235, 235, 225))
    for x in range(left + 100, right - 130, 45):  # the lit windows of the cabin
        draw.rectangle([x, hull_top - 50, x + 25, hull_top - 25], fill=(255, 210, 90))
    draw.rectangle([right - 160, hull_top - 120, right - 135, hull_top - 70], fill=(40, 40, 40))  # the funnel
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()
