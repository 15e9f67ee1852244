from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "herald.inbox"
    label = "inbox"
