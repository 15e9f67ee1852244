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

    # The demo ICT sign-in sees the week as a report with its chart, and the alerts.
    from django.test import Client  # noqa: PLC0415

    from herald.accounts.models import User  # noqa: PLC0415

    client = Client()
    client.force_login(User.objects.get(username="demo-ict"))
    page = client.get("/network/usage/")
    assert page.status_code == 200
    assert page.text.count("<rect") >= 14  # seven days, each a bar and its blocked part
    assert "Social networking" in page.text
    assert "Libraries" in page.text
    assert client.get("/network/alerts/").text.count("Acknowledge<") >= 2
