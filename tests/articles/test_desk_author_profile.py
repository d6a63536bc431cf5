"""A staff member who writes gets an author profile for the byline, or is asked once and can say no."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles import services
from articles.models import Article, Author
from tests.factories import AuthorFactory, SectionFactory
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

ADD = "admin:articles_article_add"
OFFER = 'id="author-offer"'


def offer_url():
    return reverse("admin:articles_article_author_profile")


def test_writer_without_a_profile_is_offered_one_in_their_own_name(client, writer):
    client.force_login(writer)

    page = client.get(reverse(ADD)).content.decode()

    assert OFFER in page and 'value="Writer Tester"' in page


def test_writer_creates_their_profile_and_the_new_article_carries_their_byline(client, writer):
    section = SectionFactory()
    AuthorFactory(name="Writer Tester", slug="writer-tester")  # a namesake: the new profile needs its own address
    client.force_login(writer)

    response = client.post(offer_url(), {"answer": "create", "name": "Wren Tester"})

    assert response.status_code == 302 and response["Location"] == reverse(ADD)
    author = Author.objects.get(user=writer)
    assert author.name == "Wren Tester" and author.slug == "wren-tester"
    page = client.get(reverse(ADD)).content.decode()
    assert OFFER not in page
    data = form_data(page)
    assert data["bylines-0-author"] == [str(author.pk)]
    data.update(headline=["Bus routes extended"], slug=["bus-routes-extended"], section=[str(section.pk)])
    assert client.post(reverse(ADD), data).status_code == 302
    assert Article.objects.get(slug="bus-routes-extended").byline == [author]


def test_a_writer_who_clears_their_offered_name_gets_no_byline_and_no_error(client, writer):
    section = SectionFactory()
    services.author_profile_create(user=writer, name="Writer Tester")
    client.force_login(writer)
    data = form_data(client.get(reverse(ADD)).content.decode())
    data.update(headline=["Unsigned note"], slug=["unsigned-note"], section=[str(section.pk)], **{"bylines-0-author": [""]})

    assert client.post(reverse(ADD), data).status_code == 302
    assert Article.objects.get(slug="unsigned-note").byline == []


def test_saying_no_is_remembered_across_sign_ins(client, writer):
    client.force_login(writer)
    assert client.post(offer_url(), {"answer": "decline"}).status_code == 302
    client.logout()
    client.force_login(writer)

    assert OFFER not in client.get(reverse(ADD)).content.decode()
    assert not Author.objects.filter(user=writer).exists()


def test_a_profile_is_made_once_and_needs_a_name(writer, other_writer):
    services.author_profile_create(user=writer, name="Writer Tester")

    with pytest.raises(services.WorkflowRefused, match="already"):
        services.author_profile_create(user=writer, name="Writer Again")
    with pytest.raises(ValidationError, match="name"):
        services.author_profile_create(user=other_writer, name="   ")
    assert Author.objects.filter(user=writer).count() == 1 and not Author.objects.filter(user=other_writer).exists()


def test_the_offer_form_refuses_an_empty_name_with_a_message(client, writer):
    client.force_login(writer)

    response = client.post(offer_url(), {"answer": "create", "name": "  "}, follow=True)

    assert "Write the name" in " ".join(str(message) for message in response.context["messages"])
    assert not Author.objects.filter(user=writer).exists()
