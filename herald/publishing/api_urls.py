"""This context's REST endpoints, included under /api/v1/ by ``config.api_urls``."""

from django.urls import URLPattern, URLResolver, path, re_path

from herald.api.errors import endpoint_not_found
from herald.publishing.api import (
    DecisionApi,
    PostDetailApi,
    PostListApi,
    ScheduleApi,
    SubmitApi,
    WithdrawApi,
)

urlpatterns: list[URLPattern | URLResolver] = [
    path("posts/", PostListApi.as_view(), name="publishing-posts"),
    path("posts/<uuid:public_id>/", PostDetailApi.as_view(), name="publishing-post"),
    path("posts/<uuid:public_id>/submit/", SubmitApi.as_view(), name="publishing-post-submit"),
    path("posts/<uuid:public_id>/decision/", DecisionApi.as_view(), name="publishing-post-decide"),
    path(
        "posts/<uuid:public_id>/schedule/", ScheduleApi.as_view(), name="publishing-post-schedule"
    ),
    path(
        "posts/<uuid:public_id>/withdraw/", WithdrawApi.as_view(), name="publishing-post-withdraw"
    ),
    # A malformed id is a JSON 404 too ([\s\S]: see herald/estate/api_urls.py).
    re_path(r"^(?P<path>[\s\S]*)$", endpoint_not_found),
]
