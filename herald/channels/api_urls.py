"""This context's REST endpoints, included under /api/v1/ by ``config.api_urls``."""

from django.urls import URLPattern, URLResolver, re_path

from herald.api.errors import endpoint_not_found
from herald.channels.sandbox import views as sandbox_views

urlpatterns: list[URLPattern | URLResolver] = [
    # The Sandbox network's own API (token-authenticated; see herald/channels/sandbox/protocol.py).
    re_path(r"^sandbox/(?P<path>[a-z0-9_-]+/[A-Za-z0-9/_-]*)$", sandbox_views.api, name="sandbox"),
    # A malformed id is a JSON 404 too ([\s\S]: see herald/estate/api_urls.py).
    re_path(r"^(?P<path>[\s\S]*)$", endpoint_not_found),
]
