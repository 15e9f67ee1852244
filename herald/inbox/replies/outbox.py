"""The replies' outbox: every approved reply goes to its network exactly once, or stays visibly
failed with the reason. It follows publishing's sweep (``herald.publishing.delivery``; see ADR
0005) and uses the same pieces: the channels' adapters and connection services, and the sweep's
backoff.

One pass (``send_due_replies``):

1. **Leases.** A reply left SENDING longer than ``LEASE`` (its worker died mid-call) becomes
   UNCONFIRMED: it may have reached the network, so it is read back, never re-sent blindly.
2. **Reconcile.** Each UNCONFIRMED reply is read back (``adapter.find_published`` with the
   reply's ``in_reply_to``): found → SENT; not there → APPROVED again, to be re-sent knowingly
   with the same idempotency key; the network unreadable → stays UNCONFIRMED, read again later.
3. **Claim and send.** Each APPROVED reply due now is claimed with one conditional UPDATE
   (APPROVED → SENDING; of any number of workers exactly one wins), then the adapter is called
   with no transaction open. Each call is a ``ReplyAttempt``. Transient errors back off (30 s,
   2 min, 10 min, 30 min) and fail after ``MAX_ATTEMPTS``; a rate limit waits for the network's
   Retry-After; expired credentials are refreshed once; a refusal fails at once; an unknown
   outcome is UNCONFIRMED and reconciled straight away.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import F, Q
from django.utils import timezone

from herald.audit.services import Actor
from herald.channels import clients
from herald.channels import services as channel_services
from herald.channels.adapters.base import (
    Adapter,
    AdapterError,
    AuthExpired,
    OutgoingPost,
    Permanent,
    Published,
    RateLimited,
    Transient,
)
from herald.channels.models import ChannelConnection
from herald.core.transitions import StatusChangedMeanwhile
from herald.inbox import workflow
from herald.inbox.models import Conversation, Message, Reply, ReplyAttempt
from herald.inbox.replies.common import move_reply
from herald.inbox.replies.errors import ReplyTransitionNotAllowed
from herald.inbox.services.triage import record_response
from herald.publishing.delivery.sweep import backoff, worker_name

logger = logging.getLogger(__name__)

R = Reply.Status
C = ChannelConnection.Status
OUTBOX = Actor(user=None, label="Herald (replies outbox)")
LEASE = datetime.timedelta(minutes=5)
MAX_ATTEMPTS = 5
# Rate limits and read-backs do not use up attempts, but nothing retries for ever.
MAX_CALLS = 15


@dataclass
class OutboxReport:
    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    rate_limited: int = 0
    failed: int = 0
    unconfirmed: int = 0
    reconciled_found: int = 0
    reconciled_missing: int = 0
    lease_expired: int = 0
    lost_claims: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["errors"] = self.errors[:20]
        return data


class _Adapters:
    """One adapter per network and address for the length of a pass."""

    def __init__(self) -> None:
        self._made: dict[tuple[str, str], Adapter] = {}

    def get(self, connection: ChannelConnection) -> Adapter | None:
        """The adapter, or None for a network Herald has no adapter for."""
        key = (connection.network, connection.base_url)
        if key not in self._made:
            try:
                self._made[key] = clients.adapter(connection.network, base_url=connection.base_url)
            except LookupError:
                return None
        return self._made[key]


def send_due_replies(
    now: datetime.datetime | None = None, *, limit: int | None = None, worker: str | None = None
) -> OutboxReport:
    """One pass of the outbox. Safe to run in any number of workers at once."""
    now = now or timezone.now()
    worker = worker or worker_name()
    report = OutboxReport()
    adapters = _Adapters()
    expire_leases(now=now, report=report)
    reconcile_due(now=now, report=report, adapters=adapters)
    for reply_id in due_ids(now=now, limit=limit):
        _guarded(send_one, reply_id, now=now, worker=worker, report=report, adapters=adapters)
    return report


def send_reply_now(reply_id: int) -> OutboxReport:
    """Send one reply if it is due (the task enqueued when a reply is approved)."""
    report = OutboxReport()
    _guarded(
        send_one,
        reply_id,
        now=timezone.now(),
        worker=worker_name(),
        report=report,
        adapters=_Adapters(),
    )
    return report


def _guarded(function: Any, reply_id: int, *, report: OutboxReport, **kwargs: Any) -> None:
    try:
        function(reply_id, report=report, **kwargs)
    except Exception as error:  # one bad reply must not stop the others
        logger.exception("Reply %s could not be processed", reply_id)
        report.errors.append(f"{reply_id}: {type(error).__name__}")


def due_ids(*, now: datetime.datetime, limit: int | None = None) -> list[int]:
    """APPROVED replies due now, oldest first, skipping connections still rate limited."""
    waiting = ChannelConnection.objects.filter(rate_limited_until__gt=now).values("account_id")
    due = (
        Reply.objects.filter(status=R.APPROVED, next_attempt_at__lte=now)
        .exclude(conversation__account_id__in=waiting)
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)
    )
    return list(due[:limit] if limit else due)


def claim(reply: Reply, *, worker: str) -> bool:
    """APPROVED → SENDING with one conditional UPDATE. True only for the one worker that won."""
    try:
        move_reply(
            reply,
            R.SENDING,
            actor=OUTBOX,
            note=f"claimed by {worker}",
            claimed_at=timezone.now(),
            claimed_by=worker,
            attempts=F("attempts") + 1,
        )
    except (StatusChangedMeanwhile, ReplyTransitionNotAllowed):
        return False  # another worker claimed it, or it moved on meanwhile
    reply.refresh_from_db(fields=["attempts"])
    return True


def outgoing_for(reply: Reply) -> OutgoingPost:
    target = reply.in_reply_to.remote_id if reply.in_reply_to is not None else ""
    return OutgoingPost(
        text=reply.text, idempotency_key=str(reply.idempotency_key), in_reply_to=target
    )


def cannot_send(connection: ChannelConnection | None, adapter: Adapter | None) -> str:
    if connection is None or connection.status == C.DISCONNECTED:
        return "The account is not connected to Herald: connect it, then retry the reply."
    if connection.status == C.EXPIRED:
        return "The account's credentials have expired: reconnect it, then retry the reply."
    if adapter is None or not getattr(adapter, "supports_replies", False):
        return (
            f"Herald cannot send replies on {connection.network} yet: answer on the network "
            "itself and note it on the conversation."
        )
    return ""


def send_one(
    reply_id: int,
    *,
    now: datetime.datetime,
    worker: str,
    report: OutboxReport,
    adapters: _Adapters,
) -> None:
    reply = (
        Reply.objects.select_related("conversation", "conversation__council", "in_reply_to")
        .filter(pk=reply_id, status=R.APPROVED, next_attempt_at__lte=now)
        .first()
    )
    if reply is None:
        return  # another worker took it, or it was withdrawn meanwhile
    if not claim(reply, worker=worker):
        report.lost_claims += 1
        return
    report.claimed += 1
    connection = ChannelConnection.objects.filter(account_id=reply.conversation.account_id).first()
    adapter = adapters.get(connection) if connection is not None else None
    outgoing = outgoing_for(reply)
    reason = cannot_send(connection, adapter)
    if not reason and not outgoing.in_reply_to:
        reason = "The resident's message has no network id, so there is nothing to reply to."
    if reason or connection is None or adapter is None:
        _record(reply, "permanent", timezone.now(), detail=reason)
        _fail(reply, reason, report)
        return
    if connection.rate_limited_until and connection.rate_limited_until > timezone.now():
        _again(reply, connection.rate_limited_until, "The network's rate limit has not reset yet")
        report.rate_limited += 1
        return
    _call(reply, connection, adapter, outgoing, report, refreshed=False)


def _call(
    reply: Reply,
    connection: ChannelConnection,
    adapter: Adapter,
    outgoing: OutgoingPost,
    report: OutboxReport,
    *,
    refreshed: bool,
) -> None:
    started = timezone.now()
    # No transaction is open here: the network call never holds a database lock.
    try:
        published = adapter.publish(channel_services.as_connection(connection), outgoing)
    except Exception as error:
        _on_error(
            reply,
            error,
            connection=connection,
            adapter=adapter,
            outgoing=outgoing,
            started=started,
            report=report,
            refreshed=refreshed,
        )
        return
    _record(reply, "sent", started)
    _sent(reply, published, report, note="Sent")


def _on_error(
    reply: Reply,
    error: Exception,
    *,
    connection: ChannelConnection,
    adapter: Adapter,
    outgoing: OutgoingPost,
    started: datetime.datetime,
    report: OutboxReport,
    refreshed: bool,
) -> None:
    if isinstance(error, RateLimited):
        _record(reply, "rate_limited", started, error=error)
        until = timezone.now() + datetime.timedelta(seconds=max(error.retry_after, 1.0))
        channel_services.rate_limited(connection_id=connection.pk, until=until)
        _retry_or_fail(reply, report, error.detail, at=until, counts=False)
        report.rate_limited += 1
    elif isinstance(error, AuthExpired):
        _record(reply, "auth", started, error=error)
        if refreshed:
            # Refused again straight after a refresh that worked: not the credentials' fault as
            # far as Herald can tell; try again later (a limited number of times).
            detail = f"Refused right after a refresh: {error.detail}"
            _retry_or_fail(reply, report, detail, at=None, counts=True)
            return
        renewed = _renew(connection)
        if renewed is not None:
            _call(reply, renewed, adapter, outgoing, report, refreshed=True)
            return
        reason = f"The network refused the account's credentials ({error.detail}): reconnect it."
        connection.refresh_from_db()
        channel_services.mark_expired(connection=connection, detail=error.detail)
        _fail(reply, reason, report)
    elif isinstance(error, Transient):
        _record(reply, "transient", started, error=error)
        _retry_or_fail(reply, report, error.detail, at=None, counts=True)
    elif isinstance(error, Permanent):
        _record(reply, "permanent", started, error=error)
        _fail(reply, f"The network refused the reply: {error.detail}", report)
    else:
        # UnknownOutcome, or a library error after the request may have gone: read back.
        if isinstance(error, AdapterError):
            detail = error.detail
        else:
            logger.exception("Unexpected error sending reply %s", reply.pk)
            detail = f"Unexpected error while sending: {type(error).__name__}"
        _record(reply, "unknown", started, detail=detail)
        move_reply(
            reply, R.UNCONFIRMED, actor=OUTBOX, note=detail, last_error=detail, claimed_by=""
        )
        report.unconfirmed += 1
        reconcile(reply, report=report, adapter=adapter, connection=connection)


def _renew(connection: ChannelConnection) -> ChannelConnection | None:
    """Fresh credentials: someone else's refresh if one happened meanwhile, else refresh once."""
    before = connection.credentials
    connection.refresh_from_db()
    if connection.status in (C.EXPIRED, C.DISCONNECTED):
        return None
    if connection.credentials != before:
        return connection
    return connection if channel_services.refresh(connection=connection) else None


