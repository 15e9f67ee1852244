"""What the calendar's pages show, shaped for GOV.UK components so templates hold no logic."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.urls import NoReverseMatch, reverse
from markupsafe import Markup

from herald.estate.networks import Network
from herald.estate.presenters import Cell, filter_items, head, link
from herald.publishing.calendar import dates
from herald.publishing.calendar.recurrence import describe
from herald.publishing.calendar.selectors import GONE, TENTATIVE, Day, Entry, moment_of
from herald.publishing.models import Post

if TYPE_CHECKING:
    from herald.publishing.calendar.csvio import PlannedPost, RowError
    from herald.publishing.calendar.services import ShortfallRow
    from herald.publishing.models import Campaign, PostVariant, Recurrence

Row = list[Cell]
NETWORKS = dict(Network.choices)

TAG_COLOURS = {
    "draft": "govuk-tag--grey",
    "returned": "govuk-tag--grey",
    "awaiting_approval": "govuk-tag--light-blue",
    "approved": "govuk-tag--turquoise",
    "scheduled": "govuk-tag--blue",
    "held": "govuk-tag--orange",
    "needs_rescheduling": "govuk-tag--yellow",
    "publishing": "govuk-tag--purple",
    "published": "govuk-tag--green",
    "failed": "govuk-tag--red",
    "unconfirmed": "govuk-tag--pink",
    "withdrawn": "govuk-tag--grey",
    "rejected": "govuk-tag--red",
}


def status_tag(post: Post) -> Markup:
    label = post.get_status_display()
    if post.status in TENTATIVE:
        label = f"{label} (tentative)"
    return Markup('<strong class="govuk-tag {}">{}</strong>').format(
        TAG_COLOURS.get(post.status, ""), label
    )


def post_link(post: Post) -> Markup | str:
    """A link to the post's own page (publishing's posts pages), or its title alone."""
    try:
        return link(reverse("publishing:post", args=[post.public_id]), post.title)
    except NoReverseMatch:
        return post.title


def accounts_html(variants: Iterable[PostVariant]) -> Markup:
    names = [
        Markup("{} <span class='govuk-body-s'>({})</span>").format(
            v.account.name, NETWORKS.get(v.account.network, v.account.network)
        )
        for v in variants
    ]
    return Markup("<br>").join(names)


def when_text(moment: datetime.datetime | None) -> str:
    if moment is None:
        return "No time set"
    return f"{dates.local(moment):%-d %B %Y, %H:%M}"


def day_heading(day: datetime.date) -> str:
    return f"{day:%A %-d %B}"


ENTRY_HEAD = head("Time", "Post", "Accounts", "Status", "Campaign")


def _post_cell(post: Post, *, planner: bool) -> Markup:
    """The post's title, whether it repeats, and (for planners) a link to repeat it."""
    cell = Markup("{}").format(post_link(post))
    if post.recurrence_id is not None:
        return cell + Markup('<br><span class="govuk-body-s">Repeats</span>')
    if planner and post.scheduled_for is not None and post.status not in GONE:
        return cell + Markup(
            '<br><a class="govuk-link govuk-body-s" href="{}">Repeat'
            '<span class="govuk-visually-hidden"> {}</span></a>'
        ).format(reverse("publishing:calendar_post_repeat", args=[post.public_id]), post.title)
    return cell


def entry_rows(entries: Iterable[Entry], *, planner: bool = False) -> list[Row]:
    return [
        [
            {"text": f"{entry.at:%H:%M}"},
            {"html": _post_cell(entry.post, planner=planner)},
            {"html": accounts_html(entry.variants)},
            {"html": status_tag(entry.post)},
            {"html": campaign_link(entry.post.campaign) if entry.post.campaign else ""},
        ]
        for entry in entries
    ]


def days(found: Iterable[Day], *, planner: bool = False) -> list[dict[str, Any]]:
    return [
        {
            "heading": day_heading(d.day),
            "id": f"day-{d.day.isoformat()}",
            "today": d.day == dates.today(),
            "rows": entry_rows(d.entries, planner=planner),
            "count": len(d.entries),
        }
        for d in found
    ]


def campaign_link(campaign: Campaign) -> Markup:
    return link(reverse("publishing:calendar_campaign", args=[campaign.public_id]), campaign.name)


def _dates_text(campaign: Campaign) -> str:
    starts, ends = campaign.starts_on, campaign.ends_on
    if starts and ends:
        return f"{starts:%-d %b %Y} to {ends:%-d %b %Y}"
    if starts:
        return f"From {starts:%-d %b %Y}"
    if ends:
        return f"Until {ends:%-d %b %Y}"
    return "No dates"


