"""Background entry points for channels: each calls one service."""

from django.tasks import task

from herald.channels import services


@task()
def check_connections() -> dict[str, int]:
    """Hourly: ask each network whether each connection's credentials still work."""
    return services.check_all()
