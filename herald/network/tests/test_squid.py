"""Debian's real Squid enforcing Herald's policy: static ACL files and the external ACL helper.

Marked ``squid`` (CI: scripts/test-squid, which installs squid and runs these as root).
"""

from __future__ import annotations

import datetime
import http.client
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from herald.audit.services import SYSTEM
from herald.core.testing import CouncilFactory, ServiceFactory, StaffMemberFactory
from herald.councils.models import Council
from herald.network import services
from herald.network.enforcement import write_squid_config
from herald.network.models import Category, ProxyIdentity
from herald.network.tests.squid_support import (
    HELPER_PYTHON,
    free_port,
    origin_server,
    reconfigure,
    running_squid,
    squid_conf,
)

pytestmark = [pytest.mark.squid, pytest.mark.django_db]

WARN_URL = "http://herald.test/network/warn/"
HOSTS = [
    "www.wetransfer.com",
    "www.facebook.com",
    "facebook.com",
    "www.bet365.com",
    "news.bbc.co.uk",
    "torproject.org",
]


def _policy() -> tuple[Council, dict[str, Category]]:
    council = CouncilFactory(name="Aldermoor", slug="aldermoor")
    trading = ServiceFactory(council=council, name="Trading Standards", slug="trading")
    officer = StaffMemberFactory(
        council=council, email="sam.okafor@aldermoor.gov.uk", service=trading
    )
    approver = StaffMemberFactory(council=council, email="head@aldermoor.gov.uk")
    services.ensure_default_policy(council=council, actor=SYSTEM)
    cats = {c.slug: c for c in Category.objects.filter(council=council)}
    services.import_domains(category=cats["social"], text="facebook.com\n", actor=SYSTEM)
    services.import_domains(category=cats["gambling"], text="0.0.0.0 bet365.com\n", actor=SYSTEM)
    services.import_domains(category=cats["news"], text="bbc.co.uk\n", actor=SYSTEM)
    services.import_domains(category=cats["proxies"], text="torproject.org\n", actor=SYSTEM)
    services.import_domains(category=cats["file_sharing"], text="wetransfer.com\n", actor=SYSTEM)
    group = services.create_group(
        council=council,
        name="Gambling investigations",
        description="",
        services=[trading],
        members=[],
        actor=SYSTEM,
    )
    services.add_exception(
        group=group,
        category=cats["gambling"],
        action="allow_log",
        business_reason="Test purchases for licensing investigations",
        approver=approver,
        expires_on=datetime.date.today() + datetime.timedelta(days=30),
        actor=SYSTEM,
    )
    services.map_identity(
        council=council,
        kind=ProxyIdentity.Kind.ADDRESS,
        value="127.0.0.2",
        staff_member=officer,
        actor=SYSTEM,
    )
    return council, cats


def _get(proxy_port: int, url: str, *, source: str = "127.0.0.1", user: str = "") -> int:
    """GET ``url`` through the proxy from the client address ``source``."""
    if source == "127.0.0.1":
        headers = {"X-Herald-User": user} if user else {}
        with httpx.Client(proxy=f"http://127.0.0.1:{proxy_port}", timeout=10) as client:
            return client.get(url, headers=headers).status_code
    # httpx cannot choose the source address of a proxied request; the standard library can.
    connection = http.client.HTTPConnection(
        "127.0.0.1", proxy_port, timeout=10, source_address=(source, 0)
    )
    try:
        connection.request("GET", url)
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.fixture
def work() -> Iterator[Path]:
    """A directory the proxy user can reach (pytest's tmp_path sits under a private folder)."""
    path = Path(tempfile.mkdtemp(prefix="herald-squid-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def test_squid_enforces_the_static_acl_files_and_follows_a_policy_change(work: Path) -> None:
    council, cats = _policy()
    port = free_port()
    write_squid_config(council=council, directory=work / "herald")
    conf = squid_conf(
        work=work, port=port, include=work / "herald" / "herald-policy.conf", hosts=HOSTS
    )
    with origin_server() as origin, running_squid(conf):
        assert _get(port, f"http://www.facebook.com:{origin}/") == 200  # ¶13: open by default
        assert _get(port, f"http://news.bbc.co.uk:{origin}/") == 200
        assert _get(port, f"http://www.bet365.com:{origin}/") == 403  # ¶14: blocked
        assert _get(port, f"http://torproject.org:{origin}/") == 403
        # The trading standards officer's address is in the group with a gambling exception.
        assert _get(port, f"http://www.bet365.com:{origin}/", source="127.0.0.2") == 200
        assert _get(port, f"http://torproject.org:{origin}/", source="127.0.0.2") == 403

        # ICT blocks social networking in Herald; the regenerated configuration is enforced.
        services.change_action(
            category=cats["social"],
            action="block",
            reason="Test",
            actor=SYSTEM,
        )
        write_squid_config(council=council, directory=work / "herald")
        reconfigure(conf)
        assert _get(port, f"http://www.facebook.com:{origin}/") == 403
        assert _get(port, f"http://news.bbc.co.uk:{origin}/") == 200
    log = (work / "access.log").read_text()
    assert "TCP_DENIED/403" in log
    assert "www.bet365.com" in log


def test_squid_asks_the_external_acl_helper_with_per_user_exceptions(work: Path) -> None:
    council, cats = _policy()
    port = free_port()
    write_squid_config(
        council=council, directory=work / "herald", python=HELPER_PYTHON, warn_url=WARN_URL
    )
    conf = squid_conf(
        work=work, port=port, include=work / "herald" / "herald-helper.conf", hosts=HOSTS
    )
    with origin_server() as origin, running_squid(conf):
        assert _get(port, f"http://www.facebook.com:{origin}/") == 200
        assert _get(port, f"http://www.bet365.com:{origin}/") == 403
        assert _get(port, f"http://www.bet365.com:{origin}/", user="sam.okafor") == 200
        assert _get(port, f"http://www.bet365.com:{origin}/", user="someone.else") == 403
        assert _get(port, f"http://torproject.org:{origin}/", user="sam.okafor") == 403
        # File sharing is "warn": Herald's warning page first, then the site.
        with httpx.Client(proxy=f"http://127.0.0.1:{port}", timeout=10) as client:
            first = client.get(f"http://www.wetransfer.com:{origin}/upload")
            assert first.status_code == 302
            assert first.headers["Location"].startswith(f"{WARN_URL}?url=http")
            assert client.get(f"http://www.wetransfer.com:{origin}/upload").status_code == 200

        # ICT blocks news: the helper reloads the rewritten snapshot without a Squid restart.
        services.change_action(
            category=cats["news"],
            action="block",
            reason="Test",
            actor=SYSTEM,
        )
        write_squid_config(
            council=council, directory=work / "herald", python=HELPER_PYTHON, warn_url=WARN_URL
        )
        time.sleep(2.5)
        assert _get(port, f"http://news.bbc.co.uk:{origin}/") == 403
