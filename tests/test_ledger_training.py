"""The worked ledger of the 培训 section (tests/ledgers/training.yaml, docs/assets/training/ledger-example.csv):
the audit gives exactly the findings the page explains, and their figures are the policy's arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest

from ledger_audit import audit, open_ledger
from sitebuild.training import TrainingCaseError
from sitebuild.training_ledger import ROOT, checked_report, load_spec, page


@pytest.fixture(scope="module")
def report(bundle):
    spec = load_spec()
    return audit(open_ledger(ROOT / spec["file"]), bundle, as_of=dt.date.fromisoformat(spec["as_of"]))


def test_the_training_ledger_gives_exactly_the_explained_findings(report):
    assert [(f["kind"], f["rows"]) for f in report["findings"]] == [
        ("times_per_year", [4]), ("light_tier", [6]), ("cash", [6]), ("township_limit", [8]), ("single_cap", [10]),
        ("year_total", [13]), ("township_limit", [14, 15, 16]), ("same_event", [18]), ("date_out_of_range", [19]),
        ("county_unknown", [20]),
    ]
    assert [(u["row"], u["column"]) for u in report["unreadable"]] == [(21, "救助金额")]
    assert report["rows"] == 20 and report["households"] == 13  # GJ-014's only row is unreadable


def test_the_training_ledgers_figures_are_the_policys_arithmetic(report):
    texts = {(f["kind"], f["rows"][0]): f["text"] for f in report["findings"]}
    # 2025's township limit: 50 % of 2024-12-31's 735 × 12; the staged approval sums 1500 × 3.
    assert f"{0.5 * 735 * 12:.2f}" == "4410.00" and "50% × 735 × 12 = 4410.00" in texts[("township_limit", 8)]
    assert f"审批 {1500 * 3:.2f} 元" in texts[("township_limit", 14)]
    # Single cap on 2025-06-11 (735 until 2025-06-30): 3 × 735 × 12 = 26460.00.
    assert f"3 × 735 × 12 = {3 * 735 * 12:.2f}" in texts[("single_cap", 10)]
    # Year total on 2025-08-20 (744 from 2025-07-01): 6 × 744 × 12 = 53568.00 < 26460.00 + 27108.01.
    assert f"6 × 744 × 12 = {6 * 744 * 12:.2f}" in texts[("year_total", 13)]
    assert "26460.00 + 27108.01 = 53568.01" in texts[("year_total", 13)]


def test_the_build_stops_when_the_explained_findings_differ_from_the_audit(bundle_data):
    spec = load_spec()
    spec["findings"] = spec["findings"][1:]
    with pytest.raises(TrainingCaseError, match="不一致"):
        checked_report(bundle_data, spec)
    spec = load_spec()
    spec["passes"] = [{"rows": [6], "explain": "x"}]
    with pytest.raises(TrainingCaseError, match="第 \\[6\\] 行列为没有问题"):
        checked_report(bundle_data, spec)


def test_the_training_page_shows_the_ledger_every_finding_and_links_its_clause(bundle_data):
    text = page(bundle_data)
    assert text.count('??? failure "') == 10
    for clause in ("2-2", "2-2-3", "2-3-1", "2-3-2", "2-4-1", "2-3"):
        assert f"../policy/index.md#{clause})" in text
    assert "../assets/training/ledger-example.csv" in text and "| 21 | 20 | 林芳 |" in text
