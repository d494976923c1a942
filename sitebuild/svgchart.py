"""A small step chart of dated standards as inline SVG text, made at build time (no JavaScript, no fonts).

Readable on a 360-px phone: the SVG has a ``viewBox`` and ``width="100%"`` (its height follows the aspect
ratio), and the text is large in viewBox units so that it stays about 12 px high when the chart is scaled
down to a phone's width. ``<title>`` and ``<desc>`` (referenced by ``aria-labelledby``) describe the chart
for screen readers; the page shows the same figures in a table as well.

Coordinates are computed from dates and exact amounts and printed with one decimal: the same input always
gives the same text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from html import escape

WIDTH = 400
HEIGHT = 292
LEFT, RIGHT, TOP, BOTTOM = 46, 60, 66, 244  # the plot area inside the viewBox
MIN_LABEL_GAP = 46  # viewBox units between two year labels (a year label at font size 18 is ~40 wide)
FONT = "font-family=\"sans-serif\""
TICK_STEPS = (50, 100, 200, 250, 500, 1000, 2000, 5000)


@dataclass(frozen=True)
class Line:
    """One series: ``steps`` are ``(date, value in 元, text)``: the value holds from its date until the next;
    ``text`` is how the value is written at the end of the line (as the page writes it).

    ``label`` is the legend text, ``color`` its stroke colour (any CSS colour).
    """

    label: str
    color: str
    steps: tuple[tuple[dt.date, Fraction, str], ...]


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _x(day: dt.date, start: dt.date, end: dt.date) -> float:
    span = (end - start).days or 1
    return LEFT + (WIDTH - LEFT - RIGHT) * (day - start).days / span


def _y(value: Fraction, top_value: int) -> float:
    return BOTTOM - (BOTTOM - TOP) * float(value) / top_value


def _tick_step(top: Fraction) -> int:
    for step in TICK_STEPS:
        if top / step <= 4:
            return step
    return TICK_STEPS[-1]


def _step_at(steps: tuple[tuple[dt.date, Fraction, str], ...], day: dt.date) -> tuple | None:
    found = None
    for step in steps:
        if step[0] <= day:
            found = step
    return found


def _value_at(steps: tuple[tuple[dt.date, Fraction, str], ...], day: dt.date) -> Fraction | None:
    found = _step_at(steps, day)
    return None if found is None else found[1]


def _path(steps: tuple[tuple[dt.date, Fraction, str], ...], frm: dt.date, to: dt.date, start: dt.date, end: dt.date,
          top: int) -> str:
    """The step path drawn from ``frm`` to ``to`` (horizontal, then vertical at each change), on the scale of
    the whole chart (``start`` … ``end``)."""
    parts: list[str] = []
    current = _value_at(steps, frm)
    if current is not None:
        parts.append(f"M{_num(_x(frm, start, end))} {_num(_y(current, top))}")
    for when, value, _text in steps:
        if not frm < when < to:
            continue
        x = _num(_x(when, start, end))
        if current is None:
            parts.append(f"M{x} {_num(_y(value, top))}")
        elif value != current:
            parts.append(f"H{x} V{_num(_y(value, top))}")
        current = value
    if current is not None:
        parts.append(f"H{_num(_x(to, start, end))}")
    return " ".join(parts)


def _spread(positions: list[float], gap: float) -> list[float]:
    """End labels' y positions moved apart so that no two are closer than ``gap`` (order kept)."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    out = list(positions)
    for a, b in zip(order, order[1:], strict=False):
        if out[b] - out[a] < gap:
            out[b] = out[a] + gap
    return out


