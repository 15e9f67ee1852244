from django.urls import URLPattern, URLResolver, path

from herald.listening.views.insight import alerts, dashboard, mentions, privacy

# The landing page of listening is the reputation dashboard.
urlpatterns: list[URLPattern | URLResolver] = [
    path("", dashboard.dashboard, name="dashboard"),
    path("dashboard.csv", dashboard.dashboard_csv, name="dashboard_csv"),
    path("mentions/", mentions.mention_list, name="mentions"),
    path("mentions.csv", mentions.mention_csv, name="mentions_csv"),
    path("mentions/<str:network>/<str:key>/", mentions.mention_detail, name="mention"),
    path("alerts/", alerts.alert_list, name="alerts"),
    path("alerts/rules/", alerts.rule_list, name="alert_rules"),
    path("alerts/rules/new/", alerts.new_rule, name="new_alert_rule"),
    path("alerts/rules/<uuid:public_id>/", alerts.edit_rule, name="alert_rule"),
    path("alerts/<uuid:public_id>/", alerts.alert_detail, name="alert"),
    path("alerts/<uuid:public_id>/acknowledge/", alerts.acknowledge, name="acknowledge_alert"),
    path("alerts/<uuid:public_id>/close/", alerts.close, name="close_alert"),
    path("privacy/", privacy.privacy_page, name="privacy"),
]
