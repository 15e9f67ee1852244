"""This context's REST endpoints, included under /api/v1/ by ``config.api_urls``."""

from django.urls import URLPattern, URLResolver, path

from herald.estate.api import AccountDetailApi, AccountListApi, FindingDetailApi, FindingListApi

urlpatterns: list[URLPattern | URLResolver] = [
    path("accounts/", AccountListApi.as_view(), name="estate-accounts"),
    path("accounts/<uuid:public_id>/", AccountDetailApi.as_view(), name="estate-account"),
    path("findings/", FindingListApi.as_view(), name="estate-findings"),
    path("findings/<uuid:public_id>/", FindingDetailApi.as_view(), name="estate-finding"),
]
