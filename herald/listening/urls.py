from django.urls import URLPattern, URLResolver, include, path

app_name = "listening"

# Sources, queries and ingestion pages; the dashboard, mentions, alerts, routing and privacy pages.
urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("herald.listening.urls_insight")),
    path("", include("herald.listening.urls_sources")),
    path("", include("herald.listening.urls_routing")),
]
