"""Role × page matrix for learning: each role reaches what it should and nothing more.

Written out by hand. O = 200, N = 403 (the role may not), F = 404 (not in this council, or not
theirs). The outsider works only for the other council as administrator and HR: council-wide
pages answer with their own council's, and every object of this council is a 404.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.learning.models import (
    Completion,
    ConductRecord,
    Module,
    PolicyVersion,
    TrainingSession,
)
from herald.learning.services.people import schedule_session
from herald.learning.services.policies import draft_version
from herald.learning.testing import (
    make_conduct_record,
    make_module,
    make_next_manager,
    make_policy,
    make_trained,
)

pytestmark = pytest.mark.django_db


@dataclass
class Objects:
    version: PolicyVersion
    older: PolicyVersion
    draft: PolicyVersion
    module: Module
    certificate: Completion
    session: TrainingSession
    matter: ConductRecord


@pytest.fixture
def objects(personas: Personas) -> Objects:
    make_trained(staff_member=personas.record_of(personas.editor))
    version = PolicyVersion.objects.get(council=personas.council)
    older = make_policy(council=personas.council, kind="guidelines")
    draft = draft_version(document=version.document, body="Next", change_summary="", actor=SYSTEM)
    module = make_module(council=personas.council)
    session = schedule_session(
        council=personas.council,
        title="Session",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        location="Room 1",
        capacity=10,
        service=None,
        actor=SYSTEM,
    )
    matter = make_conduct_record(staff_member=personas.record_of(personas.staff))
    return Objects(version, older, draft, module, Completion.objects.get(), session, matter)


def first_lesson(o: Objects) -> str:
    lesson = o.module.lessons.first()
    assert lesson is not None
    return str(lesson.public_id)


def first_question(o: Objects) -> str:
    question = o.module.questions.first()
    assert question is not None
    return str(question.public_id)


PAGES: list[tuple[str, Callable[[Objects], str]]] = [
    ("my learning", lambda o: "/learning/"),
    ("policies", lambda o: "/learning/policies/"),
    ("add a document", lambda o: "/learning/policies/new/"),
    ("document", lambda o: f"/learning/policies/{o.version.document.public_id}/"),
    ("draft", lambda o: f"/learning/policies/{o.version.document.public_id}/draft/"),
    ("details", lambda o: f"/learning/policies/{o.version.document.public_id}/edit/"),
    ("version", lambda o: f"/learning/versions/{o.version.public_id}/"),
    (
        "compare",
        lambda o: f"/learning/versions/{o.version.public_id}/compare/?with={o.version.public_id}",
    ),
    ("approve", lambda o: f"/learning/versions/{o.draft.public_id}/approve/"),
    ("outstanding", lambda o: f"/learning/versions/{o.version.public_id}/outstanding/"),
    ("module", lambda o: f"/learning/modules/{o.module.public_id}/"),
    ("quiz", lambda o: f"/learning/modules/{o.module.public_id}/quiz/"),
    ("lesson", lambda o: f"/learning/lessons/{first_lesson(o)}/"),
    ("module content", lambda o: f"/learning/modules/{o.module.public_id}/edit/"),
    ("lesson edit", lambda o: f"/learning/lessons/{first_lesson(o)}/edit/"),
    (
        "question edit",
        lambda o: f"/learning/questions/{first_question(o)}/edit/",
    ),
    ("team", lambda o: "/learning/team/"),
    ("compliance", lambda o: "/learning/compliance/"),
    ("certificate", lambda o: f"/learning/certificates/{o.certificate.public_id}/"),
    ("ambassadors", lambda o: "/learning/ambassadors/"),
    ("nominate", lambda o: "/learning/ambassadors/nominate/"),
    ("sessions", lambda o: "/learning/sessions/"),
    ("schedule a session", lambda o: "/learning/sessions/new/"),
    ("session", lambda o: f"/learning/sessions/{o.session.public_id}/"),
    ("conduct records", lambda o: "/learning/conduct/"),
    ("record a matter", lambda o: f"/learning/conduct/new/{o.matter.staff_member.public_id}/"),
    ("conduct record", lambda o: f"/learning/conduct/{o.matter.public_id}/"),
    ("module settings", lambda o: f"/learning/modules/{o.module.public_id}/settings/"),
]

CODES = {"O": 200, "N": 403, "F": 404}
#                 1   5    10   15  18     25
MATRIX = {
    "officer": "OONONNOONNOOONNNNNFOOONONNFN",
    "editor": "OONONNOONNOOONNNNNOOOONONNFN",
    "approver": "OONONNOONNOOONNNNNFOOONONNFN",
    "digital_lead": "OOOOOOOOOOOOOOOONOOOOOOONNFO",
    "ict": "OONONNOONNOOONNNNNFOOONONNFN",
    "hr": "OOOOOOOOOOOOOOOONOOOOOOOONOO",
    "line_manager": "OONONNOONNOOONNNONFOOONONOON",
    "staff": "OONONNOONNOOONNNNNFOOONONNFN",
    "ambassador": "OONONNOONNOOONNNNNFOOONONNFN",
    "committee": "OONONNOONNOOONNNNNFOOONONNFN",
    "admin": "OONONNOONOOOONNNNOOOOONONNFN",
    "outsider": "OOOFFFFFFFFFFFFFNOFOOOOFONFF",
}


@pytest.mark.parametrize("persona", sorted(MATRIX))
def test_each_role_reaches_exactly_its_learning_pages(
    personas: Personas, objects: Objects, persona: str
) -> None:
    client = personas.client_for(getattr(personas, persona))
    got = {name: client.get(url(objects)).status_code for name, url in PAGES}
    expected = {name: CODES[code] for (name, _), code in zip(PAGES, MATRIX[persona], strict=True)}
    assert got == expected


def test_signed_out_visitors_are_sent_to_sign_in(personas: Personas, objects: Objects) -> None:
    client = Client()
    for _name, url in PAGES:
        response = client.get(url(objects))
        assert response.status_code == 302, url
        assert response["Location"].startswith("/sign-in/?next="), url


def test_the_next_manager_reads_a_record_but_cannot_open_one(
    personas: Personas, objects: Objects
) -> None:
    """The next manager is no persona of their own: their manager is the line manager's."""
    head = make_next_manager(manager=personas.record_of(personas.line_manager))
    client = personas.client_for(head)
    matter = objects.matter
    assert client.get(f"/learning/conduct/{matter.public_id}/").status_code == 200
    opening = client.get(f"/learning/conduct/new/{matter.staff_member.public_id}/")
    assert opening.status_code == 404
    assert client.get("/learning/conduct/").status_code == 403