def _retry_or_fail(
    reply: Reply, report: OutboxReport, detail: str, *, at: datetime.datetime | None, counts: bool
) -> None:
    calls = reply.attempts_made.count()
    if (counts and reply.attempts >= MAX_ATTEMPTS) or calls >= MAX_CALLS:
        _fail(reply, f"Gave up after {calls} attempts; the last error was: {detail}", report)
        return
    when = at or timezone.now() + backoff(reply.attempts)
    _again(reply, when, f"Will try again at {when:%H:%M:%S}: {detail}", last_error=detail)
    if counts:
        report.retrying += 1
    else:  # a rate limit does not use up an attempt
        Reply.objects.filter(pk=reply.pk, attempts__gt=0).update(attempts=F("attempts") - 1)


def _again(reply: Reply, when: datetime.datetime, note: str, **fields: Any) -> None:
    move_reply(
        reply, R.APPROVED, actor=OUTBOX, note=note, next_attempt_at=when, claimed_by="", **fields
    )


def _fail(reply: Reply, reason: str, report: OutboxReport) -> None:
    move_reply(reply, R.FAILED, actor=OUTBOX, note=reason, last_error=reason[:2000], claimed_by="")
    report.failed += 1


def _record(
    reply: Reply,
    outcome: str,
    started: datetime.datetime,
    *,
    error: AdapterError | None = None,
    detail: str = "",
) -> None:
    ReplyAttempt.objects.create(
        reply=reply,
        number=reply.attempts_made.count() + 1,
        started_at=started,
        finished_at=timezone.now(),
        outcome=outcome,
        http_status=error.http_status if error is not None else None,
        detail=(error.detail if error is not None else detail)[:2000],
    )


