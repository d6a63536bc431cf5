"""Admin request parameters that Django's admin trusts too much, put right before its views read them."""

from django.contrib.admin.options import TO_FIELD_VAR
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import ForeignKey, ManyToManyField


class AdminParametersMiddleware:
    """Drop admin parameters that would make Django's admin answer 500 instead of ignoring them.

    An empty `_to_field` makes the admin look up a field named "". A new object's fields are filled from the
    address (`?section=3`), and the search widgets of related fields query whatever stands there (`?section=x`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Only the admin reads these; other views' bodies stay unread until they apply their own upload limits.
        if request.resolver_match is None or "admin" not in request.resolver_match.namespaces:
            return None
        if request.GET.get(TO_FIELD_VAR) == "":
            request.GET = request.GET.copy()
            del request.GET[TO_FIELD_VAR]
        if request.method == "POST" and request.POST.get(TO_FIELD_VAR) == "":
            request.POST = request.POST.copy()
            del request.POST[TO_FIELD_VAR]
        model_admin = getattr(view_func, "model_admin", None)
        if request.method == "GET" and model_admin is not None:
            malformed = [name for name in request.GET if not _fits_relation(model_admin.model, name, request.GET[name])]
            if malformed:
                request.GET = request.GET.copy()
                for name in malformed:
                    del request.GET[name]
        return None


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
