"""Publishing's pages: posts and approvals (``urls_posts``), the calendar (``urls_calendar``)."""

from django.urls import URLPattern, URLResolver, include, path

from herald.publishing import urls_calendar, urls_posts

app_name = "publishing"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include(urls_posts)),
    path("calendar/", include(urls_calendar)),
]
