"""The inbox demo: messages arrive, are routed and answered within target, one safeguarding
and one FOI escalation, outcome figures; a second run adds nothing."""

from __future__ import annotations

import pytest

from conftest import Personas
from herald.core.testing import ServiceFactory, TeamFactory
from herald.estate.testing import make_account
from herald.inbox import selectors
from herald.inbox.demo import ROUTES, load_demo
from herald.inbox.models import Conversation, Escalation
from herald.inbox.testing import make_mention

pytestmark = pytest.mark.django_db


def test_the_demo_routes_answers_escalates_and_counts_outcomes(personas: Personas) -> None:
    council = personas.council
    for service_name, team_name in ROUTES.values():
        service = council.services.filter(name=service_name).first() or ServiceFactory(
            council=council, name=service_name
        )
        TeamFactory(council=council, service=service, name=team_name)
    account = make_account(council=council, service=council.services.get(slug="libraries"))
    # Something listening heard before the demo ran is collected as well.
    make_mention(council=council, account=account, text="Heard by listening's stream")
    load_demo(council=council)
    load_demo(council=council)
    conversations = Conversation.objects.filter(council=council)
    assert conversations.count() == 13
    assert conversations.filter(subject="Heard by listening's stream").exists()
    assert conversations.filter(service__isnull=False).count() == 12
    kinds = set(Escalation.objects.filter(council=council).values_list("kind", flat=True))
    assert kinds == {"safeguarding", "foi"}
    assert selectors.within_target(council=council) == {"met": 9, "missed": 0}
    outcomes = {row.outcome for row in selectors.outcome_figures(council=council)}
    assert "Passed to phone" in outcomes
    assert "Signposted to an online form or page" in outcomes
