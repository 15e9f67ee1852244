from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "herald.home"
    label = "home"
