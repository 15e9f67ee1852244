from django.apps import AppConfig


class ListeningConfig(AppConfig):
    name = "herald.listening"
    label = "listening"
