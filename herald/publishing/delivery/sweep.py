"""The sweep: every due delivery goes to its network exactly once, and none is lost silently.

One pass (``publish_due``):

1. **Leases.** A delivery left PUBLISHING longer than ``LEASE`` (its worker died mid-call) is
   never re-sent blindly: it becomes UNCONFIRMED and is reconciled like a timeout.
2. **Reconcile.** Each UNCONFIRMED delivery whose time has come is read back from the network
   (``adapter.find_published``): found → PUBLISHED with the network's id; not there → PENDING
   again (the re-send is knowing, and carries the same idempotency key, so Mastodon's
   Idempotency-Key and Bluesky's record key make even that safe).
3. **Claim and send.** Each PENDING delivery due now, on a connection that is not rate limited,
   is claimed with one conditional UPDATE (PENDING → PUBLISHING, with a claim token): of any
   number of workers exactly one wins. Holds are checked again, then the adapter is called with
   no database transaction open. Every call is recorded as a ``DeliveryAttempt``, and the outcome
   moves the delivery through the transition table:

   - published → PUBLISHED (remote id, URL, time; the first comment follows on networks that
     take one);
   - ``Transient`` → PENDING after a backoff with jitter (30 s, 2 min, 10 min, 30 min), FAILED
     with the reason after ``MAX_ATTEMPTS``;
   - ``RateLimited`` → PENDING after the network's Retry-After, and the connection waits too;
   - ``AuthExpired`` → the credentials are refreshed once and the call made again; if the
     network refuses the refresh: FAILED and the connection EXPIRED (a person reconnects);
   - ``Permanent`` → FAILED with the network's reason;
   - ``UnknownOutcome`` → UNCONFIRMED and reconciled at once (step 2).

The post's status follows its deliveries (``aggregate``).
"""

from __future__ import annotations

import datetime
import logging
import os
import random
import socket
import time
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM, record
from herald.channels import clients
from herald.channels import services as channel_services
from herald.channels.adapters.base import (
    Adapter,
    AdapterError,
    AuthExpired,
    OutgoingMedia,
    OutgoingPost,
    Permanent,
    Published,
    RateLimited,
    Transient,
)
from herald.channels.models import ChannelConnection
from herald.core.logging import request_id_var
from herald.core.transitions import StatusChangedMeanwhile, move_status
from herald.publishing.delivery import outbox
from herald.publishing.delivery.holds import holding
from herald.publishing.models import (
    Delivery,
    DeliveryAttempt,
    DeliveryStatusChange,
    Hold,
    Post,
    PostStatusChange,
    VariantMedia,
)
from herald.publishing.workflow import can_move_post

logger = logging.getLogger(__name__)

D = Delivery.Status
P = Post.Status
O = DeliveryAttempt.Outcome  # noqa: E741
C = ChannelConnection.Status

ACTOR = "Herald (publishing sweep)"
LEASE = datetime.timedelta(minutes=5)
# Waits after a transient error, by the number of attempts made so far (then FAILED).
BACKOFF_SECONDS = (30, 120, 600, 1800)
MAX_ATTEMPTS = 5
# Rate limits and reconciliations do not use up attempts, but nothing retries for ever.
MAX_CALLS = 15
JITTER = 0.2
# Deliveries claimed and recorded together (one UPDATE claims the lot; each still exactly once).
BATCH = 200
SENDABLE_POSTS = (P.SCHEDULED, P.PUBLISHING, P.HELD, P.FAILED, P.UNCONFIRMED)


@dataclass
class SweepReport:
    claimed: int = 0
    published: int = 0
    retrying: int = 0
    rate_limited: int = 0
    failed: int = 0
    unconfirmed: int = 0
    reconciled_found: int = 0
    reconciled_missing: int = 0
    held: int = 0
    lease_expired: int = 0
    lost_claims: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["errors"] = self.errors[:20]
        return data


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def backoff(attempts: int, *, rng: random.Random | None = None) -> datetime.timedelta:
    """How long to wait after the ``attempts``-th transient failure, with ±20% jitter."""
    base = BACKOFF_SECONDS[min(max(attempts, 1), len(BACKOFF_SECONDS)) - 1]
    spread = (rng or random).uniform(1 - JITTER, 1 + JITTER)
    return datetime.timedelta(seconds=base * spread)


class _Adapters:
    """One adapter (and HTTP client) per network and address for the length of a sweep."""

    def __init__(self) -> None:
        self._made: dict[tuple[str, str], Adapter] = {}

    def get(self, connection: ChannelConnection) -> Adapter:
        key = (connection.network, connection.base_url)
        if key not in self._made:
            self._made[key] = clients.adapter(connection.network, base_url=connection.base_url)
        return self._made[key]


