from __future__ import annotations

import datetime

import pytest

from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM
from herald.network import services
from herald.network.acl_helper import Policy, answer
from herald.network.domains import minimal_suffix_set, parse_list
from herald.network.enforcement import decision_snapshot
from herald.network.models import CategoryDomain, PolicyVersion, ProxyIdentity
from herald.network.tests.conftest import Setup

TODAY = datetime.date(2026, 12, 7)


def test_lists_read_plain_hosts_and_adblock_lines_and_report_each_bad_line() -> None:
    parsed = parse_list(
        "# a comment\nexample.com\n0.0.0.0 ads.example.net tracker.example.org\n"
        "||bet.example.co.uk^\n*.wild.example.com\nlocalhost\nnot a.domain\nno_dot\n"
    )
    assert parsed.domains == [
        "example.com",
        "ads.example.net",
        "tracker.example.org",
        "bet.example.co.uk",
        "wild.example.com",
    ]
    assert [(line, problem.split(" (")[0]) for line, _, problem in parsed.errors] == [
        (7, "Not a valid domain name"),
        (8, "Not a domain name"),
    ]


def test_the_smallest_suffix_set_drops_subdomains_of_listed_domains() -> None:
    assert minimal_suffix_set(["a.example.com", "example.com", "b.org", "x.b.org", "c.net"]) == [
        "b.org",
        "c.net",
        "example.com",
    ]


def test_the_default_policy_opens_social_and_streaming_and_blocks_the_inappropriate(
    setup: Setup,
) -> None:
    actions = {slug: c.action for slug, c in setup.categories.items()}
    assert actions["social"] == actions["streaming_video"] == actions["streaming_audio"] == "allow"
    for slug in ("gambling", "adult", "malware", "hacking", "proxies"):
        assert actions[slug] == "block"
    assert services.ensure_default_policy(council=setup.council, actor=SYSTEM) == []


def test_an_import_with_any_bad_line_applies_nothing(setup: Setup) -> None:
    social = setup.categories["social"]
    before = PolicyVersion.objects.filter(council=setup.council).count()
    result = services.import_domains(
        category=social, text="tiktok.com\nbad domain here\nreddit.com\n", actor=SYSTEM
    )
    assert not result.applied
    assert result.errors[0][0] == 2
    assert not CategoryDomain.objects.filter(domain="tiktok.com").exists()
    assert PolicyVersion.objects.filter(council=setup.council).count() == before
    good = services.import_domains(category=social, text="tiktok.com\nx.com\n", actor=SYSTEM)
    assert good.applied
    assert good.added == ["tiktok.com"]
    assert good.already_present == 1


def test_every_change_is_versioned_audited_and_two_versions_compare(setup: Setup) -> None:
    first = PolicyVersion.objects.filter(council=setup.council).first()
    assert first is not None
    services.change_action(
        category=setup.categories["social"], action="block", reason="Trial", actor=SYSTEM
    )
    services.add_domain(category=setup.categories["news"], domain="ITV.com.", actor=SYSTEM)
    services.remove_domain(category=setup.categories["social"], domain="x.com", actor=SYSTEM)
    last = PolicyVersion.objects.filter(council=setup.council).first()
    assert last is not None
    assert last.number == first.number + 3
    diff = services.compare(first.snapshot, last.snapshot)
    assert diff.actions == [("Social networking", "allow", "block")]
    assert diff.domains_added == [("News", "itv.com")]
    assert diff.domains_removed == [("Social networking", "x.com")]
    assert services.compare(last.snapshot, last.snapshot).empty
    assert AuditEvent.objects.filter(action="network.category_action_changed").count() == 1
    assert CategoryDomain.objects.filter(domain="x.com", removed_at__isnull=False).exists()


def test_rules_refuse_bad_changes(setup: Setup) -> None:
    with pytest.raises(services.PolicyError) as error:
        services.change_action(
            category=setup.categories["news"], action="block", reason=" ", actor=SYSTEM
        )
    assert error.value.code == "reason_required"
    with pytest.raises(services.PolicyError):
        services.add_domain(category=setup.categories["news"], domain="bbc.co.uk", actor=SYSTEM)
    group = services.create_group(
        council=setup.council,
        name="Testers",
        description="",
        services=[],
        members=[],
        actor=SYSTEM,
    )
    with pytest.raises(services.PolicyError) as error:
        services.add_exception(
            group=group,
            category=setup.categories["gambling"],
            action="allow",
            business_reason="x",
            approver=setup.approver,
            expires_on=TODAY,
            actor=SYSTEM,
            today=TODAY,
        )
    assert error.value.code == "expiry_past"


def test_the_helper_answers_from_the_snapshot_with_group_exceptions(setup: Setup) -> None:
    group = services.create_group(
        council=setup.council,
        name="Trading",
        description="",
        services=[setup.trading],
        members=[setup.librarian],
        actor=SYSTEM,
    )
    services.add_exception(
        group=group,
        category=setup.categories["gambling"],
        action="allow_log",
        business_reason="Test purchases",
        approver=setup.approver,
        expires_on=TODAY + datetime.timedelta(days=10),
        actor=SYSTEM,
        today=TODAY,
    )
    services.map_identity(
        council=setup.council,
        kind=ProxyIdentity.Kind.ADDRESS,
        value="10.0.0.9",
        staff_member=setup.officer,
        actor=SYSTEM,
    )
    policy = Policy(decision_snapshot(council=setup.council, today=TODAY))
    day = TODAY.isoformat()
    assert policy.decide("www.facebook.com", today=day) == ("allow", "social")
    assert policy.decide("WWW.BET365.COM:443", today=day) == ("block", "gambling")
    assert policy.decide("bet365.com", user="sam.okafor", today=day) == ("allow_log", "gambling")
    assert policy.decide("bet365.com", client="10.0.0.9", today=day)[0] == "allow_log"
    assert policy.decide("bet365.com", user="ann.reader", today=day)[0] == "allow_log"  # member
    after = (TODAY + datetime.timedelta(days=11)).isoformat()
    assert policy.decide("bet365.com", user="sam.okafor", today=after)[0] == "block"
    assert policy.decide("example.org", today=day) == ("allow", "")
    assert answer(policy, "7 www.bet365.com 10.0.0.1 -", day).startswith("7 OK tag=block:gambling")
    assert answer(policy, "8 www.bet365.com 10.0.0.1 sam%2Eokafor", day).startswith("8 ERR")
    assert answer(policy, "www.x.com 10.0.0.1 -", day) == "ERR tag=allow:social"


def test_a_group_by_role_covers_everyone_holding_it(setup: Setup) -> None:
    from herald.core.testing import make_member  # noqa: PLC0415

    analyst = make_member(council=setup.council, username="analyst", roles=("ict",))
    group = services.create_group(
        council=setup.council,
        name="ICT",
        description="",
        services=[],
        members=[],
        roles=["ict"],
        actor=SYSTEM,
    )
    services.add_exception(
        group=group,
        category=setup.categories["gambling"],
        action="allow",
        business_reason="Filter testing",
        approver=setup.approver,
        expires_on=TODAY + datetime.timedelta(days=5),
        actor=SYSTEM,
        today=TODAY,
    )
    snapshot = decision_snapshot(council=setup.council, today=TODAY)
    assert analyst.user.email.split("@")[0] in snapshot["users"]
    assert "sam.okafor" not in snapshot["users"]
