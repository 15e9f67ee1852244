"""The author's sections of a committee report, and what a new draft starts with."""

from __future__ import annotations

from dataclasses import dataclass

from herald.programme.periods import Period


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    hint: str


SECTIONS = (
    Section("purpose", "Purpose of the report", "One or two sentences: what the report is for."),
    Section(
        "background",
        "Background",
        "What the committee approved and when, and anything that has changed since.",
    ),
    Section(
        "commentary",
        "Commentary on the figures",
        "What the figures below show, in the author's words.",
    ),
    Section("risks", "Risks and issues", "Risks and issues the committee should know about."),
    Section(
        "financial",
        "Financial implications",
        "Whether spending remains within existing budgets (paragraph 25 of the original report).",
    ),
    Section(
        "recommendations",
        "Recommendations",
        "What the committee is asked to do, one recommendation a line.",
    ),
    Section("author", "Report author", "The name and title of the person presenting the report."),
    Section("contact", "Contact for enquiries", "Who to contact about the report."),
)
KEYS = tuple(s.key for s in SECTIONS)
TO_COMPLETE = "[For the report's author to complete]"


def starting_sections(*, council_name: str, period: Period) -> dict[str, str]:
    """A new draft's sections: the parts Herald can write, and markers for the author's."""
    return {
        "purpose": (
            f"To report to Policy Committee on the implementation of the Social Media Policy, "
            f"Strategy and Guidelines of {council_name} for the period {period.label}, as the "
            "Committee asked when it approved them."
        ),
        "background": (
            "Policy Committee approved the revised Social Media Policy, Strategy and Guidelines and "
            "asked to receive a report in six months' time on the implementation of the new Policy. "
            "The Strategy sets three aims: to achieve value for money and cost savings; to increase "
            "positive reputation through customer satisfaction and service take-up; and to increase "
            "participation in the democratic process. It set a timetable of five phases."
        ),
        "commentary": TO_COMPLETE,
        "risks": TO_COMPLETE,
        "financial": TO_COMPLETE,
        "recommendations": "Notes the progress made in implementing the Social Media Policy.\n"
        + TO_COMPLETE,
        "author": TO_COMPLETE,
        "contact": TO_COMPLETE,
    }
