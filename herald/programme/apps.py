from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "herald.programme"
    label = "programme"
