"""Every autocomplete and foreign-key field of every admin form answers a bad id with a message, never a 500."""

import pytest
from django.contrib.admin.sites import site
from django.forms.models import _get_foreign_key
from taggit.managers import TaggableManager
from django.urls import reverse

from tests.formdata import form_data

pytestmark = pytest.mark.django_db

BAD_IDS = ["abc", "99999999999999999999", "²", "-1", "1.5"]


def relation_fields():
    """(model, inline or None, field) for every foreign key and many-to-many field of every admin and inline."""
    for model, model_admin in site._registry.items():
        for owner in [model_admin, *[inline(model, site) for inline in model_admin.inlines]]:
            opts = owner.model._meta
            # An inline's key to its parent is filled in by the admin, never sent by the browser.
            parent_key = None if owner is model_admin else _get_foreign_key(model, owner.model, fk_name=owner.fk_name)
            for field in [*opts.fields, *opts.many_to_many]:
                if field.is_relation and field.editable and field != parent_key and not isinstance(
                        field, TaggableManager):
                    yield pytest.param(model, owner if owner is not model_admin else None, field.name,
                                       id=f"{model._meta.label}:{opts.model_name}.{field.name}")


def test_the_autocomplete_fields_are_among_those_checked():
    checked = {param.id for param in relation_fields()}
    assert "articles.Article:byline.author" in checked and "articles.Article:article.related" in checked


def admin_form(client, model, inline, field):
    """The add form of this admin, or the change form of an existing row when the add form does not show the field."""
    info = model._meta.app_label, model._meta.model_name
    urls = [reverse("admin:%s_%s_add" % info)]
    if existing := model._default_manager.order_by("pk").first():
        urls.append(reverse("admin:%s_%s_change" % info, args=[existing.pk]))
    for url in urls:
        page = client.get(url)
        if page.status_code != 200:
            continue
        data = form_data(page.content.decode(), f"{model._meta.model_name}_form")
        if inline is None:
            key = field
        else:
            prefix = _get_foreign_key(model, inline.model, fk_name=inline.fk_name).remote_field.get_accessor_name(
                model=False)
            data[f"{prefix}-TOTAL_FORMS"] = [str(int(data[f"{prefix}-TOTAL_FORMS"][0]) + 1)]
            key = f"{prefix}-{int(data[f'{prefix}-TOTAL_FORMS'][0]) - 1}-{field}"
            data[key] = [""]
        if key in data:
            return url, data, key
    return None


@pytest.mark.parametrize(("model", "inline", "field"), list(relation_fields()))
def test_a_bad_id_in_a_relation_field_is_refused_with_a_message(admin_client, admin_user, model, inline, field):
    found = admin_form(admin_client, model, inline, field)
    if found is None:
        pytest.skip(f"no admin form of {model._meta.label} shows {field}")
    url, data, key = found

    for bad in BAD_IDS:
        response = admin_client.post(url, {**data, key: [bad, "1"] if inline is None else [bad]})

        assert response.status_code == 200 and "errornote" in response.content.decode(), bad
