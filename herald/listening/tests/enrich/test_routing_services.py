"""Keyword rules, training and activation: validation, versions, audit, the training task."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import Personas
from herald.audit.models import AuditEvent
from herald.audit.services import SYSTEM, Actor
from herald.listening.enrichment.training import TrainingDataInvalid
from herald.listening.models import RouterModel
from herald.listening.models.routing import RouterTraining
from herald.listening.routing import selectors, services
from herald.listening.routing.services import InvalidKeywordRule
from herald.listening.tests.enrich.conftest import EXAMPLES

pytestmark = pytest.mark.django_db

CSV = "text,service\n" + "".join(f'"{text}",{label}\n' for text, label in EXAMPLES)


def test_keywords_are_cleaned_and_audited(personas: Personas) -> None:
    rule = services.save_keyword_rule(
        council=personas.council,
        service_label=" Waste ",
        keywords=["Bin ", "bin", "  fly   tipping", ""],
        actor=SYSTEM,
    )
    assert (rule.service_label, rule.keywords) == ("waste", ["bin", "fly tipping"])
    assert AuditEvent.objects.filter(action="listening.keyword_rule_saved").count() == 1


@pytest.mark.parametrize(
    ("label", "keywords", "field", "message"),
    [
        ("Council Tax!", ["band"], "service_label", "lower-case letters"),
        ("waste", [" ", ""], "keywords", "at least one keyword"),
        ("waste", ["ab"], "keywords", "3 to 100 characters"),
        ("parking", ["bin"], "keywords", "bin (waste)"),
        ("waste", ["recycling"], "service_label", "already keywords for waste"),
    ],
)
def test_bad_keyword_rules_are_refused_and_nothing_changes(
    personas: Personas, label: str, keywords: list[str], field: str, message: str
) -> None:
    services.save_keyword_rule(
        council=personas.council, service_label="waste", keywords=["bin"], actor=SYSTEM
    )
    with pytest.raises(InvalidKeywordRule) as error:
        services.save_keyword_rule(
            council=personas.council, service_label=label, keywords=keywords, actor=SYSTEM
        )
    assert error.value.field == field
    assert message in error.value.message
    assert list(selectors.keyword_rules(personas.council).values_list("keywords", flat=True)) == [
        ["bin"]
    ]


def test_another_council_may_use_the_same_words(personas: Personas) -> None:
    for council in (personas.council, personas.other_council):
        services.save_keyword_rule(
            council=council, service_label="waste", keywords=["bin"], actor=SYSTEM
        )
    assert selectors.keyword_rules(personas.other_council).count() == 1


def test_each_training_is_a_new_active_version_of_its_own_scope(personas: Personas) -> None:
    first = services.train_router(council=personas.council, examples=EXAMPLES, actor=SYSTEM)
    default = services.train_router(council=None, examples=EXAMPLES, actor=SYSTEM)
    second = services.train_router(council=personas.council, examples=EXAMPLES, actor=SYSTEM)
    assert (first.version, second.version, default.version) == (1, 2, 1)
    first.refresh_from_db()
    default.refresh_from_db()
    assert not first.is_active
    assert second.is_active
    assert default.is_active  # another scope: untouched
    assert set(second.metrics) == {"accuracy", "macro_f1", "per_label", "train_size", "test_size"}
    assert second.labels == ["libraries", "roads", "waste"]


def test_activating_an_older_version_deactivates_the_newer(personas: Personas) -> None:
    first = services.train_router(council=personas.council, examples=EXAMPLES, actor=SYSTEM)
    second = services.train_router(council=personas.council, examples=EXAMPLES, actor=SYSTEM)
    services.activate_router(model=first, actor=SYSTEM)
    assert selectors.active_router(personas.council.pk) == first
    second.refresh_from_db()
    assert not second.is_active
    assert AuditEvent.objects.filter(action="listening.router_activated").count() == 3


def test_an_uploaded_csv_trains_in_the_background(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    actor = Actor(user=personas.digital_lead.user)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = services.request_training(
            council=personas.council,
            filename="labelled.csv",
            content=CSV,
            text_column="text",
            label_column="service",
            actor=actor,
        )
    assert len(callbacks) == 1
    job.refresh_from_db()  # the test task backend runs the task at once
    assert job.status == RouterTraining.Status.DONE
    assert job.router_model is not None
    assert job.router_model.council == personas.council
    assert job.router_model.trained_by == personas.digital_lead.user
    assert services.run_training(training_id=job.pk, actor=SYSTEM) is None  # claimed once only
    history = list(job.status_changes.values_list("from_status", "to_status"))
    assert history == [("", "queued"), ("queued", "running"), ("running", "done")]


def test_a_training_that_fails_keeps_its_reason(personas: Personas) -> None:
    job = RouterTraining.objects.create(
        council=personas.council,
        filename="labelled.csv",
        content="text,service\nbin,waste\n",
        text_column="text",
        label_column="service",
    )
    result = services.run_training(training_id=job.pk, actor=SYSTEM)
    assert result is not None
    job.refresh_from_db()
    assert job.status == RouterTraining.Status.FAILED
    assert "at least two services" in job.error
    assert job.finished_at is not None
    assert job.status_changes.last().note == job.error  # type: ignore[union-attr]
    assert not RouterModel.objects.exists()


def test_an_untrainable_upload_is_refused_before_it_is_queued(personas: Personas) -> None:
    with pytest.raises(TrainingDataInvalid, match="no column 'body'"):
        services.request_training(
            council=personas.council,
            filename="labelled.csv",
            content=CSV,
            text_column="body",
            label_column="service",
            actor=SYSTEM,
        )
    assert not RouterTraining.objects.exists()
    assert not RouterModel.objects.exists()
