"""Estate fixtures: a service and a trained owner and deputy in the personas' council."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from conftest import Personas
from herald.councils.models import Service
from herald.learning.testing import make_trained
from herald.people.models import StaffMember


@dataclass
class Estate:
    service: Service
    owner: StaffMember  # the officer persona (account owner role), trained
    deputy: StaffMember  # plain staff persona, trained


@pytest.fixture
def estate(personas: Personas) -> Estate:
    owner = personas.record_of(personas.officer)
    deputy = personas.record_of(personas.staff)
    assert owner.service is not None
    make_trained(staff_member=owner)
    make_trained(staff_member=deputy)
    return Estate(service=owner.service, owner=owner, deputy=deputy)
