"""The public short-link redirect, mounted at the site's root as /l/<code> (config/urls.py:
``path("l/", include("herald.programme.urls_public"))``)."""

from django.urls import URLPattern, URLResolver, path

from herald.programme.views import links

app_name = "programme_public"

urlpatterns: list[URLPattern | URLResolver] = [
    path("<str:code>", links.follow, name="follow"),
]
