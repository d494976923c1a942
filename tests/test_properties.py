"""Property tests (Hypothesis) over random valid applications: monotone in income and in prior assistance, caps
within what remains of the year, money always with two decimals; and a fixed sample of the same applications gives
byte-identical JSON in Pyodide (the 测算 page's runtime) and in CPython."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator import page_api
from calculator.assess import assess
from calculator.vocabulary import ACCIDENT_CAUSES, CAUSE_NAMES, COUNTIES
from sitebuild.pyodide_compile import calculator_zip
from sitebuild.scenarios import MONEY_FIELDS, build_wheel, run_in_pyodide

MONEY = re.compile(r"-?[0-9]+\.[0-9]{2}")
FIRST = dt.date(2019, 1, 1)  # the first date of every prefecture parameter and provincial floor
LAST = dt.date(2026, 11, 30)
SETTINGS = settings(max_examples=150, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def yuan(fen: int) -> str | int:
    """Fen as people write 元: a whole number, or a string with two decimals."""
    return fen // 100 if fen % 100 == 0 else f"{fen // 100}.{fen % 100:02d}"


money = st.integers(min_value=0, max_value=30_000_000).map(yuan)  # 0 to 30 万元
positive_money = st.integers(min_value=1, max_value=10_000_000).map(yuan)
dates = st.dates(min_value=FIRST, max_value=LAST)
EVENTS = ("火灾", "住院", "车祸", None)


@st.composite
def applications(draw, kind: str | None = None) -> dict:
    """A random application the calculator accepts (the CLI's input, schemas/application.schema.json)."""
    on = draw(dates)
    kind = kind or draw(st.sampled_from(("expenditure", "emergency")))
    data = {
        "county": draw(st.sampled_from([c.code for c in COUNTIES] + [c.name for c in COUNTIES])),
        "date": on.isoformat(),
        "residence": draw(st.sampled_from(("urban", "rural"))),
        "household_size": draw(st.integers(min_value=1, max_value=8)),
        "type": kind,
        "is_dibao": draw(st.booleans()),
        "event": draw(st.sampled_from(EVENTS)),
    }
    if kind == "expenditure":
        data["income_6m"] = draw(money)
        data["medical_self_paid_6m"] = draw(money)
        data["education_self_paid_6m"] = draw(st.sampled_from((0, 800, "1600.50")))
        data["special_difficulty"] = draw(st.booleans())
    else:
        cause = draw(st.sampled_from(tuple(CAUSE_NAMES)))
        data["emergency_cause"] = cause
        data["severity"] = draw(st.sampled_from(("light", "heavy", None) + (("major",) if cause in ACCIDENT_CAUSES
                                                                             else ())))
    priors = draw(st.lists(st.tuples(st.integers(min_value=0, max_value=500), positive_money,
                                     st.sampled_from(EVENTS)), max_size=3))
    data["prior_assistance"] = [{"date": max(FIRST, on - dt.timedelta(days=days)).isoformat(), "amount": amount,
                                 "event": event} for days, amount, event in priors]
    if draw(st.booleans()):
        data["amount"] = draw(positive_money)
    return data


def money_strings(result: dict) -> list[str]:
    """Every money field of a result (the amounts in 元 of the output's schema)."""
    return [result[f] for f in MONEY_FIELDS | {"light_emergency_max"} if result.get(f) is not None]


@SETTINGS
@given(data=applications("expenditure"), more=st.integers(min_value=1, max_value=10_000_000))
def test_more_income_never_turns_an_ineligible_household_eligible(bundle, data, more):
    before = assess(data, bundle)
    richer = {**data, "income_6m": yuan(int(Decimal(str(data["income_6m"])) * 100) + more)}
    after = assess(richer, bundle)
    assert not (after["eligible"] and not before["eligible"]), (data, more)


@SETTINGS
@given(data=applications(), days=st.integers(min_value=0, max_value=400), amount=positive_money,
       event=st.sampled_from(EVENTS))
def test_more_prior_assistance_never_raises_what_remains_of_the_year(bundle, data, days, amount, event):
    on = dt.date.fromisoformat(data["date"])
    extra = {"date": max(FIRST, on - dt.timedelta(days=days)).isoformat(), "amount": amount, "event": event}
    before = assess(data, bundle)
    after = assess({**data, "prior_assistance": [*data["prior_assistance"], extra]}, bundle)
    assert Decimal(after["year_remaining"]) <= Decimal(before["year_remaining"])
    assert after["times_remaining"] <= before["times_remaining"]


@SETTINGS
@given(data=applications())
def test_no_cap_is_above_what_remains_of_the_year_and_every_amount_has_two_decimals(bundle, data):
    result = assess(data, bundle)
    remaining = Decimal(result["year_remaining"])
    assert Decimal(result["single_cap"]) <= remaining
    if result["case_by_case_max"] is not None:
        assert Decimal(result["case_by_case_max"]) <= remaining
    for text in money_strings(result):
        assert MONEY.fullmatch(text), (text, data)


def _sample() -> list[dict]:
    """A fixed sample of the random applications (derandomized: the same 60 on every run)."""
    found: list[dict] = []

    @settings(max_examples=60, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(applications())
    def collect(data):
        found.append(data)

    collect()
    return found


@pytest.fixture(scope="module")
def sample() -> list[dict]:
    return _sample()


def test_the_fixed_sample_is_the_same_on_every_run(sample):
    assert sample == _sample()
    assert len(sample) >= 40


def test_pyodide_gives_exactly_the_cpython_json_for_the_fixed_sample(tmp_path_factory, bundle_data, sample):
    from sitebuild.bundle import dumps

    bundle_text = dumps(bundle_data)
    tmp = tmp_path_factory.mktemp("pyodide-properties")
    engine = tmp / "calculator.zip"
    engine.write_bytes(calculator_zip(build_wheel(tmp)))
    texts = [json.dumps(data, ensure_ascii=False) for data in sample]
    in_pyodide = run_in_pyodide(engine, bundle_text, texts, timeout=180)["results"]
    page_api.init(bundle_text)
    in_cpython = [page_api.assess_json(text) for text in texts]
    assert in_pyodide == in_cpython
    assert all("eligible" in json.loads(t) for t in in_cpython)  # valid applications, every one assessed
