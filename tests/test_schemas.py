"""The CLI's contract as JSON Schemas (schemas/): every scenario's input and output are valid against them, and the
schemas refuse what the contract refuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from sitebuild.scenarios import application_json, load_scenarios, run_case

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = {name: json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
           for name in ("application", "result", "error")}
CASES = load_scenarios()


def validator(name: str) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(SCHEMAS[name])
    return jsonschema.Draft202012Validator(SCHEMAS[name])


@pytest.fixture(scope="module")
def outputs(bundle) -> list[tuple[dict, dict]]:
    return [(case, run_case(case, bundle)) for case in CASES]


def test_the_three_schemas_are_valid_draft_2020_12_schemas():
    for name in SCHEMAS:
        validator(name)


def test_every_scenario_that_is_assessed_has_an_input_valid_against_the_application_schema(outputs):
    check = validator("application")
    assessed = [case for case, result in outputs if "error" not in result]
    assert len(assessed) > 150
    for case in assessed:
        data = json.loads(application_json(case))
        assert list(check.iter_errors(data)) == [], case["name"]


def test_every_scenarios_output_is_valid_against_the_result_or_the_error_schema(outputs):
    result_check, error_check = validator("result"), validator("error")
    for case, result in outputs:
        check = error_check if "error" in case else result_check
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in check.iter_errors(result)]
        assert errors == [], case["name"]


def test_the_result_schema_refuses_money_without_exactly_two_decimals_and_an_unknown_field(outputs):
    check = validator("result")
    result = next(r for case, r in outputs if "error" not in r)
    assert not check.is_valid({**result, "single_cap": "26784.0"})
    assert not check.is_valid({**result, "single_cap": 26784})
    assert not check.is_valid({**result, "unexpected": 1})
    assert not check.is_valid({**result, "reasons": [{"rule": "I3", "clause": "2-1-2", "text": "无标题"}]})


def test_the_application_schema_refuses_an_unknown_field_and_an_unknown_severity():
    check = validator("application")
    base = {"county": "个旧市", "date": "2025-08-01", "residence": "urban", "household_size": 3}
    assert check.is_valid(base)
    assert not check.is_valid({**base, "incom_6m": 1})
    assert not check.is_valid({**base, "severity": "huge"})
    assert not check.is_valid({**base, "household_size": 31})


def test_the_clis_output_and_its_error_are_valid_against_the_schemas(tmp_path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"county": "金平县", "date": "2025-08-01", "residence": "rural", "household_size": 3,
                                "emergency_cause": "fire"}, ensure_ascii=False), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text('{"county": "红河", "date": "2025-08-01", "residence": "rural", "household_size": 3}',
                   encoding="utf-8")
    for path, schema, code in ((good, "result", 0), (bad, "error", 2)):
        proc = subprocess.run([sys.executable, "-m", "calculator", "assess", str(path)], cwd=ROOT,
                              capture_output=True, text=True, encoding="utf-8")
        assert proc.returncode == code, proc.stdout + proc.stderr
        assert list(validator(schema).iter_errors(json.loads(proc.stdout))) == []