def step_chart(chart_id: str, title: str, desc: str, lines: list[Line], start: dt.date, end: dt.date,
               as_of: dt.date, unit: str = "元/人·月") -> str:
    """The SVG text: ``lines`` from ``start`` to ``end``; solid up to ``as_of`` (marked), dashed after it.

    ``chart_id`` must be unique within the page (it prefixes the ids of ``<title>`` and ``<desc>``).

    Longer than 60 lines on purpose: it is the drawing, scales first, then axes, lines and labels, in the order the
    SVG is written; the scales are shared by every part.
    """
    values = [v for line in lines for _, v, _t in line.steps]
    top_value = max(values) if values else Fraction(100)
    step = _tick_step(top_value)
    top = -(-int(top_value) // step) * step
    if top <= top_value:
        top += step
    t_id, d_id = f"{chart_id}-title", f"{chart_id}-desc"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="std-chart-svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="{t_id} {d_id}" {FONT} font-size="18">',
        f'<title id="{t_id}">{escape(title)}</title>',
        f'<desc id="{d_id}">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    # legend (one row) and the unit of the y axis
    x = 4.0
    for line in lines:
        out.append(f'<line x1="{_num(x)}" y1="19" x2="{_num(x + 22)}" y2="19" stroke="{line.color}" '
                   'stroke-width="4"/>')
        out.append(f'<text x="{_num(x + 28)}" y="25" font-size="17" fill="#212121">{escape(line.label)}</text>')
        x += 28 + 17 * len(line.label) + 14
    out.append(f'<text x="4" y="{TOP - 14}" font-size="16" fill="#424242">{escape(unit)}</text>')
    # horizontal grid and y ticks
    for tick in range(0, top + 1, step):
        y = _num(_y(Fraction(tick), top))
        out.append(f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - RIGHT}" y2="{y}" stroke="#e0e0e0" stroke-width="1"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y}" dy="5" text-anchor="end" fill="#424242">{tick}</text>')
    # x ticks: 1 January of each year inside the range; labels thinned to at most 8
    years = [dt.date(y, 1, 1) for y in range(start.year + 1, end.year + 1) if start < dt.date(y, 1, 1) <= end]
    per_year = (WIDTH - LEFT - RIGHT) * 365 / max((end - start).days, 1)
    every = max(1, -(-MIN_LABEL_GAP // int(per_year)))
    for i, day in enumerate(years):
        xx = _num(_x(day, start, end))
        out.append(f'<line x1="{xx}" y1="{BOTTOM}" x2="{xx}" y2="{BOTTOM + 6}" stroke="#757575" stroke-width="1"/>')
        if (len(years) - 1 - i) % every == 0:  # keep the newest year labelled
            out.append(f'<text x="{xx}" y="{BOTTOM + 24}" text-anchor="middle" fill="#424242">{day.year}</text>')
    out.append(f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 2}" text-anchor="end" font-size="15" '
               'fill="#616161">年份（刻度为1月1日）</text>')
    out.append(f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{WIDTH - RIGHT}" y2="{BOTTOM}" stroke="#757575" '
               'stroke-width="1"/>')
    # the reference date
    if start <= as_of <= end:
        xa = _num(_x(as_of, start, end))
        out.append(f'<line x1="{xa}" y1="{TOP - 4}" x2="{xa}" y2="{BOTTOM}" stroke="#9e9e9e" stroke-width="1.5" '
                   'stroke-dasharray="4 3"/>')
        out.append(f'<text x="{xa}" y="{BOTTOM - 8}" text-anchor="end" dx="-4" font-size="15" '
                   f'fill="#616161">{as_of.isoformat()}</text>')
    # the lines: solid up to the reference date, dashed after it
    cut = min(max(as_of, start), end)
    for line in lines:
        if cut > start:
            out.append(f'<path d="{_path(line.steps, start, cut, start, end, top)}" fill="none" '
                       f'stroke="{line.color}" stroke-width="3" stroke-linejoin="round"/>')
        if cut < end:
            after = _path(line.steps, cut, end, start, end, top)
            out.append(f'<path d="{after}" fill="none" stroke="{line.color}" stroke-width="3" '
                       'stroke-dasharray="6 4" stroke-opacity="0.6"/>')
    # end labels: the value on the reference date, right of the plot
    ends = [(line, _step_at(line.steps, cut)) for line in lines]
    ends = [(line, step) for line, step in ends if step is not None]
    ys = _spread([_y(step[1], top) for _, step in ends], 19)
    for (line, step), y in zip(ends, ys, strict=True):
        out.append(f'<text x="{WIDTH - RIGHT + 4}" y="{_num(y)}" dy="5" font-size="15" font-weight="bold" '
                   f'fill="{line.color}">{escape(step[2])}</text>')
    out.append("</svg>")
    return "\n".join(out)

