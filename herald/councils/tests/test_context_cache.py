from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.councils.context_cache import _context_key
from herald.councils.roles import Role
from herald.councils.services import deactivate_membership, grant_role, revoke_role

pytestmark = pytest.mark.django_db


def _membership_lookups(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return sum('FROM "councils_membership"' in query["sql"] for query in captured)


def test_the_council_context_is_looked_up_once_and_then_reused(personas: Personas) -> None:
    client = personas.client_for(personas.staff)
    client.get("/")  # chooses the council and caches the context
    assert _membership_lookups(client, "/accessibility/") == 0
    cache.clear()
    assert _membership_lookups(client, "/accessibility/") == 1
    assert _membership_lookups(client, "/accessibility/") == 0


def test_a_granted_role_takes_effect_on_the_next_request(personas: Personas) -> None:
    client = personas.client_for(personas.staff)
    assert client.get("/audit/").status_code == 403
    grant_role(membership=personas.staff, role=Role.COUNCIL_ADMIN, actor=SYSTEM)
    assert client.get("/audit/").status_code == 200


def test_a_revoked_role_is_gone_on_the_next_request(personas: Personas) -> None:
    client = personas.client_for(personas.admin)
    assert client.get("/audit/").status_code == 200
    revoke_role(membership=personas.admin, role=Role.COUNCIL_ADMIN, actor=SYSTEM)
    assert client.get("/audit/").status_code == 403


def test_a_deactivated_membership_loses_access_on_the_next_request(personas: Personas) -> None:
    client = personas.client_for(personas.hr)
    assert client.get("/staff/").status_code == 200
    deactivate_membership(membership=personas.hr, reason="left", actor=SYSTEM)
    assert client.get("/staff/").status_code == 302


def test_the_cache_never_holds_the_users_password_hash(personas: Personas) -> None:
    client = personas.client_for(personas.staff)
    client.get("/")
    key = _context_key(user=personas.staff.user, council_id=personas.council.pk)
    context = cache.get(key)
    assert context is not None
    assert "user" not in context.membership._state.fields_cache
