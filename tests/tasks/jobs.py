"""Tasks the backend contract runs on every backend: arguments in, effects in the database."""

from __future__ import annotations

from django.tasks import task

from herald.accounts.models import LoginFailure


@task()
def record_sign_in_failure(username: str, *, ip_address: str | None = None) -> int:
    return LoginFailure.objects.create(username=username, ip_address=ip_address).pk
