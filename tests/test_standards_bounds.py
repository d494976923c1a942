"""Bounds on every number of the standards (issue: "Standards data that stays true"): each prefecture parameter,
a county's fixed township limit and the rural share of the urban standard, just below, at and just above every
bound. Errors stop the build (scripts/validate-standards exits 1); reminders are printed and do not."""

from __future__ import annotations

import copy
import subprocess
import sys

import pytest
from conftest import ROOT

from sitebuild.yamlstrict import parse
from standards_tools import checks

PREFECTURE_TEXT = (ROOT / "standards" / "honghe-prefecture.yaml").read_text(encoding="utf-8")
PREFECTURE = parse(PREFECTURE_TEXT, "honghe-prefecture.yaml").data
FLOOR = parse((ROOT / "standards" / "yunnan-floor.yaml").read_bytes(), "yunnan-floor.yaml").data
MENGZI_TEXT = (ROOT / "standards" / "532503-mengzi.yaml").read_text(encoding="utf-8")
MENGZI = parse(MENGZI_TEXT, "532503-mengzi.yaml").data


def _with(**values: str) -> dict:
    data = copy.deepcopy(PREFECTURE)
    for key, value in values.items():
        data["parameters"][key]["values"][0]["value"] = value
    return data


def _severities(data: dict, key: str) -> list[str]:
    return [f.severity for f in checks.check_document(data) if f.path[:2] == ("parameters", key)]


# (parameter, value, other parameters set with it, expected severities of findings about the parameter)
CASES = [
    ("means_test_months", "1", {}, ["warning"]),        # 1–12 allowed, ≠ 6 reminded
    ("means_test_months", "5", {}, ["warning"]),
    ("means_test_months", "6", {}, []),
    ("means_test_months", "7", {}, ["warning"]),
    ("means_test_months", "12", {}, ["warning"]),
    ("means_test_months", "13", {}, ["error"]),
    ("times_per_year", "1", {}, []),
    ("times_per_year", "4", {}, []),
    ("times_per_year", "5", {}, ["warning"]),           # > 4 reminded
    ("times_per_year", "12", {}, ["warning"]),
    ("times_per_year", "13", {}, ["error"]),
    ("single_cap_multiple", "0.01", {}, []),           # (0, 12]: anything above 0
    ("single_cap_multiple", "6", {}, []),
    ("single_cap_multiple", "7", {"year_total_multiple": "12"}, ["warning"]),   # > 6 reminded
    ("single_cap_multiple", "12", {"year_total_multiple": "12"}, ["warning"]),
    ("single_cap_multiple", "13", {"year_total_multiple": "24"}, ["error"]),
    ("single_cap_multiple", "7", {}, ["warning", "error"]),   # 7 > the yearly 6: refused as well
    ("year_total_multiple", "2.99", {}, ["error"]),     # [single cap multiple (3), 24]
    ("year_total_multiple", "3", {}, []),
    ("year_total_multiple", "12", {}, []),
    ("year_total_multiple", "13", {}, ["warning"]),     # > 12 reminded
    ("year_total_multiple", "24", {}, ["warning"]),
    ("year_total_multiple", "24.01", {}, ["error"]),
    ("township_limit_ratio", "0.0001", {}, []),          # (0, 1]
    ("township_limit_ratio", "0.8", {}, []),
    ("township_limit_ratio", "0.8001", {}, ["warning"]),  # > 0.8 reminded
    ("township_limit_ratio", "1", {}, ["warning"]),
    ("township_limit_ratio", "1.0001", {}, ["error"]),
    ("light_emergency_max", "0.01", {}, []),            # (0, 10000] 元
    ("light_emergency_max", "3000", {}, []),
    ("light_emergency_max", "3000.01", {}, ["warning"]),  # > 3000 元 reminded
    ("light_emergency_max", "10000", {}, ["warning"]),
    ("light_emergency_max", "10000.01", {}, ["error"]),
    ("cash_max", "3000", {}, []),
    ("cash_max", "3000.01", {}, ["warning"]),
    ("cash_max", "10000", {}, ["warning"]),
    ("cash_max", "10000.01", {}, ["error"]),
]


@pytest.mark.parametrize(("key", "value", "others", "expected"), CASES,
                         ids=[f"{k}={v}{'+' + str(o) if o else ''}" for k, v, o, _ in CASES])
def test_every_prefecture_parameter_is_bounded_just_below_at_and_just_above_each_limit(key, value, others, expected):
    assert sorted(_severities(_with(**{key: value, **others}), key)) == sorted(expected)


def test_zero_is_refused_for_every_parameter():
    for key in checks.PARAMETER_BOUNDS:
        assert "error" in _severities(_with(**{key: "0"}), key), key


