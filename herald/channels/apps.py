from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "herald.channels"
    label = "channels"

    def ready(self) -> None:
        # Housekeeping asks every registered provider how each connected account's connection is
        # (failing, credentials expiring): the estate never imports channels.
        from herald.channels.selectors import estate_health  # noqa: PLC0415 - apps are ready
        from herald.estate.connections import register_provider  # noqa: PLC0415

        register_provider(estate_health)
        from herald.channels import checks  # noqa: F401, PLC0415 - registers the system checks
