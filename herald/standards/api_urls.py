"""This context's REST endpoints, included under /api/v1/standards/ by ``config.api_urls``."""

from django.urls import URLPattern, URLResolver, path

from herald.standards.api import CheckApi

urlpatterns: list[URLPattern | URLResolver] = [
    path("check", CheckApi.as_view(), name="standards-check"),
]
