"""Background entry points for accounts: each calls one service."""

from __future__ import annotations

from django.tasks import task

from herald.accounts import services


@task()
def prune_login_failures() -> int:
    return services.prune_login_failures()
