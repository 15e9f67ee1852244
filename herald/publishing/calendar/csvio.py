"""The calendar as CSV: export one row per post and account; import planned posts as drafts.

Import is all or nothing: every row is checked first and any problem is reported row by row with
nothing created. Rows with the same date, time and title become one post with a variant for each
row's account (so an exported calendar reads back as the posts it came from).
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from herald.audit.services import Actor, record
from herald.estate.models import SocialAccount
from herald.publishing.calendar import dates
from herald.publishing.calendar.drafts import VariantDraft, create_calendar_draft
from herald.publishing.calendar.selectors import GONE, Filters, moment_of, posts_between
from herald.publishing.models import Campaign, PostVariant

if TYPE_CHECKING:
    from herald.accounts.models import User
    from herald.councils.models import Council
    from herald.publishing.models import Post

EXPORT_COLUMNS = [
    "date",
    "time",
    "account",
    "network",
    "status",
    "title",
    "text",
    "link",
    "campaign",
    "remote_url",
]
IMPORT_COLUMNS = ["date", "time", "account", "title", "text", "link", "campaign"]
REQUIRED_COLUMNS = ["date", "time", "account", "title", "text"]
OPTIONAL_COLUMNS = ["network", "link", "campaign"]
MAX_ROWS = 1000
MAX_BYTES = 1024 * 1024
TITLE_MAX = 200
TEXT_MAX = 10_000


def _safe(value: str) -> str:
    """Cells a spreadsheet would run as a formula get a leading apostrophe."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def export_rows(
    *,
    council: Council,
    first: datetime.date,
    last: datetime.date,
    filters: Filters | None = None,
) -> Iterator[list[str]]:
    """The header, then one row per post and account between ``first`` and ``last`` inclusive."""
    yield EXPORT_COLUMNS
    start, end = dates.start_of_day(first), dates.start_of_day(last + datetime.timedelta(days=1))
    posts = posts_between(council=council, start=start, end=end, filters=filters or Filters())
    rows: list[tuple[datetime.datetime, int, list[str]]] = []
    for post in posts:
        moment = moment_of(post)
        if moment is None or not start <= moment < end:
            continue
        when = dates.local(moment)
        for variant in post.variants.all():
            delivery = getattr(variant, "delivery", None)
            rows.append(
                (
                    when,
                    post.pk,
                    [
                        when.date().isoformat(),
                        when.strftime("%H:%M"),
                        variant.account.handle,
                        variant.account.network,
                        post.status,
                        post.title,
                        variant.text,
                        variant.link,
                        post.campaign.name if post.campaign else "",
                        delivery.remote_url if delivery else "",
                    ],
                )
            )
    for _, _, row in sorted(rows, key=lambda item: (item[0], item[1])):
        yield [_safe(cell) for cell in row]


def write_csv(rows: Iterable[list[str]], out: io.TextIOBase | io.StringIO) -> None:
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(row)


def export_csv(**kwargs: object) -> str:
    out = io.StringIO()
    write_csv(export_rows(**kwargs), out)  # type: ignore[arg-type]
    return out.getvalue()


# Import


