"""This context's REST endpoints, included under /api/v1/ by ``config.api_urls``."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
