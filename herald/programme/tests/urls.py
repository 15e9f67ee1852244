"""The project's URLs plus the public short-link route, which config/urls.py gains at merge."""

from django.urls import include, path

from config.urls import urlpatterns as project

urlpatterns = [path("l/", include("herald.programme.urls_public")), *project]
