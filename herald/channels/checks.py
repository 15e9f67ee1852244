"""System checks for the channels: configuration that will break publishing before it does."""

from __future__ import annotations

import datetime
from typing import Any

from django.core import checks

# LinkedIn retires each monthly API version about a year after its release.
LINKEDIN_VERSION_WARN_AFTER_DAYS = 305


@checks.register()
def linkedin_version_is_current(
    app_configs: Any = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    return linkedin_version_messages(today=datetime.datetime.now(datetime.UTC).date())


def linkedin_version_messages(*, today: datetime.date) -> list[checks.CheckMessage]:
    from herald.channels.adapters.linkedin.adapter import linkedin_version  # noqa: PLC0415

    version = linkedin_version()
    try:
        released = datetime.date(int(version[:4]), int(version[4:6]), 1)
    except ValueError:
        return [
            checks.Warning(
                f"HERALD_LINKEDIN_VERSION {version!r} is not a YYYYMM version.",
                id="channels.W002",
            )
        ]
    age = (today - released).days
    if age < LINKEDIN_VERSION_WARN_AFTER_DAYS:
        return []
    return [
        checks.Warning(
            f"The LinkedIn API version {version} is {age} days old; LinkedIn retires versions "
            "about a year after release.",
            hint="Check LinkedIn's migration notes and set HERALD_LINKEDIN_VERSION (or move "
            "DEFAULT_LINKEDIN_VERSION) forward.",
            id="channels.W001",
        )
    ]
