"""The content calendar's pages, under /publishing/calendar/ (names start ``calendar``)."""

from django.urls import URLPattern, URLResolver, path

from herald.publishing.calendar import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.month, name="calendar"),
    path("week/", views.week, name="calendar_week"),
    path("export.csv", views.export, name="calendar_export"),
    path("import/", views.import_calendar, name="calendar_import"),
    path("campaigns/", views.campaigns, name="calendar_campaigns"),
    path("campaigns/new/", views.campaign_new, name="calendar_campaign_new"),
    path("campaigns/<uuid:public_id>/", views.campaign, name="calendar_campaign"),
    path("campaigns/<uuid:public_id>/edit/", views.campaign_edit, name="calendar_campaign_edit"),
    path(
        "campaigns/<uuid:public_id>/archive/",
        views.campaign_archive,
        name="calendar_campaign_archive",
    ),
    path("schedules/", views.schedules, name="calendar_schedules"),
    path("schedules/new/", views.schedule_new, name="calendar_schedule_new"),
    path("schedules/<uuid:public_id>/", views.schedule_edit, name="calendar_schedule"),
    path("recurring/", views.recurrences, name="calendar_recurrences"),
    path(
        "recurring/<uuid:public_id>/stop/",
        views.recurrence_stop,
        name="calendar_recurrence_stop",
    ),
    path("posts/<uuid:public_id>/repeat/", views.post_repeat, name="calendar_post_repeat"),
]
