from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "herald.network"
    label = "network"
