from django.urls import path

from herald.councils import views

app_name = "councils"

urlpatterns = [
    path("choose/", views.choose, name="choose"),
]
