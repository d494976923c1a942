"""Figures that do not depend on the household, per county and period: shown before Python starts.

At build time the site computes, with these functions, every county's dibao standards, caps, township limit
and the 1000 元 tier for each period in which they are constant. The page picks the period of the chosen
date and shows the figures at once; the full assessment still runs in the calculator.
"""

from __future__ import annotations

import datetime as dt

from calculator import rules
from calculator.dated import DatedSeries, DatedValue
from calculator.money import fen_to_yuan_text as y
from calculator.standards import Bundle, County


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


def county_figures(bundle: Bundle, county: County, on: dt.date) -> dict:
    """The household-independent figures for ``county`` on ``on`` (money as 元 strings, 2 decimals).

    Keys: ``urban_monthly`` (元/人·月), ``rural_annual`` (元/人·年), ``rural_monthly`` (annual ÷ 12, half-up),
    ``urban_origin`` / ``rural_origin`` (``county`` | ``province_floor``), ``urban_status`` / ``rural_status``,
    ``single_cap`` (I6, 3 × urban annual), ``year_total_cap`` (I6, 6 × urban annual), ``township_limit`` (I8),
    ``light_emergency_max`` (I7, clause 2-3-2), ``cash_max`` (I9, clause 2-4-1).
    Raises :class:`calculator.rules.StandardMissing` before the first standard.
    """
    urban = bundle.dibao(county, "urban", on)
    rural = bundle.dibao(county, "rural", on)
    if urban is None or rural is None:
        raise rules.StandardMissing("低保标准", on)
    annual = urban.annual
    limit, _how = rules.township_limit(bundle, county, on)

    def status(found):
        return "unverified" if found.origin == "province_floor" else found.value.status

    return {
        "urban_monthly": y(urban.monthly),
        "urban_effective": urban.value.effective.isoformat(),
        "urban_origin": urban.origin,
        "urban_status": status(urban),
        "rural_annual": y(rural.annual),
        "rural_monthly": y(rural.monthly),
        "rural_effective": rural.value.effective.isoformat(),
        "rural_origin": rural.origin,
        "rural_status": status(rural),
        "single_cap": y(rules.general_single_cap(annual, rules.parameter_int(bundle, "single_cap_multiple", on))),
        "year_total_cap": y(rules.year_total_cap(annual, rules.parameter_int(bundle, "year_total_multiple", on))),
        "township_limit": y(limit),
        "light_emergency_max": y(rules.parameter_int(bundle, "light_emergency_max", on) * 100),
        "cash_max": y(rules.parameter_int(bundle, "cash_max", on) * 100),
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
