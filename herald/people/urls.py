from django.urls import path

from herald.people import views

app_name = "people"

urlpatterns = [
    path("", views.staff_list, name="list"),
    path("my-team/", views.my_team, name="my_team"),
    path("import/", views.import_staff, name="import"),
    path("import/<uuid:public_id>/", views.import_preview, name="import_preview"),
    path("<uuid:public_id>/", views.staff_detail, name="detail"),
]
