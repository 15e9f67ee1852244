"""This context's REST endpoints, included under /api/v1/ by ``config.api_urls``."""

from django.urls import URLPattern, URLResolver, path, re_path

from herald.api.errors import endpoint_not_found
from herald.estate.api import AccountDetailApi, AccountListApi, FindingDetailApi, FindingListApi

urlpatterns: list[URLPattern | URLResolver] = [
    path("accounts/", AccountListApi.as_view(), name="estate-accounts"),
    path("accounts/<uuid:public_id>/", AccountDetailApi.as_view(), name="estate-account"),
    path("findings/", FindingListApi.as_view(), name="estate-findings"),
    path("findings/<uuid:public_id>/", FindingDetailApi.as_view(), name="estate-finding"),
    # A malformed id is a JSON 404 too. [\s\S] because an id with a newline in it would slip
    # past the API's own catch-all, whose "." stops at newlines, to the HTML 404 page.
    re_path(r"^(?P<path>[\s\S]*)$", endpoint_not_found),
]
