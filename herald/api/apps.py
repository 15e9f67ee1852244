from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "herald.api"
    label = "api"
