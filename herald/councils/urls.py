from django.urls import path

from herald.councils import views

app_name = "councils"

urlpatterns = [
    path("choose/", views.choose, name="choose"),
    path("members/", views.member_list, name="members"),
    path("members/<uuid:public_id>/", views.member_roles, name="member_roles"),
    path("organisation/", views.organisation, name="organisation"),
]
