"""Background entry point for routing: training from an uploaded CSV."""

from django.tasks import task

from herald.audit.services import SYSTEM
from herald.listening.routing.services import run_training


@task()
def train_uploaded_router(training_id: int) -> str:
    """Train the router from one queued upload; returns its status."""
    job = run_training(training_id=training_id, actor=SYSTEM)
    return job.status if job is not None else "already taken"
