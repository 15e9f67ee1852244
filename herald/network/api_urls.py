"""This context's REST endpoints, included under /api/v1/ by ``config.api_urls``."""

from django.urls import URLPattern, URLResolver, path, re_path

from herald.api.errors import endpoint_not_found
from herald.network.api import PolicySnapshotApi

urlpatterns: list[URLPattern | URLResolver] = [
    path("policy/", PolicySnapshotApi.as_view(), name="network-policy"),
    # A malformed id is a JSON 404 too ([\s\S]: see herald/estate/api_urls.py).
    re_path(r"^(?P<path>[\s\S]*)$", endpoint_not_found),
]
