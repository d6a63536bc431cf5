"""Numbers a browser sends (reply targets, comment ids) are read one strict way: odd ones are refused, never a 500."""

import pytest

from comments.models import Comment
from newsroom.ids import parse_id
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

ODD_NUMBERS = ["²", "١٢", "¹", "-1", "0", "1.0", " 1", "1_0", "+1", "99999999999999999999", "9" * 400, "abc", ""]


@pytest.mark.parametrize(
    "value", ["²", "١٢", "-1", "0", "1.0", " 1", "1_0", "+1", "9" * 20, "9" * 400, "abc", "", None, True],
)
def test_parse_id_accepts_plain_positive_ascii_numbers_only(value):
    assert parse_id(value) is None


@pytest.mark.parametrize("value", ["1", "42", "007", str(2**63 - 1)])
def test_parse_id_reads_plain_numbers(value):
    assert parse_id(value) == int(value)


@pytest.mark.parametrize("value", ODD_NUMBERS)
def test_odd_reply_targets_on_the_article_page_show_the_plain_form(client, article, value):
    CommentFactory(article=article, author_name="Maria")

    response = client.get(article.get_absolute_url(), {"reply_to": value})

    assert response.status_code == 200
    assert "Reply to Maria" not in response.content.decode()


@pytest.mark.parametrize("value", [v for v in ODD_NUMBERS if v])
def test_odd_reply_targets_in_a_post_keep_the_text_and_post_nothing(post, known_reader, value):
    response = post(email=known_reader, parent=value, body="My reply, whatever the form says.")

    page = response.content.decode()
    assert response.status_code == 400 and "My reply, whatever the form says." in page
    assert "could not be found" in page or "no longer shown" in page
    assert not Comment.objects.filter(body="My reply, whatever the form says.").exists()
    # Sent again as it comes back, the comment goes in as a new one rather than failing again.
    assert f'name="parent" value="{value}"' not in page
