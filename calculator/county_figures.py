"""Figures that do not depend on the household, per county and date: one copy for the whole site.

At build time the site computes, with these functions, every county's dibao standards, caps, township limit
and the 1000 元 tier for each period in which they are constant: the 测算 page embeds them (it picks the period
of the chosen date and shows the figures before Python starts), and the county standards pages
(``sitebuild/standards_pages.py``) and the clause notes show them. The full assessment still runs in the engine.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from calculator import rules
from calculator.application import MAX_HOUSEHOLD_SIZE
from calculator.dated import DatedSeries, DatedValue
from calculator.money import fen_to_yuan_text as yuan
from calculator.records import record
from calculator.standards import RURAL, URBAN, Bundle, County, DibaoInForce


def change_dates(bundle: Bundle, county: County) -> list[dt.date]:
    """Every date from which one of the county's household-independent figures may change, sorted.

    Effective dates of the provincial floor, the county's own series and local refinements, and the prefecture
    parameters; and 1 January of every year from the first date to the year after the last change (the
    township limit follows the standard of the previous 31 December, clause 2-2-3).
    """
    first = bundle.first_date()
    dates = {first}
    for series in (bundle.floor_urban, bundle.floor_rural, county.urban, county.rural):
        dates.update(v.effective for v in series.values)
    for param in bundle.parameters.values():
        dates.update(v.effective for v in param.values)
    dates.update(rule.effective for rule in county.local.township_limit.values)
    last = max(dates)
    dates.update(dt.date(year, 1, 1) for year in range(first.year, last.year + 2))
    return sorted(d for d in dates if d >= first)


@record
class CountyFigures:
    """A county's household-independent figures on date ``on``: the dibao standards in force (I1), the caps of
    clause 2-3-1 (I6, fen, exact) and the township approval limit of clause 2-2-3 (I8; None, with ``township_how``
    None, when no standard was in force on the previous 31 December)."""

    on: dt.date
    urban: DibaoInForce
    rural: DibaoInForce
    single_multiple: int
    single_cap: Fraction
    year_multiple: int
    year_cap: Fraction
    township: Fraction | None
    township_how: dict | None


def figures_on(bundle: Bundle, county: County, on: dt.date) -> CountyFigures:
    """The household-independent figures of ``county`` on ``on``, computed by :mod:`calculator.rules`.

    Raises :class:`calculator.rules.StandardMissing` before the first standard.
    """
    urban = bundle.dibao(county, URBAN, on)
    rural = bundle.dibao(county, RURAL, on)
    if urban is None or rural is None:
        raise rules.StandardMissing("低保标准", on)
    single_multiple = rules.parameter_int(bundle, "single_cap_multiple", on)
    year_multiple = rules.parameter_int(bundle, "year_total_multiple", on)
    try:
        township, township_how = rules.township_limit(bundle, county, on)
    except rules.StandardMissing:
        township, township_how = None, None
    return CountyFigures(
        on=on, urban=urban, rural=rural,
        single_multiple=single_multiple, single_cap=rules.general_single_cap(urban.annual, single_multiple),
        year_multiple=year_multiple, year_cap=rules.year_total_cap(urban.annual, year_multiple),
        township=township, township_how=township_how,
    )


def _status(found: DibaoInForce) -> str:
    return "unverified" if found.origin == "province_floor" else found.value.status


def county_figures(bundle: Bundle, county: County, on: dt.date) -> dict:
    """The household-independent figures for ``county`` on ``on`` as the 测算 page shows them (money as 元 strings,
    2 decimals), from :func:`figures_on`.

    Keys: ``urban_monthly`` (元/人·月), ``rural_annual`` (元/人·年), ``rural_monthly`` (annual ÷ 12, half-up),
    ``urban_origin`` / ``rural_origin`` (``county`` | ``province_floor``), ``urban_status`` / ``rural_status``,
    ``single_cap`` (I6, 3 × urban annual), ``year_total_cap`` (I6, 6 × urban annual), ``township_limit`` (I8),
    ``light_emergency_max`` (I7, clause 2-3-2), ``cash_max`` (I9, clause 2-4-1).
    Raises :class:`calculator.rules.StandardMissing` before the first standard, or when the township limit has no
    standard of the previous 31 December.
    """
    figures = figures_on(bundle, county, on)
    if figures.township is None:
        rules.township_limit(bundle, county, on)  # raises StandardMissing, naming what is missing
    urban, rural = figures.urban, figures.rural
    return {
        "urban_monthly": yuan(urban.monthly),
        "urban_effective": urban.value.effective.isoformat(),
        "urban_origin": urban.origin,
        "urban_status": _status(urban),
        "rural_annual": yuan(rural.annual),
        "rural_monthly": yuan(rural.monthly),
        "rural_effective": rural.value.effective.isoformat(),
        "rural_origin": rural.origin,
        "rural_status": _status(rural),
        "single_cap": yuan(figures.single_cap),
        "year_total_cap": yuan(figures.year_cap),
        "township_limit": yuan(figures.township),
        "light_emergency_max": yuan(rules.parameter_int(bundle, "light_emergency_max", on) * 100),
        "cash_max": yuan(rules.parameter_int(bundle, "cash_max", on) * 100),
    }


def county_periods(bundle: Bundle) -> dict:
    """``{code: {"name", "contact", "periods": [{"from", "to", **county_figures}]}}`` for every county.

    A period runs from ``from`` to ``to`` inclusive (ISO dates; ``to`` is None for the last, still open): the
    spans of :meth:`calculator.dated.DatedSeries.periods`, so the page only picks the period whose range holds
    the date. Consecutive dates with identical figures are merged, so the list is short.
    """
    out = {}
    for code, county in bundle.counties.items():
        changes: list[DatedValue] = []
        for day in change_dates(bundle, county):
            figures = county_figures(bundle, county, day)
            if not changes or changes[-1].value != figures:
                changes.append(DatedValue(day, figures))
        periods = [
            {"from": p.start.isoformat(), "to": None if p.end is None else p.end.isoformat(), **p.value.value}
            for p in DatedSeries(tuple(changes)).periods()
        ]
        out[code] = {"name": county.name, "contact": county.local.contact, "periods": periods}
    return out


# The sentence the 测算 page shows before Python has started (issue 18), in the words of explain.py's “差多少”:
# the expenditure type's income condition of clause 2-1-2 for a household with no self-paid spending entered yet.
INCOME_LINE = ("{size} 人家庭，{months} 个月家庭收入扣除个人自付医疗、教育支出后不超过 {income} 元，"
               "即符合支出型救助的收入条件")


def income_line_text(size: int, months: int, income_max: str) -> str:
    """The 测算 page's income line for a household of ``size`` persons: ``months`` (``means_test_months``) and
    ``income_max`` (元 text, as in :func:`income_lines`) filled into :data:`INCOME_LINE`. Clause 2-1-2."""
    return INCOME_LINE.format(size=size, months=months, income=income_max)


def income_lines(bundle: Bundle, sizes: range | None = None) -> dict:
    """The expenditure type's income line (clause 2-1-2, I3) for every county, period, residence and household size.

    ``{code: [{"from", "to", "months", "urban": [元 text for size 1, 2, …], "rural": [...]}]}``: the largest
    six-month income, net of self-paid medical and education spending, in 元 (2 decimals), that is still strictly
    below the dibao standard per person per month, from :func:`calculator.rules.highest_qualifying_income` with no
    spending. ``sizes`` defaults to 1 … ``MAX_HOUSEHOLD_SIZE`` (30), the calculator's own limit; entry ``i`` of a
    list is for ``sizes[i]``. Periods are those of :func:`county_periods`' change dates, merged when the lines do not
    change; ``to`` is inclusive, None for the last. Dates before the first standard have no period.
    """
    sizes = range(1, MAX_HOUSEHOLD_SIZE + 1) if sizes is None else sizes
    out = {}
    for code, county in bundle.counties.items():
        changes: list[DatedValue] = []
        for day in change_dates(bundle, county):
            months = rules.parameter_int(bundle, "means_test_months", day)
            lines = {"months": months}
            for residence in (URBAN, RURAL):
                found = bundle.dibao(county, residence, day)
                if found is None:
                    raise rules.StandardMissing("低保标准", day)
                lines[residence] = [yuan(rules.highest_qualifying_income(0, found.monthly, months, size))
                                    for size in sizes]
            if not changes or changes[-1].value != lines:
                changes.append(DatedValue(day, lines))
        out[code] = [
            {"from": p.start.isoformat(), "to": None if p.end is None else p.end.isoformat(), **p.value.value}
            for p in DatedSeries(tuple(changes)).periods()
        ]
    return out
