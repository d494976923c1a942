"""The value in force on a date: the day before, the day of and the day after every effective date in the data."""

from __future__ import annotations

import datetime as dt

import pytest

DAY = dt.timedelta(days=1)


def _series(bundle):
    yield "province.urban", bundle.floor_urban
    yield "province.rural", bundle.floor_rural
    for code, county in bundle.counties.items():
        yield f"{code}.urban", county.urban
        yield f"{code}.rural", county.rural


def test_every_dated_value_applies_from_its_effective_date_and_not_the_day_before(bundle):
    checked = 0
    for name, series in _series(bundle):
        for i, value in enumerate(series.values):
            before = series.in_force(value.effective - DAY)
            assert before == (series.values[i - 1] if i else None), name
            assert series.in_force(value.effective) == value, name
            assert series.in_force(value.effective + DAY) == value, name
            checked += 1
    assert checked >= 16 + 4  # 8 provincial dates × 2 series, 弥勒市 and 蒙自市 × 2 series


@pytest.mark.parametrize(
    ("day", "urban", "rural_annual"),
    [
        ("2019-06-30", 557, 3500), ("2019-07-01", 610, 4200),
        ("2020-05-31", 610, 4200), ("2020-06-01", 640, 4500),
        ("2021-06-30", 640, 4500), ("2021-07-01", 660, 4770),
        ("2022-06-30", 660, 4770), ("2022-07-01", 700, 5343),
        ("2023-06-30", 700, 5343), ("2023-07-01", 728, 6038),
        ("2024-06-30", 728, 6038), ("2024-07-01", 735, 6400),
        ("2025-06-30", 735, 6400), ("2025-07-01", 744, 6720),
    ],
)
def test_a_county_without_its_own_figures_uses_the_provincial_floor_in_force_that_day(bundle, day, urban, rural_annual):
    gejiu = bundle.counties["532501"]
    on = dt.date.fromisoformat(day)
    u = bundle.dibao(gejiu, "urban", on)
    r = bundle.dibao(gejiu, "rural", on)
    assert (u.monthly, u.origin) == (urban * 100, "province_floor")
    assert (r.annual, r.origin) == (rural_annual * 100, "province_floor")
    assert r.monthly * 12 == rural_annual * 100  # the rural monthly figure is the exact twelfth


def test_mile_uses_its_own_2018_figure_until_the_floor_rises_above_it_on_2019_07_01(bundle):
    mile = bundle.counties["532504"]
    own = bundle.dibao(mile, "urban", dt.date(2019, 6, 30))
    assert (own.monthly, own.origin) == (557 * 100, "county")
    floor = bundle.dibao(mile, "urban", dt.date(2019, 7, 1))
    assert (floor.monthly, floor.origin) == (610 * 100, "province_floor")
    assert floor.county_value.fen == 557 * 100  # the county's stale figure is kept for the warning