def publish_due(
    now: datetime.datetime | None = None,
    *,
    limit: int | None = None,
    worker: str | None = None,
) -> SweepReport:
    """One pass of the sweep (see the module's docstring). Safe to run in any number of
    workers at once."""
    now = now or timezone.now()
    worker = worker or worker_name()
    report = SweepReport()
    adapters = _Adapters()
    expire_leases(now=now, report=report)
    reconcile_due(now=now, report=report, adapters=adapters)
    ids = due_ids(now=now, limit=limit)
    batches = [ids[start : start + BATCH] for start in range(0, len(ids), BATCH)]
    # Workers sweeping at once start at different batches, so they claim different rows rather
    # than racing for the same ones (each row is still claimed exactly once either way).
    if len(batches) > 1:
        turn = random.randrange(len(batches))  # noqa: S311 - spreading work, not security
        batches = batches[turn:] + batches[:turn]
    for number, batch in enumerate(batches):
        try:
            left = send_batch(
                batch,
                now=now,
                worker=f"{worker}:{number}",
                report=report,
                adapters=adapters,
            )
        except Exception as error:
            logger.exception("A batch of deliveries could not be processed")
            report.errors.append(f"batch: {type(error).__name__}")
            left = batch
        for delivery_id in left:
            try:
                send_one(delivery_id, now=now, worker=worker, report=report, adapters=adapters)
            except Exception as error:  # one bad delivery must not stop the others
                logger.exception("Delivery %s could not be processed", delivery_id)
                report.errors.append(f"{delivery_id}: {type(error).__name__}")
    return report


