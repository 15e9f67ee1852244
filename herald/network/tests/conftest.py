from __future__ import annotations

from dataclasses import dataclass

import pytest

from herald.audit.services import SYSTEM
from herald.core.testing import CouncilFactory, ServiceFactory, StaffMemberFactory
from herald.councils.models import Council, Service
from herald.network import services
from herald.network.models import Category
from herald.people.models import StaffMember


@dataclass
class Setup:
    council: Council
    libraries: Service
    trading: Service
    librarian: StaffMember
    officer: StaffMember
    approver: StaffMember
    categories: dict[str, Category]


@pytest.fixture
def setup(db: None) -> Setup:
    council = CouncilFactory(name="Aldermoor", slug="aldermoor")
    libraries = ServiceFactory(council=council, name="Libraries", slug="libraries")
    trading = ServiceFactory(council=council, name="Trading Standards", slug="trading")
    librarian = StaffMemberFactory(
        council=council, email="ann.reader@aldermoor.gov.uk", service=libraries
    )
    officer = StaffMemberFactory(
        council=council, email="sam.okafor@aldermoor.gov.uk", service=trading
    )
    approver = StaffMemberFactory(council=council, email="head@aldermoor.gov.uk")
    services.ensure_default_policy(council=council, actor=SYSTEM)
    categories = {c.slug: c for c in Category.objects.filter(council=council)}
    for slug, text in {
        "social": "facebook.com\nx.com\n",
        "gambling": "0.0.0.0 bet365.com\n127.0.0.1 williamhill.com\n",
        "news": "bbc.co.uk\n",
    }.items():
        services.import_domains(category=categories[slug], text=text, actor=SYSTEM)
    return Setup(council, libraries, trading, librarian, officer, approver, categories)