@pytest.mark.parametrize(("key", "value", "hint"), [
    ("single_cap_multiple", "300", "300 多半是多写了两个 0，或把百分数当成了倍数：应是 3 倍"),
    ("year_total_multiple", "60", "60 多半是多写了一个 0：应是 6 倍"),
    ("means_test_months", "180", "180 多半是天数：180 天约合 6 个月"),
    ("township_limit_ratio", "50", "50 多半是百分数：50% 应写成 0.5"),
    ("cash_max", "100000", "100000 多半是多写了两个 0：应是 1000 元"),
    ("light_emergency_max", "20000", "20000 多半是多写了一个 0：应是 2000 元"),
])
def test_a_value_out_of_bounds_says_what_was_probably_meant(key, value, hint):
    messages = [f.message for f in checks.check_document(_with(**{key: value})) if f.path[:2] == ("parameters", key)]
    assert any(hint in m for m in messages), messages


def _validate(tmp_path, name: str, text: str) -> tuple[subprocess.CompletedProcess, str]:
    path = tmp_path / "standards" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate-standards"), "--today", "2026-11-30",
                           str(path)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    return proc, str(path)


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_careless_single_cap_multiple_of_300_is_refused_with_its_line_and_stops_the_check(tmp_path):
    text = PREFECTURE_TEXT.replace("        value: 3\n", "        value: 300\n", 1)
    proc, path = _validate(tmp_path, "honghe-prefecture.yaml", text)
    assert proc.returncode == 1
    line = _line(text, "value: 300")
    assert (f"{path}:{line}: 错误：单次救助上限的倍数 300 倍 超出合理范围 (0, 12] 倍"
            "（红民社救〔2019〕5号规定为 3 倍）。"
            "300 多半是多写了两个 0，或把百分数当成了倍数：应是 3 倍。") in proc.stdout
    assert "单次救助上限的倍数 300 倍大于同期1年内累计救助上限的 6 倍" in proc.stdout


FIXED = """
local:
  township_limit:
    - effective: 2026-01-01
      status: verified
      basis: fixed
      amount: {amount}
      source: {{document: 蒙自市临时救助实施细则, issuer: 蒙自市民政局}}
"""


@pytest.mark.parametrize(("amount", "expected"), [
    ("8928", []),                    # 2 × 0.5 × 744 × 12 = 8928: at twice the default
    ("8928.01", ["warning"]),
    ("53568", ["warning"]),          # 6 × 744 × 12 = 53568: the yearly cap of 2026-01-01
    ("53568.01", ["error"]),
    ("446400", ["error"]),
])
def test_a_fixed_township_limit_is_refused_above_the_yearly_cap_and_reminded_above_twice_the_default(amount, expected):
    data = parse(MENGZI_TEXT + FIXED.format(amount=amount), "532503-mengzi.yaml").data
    found = [f.severity for f in checks.check_document(data, floor=FLOOR) if f.path[:2] == ("local", "township_limit")]
    assert found == expected


def test_the_careless_fixed_township_limit_of_446400_is_refused_with_its_line(tmp_path):
    text = MENGZI_TEXT + FIXED.format(amount="446400")
    proc, path = _validate(tmp_path, "532503-mengzi.yaml", text)
    assert proc.returncode == 1
    line = _line(text, "amount: 446400")
    assert (f"{path}:{line}: 错误：固定的乡镇审批额度 446400 元高于 2026-01-01 时1年内累计救助的上限 "
            "6 × 744 × 12 = 53568 元（条款 2-3-1）") in proc.stdout


def test_a_fixed_township_limit_of_a_county_on_the_floor_is_bounded_by_the_floors_standard():
    jinping = parse((ROOT / "standards" / "532530-jinping.yaml").read_bytes(), "532530-jinping.yaml").data
    jinping["local"] = parse(FIXED.format(amount="53568.01"), "x.yaml").data["local"]
    found = [f for f in checks.check_document(jinping, floor=FLOOR) if f.path[:2] == ("local", "township_limit")]
    assert [f.severity for f in found] == ["error"]
    assert "6 × 744 × 12 = 53568 元" in found[0].message


def _county(urban: str, rural: str, effective: str = "2025-07-01") -> dict:
    source = {"document": "某通知", "issuer": "某局"}
    data = copy.deepcopy(MENGZI)
    data["dibao"]["urban"]["values"] = [{"effective": effective, "amount": urban, "status": "verified",
                                         "source": source}]
    data["dibao"]["rural"]["values"] = [{"effective": effective, "amount": rural, "status": "verified",
                                         "source": source}]
    return data


@pytest.mark.parametrize(("rural", "effective", "reminded"), [
    ("7199.99", "2025-07-01", True),   # 0.75 × 800 × 12 = 7200
    ("7200", "2025-07-01", False),
    ("7200.01", "2025-07-01", False),
    ("7199.99", "2025-06-30", False),  # the 75 % rule applies from 2025-07-01
])
def test_a_rural_standard_below_three_quarters_of_the_urban_one_is_reminded_from_2025_07_01(rural, effective, reminded):
    findings = checks.check_document(_county("800", rural, effective))
    share = [f for f in findings if "75%" in f.message]
    assert [f.severity for f in share] == (["warning"] if reminded else [])


def test_the_repositorys_own_standards_are_within_every_bound():
    findings = (checks.check_document(PREFECTURE) + checks.check_document(MENGZI, floor=FLOOR)
                + checks.check_document(FLOOR))
    assert findings == []