@dataclass(frozen=True)
class RowError:
    row: int  # the spreadsheet's row number: 1 is the headings
    column: str
    message: str

    def as_json(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class PlannedPost:
    title: str
    scheduled_for: datetime.datetime
    campaign: Campaign | None
    rows: list[int] = field(default_factory=list)
    variants: list[VariantDraft] = field(default_factory=list)


@dataclass
class ImportResult:
    planned: list[PlannedPost] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    created: list[Post] = field(default_factory=list)
    dry_run: bool = True

    def summary(self) -> dict[str, object]:
        return {
            "rows": sum(len(p.rows) for p in self.planned),
            "posts": len(self.planned),
            "created": len(self.created),
            "errors": len(self.errors),
            "dry_run": self.dry_run,
        }


def _decode(content: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _parse_date(text: str) -> datetime.date | None:
    for shape in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text.strip(), shape).date()
        except ValueError:
            continue
    return None


def _parse_time(text: str) -> datetime.time | None:
    for shape in ("%H:%M", "%H.%M", "%H:%M:%S"):
        try:
            return datetime.datetime.strptime(text.strip(), shape).time()
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class GoodRow:
    number: int
    moment: datetime.datetime
    account: SocialAccount
    title: str
    text: str
    link: str
    campaign: Campaign | None


@dataclass
class RowChecker:
    """Checks one row against the council's open accounts and current campaigns."""

    accounts: dict[str, list[SocialAccount]]
    campaigns: dict[str, Campaign]
    now: datetime.datetime

    @classmethod
    def for_council(cls, council: Council, now: datetime.datetime) -> RowChecker:
        accounts: dict[str, list[SocialAccount]] = {}
        for account in council.social_accounts.exclude(status=SocialAccount.Status.CLOSED):
            accounts.setdefault(account.handle.lower().lstrip("@"), []).append(account)
        campaigns = {c.name.lower(): c for c in council.campaigns.filter(archived_at__isnull=True)}
        return cls(accounts, campaigns, now)

    def check(self, number: int, row: dict[str, str]) -> GoodRow | list[RowError]:
        problems: list[RowError] = []
        moment = self._moment(number, row, problems)
        account = self._account(number, row, problems)
        title = self._text(
            number, row, "title", limit=TITLE_MAX, missing="Enter a title", problems=problems
        )
        body = self._text(
            number,
            row,
            "text",
            limit=TEXT_MAX,
            missing="Enter the text of the post",
            problems=problems,
        )
        link = row.get("link", "")
        if link:
            try:
                URLValidator(schemes=["http", "https"])(link)
            except ValidationError:
                problems.append(
                    RowError(number, "link", "Enter the link as a full address, starting https://")
                )
        name = row.get("campaign", "")
        campaign = self.campaigns.get(name.lower()) if name else None
        if name and campaign is None:
            problems.append(
                RowError(number, "campaign", f"There is no current campaign called {name}")
            )
        if problems or moment is None or account is None:
            return problems
        return GoodRow(number, moment, account, title, body, link, campaign)

    def _moment(
        self, number: int, row: dict[str, str], problems: list[RowError]
    ) -> datetime.datetime | None:
        day = _parse_date(row.get("date", ""))
        time = _parse_time(row.get("time", ""))
        if day is None:
            problems.append(
                RowError(number, "date", "Enter the date as YYYY-MM-DD, like 2027-03-14")
            )
        if time is None:
            problems.append(RowError(number, "time", "Enter the time as HH:MM, like 09:30"))
        if day is None or time is None:
            return None
        moment = dates.at(day, time)
        if moment <= self.now:
            problems.append(RowError(number, "time", "The date and time must be in the future"))
        return moment

    def _account(
        self, number: int, row: dict[str, str], problems: list[RowError]
    ) -> SocialAccount | None:
        handle = row.get("account", "").lower().lstrip("@")
        network = row.get("network", "").lower()
        matches = [a for a in self.accounts.get(handle, []) if not network or a.network == network]
        if not handle:
            problems.append(RowError(number, "account", "Enter the account's handle"))
        elif not matches:
            problems.append(
                RowError(
                    number, "account", f"No open account in the register has the handle {handle}"
                )
            )
        elif len(matches) > 1:
            problems.append(
                RowError(
                    number, "account", f"{handle} is on more than one network: add a network column"
                )
            )
        return matches[0] if len(matches) == 1 else None

    @staticmethod
    def _text(
        number: int,
        row: dict[str, str],
        column: str,
        *,
        limit: int,
        missing: str,
        problems: list[RowError],
    ) -> str:
        value = row.get(column, "")
        if not value:
            problems.append(RowError(number, column, missing))
        elif len(value) > limit:
            problems.append(
                RowError(number, column, f"The {column} must be {limit} characters or fewer")
            )
        return value


def _read_rows(content: bytes, errors: list[RowError]) -> Iterator[tuple[int, dict[str, str]]]:
    """Each non-blank row with its spreadsheet row number; file-level problems go to ``errors``."""
    if len(content) > MAX_BYTES:
        errors.append(RowError(0, "", "The file must be smaller than 1MB"))
        return
    text = _decode(content)
    if text is None:
        errors.append(RowError(0, "", "The file must be a CSV saved as UTF-8"))
        return
    reader = csv.DictReader(io.StringIO(text))
    headings = [(name or "").strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in headings]
    if missing:
        errors.append(
            RowError(1, ", ".join(missing), f"The file needs the columns {', '.join(missing)}")
        )
        return
    reader.fieldnames = headings
    count = 0
    for number, raw in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in raw.items() if isinstance(k, str) and k}
        if not any(row.values()):
            continue
        count += 1
        if count > MAX_ROWS:
            errors.append(RowError(number, "", f"The file must have {MAX_ROWS} rows or fewer"))
            return
        yield number, row
    if count == 0:
        errors.append(RowError(2, "", "The file has no rows of posts"))


