from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "herald.learning"
    label = "learning"

    def ready(self) -> None:
        # The tenancy sits below learning and cannot import it, so learning registers its gate.
        from herald.councils.gates import register_gate  # noqa: PLC0415 - apps load first
        from herald.learning.gates import publishing_gate  # noqa: PLC0415

        register_gate(name="learning.publishing_rights", gate=publishing_gate)
