"""Sample ledgers written on the fly, for the tests and scripts/pyodide-stdlib-audit: CSV (UTF-8, UTF-8 with BOM,
GB18030) and XLSX (openpyxl), same rows.

A row is a dict of the usual Chinese headers (``HEADER``); :func:`row` fills in a plain, valid assistance that
breaks no rule (个旧市, 2024-03-05, 急难型 较重, 500 元, 县级审批, 银行代发), so each test writes only what it is about.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

TRAINING = Path(__file__).resolve().parent.parent / "docs" / "assets" / "training" / "ledger-example.csv"

HEADER = ["序号", "户主姓名", "身份证号", "家庭编号", "县市", "乡镇（街道）", "救助日期", "救助类型", "事由",
          "困难程度", "救助金额", "审批层级", "发放方式", "一事一议", "审批编号"]
# A made-up ID number (the check digit is not computed: the audit only needs 18 characters).
ID = "532501198001011234"
_counter = iter(range(1, 10**9))


def row(**values) -> dict:
    """A valid ledger row, overridden by ``values`` (keys: the Chinese headers, or the ASCII aliases below)."""
    alias = {"name": "户主姓名", "id": "身份证号", "household": "家庭编号", "county": "县市",
             "township": "乡镇（街道）", "date": "救助日期", "type": "救助类型", "event": "事由",
             "severity": "困难程度", "amount": "救助金额", "approval": "审批层级", "payment": "发放方式",
             "mark": "一事一议", "approval_no": "审批编号"}
    out = {"序号": next(_counter), "户主姓名": "张三", "身份证号": ID, "家庭编号": "", "县市": "个旧市",
           "乡镇（街道）": "城区街道", "救助日期": "2024-03-05", "救助类型": "急难型", "事由": "",
           "困难程度": "较重", "救助金额": "500", "审批层级": "县民政局", "发放方式": "银行代发", "一事一议": "否",
           "审批编号": ""}
    out["事由"] = f"事由{out['序号']}"  # a different event on every row unless a test says otherwise
    for key, value in values.items():
        out[alias.get(key, key)] = value
    return out


def csv_bytes(rows: list[dict], encoding: str = "utf-8", header: list[str] | None = None) -> bytes:
    header = header or HEADER
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(header)
    for r in rows:
        writer.writerow(["" if r.get(h) is None else r.get(h) for h in header])
    return text.getvalue().encode(encoding)


def write_csv(path: Path, rows: list[dict], encoding: str = "utf-8", header: list[str] | None = None) -> Path:
    path.write_bytes(csv_bytes(rows, encoding, header))
    return path


def write_xlsx(path: Path, rows: list, header: list[str] | None = None) -> Path:
    """An XLSX ledger. A row may be None (an empty row left in the sheet); values keep their Python type
    (``datetime.date`` becomes a date cell, ``float`` a number cell)."""
    from openpyxl import Workbook

    header = header or HEADER
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for r in rows:
        sheet.append([] if r is None else [r.get(h) for h in header])
    book.save(path)
    return path


def sample_ledgers(directory: Path) -> list[dict]:
    """The training ledger as UTF-8 with BOM, UTF-8, GB18030 and XLSX, and a file that is no ledger."""
    from openpyxl import Workbook

    text = TRAINING.read_bytes().decode("utf-8-sig")
    out = []
    for name, data in (("bom.csv", TRAINING.read_bytes()), ("utf8.csv", text.encode("utf-8")),
                       ("gb18030.csv", text.encode("gb18030")), ("broken.csv", b"\x80\xff")):
        (directory / name).write_bytes(data)
        out.append({"path": str(directory / name), "name": name, "as_of": "2025-12-31"})
    book = Workbook()
    for row in csv.reader(text.splitlines()):
        book.active.append(row)
    book.save(directory / "ledger.xlsx")
    out.append({"path": str(directory / "ledger.xlsx"), "name": "ledger.xlsx", "as_of": ""})
    return out
