"""Response headers the whole site shares."""

from django.conf import settings


def permissions_policy(features: dict[str, list[str]]) -> str:
    """Write a Permissions-Policy header: each feature with the origins allowed to use it, none meaning nobody."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in features.items())


class PermissionsPolicyMiddleware:
    """Switch off browser features a news site never uses, so an injected script or frame cannot use them either."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        features = settings.NEWSROOM_PERMISSIONS_POLICY
        if features:
            response.headers.setdefault("Permissions-Policy", permissions_policy(features))
        return response
