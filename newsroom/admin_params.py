"""Admin request parameters that Django's admin trusts too much, put right before its views read them."""

from django.contrib.admin import helpers
from django.contrib.admin.options import TO_FIELD_VAR
from django.core.exceptions import BadRequest, FieldDoesNotExist, ValidationError
from django.db.models import ForeignKey, ManyToManyField


class AdminParametersMiddleware:
    """Refuse or drop admin parameters that would make Django's admin answer 500 instead of ignoring them.

    A NUL character cannot be compared with text on PostgreSQL (a list filter, a search, a decision's reason).
    An empty `_to_field` makes the admin look up a field named "". A new object's fields are filled from the
    address (`?section=3`), and the search widgets of related fields query whatever stands there (`?section=x`).
    An action filters the chosen rows with whatever ids were posted (`_selected_action=x`). A list's date drill-down
    builds a date from whatever year, month and day stand in the address (`?created_at__year=99999999999`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Only the admin is concerned; other views' bodies stay unread until they apply their own upload limits.
        if request.resolver_match is None or "admin" not in request.resolver_match.namespaces:
            return None
        posted = request.method == "POST"
        for data in (request.GET, request.POST) if posted else (request.GET,):
            if any("\x00" in value for _name, values in data.lists() for value in values):
                raise BadRequest("A NUL character cannot be part of an admin request.")
        if request.GET.get(TO_FIELD_VAR) == "":
            request.GET = request.GET.copy()
            del request.GET[TO_FIELD_VAR]
        if posted and request.POST.get(TO_FIELD_VAR) == "":
            request.POST = request.POST.copy()
            del request.POST[TO_FIELD_VAR]
        model_admin = getattr(view_func, "model_admin", None)
        if model_admin is None:
            return None
        if request.method == "GET":
            malformed = [
                name for name in request.GET
                if not _fits_relation(model_admin.model, name, request.GET[name])
                or not _fits_calendar(model_admin.date_hierarchy, name, request.GET[name])
            ]
            if malformed:
                request.GET = request.GET.copy()
                for name in malformed:
                    del request.GET[name]
        if posted and helpers.ACTION_CHECKBOX_NAME in request.POST:
            chosen = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
            ids = [value for value in chosen if _is_id(model_admin.model, value)]
            if ids != chosen:
                request.POST = request.POST.copy()
                request.POST.setlist(helpers.ACTION_CHECKBOX_NAME, ids)
        return None


def _is_id(model, value: str) -> bool:
    try:
        model._meta.pk.to_python(value)
    except ValidationError:
        return False
    return True


# What a date drill-down part may hold: Python's dates go from year 1 to 9999.
_CALENDAR = {"year": range(1, 10000), "month": range(1, 13), "day": range(1, 32)}


def _fits_calendar(date_hierarchy: str | None, name: str, value: str) -> bool:
    """False when the parameter is a part of the list's date drill-down and not a number that part can be."""
    field, _, part = name.rpartition("__")
    if not date_hierarchy or field != date_hierarchy or part not in _CALENDAR:
        return True
    return value.isascii() and value.isdigit() and int(value) in _CALENDAR[part]


def _fits_relation(model, name: str, value: str) -> bool:
    """False when the parameter names a related field and its value names no object the field could hold."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return True
    if not isinstance(field, (ForeignKey, ManyToManyField)) or not value:
        return True
    form_field = field.formfield()
    try:
        # The admin splits a many-to-many value on commas (ModelAdmin.get_changeform_initial_data).
        form_field.clean(value.split(",") if field.many_to_many else value)
    except ValidationError:
        return False
    return True
