"""The 测算 page's figures before Python (assets/calc/figures.js) pick the period the engine computed, and the figures
of that period are the engine's own for every county on every change date and the day before it."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from calculator import vocabulary
from calculator.county_figures import change_dates, county_figures, county_periods
from calculator.rules import StandardMissing

ROOT = Path(__file__).resolve().parent.parent
FIGURES_JS = ROOT / "docs" / "assets" / "calc" / "figures.js"

# figures.js is a classic script for the page: run it in a Node vm with the four elements it looks for, then ask
# its periodFor(code, date) for every (code, date) of the query.
NODE_HARNESS = r"""
const fs = require("fs"); const vm = require("vm");
const [script, dataPath, queryPath, wordsPath] = process.argv.slice(2);
const element = (extra) => ({ addEventListener() {}, dataset: {}, hidden: true, ...extra });
const elements = {
  "county-periods": element({ textContent: fs.readFileSync(dataPath, "utf8") }),
  "vocabulary": element({ textContent: fs.readFileSync(wordsPath, "utf8") }),
  "calc-form": element({ elements: { county: { value: "" }, date: { value: "" } } }),
  "county-figures": element({}),
};
const window = {};
const context = { window, document: { getElementById: (id) => elements[id] || null,
                                      currentScript: { src: "http://x/assets/calc/figures.js" } },
                  URL, Date, JSON, String, Number };
vm.createContext(context);
vm.runInContext(fs.readFileSync(script, "utf8"), context);
const query = JSON.parse(fs.readFileSync(queryPath, "utf8"));
const answers = query.map(([code, date]) => { const p = window.__calcFigures.periodFor(code, date); return p; });
process.stdout.write(JSON.stringify(answers));
"""


def _days_to_ask(bundle, county) -> list[dt.date]:
    days = set()
    for day in change_dates(bundle, county):
        days |= {day, day - dt.timedelta(days=1)}
    days.add(dt.date(2099, 12, 31))
    return sorted(days)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_figures_js_picks_for_every_county_and_change_date_exactly_the_figures_the_engine_computes(bundle, tmp_path):
    periods = county_periods(bundle)
    query = [(code, day) for code, county in bundle.counties.items() for day in _days_to_ask(bundle, county)]
    data_path, query_path, harness = tmp_path / "data.json", tmp_path / "query.json", tmp_path / "harness.js"
    data_path.write_text(json.dumps(periods, ensure_ascii=False), encoding="utf-8")
    query_path.write_text(json.dumps([(code, day.isoformat()) for code, day in query]), encoding="utf-8")
    harness.write_text(NODE_HARNESS, encoding="utf-8")
    words_path = tmp_path / "vocabulary.json"
    words_path.write_text(json.dumps(vocabulary.as_json_dict(), ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run(["node", str(harness), str(FIGURES_JS), str(data_path), str(query_path), str(words_path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    answers = json.loads(proc.stdout)
    checked = 0
    for (code, day), picked in zip(query, answers, strict=True):
        try:
            expected = county_figures(bundle, bundle.counties[code], day)
        except StandardMissing:
            assert picked is None, (code, day)
            continue
        assert picked is not None, (code, day)
        assert {k: v for k, v in picked.items() if k not in ("from", "to")} == expected, (code, day)
        checked += 1
    assert checked > 13 * 20  # every county, every change since 2018 (13 counties × many dates)


def test_the_periods_cover_every_day_once_from_the_first_standard_with_the_last_one_open(bundle):
    for entry in county_periods(bundle).values():
        periods = entry["periods"]
        assert periods[0]["from"] == bundle.first_date().isoformat()
        assert periods[-1]["to"] is None
        for before, after in zip(periods, periods[1:], strict=False):
            end = dt.date.fromisoformat(before["to"])
            assert end + dt.timedelta(days=1) == dt.date.fromisoformat(after["from"])
            assert before["from"] <= before["to"]
