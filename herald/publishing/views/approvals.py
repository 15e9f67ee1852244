"""The approvals queue: posts waiting for a decision this person may take."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from herald.councils.access import council_required, current_context
from herald.publishing import presenters, rules, selectors
from herald.publishing.views.common import page


@council_required(*rules.APPROVERS)
def queue(request: HttpRequest) -> HttpResponse:
    context = current_context(request)
    waiting = selectors.awaiting_approval_by(council=context.council, user=context.membership.user)
    return page(
        request,
        "publishing/approvals.jinja",
        {
            "head": presenters.head("Post", "Accounts", "Status", "Time to post", "Author"),
            "rows": presenters.post_rows(waiting),
        },
    )