CAMPAIGN_HEAD = head("Campaign", "Service", "Dates", "Consultation")


def campaign_rows(campaigns: Iterable[Campaign]) -> list[Row]:
    return [
        [
            {"html": campaign_link(c)},
            {"text": c.service.name if c.service else "Whole council"},
            {"text": _dates_text(c)},
            {"text": "Yes" if c.is_consultation else "No"},
        ]
        for c in campaigns
    ]


def campaign_summary(campaign: Campaign) -> list[dict[str, Any]]:
    rows = [
        ("Service", campaign.service.name if campaign.service else "Whole council"),
        ("Dates", _dates_text(campaign)),
        ("Consultation or engagement", "Yes" if campaign.is_consultation else "No"),
        ("What it is for", campaign.description or "Not given"),
    ]
    if campaign.archived_at:
        rows.append(("Archived", when_text(campaign.archived_at)))
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]


CAMPAIGN_POSTS_HEAD = head("When", "Post", "Accounts", "Status")


def campaign_post_rows(posts: Iterable[Post]) -> list[Row]:
    return [
        [
            {"text": when_text(moment_of(p))},
            {"html": post_link(p)},
            {"html": accounts_html(p.variants.all())},
            {"html": status_tag(p)},
        ]
        for p in posts
    ]


SHORTFALL_HEAD = head(
    "Account",
    "Target a week",
    "This week",
    "Weeks before (latest first)",
    "Next free slot",
    "Action",
)


def shortfall_rows(rows: Iterable[ShortfallRow], *, editable: bool) -> list[Row]:
    out: list[Row] = []
    for row in rows:
        account = row.schedule.account
        name = Markup("{} <span class='govuk-body-s'>({})</span>").format(
            account.name, NETWORKS.get(account.network, account.network)
        )
        if row.falling_short:
            name = Markup(
                '{}<br><strong class="govuk-tag govuk-tag--red">Falling short</strong>'
            ).format(name)
        edit: Cell = {"text": ""}
        if editable:
            edit = {
                "html": Markup(
                    '<a class="govuk-link" href="{}">Change<span class="govuk-visually-hidden">'
                    " the schedule of {}</span></a>"
                ).format(
                    reverse("publishing:calendar_schedule", args=[row.schedule.public_id]),
                    account.name,
                )
            }
        out.append(
            [
                {"html": name},
                {"text": str(row.target), "format": "numeric"},
                {"text": str(row.this_week), "format": "numeric"},
                {"text": ", ".join(str(n) for n in row.past_weeks)},
                {"text": when_text(row.next_slot) if row.next_slot else ""},
                edit,
            ]
        )
    return out


RECURRENCE_HEAD = head("Post", "Repeats", "Started by", "Status", "Action")


def recurrence_rows(
    series: Iterable[Recurrence], originals: dict[int, Post], *, editable: bool
) -> list[Row]:
    out: list[Row] = []
    for s in series:
        original = originals.get(s.pk)
        stop: Cell = {"text": ""}
        if editable and s.stopped_at is None:
            stop = {
                "html": Markup(
                    '<a class="govuk-link" href="{}">Stop<span class="govuk-visually-hidden">'
                    " repeating {}</span></a>"
                ).format(
                    reverse("publishing:calendar_recurrence_stop", args=[s.public_id]),
                    original.title if original else "this series",
                )
            }
        out.append(
            [
                {"html": post_link(original) if original else "(no post)"},
                {"text": describe(s)},
                {"text": s.created_by.display_name},
                {"text": f"Stopped {when_text(s.stopped_at)}" if s.stopped_at else "Running"},
                stop,
            ]
        )
    return out


IMPORT_HEAD = head("When", "Title", "Accounts", "Campaign", "Rows")


def import_rows(planned: Iterable[PlannedPost]) -> list[Row]:
    return [
        [
            {"text": when_text(p.scheduled_for)},
            {"text": p.title},
            {"text": ", ".join(v.account.handle for v in p.variants)},
            {"text": p.campaign.name if p.campaign else ""},
            {"text": ", ".join(str(n) for n in p.rows)},
        ]
        for p in planned
    ]


PROBLEM_HEAD = head("Row", "Column", "Problem")


def problem_rows(errors: Iterable[RowError]) -> list[Row]:
    return [
        [{"text": str(e.row) if e.row else ""}, {"text": e.column}, {"text": e.message}]
        for e in errors
    ]


__all__ = ["filter_items", "head"]
