"""The interpretation register (policy/interpretations.yaml): complete, tested by scenarios, the one source of the
reasons' titles and clauses, published and linked both ways with the clause notes."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from sitebuild import interpretations, policy_notes
from sitebuild.scenarios import false_comparisons, load_scenarios, run_case

ROOT = Path(__file__).resolve().parent.parent
REGISTER = interpretations.load_register()
CASES = load_scenarios()
RULE_IN_CODE = re.compile(r'"(I[0-9]{1,2})"')


def results(bundle) -> list[tuple[dict, dict]]:
    return [(case, run_case(case, bundle)) for case in CASES]


@pytest.fixture(scope="module")
def scenario_results(bundle):
    return results(bundle)


def test_every_rule_id_written_in_the_engine_or_the_build_code_has_an_entry_in_the_register():
    used = set()
    for folder in ("calculator", "sitebuild", "standards_tools"):
        for path in (ROOT / folder).glob("*.py"):
            used |= set(RULE_IN_CODE.findall(path.read_text(encoding="utf-8")))
    assert {"I3", "I12", "I13"} <= used  # the scan finds the ids as the code writes them
    assert used - set(REGISTER) == set()


def test_every_rule_id_a_scenario_names_or_expects_has_an_entry_in_the_register():
    named = set()
    for case in CASES:
        named |= interpretations.case_rules(case)
        named |= set(((case.get("expect") or {}).get("reason_rule_for") or {}).values())
    assert named - set(REGISTER) == set()


@pytest.mark.parametrize("rule", list(REGISTER))
def test_every_entry_of_the_register_is_tested_by_at_least_one_scenario(rule):
    assert interpretations.scenarios_by_rule(REGISTER, CASES)[rule], f"{rule} has no scenario"


def test_every_reason_of_every_scenario_takes_its_title_and_clause_from_the_register(scenario_results):
    seen = 0
    for case, result in scenario_results:
        for reason in result.get("reasons", []):
            entry = REGISTER[reason["rule"]]
            assert reason["clause"] == entry["clauses"][0], (case["name"], reason)
            assert reason["title"] == entry["title"], (case["name"], reason)
            seen += 1
    assert seen > 1000


def test_every_comparison_sentence_of_every_scenario_holds_as_displayed(scenario_results):
    problems = [f"{case['name']}: {p}" for case, result in scenario_results if "error" not in result
                for p in false_comparisons(result)]
    assert problems == []


def test_the_comparison_check_finds_a_sentence_that_reads_false_as_displayed():
    wrong = {"reasons": [{"text": "月人均 约 291.668333 元，不低于农村低保标准 291.67 元。"},
                         {"text": "折合每人每月 3500 ÷ 12 = 291.67 元。"}],
             "warnings": [], "referrals": [], "procedure": [], "payment": {"text": ""}}
    assert len(false_comparisons(wrong)) == 2
    right = {**wrong, "reasons": [{"text": "月人均 约 291.668 元，不低于农村低保标准 约 291.667 元。"},
                                  {"text": "折合每人每月 3500 ÷ 12 ≈ 291.67 元。"}]}
    assert false_comparisons(right) == []


def test_the_bundle_carries_the_registers_titles_and_clauses(bundle_data):
    assert bundle_data["register"] == interpretations.bundle_index(REGISTER)
    assert bundle_data["register"]["I3"] == {"title": REGISTER["I3"]["title"], "clauses": ["2-1-2"]}


def test_a_quote_that_is_not_word_for_word_in_the_policy_text_is_refused(tmp_path):
    text = (ROOT / "policy" / "interpretations.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "interpretations.yaml"
    quote = "单次救助金额一般不高于当地城市低保年标准的3倍\n"
    bad.write_text(text.replace(quote, quote.replace("3倍", "4倍"), 1), encoding="utf-8")
    with pytest.raises(interpretations.RegisterError, match="I1：引文不在政策原文中"):
        interpretations.load_register(bad)


def test_an_entry_without_its_alternatives_is_refused(tmp_path):
    bad = tmp_path / "interpretations.yaml"
    bad.write_text("I1:\n  title: t\n  clauses: []\n  quotes: []\n  reading: r\n  parameters: []\n", encoding="utf-8")
    with pytest.raises(interpretations.RegisterError, match="I1：缺少 alternatives"):
        interpretations.load_register(bad)


def test_the_register_page_has_a_stable_heading_per_rule_and_links_each_clause(bundle_data):
    page = interpretations.generated_pages(bundle_data)[interpretations.PAGE]
    assert page.startswith("# 本站如何理解和计算 {#top}")
    for rule, entry in REGISTER.items():
        assert re.search(rf"^## {rule}　.* \{{#{rule.lower()}\}}$", page, re.MULTILINE), rule
        for clause in entry["clauses"]:
            assert f"(index.md#{clause})" in page
    assert "不采用" in page and "检验这条理解的案例" in page


def test_each_clause_note_links_to_the_register_entries_that_rest_on_the_clause(bundle):
    ctx = policy_notes.Context(bundle, dt.date(2026, 8, 1), "policy/index.md")
    for clause in policy_notes.NOTES:
        note = "\n".join(policy_notes.note_markdown(ctx, clause))
        for rule in policy_notes.readings_of(clause):
            assert f"](interpretations.md#{rule.lower()})" in note, (clause, rule)
            assert REGISTER[rule]["title"] in note


def test_nothing_in_the_repository_refers_to_the_design_notes_outside_it():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    citing = [name for name in tracked if (ROOT / name).is_file() and name != "tests/test_interpretations.py"
              and b"DESIGN" + b".md" in (ROOT / name).read_bytes()]
    assert citing == []
