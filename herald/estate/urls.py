from django.urls import path

from herald.estate.views import access, closure, findings, importing, register, requests

app_name = "estate"

urlpatterns = [
    path("", register.register, name="register"),
    path("add/", register.add, name="add"),
    path("requests/", requests.my_requests, name="my_requests"),
    path("requests/new/", requests.new, name="request_new"),
    path("requests/review/", requests.queue, name="review_queue"),
    path("requests/<uuid:public_id>/", requests.detail, name="request"),
    path("requests/<uuid:public_id>/change/", requests.resubmit, name="request_resubmit"),
    path("findings/", findings.findings, name="findings"),
    path("findings/run/", findings.run_check, name="run_check"),
    path("findings/settings/", findings.check_settings, name="settings"),
    path("findings/<uuid:public_id>/", findings.finding, name="finding"),
    path("dashboard/", findings.dashboard, name="dashboard"),
    path("dashboard.csv", findings.dashboard_csv, name="dashboard_csv"),
    path("access/", access.review, name="access"),
    path("access/team/", access.team, name="access_team"),
    path("import/", importing.upload, name="import"),
    path("import/<uuid:public_id>/", importing.preview, name="import_preview"),
    path("<uuid:public_id>/", register.detail, name="detail"),
    path("<uuid:public_id>/edit/", register.edit, name="edit"),
    path("<uuid:public_id>/status/", register.change_status, name="status"),
    path("<uuid:public_id>/access/", register.add_access, name="access_add"),
    path(
        "<uuid:public_id>/access/<uuid:access_id>/remove/",
        register.remove_access,
        name="access_remove",
    ),
    path("<uuid:public_id>/recertify/", register.recertify, name="recertify"),
    path("<uuid:public_id>/set-up/", register.complete_setup, name="setup"),
    path("<uuid:public_id>/close/", closure.start, name="close"),
    path("<uuid:public_id>/closure/", closure.checklist, name="closure"),
]
