"""How the access review is shown: table rows, filter choices and the CSV download."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.html import format_html, format_html_join

from herald.estate.access import FLAGS

if TYPE_CHECKING:
    from herald.estate.access import Holder

Cell = dict[str, Any]

HEAD: list[Cell] = [
    {"text": "Person"},
    {"text": "Service"},
    {"text": "Publishing roles"},
    {"text": "Accounts and positions"},
    {"text": "Trained"},
    {"text": "Flags"},
]

CSV_HEAD = ["name", "email", "service", "publishing roles", "accounts and positions", "trained"]
CSV_HEAD += ["flags"]


def table_rows(holders: list[Holder], *, link: bool) -> list[list[Cell]]:
    """``link``: account names link to the register only for people who may open it."""
    return [
        [
            {"text": holder.name},
            {"text": holder.service or "None"},
            {"text": ", ".join(holder.roles) or "None"},
            {"html": _positions(holder, link=link)},
            {"text": "Yes" if holder.trained else "No"},
            {"html": _flags(holder)},
        ]
        for holder in holders
    ]


def _positions(holder: Holder, *, link: bool) -> str:
    if not holder.positions:
        return "None"
    if not link:
        items = format_html_join(
            "", "<li>{}: {}</li>", ((p.account_name, p.position) for p in holder.positions)
        )
        return format_html('<ul class="govuk-list">{}</ul>', items)
    items = format_html_join(
        "",
        '<li><a class="govuk-link" href="{}">{}</a>: {}</li>',
        (
            (reverse("estate:detail", args=[p.account_id]), p.account_name, p.position)
            for p in holder.positions
        ),
    )
    return format_html('<ul class="govuk-list">{}</ul>', items)


def _flags(holder: Holder) -> str:
    if not holder.flags:
        return "None"
    return format_html_join(
        " ",
        '<strong class="govuk-tag govuk-tag--red">{}</strong>',
        ((FLAGS[flag],) for flag in holder.flags),
    )


def flag_items(selected: str) -> list[Cell]:
    items: list[Cell] = [{"value": "", "text": "Any flag or none"}]
    items += [{"value": k, "text": v, "selected": k == selected} for k, v in FLAGS.items()]
    return items


def csv_rows(holders: list[Holder]) -> list[list[str]]:
    rows = [CSV_HEAD]
    for holder in holders:
        positions = "; ".join(f"{p.account_name}: {p.position}" for p in holder.positions)
        rows.append(
            [
                holder.name,
                holder.email,
                holder.service,
                "; ".join(holder.roles),
                positions,
                "yes" if holder.trained else "no",
                "; ".join(FLAGS[flag] for flag in holder.flags),
            ]
        )
    return rows
