from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "herald.publishing"
    label = "publishing"

    def ready(self) -> None:
        # The calendar: tell the estate about queued posts (closing an account warns about
        # them) and register the recurring-posts job with the scheduler.
        from herald.estate.scheduled import register_provider  # noqa: PLC0415
        from herald.publishing.calendar import schedules  # noqa: F401, PLC0415
        from herald.publishing.calendar.provider import queued_posts  # noqa: PLC0415

        register_provider(queued_posts)
