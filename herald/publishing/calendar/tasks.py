"""Background entry points of the calendar: each calls one service."""

from django.tasks import task

from herald.publishing.calendar import recurrence


@task()
def generate_recurring_posts() -> int:
    """Hourly: draft each running series' occurrences for the next four weeks."""
    return recurrence.generate_due()
