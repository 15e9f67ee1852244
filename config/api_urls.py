"""Herald's REST API, version 1. Each context's endpoints live in its own ``api.py``."""

from django.urls import include, path, re_path

from herald.api.errors import endpoint_not_found
from herald.audit.api import AuditEventListApi
from herald.councils.api import MeApi, ServiceListApi, TeamListApi
from herald.people.api import StaffDetailApi, StaffListApi

app_name = "api"

urlpatterns = [
    path("me/", MeApi.as_view(), name="me"),
    path("services/", ServiceListApi.as_view(), name="services"),
    path("teams/", TeamListApi.as_view(), name="teams"),
    path("staff/", StaffListApi.as_view(), name="staff-list"),
    path("staff/<uuid:public_id>/", StaffDetailApi.as_view(), name="staff-detail"),
    path("audit-events/", AuditEventListApi.as_view(), name="audit-events"),
    path("standards/", include("herald.standards.api_urls")),
    path("learning/", include("herald.learning.api_urls")),
    path("estate/", include("herald.estate.api_urls")),
    path("network/", include("herald.network.api_urls")),
    path("channels/", include("herald.channels.api_urls")),
    path("publishing/", include("herald.publishing.api_urls")),
    path("listening/", include("herald.listening.api_urls")),
    path("inbox/", include("herald.inbox.api_urls")),
    path("programme/", include("herald.programme.api_urls")),
    # Last: anything else under /api/v1/ (a malformed id, a typo) is a JSON 404, not a web page.
    # [\s\S], not ".": a malformed id with a newline in it is a JSON 404 too.
    re_path(r"^(?P<path>[\s\S]*)$", endpoint_not_found),
]
