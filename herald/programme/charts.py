"""Charts as server-rendered SVG, the same markup in the page and the PDF. Every chart has a
title and a one-sentence description for screen readers, and its figures are always also shown
in a table beside it (the chart adds nothing the table does not say)."""

from __future__ import annotations

import datetime
import math
from html import escape

WIDTH, HEIGHT = 640, 240
LEFT, BOTTOM, TOP = 64, 40, 16
BAR = "#1d70b8"
AXIS = "#0b0c0c"


def _scale_top(values: list[float]) -> float:
    """The axis maximum: the smallest 1, 2, 2.5 or 5 times a power of ten at or above the data."""
    top = max([abs(v) for v in values] + [0.0])
    if top == 0:
        return 1.0
    magnitude = 10.0 ** math.floor(math.log10(top))
    return next(step * magnitude for step in (1, 2, 2.5, 5, 10) if step * magnitude >= top)


def bar_chart(
    *,
    chart_id: str,
    title: str,
    series: list[tuple[datetime.date, float | None]],
    shown: list[str],
) -> str:
    """Monthly bars (a gap where there is no figure); negative values hang below the axis."""
    values = [v for _, v in series if v is not None]
    top = _scale_top(values)
    has_negative = any(v < 0 for v in values)
    plot_h = HEIGHT - BOTTOM - TOP
    zero = TOP + (plot_h / 2 if has_negative else plot_h)
    unit_h = (plot_h / 2 if has_negative else plot_h) / top
    step = (WIDTH - LEFT - 8) / max(len(series), 1)
    parts = [
        f'<svg class="programme-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">Bar chart by month; the table that follows gives the figures.'
        "</desc>",
        f'<line x1="{LEFT}" y1="{zero:.1f}" x2="{WIDTH - 4}" y2="{zero:.1f}" stroke="{AXIS}"/>',
        f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end" font-size="12" fill="{AXIS}">'
        f"{escape(_short(top))}</text>",
        f'<text x="{LEFT - 6}" y="{zero + 4:.1f}" text-anchor="end" font-size="12" '
        f'fill="{AXIS}">0</text>',
    ]
    if has_negative:
        parts.append(
            f'<text x="{LEFT - 6}" y="{HEIGHT - BOTTOM + 4}" text-anchor="end" font-size="12" '
            f'fill="{AXIS}">-{escape(_short(top))}</text>'
        )
    for index, ((month, value), label) in enumerate(zip(series, shown, strict=True)):
        x = LEFT + index * step + step * 0.15
        if value is not None:
            h = abs(value) * unit_h
            y = zero - h if value >= 0 else zero
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" height="{h:.1f}" '
                f'fill="{BAR}"><title>{month:%B %Y}: {escape(label)}</title></rect>'
            )
        parts.append(
            f'<text x="{x + step * 0.35:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
            f'font-size="12" fill="{AXIS}">{month:%b %y}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _short(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:g}m"
    if value >= 1000:
        return f"{value / 1000:g}k"
    return f"{value:g}"