def _sent(reply: Reply, published: Published, report: OutboxReport, *, note: str) -> None:
    """SENT with the network's id; Herald's copy joins the conversation as an outgoing message."""
    moment = published.published_at or timezone.now()
    fields = {
        "remote_id": published.remote_id[:500],
        "remote_url": published.url[:1000],
        "sent_at": moment,
        "last_error": "",
        "claimed_by": "",
    }
    try:
        move_reply(reply, R.SENT, actor=OUTBOX, note=note, **fields)
    except StatusChangedMeanwhile:
        # The lease ran out while this worker waited (UNCONFIRMED now): the answer still counts.
        reply.refresh_from_db()
        if reply.status != R.UNCONFIRMED:
            raise
        move_reply(reply, R.SENT, actor=OUTBOX, note=f"{note} (answer arrived late)", **fields)
    Message.objects.create(
        conversation_id=reply.conversation_id,
        direction=Message.Direction.OUT,
        remote_id=published.remote_id[:500],
        url=published.url[:1000],
        author_handle=reply.conversation.account.handle,
        text=reply.text,
        sent_at=moment,
    )
    _answered(reply)
    report.sent += 1


def _answered(reply: Reply) -> None:
    """A person's reply answers the resident: the first-response clock stops and the
    conversation waits on them. The automatic acknowledgement answers nothing."""
    if reply.is_automatic:
        return
    conversation = Conversation.objects.get(pk=reply.conversation_id)
    if conversation.status in (workflow.OPEN - {Conversation.Status.AWAITING_RESIDENT}):
        record_response(conversation=conversation, actor=OUTBOX, note="Reply sent")


