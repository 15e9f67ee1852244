"""Changing routing: keyword rules, training and activating router versions (audited)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.core.errors import DomainError
from herald.core.transitions import StatusChangedMeanwhile, move_status, start_history
from herald.listening.enrichment import training
from herald.listening.enrichment.keywords import clean_keyword
from herald.listening.models import RouterModel, RoutingKeyword
from herald.listening.models.routing import RouterTraining, RouterTrainingStatusChange
from herald.listening.routing import selectors
from herald.listening.routing.workflow import can_move_training

if TYPE_CHECKING:
    from herald.councils.models import Council

LABEL = re.compile(r"^[a-z][a-z0-9_]{1,63}$")
MAX_KEYWORDS = 200
MAX_CSV_CHARS = 5_000_000


class InvalidKeywordRule(DomainError):
    code = "invalid_keyword_rule"

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


class CannotActivate(DomainError):
    code = "cannot_activate"


def save_keyword_rule(
    *,
    council: Council,
    service_label: str,
    keywords: Sequence[str],
    actor: Actor,
    rule: RoutingKeyword | None = None,
) -> RoutingKeyword:
    """A service's keywords: a valid label, used by no other rule, and words that belong to no
    other service (two services claiming a word would make routing depend on list order)."""
    label = service_label.strip().lower()
    words = _clean_keywords(keywords)
    _check_label(council, label, rule)
    _check_unclaimed(council, words, rule)
    with transaction.atomic():
        before = None if rule is None else {"label": rule.service_label, "keywords": rule.keywords}
        if rule is None:
            rule = RoutingKeyword(council=council)
        rule.service_label, rule.keywords = label, words
        rule.save()
        record(
            council=council,
            actor=actor,
            action="listening.keyword_rule_saved",
            summary=f"Routing keywords for {label}: {len(words)} words",
            target=rule,
            changes={"before": before, "after": {"label": label, "keywords": words}},
        )
    return rule


def _clean_keywords(keywords: Sequence[str]) -> list[str]:
    words = list(dict.fromkeys(w for w in (clean_keyword(k) for k in keywords) if w))
    if not words:
        raise InvalidKeywordRule("Enter at least one keyword or phrase", field="keywords")
    if len(words) > MAX_KEYWORDS:
        raise InvalidKeywordRule(
            f"Enter no more than {MAX_KEYWORDS} keywords for one service", field="keywords"
        )
    too_short = [w for w in words if len(w) < 3 or len(w) > 100]
    if too_short:
        raise InvalidKeywordRule(
            f"Keywords must be 3 to 100 characters long: {', '.join(too_short)}",
            field="keywords",
        )
    return words


def _check_label(council: Council, label: str, rule: RoutingKeyword | None) -> None:
    if not LABEL.match(label):
        raise InvalidKeywordRule(
            "Enter a service label of lower-case letters, digits and underscores, like council_tax",
            field="service_label",
        )
    others = selectors.keyword_rules(council).filter(service_label=label)
    if rule is not None:
        others = others.exclude(pk=rule.pk)
    if others.exists():
        raise InvalidKeywordRule(
            f"There are already keywords for {label}: edit those instead", field="service_label"
        )


def _check_unclaimed(council: Council, words: list[str], rule: RoutingKeyword | None) -> None:
    others = selectors.keyword_rules(council)
    if rule is not None:
        others = others.exclude(pk=rule.pk)
    claimed = {w: r.service_label for r in others for w in r.keywords}
    clashes = [f"{w} ({claimed[w]})" for w in words if w in claimed]
    if clashes:
        raise InvalidKeywordRule(
            "These keywords already belong to another service: " + ", ".join(clashes),
            field="keywords",
        )


def train_router(
    *,
    council: Council | None,
    examples: Sequence[training.Example],
    actor: Actor,
    test_size: float = 0.2,
    seed: int = 0,
    trained_on: str = "",
) -> RouterModel:
    """Score a router on a held-out stratified split, refit it on every example, and save it
    as the next version of the council's (or the deployment default's) router, made active."""
    evaluation = training.evaluate(examples, test_size=test_size, seed=seed)
    router = training.fit(examples, seed=seed)
    with transaction.atomic():
        model = RouterModel.objects.create(
            council=council,
            version=selectors.next_version(council),
            labels=list(router.labels),
            metrics=evaluation.as_json(),
            weights=router.as_json(),
            trained_on=trained_on[:300],
            trained_by=actor.user,
        )
        record(
            council=council,
            actor=actor,
            action="listening.router_trained",
            summary=f"Router v{model.version} trained: accuracy {evaluation.accuracy:.1%}",
            target=model,
            changes={"metrics": {"accuracy": evaluation.accuracy, "f1": evaluation.macro_f1}},
        )
        activate_router(model=model, actor=actor)
    return model


def activate_router(*, model: RouterModel, actor: Actor) -> RouterModel:
    """Make one version the one enrichment uses, for its council (or the default)."""
    if not model.labels:
        raise CannotActivate("This version has no labels and cannot route anything.")
    with transaction.atomic():
        RouterModel.objects.filter(council=model.council, is_active=True).exclude(
            pk=model.pk
        ).update(is_active=False)
        RouterModel.objects.filter(pk=model.pk).update(is_active=True)
        model.is_active = True
        record(
            council=model.council,
            actor=actor,
            action="listening.router_activated",
            summary=f"Router v{model.version} is now active",
            target=model,
        )
    return model


def request_training(
    *,
    council: Council,
    filename: str,
    content: str,
    text_column: str,
    label_column: str,
    actor: Actor,
) -> RouterTraining:
    """Queue a labelled CSV for training, once it is known to be trainable."""
    if len(content) > MAX_CSV_CHARS:
        raise training.TrainingDataInvalid("The file is too large: the most is 5 MB.")
    examples = training.read_examples(content, text_column=text_column, label_column=label_column)
    training.check_examples(examples)
    with transaction.atomic():
        queued = RouterTraining.objects.create(
            council=council,
            filename=filename[:300],
            content=content,
            text_column=text_column,
            label_column=label_column,
            requested_by=actor.user,
        )
        start_history(
            obj=queued,
            history=RouterTrainingStatusChange,
            actor_user=actor.user,
            actor_label=actor.display,
        )
        record(
            council=council,
            actor=actor,
            action="listening.router_training_requested",
            summary=f"Training requested from {filename} ({len(examples)} examples)",
            target=queued,
        )
        transaction.on_commit(lambda: _enqueue(queued.pk))
    return queued


def _enqueue(training_id: int) -> None:
    from herald.listening.routing.tasks import train_uploaded_router  # noqa: PLC0415

    train_uploaded_router.enqueue(training_id)


def run_training(*, training_id: int, actor: Actor) -> RouterTraining | None:
    """Train from a queued upload, once: the move to running is claimed with a conditional
    UPDATE, so a second worker handed the same upload does nothing."""
    job = RouterTraining.objects.select_related("council", "requested_by").get(pk=training_id)
    if not _move(job, RouterTraining.Status.RUNNING, actor):
        return None
    trainer = Actor(user=job.requested_by) if job.requested_by else actor
    try:
        examples = training.read_examples(
            job.content, text_column=job.text_column, label_column=job.label_column
        )
        model = train_router(
            council=job.council,
            examples=examples,
            actor=trainer,
            test_size=job.test_size,
            seed=job.seed,
            trained_on=job.filename,
        )
    except DomainError as error:
        _move(job, RouterTraining.Status.FAILED, actor, error=error.message)
    else:
        _move(job, RouterTraining.Status.DONE, actor, router_model=model)
    return job


def _move(job: RouterTraining, to_status: str, actor: Actor, **fields: Any) -> bool:
    if not can_move_training(job.status, to_status):
        return False
    try:
        move_status(
            obj=job,
            to_status=to_status,
            history=RouterTrainingStatusChange,
            actor_user=actor.user,
            actor_label=actor.display,
            note=str(fields.get("error", "")),
            finished_at=None if to_status == RouterTraining.Status.RUNNING else timezone.now(),
            **fields,
        )
    except StatusChangedMeanwhile:
        return False
    return True
