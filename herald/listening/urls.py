from django.urls import URLPattern, URLResolver

app_name = "listening"

urlpatterns: list[URLPattern | URLResolver] = []
