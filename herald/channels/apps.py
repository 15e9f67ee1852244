from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "herald.channels"
    label = "channels"
