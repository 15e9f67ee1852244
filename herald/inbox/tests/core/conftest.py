from __future__ import annotations

from dataclasses import dataclass

import pytest

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.core.testing import TeamFactory
from herald.councils.models import Service, Team
from herald.estate.models import SocialAccount
from herald.estate.testing import make_account
from herald.inbox import services


@dataclass
class Inbox:
    personas: Personas
    account: SocialAccount
    other_account: SocialAccount
    libraries: Service
    team: Team


@pytest.fixture
def inbox(personas: Personas) -> Inbox:
    libraries = personas.council.services.get(slug="libraries")
    team = TeamFactory(council=personas.council, service=libraries, name="Library enquiries")
    other_service = personas.other_council.services.create(name="Roads", slug="roads")
    account = make_account(council=personas.council, service=libraries)
    other = make_account(council=personas.other_council, service=other_service)
    services.set_route(
        council=personas.council,
        service_label="libraries",
        service=libraries,
        team=team,
        actor=SYSTEM,
    )
    return Inbox(personas, account, other, libraries, team)