def check_import(
    *, council: Council, content: bytes, now: datetime.datetime | None = None
) -> ImportResult:
    """Read and check every row; nothing is written."""
    result = ImportResult()
    checker = RowChecker.for_council(council, now or timezone.now())
    planned: dict[tuple[datetime.datetime, str], PlannedPost] = {}
    for number, row in _read_rows(content, result.errors):
        checked = checker.check(number, row)
        if isinstance(checked, list):
            result.errors.extend(checked)
            continue
        post = planned.setdefault(
            (checked.moment, checked.title),
            PlannedPost(checked.title, checked.moment, checked.campaign),
        )
        if any(v.account.pk == checked.account.pk for v in post.variants):
            result.errors.append(
                RowError(number, "account", f"{checked.title} already goes to that account then")
            )
        elif post.campaign != checked.campaign:
            result.errors.append(
                RowError(number, "campaign", f"Other rows of {checked.title} name another campaign")
            )
        else:
            post.rows.append(number)
            post.variants.append(
                VariantDraft(account=checked.account, text=checked.text, link=checked.link)
            )
    result.planned = sorted(planned.values(), key=lambda p: (p.scheduled_for, p.title))
    result.errors.extend(_already_planned(council, result.planned))
    return result


def _already_planned(council: Council, planned: list[PlannedPost]) -> list[RowError]:
    """Rows whose post (same title and time) already goes to that account: importing a file
    twice, or confirming twice, creates nothing the second time. One query."""
    if not planned:
        return []
    existing = set(
        PostVariant.objects.filter(
            post__council=council, post__scheduled_for__in=[p.scheduled_for for p in planned]
        )
        .exclude(post__status__in=GONE)
        .values_list("post__scheduled_for", "post__title", "account_id")
    )
    return [
        RowError(row, "title", f"{post.title} is already planned for that account at that time")
        for post in planned
        for row, variant in zip(post.rows, post.variants, strict=True)
        if (post.scheduled_for, post.title, variant.account.pk) in existing
    ]


def import_calendar(
    *,
    council: Council,
    content: bytes,
    author: User,
    actor: Actor,
    dry_run: bool = False,
    file_name: str = "",
) -> ImportResult:
    """Check the file and, if every row is good and this is no dry run, create one draft per
    planned post, all in one transaction (a failure part-way creates none)."""
    result = check_import(council=council, content=content)
    result.dry_run = dry_run
    if result.errors or dry_run:
        return result
    with transaction.atomic():
        for planned in result.planned:
            result.created.append(
                create_calendar_draft(
                    council=council,
                    author=author,
                    title=planned.title,
                    scheduled_for=planned.scheduled_for,
                    variants=planned.variants,
                    campaign=planned.campaign,
                    actor=actor,
                )
            )
        record(
            council=council,
            actor=actor,
            action="publishing.calendar_imported",
            summary=f"Imported {len(result.created)} planned posts"
            + (f" from {file_name}" if file_name else ""),
            changes={"posts": len(result.created), "file": file_name},
        )
    return result
