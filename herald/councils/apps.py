from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "herald.councils"
    label = "councils"
