from __future__ import annotations

import pytest

from herald.councils.demo import load_demo_councils
from herald.network.models import NetworkAlert, PolicyException, PolicyVersion, ProxyRequest

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_the_policy_exceptions_and_a_week_of_usage_once() -> None:
    load_demo_councils()
    from herald.councils.models import Council  # noqa: PLC0415

    aldermoor = Council.objects.get(slug="aldermoor")
    rows = ProxyRequest.objects.filter(council=aldermoor)
    assert 1000 < rows.count() < 10000
    assert rows.filter(blocked=True).exists()
    assert rows.filter(service__isnull=False).exists()
    assert PolicyException.objects.filter(council=aldermoor).count() == 2
    assert NetworkAlert.objects.filter(council=aldermoor).count() >= 2
    versions = PolicyVersion.objects.filter(council=aldermoor).count()
    from herald.network.demo import load_demo  # noqa: PLC0415

    load_demo(council=aldermoor)
    assert PolicyVersion.objects.filter(council=aldermoor).count() == versions
    assert ProxyRequest.objects.filter(council=aldermoor).count() == rows.count()
