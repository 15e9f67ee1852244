"""This context's REST endpoints, included under /api/v1/ by ``config.api_urls``."""

from django.urls import URLPattern, URLResolver, path, re_path
from django.views.decorators.csrf import csrf_exempt

from herald.api.errors import endpoint_not_found
from herald.publishing.api import (
    DecisionApi,
    PostDetailApi,
    PostListApi,
    ScheduleApi,
    SignOffApi,
    SubmitApi,
    WithdrawApi,
)

urlpatterns: list[URLPattern | URLResolver] = [
    path("posts/", PostListApi.as_view(), name="publishing-posts"),
    path("posts/<uuid:public_id>/", PostDetailApi.as_view(), name="publishing-post"),
    path("posts/<uuid:public_id>/submit/", SubmitApi.as_view(), name="publishing-post-submit"),
    path("posts/<uuid:public_id>/decision/", DecisionApi.as_view(), name="publishing-post-decide"),
    path("posts/<uuid:public_id>/sign-off/", SignOffApi.as_view(), name="publishing-post-sign-off"),
    path(
        "posts/<uuid:public_id>/schedule/", ScheduleApi.as_view(), name="publishing-post-schedule"
    ),
    path(
        "posts/<uuid:public_id>/withdraw/", WithdrawApi.as_view(), name="publishing-post-withdraw"
    ),
    # A malformed id is a JSON 404 too ([\s\S]: see herald/estate/api_urls.py), for a POST as
    # well: token-authenticated, so no CSRF page in the way.
    re_path(r"^(?P<path>[\s\S]*)$", csrf_exempt(endpoint_not_found)),
]
