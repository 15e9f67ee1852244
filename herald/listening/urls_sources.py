from django.urls import URLPattern, URLResolver, path

from herald.listening.views import sources, webhooks

urlpatterns: list[URLPattern | URLResolver] = [
    path("sources/", sources.sources, name="sources"),
    path("sources/new/", sources.new_source, name="new_source"),
    path("sources/<uuid:public_id>/", sources.source, name="source"),
    path("sources/<uuid:public_id>/edit/", sources.edit_source, name="edit_source"),
    path("sources/<uuid:public_id>/pause/", sources.pause_source, name="pause_source"),
    path("sources/<uuid:public_id>/resume/", sources.resume_source, name="resume_source"),
    path("queries/", sources.queries, name="queries"),
    path("queries/new/", sources.new_query, name="new_query"),
    path("queries/<uuid:public_id>/edit/", sources.edit_query, name="edit_query"),
    path("webhooks/meta/", webhooks.meta, name="meta_webhook"),
]
