"""Display shapes for the insight pages: SVG chart geometry (each chart is followed by a table
of the same figures), table rows for GOV.UK tables, and authors as the council allows."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from herald.listening.insight.dashboard import SENTIMENTS, Dashboard, Tally
from herald.listening.insight.mentions import mention_key

if TYPE_CHECKING:
    from herald.listening.models import Mention

WIDTH, HEIGHT, FOOT = 720, 220, 24
COLOURS = {"positive": "#00703c", "neutral": "#505a5f", "negative": "#d4351c"}


def head(*labels: str, numeric: tuple[int, ...] = ()) -> list[dict[str, str]]:
    return [
        {"text": label, **({"format": "numeric"} if index in numeric else {})}
        for index, label in enumerate(labels)
    ]


def cell(value: object, *, numeric: bool = False) -> dict[str, object]:
    return {"text": value, **({"format": "numeric"} if numeric else {})}


def link_cell(text: str, href: str) -> dict[str, object]:
    return {"text": text, "link": href}


def local(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%-d %b %Y %H:%M}"


def mention_path(mention: Mention) -> str:
    return f"/listening/mentions/{mention.network}/{mention_key(mention)}/"


def web_link(url: str) -> str:
    """A link to the original only when it is a web address (never javascript: or data:)."""
    return url if url.startswith(("https://", "http://")) else ""


def author(mention_handle: str, index: int, *, shown: bool) -> str:
    """An author as the council allows: the handle, or a stand-in that tells authors apart."""
    return mention_handle if shown else f"Author {index}"


def _label_every(days: int) -> int:
    return max(1, -(-days // 12))  # at most about twelve labels under a chart


def volume_chart(board: Dashboard) -> dict[str, Any]:
    """Stacked bars a day (positive, neutral, negative) with capture gaps shaded."""
    days = board.days
    most = max((t.total for t in board.per_day.values()), default=0) or 1
    slot = WIDTH / max(len(days), 1)
    scale = (HEIGHT - FOOT - 10) / most
    every = _label_every(len(days))
    bars = []
    for index, day in enumerate(days):
        tally = board.per_day[day]
        x, bottom = round(index * slot + slot * 0.1, 1), HEIGHT - FOOT
        parts = []
        for sentiment in ("positive", "neutral", "negative"):
            height = round(getattr(tally, sentiment) * scale, 1)
            bottom -= height
            parts.append({"y": round(bottom, 1), "height": height, "fill": COLOURS[sentiment]})
        bars.append(
            {
                "x": x,
                "width": round(slot * 0.8, 1),
                "parts": parts,
                "title": f"{day:%A %-d %B}: {tally.total} mentions, {tally.positive} positive, "
                f"{tally.neutral} neutral, {tally.negative} negative",
                "label": f"{day:%-d %b}" if index % every == 0 else "",
                "label_x": round(x + slot * 0.4, 1),
            }
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "base": HEIGHT - FOOT,
        "bars": bars,
        "gaps": _gap_bands(board, slot),
    }


def _gap_bands(board: Dashboard, slot: float) -> list[dict[str, Any]]:
    first = board.days[0]
    bands = []
    for gap in board.gaps:
        start = max(timezone.localtime(gap.started_at).date(), first)
        end = min(timezone.localtime(gap.ended_at or timezone.now()).date(), board.days[-1])
        if end < start:
            continue
        x = (start - first).days * slot
        bands.append(
            {
                "x": round(x, 1),
                "width": round(((end - start).days + 1) * slot, 1),
                "title": f"Capture gap: {gap.source.name}, {gap.reason[:80]}",
            }
        )
    return bands


def net_chart(board: Dashboard) -> dict[str, Any]:
    """Net sentiment a day (−100 to +100) as a line with a point a day; empty days skipped."""
    days = board.days
    slot = WIDTH / max(len(days), 1)
    middle, half = (HEIGHT - FOOT) / 2, (HEIGHT - FOOT) / 2 - 8
    points = []
    for index, day in enumerate(days):
        net = board.per_day[day].net
        if net is None:
            continue
        points.append(
            {
                "x": round(index * slot + slot / 2, 1),
                "y": round(middle - net / 100 * half, 1),
                "title": f"{day:%A %-d %B}: net sentiment {net:+.0f}",
            }
        )
    line = " ".join(f"{p['x']},{p['y']}" for p in points)
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "zero": round(middle, 1),
        "points": points,
        "line": line,
        "top": round(middle - half, 1),
        "bottom": round(middle + half, 1),
    }


def share_bars(items: list[tuple[str, Tally]]) -> dict[str, Any]:
    """Horizontal bars: each query's share of all query matches (share of voice)."""
    rows = []
    for index, ((name, _), share) in enumerate(zip(items[:10], voice_shares(items), strict=False)):
        rows.append(
            {
                "y": index * 28 + 4,
                "width": round(share / 100 * (WIDTH - 260), 1),
                "name": name[:32],
                "share": f"{share:.0f}%",
                "text_y": index * 28 + 19,
            }
        )
    return {"width": WIDTH, "height": max(len(rows), 1) * 28 + 8, "rows": rows}


