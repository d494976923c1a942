"""Dated values and the one rule of the value in force on a date, used by every part of the project.

A dated value applies from its ``effective`` date (inclusive) until the day before the next one's; before the first
there is none. The engine (dibao standards, prefecture parameters, a county's township limits), the standards
checks, the standards diff, the county pages and the figures the 测算 page embeds all look values up through
:meth:`DatedSeries.in_force` or the periods of :meth:`DatedSeries.periods`.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Generic, Protocol, TypeVar

from calculator.records import record

# A standard whose newest value took effect more than this many months before the date asked is "probably
# replaced": Yunnan has raised its standards almost every year (the result warns; the validator reminds).
STALE_AFTER_MONTHS = 18


class HasEffective(Protocol):
    """Anything dated: a value with the day it takes effect."""

    @property
    def effective(self) -> dt.date: ...


T = TypeVar("T", bound=HasEffective)


@record
class DatedValue:
    """A plain dated value (``effective`` date, ``value`` of any kind): for data read before it is typed."""

    effective: dt.date
    value: object


@record
class Period(Generic[T]):
    """The span in which one dated value is in force: ``start`` to ``end`` inclusive (``end`` None: still open)."""

    start: dt.date
    end: dt.date | None
    value: T


@record
class DatedSeries(Generic[T]):
    """Dated values sorted by effective date (equal dates keep their order; the last of them wins)."""

    values: tuple[T, ...]

    @classmethod
    def of(cls, values) -> DatedSeries:
        """A series of ``values`` (any iterable of dated values) sorted by effective date, stable."""
        return cls(tuple(sorted(values, key=lambda v: v.effective)))

    def in_force(self, on: dt.date) -> T | None:
        """The value in force on ``on``: the last with ``effective`` ≤ ``on``; None before the first."""
        index = bisect.bisect_right([v.effective for v in self.values], on)
        return self.values[index - 1] if index else None

    def periods(self) -> list[Period[T]]:
        """Each value with the span in which it is in force (a value replaced on its own first day has none)."""
        out = []
        for value, following in zip(self.values, self.values[1:] + (None,), strict=True):
            end = None if following is None else following.effective - dt.timedelta(days=1)
            if end is None or end >= value.effective:
                out.append(Period(value.effective, end, value))
        return out


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, the day clipped to the month's end (08-31 + 6 → 02-28)."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    # The month's last day is the day before the next month's first (datetime only: the 测算 page's Python does not
    # ship the calendar module).
    last = (dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month + 1, min(day.day, last))