def next_due_at(*, now: datetime.datetime) -> datetime.datetime | None:
    """When the next PENDING delivery falls due (on a connection not rate limited)."""
    rate_limited = ChannelConnection.objects.filter(rate_limited_until__gt=now).values("account_id")
    found: datetime.datetime | None = (
        Delivery.objects.filter(status=D.PENDING)
        .exclude(account_id__in=rate_limited)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    return found


def publish_for(seconds: float, *, worker: str | None = None) -> SweepReport:
    """Sweep now, then keep sweeping as posts fall due over the next ``seconds`` (sleeping until
    each is due), so a post goes out on time rather than at the next periodic run. Returns the
    reports added up. Returns at once when nothing is due in the window."""
    deadline = time.monotonic() + seconds
    worker = worker or worker_name()
    total = SweepReport()
    while True:
        report = publish_due(worker=worker)
        for name, value in report.as_dict().items():
            if isinstance(value, int):
                setattr(total, name, getattr(total, name) + value)
        total.errors.extend(report.errors)
        left = deadline - time.monotonic()
        if left <= 0:
            return total
        now = timezone.now()
        upcoming = next_due_at(now=now)
        if upcoming is None:
            return total
        wait = (upcoming - now).total_seconds()
        if wait > left:
            return total
        if wait > 0:
            time.sleep(min(wait, left))


def due_ids(*, now: datetime.datetime, limit: int | None = None) -> list[int]:
    """PENDING deliveries due now, oldest first, skipping connections still rate limited."""
    rate_limited = ChannelConnection.objects.filter(rate_limited_until__gt=now).values("account_id")
    due = (
        Delivery.objects.filter(status=D.PENDING, next_attempt_at__lte=now)
        .exclude(account_id__in=rate_limited)
        .order_by("next_attempt_at", "id")
        .values_list("id", flat=True)
    )
    return list(due[:limit] if limit else due)


# -- claiming and sending ---------------------------------------------------------------------


def claim(delivery: Delivery, *, worker: str, now: datetime.datetime) -> bool:
    """PENDING → PUBLISHING with one conditional UPDATE. True only for the one worker that won."""
    try:
        outbox.move(
            delivery,
            D.PUBLISHING,
            actor_user=None,
            actor_label=ACTOR,
            note=f"claimed by {worker}",
            claimed_at=timezone.now(),
            claimed_by=worker,
            attempts=delivery.attempts + 1,
        )
    except StatusChangedMeanwhile:
        return False
    _post_moves(delivery.variant.post_id, P.PUBLISHING, note="Publishing started")
    return True


def send_one(
    delivery_id: int,
    *,
    now: datetime.datetime,
    worker: str,
    report: SweepReport,
    adapters: _Adapters,
) -> None:
    delivery = (
        Delivery.objects.select_related("variant", "variant__post", "account")
        .filter(pk=delivery_id, status=D.PENDING, next_attempt_at__lte=now)
        .first()
    )
    if delivery is None:
        return  # another worker took it, or it was held or cancelled meanwhile
    post = delivery.variant.post
    if post.status not in SENDABLE_POSTS:
        # Withdrawn or taken back to draft without the outbox being told: never publish it.
        outbox.move(
            delivery,
            D.CANCELLED,
            actor_user=None,
            actor_label=ACTOR,
            note=f"The post is {post.get_status_display().lower()}, so it was not sent.",
        )
        return
    if not claim(delivery, worker=worker, now=now):
        report.lost_claims += 1
        return
    report.claimed += 1
    hold = holding(post, delivery.account_id, timezone.now())
    if hold is not None:
        _hold(delivery, post, hold, report)
        return
    connection = ChannelConnection.objects.filter(account_id=delivery.account_id).first()
    reason = _cannot_send(connection)
    if reason or connection is None:
        _record(delivery, O.PERMANENT, timezone.now(), detail=reason)
        _finish(delivery, D.FAILED, report, last_error=reason, note=reason)
        return
    if connection.rate_limited_until and connection.rate_limited_until > now:
        # Rate limited since the due list was read: give the claim back, no call made.
        _finish(
            delivery,
            D.PENDING,
            report,
            note="The network's rate limit has not reset yet",
            next_attempt_at=connection.rate_limited_until,
            attempts=max(delivery.attempts - 1, 0),
        )
        report.rate_limited += 1
        return
    outgoing = outgoing_post(delivery)
    _call_network(delivery, connection, outgoing, report, adapters, refreshed=False)


def _cannot_send(connection: ChannelConnection | None) -> str:
    if connection is None or connection.status == C.DISCONNECTED:
        return "The account is not connected to Herald: connect it, then publish again."
    if connection.status == C.EXPIRED:
        return "The account's credentials have expired: reconnect it, then publish again."
    return ""


def outgoing_post(delivery: Delivery, uses: list[VariantMedia] | None = None) -> OutgoingPost:
    variant = delivery.variant
    media = []
    if uses is None:
        uses = list(variant.media.select_related("item", "item__captions").order_by("position"))
    for use in uses:
        item = use.item
        media.append(
            OutgoingMedia(
                kind=item.kind,
                path=item.file.name or "",
                content_type=item.content_type,
                size_bytes=item.size_bytes,
                alt_text=use.alt_text or item.alt_text,
                width=item.width,
                height=item.height,
                duration_seconds=item.duration_seconds,
                captions_path=(item.captions.file.name or "") if item.captions else "",
            )
        )
    return OutgoingPost(
        text=variant.text,
        idempotency_key=str(delivery.idempotency_key),
        link=variant.link,
        media=tuple(media),
        first_comment=variant.first_comment,
        video_title=variant.video_title,
    )


def _call_network(
    delivery: Delivery,
    connection: ChannelConnection,
    outgoing: OutgoingPost,
    report: SweepReport,
    adapters: _Adapters,
    *,
    refreshed: bool,
) -> None:
    adapter = adapters.get(connection)
    started = timezone.now()
    # No transaction is open here: the network call never holds a database lock.
    try:
        published = adapter.publish(channel_services.as_connection(connection), outgoing)
    except Exception as error:
        _on_error(
            delivery,
            connection,
            outgoing,
            error,
            started=started,
            report=report,
            adapters=adapters,
            refreshed=refreshed,
        )
        return
    _note_rate_limit(connection, adapter)
    detail = _comment_note(outgoing, published)
    _record(delivery, O.PUBLISHED, started, detail=detail)
    _published(delivery, published, report, note=detail)


def _comment_note(outgoing: OutgoingPost, published: Published) -> str:
    if outgoing.first_comment and not published.first_comment_remote_id:
        return "Published; the first comment could not be posted."
    return ""


def _on_error(
    delivery: Delivery,
    connection: ChannelConnection,
    outgoing: OutgoingPost,
    error: Exception,
    *,
    started: datetime.datetime,
    report: SweepReport,
    adapters: _Adapters,
    refreshed: bool,
) -> None:
    """What a failed call means for the delivery (one at a time: errors are the rare case)."""
    if isinstance(error, RateLimited):
        _record(delivery, O.RATE_LIMITED, started, error=error)
        wait = datetime.timedelta(seconds=max(error.retry_after, 1.0))
        until = timezone.now() + wait
        channel_services.rate_limited(connection_id=connection.pk, until=until)
        connection.rate_limited_until = until
        _retry_or_fail(delivery, report, error.detail, at=until, counts=False)
        report.rate_limited += 1
    elif isinstance(error, AuthExpired):
        _record(delivery, O.AUTH, started, error=error)
        if refreshed:
            # Refused again straight after a refresh that worked: not the credentials' fault as
            # far as Herald can tell; try again later (a limited number of times).
            detail = f"Refused right after a refresh: {error.detail}"
            _retry_or_fail(delivery, report, detail, at=None, counts=True)
            return
        renewed = _renew(connection, used=outgoing)
        if renewed is not None:
            _call_network(delivery, renewed, outgoing, report, adapters, refreshed=True)
            return
        reason = f"The network refused the account's credentials ({error.detail}): reconnect it."
        connection.refresh_from_db()
        channel_services.mark_expired(connection=connection, detail=error.detail)
        _finish(delivery, D.FAILED, report, last_error=reason, note=reason)
    elif isinstance(error, Transient):
        _record(delivery, O.TRANSIENT, started, error=error)
        _retry_or_fail(delivery, report, error.detail, at=None, counts=True)
    elif isinstance(error, Permanent):
        _record(delivery, O.PERMANENT, started, error=error)
        _finish(delivery, D.FAILED, report, last_error=error.detail, note=error.detail)
    else:
        # UnknownOutcome, or an adapter bug or library error after the request may have gone:
        # never re-send blindly; read back instead.
        if isinstance(error, AdapterError):
            detail = error.detail
            _record(delivery, O.UNKNOWN, started, error=error)
        else:
            logger.exception("Unexpected error publishing delivery %s", delivery.pk)
            detail = f"Unexpected error while publishing: {type(error).__name__}"
            _record(delivery, O.UNKNOWN, started, detail=detail)
        _finish(delivery, D.UNCONFIRMED, report, last_error=detail, note=detail)
        report.unconfirmed += 1
        reconcile(delivery, report=report, adapters=adapters)


def _renew(connection: ChannelConnection, *, used: OutgoingPost) -> ChannelConnection | None:
    """Fresh credentials: someone else's refresh if one happened meanwhile, else refresh once."""
    before = connection.credentials
    connection.refresh_from_db()
    if connection.status in (C.EXPIRED, C.DISCONNECTED):
        return None
    if connection.credentials != before:
        return connection  # another worker refreshed already: use its credentials
    if channel_services.refresh(connection=connection):
        return connection
    return None


def _note_rate_limit(connection: ChannelConnection, adapter: Adapter) -> None:
    """Headers said nothing is left until the reset: wait for it before the next call."""
    try:
        state = adapter.last_rate_limit()
    except Exception:
        return
    if state.remaining is not None and state.remaining <= 0 and state.reset_at is not None:
        channel_services.rate_limited(connection_id=connection.pk, until=state.reset_at)


def _retry_or_fail(
    delivery: Delivery,
    report: SweepReport,
    detail: str,
    *,
    at: datetime.datetime | None,
    counts: bool,
) -> None:
    transient = delivery.attempts_made.filter(outcome__in=[O.TRANSIENT, O.UNKNOWN]).count()
    calls = delivery.attempts_made.count()
    if (counts and transient >= MAX_ATTEMPTS) or calls >= MAX_CALLS:
        reason = f"Gave up after {calls} attempts; the last error was: {detail}"
        _finish(delivery, D.FAILED, report, last_error=reason, note=reason)
        return
    when = at or timezone.now() + backoff(transient)
    _finish(
        delivery,
        D.PENDING,
        report,
        last_error=detail,
        note=f"Will try again at {when:%H:%M:%S}: {detail}",
        next_attempt_at=when,
    )
    if counts:
        report.retrying += 1


def _record(
    delivery: Delivery,
    outcome: str,
    started: datetime.datetime,
    *,
    error: AdapterError | None = None,
    detail: str = "",
) -> None:
    number = DeliveryAttempt.objects.filter(delivery=delivery).count() + 1
    DeliveryAttempt.objects.create(
        delivery=delivery,
        number=number,
        started_at=started,
        finished_at=timezone.now(),
        outcome=outcome,
        http_status=error.http_status if error is not None else None,
        retry_after_seconds=(int(error.retry_after) if isinstance(error, RateLimited) else None),
        detail=(error.detail if error is not None else detail)[:2000],
    )


def _published(delivery: Delivery, published: Published, report: SweepReport, note: str) -> None:
    moment = published.published_at or timezone.now()
    fields = {
        "remote_id": published.remote_id[:300],
        "remote_url": published.url[:1000],
        "first_comment_remote_id": published.first_comment_remote_id[:300],
        "published_at": moment,
        "last_error": note,
    }
    try:
        _finish(delivery, D.PUBLISHED, report, note=note or "Published", **fields)
    except StatusChangedMeanwhile:
        # The lease ran out while this worker waited (it is UNCONFIRMED now): the network's
        # answer still counts.
        delivery.refresh_from_db()
        if delivery.status != D.UNCONFIRMED:
            raise
        _finish(delivery, D.PUBLISHED, report, note="Published (answer arrived late)", **fields)
    report.published += 1


def _finish(
    delivery: Delivery, to_status: str, report: SweepReport, *, note: str = "", **fields: Any
) -> None:
    """Move the delivery on, then its post to follow its deliveries."""
    if to_status == D.FAILED:
        report.failed += 1
    if to_status != D.PUBLISHING:
        fields.setdefault("claimed_by", "")
    outbox.move(delivery, to_status, actor_user=None, actor_label=ACTOR, note=note[:2000], **fields)
    aggregate(delivery.variant.post_id)


def _hold(delivery: Delivery, post: Post, hold: Any, report: SweepReport) -> None:
    note = f"Held: {hold}"
    outbox.move(delivery, D.PENDING, actor_user=None, actor_label=ACTOR, note=note, claimed_by="")
    outbox.move(delivery, D.HELD, actor_user=None, actor_label=ACTOR, note=note)
    report.held += 1
    _post_moves(post.pk, P.HELD, note=note, held_by=hold)


# -- the post follows its deliveries ------------------------------------------------------------


def aggregate(post_id: int) -> str | None:
    """Move the post to the status its deliveries add up to; returns it (None: no change)."""
    statuses = set(
        Delivery.objects.filter(variant__post_id=post_id)
        .exclude(status=D.CANCELLED)
        .values_list("status", flat=True)
    )
    target = _target(statuses)
    if target is None:
        return None
    extra: dict[str, Any] = {}
    if target == P.PUBLISHED:
        extra["published_at"] = timezone.now()
    moved = _post_moves(post_id, target, note="Follows its deliveries", **extra)
    return target if moved else None


def _target(statuses: set[str]) -> str | None:
    """The post status its deliveries' statuses add up to."""
    if statuses and statuses <= {D.PUBLISHED, D.DELETED}:
        return P.PUBLISHED
    # The first that applies, in this order.
    for among, target in (
        ({D.PENDING, D.PUBLISHING}, P.PUBLISHING),
        ({D.UNCONFIRMED}, P.UNCONFIRMED),
        ({D.FAILED}, P.FAILED),
        ({D.HELD}, P.HELD),
    ):
        if statuses & among:
            return target
    return None


def _post_moves(post_id: int, to_status: str, *, note: str, **fields: Any) -> bool:
    """Move the post if the table allows it (several workers may race: the loser re-reads)."""
    for _ in range(5):
        post = Post.objects.filter(pk=post_id).first()
        if post is None or post.status == to_status:
            return False
        if not can_move_post(post.status, to_status):
            # A post whose delivery was claimed before it moved (or recovered from a dead
            # worker) goes through PUBLISHING, as the table has it.
            if to_status != P.PUBLISHING and can_move_post(post.status, P.PUBLISHING):
                _post_moves(post_id, P.PUBLISHING, note="Publishing started")
                continue
            return False
        try:
            with transaction.atomic():
                move_status(
                    obj=post,
                    to_status=to_status,
                    history=PostStatusChange,
                    actor_user=None,
                    actor_label=ACTOR,
                    note=note,
                    status_changed_at=timezone.now(),
                    **fields,
                )
                if to_status in (P.PUBLISHED, P.FAILED, P.UNCONFIRMED, P.HELD):
                    record(
                        council=post.council,
                        actor=SYSTEM,
                        action=f"publishing.post_{to_status}",
                        summary=f"{post.title}: {post.get_status_display().lower()}",
                        target=post,
                        changes={"status": [_before(post), to_status]},
                    )
        except StatusChangedMeanwhile:
            continue
        return True
    return False


def _before(post: Post) -> str:
    change = post.status_changes.order_by("-id").first()
    return change.from_status if change else ""


# -- leases and reconciliation ------------------------------------------------------------------


def expire_leases(*, now: datetime.datetime, report: SweepReport) -> None:
    """A delivery claimed longer ago than the lease: its worker died mid-publish. It may or may
    not have reached the network, so it becomes UNCONFIRMED (reconciled next), never re-sent."""
    stale = Delivery.objects.filter(status=D.PUBLISHING, claimed_at__lt=now - LEASE)
    for delivery in stale.select_related("variant"):
        note = f"The worker {delivery.claimed_by or '?'} stopped mid-publish (lease expired)"
        try:
            _finish(
                delivery,
                D.UNCONFIRMED,
                report,
                note=note,
                last_error=note,
                next_attempt_at=timezone.now(),
            )
        except StatusChangedMeanwhile:
            continue
        report.lease_expired += 1
        report.unconfirmed += 1


def reconcile_due(*, now: datetime.datetime, report: SweepReport, adapters: _Adapters) -> None:
    due = Delivery.objects.filter(status=D.UNCONFIRMED).filter(
        Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True)
    )
    for delivery in due.select_related("variant", "variant__post", "account"):
        try:
            reconcile(delivery, report=report, adapters=adapters)
        except Exception as error:
            logger.exception("Delivery %s could not be reconciled", delivery.pk)
            report.errors.append(f"{delivery.pk}: {type(error).__name__}")


