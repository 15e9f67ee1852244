from django.urls import URLPattern, URLResolver, path

from herald.network.views import policy, usage

app_name = "network"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", policy.overview, name="overview"),
    path("categories/<uuid:public_id>/", policy.category, name="category"),
    path("categories/<uuid:public_id>/action/", policy.change_action, name="change_action"),
    path("categories/<uuid:public_id>/add/", policy.add_domain, name="add_domain"),
    path("categories/<uuid:public_id>/remove/", policy.remove_domain, name="remove_domain"),
    path("categories/<uuid:public_id>/import/", policy.import_domains, name="import"),
    path("groups/", policy.groups, name="groups"),
    path("groups/new/", policy.new_group, name="new_group"),
    path("exceptions/new/", policy.new_exception, name="new_exception"),
    path("exceptions/<uuid:public_id>/revoke/", policy.revoke_exception, name="revoke_exception"),
    path("identities/", policy.identities, name="identities"),
    path("versions/", policy.versions, name="versions"),
    path("versions/compare/", policy.compare, name="compare"),
    path("squid/", policy.squid, name="squid"),
    path("squid/download.zip", policy.squid_download, name="squid_download"),
    path("usage/", usage.report, name="usage"),
    path("people/", usage.people, name="people"),
    path("people/<uuid:public_id>/", usage.person, name="person"),
    path("alerts/", usage.alerts, name="alerts"),
    path("alerts/<uuid:public_id>/acknowledge/", usage.acknowledge, name="acknowledge"),
    path("review/", usage.review, name="review"),
    path("settings/", usage.settings_page, name="settings"),
    path("warn/", usage.warn, name="warn"),
]
