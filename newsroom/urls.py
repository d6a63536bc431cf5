from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import media

admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom admin"
admin.site.index_title = "Newsroom"

# An unreachable database found outside a view (a middleware's query) is a 503 there too.
handler500 = "newsroom.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("comments/", include("comments.urls")),
    path("", include("articles.urls")),
]

# Uploaded pictures, in development and production alike, unless MEDIA_URL points at another host (a CDN).
if settings.MEDIA_URL.startswith("/"):
    urlpatterns.insert(0, path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.serve, name="media"))
