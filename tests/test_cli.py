"""``python -m calculator assess``: JSON and text output, and invalid input without a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

from conftest import ROOT

GEJIU = {"county": "个旧市", "date": "2020-08-01", "residence": "rural", "household_size": 4,
         "income_6m": 9000, "medical_self_paid_6m": 3000}


def run(args, stdin):
    return subprocess.run([sys.executable, "-m", "calculator", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT)


def test_the_cli_gives_the_same_figures_as_the_page_for_the_gejiu_case():
    proc = run(["assess", "-"], json.dumps(GEJIU, ensure_ascii=False))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["eligible"] is True
    assert out["per_capita_monthly_income"] == "250.00"  # (9000 − 3000) / 6 / 4
    assert out["dibao_standard_monthly"] == "375.00"  # 4500 / 12
    assert out["single_cap"] == "23040.00"  # 3 × 640 × 12
    assert out["year_total_cap"] == "46080.00"  # 6 × 640 × 12
    assert out["township_limit"] == "3660.00"  # 0.5 × 610 × 12
    assert all(r["clause"] for r in out["reasons"])


def test_the_cli_reads_a_file_and_writes_a_chinese_explanation(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(GEJIU, ensure_ascii=False), encoding="utf-8")
    proc = run(["assess", str(path), "--format", "text"], "")
    assert proc.returncode == 0, proc.stderr
    assert "符合条件" in proc.stdout and "23040.00" in proc.stdout and "2-3-1" in proc.stdout


def test_invalid_input_exits_2_with_a_json_error_naming_the_field_in_chinese():
    proc = run(["assess", "-"], json.dumps({**GEJIU, "household_size": 0}))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    err = json.loads(proc.stdout)["error"]
    assert err["field"] == "household_size"
    assert "家庭人口" in err["message"]


def test_input_that_is_not_json_exits_2_without_a_traceback():
    proc = run(["assess", "-"], "{not json")
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["error"]["field"] == "$"
    assert proc.stderr == ""


def test_a_key_given_twice_is_refused_rather_than_the_last_one_silently_winning():
    proc = run(["assess", "-"], '{"county": "昆明", "county": "532503", "date": "2026-08-01"}')
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["error"]["field"] == "county"


def test_nan_and_deeply_nested_input_exit_2_without_a_traceback():
    nan = run(["assess", "-"], json.dumps(GEJIU, ensure_ascii=False)[:-1] + ', "event": NaN}')
    deep = run(["assess", "-"], "[" * 100000 + "]" * 100000)
    for proc in (nan, deep):
        assert proc.returncode == 2
        assert "Traceback" not in proc.stderr
        assert json.loads(proc.stdout)["error"]["field"] == "$"


def test_prior_assistance_that_is_not_a_list_is_refused_even_when_it_looks_empty():
    for odd in ({}, False, 0, ""):
        proc = run(["assess", "-"], json.dumps({**GEJIU, "prior_assistance": odd}, ensure_ascii=False))
        assert proc.returncode == 2, odd
        assert json.loads(proc.stdout)["error"]["field"] == "prior_assistance"


def test_an_emergency_cause_on_an_expenditure_application_is_refused_not_ignored():
    proc = run(["assess", "-"], json.dumps({**GEJIU, "type": "expenditure", "emergency_cause": "fire"}))
    assert proc.returncode == 2
    assert json.loads(proc.stdout)["error"]["field"] == "emergency_cause"


def test_a_county_code_written_as_a_number_is_the_same_county():
    proc = run(["assess", "-"], json.dumps({**GEJIU, "county": 532501}))
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["county"]["name"] == "个旧市"


# -- where the CLI finds the standards (the engine never imports build code) ---------------------------------------

MENGZI_2026 = {"county": "蒙自市", "date": "2026-08-01", "residence": "urban", "household_size": 3,
               "income_6m": 9000, "medical_self_paid_6m": 6000}


def _checkout_copy(tmp_path):
    """A copy of what the CLI needs in a checkout: the engine, the build script and code, and standards/."""
    for name in ("calculator", "standards_tools", "sitebuild", "standards", "scripts", "policy"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def _run_in(root, args, stdin):
    return subprocess.run([sys.executable, "-m", "calculator", *args], input=stdin, capture_output=True, text=True,
                          cwd=root)


def test_in_a_checkout_the_cli_rebuilds_its_bundle_when_a_standards_file_changes_and_never_uses_the_old_one(tmp_path):
    root = _checkout_copy(tmp_path)
    first = _run_in(root, ["assess", "-"], json.dumps(MENGZI_2026, ensure_ascii=False))
    assert first.returncode == 0, first.stdout + first.stderr
    assert json.loads(first.stdout)["single_cap"] == "26784.00"  # 3 × 744 × 12
    assert (root / "build" / "standards.json").exists()
    mengzi = root / "standards" / "532503-mengzi.yaml"
    mengzi.write_text(mengzi.read_text(encoding="utf-8").replace("amount: 744", "amount: 800", 1), encoding="utf-8")
    second = _run_in(root, ["assess", "-"], json.dumps(MENGZI_2026, ensure_ascii=False))
    assert second.returncode == 0, second.stdout + second.stderr
    assert json.loads(second.stdout)["single_cap"] == "28800.00"  # 3 × 800 × 12: the edited file, not the old bundle


def test_in_a_checkout_a_standards_file_with_an_error_stops_the_cli_with_the_validators_chinese_message(tmp_path):
    root = _checkout_copy(tmp_path)
    mengzi = root / "standards" / "532503-mengzi.yaml"
    mengzi.write_text(mengzi.read_text(encoding="utf-8").replace("amount: 744", "amount: 74x4", 1), encoding="utf-8")
    proc = _run_in(root, ["assess", "-"], json.dumps(MENGZI_2026, ensure_ascii=False))
    assert proc.returncode == 3
    error = json.loads(proc.stdout)["error"]
    assert error["field"] == "standards" and "532503-mengzi.yaml" in error["message"]
    assert "Traceback" not in proc.stdout + proc.stderr


def test_a_bundle_given_with_standards_older_than_the_checkouts_files_is_used_but_never_silently(tmp_path):
    root = _checkout_copy(tmp_path)
    bundle = tmp_path / "old.json"
    built = subprocess.run([sys.executable, str(root / "scripts" / "build-standards"), str(bundle)],
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    fresh = _run_in(root, ["assess", "-", "--standards", str(bundle)], json.dumps(MENGZI_2026, ensure_ascii=False))
    assert fresh.returncode == 0 and fresh.stderr == ""
    for path in [*(root / "standards").glob("*.yaml"), *(root / "policy").glob("*.yaml")]:  # as when it was built …
        os.utime(path, (time.time() - 7200, time.time() - 7200))
    os.utime(bundle, (time.time() - 3600, time.time() - 3600))
    (root / "standards" / "532503-mengzi.yaml").touch()  # … and one edited since
    old = _run_in(root, ["assess", "-", "--standards", str(bundle)], json.dumps(MENGZI_2026, ensure_ascii=False))
    assert old.returncode == 0
    assert json.loads(old.stdout)["single_cap"] == "26784.00"  # what was asked for
    assert "早于仓库中的 standards/532503-mengzi.yaml，可能已过时" in old.stderr  # that file only


def test_the_engine_finds_its_bundle_without_importing_build_code():
    main = (ROOT / "calculator" / "__main__.py").read_text(encoding="utf-8")
    assert "sitebuild" not in main.replace("scripts/build-standards", "")
