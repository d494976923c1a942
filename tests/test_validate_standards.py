"""The standards validator refuses bad input loudly, in Chinese, at the right file and line.

Each bad fixture in ``tests/fixtures/standards/`` is a minimal copy of the 蒙自市 file with one defect; the
defective line carries the comment ``# <<<``, and the validator must report an error at exactly that line.
``scripts/validate-standards`` is run as a clerk would run it (a subprocess with the project's Python).
"""

from __future__ import annotations

import ast
import json
import random
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from sitebuild import yamlstrict
from sitebuild.validate import StandardsInvalid, check_paths, load_schema, validate_paths
from standards_tools import checks

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable
VALIDATE = str(ROOT / "scripts" / "validate-standards")
BUILD = str(ROOT / "scripts" / "build-standards")
FIXTURES = ROOT / "tests" / "fixtures" / "standards"
STANDARDS = ROOT / "standards"
MARK = b"# <<<"


def run(script: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    result = subprocess.run([PYTHON, script, *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    return result


def marked_line(path: Path) -> int:
    """1-based number of the line marked ``# <<<`` (read as bytes: the GBK fixture is not UTF-8)."""
    lines = [number for number, line in enumerate(path.read_bytes().split(b"\n"), start=1) if MARK in line]
    assert len(lines) == 1, f"{path} must mark exactly one line with # <<<"
    return lines[0]


def assert_refused(name: str, *words: str) -> str:
    """Run the validator on one fixture: exit 1 and an error at the marked line whose text has ``words``."""
    path = FIXTURES / name
    shown = path.relative_to(ROOT).as_posix()
    result = run(VALIDATE, shown)
    assert result.returncode == 1, result.stdout
    prefix = f"{shown}:{marked_line(path)}: 错误："
    hits = [line for line in result.stdout.splitlines() if line.startswith(prefix)]
    assert hits, f"expected an error starting with {prefix!r}, got:\n{result.stdout}"
    for word in words:
        assert any(word in hit for hit in hits), f"{word!r} not in {hits}"
    assert result.stdout.splitlines()[-1].startswith("共检查 1 个文件：")
    return "\n".join(hits)


def county(urban: list[tuple[str, str]], rural: list[tuple[str, str]] = ()) -> dict:
    """A county file's data with the given (effective, amount) values."""

    def values(pairs):
        return [
            {"effective": e, "amount": a, "status": "verified", "source": {"document": "某文件", "issuer": "某局"}}
            for e, a in pairs
        ]

    return {
        "county": {"code": "532503", "name": "蒙自市"},
        "dibao": {"urban": {"unit": checks.URBAN_UNIT, "values": values(urban)},
                  "rural": {"unit": checks.RURAL_UNIT, "values": values(rural)}},
    }


# --------------------------------------------------------------------------- the real data


def test_the_real_standards_directory_validates_with_exit_status_0():
    result = run(VALIDATE)
    assert result.returncode == 0, result.stdout
    assert "错误：" not in result.stdout
    # 15 files in standards/ and policy/updates.yaml
    assert result.stdout.splitlines()[-1].startswith("共检查 16 个文件：没有错误")


def test_the_validator_also_runs_as_an_executable_with_the_venv_first_on_path():
    env_path = f"{VENV_PYTHON.parent}:/usr/bin:/bin"
    result = subprocess.run([VALIDATE], cwd=ROOT, capture_output=True, text=True, env={"PATH": env_path}, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_json_schema_is_a_valid_draft_2020_12_schema():
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(load_schema())


def test_the_standards_checks_module_imports_only_the_standard_library_and_the_engine():
    tree = ast.parse((ROOT / "standards_tools" / "checks.py").read_text(encoding="utf-8"))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module.split(".")[0])
    assert modules <= set(sys.stdlib_module_names) | {"__future__", "calculator"}, modules  # the engine: stdlib too


def test_the_complete_example_in_the_readme_validates(tmp_path):
    blocks = re.findall(r"```yaml\n(.*?)```", (STANDARDS / "README.md").read_text(encoding="utf-8"), re.S)
    example = tmp_path / "532503-example.yaml"
    example.write_text("\n".join(blocks), encoding="utf-8")
    result = run(VALIDATE, str(example))
    assert result.returncode == 0, result.stdout


# --------------------------------------------------------------------------- reading refusals


def test_a_file_saved_in_gbk_is_refused_at_the_first_line_that_is_not_utf8():
    assert_refused("532503-gbk.yaml", "UTF-8")


def test_a_yaml_syntax_error_is_refused_at_its_line():
    assert_refused("532503-yaml-syntax-error.yaml", "YAML 格式错误")


def test_tab_indentation_is_refused_at_the_line_with_the_tab():
    assert_refused("532503-tab-indent.yaml", "制表符")


def test_a_duplicate_key_is_refused_at_its_second_occurrence():
    assert_refused("532503-duplicate-key.yaml", "“amount”", "重复", "第 11 行")


def test_a_misspelled_key_is_refused_and_the_closest_allowed_key_is_suggested():
    hits = assert_refused("532503-misspelled-key.yaml", "efective", "是不是想写“effective”")
    assert "缺少" not in hits  # the misspelling is reported once, not also as a missing "effective"


def test_a_python_object_tag_is_refused_and_nothing_is_constructed_or_executed(tmp_path):
    fixture = FIXTURES / "532503-python-tag.yaml"
    result = run(VALIDATE, str(fixture), cwd=tmp_path)
    assert result.returncode == 1
    assert f"{fixture}:{marked_line(fixture)}: 错误：" in result.stdout
    assert "标签" in result.stdout
    assert not (tmp_path / "python-tag-was-executed").exists()
    assert list(tmp_path.iterdir()) == []
    assert_refused("532503-python-tag.yaml", "标签")


def test_the_reader_never_constructs_a_tagged_object_in_process(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = 'a: !!python/object/apply:os.system ["touch constructed"]\nb: !!python/name:os.system\n'
    with pytest.raises(yamlstrict.YamlProblem):
        yamlstrict.parse(text.encode())
    assert not (tmp_path / "constructed").exists()


# --------------------------------------------------------------------------- dates


def test_an_impossible_date_is_refused():
    assert_refused("532503-impossible-date.yaml", "2026-02-30", "2 月只有 28 天")


@pytest.mark.parametrize("name", ["532503-date-with-slashes.yaml", "532503-date-without-padding.yaml"])
def test_a_date_not_written_as_yyyy_mm_dd_is_refused_and_the_right_spelling_is_shown(name):
    assert_refused(name, "请写成 2026-07-01")


def test_effective_dates_out_of_order_are_refused_at_the_later_entry():
    assert_refused("532503-dates-out-of-order.yaml", "2024-07-01", "早于上一条")


def test_a_repeated_effective_date_is_refused_at_the_second_entry():
    assert_refused("532503-date-repeated.yaml", "2025-07-01", "重复")


# --------------------------------------------------------------------------- required keys


def test_a_value_without_a_source_is_refused():
    assert_refused("532503-missing-source.yaml", "缺少“source”")


def test_a_source_without_a_document_is_refused():
    assert_refused("532503-missing-document.yaml", "缺少“document”")


# --------------------------------------------------------------------------- amounts


def test_a_non_numeric_amount_is_refused():
    assert_refused("532503-amount-not-a-number.yaml", "七百四十四元", "不是一个数字")


def test_a_nan_amount_is_refused():
    assert_refused("532503-amount-nan.yaml", ".nan", "不是一个数")


def test_an_infinite_amount_is_refused():
    assert_refused("532503-amount-inf.yaml", ".inf", "无穷大")


def test_a_negative_amount_is_refused():
    assert_refused("532503-amount-negative.yaml", "负数")


def test_an_amount_with_three_decimals_is_refused():
    assert_refused("532503-amount-three-decimals.yaml", "744.125", "最多只能写 2 位")


def test_an_amount_of_28_digits_is_refused_as_too_large_not_a_crash_of_the_checker():
    assert_refused("532503-amount-too-large.yaml", "9999999999999999999999999999", "过大（应小于 1 万亿）")


def test_amounts_up_to_twelve_digits_pass_the_number_check_and_thirteen_are_too_large():
    assert checks.decimal_problem("999999999999.99") is None  # 1 万亿 − 1 分
    assert checks.decimal_problem("1000000000000") == "金额 1000000000000 过大（应小于 1 万亿）。请核对原文。"


def test_an_amount_in_exponent_notation_is_refused_with_the_plain_number_suggested():
    assert_refused("532503-amount-exponent.yaml", "科学计数法", "700")


def test_an_amount_with_a_leading_zero_is_refused():
    assert_refused("532503-amount-leading-zero.yaml", "“08”", "开头多了 0")


def test_a_status_of_no_is_refused_because_it_is_not_verified_or_unverified():
    assert_refused("532503-status-no.yaml", "verified", "unverified", "“no”")


# --------------------------------------------------------------------------- codes


def test_an_unquoted_county_code_is_accepted_and_read_exactly_like_a_quoted_one():
    path = FIXTURES / "532503-code-unquoted.yaml"
    result = run(VALIDATE, path.relative_to(ROOT).as_posix())
    assert result.returncode == 0, result.stdout
    unquoted = yamlstrict.parse_file(path).data
    quoted = yamlstrict.parse_file(FIXTURES / "532503-below-floor.yaml").data
    assert unquoted["county"] == quoted["county"] == {"code": "532503", "name": "蒙自市"}


def test_a_county_file_whose_name_starts_with_another_code_is_refused():
    assert_refused("532504-code-differs-from-file-name.yaml", "532504", "532503")


def test_a_county_code_in_two_files_is_refused(tmp_path):
    source = FIXTURES / "532503-code-unquoted.yaml"
    first, second = tmp_path / "532503-a.yaml", tmp_path / "532503-b.yaml"
    shutil.copy(source, first)
    shutil.copy(source, second)
    result = run(VALIDATE, str(first), str(second))
    assert result.returncode == 1
    assert f"{second}:3: 错误：县市代码 532503 已在 {first} 中出现" in result.stdout


# --------------------------------------------------------------------------- plausibility


def test_a_county_figure_below_the_provincial_floor_is_refused_even_when_only_that_file_is_given():
    assert_refused("532503-below-floor.yaml", "700", "低于 2025-07-01 起执行的云南省指导标准 744")


def test_an_annual_figure_in_the_urban_monthly_field_is_refused():
    hits = assert_refused("532503-urban-annual-figure.yaml", "像是年标准", "744.00")
    assert "低于" not in hits


def test_a_monthly_figure_in_the_rural_annual_field_is_refused_without_a_second_floor_message():
    hits = assert_refused("532503-rural-monthly-figure.yaml", "像是月标准", "6720")
    assert "低于" not in hits


def test_a_local_township_limit_with_a_bad_basis_is_refused():
    assert_refused("532503-township-limit-bad-basis.yaml", "basis", "ratio（按比例）", "fixed（固定金额）")


def test_the_unit_thresholds_lie_between_the_real_monthly_and_annual_figures():
    assert 744 < checks.URBAN_MONTHLY_LOOKS_ANNUAL < 557 * 12
    assert 6720 / 12 < checks.RURAL_ANNUAL_LOOKS_MONTHLY < 3500
    assert checks.check_unit_plausibility([{"effective": "2025-07-01", "amount": "1999.99"}], (), "urban") == []
    assert checks.check_unit_plausibility([{"effective": "2025-07-01", "amount": "1500"}], (), "rural") == []


# --------------------------------------------------------------------------- staleness warning


def test_a_county_figure_more_than_18_months_old_gives_one_warning():
    data = county([("2025-07-01", "744")], [("2025-07-01", "6720")])
    findings = checks.check_staleness(data, today=date(2027, 6, 1))
    assert len(findings) == 1
    assert findings[0].severity == checks.WARNING
    assert findings[0].path == ("dibao", "urban", "values", 0, "effective")
    assert "18 个月" in findings[0].message and "2027-06-01" in findings[0].message


def test_a_county_figure_exactly_18_months_old_or_less_gives_no_warning():
    data = county([("2025-07-01", "744")], [("2025-07-01", "6720")])
    assert checks.check_staleness(data, today=date(2026, 12, 31)) == []
    assert checks.check_staleness(data, today=date(2027, 1, 1)) == []
    assert len(checks.check_staleness(data, today=date(2027, 1, 2))) == 1


def test_only_the_newest_figure_counts_for_staleness_and_empty_series_are_not_old():
    data = county([("2018-07-01", "557"), ("2025-07-01", "744")])
    assert checks.check_staleness(data, today=date(2026, 12, 31)) == []
    assert checks.check_staleness(county([]), today=date(2040, 1, 1)) == []


def test_the_cli_shows_an_old_figure_as_a_reminder_with_exit_status_0():
    shown = (FIXTURES / "532503-code-unquoted.yaml").relative_to(ROOT).as_posix()
    old = run(VALIDATE, "--today", "2027-06-01", shown)
    assert old.returncode == 0
    assert f"{shown}:10: 提醒：" in old.stdout
    fresh = run(VALIDATE, "--today", "2026-12-31", shown)
    assert fresh.returncode == 0 and "提醒" not in fresh.stdout


# --------------------------------------------------------------------------- robustness


def test_garbage_binary_empty_missing_and_directory_inputs_give_chinese_errors_never_a_traceback(tmp_path):
    rng = random.Random(20190105)
    inputs = {
        "random.yaml": bytes(rng.randrange(256) for _ in range(4000)),
        "nul.yaml": b"county:\n  code: \x00\x01\x02\n",
        "empty.yaml": b"",
        "comments-only.yaml": b"# nothing here\n",
        "list.yaml": b"- 1\n- 2\n",
        "scalar.yaml": b"just some text\n",
        "deep.yaml": b"[" * 5000,
        "wrong-top.yaml": b"County:\n  code: 532503\n",
        "half.yaml": "county:\n  code: \"532503\"\n  name: 蒙自市\ndibao: {urban: [}\n".encode(),
    }
    for name, raw in inputs.items():
        (tmp_path / name).write_bytes(raw)
    (tmp_path / "a-directory").mkdir()
    args = [str(tmp_path / name) for name in inputs] + [str(tmp_path / "missing.yaml")]
    result = run(VALIDATE, *args)
    assert result.returncode == 1
    for arg in args:
        assert any(line.startswith(arg) and "错误：" in line for line in result.stdout.splitlines()), arg
    empty_dir = run(VALIDATE, str(tmp_path / "a-directory"))
    assert empty_dir.returncode == 1 and "没有 .yaml 文件" in empty_dir.stdout


def test_check_paths_reports_a_directory_given_as_a_file_instead_of_raising(tmp_path):
    _docs, problems = check_paths([tmp_path])
    assert [p.message for p in problems] == ["这是一个文件夹，不是文件。请给出 .yaml 文件。"]


def test_validate_paths_raises_standards_invalid_listing_every_error_of_every_file_and_across_files():
    below, status = FIXTURES / "532503-below-floor.yaml", FIXTURES / "532503-status-no.yaml"
    with pytest.raises(StandardsInvalid) as caught:
        validate_paths([below, status])
    found = [(Path(p.file).name, p.line, p.message.split(" ")[0]) for p in caught.value.problems]
    assert found == [
        (below.name, 11, "城市低保标准"),
        (status.name, 3, "县市代码"),  # both fixtures are 蒙自市: one county, two files
        (status.name, 12, "“status”只能写"),
    ]
    assert all(str(p).split(": ", 1)[1].startswith("错误：") for p in caught.value.problems)


# --------------------------------------------------------------------------- bundle build


def test_build_standards_twice_gives_identical_bytes(tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run(BUILD, str(first)).returncode == 0
    assert run(BUILD, str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    bundle = json.loads(first.read_text(encoding="utf-8"))
    assert len(bundle["counties"]) == 13
    assert bundle["counties"]["532503"]["dibao"]["urban"]["values"][0]["amount"] == "744"


def test_build_standards_refuses_invalid_data_with_the_validators_lines_and_writes_nothing(tmp_path):
    directory = tmp_path / "standards"
    shutil.copytree(STANDARDS, directory)
    shutil.copy(FIXTURES / "532503-below-floor.yaml", directory / "532503-mengzi.yaml")
    out = tmp_path / "out.json"
    result = run(BUILD, "--standards", str(directory), str(out))
    assert result.returncode == 1
    assert f"{directory / '532503-mengzi.yaml'}:11: 错误：" in result.stderr
    assert not out.exists()


def test_build_standards_refuses_a_directory_missing_a_county_file(tmp_path):
    directory = tmp_path / "standards"
    shutil.copytree(STANDARDS, directory)
    (directory / "532531-lvchun.yaml").unlink()
    result = run(BUILD, "--standards", str(directory), str(tmp_path / "out.json"))
    assert result.returncode == 1
    assert "缺少绿春县（532531）的文件" in result.stderr
