"""``herald create_api_token``: issue a token for one member and role; prints it once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herald.api import selectors
from herald.api.services import issue_api_token
from herald.audit.services import Actor
from herald.core.errors import DomainError
from herald.councils.roles import Role
from herald.councils.selectors import council_by_slug

COMMAND_LINE = Actor(user=None, label="Operator (command line)")


class Command(BaseCommand):
    help = "Issue an API token for a council member acting in one role. The token is shown once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", required=True, help="The council's slug.")
        parser.add_argument("--username", required=True, help="The member's sign-in name.")
        parser.add_argument("--role", required=True, choices=[role.value for role in Role])
        parser.add_argument("--name", required=True, help="What it is for, e.g. 'Power BI'.")

    def handle(self, *args: Any, **options: Any) -> None:
        council = council_by_slug(slug=options["council"])
        if council is None:
            raise CommandError(f"No active council with the slug {options['council']!r}.")
        membership = selectors.member_by_username(council=council, username=options["username"])
        if membership is None:
            raise CommandError(f"{options['username']!r} is not a member of {council.name}.")
        try:
            issued = issue_api_token(
                membership=membership,
                role=Role(options["role"]),
                name=options["name"],
                actor=COMMAND_LINE,
            )
        except DomainError as error:
            raise CommandError(error.message) from error
        token = issued.token
        self.stderr.write(
            f"Issued token {token.public_id} ('{token.name}') for {membership.user} "
            f"as {token.get_role_display()} in {council.name}.\n"
            "Copy it now: Herald keeps only a hash and cannot show it again."
        )
        # The raw token alone on stdout, so scripts can capture it.
        self.stdout.write(issued.raw_token)
