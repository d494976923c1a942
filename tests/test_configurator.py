"""The 县市标准配置 page's Python (standards_tools/configurator.py): the file change, the checks, the what-if.

The produced files are judged the way a pull request is judged: written under their real name and checked by
``scripts/validate-standards`` in a subprocess, and parsed by the strict reader to build the bundle the
calculator then uses. The checks' messages are compared with the validator's output for the same file.
"""

from __future__ import annotations

import difflib
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from calculator import assess
from calculator.standards import Bundle
from sitebuild import vocabulary_html
from sitebuild.bundle import make_bundle, standards_files
from sitebuild.validate import load_schema
from sitebuild.yamlstrict import parse
from standards_tools import checks, configurator, yaml_edit

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable
VALIDATE = str(ROOT / "scripts" / "validate-standards")
STANDARDS = ROOT / "standards"
MENGZI = STANDARDS / "532503-mengzi.yaml"
GEJIU = STANDARDS / "532501-gejiu.yaml"
TODAY = "2026-11-29"

SOURCE = {
    "document": "蒙自市民政局关于提高2026年城乡低保标准的通知",
    "issuer": "蒙自市民政局",
    "published": "2026-06-20",
    "url": "https://www.hhmz.gov.cn/2026/notice.html",
    "note": "由 744 元提高到 800 元。",
}


def urban(amount: str = "800", effective: str = "2026-07-01", **source) -> dict:
    return {"effective": effective, "amount": amount, "status": "verified", "source": {**SOURCE, **source}}


def validate(text: str, name: str, tmp_path: Path) -> tuple[int, list[tuple[str, str]]]:
    """Write ``text`` as ``tmp/standards/NAME`` and run scripts/validate-standards on it as a clerk would.

    Returns the exit status and ``[(severity, message)]`` of every reported problem (message without the
    ``FILE:LINE: 错误：`` prefix). The validator reads the provincial floor from the real standards/.
    """
    folder = tmp_path / "standards"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    result = subprocess.run([PYTHON, VALIDATE, "--today", TODAY, str(path)], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
    found = []
    for line in result.stdout.splitlines():
        match = re.match(rf"{re.escape(str(path))}:\d+: (错误|提醒)：(.*)$", line)
        if match:
            found.append(("error" if match.group(1) == "错误" else "warning", match.group(2)))
    return result.returncode, found


def added_lines_only(old: str, new: str) -> list[str]:
    """The added lines of the unified diff; fails when the diff removes or changes any line."""
    diff = list(difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0))
    body = [line for line in diff[2:] if not line.startswith("@@")]
    assert body, "no difference at all"
    assert all(line.startswith("+") for line in body), diff
    assert sum(1 for line in diff if line.startswith("@@")) == 1, "the added lines must be one block"
    return [line[1:] for line in body]


def bundle_with(path_name: str, text: str) -> Bundle:
    """The standards bundle with one file replaced by ``text`` (read strictly, as the build reads it)."""
    docs = [parse(p.read_bytes(), str(p)) for p in standards_files(STANDARDS) if p.name != path_name]
    docs.append(parse(text.encode("utf-8"), str(STANDARDS / path_name)))
    return Bundle.from_dict(make_bundle(docs))


def application(on: str, **extra) -> dict:
    return {"county": "532503", "date": on, "residence": "urban", "household_size": 3, "type": "expenditure",
            "income_6m": "12000", "medical_self_paid_6m": "3000", **extra}


@pytest.fixture(scope="module")
def floor() -> dict:
    return parse((STANDARDS / "yunnan-floor.yaml").read_bytes()).data


# ------------------------------------------------------------------------------------- the file change --


def test_urban_800_inserted_into_mengzi_adds_only_the_entry_and_passes_the_validator(tmp_path):
    original = MENGZI.read_text(encoding="utf-8")
    new = yaml_edit.add_dibao_value(original, "urban", urban())

    added = added_lines_only(original, new)
    assert added == [
        "      - effective: 2026-07-01",
        "        amount: 800",
        "        status: verified",
        "        source:",
        "          document: 蒙自市民政局关于提高2026年城乡低保标准的通知",
        "          issuer: 蒙自市民政局",
        "          published: 2026-06-20",
        "          url: https://www.hhmz.gov.cn/2026/notice.html",
        "          note: 由 744 元提高到 800 元。",
    ]
    # in the urban series, after the 2025 entry, before rural:
    assert new.index("amount: 744") < new.index("amount: 800") < new.index("  rural:")
    assert new.startswith("# 蒙自市 城乡最低生活保障标准\n")  # comments kept

    status, problems = validate(new, "532503-mengzi.yaml", tmp_path)
    assert status == 0, problems
    assert [p for p in problems if p[0] == "error"] == []

    # the strict reader sees exactly the data the page checked
    data_before = parse(original).data
    expected, index = configurator.data_with_entry(data_before, "urban", urban())
    assert parse(new).data == expected and index == 1


