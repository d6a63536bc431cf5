"""factory_boy factories for the newsroom's models."""

import io
from datetime import timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import (
    Article, Author, Byline, Callout, DiscussionPrompt, Embed, FaqEntry, InlineImage, Participant, ParticipantTable,
    PullQuote, Section, TextSection,
)


def image_file(name: str = "photo.jpg", size: tuple[int, int] = (800, 600), fmt: str = "JPEG") -> SimpleUploadedFile:
    """A real image made with Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 90, 60)).save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Council approves budget number {n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    section = factory.SubFactory(SectionFactory)
    summary = "The council approved the budget on Tuesday."
    # Filed somewhere on some day, as every real story is (the gate warns about a story without a dateline).
    dateline_place = "Leeds, England"
    dateline_date = factory.LazyFunction(timezone.localdate)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        for order, author in enumerate(extracted if extracted is not None else [AuthorFactory()]):
            Byline.objects.create(article=self, author=author, order=order)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)

    @factory.post_generation
    def body(self, create, extracted, **kwargs):
        """A clean opening paragraph, as every real article has; body=False leaves the body empty."""
        if create and extracted is not False:
            TextSection.objects.create(
                article=self, position=0, body=extracted or "<p>The council met on Tuesday and agreed the plan.</p>",
            )


class TextSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TextSection

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n * 10)
    heading = ""
    body = "<p>The council met on Tuesday.</p>"


class ParticipantTableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParticipantTable

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n * 10)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    table = factory.SubFactory(ParticipantTableFactory)
    name = factory.Sequence(lambda n: f"Minister {n}")
    represents = "South Korea"
    role = "Minister of Foreign Affairs"
    order = factory.Sequence(int)


class CalloutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Callout

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n * 10)
    label = "Did You Know?"
    body = "The council has met every month since 1952."


class DiscussionPromptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiscussionPrompt

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n * 10)
    text = "How should the council spend the surplus?"


class FaqEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FaqEntry

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n * 10)
    question = factory.Sequence(lambda n: f"What does rule {n} change?")
    answer = "It changes how the budget is approved."


class InlineImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InlineImage

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n * 10)
    image = factory.LazyFunction(lambda: image_file("harbour.jpg", (900, 600)))
    alt = "Fishing boats tied up along the harbour wall at low tide"
    caption = "The harbour at low tide on Tuesday."
    credit = "Photo: Newsroom"


class PullQuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PullQuote

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n * 10)
    quote = "We will keep the buses running all night."
    attribution = "Carys Morgan, council leader"


class EmbedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Embed

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n * 10)
    url = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
    title = "The council's vote, filmed from the public gallery"
    caption = "The vote took four minutes."


def add_blocks_of_every_kind(article, count: int = 1) -> None:
    """`count` blocks of each of the eight kinds (a table of three rows among them), their pictures' renditions made
    as the admin leaves them after a save."""
    from articles import services

    for _ in range(count):
        TextSectionFactory(article=article, heading="A heading")
        ParticipantFactory.create_batch(3, table=ParticipantTableFactory(article=article))
        CalloutFactory(article=article)
        DiscussionPromptFactory(article=article)
        FaqEntryFactory(article=article)
        InlineImageFactory(article=article)
        PullQuoteFactory(article=article)
        EmbedFactory(article=article)
    services.article_make_block_renditions(article=article)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "comments.Comment"

    article = factory.SubFactory(ArticleFactory)
    author_name = factory.Sequence(lambda n: f"Reader {n}")
    author_email = factory.Sequence(lambda n: f"reader{n}@example.com")
    body = factory.Sequence(lambda n: f"A thoughtful comment, number {n}.")
    status = "approved"

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            # Stored directly, not through the services that keep the article's count of shown comments.
            from comments.services import comment_recount

            comment_recount(article_ids=[instance.article_id])
