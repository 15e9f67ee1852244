"""Charts: a round axis top, negative values marked, text escaped, an image for screen readers."""

from __future__ import annotations

import datetime

from herald.programme.charts import _scale_top, bar_chart


def test_a_chart_scales_to_a_round_top_and_marks_negative_values() -> None:
    assert [_scale_top([v]) for v in (0.4, 7, 10, 10520, 180, 2.3)] == [
        0.5,
        10,
        10,
        20000,
        200,
        2.5,
    ]
    month = datetime.date(2026, 1, 1)
    svg = bar_chart(chart_id="c", title="Net <sentiment>", series=[(month, -40.0)], shown=["-40"])
    assert "Net &lt;sentiment&gt;" in svg
    assert ">-50</text>" in svg
    assert 'role="img"' in svg
