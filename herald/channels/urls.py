from django.urls import URLPattern, URLResolver, path

from herald.channels import views
from herald.channels.sandbox import views as sandbox_views

app_name = "channels"

urlpatterns: list[URLPattern | URLResolver] = [
    path("connections/", views.connections, name="connections"),
    path("connections/connect/", views.connect, name="connect"),
    path("connections/<uuid:public_id>/", views.connection, name="connection"),
    path("connections/<uuid:public_id>/disconnect/", views.disconnect, name="disconnect"),
    path("connections/<uuid:public_id>/check/", views.check, name="check"),
    path("sandbox/<slug:handle>/", sandbox_views.timeline, name="sandbox_timeline"),
]
