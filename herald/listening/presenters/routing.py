"""What the routing pages show: rows for the GOV.UK tables, worked out here, not in templates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from django.utils.html import format_html

from herald.listening.models import RouterModel, RoutingKeyword
from herald.listening.models.routing import RouterTraining

Cell = dict[str, Any]


def head(*labels: str, numeric: tuple[int, ...] = ()) -> list[Cell]:
    return [
        {"text": label, **({"format": "numeric"} if index in numeric else {})}
        for index, label in enumerate(labels)
    ]


def percent(value: object) -> str:
    return f"{float(value):.1%}" if isinstance(value, int | float) else "–"


def keyword_rows(rules: Iterable[RoutingKeyword], *, can_edit: bool) -> list[list[Cell]]:
    rows = []
    for rule in rules:
        label: Cell = {"text": rule.service_label}
        if can_edit:
            url = reverse("listening:routing_keyword", args=[rule.public_id])
            label["html"] = format_html(
                '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> '
                "(edit)</span></a>",
                url,
                rule.service_label,
            )
        rows.append([label, {"text": ", ".join(rule.keywords)}])
    return rows


def model_rows(models: Iterable[RouterModel]) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for model in models:
        url = reverse("listening:routing_model", args=[model.public_id])
        rows.append(
            [
                {
                    "text": f"Version {model.version}",
                    "html": format_html(
                        '<a class="govuk-link" href="{}">Version {}</a>', url, model.version
                    ),
                },
                {"text": f"{model.created_at:%d %B %Y %H:%M}"},
                {"text": percent(model.metrics.get("accuracy")), "format": "numeric"},
                {"text": percent(model.metrics.get("macro_f1")), "format": "numeric"},
                {"text": len(model.labels), "format": "numeric"},
                {"text": "Active" if model.is_active else "Not active"},
            ]
        )
    return rows


def label_rows(model: RouterModel) -> list[list[Cell]]:
    per_label: dict[str, dict[str, float]] = model.metrics.get("per_label", {})
    rows: list[list[Cell]] = [
        [
            {"text": label},
            {"text": percent(scores.get("precision")), "format": "numeric"},
            {"text": percent(scores.get("recall")), "format": "numeric"},
            {"text": percent(scores.get("f1")), "format": "numeric"},
            {"text": int(scores.get("support", 0)), "format": "numeric"},
        ]
        for label, scores in sorted(per_label.items())
    ]
    return rows


def training_rows(trainings: Iterable[RouterTraining]) -> list[list[Cell]]:
    return [
        [
            {"text": job.filename},
            {"text": f"{job.created_at:%d %B %Y %H:%M}"},
            {"text": job.get_status_display()},
            {
                "text": f"Version {job.router_model.version}"
                if job.router_model is not None
                else job.error
            },
        ]
        for job in trainings
    ]
