from __future__ import annotations

import pytest

from conftest import Personas
from herald.api.testing import api_client
from herald.audit.services import SYSTEM
from herald.councils.roles import Role
from herald.network import services
from herald.network.models import Category

pytestmark = pytest.mark.django_db

POLICY = "/api/v1/network/policy/"


def test_an_ict_token_pulls_the_helpers_snapshot_of_its_own_council(personas: Personas) -> None:
    services.ensure_default_policy(council=personas.council, actor=SYSTEM)
    gambling = Category.objects.get(council=personas.council, slug="gambling")
    services.import_domains(category=gambling, text="bet365.com\n", actor=SYSTEM)
    response = api_client(personas.ict, Role.ICT).get(POLICY)
    assert response.status_code == 200
    body = response.json()
    assert body["format"] == "herald-network-policy/1"
    assert body["council"] == personas.council.slug
    assert body["domains"] == {"bet365.com": "gambling"}
    assert body["actions"]["social"] == "allow"
    outsider = api_client(personas.outsider, Role.COUNCIL_ADMIN).get(POLICY)
    assert outsider.status_code == 403
    assert api_client(personas.hr, Role.HR).get(POLICY).status_code == 403