def reconcile(  # noqa: PLR0911 - each outcome of a read-back ends here
    delivery: Delivery, *, report: SweepReport, adapters: _Adapters
) -> None:
    """Read back an UNCONFIRMED delivery: PUBLISHED if the network has it, PENDING if not.
    If the network cannot be read now, it stays UNCONFIRMED and is tried again later."""
    connection = ChannelConnection.objects.filter(account_id=delivery.account_id).first()
    if connection is None or _cannot_send(connection):
        detail = _cannot_send(connection) + " Herald could not check whether it was published."
        _later(delivery, detail)
        return
    adapter = adapters.get(connection)
    outgoing = outgoing_post(delivery)
    started = timezone.now()
    try:
        found = adapter.find_published(channel_services.as_connection(connection), outgoing)
    except AdapterError as error:
        _record(delivery, O.UNKNOWN, started, detail=f"Reading back failed: {error.detail}")
        _later(delivery, f"Reading back failed: {error.detail}")
        return
    if found is not None:
        _record(delivery, O.RECONCILED_FOUND, started, detail=f"Found as {found.remote_id}")
        try:
            _published(delivery, found, report, note="Found on the network by reading back")
        except StatusChangedMeanwhile:
            return  # another reconciler got there first
        report.reconciled_found += 1
        return
    _record(delivery, O.RECONCILED_MISSING, started, detail="Not on the network")
    report.reconciled_missing += 1
    transient = delivery.attempts_made.filter(outcome__in=[O.TRANSIENT, O.UNKNOWN]).count()
    if transient >= MAX_ATTEMPTS or delivery.attempts_made.count() >= MAX_CALLS:
        reason = (
            f"Read back and not on the network after {transient} uncertain attempts: "
            "not sent again. Publish it again by hand if it should go out."
        )
        try:
            _finish(delivery, D.FAILED, report, last_error=reason, note=reason)
        except StatusChangedMeanwhile:
            return
        return
    when = timezone.now() + backoff(max(transient, 1))
    try:
        _finish(
            delivery,
            D.PENDING,
            report,
            note="Read back and not on the network: it will be sent again with the same "
            "idempotency key",
            next_attempt_at=when,
        )
    except StatusChangedMeanwhile:
        return