def test_the_bundle_with_the_edit_gives_a_single_cap_of_3_times_800_times_12():
    new = yaml_edit.add_dibao_value(MENGZI.read_text(encoding="utf-8"), "urban", urban())
    bundle = bundle_with("532503-mengzi.yaml", new)
    after = assess(application("2026-07-02"), bundle)
    assert after["single_cap"] == "28800.00"  # 3 × 800 × 12
    assert after["dibao_standard_monthly"] == "800.00"
    before = assess(application("2026-06-30"), bundle)
    assert before["single_cap"] == "26784.00"  # 3 × 744 × 12: the day before, the old standard


def test_a_county_with_values_empty_gets_a_block_list(tmp_path):
    original = GEJIU.read_text(encoding="utf-8")
    new = yaml_edit.add_dibao_value(original, "urban", urban(document="个旧市民政局通知", issuer="个旧市民政局"))
    diff = list(difflib.unified_diff(original.splitlines(), new.splitlines(), lineterm="", n=0))
    removed = [line for line in diff[2:] if line.startswith("-")]
    assert removed == ["-    values: []"]  # the urban one; the rural one stays
    assert "+    values:" in diff
    assert "+      - effective: 2026-07-01" in diff
    assert new.count("values: []") == 1
    status, problems = validate(new, "532501-gejiu.yaml", tmp_path)
    assert status == 0, problems
    assert parse(new).data["dibao"]["urban"]["values"][0]["amount"] == "800"

    rural = yaml_edit.add_dibao_value(new, "rural", {**urban("7000"), "source": {"document": "d", "issuer": "i"}})
    assert "values: []" not in rural
    status, problems = validate(rural, "532501-gejiu.yaml", tmp_path)
    assert status == 0, problems


def test_an_entry_dated_between_existing_ones_goes_in_date_order(tmp_path):
    original = MENGZI.read_text(encoding="utf-8")
    with_2027 = yaml_edit.add_dibao_value(original, "urban", urban("820", "2027-07-01"))
    between = yaml_edit.add_dibao_value(with_2027, "urban", urban("800", "2026-07-01"))
    values = parse(between).data["dibao"]["urban"]["values"]
    assert [v["effective"] for v in values] == ["2025-07-01", "2026-07-01", "2027-07-01"]
    assert [v["amount"] for v in values] == ["744", "800", "820"]
    added_lines_only(with_2027, between)
    status, problems = validate(between, "532503-mengzi.yaml", tmp_path)
    assert status == 0, problems
    # before the first one
    first = yaml_edit.add_dibao_value(original, "urban", urban("744", "2024-07-01"))
    assert [v["effective"] for v in parse(first).data["dibao"]["urban"]["values"]] == ["2024-07-01", "2025-07-01"]


def test_comments_stay_with_the_entry_they_describe_and_crlf_files_stay_crlf():
    text = (
        "county:\n  code: \"532503\"\n  name: 蒙自市\n\ndibao:\n  urban:\n    unit: 元/人·月\n    values:\n"
        "      # 2025 年的标准\n      - effective: 2025-07-01\n        amount: 744\n        status: verified\n"
        "        source: {document: 某通知, issuer: 蒙自市民政局}\n"
        "  rural:\n    unit: 元/人·年\n    values: []  # 还没有\n"
    )
    new = yaml_edit.add_dibao_value(text, "urban", urban("740", "2024-07-01"))
    assert new.index("effective: 2024-07-01") < new.index("# 2025 年的标准") < new.index("effective: 2025-07-01")
    new_rural = yaml_edit.add_dibao_value(text, "rural", urban("7000"))
    assert "    values:  # 还没有\n      - effective: 2026-07-01\n" in new_rural
    crlf = text.replace("\n", "\r\n")
    new_crlf = yaml_edit.add_dibao_value(crlf, "urban", urban())
    assert new_crlf.replace("\r\n", "") .count("\n") == 0
    assert new_crlf.replace("\r\n", "\n") == yaml_edit.add_dibao_value(text, "urban", urban())


