from django.urls import URLPattern, URLResolver, include, path

app_name = "inbox"

# Conversations, triage, escalations and records; replies, saved responses and moderation.
urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("herald.inbox.urls_conversations")),
    path("", include("herald.inbox.urls_replies")),
]
