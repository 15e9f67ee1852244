"""The demo estate: about forty Aldermoor accounts whose planted problems the check finds."""

from io import StringIO

import pytest
from django.core.management import call_command

from herald.estate.models import Finding, SocialAccount

pytestmark = pytest.mark.django_db


def test_the_demo_plants_each_kind_of_problem_and_loads_once() -> None:
    call_command("load_demo_council", verbosity=0, stdout=StringIO())
    aldermoor = Finding.objects.filter(council__slug="aldermoor").open()
    accounts = SocialAccount.objects
    assert accounts.filter(council__slug="aldermoor").count() == 40
    assert accounts.filter(council__slug="brackenfield").count() == 4
    found = set(aldermoor.values_list("kind", flat=True))
    planted = {
        Finding.Kind.DORMANT,
        Finding.Kind.OWNER_LEFT,
        Finding.Kind.NO_DIGITAL_ACCESS,
        Finding.Kind.TWO_FACTOR_OFF,
        Finding.Kind.BRANDING_INCOMPLETE,
        Finding.Kind.LIKELY_DUPLICATE,
        Finding.Kind.NO_OWNER,
        Finding.Kind.NO_DEPUTY,
    }
    assert planted <= found
    leaver = aldermoor.filter(kind=Finding.Kind.OWNER_LEFT).values_list("account__name", flat=True)
    assert set(leaver) == {"Aldermoor SEND Local Offer", "Aldermoor Planning"}
    before = Finding.objects.count()
    call_command("load_demo_council", verbosity=0, stdout=StringIO())
    assert Finding.objects.count() == before
