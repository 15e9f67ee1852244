"""Whether a hold stops a delivery right now (checked just before the network is called).

Which holds are in force comes from ``herald.publishing.selectors.active_holds``, the same answer
the pages and the services use.
"""

from __future__ import annotations

import datetime

from herald.publishing.models import Hold, Post, SignOff
from herald.publishing.selectors import active_holds

H = Hold.Kind


def holding(post: Post, account_id: int, at: datetime.datetime) -> Hold | None:
    """The hold keeping this post from this account now, or None if it may go."""
    # Cheap first: most of the time there is no active hold at all.
    if not Hold.objects.filter(council_id=post.council_id, status=Hold.Status.ACTIVE).exists():
        return None
    for hold in active_holds(post.council_id, [account_id], at):
        if hold.kind == H.EMERGENCY:
            return hold
        if hold.kind == H.MOURNING:
            allowed = post.category in (hold.allowed_categories or [])
            signed = SignOff.objects.filter(
                post=post, kind=SignOff.Kind.MOURNING, revision=post.revision
            ).exists()
            if not (allowed and signed):
                return hold
        if hold.kind == H.PRE_ELECTION:
            signed_by_officer = SignOff.objects.filter(
                post=post, kind=SignOff.Kind.PRE_ELECTION, revision=post.revision
            )
            if hold.named_officer_id:
                signed_by_officer = signed_by_officer.filter(officer_id=hold.named_officer_id)
            if not signed_by_officer.exists():
                return hold
    return None