def test_values_that_yaml_would_misread_are_quoted_and_read_back_as_written():
    tricky = {"document": "通知: 第 1 号 #2", "issuer": "yes", "note": "- 开头的说明", "url": "https://a.example/x#y"}
    new = yaml_edit.add_dibao_value(MENGZI.read_text(encoding="utf-8"), "urban", urban(**tricky))
    source = parse(new).data["dibao"]["urban"]["values"][1]["source"]
    for key, value in tricky.items():
        assert source[key] == value


def test_a_township_limit_creates_local_then_goes_in_date_order(tmp_path, bundle_data):
    original = MENGZI.read_text(encoding="utf-8")
    fixed = {"effective": "2027-01-01", "status": "verified", "basis": "fixed", "amount": "5000",
             "source": {"document": "蒙自市临时救助实施细则", "issuer": "蒙自市民政局"}}
    first = yaml_edit.add_entry(original, "township_limit", fixed)
    added = added_lines_only(original, first)
    assert added[:3] == ["", "local:", "  township_limit:"] and added[3] == "    - effective: 2027-01-01"
    ratio = {**fixed, "effective": "2026-01-01", "basis": "ratio", "ratio": "0.6"}
    ratio.pop("amount")
    both = yaml_edit.add_entry(first, "township_limit", ratio)
    entries = parse(both).data["local"]["township_limit"]
    assert [e["effective"] for e in entries] == ["2026-01-01", "2027-01-01"]
    status, problems = validate(both, "532503-mengzi.yaml", tmp_path)
    assert status == 0, problems
    bundle = bundle_with("532503-mengzi.yaml", both)
    assert assess(application("2026-03-01"), bundle)["township_limit"] == "5356.80"  # 0.6 × 744 × 12
    assert assess(application("2027-03-01"), bundle)["township_limit"] == "5000.00"


# ------------------------------------------------------------------------------------------- the checks --


@pytest.mark.parametrize(
    ("series", "entry", "field"),
    [
        ("urban", urban("8928"), "amount"),  # an annual figure in the monthly field
        ("urban", urban(effective="2026-02-30"), "effective"),  # no such day
        ("urban", urban("700"), "amount"),  # below the provincial floor of 744 on 2026-07-01
        ("urban", urban("800.123"), "amount"),
        ("urban", urban("0744"), "amount"),
        ("urban", urban(effective="2026/07/01"), "effective"),
        ("urban", urban(effective="2025-07-01"), "effective"),  # the same day as the existing entry
        ("rural", urban("560"), "amount"),  # a monthly figure in the annual field
        ("urban", urban(published="2026-6-20"), "published"),
        ("urban", urban(url="www.hhmz.gov.cn"), "url"),
        ("urban", urban(note="复制来的\u200b文字"), "note"),
    ],
)
def test_each_message_is_the_validators_message_for_the_same_file(series, entry, field, floor, tmp_path):
    data = parse(MENGZI.read_bytes()).data
    errors = configurator.check_entry(data, series, entry, floor=floor, today=date.fromisoformat(TODAY))
    assert list(errors) == [field], errors
    new = yaml_edit.add_entry(MENGZI.read_text(encoding="utf-8"), series, entry)
    status, problems = validate(new, "532503-mengzi.yaml", tmp_path)
    assert status == 1
    assert [m for s, m in problems if s == "error"] == [errors[field]]


def test_the_three_messages_of_the_issue(floor):
    data = parse(MENGZI.read_bytes()).data

    def message(entry, field):
        return configurator.check_entry(data, "urban", entry, floor=floor)[field]

    assert message(urban("8928"), "amount").startswith("城市低保标准的单位是 元/人·月，8928 这个数像是年标准")
    assert message(urban(effective="2026-02-30"), "effective") == (
        "生效日期 2026-02-30 不存在：2026 年 2 月只有 28 天。请核对原文的日期。"
    )
    assert message(urban("700"), "amount") == (
        "城市低保标准 700 元/人·月 低于 2025-07-01 起执行的云南省指导标准 744 元/人·月。"
        "县市标准不得低于同期省级标准：请核对原文的金额和生效日期。"
    )


