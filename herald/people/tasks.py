from django.tasks import task

from herald.audit.services import SYSTEM
from herald.people.leavers import switch_off_leavers


@task()
def switch_off_leavers_today() -> int:
    """Daily: leavers whose leaving date has now arrived can no longer sign in."""
    return switch_off_leavers(actor=SYSTEM)