# -- leases and reconciliation ------------------------------------------------------------------


def expire_leases(*, now: datetime.datetime, report: OutboxReport) -> None:
    """A reply claimed longer ago than the lease: its worker died mid-call. It may or may not
    have reached the network, so it becomes UNCONFIRMED (read back next), never re-sent."""
    for reply in Reply.objects.filter(status=R.SENDING, claimed_at__lt=now - LEASE):
        note = f"The worker {reply.claimed_by or '?'} stopped mid-send (lease expired)"
        try:
            move_reply(
                reply,
                R.UNCONFIRMED,
                actor=OUTBOX,
                note=note,
                last_error=note,
                claimed_by="",
                next_attempt_at=now,
            )
        except StatusChangedMeanwhile:
            continue
        report.lease_expired += 1
        report.unconfirmed += 1


def reconcile_due(*, now: datetime.datetime, report: OutboxReport, adapters: _Adapters) -> None:
    due = Reply.objects.filter(status=R.UNCONFIRMED).filter(
        Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True)
    )
    for reply in due.select_related("conversation", "in_reply_to"):
        connection = ChannelConnection.objects.filter(
            account_id=reply.conversation.account_id
        ).first()
        adapter = adapters.get(connection) if connection is not None else None
        try:
            reconcile(reply, report=report, adapter=adapter, connection=connection)
        except Exception as error:
            logger.exception("Reply %s could not be reconciled", reply.pk)
            report.errors.append(f"{reply.pk}: {type(error).__name__}")


def reconcile(
    reply: Reply,
    *,
    report: OutboxReport,
    adapter: Adapter | None,
    connection: ChannelConnection | None,
) -> None:
    """Read back an UNCONFIRMED reply: SENT if the network has it, APPROVED (sent again with the
    same key) if not; if the network cannot be read now it stays UNCONFIRMED."""
    reason = cannot_send(connection, adapter)
    if reason or connection is None or adapter is None:
        _later(reply, f"{reason} Herald could not check whether the reply went.")
        return
    started = timezone.now()
    try:
        found = adapter.find_published(
            channel_services.as_connection(connection), outgoing_for(reply)
        )
    except AdapterError as error:
        _record(reply, "unknown", started, detail=f"Reading back failed: {error.detail}")
        _later(reply, f"Reading back failed: {error.detail}")
        return
    if found is not None:
        _record(reply, "reconciled_found", started, detail=f"Found as {found.remote_id}")
        try:
            _sent(reply, found, report, note="Found on the network by reading back")
        except StatusChangedMeanwhile:
            return
        report.reconciled_found += 1
        return
    _record(reply, "reconciled_missing", started, detail="Not on the network")
    report.reconciled_missing += 1
    _retry_or_fail(reply, report, "Read back and not on the network", at=None, counts=True)


def _later(reply: Reply, detail: str) -> None:
    """Stay UNCONFIRMED (with the reason) and read back again after a while."""
    when = timezone.now() + backoff(min(max(reply.attempts_made.count(), 1), 4))
    Reply.objects.filter(pk=reply.pk, status=R.UNCONFIRMED).update(
        last_error=detail[:2000], next_attempt_at=when, updated_at=timezone.now()
    )