def _later(delivery: Delivery, detail: str) -> None:
    """Stay UNCONFIRMED (with the reason) and read back again after a while."""
    checks = delivery.attempts_made.count()
    when = timezone.now() + backoff(min(max(checks, 1), len(BACKOFF_SECONDS)))
    Delivery.objects.filter(pk=delivery.pk, status=D.UNCONFIRMED).update(
        last_error=detail[:2000], next_attempt_at=when, updated_at=timezone.now()
    )


# -- the batch path: many due deliveries claimed, sent and recorded with few queries -------------


def send_batch(
    ids: list[int],
    *,
    now: datetime.datetime,
    worker: str,
    report: SweepReport,
    adapters: _Adapters,
) -> list[int]:
    """Claim ``ids`` with one conditional UPDATE (PENDING → PUBLISHING, with this batch's claim
    token: each row moves once, so each delivery is claimed by exactly one worker), send each,
    and record the successes together. Errors are handled one by one as in ``send_one``.
    Returns the ids this batch did not claim (for ``send_one`` to look at)."""
    moment = timezone.now()
    Delivery.objects.filter(
        pk__in=ids,
        status=D.PENDING,
        next_attempt_at__lte=now,
        variant__post__status__in=SENDABLE_POSTS,
    ).update(
        status=D.PUBLISHING,
        claimed_by=worker,
        claimed_at=moment,
        attempts=F("attempts") + 1,
        updated_at=moment,
    )
    claimed = list(
        Delivery.objects.filter(pk__in=ids, status=D.PUBLISHING, claimed_by=worker)
        .select_related("variant", "variant__post", "account")
        .order_by("next_attempt_at", "id")
    )
    if not claimed:
        return list(
            Delivery.objects.filter(pk__in=ids, status=D.PENDING).values_list("pk", flat=True)
        )
    report.claimed += len(claimed)
    DeliveryStatusChange.objects.bulk_create(
        DeliveryStatusChange(
            delivery=delivery,
            from_status=D.PENDING,
            to_status=D.PUBLISHING,
            actor=None,
            actor_label=ACTOR,
            note=f"claimed by {worker}",
        )
        for delivery in claimed
    )
    posts = {delivery.variant.post_id: delivery.variant.post for delivery in claimed}
    _posts_to_publishing(posts)

    held_councils = set(
        Hold.objects.filter(
            council_id__in={d.council_id for d in claimed}, status=Hold.Status.ACTIVE
        ).values_list("council_id", flat=True)
    )
    connections = {
        c.account_id: c
        for c in ChannelConnection.objects.filter(account_id__in={d.account_id for d in claimed})
    }
    uses: dict[int, list[VariantMedia]] = {}
    for use in (
        VariantMedia.objects.filter(variant_id__in=[d.variant_id for d in claimed])
        .select_related("item", "item__captions")
        .order_by("position")
    ):
        uses.setdefault(use.variant_id, []).append(use)

    done: list[tuple[Delivery, Published, datetime.datetime, datetime.datetime, str]] = []
    for delivery in claimed:
        post = posts[delivery.variant.post_id]
        if delivery.council_id in held_councils:
            hold = holding(post, delivery.account_id, timezone.now())
            if hold is not None:
                _hold(delivery, post, hold, report)
                continue
        connection = connections.get(delivery.account_id)
        reason = _cannot_send(connection)
        if reason or connection is None:
            _record(delivery, O.PERMANENT, timezone.now(), detail=reason)
            _finish(delivery, D.FAILED, report, last_error=reason, note=reason)
            continue
        if connection.rate_limited_until and connection.rate_limited_until > timezone.now():
            _finish(
                delivery,
                D.PENDING,
                report,
                note="The network's rate limit has not reset yet",
                next_attempt_at=connection.rate_limited_until,
                attempts=max(delivery.attempts - 1, 0),
            )
            report.rate_limited += 1
            continue
        outgoing = outgoing_post(delivery, uses.get(delivery.variant_id, []))
        adapter = adapters.get(connection)
        started = timezone.now()
        try:
            published = adapter.publish(channel_services.as_connection(connection), outgoing)
        except Exception as error:
            _on_error(
                delivery,
                connection,
                outgoing,
                error,
                started=started,
                report=report,
                adapters=adapters,
                refreshed=False,
            )
            continue
        state = adapter.last_rate_limit()
        if state.remaining is not None and state.remaining <= 0 and state.reset_at is not None:
            channel_services.rate_limited(connection_id=connection.pk, until=state.reset_at)
            connection.rate_limited_until = state.reset_at
        answered = timezone.now()
        done.append((delivery, published, started, answered, _comment_note(outgoing, published)))
    _record_published(done, worker=worker, report=report)
    aggregate_many(list(posts))
    # What this batch did not claim and is still waiting (not claimed by another worker): a post
    # that is no longer sendable, which ``send_one`` cancels.
    unclaimed = [i for i in ids if i not in {d.pk for d in claimed}]
    if not unclaimed:
        return []
    return list(
        Delivery.objects.filter(pk__in=unclaimed, status=D.PENDING).values_list("pk", flat=True)
    )


