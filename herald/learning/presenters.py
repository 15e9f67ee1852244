"""What learning's pages show: policy text as HTML, comparisons, statuses as GOV.UK tags."""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markupsafe import Markup

from herald.core.templating import date_filter
from herald.learning.models import Completion, Module

# CommonMark with raw HTML switched off: any HTML in a policy or lesson is shown as text, never
# run, and markdown-it's link validation drops javascript: and similar links.
_markdown = MarkdownIt("commonmark", {"html": False})
_GOVUK_CLASSES = {
    "<h1>": '<h2 class="govuk-heading-l">',
    "</h1>": "</h2>",
    "<h2>": '<h3 class="govuk-heading-m">',
    "</h2>": "</h3>",
    "<h3>": '<h4 class="govuk-heading-s">',
    "</h3>": "</h4>",
    "<p>": '<p class="govuk-body">',
    "<ul>": '<ul class="govuk-list govuk-list--bullet">',
    "<ol>": '<ol class="govuk-list govuk-list--number">',
    "<a href": '<a class="govuk-link" href',
}


def render_markdown(text: str) -> Markup:
    """Markdown as GOV.UK-styled HTML, one heading level below the page's own h1."""
    html = _markdown.render(text)
    for plain, styled in _GOVUK_CLASSES.items():
        html = html.replace(plain, styled)
    return Markup(html)  # noqa: S704 - markdown-it escapes everything; raw HTML is disabled


STATUS_TAG_CLASSES = {
    "draft": "govuk-tag--grey",
    "approved": "govuk-tag--green",
    "superseded": "govuk-tag--yellow",
}


def status_tag(status: str, label: str) -> dict[str, str]:
    return {"text": label, "classes": STATUS_TAG_CLASSES.get(status, "")}


@dataclass(frozen=True)
class DiffLine:
    change: str  # "Added", "Removed" or "" for unchanged context
    text: str


def compare_texts(old: str, new: str, *, context: int = 2) -> list[DiffLine]:
    """The changed lines between two texts with a little context, each labelled in words (not
    only colour) so screen reader users hear what changed."""
    lines: list[DiffLine] = []
    before, after = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if lines:
            lines.append(DiffLine(change="", text="…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(DiffLine("", line) for line in before[i1:i2])
                continue
            lines.extend(DiffLine("Removed", line) for line in before[i1:i2])
            lines.extend(DiffLine("Added", line) for line in after[j1:j2])
    return lines


def diff_table_rows(lines: list[DiffLine]) -> list[list[dict[str, Any]]]:
    rows: list[list[dict[str, Any]]] = []
    for line in lines:
        if line.change == "Added":
            text = Markup("<ins>{}</ins>").format(line.text or " ")
        elif line.change == "Removed":
            text = Markup("<del>{}</del>").format(line.text or " ")
        else:
            text = Markup("{}").format(line.text)
        rows.append([{"text": line.change or "Unchanged"}, {"html": text}])
    return rows


@dataclass(frozen=True)
class ModuleRow:
    module: Module
    status: str
    tag_classes: str
    detail: str


def module_rows(
    *, modules: list[Module], completions: dict[int, Completion], today: datetime.date
) -> list[ModuleRow]:
    """Each module with where this person stands: not started, passed until a date, or due."""
    rows = []
    for module in modules:
        latest = completions.get(module.pk)
        if latest is None:
            rows.append(ModuleRow(module, "To do", "govuk-tag--grey", "Not completed yet"))
        elif latest.expires_on <= today:
            detail = f"Expired on {date_filter(latest.expires_on)}: take the refresher"
            rows.append(ModuleRow(module, "Refresher due", "govuk-tag--red", detail))
        else:
            detail = f"Passed on {date_filter(latest.completed_on)}, valid until {date_filter(latest.expires_on)}"
            rows.append(ModuleRow(module, "Completed", "govuk-tag--green", detail))
    return rows