def test_missing_required_fields_get_the_validators_message(floor, tmp_path):
    data = parse(MENGZI.read_bytes()).data
    entry = configurator.entry_from_form("urban", {"effective": "2026-07-01", "amount": " 800 ", "status": "verified",
                                         "document": "  ", "issuer": "蒙自市民政局"})
    assert entry["amount"] == "800" and "document" not in entry["source"]
    errors = configurator.check_entry(data, "urban", entry, floor=floor)
    assert errors == {"document": checks.missing_key_message("document")}
    new = yaml_edit.add_entry(MENGZI.read_text(encoding="utf-8"), "urban", entry)
    status, problems = validate(new, "532503-mengzi.yaml", tmp_path)
    assert status == 1 and [m for s, m in problems if s == "error"] == [errors["document"]]


def test_township_limit_checks_ratio_and_basis(floor, tmp_path):
    data = parse(MENGZI.read_bytes()).data
    form = {"effective": "2026-01-01", "status": "verified", "basis": "ratio", "ratio": "50", "amount": "9",
            "document": "细则", "issuer": "蒙自市民政局"}
    entry = configurator.entry_from_form("township_limit", form)
    assert "amount" not in entry  # basis ratio writes ratio only
    errors = configurator.check_entry(data, "township_limit", entry, floor=floor)
    assert list(errors) == ["ratio"]
    status, problems = validate(yaml_edit.add_entry(MENGZI.read_text(encoding="utf-8"), "township_limit", entry),
                                "532503-mengzi.yaml", tmp_path)
    assert [m for s, m in problems if s == "error"] == [errors["ratio"]]
    fixed = configurator.entry_from_form("township_limit", {**form, "basis": "fixed", "amount": ""})
    assert configurator.check_entry(data, "township_limit", fixed, floor=floor) == {
        "amount": checks.missing_key_message("amount")}


def test_a_stale_entry_gets_the_validators_reminder(floor):
    data = parse(GEJIU.read_bytes()).data
    review = configurator.review_entry(data, "urban", urban(effective="2024-07-01"), floor=floor,
                             today=date.fromisoformat(TODAY))
    assert review["errors"] == {}
    assert "已超过 18 个月" in review["warnings"]["effective"]


def test_the_form_mirrors_the_schema():
    """Every input that holds a schema value carries the schema's pattern (HTML patterns are anchored) and
    ``required`` exactly where the schema requires the key."""
    defs = load_schema()["$defs"]
    page = (ROOT / "docs" / "configurator" / "index.md").read_text(encoding="utf-8")
    page = vocabulary_html.expand(page, "configurator/index.md")  # the options as the build renders them
    inputs = {m.group(1): m.group(0) for m in re.finditer(r'<input id="cf-[a-z]+" name="([a-z]+)"[^>]*>', page, re.S)}
    assert set(inputs) == {"ratio", "amount", "effective", "document", "issuer", "published", "url", "note"}
    for name, tag in inputs.items():
        kind = re.search(r'data-schema="([a-z]+)"', tag).group(1)
        pattern = re.search(r'pattern="([^"]+)"', tag).group(1)
        schema_pattern = defs[kind]["pattern"]
        expected = ".*\\S.*" if schema_pattern == "\\S" else schema_pattern.removeprefix("^").removesuffix("$")
        assert pattern == expected, name
    required = set(defs["dibaoValue"]["required"]) | set(defs["source"]["required"])
    marked = {name for name, tag in inputs.items() if re.search(r"\srequired[\s>]", tag)}
    assert marked | {"status"} == required - {"source"}
    assert re.search(r'<select id="cf-status" name="status" required', page)
    assert set(re.findall(r'<option value="(\w+)">', page.split('name="status"')[1].split("</select>")[0])) == set(
        defs["status"]["enum"]
    )


# ---------------------------------------------------------------------------------------------- what-if --


