"""How alert emails leave Herald: Django's mail (SMTP by default) or GOV.UK Notify.

The choice is the deployment's (``LISTENING_ALERT_MAILER = "notify"`` with ``NOTIFY_API_KEY``
and ``NOTIFY_EMAIL_TEMPLATE_ID``); anything else sends through Django's configured mailer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail

from herald.listening.alerting.notify import NotifyClient


class Mailer(Protocol):
    def send(self, *, to: list[str], subject: str, body: str, reference: str) -> None: ...


class DjangoMailer:
    def send(self, *, to: list[str], subject: str, body: str, reference: str) -> None:
        send_mail(subject=subject, message=body, from_email=None, recipient_list=to)


@dataclass(frozen=True)
class NotifyMailer:
    client: NotifyClient

    def send(self, *, to: list[str], subject: str, body: str, reference: str) -> None:
        # Notify sends to one address a request.
        for address in to:
            self.client.send_email(to=address, subject=subject, body=body, reference=reference)


def configured_mailer() -> Mailer:
    if getattr(settings, "LISTENING_ALERT_MAILER", "django") == "notify":
        return NotifyMailer(
            NotifyClient(
                api_key=getattr(settings, "NOTIFY_API_KEY", ""),
                template_id=getattr(settings, "NOTIFY_EMAIL_TEMPLATE_ID", ""),
                base_url=getattr(
                    settings, "NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk"
                ),
            )
        )
    return DjangoMailer()
