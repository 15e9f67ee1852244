"""A fault drill: publish many posts through an adapter and its fake while the fake injects every
kind of fault, handling each error the way the outbox contract says (retry Transient and
RateLimited without waiting, refresh on AuthExpired, reconcile on UnknownOutcome and re-send only
when reconciliation finds nothing, give up on Permanent). The tests then check the fake holds each
post exactly once; ``delivery`` may reuse it.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from herald.channels.adapters.base import (
    Adapter,
    AuthExpired,
    Connection,
    OutgoingPost,
    Permanent,
    Published,
    RateLimited,
    Transient,
    UnknownOutcome,
)
from herald.channels.fakes._base import FaultPlan

FAULT_CYCLE = (
    "server_error",
    "timeout_after_accept",
    None,
    "rate_limited",
    "token_expired",
    "connect_error",
    None,
)


@dataclass
class DrillReport:
    published: list[Published] = field(default_factory=list)
    failed: list[tuple[OutgoingPost, str]] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    reconciled: int = 0
    connection: Connection | None = None


def drill(
    adapter: Adapter,
    connection: Connection,
    posts: Sequence[OutgoingPost],
    faults: FaultPlan,
    *,
    path: str,
    method: str = "POST",
    max_attempts: int = 8,
) -> DrillReport:
    report = DrillReport()
    cycle = itertools.cycle(FAULT_CYCLE)
    for post in posts:
        kind = next(cycle)
        if kind is not None:
            faults.add(kind, path=path, method=method)
        for _ in range(max_attempts):
            try:
                report.published.append(adapter.publish(connection, post))
                break
            except (Transient, RateLimited) as error:
                report.errors[type(error).__name__] = report.errors.get(type(error).__name__, 0) + 1
            except AuthExpired:
                report.errors["AuthExpired"] = report.errors.get("AuthExpired", 0) + 1
                refreshed = adapter.refresh(connection)
                connection = dataclasses.replace(connection, credentials=refreshed.credentials)
            except UnknownOutcome:
                report.errors["UnknownOutcome"] = report.errors.get("UnknownOutcome", 0) + 1
                found = adapter.find_published(connection, post)
                if found is not None:
                    report.reconciled += 1
                    report.published.append(found)
                    break
            except Permanent as error:
                report.failed.append((post, error.detail))
                break
        else:
            report.failed.append((post, "gave up"))
    report.connection = connection
    return report
