"""Background entry points for publishing: each calls one service."""

from django.tasks import task

from herald.publishing.delivery.sweep import publish_for
from herald.publishing.services.posts import flag_overdue

# The periodic job runs every WINDOW_SECONDS and, while it runs, sends posts as they fall due
# within that window: a post goes out within a second or so of its time, not at the next run.
WINDOW_SECONDS = 5.0


@task()
def publish_due_posts() -> dict[str, object]:
    """Send what is due (and what falls due in the next few seconds), reconcile what is
    unconfirmed, recover claims whose worker died."""
    return publish_for(WINDOW_SECONDS).as_dict()


@task()
def flag_overdue_posts() -> int:
    """Approved posts whose time passed while they waited go to "needs rescheduling"."""
    return flag_overdue()
