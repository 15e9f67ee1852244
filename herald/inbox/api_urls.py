"""This context's REST endpoints, included under /api/v1/ by ``config.api_urls``."""

from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.decorators.csrf import csrf_exempt

from herald.api.errors import endpoint_not_found
from herald.inbox.api import ConversationDetailApi, ConversationListApi, TriageApi

urlpatterns: list[URLPattern | URLResolver] = [
    path("conversations/", ConversationListApi.as_view(), name="inbox-conversations"),
    path(
        "conversations/<uuid:public_id>/",
        ConversationDetailApi.as_view(),
        name="inbox-conversation",
    ),
    path(
        "conversations/<uuid:public_id>/triage/",
        TriageApi.as_view(),
        name="inbox-conversation-triage",
    ),
    # Replies: draft, submit, approve, retry, a conversation's replies.
    path("", include("herald.inbox.api_urls_replies")),
    # A malformed id is a JSON 404 too ([\s\S]: see herald/estate/api_urls.py), for a POST as
    # well: token-authenticated, so no CSRF page in the way.
    re_path(r"^(?P<path>[\s\S]*)$", csrf_exempt(endpoint_not_found)),
]
