"""This context's REST endpoints, included under /api/v1/ by ``config.api_urls``."""

from django.urls import URLPattern, URLResolver, path, re_path
from django.views.decorators.csrf import csrf_exempt

from herald.api.errors import endpoint_not_found
from herald.listening.api.alerts import AcknowledgeAlertApi, AlertListApi, CloseAlertApi
from herald.listening.api.mentions import MentionDetailApi, MentionListApi
from herald.listening.api.sources import SourceListApi
from herald.listening.api.summary import SummaryApi

urlpatterns: list[URLPattern | URLResolver] = [
    path("mentions/", MentionListApi.as_view(), name="listening-mentions"),
    # A mention's address is its network and its id there, as on the pages (no row ids).
    path(
        "mentions/<str:network>/<str:key>/",
        MentionDetailApi.as_view(),
        name="listening-mention",
    ),
    path("summary/", SummaryApi.as_view(), name="listening-summary"),
    path("alerts/", AlertListApi.as_view(), name="listening-alerts"),
    path(
        "alerts/<uuid:public_id>/acknowledge/",
        AcknowledgeAlertApi.as_view(),
        name="listening-alert-acknowledge",
    ),
    path("alerts/<uuid:public_id>/close/", CloseAlertApi.as_view(), name="listening-alert-close"),
    path("sources/", SourceListApi.as_view(), name="listening-sources"),
    # A malformed id is a JSON 404 too ([\s\S]: see herald/estate/api_urls.py), for a POST as
    # well: token-authenticated, so no CSRF page in the way.
    re_path(r"^(?P<path>[\s\S]*)$", csrf_exempt(endpoint_not_found)),
]
