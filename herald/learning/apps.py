from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "herald.learning"
    label = "learning"
