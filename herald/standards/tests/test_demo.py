"""The demo: Aldermoor's configuration, loaded twice without change; Brackenfield on defaults."""

from __future__ import annotations

import datetime

import pytest

from herald.audit.models import AuditEvent
from herald.core.testing import CouncilFactory
from herald.standards.demo import load_demo
from herald.standards.selectors import rule_pack_for

pytestmark = pytest.mark.django_db


def test_aldermoor_demo_configures_its_pack_and_is_idempotent() -> None:
    council = CouncilFactory(name="Aldermoor County Council", slug="aldermoor")
    load_demo(council=council)
    events = AuditEvent.objects.filter(council=council).count()
    load_demo(council=council)
    assert AuditEvent.objects.filter(council=council).count() == events
    pack = rule_pack_for(council=council)
    assert "+441632960000" in pack.own_phone_numbers
    assert pack.own_email_domains == frozenset({"aldermoor.gov.uk"})
    assert "AM1 1CH" in pack.own_postcodes
    assert pack.parties is not None
    assert "Reform UK" in pack.parties
    assert "Cllr Margaret Hollinshead" in pack.councillors
    assert pack.accounts["@aldermoorlibraries"].required_hashtags == ("#AldermoorLibraries",)
    (period,) = pack.election_periods
    assert period.is_active_on(datetime.date(2027, 4, 1))
    assert not period.is_active_on(datetime.date(2027, 5, 7))


def test_other_councils_get_the_defaults_with_the_main_parties() -> None:
    council = CouncilFactory(name="Brackenfield District Council", slug="brackenfield")
    load_demo(council=council)
    pack = rule_pack_for(council=council)
    assert pack.own_phone_numbers == frozenset()
    assert pack.parties is not None
    assert "Labour" in pack.parties
    assert pack.election_periods == ()
