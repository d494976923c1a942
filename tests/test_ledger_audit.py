"""台账核查 (issue 20): every finding kind on both sides of its boundary, the ledger formats, row numbers,
de-identification, and the command line's contract.

Figures of 个旧市, which applies the Yunnan floor (standards/yunnan-floor.yaml): urban 728 元/人·月 from
2023-07-01, 735 from 2024-07-01. Prefecture parameters (standards/honghe-prefecture.yaml) from 2019-01-01:
2 times a year, 3 × and 6 × the urban annual standard, 1000 元 light tier, 1000 元 cash, township limit 50 % of
the previous 31 December's urban annual standard.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal

import pytest

from ledger_audit import LedgerError, audit, open_ledger
from ledger_audit.report import to_json, to_markdown, to_xlsx
from sitebuild.bundle import ROOT
from sitebuild.ledger_samples import ID, csv_bytes, row, write_csv, write_xlsx

SCRIPT = ROOT / "scripts" / "audit-ledger"


def yuan(expression: str) -> str:
    """Exact arithmetic in 元 written as in the policy (``3 * 728 * 12``) → ``"26208.00"``."""
    return str(Decimal(eval(expression, {"__builtins__": {}})).quantize(Decimal("0.01")))  # noqa: S307


def run_audit(tmp_path, bundle, rows, *, kind="csv", as_of=None, name="ledger", header=None, **kw):
    path = tmp_path / f"{name}.{kind}"
    if kind == "csv":
        write_csv(path, rows, kw.get("encoding", "utf-8"), header)
    else:
        write_xlsx(path, rows, header)
    return audit(open_ledger(path), bundle, as_of=as_of)


def kinds(report) -> list[tuple[str, list[int]]]:
    return [(f["kind"], f["rows"]) for f in report["findings"]]


# -- each finding kind, just below, at and just above its boundary --------------------------------------------

@pytest.mark.parametrize("amount, found", [(yuan("3 * 728 * 12 - 0.01"), False), (yuan("3 * 728 * 12"), False),
                                           (yuan("3 * 728 * 12 + 0.01"), True)])
def test_a_single_assistance_above_three_times_the_urban_annual_standard_is_a_finding(tmp_path, bundle, amount, found):
    report = run_audit(tmp_path, bundle, [row(amount=amount, date="2024-03-05", type="支出型", severity="")])
    assert kinds(report) == ([("single_cap", [2])] if found else [])
    if found:
        text = report["findings"][0]["text"]
        assert "3 × 728 × 12 = 26208.00" in text and "26208.01" in text
        assert report["findings"][0]["clause"] == "2-3-1" and report["findings"][0]["rule"] == "I6"


def test_a_single_assistance_above_three_times_marked_case_by_case_is_no_finding(tmp_path, bundle):
    report = run_audit(tmp_path, bundle, [row(amount=yuan("3 * 728 * 12 + 0.01"), mark="是")])
    assert kinds(report) == []


@pytest.mark.parametrize("second, found", [(yuan("6 * 735 * 12 - 26208 - 0.01"), False),
                                           (yuan("6 * 735 * 12 - 26208"), False),
                                           (yuan("6 * 735 * 12 - 26208 + 0.01"), True)])
def test_the_yearly_total_is_compared_with_six_times_the_standard_in_force_on_the_crossing_rows_date(
        tmp_path, bundle, second, found):
    # March: 728 in force; August: 735. The cap is 6 × 735 × 12 = 52920.00 on the second assistance's date
    # (with 728 it would be 52416.00, and every case here would be a finding).
    rows = [row(date="2024-03-05", amount="26208", type="支出型"),
            row(date="2024-08-05", amount=second, type="支出型", mark="是")]
    report = run_audit(tmp_path, bundle, rows)
    assert kinds(report) == ([("year_total", [3])] if found else [])
    if found:
        assert "26208.00 + 26712.01 = 52920.01" in report["findings"][0]["text"]
        assert "6 × 735 × 12 = 52920.00" in report["findings"][0]["text"]


@pytest.mark.parametrize("count, found", [(1, False), (2, False), (3, True), (4, True)])
def test_the_third_and_later_assistance_in_a_calendar_year_is_a_finding(tmp_path, bundle, count, found):
    rows = [row(date=f"2024-0{i + 1}-10") for i in range(count)]
    report = run_audit(tmp_path, bundle, rows)
    assert kinds(report) == [("times_per_year", [r]) for r in range(4, count + 2)]
    if found:
        assert "第 3 次" in report["findings"][0]["text"] and "（3 > 2）" in report["findings"][0]["text"]


def test_assistances_are_counted_per_calendar_year_not_per_twelve_months(tmp_path, bundle):
    rows = [row(date="2023-11-10"), row(date="2023-12-31"), row(date="2024-01-01"), row(date="2024-02-01")]
    assert kinds(run_audit(tmp_path, bundle, rows)) == []


def test_rows_sharing_an_approval_number_are_one_assistance_paid_in_stages(tmp_path, bundle):
    stages = [row(date="2024-03-05", approval_no="GJ-2024-001", amount="300"),
              row(date="2024-04-05", approval_no="GJ-2024-001", amount="300"),
              row(date="2024-05-05", approval_no="GJ-2024-001", amount="300"),
              row(date="2024-06-05", approval_no="GJ-2024-002")]
    assert kinds(run_audit(tmp_path, bundle, stages)) == []
    third = stages + [row(date="2024-07-05", approval_no="GJ-2024-003")]
    assert kinds(run_audit(tmp_path, bundle, third, name="third")) == [("times_per_year", [6])]


def test_an_approval_number_belongs_to_one_household_so_another_household_writing_it_has_its_own_assistance(
        tmp_path, bundle):
    # Household 1234 is paid 600.00 by bank; household 5678 writes the same number and is paid 400.01 in cash.
    # Taken together they would be 600 + 400.01 = 1000.01 > 1000 in (partly) cash; apart, 400.01 ≤ 1000.
    rows = [row(id="532501198001011234", approval_no="A-1", amount="600", payment="银行代发"),
            row(id="532501198001015678", approval_no="A-1", amount="400.01", payment="现金", date="2024-03-20")]
    assert kinds(run_audit(tmp_path, bundle, rows)) == []
    assert run_audit(tmp_path, bundle, rows, name="two")["households"] == 2


@pytest.mark.parametrize("approval_no, found", [("GJ-2019-1", [("cash", [2, 12])]),
                                                ("GJ-2019-X", [("times_per_year", [12])])])
def test_a_household_with_many_assistances_still_finds_a_later_stage_by_its_approval_number(
        tmp_path, bundle, approval_no, found):
    # Ten assistances, two a year from 2019 to 2023 (2 ≤ 2 times a year), each under its own number. A last row
    # in 2019: under the first one's number it is its second stage, 600 + 400.01 = 1000.01 > 1000 partly in cash;
    # under a new number it is the third assistance of 2019 (3 > 2).
    rows = [row(date=f"{2019 + i // 2}-0{3 + 3 * (i % 2)}-05", approval_no=f"GJ-{2019 + i // 2}-{1 + i % 2}",
                amount="600") for i in range(10)]
    rows.append(row(date="2019-12-05", approval_no=approval_no, amount="400.01", payment="现金"))
    assert kinds(run_audit(tmp_path, bundle, rows)) == found


def test_without_the_approval_number_column_each_row_is_one_assistance(tmp_path, bundle):
    header = [h for h in ledger_header() if h != "审批编号"]
    rows = [row(date=f"2024-0{i}-05", approval_no="X") for i in (3, 4, 5)]
    assert kinds(run_audit(tmp_path, bundle, rows, header=header)) == [("times_per_year", [4])]


def ledger_header():
    from sitebuild.ledger_samples import HEADER

    return list(HEADER)


@pytest.mark.parametrize("event_dates, found", [(("2024-01-05", "2024-12-31"), True),
                                                (("2023-12-31", "2024-01-01"), False)])
def test_the_same_household_and_event_twice_in_a_calendar_year_is_a_finding(tmp_path, bundle, event_dates, found):
    rows = [row(date=d, event="房屋火灾") for d in event_dates]
    report = run_audit(tmp_path, bundle, rows)
    assert kinds(report) == ([("same_event", [3])] if found else [])
    if found:
        assert "“房屋火灾”" in report["findings"][0]["text"] and "第 2 行" in report["findings"][0]["text"]


@pytest.mark.parametrize("amount, found", [("999.99", False), ("1000.00", False), ("1000.01", True)])
def test_an_emergency_light_tier_amount_above_1000_yuan_is_a_finding(tmp_path, bundle, amount, found):
    report = run_audit(tmp_path, bundle, [row(severity="较轻", amount=amount)])
    assert kinds(report) == ([("light_tier", [2])] if found else [])


def test_the_1000_yuan_light_tier_does_not_apply_to_a_heavier_emergency(tmp_path, bundle):
    assert kinds(run_audit(tmp_path, bundle, [row(severity="较重", amount="1000.01")])) == []


@pytest.mark.parametrize("amount, found", [(yuan("0.5 * 728 * 12 - 0.01"), False), (yuan("0.5 * 728 * 12"), False),
                                           (yuan("0.5 * 728 * 12 + 0.01"), True)])
def test_township_approval_above_the_limit_from_the_previous_31_december_is_a_finding(tmp_path, bundle, amount,
                                                                                      found):
    # 2024-08-05: 735 is in force, but the limit of 2024 uses 2023-12-31's 728: 0.5 × 728 × 12 = 4368.00.
    report = run_audit(tmp_path, bundle, [row(date="2024-08-05", amount=amount, approval="城区街道办事处")])
    assert kinds(report) == ([("township_limit", [2])] if found else [])
    if found:
        assert "50% × 728 × 12 = 4368.00" in report["findings"][0]["text"]
        assert "2023-12-31" in report["findings"][0]["text"]


def test_the_same_amount_approved_by_the_county_is_no_finding(tmp_path, bundle):
    report = run_audit(tmp_path, bundle, [row(date="2024-08-05", amount=yuan("0.5 * 728 * 12 + 0.01"),
                                              approval="个旧市民政局")])
    assert kinds(report) == []


@pytest.mark.parametrize("amount, found", [("999.99", False), ("1000.00", False), ("1000.01", True)])
def test_cash_above_1000_yuan_is_a_finding(tmp_path, bundle, amount, found):
    report = run_audit(tmp_path, bundle, [row(payment="现金", amount=amount)])
    assert kinds(report) == ([("cash", [2])] if found else [])


def test_cash_counts_the_whole_assistance_when_one_stage_is_paid_in_cash(tmp_path, bundle):
    rows = [row(approval_no="A-1", amount="600", payment="银行代发"),
            row(approval_no="A-1", amount="400.01", payment="现金", date="2024-03-20")]
    assert kinds(run_audit(tmp_path, bundle, rows)) == [("cash", [2, 3])]


@pytest.mark.parametrize("date, found", [("2018-12-31", True), ("2019-01-01", False)])
def test_a_date_before_the_standards_begin_is_a_finding(tmp_path, bundle, date, found):
    # The prefecture parameters apply from 2019-01-01 (standards/honghe-prefecture.yaml).
    report = run_audit(tmp_path, bundle, [row(date=date)])
    assert kinds(report) == ([("date_out_of_range", [2])] if found else [])


@pytest.mark.parametrize("date, found", [("2026-11-29", False), ("2026-11-30", False), ("2026-12-01", True)])
def test_a_date_after_the_audits_reference_date_is_a_finding(tmp_path, bundle, date, found):
    report = run_audit(tmp_path, bundle, [row(date=date)], as_of=dt.date(2026, 11, 30))
    assert kinds(report) == ([("date_out_of_range", [2])] if found else [])


@pytest.mark.parametrize("county, found", [("个旧市", False), ("个旧", False), ("532501", False),
                                           ("昆明市", True), ("文山市", True)])
def test_a_county_outside_honghe_is_a_finding(tmp_path, bundle, county, found):
    report = run_audit(tmp_path, bundle, [row(county=county)])
    assert kinds(report) == ([("county_unknown", [2])] if found else [])


# -- the ledger formats and row numbers ---------------------------------------------------------------------

PLANTED = [
    row(date="2024-01-10", event="火灾", severity="较轻", amount="1000.01"),  # row 2: light tier
    row(date="2024-02-10", event="火灾"),  # row 3: same event
    row(date="2024-03-10", payment="现金", amount="1000.01"),  # row 4: third assistance, cash
    row(id="532501199002023456", name="欧阳娜娜", county="昆明市"),  # row 5: not in Honghe
]
PLANTED_FINDINGS = [("light_tier", [2]), ("same_event", [3]), ("times_per_year", [4]), ("cash", [4]),
                    ("county_unknown", [5])]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_utf8_utf8_with_bom_and_gb18030_gives_the_same_report(tmp_path, bundle, encoding):
    path = write_csv(tmp_path / "l.csv", PLANTED, encoding)
    ledger = open_ledger(path)
    assert ledger.encoding == encoding
    assert kinds(audit(ledger, bundle)) == PLANTED_FINDINGS


def test_a_gb18030_file_with_a_character_outside_gbk_is_read(tmp_path, bundle):
    path = write_csv(tmp_path / "l.csv", [row(name="𠀀三", township="𠀀镇")], "gb18030")
    report = audit(open_ledger(path), bundle)
    assert report["rows"] == 1 and report["summary"][0]["township"] == "𠀀镇"


def test_xlsx_gives_the_same_report_with_date_cells_and_number_cells(tmp_path, bundle):
    rows = [dict(r, 救助日期=dt.date.fromisoformat(r["救助日期"]), 救助金额=float(r["救助金额"])) for r in PLANTED]
    path = write_xlsx(tmp_path / "l.xlsx", rows)
    assert kinds(audit(open_ledger(path), bundle)) == PLANTED_FINDINGS


def test_row_numbers_are_the_spreadsheets_own_whatever_the_serial_column_says(tmp_path, bundle):
    # An empty row 3 stays in the sheet; the 序号 column counts from 100.
    rows = [dict(PLANTED[0], 序号=100), None, dict(PLANTED[1], 序号=101), dict(PLANTED[2], 序号=102)]
    report = audit(open_ledger(write_xlsx(tmp_path / "l.xlsx", rows)), bundle)
    assert kinds(report) == [("light_tier", [2]), ("same_event", [4]), ("times_per_year", [5]), ("cash", [5])]
    assert report["rows"] == 3


def test_rows_of_a_template_numbered_in_advance_but_empty_are_not_data(tmp_path, bundle):
    rows = [row(date="2024-01-10"), {"序号": 2}, {"序号": 3, "备注": ""}, row(date="2024-02-10")]
    report = audit(open_ledger(write_csv(tmp_path / "l.csv", rows)), bundle)
    assert report["rows"] == 2 and report["unreadable"] == [] and report["findings"] == []


def test_a_csv_cell_with_a_line_break_is_one_row_as_a_spreadsheet_shows_it(tmp_path, bundle):
    rows = [row(event="火灾\n（厨房）"), row(date="2024-04-01"), row(date="2024-05-01")]
    report = audit(open_ledger(write_csv(tmp_path / "l.csv", rows)), bundle)
    assert kinds(report) == [("times_per_year", [4])]


@pytest.mark.parametrize("value, fen", [(1000.01, "1000.01"), (26208.0, "26208.00"), (0.1, "0.10")])
def test_an_xlsx_money_cell_that_arrives_as_a_float_is_read_through_its_shortest_repr(tmp_path, bundle, value, fen):
    report = audit(open_ledger(write_xlsx(tmp_path / "l.xlsx", [row(amount=value)])), bundle)
    assert report["unreadable"] == [] and report["summary"][0]["amount"] == fen


def test_a_money_cell_with_more_than_two_decimals_is_unreadable_with_its_row(tmp_path, bundle):
    rows = [row(amount=1000.005), row(amount="12.345"), row(amount="1,000.50")]
    report = audit(open_ledger(write_xlsx(tmp_path / "l.xlsx", rows)), bundle)
    assert [(u["row"], u["column"]) for u in report["unreadable"]] == [(2, "救助金额"), (3, "救助金额")]
    assert "两位小数" in report["unreadable"][0]["message"]
    assert report["summary"][0]["amount"] == "1000.50" and report["rows"] == 3


def test_unreadable_cells_are_listed_with_row_and_column_never_skipped_silently(tmp_path, bundle):
    rows = [row(date="2024-02-30"), row(date="下个月"), row(amount="五百"), row(id="", household=""),
            row(severity="一般"), row(approval="村委会"), row(mark="也许"), row(type="临时型")]
    report = audit(open_ledger(write_csv(tmp_path / "l.csv", rows)), bundle)
    got = [(u["row"], u["column"]) for u in report["unreadable"]]
    assert got == [(2, "救助日期"), (3, "救助日期"), (4, "救助金额"), (5, "家庭编号"), (6, "困难程度"),
                   (7, "审批层级"), (8, "一事一议"), (9, "救助类型")]
    assert report["rows"] == 8 and "不存在" in report["unreadable"][0]["message"]


def test_an_id_number_stored_as_a_number_in_xlsx_is_unreadable_and_never_printed(tmp_path, bundle):
    report = audit(open_ledger(write_xlsx(tmp_path / "l.xlsx", [row(id=532501198001011234)])), bundle)
    assert [(u["row"], u["column"]) for u in report["unreadable"]] == [(2, "身份证号")]
    assert "532501198" not in to_json(report)


def test_a_household_is_its_household_number_when_present_otherwise_its_id_number(tmp_path, bundle):
    rows = [row(household="GJ-0001", id="532501198001011234"), row(household="GJ-0001", id="532501199901019999"),
            row(household="", id="532501198001011234"), row(household="GJ-0001", id="532501198001011234",
                                                           date="2024-06-01")]
    report = audit(open_ledger(write_csv(tmp_path / "l.csv", rows)), bundle)
    assert report["households"] == 2
    assert [(f["household"], f["rows"]) for f in report["findings"]] == [("家庭编号 GJ-0001", [5])]


def test_names_are_printed_as_surname_and_star_and_id_numbers_never_appear(tmp_path, bundle):
    report = audit(open_ledger(write_csv(tmp_path / "l.csv", PLANTED)), bundle)
    every = to_json(report) + to_markdown(report)
    for secret in ("张三", "欧阳娜娜", ID, "532501199002023456", "19800101"):
        assert secret not in every
    assert "户主 张*：" in report["findings"][0]["text"] and "户主 欧阳*：" in report["findings"][-1]["text"]
    assert report["findings"][0]["household"] == "身份证尾号 1234（第 2、3、4 行）"
    assert report["findings"][-1]["household"] == "身份证尾号 3456（第 5 行）"


def test_the_summary_counts_and_sums_by_township_month_and_type_with_no_person_in_it(tmp_path, bundle):
    rows = [row(date="2024-03-01", amount="100"), row(date="2024-03-31", amount="200.50", id="532501199001011111"),
            row(date="2024-04-01", amount="300"), row(date="2024-03-02", amount="50", type="支出型", severity=""),
            row(date="2024-03-03", amount="70", township="鸡街镇")]
    report = audit(open_ledger(write_csv(tmp_path / "l.csv", rows)), bundle)
    assert report["summary"] == [
        {"county": "个旧市", "township": "城区街道", "month": "2024-03", "type": "急难型", "payments": 2,
         "amount": yuan("100 + 200.50")},
        {"county": "个旧市", "township": "城区街道", "month": "2024-03", "type": "支出型", "payments": 1,
         "amount": "50.00"},
        {"county": "个旧市", "township": "城区街道", "month": "2024-04", "type": "急难型", "payments": 1,
         "amount": "300.00"},
        {"county": "个旧市", "township": "鸡街镇", "month": "2024-03", "type": "急难型", "payments": 1,
         "amount": "70.00"},
    ]


def test_the_json_shape_is_exactly_that_of_the_issue(tmp_path, bundle):
    report = json.loads(to_json(audit(open_ledger(write_csv(tmp_path / "l.csv", PLANTED + [row(date="x")])),
                                      bundle)))
    assert list(report) == ["rows", "households", "findings", "unreadable", "summary"]
    assert all(list(f) == ["kind", "rule", "clause", "household", "rows", "text"] for f in report["findings"])
    assert list(report["unreadable"][0]) == ["row", "column", "message"]
    assert report["rows"] == 5 and report["households"] == 2


def test_the_xlsx_report_holds_the_findings_the_unreadable_cells_and_the_summary(tmp_path, bundle):
    from openpyxl import load_workbook

    report = audit(open_ledger(write_csv(tmp_path / "l.csv", PLANTED + [row(amount="x")])), bundle)
    (tmp_path / "r.xlsx").write_bytes(to_xlsx(report))
    book = load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["问题", "无法读取", "汇总"]
    assert [r[5] for r in book["问题"].iter_rows(min_row=2, values_only=True)] == ["2", "3", "4", "4", "5"]
    assert [r[:2] for r in book["无法读取"].iter_rows(min_row=2, values_only=True)] == [(6, "救助金额")]


def test_headers_under_other_names_are_found_through_a_mapping(tmp_path, bundle):
    header = ["序号", "户主姓名", "证件号码", "县市", "发放日期", "发放金额（元）", "困难程度", "救助类型"]
    path = write_csv(tmp_path / "l.csv", [{"证件号码": ID, "县市": "个旧市", "发放日期": "2024-03-05",
                                           "发放金额（元）": "1000.01", "困难程度": "较轻", "救助类型": "急难型"}],
                     header=header)
    with pytest.raises(LedgerError, match="身份证号"):
        open_ledger(path)
    report = audit(open_ledger(path, {"身份证号": "证件号码", "救助金额": "发放金额（元）"}), bundle)
    assert kinds(report) == [("light_tier", [2])]


# -- the command line ------------------------------------------------------------------------------------------

def cli(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT)


def test_the_command_line_exits_0_with_a_report_whether_or_not_it_finds_anything(tmp_path):
    found = cli(write_csv(tmp_path / "a.csv", PLANTED), "--format", "json", "--as-of", "2026-11-30")
    clean = cli(write_csv(tmp_path / "b.csv", [row()]), "--format", "json")
    assert found.returncode == 0 and clean.returncode == 0, found.stderr + clean.stderr
    assert [(f["kind"], f["rows"]) for f in json.loads(found.stdout)["findings"]] == PLANTED_FINDINGS
    assert json.loads(clean.stdout)["findings"] == []
    md = cli(tmp_path / "a.csv")
    assert md.returncode == 0 and md.stdout.startswith("# 临时救助台账核查报告") and "第2-4-1条" in md.stdout


def test_the_command_line_writes_the_xlsx_report_to_the_out_path(tmp_path):
    out = tmp_path / "r.xlsx"
    done = cli(write_xlsx(tmp_path / "a.xlsx", PLANTED), "--format", "xlsx", "--out", out)
    assert done.returncode == 0 and done.stdout == "" and out.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("content, says", [
    (b"", "空的"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", ".xls"),
    (b"PK\x03\x04 not really a zip", ".xlsx"),
    ("姓名,金额\r\n张三,1\r\n".encode(), "找不到这些列"),
    (b"\xff\xfe\x80\x81\x82", "编码"),
])
def test_a_file_that_cannot_be_read_at_all_exits_2_with_a_chinese_json_error(tmp_path, content, says):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    done = cli(path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert says in json.loads(done.stdout)["error"]["message"]


def test_a_missing_file_and_a_bad_mapping_exit_2_with_a_chinese_json_error(tmp_path):
    assert "找不到文件" in json.loads(cli(tmp_path / "none.csv").stdout)["error"]["message"]
    (tmp_path / "map.yaml").write_text("救助金额: 不存在的列\n", encoding="utf-8")
    done = cli(write_csv(tmp_path / "a.csv", [row()]), "--columns", tmp_path / "map.yaml")
    assert done.returncode == 2 and "不存在的列" in json.loads(done.stdout)["error"]["message"]
    (tmp_path / "map.yaml").write_text("救助金额: [a\n", encoding="utf-8")
    done = cli(tmp_path / "a.csv", "--columns", tmp_path / "map.yaml")
    assert done.returncode == 2 and "map.yaml:" in json.loads(done.stdout)["error"]["message"]


def test_the_command_line_reads_a_mapping_file(tmp_path):
    (tmp_path / "map.yaml").write_text("救助金额: 发放金额\n", encoding="utf-8")
    header = [h if h != "救助金额" else "发放金额" for h in ledger_header()]
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes([dict(row(severity="较轻"), 发放金额="1000.01")], header=header))
    done = cli(path, "--format", "json", "--columns", tmp_path / "map.yaml")
    assert done.returncode == 0, done.stdout
    assert [f["kind"] for f in json.loads(done.stdout)["findings"]] == ["light_tier"]
