"""What learning's views share: who edits content, who acts, whose record it is."""

from __future__ import annotations

from django.http import Http404, HttpRequest, QueryDict

from herald.accounts.backends import client_ip
from herald.audit.services import Actor
from herald.councils.context import CouncilContext
from herald.councils.roles import Role
from herald.people.models import StaffMember

# HR and the digital team write the policies and the e-learning (report ¶12, ¶18).
CONTENT_EDITORS = (Role.HR, Role.DIGITAL_TEAM)
# Who sees everyone's training and acknowledgements.
COMPLIANCE_VIEWERS = (Role.HR, Role.DIGITAL_TEAM, Role.COUNCIL_ADMIN)


def actor_for(request: HttpRequest, context: CouncilContext) -> Actor:
    return Actor(user=context.membership.user, ip_address=client_ip(request))


def own_record(context: CouncilContext) -> StaffMember:
    """The signed-in person's staff record; training is recorded against it, so none is a 404."""
    record = context.membership.staff_member
    if record is None:
        raise Http404
    return record


def posted(request: HttpRequest) -> QueryDict | None:
    """The form data on a POST (even an empty one, which must still show its errors), else None."""
    return request.POST if request.method == "POST" else None
