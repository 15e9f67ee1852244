"""``herald revoke_api_token``: stop a token working, for good."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from herald.api import selectors
from herald.api.management.commands.create_api_token import COMMAND_LINE
from herald.api.services import revoke_api_token
from herald.councils.selectors import council_by_slug


class Command(BaseCommand):
    help = "Revoke one of a council's API tokens by its id (printed when it was issued)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--council", required=True, help="The council's slug.")
        parser.add_argument("--id", required=True, dest="token_id", help="The token's id (UUID).")

    def handle(self, *args: Any, **options: Any) -> None:
        council = council_by_slug(slug=options["council"])
        if council is None:
            raise CommandError(f"No active council with the slug {options['council']!r}.")
        token = selectors.api_token(council=council, public_id=options["token_id"])
        if token is None:
            raise CommandError(f"{council.name} has no API token {options['token_id']!r}.")
        already = token.revoked_at is not None
        token = revoke_api_token(token=token, actor=COMMAND_LINE)
        state = "was already revoked" if already else "is revoked"
        self.stdout.write(f"Token {token.public_id} ('{token.name}') {state}.")
