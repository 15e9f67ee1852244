"""Demo data for the inbox: Aldermoor's settings (office hours, who receives escalations),
response targets, routes from the router's labels to services and teams, and residents'
messages. Whatever listening has heard (its demo stream, when present) is collected too; the
fixtures here make sure the inbox has something to show either way. Some conversations are
answered within target and closed with outcomes; one is escalated as safeguarding and one as
FOI (both raised by collection from what the messages say). Idempotent; audited as Herald."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

from herald.accounts.models import User
from herald.audit.services import SYSTEM
from herald.estate.models import SocialAccount
from herald.inbox import services
from herald.inbox.models import Conversation, ResponseTarget, ServiceRoute
from herald.inbox.replies_demo import load_replies_demo
from herald.inbox.testing import fixture_source
from herald.listening.models import Mention

if TYPE_CHECKING:
    from herald.councils.models import Council, Service, Team

# Router label to the service and team it goes to.
ROUTES = {
    "waste": ("Waste and Recycling", "Collections"),
    "libraries": ("Libraries", "Library Network"),
    "highways": ("Highways and Transport", "Highway Maintenance"),
    "planning": ("Planning", "Development Management"),
    "social-care": ("Adult Social Care", "Assessment and Care Management"),
    "general": ("Customer Services", "Contact Centre"),
}


@dataclass(frozen=True)
class Fixture:
    key: str
    label: str
    handle: str
    name: str
    text: str
    minutes_ago: int
    kind: str = "comment"
    then: str = ""  # "answer", or an outcome to close with
    safeguarding: bool = False


FIXTURES = (
    Fixture(
        "bins-1",
        "waste",
        "@millie_p",
        "Millie P",
        "Our green bin wasn't collected on Elm Road this week, is it coming back?",
        50,
        then="answered",
    ),
    Fixture(
        "bins-2",
        "waste",
        "@rob_t",
        "Rob Turner",
        "How do I order a new recycling box?",
        45,
        then="signposted_online",
    ),
    Fixture(
        "lib-1",
        "libraries",
        "@readsalot",
        "",
        "Is the Aldermoor library open on bank holiday Monday?",
        40,
        then="answered",
    ),
    Fixture(
        "lib-2",
        "libraries",
        "@readsalot",
        "",
        "Thanks! And can I renew my books online?",
        38,
        kind="message",
        then="answer",
    ),
    Fixture(
        "road-1",
        "highways",
        "@cyclist_ken",
        "Ken Adeyemi",
        "Huge pothole on the B4021 by the school, someone will get hurt",
        35,
        then="phone",
    ),
    Fixture(
        "road-2",
        "highways",
        "@anon_driver",
        "",
        "Street lights out all along Mill Lane again",
        30,
        then="answer",
    ),
    Fixture(
        "plan-1",
        "planning",
        "@hollyb",
        "Holly Baines",
        "Where can I see the plans for the new estate at Ashby Fields?",
        25,
        then="signposted_online",
    ),
    Fixture(
        "care-1",
        "social-care",
        "@worried_son",
        "",
        "My mum needs help at home after hospital, who do I call?",
        20,
        kind="message",
        then="face_to_face",
    ),
    Fixture(
        "gen-1",
        "general",
        "@grumpy_gus",
        "",
        "Why is council tax going up again?",
        15,
        then="no_action",
    ),
    Fixture(
        "gen-2",
        "general",
        "@newresident",
        "",
        "Just moved to Aldermoor, how do I register to vote?",
        10,
    ),
    Fixture(
        "safe-1",
        "social-care",
        "@lonely_night",
        "",
        "I can't cope any more and I don't feel safe at home",
        8,
        kind="message",
        safeguarding=True,
    ),
    Fixture(
        "foi-1",
        "general",
        "@m_okafor",
        "Margaret Okafor",
        "Under the Freedom of Information Act please send me the figures for agency staff spending in 2025",
        5,
    ),
)


def load_demo(*, council: Council) -> None:
    accounts = list(council.social_accounts.order_by("name", "pk")[:3])
    if not accounts:
        return
    _settings(council)
    _targets(council)
    _routes(council)
    _fixtures(council, accounts)
    while services.collect_for(council=council).collected:
        pass
    # Saved responses, replies sent through the Sandbox and an out-of-hours acknowledgement.
    load_replies_demo(council=council)
    _answer(council)


def _team(council: Council, service: str, team: str) -> tuple[Service | None, Team | None]:
    found = council.services.filter(name=service).first()
    if found is None:
        return None, None
    return found, council.teams.filter(service=found, name=team).first()


def _user(council: Council, username: str) -> User | None:
    return User.objects.filter(
        username=username, memberships__council=council, memberships__is_active=True
    ).first()


def _settings(council: Council) -> None:
    current = services.settings_for(council)
    if current.safeguarding_lead_id or current.foi_team_id:
        return
    _, foi = _team(council, "ICT", "Information Governance")
    _, complaints = _team(council, "Customer Services", "Complaints and Feedback")
    lead = _user(council, "demo-digital")
    if lead is None and foi is None and complaints is None:
        return  # a council without these people and teams (Brackenfield): nothing to set
    services.update_settings(
        council=council,
        data=services.SettingsInput(
            office_hours=current.office_hours,
            bank_holidays=current.bank_holidays,
            retention_months=current.retention_months,
            safeguarding_lead=lead,
            foi_team=foi,
            complaints_team=complaints,
        ),
        actor=SYSTEM,
    )


def _targets(council: Council) -> None:
    if ResponseTarget.objects.filter(council=council).exists():
        return
    services.set_target(
        council=council, service=None, first_response_hours=4, resolution_hours=40, actor=SYSTEM
    )
    waste, _ = _team(council, "Waste and Recycling", "Collections")
    if waste is not None:
        services.set_target(
            council=council,
            service=waste,
            first_response_hours=2,
            resolution_hours=16,
            actor=SYSTEM,
        )


def _routes(council: Council) -> None:
    for label, (service_name, team_name) in ROUTES.items():
        if ServiceRoute.objects.filter(council=council, service_label=label).exists():
            continue
        service, team = _team(council, service_name, team_name)
        if service is not None:
            services.set_route(
                council=council, service_label=label, service=service, team=team, actor=SYSTEM
            )


def _fixtures(council: Council, accounts: list[SocialAccount]) -> None:
    source = fixture_source(council)
    now = timezone.now()
    for n, fixture in enumerate(FIXTURES):
        account = accounts[n % len(accounts)]
        Mention.objects.get_or_create(
            council=council,
            network=account.network,
            remote_id=f"inbox-demo-{fixture.key}",
            defaults={
                "source": source,
                "account": account,
                "author_handle": fixture.handle,
                "author_name": fixture.name,
                "text": fixture.text,
                "posted_at": now - datetime.timedelta(minutes=fixture.minutes_ago),
                "thread_key": f"inbox-demo-{fixture.handle}-{fixture.kind}",
                "kind": fixture.kind,
                "duplicate_key": f"inbox-demo-{fixture.key}"[:40],
                "service_label": fixture.label,
                "service_confidence": 0.9,
                "safeguarding": fixture.safeguarding,
                "safeguarding_reasons": ["risk to self"] if fixture.safeguarding else [],
            },
        )


def _answer(council: Council) -> None:
    """Answered (within target: the fixtures are under an hour old) and closed with outcomes."""
    for fixture in FIXTURES:
        if not fixture.then:
            continue
        conversation = Conversation.objects.filter(
            council=council, messages__remote_id=f"inbox-demo-{fixture.key}"
        ).first()
        if conversation is None or conversation.status not in {"new", "assigned", "awaiting_reply"}:
            continue
        services.record_response(
            conversation=conversation, actor=SYSTEM, note="Answered on the network"
        )
        # A council without the demo's services (Brackenfield) keeps them answered, not closed.
        if fixture.then != "answer" and (conversation.service or fixture.then == "no_action"):
            services.close_conversation(
                conversation=conversation,
                closing=services.Closing(
                    status="no_action" if fixture.then == "no_action" else "resolved",
                    outcome=fixture.then,
                ),
                actor=SYSTEM,
            )
