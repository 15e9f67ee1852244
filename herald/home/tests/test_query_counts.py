"""Each page takes the same number of queries in a small council and in a large one.

A page whose query count grows with the data (an N+1 in a selector, a presenter or a template)
shows up here as a difference between the two sizes.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from herald.accounts.models import User
from herald.audit.services import SYSTEM, record
from herald.councils.demo import SCALE_SIGN_INS, ScaleCouncil, load_scale_council

pytestmark = pytest.mark.django_db

SMALL, LARGE = 20, 300


@pytest.fixture
def councils() -> dict[int, ScaleCouncil]:
    built = {size: load_scale_council(staff_count=size) for size in (SMALL, LARGE)}
    # A long audit trail in the large council: more than one page of the audit list.
    for number in range(LARGE):
        record(
            council=built[LARGE].council,
            actor=SYSTEM,
            action="demo.changed",
            summary=f"Change {number}",
            target=built[LARGE].council,
        )
    return built


def count_queries(scale: ScaleCouncil, key: str, url: str) -> int:
    client = Client()
    client.force_login(User.objects.get(username=scale.username(key)))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{key} at {url} got {response.status_code}"
    return len(queries.captured_queries)


def assert_same_at_both_sizes(councils: dict[int, ScaleCouncil], key: str, url: str) -> None:
    small = count_queries(councils[SMALL], key, url)
    large = count_queries(councils[LARGE], key, url)
    assert large == small, f"{url} as {key}: {small} queries at {SMALL} staff, {large} at {LARGE}"


@pytest.mark.parametrize("key", [key for key, _ in SCALE_SIGN_INS])
def test_each_roles_home_page_takes_the_same_queries_whatever_the_council_size(
    councils: dict[int, ScaleCouncil], key: str
) -> None:
    assert_same_at_both_sizes(councils, key, "/")


@pytest.mark.parametrize("key", ["hr", "digital", "admin"])
def test_staff_list_takes_the_same_queries_whatever_the_council_size(
    councils: dict[int, ScaleCouncil], key: str
) -> None:
    assert_same_at_both_sizes(councils, key, "/staff/")


def test_staff_list_search_takes_the_same_queries_whatever_the_council_size(
    councils: dict[int, ScaleCouncil],
) -> None:
    assert_same_at_both_sizes(councils, "hr", "/staff/?q=officer")


def test_my_team_takes_the_same_queries_whatever_the_team_size(
    councils: dict[int, ScaleCouncil],
) -> None:
    assert_same_at_both_sizes(councils, "manager", "/staff/my-team/")


def test_audit_list_takes_the_same_queries_whatever_the_trail_length(
    councils: dict[int, ScaleCouncil],
) -> None:
    assert_same_at_both_sizes(councils, "admin", "/audit/")


def test_the_large_council_really_is_larger(councils: dict[int, ScaleCouncil]) -> None:
    # Guards the tests above: equal counts mean nothing if both councils were the same size.
    small, large = councils[SMALL].council, councils[LARGE].council
    assert small.staff_members.count() == SMALL
    assert large.staff_members.count() == LARGE
    assert large.audit_events.count() > 50 > small.audit_events.count()
