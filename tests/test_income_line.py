"""The 测算 page's income line before Python (issue 18 item 4): a table computed by the engine at build time for every
county, period, residence and household size 1–30 (calculator.county_figures.income_lines), which the page only looks
up (assets/calc/income-line.js). Every entry is compared with the engine's own assessment."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from calculator.assess import assess
from calculator.county_figures import income_line_text, income_lines
from sitebuild.income_line_html import table_json

ROOT = Path(__file__).resolve().parent.parent
INCOME_LINE_JS = ROOT / "docs" / "assets" / "calc" / "income-line.js"


@pytest.fixture(scope="module")
def table(bundle):
    return income_lines(bundle)


def _engine_line(bundle, code: str, day: str, residence: str, size: int) -> str:
    """The engine's 'income not above … qualifies', net of spending: for a household with 1 元 of self-paid
    medical spending (an expenditure-type case needs some, reading I3), the highest qualifying income minus that
    1 元, i.e. the income net of spending that still qualifies."""
    result = assess({"county": code, "date": day, "residence": residence, "household_size": size,
                     "type": "expenditure", "income_6m": 0, "medical_self_paid_6m": 1,
                     "education_self_paid_6m": 0}, bundle)
    assert "error" not in result, result
    highest = Decimal(result["qualifying_income_6m_max"])
    return f"{highest - 1:.2f}"


def test_every_entry_of_the_table_equals_the_engines_assessment_on_the_first_and_last_day_of_its_period(bundle, table):
    checked = 0
    for code, periods in table.items():
        for period in periods:
            last = period["to"] or (dt.date.fromisoformat(period["from"]) + dt.timedelta(days=400)).isoformat()
            for day in {period["from"], last}:
                for residence in ("urban", "rural"):
                    assert len(period[residence]) == 30
                    for size in range(1, 31):
                        assert period[residence][size - 1] == _engine_line(bundle, code, day, residence, size), \
                            (code, day, residence, size)
                        checked += 1
    assert checked >= 13 * 2 * 30 * 2


def test_the_example_of_the_issue_mengzi_urban_744_yuan_three_persons_six_months_is_13391_99(table):
    day = "2026-08-01"
    period = next(p for p in table["532503"] if p["from"] <= day and (p["to"] is None or day <= p["to"]))
    # 3 persons × 744 元 × 6 months = 13392 元 is not strictly below: the largest qualifying income is 1 fen less.
    assert 3 * 744 * 6 == 13392
    assert period["urban"][2] == "13391.99"
    # rural: 6720 元 a year ÷ 12 = 560 元 a month; 1 person × 560 × 6 = 3360 → 3359.99, 30 persons → 100799.99.
    assert 6720 // 12 * 6 == 3360 and 30 * 560 * 6 == 100800
    assert period["rural"][0] == "3359.99" and period["rural"][29] == "100799.99"
    assert income_line_text(3, period["months"], period["urban"][2]) == (
        "3 人家庭，6 个月家庭收入扣除个人自付医疗、教育支出后不超过 13391.99 元，即符合支出型救助的收入条件")


# income-line.js is a classic script for the page: run it in a Node vm with the elements it looks for, then ask its
# lookup(code, date, residence, size) for every query.
NODE_HARNESS = r"""
const fs = require("fs"); const vm = require("vm");
const [script, dataPath, queryPath] = process.argv.slice(2);
const element = (extra) => ({ addEventListener() {}, setAttribute() {}, after() {}, querySelector() { return null; },
                              dataset: {}, hidden: true, ...extra });
const elements = {
  "income-lines": element({ textContent: fs.readFileSync(dataPath, "utf8") }),
  "calc-form": element({ elements: { county: { value: "" }, date: { value: "" }, household_size: { value: "" } } }),
  "county-figures": element({}),
};
const window = {};
const context = { window, document: { getElementById: (id) => elements[id] || null, createElement: () => element({}) },
                  Date, JSON, String, Number };
vm.createContext(context);
vm.runInContext(fs.readFileSync(script, "utf8"), context);
const query = JSON.parse(fs.readFileSync(queryPath, "utf8"));
process.stdout.write(JSON.stringify(query.map((q) => window.__calcIncomeLine.lookup(...q))));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_the_page_script_shows_for_every_county_period_residence_and_size_the_engines_sentence(bundle, table, tmp_path):
    query, expected = [], []
    for code, periods in table.items():
        for period in periods:
            day_before = (dt.date.fromisoformat(period["from"]) - dt.timedelta(days=1)).isoformat()
            for day in (period["from"], day_before):
                for residence in ("urban", "rural"):
                    for size in range(1, 31):
                        query.append([code, day, residence, str(size)])
                        on = dt.date.fromisoformat(day)
                        if on < bundle.first_date():
                            expected.append(None)
                        else:
                            line = _engine_line(bundle, code, day, residence, size)
                            expected.append(income_line_text(size, 6, line))
    # Outside the table: no sentence rather than a wrong one.
    for bad in (["532503", "2026-08-01", "urban", "0"], ["532503", "2026-08-01", "urban", "31"],
                ["532503", "2026-08-01", "", "3"], ["999999", "2026-08-01", "urban", "3"],
                ["532503", "2026-08-01", "urban", "3.5"], ["532503", "2026-08-01", "urban", ""]):
        query.append(bad)
        expected.append(None)
    data_path, query_path, harness = tmp_path / "data.json", tmp_path / "query.json", tmp_path / "harness.js"
    data_path.write_text(table_json(bundle), encoding="utf-8")
    query_path.write_text(json.dumps(query), encoding="utf-8")
    harness.write_text(NODE_HARNESS, encoding="utf-8")
    proc = subprocess.run(["node", str(harness), str(INCOME_LINE_JS), str(data_path), str(query_path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    answers = json.loads(proc.stdout)
    mismatches = [(q, a, e) for q, a, e in zip(query, answers, expected, strict=True) if a != e]
    assert not mismatches, mismatches[:5]
