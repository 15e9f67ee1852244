from django.apps import AppConfig


class EstateConfig(AppConfig):
    name = "herald.estate"
    label = "estate"
