"""A block kind is declared in one place: everything else finds the kinds through the registry."""

import pytest
from django.contrib.auth.models import Group

from articles.blocks import registry

pytestmark = pytest.mark.django_db


def test_the_built_in_kinds_are_registered_in_the_admins_order():
    assert [kind.name for kind in registry] == ["text", "participants", "callout", "prompt", "faq"]


def test_writers_and_editors_may_edit_every_kinds_blocks_and_rows_moderators_none():
    codenames = {
        f"{action}_{model._meta.model_name}" for kind in registry for model in kind.models()
        for action in ("add", "change", "delete", "view")
    }
    assert "change_participant" in codenames and "add_faqentry" in codenames
    for role, expected in [("Writer", codenames), ("Editor", codenames), ("Moderator", set())]:
        granted = set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))
        assert granted & codenames == expected, role


def test_a_kind_needs_a_name_of_its_own():
    class Again(type(registry.get("faq"))):
        pass

    with pytest.raises(ValueError, match="name of its own"):
        registry.register(Again)