def voice_shares(items: list[tuple[Any, Tally]]) -> list[float]:
    """Each item's share (%) of all the items' mentions: a query's share of voice."""
    whole = sum(t.total for _, t in items) or 1
    return [100 * tally.total / whole for _, tally in items]


def tally_row(name: str, tally: Tally) -> list[dict[str, object]]:
    net = "–" if tally.net is None else f"{tally.net:+.0f}"
    return [
        cell(name),
        cell(tally.total, numeric=True),
        cell(f"{tally.share('positive'):.0f}%", numeric=True),
        cell(f"{tally.share('negative'):.0f}%", numeric=True),
        cell(net, numeric=True),
    ]


TALLY_HEAD = ("Mentions", "Positive", "Negative", "Net sentiment")


def _day_rows(board: Dashboard) -> list[list[dict[str, object]]]:
    return [
        [
            cell(f"{day:%a %-d %b %Y}"),
            cell(t.total, numeric=True),
            cell(t.positive, numeric=True),
            cell(t.neutral, numeric=True),
            cell(t.negative, numeric=True),
            cell("–" if t.net is None else f"{t.net:+.0f}", numeric=True),
        ]
        for day, t in board.per_day.items()
    ]


def _tally_head(first: str) -> list[dict[str, str]]:
    return head(first, *TALLY_HEAD, numeric=(1, 2, 3, 4))


def dashboard_page(board: Dashboard, *, authors_shown: bool) -> dict[str, Any]:
    """Everything the dashboard template places: charts, their tables and the lists."""
    day_head = ("Day", "Mentions", "Positive", "Neutral", "Negative", "Net sentiment")
    return {
        "board": board,
        "volume": volume_chart(board),
        "net": net_chart(board),
        "voice": share_bars([(q.name, t) for q, t in board.queries]),
        "day_head": head(*day_head, numeric=(1, 2, 3, 4, 5)),
        "day_rows": _day_rows(board),
        "tally_head": _tally_head,
        "service_rows": [tally_row(n.replace("_", " "), t) for n, t in board.services[:10]],
        "source_rows": [tally_row(n, t) for n, t in board.sources[:10]],
        "topic_rows": [tally_row(n, t) for n, t in board.topics],
        "query_rows": [tally_row(q.name, t) for q, t in board.queries[:10]],
        "authors": [
            (author(handle, index, shown=authors_shown), network, count)
            for index, (handle, network, count) in enumerate(board.authors, start=1)
        ],
        "authors_shown": authors_shown,
        "engaged": [(m, mention_path(m), local(m.posted_at)) for m in board.engaged],
        "gaps": [
            (g, local(g.started_at), local(g.ended_at) if g.ended_at else "Still failing")
            for g in board.gaps
        ],
    }


def tally_figures(tally: Tally) -> dict[str, Any]:
    """A tally as plain numbers: counts, each sentiment's share (%) and net sentiment."""
    return {
        "mentions": tally.total,
        **{sentiment: getattr(tally, sentiment) for sentiment in SENTIMENTS},
        "engagement": tally.engagement,
        **{f"{sentiment}_share": tally.share(sentiment) for sentiment in SENTIMENTS},
        "net_sentiment": tally.net,
    }


def summary_figures(board: Dashboard) -> dict[str, Any]:
    """The dashboard's figures as plain data for the API (no authors: they are the page's, and
    minimised there)."""
    voice = voice_shares(board.queries)
    return {
        "start": board.filters.start,
        "end": board.filters.end,
        "total": tally_figures(board.total),
        "per_day": [{"day": day, **tally_figures(t)} for day, t in board.per_day.items()],
        "services": [{"name": name, **tally_figures(t)} for name, t in board.services[:10]],
        "sources": [{"name": name, **tally_figures(t)} for name, t in board.sources[:10]],
        "queries": [
            {
                "id": q.public_id,
                "name": q.name,
                "topic": q.topic,
                **tally_figures(t),
                "share_of_voice": round(share, 1),
            }
            for (q, t), share in zip(board.queries, voice, strict=True)
        ],
        "gaps": [
            {
                "source": g.source.name,
                "started_at": g.started_at,
                "ended_at": g.ended_at,
                "reason": g.reason,
            }
            for g in board.gaps
        ],
    }
