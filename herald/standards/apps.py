from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "herald.standards"
    label = "standards"
