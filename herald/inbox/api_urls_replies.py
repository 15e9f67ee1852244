"""The replies' REST endpoints, included under /api/v1/inbox/ (before the catch-all 404)."""

from django.urls import URLPattern, URLResolver, path

from herald.inbox.api_replies import (
    ConversationRepliesApi,
    DecisionApi,
    ReplyApi,
    RetryApi,
    SubmitApi,
)

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "conversations/<uuid:public_id>/replies/",
        ConversationRepliesApi.as_view(),
        name="inbox-conversation-replies",
    ),
    path("replies/<uuid:public_id>/", ReplyApi.as_view(), name="inbox-reply"),
    path("replies/<uuid:public_id>/submit/", SubmitApi.as_view(), name="inbox-reply-submit"),
    path("replies/<uuid:public_id>/decision/", DecisionApi.as_view(), name="inbox-reply-decide"),
    path("replies/<uuid:public_id>/retry/", RetryApi.as_view(), name="inbox-reply-retry"),
]