def _posts_to_publishing(posts: dict[int, Post]) -> None:
    moment = timezone.now()
    by_status: dict[str, list[int]] = {}
    for post in posts.values():
        if post.status != P.PUBLISHING and can_move_post(post.status, P.PUBLISHING):
            by_status.setdefault(post.status, []).append(post.pk)
    for from_status, post_ids in by_status.items():
        moved = Post.objects.filter(pk__in=post_ids, status=from_status).update(
            status=P.PUBLISHING, status_changed_at=moment, updated_at=moment
        )
        ours = post_ids
        if moved != len(post_ids):  # someone moved some meanwhile: history for ours only
            ours = _moved_by_us(post_ids, P.PUBLISHING, moment)
        PostStatusChange.objects.bulk_create(
            PostStatusChange(
                post_id=post_id,
                from_status=from_status,
                to_status=P.PUBLISHING,
                actor=None,
                actor_label=ACTOR,
                note="Publishing started",
            )
            for post_id in ours
        )
        for post_id in ours:
            posts[post_id].status = P.PUBLISHING
        for post in posts.values():  # the ones another worker moved: re-read
            if post.status == from_status and post.pk in post_ids:
                post.refresh_from_db()


def _record_published(
    done: list[tuple[Delivery, Published, datetime.datetime, datetime.datetime, str]],
    *,
    worker: str,
    report: SweepReport,
) -> None:
    if not done:
        return
    finished = timezone.now()
    previous = dict(
        DeliveryAttempt.objects.filter(delivery_id__in=[d.pk for d, *_ in done])
        .values("delivery_id")
        .annotate(n=Count("id"))
        .values_list("delivery_id", "n")
    )
    DeliveryAttempt.objects.bulk_create(
        DeliveryAttempt(
            delivery=delivery,
            number=previous.get(delivery.pk, 0) + 1,
            started_at=started,
            finished_at=answered,
            outcome=O.PUBLISHED,
            detail=note,
        )
        for delivery, _, started, answered, note in done
    )
    # One statement run for every row (Django's bulk_update builds a CASE per field per row,
    # which costs more than the network calls); only rows this batch still holds are changed (a
    # lease that ran out meanwhile made the row UNCONFIRMED).
    ops = connection.ops
    table = Delivery._meta.db_table
    sql = (
        f"UPDATE {ops.quote_name(table)} SET status = %s, remote_id = %s, remote_url = %s, "  # noqa: S608 - our table name; values are parameters
        "first_comment_remote_id = %s, published_at = %s, last_error = %s, claimed_by = '', "
        "updated_at = %s WHERE id = %s AND status = %s AND claimed_by = %s"
    )
    saved_at = ops.adapt_datetimefield_value(finished)
    rows = [
        (
            D.PUBLISHED,
            published.remote_id[:300],
            published.url[:1000],
            published.first_comment_remote_id[:300],
            ops.adapt_datetimefield_value(published.published_at or answered),
            note,
            saved_at,
            delivery.pk,
            D.PUBLISHING,
            worker,
        )
        for delivery, published, _, answered, note in done
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    recorded = set(
        Delivery.objects.filter(
            pk__in=[d.pk for d, *_ in done], status=D.PUBLISHED, updated_at=finished
        ).values_list("pk", flat=True)
    )
    DeliveryStatusChange.objects.bulk_create(
        DeliveryStatusChange(
            delivery=delivery,
            from_status=D.PUBLISHING,
            to_status=D.PUBLISHED,
            actor=None,
            actor_label=ACTOR,
            note=note or "Published",
        )
        for delivery, _, _, _, note in done
        if delivery.pk in recorded
    )
    report.published += len(recorded)
    for delivery, published, _, _, note in done:
        if delivery.pk not in recorded:  # the slow way, which copes with the lease case
            delivery.refresh_from_db()
            if delivery.status in (D.PUBLISHING, D.UNCONFIRMED):
                _published(delivery, published, report, note=note)


def aggregate_many(post_ids: list[int]) -> None:
    """``aggregate`` for many posts with a handful of queries."""
    if not post_ids:
        return
    found: dict[int, set[str]] = {}
    for post_id, status in (
        Delivery.objects.filter(variant__post_id__in=post_ids)
        .exclude(status=D.CANCELLED)
        .values_list("variant__post_id", "status")
    ):
        found.setdefault(post_id, set()).add(status)
    posts = {
        post.pk: post
        for post in Post.objects.filter(pk__in=post_ids).only(
            "id", "public_id", "status", "title", "council_id"
        )
    }
    moves: dict[tuple[str, str], list[int]] = {}
    for post_id, statuses in found.items():
        target = _target(statuses)
        post = posts.get(post_id)
        if target is None or post is None or post.status == target:
            continue
        if can_move_post(post.status, target):
            moves.setdefault((post.status, target), []).append(post_id)
        else:
            aggregate(post_id)  # the slow way (through PUBLISHING)
    moment = timezone.now()
    for (from_status, to_status), ids in moves.items():
        extra: dict[str, Any] = {"published_at": moment} if to_status == P.PUBLISHED else {}
        moved = Post.objects.filter(pk__in=ids, status=from_status).update(
            status=to_status, status_changed_at=moment, updated_at=moment, **extra
        )
        ours = ids
        if moved != len(ids):  # someone moved some meanwhile: history for ours only
            ours = _moved_by_us(ids, to_status, moment)
        PostStatusChange.objects.bulk_create(
            PostStatusChange(
                post_id=post_id,
                from_status=from_status,
                to_status=to_status,
                actor=None,
                actor_label=ACTOR,
                note="Follows its deliveries",
            )
            for post_id in ours
        )
        if to_status in (P.PUBLISHED, P.FAILED, P.UNCONFIRMED, P.HELD):
            _audit_many([posts[i] for i in ours], from_status, to_status)


def _moved_by_us(ids: list[int], status: str, moment: datetime.datetime) -> list[int]:
    """Of ``ids``, the posts this UPDATE moved (it stamped them with ``moment``)."""
    return list(
        Post.objects.filter(pk__in=ids, status=status, status_changed_at=moment).values_list(
            "pk", flat=True
        )
    )


def _audit_many(posts: list[Post], from_status: str, to_status: str) -> None:
    """The audit events ``record`` would write, one per post, in one INSERT."""
    label = P(to_status).label.lower()
    AuditEvent.objects.bulk_create(
        AuditEvent(
            council_id=post.council_id,
            actor=None,
            actor_label=SYSTEM.display[:200],
            action=f"publishing.post_{to_status}",
            target_type=Post._meta.label_lower,
            target_id=str(post.public_id),
            target_label=str(post)[:300],
            summary=f"{post.title}: {label}"[:500],
            changes={"status": [from_status, to_status]},
            request_id=request_id_var.get(),
            ip_address=None,
        )
        for post in posts
    )
