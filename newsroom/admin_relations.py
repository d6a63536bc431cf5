"""Admin fields that point at other rows answer an id naming no row ("abc", a huge number) with a message, never a 500.

Django's autocomplete widgets look the submitted ids up before the form shows its errors, and a many-to-many field
asks SQLite for every id at once: either fails on a value the database cannot hold. These check the value first.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


def could_name_a_row(model_field, value) -> bool:
    """Whether a submitted value is of the key's type and within its database range (it may still name no row)."""
    try:
        model_field.run_validators(model_field.to_python(value))
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return True


class UsableValuesMixin:
    """Show only the values that could be ids as chosen; the form's own error says what was wrong with the rest."""

    def optgroups(self, name, value, attr=None):
        target = self.field.remote_field.model._meta
        key = target.get_field(getattr(self.field.remote_field, "field_name", None) or target.pk.name)
        usable = [item for item in value if item in self.choices.field.empty_values or could_name_a_row(key, item)]
        return super().optgroups(name, usable, attr)


class SafeAutocompleteSelect(UsableValuesMixin, AutocompleteSelect):
    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        if self.is_required:
            # Django leaves a required autocomplete without an empty first option, which HTML does not allow of a
            # required single select; select2 shows it as its blank placeholder.
            groups[0][1].insert(0, self.create_option(name, "", "Choose one", False, 0))
        return groups


class SafeAutocompleteSelectMultiple(UsableValuesMixin, AutocompleteSelectMultiple):
    pass


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        opts = self.queryset.model._meta
        key = opts.get_field(self.to_field_name) if self.to_field_name else opts.pk
        for item in value:
            if not isinstance(item, (str, int)) or not could_name_a_row(key, item):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": item},
                )
        return super()._check_values(value)


class SafeRelationsAdminMixin:
    """For a ModelAdmin or inline: its foreign-key and many-to-many fields refuse bad ids with the form's message."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
        kwargs.setdefault("form_class", SafeModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
