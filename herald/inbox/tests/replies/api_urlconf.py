"""The project's URLs with the replies' API included under /api/v1/inbox/, as it will be at
merge (``herald/inbox/api_urls.py`` belongs to the conversations' part)."""

from django.urls import URLPattern, URLResolver, include, path

from config.urls import urlpatterns as project

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/inbox/", include("herald.inbox.api_urls_replies")),
    *project,
]
