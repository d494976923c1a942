"""政策动态 (policy/updates.yaml): the dated policy_update warnings, the page, and the file's checks."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from calculator.application import InputError, read_application_json
from calculator.assess import assess
from calculator.standards import Bundle, BundleError
from sitebuild.policy_updates import UPDATES_FILE, check_file, load_updates, page
from sitebuild.scenarios import application_json, load_scenarios

CASES = load_scenarios()


def _assess(case_input, bundle):
    try:
        return assess(case_input, bundle)
    except InputError as exc:
        return exc.as_dict()


def _case_input(case: dict):
    """The case's input as the engine reads it (a case may give the JSON text as typed, ``input_json``)."""
    try:
        return read_application_json(application_json(case))
    except InputError as exc:
        return exc


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_the_policy_update_warnings_are_additions_that_change_no_figure_reason_or_other_warning(case, bundle):
    without = dataclasses.replace(bundle, policy_updates=())
    data = _case_input(case)
    if isinstance(data, InputError):  # refused as typed, before any standard is read: nothing to add to
        return
    before, after = _assess(data, without), _assess(data, bundle)
    if "error" in before:
        assert after == before
        return
    added = after["warnings"][len(before["warnings"]):]
    assert after["warnings"][: len(before["warnings"])] == before["warnings"]
    assert all(w["kind"] == "policy_update" for w in added)
    assert {k: v for k, v in after.items() if k != "warnings"} == {k: v for k, v in before.items() if k != "warnings"}


def _emergency(date: str) -> dict:
    return {"county": "开远市", "date": date, "residence": "urban", "household_size": 3, "type": "emergency",
            "emergency_cause": "fire", "severity": "heavy", "amount": 1500}


def _expenditure(date: str) -> dict:
    return {"county": "开远市", "date": date, "residence": "urban", "household_size": 3, "type": "expenditure",
            "income_6m": 6000, "medical_self_paid_6m": 3000}


def _updates(result: dict) -> list[str]:
    return [w["id"] for w in result["warnings"] if w["kind"] == "policy_update"]


@pytest.mark.parametrize(("date", "expected"), [
    ("2023-07-25", []), ("2023-07-26", ["yn-2023-payment"]), ("2023-07-27", ["yn-2023-payment"]),
])
def test_the_one_card_warning_starts_on_2023_07_26_for_an_emergency_result(bundle, date, expected):
    assert _updates(assess(_emergency(date), bundle)) == expected


def test_the_one_card_warning_is_never_given_on_an_expenditure_result(bundle):
    assert _updates(assess(_expenditure("2023-07-26"), bundle)) == []
    assert _updates(assess(_expenditure("2025-12-31"), bundle)) == []


@pytest.mark.parametrize(("date", "expected"), [
    ("2026-01-28", []), ("2026-01-29", ["cn-2026-opinion"]), ("2026-01-30", ["cn-2026-opinion"]),
])
def test_the_national_opinion_warning_starts_on_2026_01_29_for_an_expenditure_result(bundle, date, expected):
    assert _updates(assess(_expenditure(date), bundle)) == expected


def test_an_emergency_result_after_2026_01_29_carries_both_warnings_naming_their_sources(bundle):
    result = assess(_emergency("2026-02-01"), bundle)
    warnings = [w for w in result["warnings"] if w["kind"] == "policy_update"]
    assert [w["id"] for w in warnings] == ["yn-2023-payment", "cn-2026-opinion"]
    assert "1000元以上的，通过“一卡通”平台发放" in warnings[0]["text"]
    assert warnings[0]["source"] == {"document": "《关于进一步规范临时救助资金发放工作的通知》",
                                     "issuer": "云南省财政厅、云南省民政厅"}
    assert warnings[1]["text"].startswith("国家新意见规定了小额快救等做法，本站尚未据此计算，请以当地民政部门为准")
    assert "民政部、财政部" in warnings[1]["text"]


def test_the_policy_updates_page_lists_the_three_documents_newest_first_and_marks_them_as_reports():
    text = page(load_updates())
    order = [text.index(a) for a in ("{#cn-2026-opinion}", "{#cn-2025-law-draft}", "{#yn-2023-payment}")]
    assert order == sorted(order)
    assert text.count("**本站掌握的文本**：据报道（本站未见全文）") == 3
    assert "草案（一审，7章76条），尚未通过" in text
    assert "申请日期在 2023-07-26 或以后的急难型救助的测算结果显示" in text
    assert "申请日期在 2026-01-29 或以后的所有测算结果显示" in text


def test_the_repositorys_policy_updates_file_has_no_problem():
    assert check_file(UPDATES_FILE) == []


BAD = """documents:
  - id: Bad_Id
    reported: 2023-7-26
    document: 《某通知》
    issuer: 某厅
    text_kind: summary
    status: 已印发
    changes: []
    source:
      reportedby: 某网站
    warning:
      from: 2023-02-30
      applies_to: urgent
      text: 提醒
"""


def test_a_broken_policy_updates_file_is_refused_line_by_line_in_chinese(tmp_path):
    path = tmp_path / "updates.yaml"
    path.write_text(BAD, encoding="utf-8")
    found = {(p.line, p.message) for p in check_file(path)}
    lines = sorted(line for line, _ in found)
    assert lines == [2, 3, 6, 8, 9, 10, 12, 13]  # 9: source without reported_by; 10: its misspelt key
    messages = " ".join(m for _, m in found)
    assert "id“Bad_Id”只能用英文小写字母" in messages
    assert "请写成 2023-07-26" in messages
    assert "“text_kind”只能写 full_text" in messages
    assert "不认识的键“reportedby”。是不是想写“reported_by”" in messages
    assert "2023 年 2 月只有 28 天" in messages
    assert "“applies_to”只能写 emergency" in messages


def test_a_bundle_with_a_malformed_policy_update_is_refused_naming_the_field(bundle_data):
    data = copy.deepcopy(bundle_data)
    data["policy_updates"][0]["warning"]["from"] = "2023-13-01"
    with pytest.raises(BundleError) as caught:
        Bundle.from_dict(data)
    assert caught.value.path == "policy_updates"
