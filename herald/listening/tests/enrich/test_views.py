"""The routing pages over HTTP: what they show, the errors they give, and other councils' 404s."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import Personas
from herald.audit.services import SYSTEM
from herald.listening.models import RouterModel
from herald.listening.models.routing import RouterTraining
from herald.listening.routing import selectors, services
from herald.listening.tests.enrich.conftest import EXAMPLES

pytestmark = pytest.mark.django_db

CSV = ("text,service\n" + "".join(f'"{t}",{label}\n' for t, label in EXAMPLES)).encode()


def test_the_overview_lists_rules_and_versions(personas: Personas) -> None:
    services.save_keyword_rule(
        council=personas.council,
        service_label="waste",
        keywords=["bin", "fly tipping"],
        actor=SYSTEM,
    )
    services.train_router(council=personas.council, examples=EXAMPLES, actor=SYSTEM)
    page = personas.client_for(personas.approver).get("/listening/routing/").content.decode()
    assert "bin, fly tipping" in page
    assert "Version 1" in page
    assert "Active" in page
    assert "Add keywords for a service" not in page  # approvers read only


def test_adding_keywords_with_a_bad_label_shows_the_error(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    response = client.post(
        "/listening/routing/keywords/new/", {"service_label": "Council Tax!", "keywords": "band"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "lower-case letters, digits and underscores" in page
    assert not selectors.keyword_rules(personas.council).exists()


def test_adding_then_editing_keywords(personas: Personas) -> None:
    client = personas.client_for(personas.digital_lead)
    response = client.post(
        "/listening/routing/keywords/new/",
        {"service_label": "waste", "keywords": "bin\nfly tipping, recycling"},
    )
    assert response.status_code == 302
    rule = selectors.keyword_rules(personas.council).get()
    assert rule.keywords == ["bin", "fly tipping", "recycling"]
    url = f"/listening/routing/keywords/{rule.public_id}/"
    assert "fly tipping" in client.get(url).content.decode()
    client.post(url, {"service_label": "waste", "keywords": "bins"})
    rule.refresh_from_db()
    assert rule.keywords == ["bins"]


def test_a_keyword_of_another_service_is_refused_on_the_field(personas: Personas) -> None:
    services.save_keyword_rule(
        council=personas.council, service_label="waste", keywords=["bin"], actor=SYSTEM
    )
    response = personas.client_for(personas.admin).post(
        "/listening/routing/keywords/new/", {"service_label": "parking", "keywords": "bin"}
    )
    assert "already belong to another service: bin (waste)" in response.content.decode()


def test_uploading_a_csv_trains_a_new_active_version(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    client = personas.client_for(personas.digital_lead)
    upload = SimpleUploadedFile("labelled.csv", CSV, content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/listening/routing/train/",
            {"file": upload, "text_column": "text", "label_column": "service"},
        )
    assert response.status_code == 302
    model = RouterModel.objects.get(council=personas.council)
    assert model.is_active
    assert model.trained_on == "labelled.csv"
    assert RouterTraining.objects.get().status == RouterTraining.Status.DONE
    page = client.get(f"/listening/routing/models/{model.public_id}/").content.decode()
    assert "Precision, recall and F1 by service" in page
    assert "libraries" in page


@pytest.mark.parametrize(
    ("content", "columns", "message"),
    [
        (CSV, ("body", "service"), "The CSV has no column"),
        (b"text,service\nbin,waste\nroad,roads\n", ("text", "service"), "too few for"),
        (b"\xff\xfebad", ("text", "service"), "saved as UTF-8"),
    ],
)
def test_an_untrainable_upload_is_explained_and_nothing_is_queued(
    personas: Personas, content: bytes, columns: tuple[str, str], message: str
) -> None:
    upload = SimpleUploadedFile("labelled.csv", content, content_type="text/csv")
    response = personas.client_for(personas.digital_lead).post(
        "/listening/routing/train/",
        {"file": upload, "text_column": columns[0], "label_column": columns[1]},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert message in page
    assert not RouterTraining.objects.exists()


def test_activating_an_older_version(personas: Personas) -> None:
    first = services.train_router(council=personas.council, examples=EXAMPLES, actor=SYSTEM)
    services.train_router(council=personas.council, examples=EXAMPLES, actor=SYSTEM)
    client = personas.client_for(personas.digital_lead)
    assert (
        "Make this version active"
        in client.get(f"/listening/routing/models/{first.public_id}/").content.decode()
    )
    client.post(f"/listening/routing/models/{first.public_id}/activate/")
    assert selectors.active_router(personas.council.pk) == first


def test_another_councils_rule_and_version_are_not_found(personas: Personas) -> None:
    rule = services.save_keyword_rule(
        council=personas.other_council, service_label="waste", keywords=["bin"], actor=SYSTEM
    )
    model = services.train_router(council=personas.other_council, examples=EXAMPLES, actor=SYSTEM)
    client = personas.client_for(personas.admin)
    assert client.get(f"/listening/routing/keywords/{rule.public_id}/").status_code == 404
    assert (
        client.post(
            f"/listening/routing/keywords/{rule.public_id}/",
            {"service_label": "waste", "keywords": "x"},
        ).status_code
        == 404
    )
    assert client.get(f"/listening/routing/models/{model.public_id}/").status_code == 404
    assert client.post(f"/listening/routing/models/{model.public_id}/activate/").status_code == 404
    rule.refresh_from_db()
    assert rule.keywords == ["bin"]


def test_the_default_router_is_named_when_the_council_has_none(personas: Personas) -> None:
    services.train_router(council=None, examples=EXAMPLES, actor=SYSTEM)
    page = personas.client_for(personas.admin).get("/listening/routing/").content.decode()
    assert "default router (version 1" in page
