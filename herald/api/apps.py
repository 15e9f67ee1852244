from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "herald.api"
    label = "api"

    def ready(self) -> None:
        # drf-spectacular finds the token scheme's extension only once its module is imported.
        import herald.api.schema  # noqa: F401, PLC0415