def test_what_if_shows_the_households_before_and_after_and_the_standing(bundle_data):
    result = configurator.what_if(bundle_data, "532503", "urban", urban())
    assert result["date"] == "2026-07-01"
    urban3 = next(h for h in result["households"] if h["id"] == "urban-3-medical")
    assert urban3["before"]["single_cap"] == "26784.00" and urban3["after"]["single_cap"] == "28800.00"
    assert urban3["after"]["year_total_cap"] == "57600.00"
    assert "single_cap" in urban3["changed"] and "township_limit" not in urban3["changed"]
    assert result["township_limit_next"] == {"date": "2027-01-01", "before": "4464.00", "after": "4800.00"}
    standing = result["standing"]
    assert standing["after"]["rank"] == 1 and standing["after"]["tied_with"] == []
    assert standing["before"]["rank"] == 1 and len(standing["before"]["tied_with"]) == 12
    assert [r["rank"] for r in standing["after"]["table"]][:2] == [1, 2]
    # a source is not needed for the what-if
    assert configurator.what_if(bundle_data, "532503", "urban", {"effective": "2026-07-01", "amount": "800"})


def test_evaluate_gives_the_file_only_without_errors(bundle_data):
    original = MENGZI.read_text(encoding="utf-8")
    form = {"effective": "2026-07-01", "amount": "800", "status": "verified", **SOURCE}
    request = {"county": "532503", "series": "urban", "form": form, "original": original, "today": TODAY}
    configurator.init(json.dumps(bundle_data, ensure_ascii=False))
    result = json.loads(configurator.evaluate_json(json.dumps(request, ensure_ascii=False)))
    assert result["errors"] == {}
    assert result["file"]["path"] == "standards/532503-mengzi.yaml"
    assert result["file"]["text"] == yaml_edit.add_dibao_value(original, "urban", urban())
    assert result["file"]["title"] == "蒙自市：城市低保标准 2026-07-01 起 800 元/人·月"
    assert result["file"]["diff"].startswith("--- a/standards/532503-mengzi.yaml\n+++ b/standards/532503-mengzi.yaml\n")
    assert result["what_if"]["households"][0]["after"]["single_cap"] == "28800.00"

    bad = json.loads(configurator.evaluate_json(json.dumps({**request, "form": {**form, "amount": "8928"}})))
    assert bad["file"] is None and bad["what_if"] is None and list(bad["errors"]) == ["amount"]
    no_source = json.loads(configurator.evaluate_json(json.dumps({**request, "form": {**form, "issuer": ""}})))
    assert no_source["file"] is None and no_source["what_if"] is not None


def test_the_form_reads_amounts_as_people_type_them_and_refuses_separators_and_units_as_the_calculator_does(
        bundle_data):
    original = MENGZI.read_text(encoding="utf-8")
    form = {"effective": "2026-07-01", "status": "verified", **SOURCE}
    request = {"county": "532503", "series": "urban", "original": original, "today": TODAY}
    configurator.init(json.dumps(bundle_data, ensure_ascii=False))

    def evaluate(amount: str) -> dict:
        return json.loads(configurator.evaluate_json(json.dumps({**request, "form": {**form, "amount": amount}},
                                                                ensure_ascii=False)))

    typed = evaluate(" ８００．５ ")
    assert typed["errors"] == {}
    assert "amount: 800.5" in typed["file"]["text"]
    for amount in ("1,200", "1，200", "800元"):
        refused = evaluate(amount)
        assert refused["file"] is None
        assert refused["errors"]["amount"].startswith("请只填数字，不要加逗号或“元”"), amount


def test_a_file_in_an_unexpected_shape_is_refused_not_mangled():
    flow = MENGZI.read_text(encoding="utf-8").replace(
        "    values:\n      - effective: 2025-07-01", "    values: [{effective: 2025-07-01}]\n    x:\n      - y: 1", 1
    )
    with pytest.raises(yaml_edit.EditError):
        yaml_edit.add_dibao_value(flow, "urban", urban())


# ----------------------------------------------------------------------------------------- build assets --


def test_write_assets_ships_every_file_byte_for_byte_with_an_index(tmp_path):
    from sitebuild.configurator_assets import write_assets

    index_path = write_assets(tmp_path)
    index = json.loads(index_path.read_text(encoding="utf-8"))
    assert len(index["counties"]) == 13
    mengzi = index["counties"]["532503"]
    assert mengzi["name"] == "蒙自市" and mengzi["path"] == "standards/532503-mengzi.yaml"
    shipped = index_path.parent / mengzi["file"]
    assert shipped.read_bytes() == MENGZI.read_bytes()
    assert "yunnan-floor.yaml" in index["files"]
