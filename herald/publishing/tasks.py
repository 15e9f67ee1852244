"""Background entry points for publishing: each calls one service."""

from django.tasks import task

from herald.publishing.delivery.sweep import publish_due


@task()
def publish_due_posts() -> dict[str, object]:
    """Every few seconds: send what is due, reconcile what is unconfirmed, recover dead claims."""
    return publish_due().as_dict()
