"""Writing sources: adding, editing, pausing and resuming them, each checked and audited.

A source's configuration is checked for its kind before it is saved (an address for a feed, a
connected account for comments, something to listen for), so a source that cannot work is
refused on the form rather than failing silently at its first poll.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.channels.listening import listens
from herald.core.errors import DomainError
from herald.core.transitions import TransitionNotAllowed, move_status, start_history
from herald.listening import source_workflow
from herald.listening.models import Source, SourceStatusChange

if TYPE_CHECKING:
    from herald.channels.models import ChannelConnection
    from herald.councils.models import Council

MIN_POLL_SECONDS = 60
MAX_POLL_SECONDS = 86_400
MAX_TERMS = 50


class InvalidSource(DomainError):
    code = "invalid_source"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _url(value: Any, *, label: str, field: str) -> str:
    text = str(value or "").strip()
    if not text.startswith(("https://", "http://")) or " " in text or len(text) > 500:
        raise InvalidSource(f"Enter the {label} as a web address starting https://", field=field)
    return text


def _stream_address(config: dict[str, Any], *, schemes: tuple[str, ...]) -> dict[str, str]:
    """The optional live stream address (kept only when given)."""
    text = str(config.get("stream_address") or "").strip()
    if not text:
        return {}
    if not text.startswith(schemes) or " " in text or len(text) > 500:
        raise InvalidSource(
            f"Enter the live stream address starting {' or '.join(schemes)}",
            field="stream_address",
        )
    return {"stream_address": text}


def _terms(value: Any) -> list[str]:
    terms = [str(term).strip() for term in value or [] if str(term).strip()]
    if len(terms) > MAX_TERMS:
        raise InvalidSource(f"Enter at most {MAX_TERMS} terms", field="terms")
    if any(len(term) > 200 for term in terms):
        raise InvalidSource("Each term has at most 200 characters", field="terms")
    return terms


def _needs_connection(kind: str, connection: ChannelConnection | None) -> ChannelConnection:
    if connection is None:
        raise InvalidSource("Choose the connected account to read", field="connection")
    if connection.disconnected_at is not None:
        raise InvalidSource("That account is disconnected: reconnect it first", field="connection")
    if kind == Source.Kind.SANDBOX and connection.network != "sandbox":
        raise InvalidSource("Choose an account connected to the Sandbox", field="connection")
    if not listens(connection.network):
        raise InvalidSource(
            f"Herald cannot read comments on {connection.network}", field="connection"
        )
    return connection


def checked_config(
    *, kind: str, config: dict[str, Any], connection: ChannelConnection | None
) -> dict[str, Any]:
    """The configuration kept for ``kind`` (unknown keys dropped), or InvalidSource."""
    if kind == Source.Kind.RSS:
        return {"url": _url(config.get("url"), label="feed address", field="url")}
    if kind == Source.Kind.MASTODON:
        instance = _url(config.get("instance"), label="Mastodon server", field="url")
        hashtags, search = _terms(config.get("hashtags")), _terms(config.get("search"))
        notifications = bool(config.get("notifications"))
        if (search or notifications) and connection is None:
            raise InvalidSource(
                "Searching and notifications need a connected Mastodon account", field="connection"
            )
        if not (hashtags or search or notifications):
            raise InvalidSource(
                "Enter a hashtag or search term, or read notifications", field="terms"
            )
        return {
            "instance": instance,
            "hashtags": hashtags,
            "search": search,
            "notifications": notifications,
            **_stream_address(config, schemes=("https://", "http://")),
        }
    if kind == Source.Kind.BLUESKY:
        terms, notifications = _terms(config.get("terms")), bool(config.get("notifications"))
        if notifications and connection is None:
            raise InvalidSource(
                "Notifications need a connected Bluesky account", field="connection"
            )
        if not (terms or notifications):
            raise InvalidSource("Enter a search term, or read notifications", field="terms")
        return {
            "terms": terms,
            "notifications": notifications,
            **_stream_address(config, schemes=("wss://", "ws://")),
        }
    if kind in {Source.Kind.OWN_COMMENTS, Source.Kind.SANDBOX}:
        _needs_connection(kind, connection)
        return {}
    if kind == Source.Kind.IMPORT:
        return {"network": str(config.get("network") or "import")[:32]}
    raise InvalidSource("Choose what kind of source this is", field="kind")


def _poll_every(seconds: int) -> int:
    if not MIN_POLL_SECONDS <= seconds <= MAX_POLL_SECONDS:
        raise InvalidSource("Poll between every minute and once a day", field="poll_every_minutes")
    return seconds


def _name(council: Council, name: str, exclude: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise InvalidSource("Enter a name for the source", field="name")
    clash = council.listening_sources.filter(name__iexact=name).exclude(pk=exclude or 0).exists()
    if clash:
        raise InvalidSource("The council already has a source with that name", field="name")
    return name[:200]


@transaction.atomic
def create_source(
    *,
    council: Council,
    kind: str,
    name: str,
    config: dict[str, Any],
    actor: Actor,
    connection: ChannelConnection | None = None,
    poll_every_seconds: int = 300,
) -> Source:
    """A new source, checked for its kind, active and due a first poll now."""
    if connection is not None and connection.council_id != council.pk:
        raise InvalidSource("Choose one of the council's connected accounts", field="connection")
    source = Source.objects.create(
        council=council,
        kind=kind,
        name=_name(council, name),
        config=checked_config(kind=kind, config=config, connection=connection),
        connection=connection,
        poll_every_seconds=_poll_every(poll_every_seconds),
        next_poll_at=timezone.now(),
    )
    start_history(
        obj=source, history=SourceStatusChange, actor_user=actor.user, actor_label=actor.display
    )
    record(
        council=council,
        actor=actor,
        action="listening.source_added",
        summary=f"Added the listening source {source.name}",
        target=source,
    )
    return source


@transaction.atomic
def update_source(
    *,
    source: Source,
    name: str,
    config: dict[str, Any],
    actor: Actor,
    connection: ChannelConnection | None = None,
    poll_every_seconds: int = 300,
) -> Source:
    """Change a source's name, settings and pace (its kind and cursor stay)."""
    if connection is not None and connection.council_id != source.council_id:
        raise InvalidSource("Choose one of the council's connected accounts", field="connection")
    before = {"name": source.name, "config": source.config}
    source.name = _name(source.council, name, exclude=source.pk)
    source.config = checked_config(kind=source.kind, config=config, connection=connection)
    source.connection = connection
    source.poll_every_seconds = _poll_every(poll_every_seconds)
    source.save(update_fields=["name", "config", "connection", "poll_every_seconds", "updated_at"])
    record(
        council=source.council,
        actor=actor,
        action="listening.source_changed",
        summary=f"Changed the listening source {source.name}",
        target=source,
        changes={"before": before, "after": {"name": source.name, "config": source.config}},
    )
    return source


def change_status(*, source: Source, action: str, actor: Actor, note: str = "") -> Source:
    """Pause, resume, fail or recover a source, as the transition table allows."""
    to_status = source_workflow.next_status(source.status, action)
    if to_status is None:
        raise TransitionNotAllowed(
            f"A {source.get_status_display().lower()} source cannot {action}."
        )
    extra: dict[str, Any] = {}
    if action == "resume":
        extra["next_poll_at"] = timezone.now()
    with transaction.atomic():
        move_status(
            obj=source,
            to_status=to_status,
            history=SourceStatusChange,
            actor_user=actor.user,
            actor_label=actor.display,
            note=note,
            **extra,
        )
        record(
            council=source.council,
            actor=actor,
            action=f"listening.source_{action}",
            summary=f"{action.title()}: {source.name}",
            target=source,
        )
    return source
