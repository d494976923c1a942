"""The audit report (:func:`ledger_audit.audit.audit`'s data) for people, machines and the clerk.

* :func:`to_json` — the data as JSON text, exactly the shape of issue 20;
* :func:`to_markdown` — a Chinese Markdown report: totals, findings by kind with their clause, unreadable cells,
  and the de-identified summary (counts and sums by township × month × type) that may be published;
* :func:`to_xlsx` — an XLSX workbook (openpyxl, imported only here) with one sheet each for the findings, the
  unreadable cells and the summary.

No report holds a full name or an ID number: the audit never puts them in (names as surname and ``*``, a household
by its 家庭编号 or the last 4 digits of the ID and its rows).
"""

from __future__ import annotations

import io
import json

from ledger_audit.audit import KINDS

POLICY_URL = "../policy/#"
FINDING_COLUMNS = ("序", "类别", "规则", "条款", "户", "行", "说明")
UNREADABLE_COLUMNS = ("行", "列", "说明")
SUMMARY_COLUMNS = ("县市", "乡镇（街道）", "月份", "救助类型", "笔数", "金额（元）")


def to_json(report: dict) -> str:
    """The report as JSON text (UTF-8 characters kept, two-space indent)."""
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def _md(text: object) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def counts_by_kind(report: dict) -> dict[str, int]:
    """Finding kind → how many, in the order of :data:`ledger_audit.audit.KINDS` (kinds found only)."""
    counts = {kind: 0 for kind in KINDS}
    for finding in report["findings"]:
        counts[finding["kind"]] += 1
    return {kind: n for kind, n in counts.items() if n}


def to_markdown(report: dict, title: str = "临时救助台账核查报告", source: str | None = None) -> str:
    """The report as Chinese Markdown. ``source``: the file's name, shown under the title."""
    lines = [f"# {title}", ""]
    if source:
        lines += [f"文件：{_md(source)}", ""]
    lines += [
        f"- 数据行：{report['rows']} 行（表头为第 1 行，行号与表格软件中的一致）",
        f"- 家庭：{report['households']} 户",
        f"- 发现的问题：{len(report['findings'])} 条",
        f"- 无法读取的单元格：{len(report['unreadable'])} 个",
        "",
        "依据：红河州民政局 红河州财政局关于进一步加强和改进临时救助工作的实施方案（红民社救〔2019〕5号）。"
        "每条问题写明条款和算式；金额按各行日期当时执行的标准计算。",
        "",
        "## 发现的问题",
        "",
    ]
    if report["findings"]:
        lines += ["| 类别 | 条数 | 条款 |", "|---|---:|---|"]
        for kind, n in counts_by_kind(report).items():
            rule, clause, heading = KINDS[kind]
            lines.append(f"| {heading} | {n} | 第{clause}条（{rule}） |")
        lines += ["", "| " + " | ".join(FINDING_COLUMNS) + " |", "|" + "---|" * len(FINDING_COLUMNS)]
        for i, f in enumerate(report["findings"], start=1):
            rows = "、".join(str(r) for r in f["rows"])
            lines.append(f"| {i} | {_md(KINDS[f['kind']][2])} | {f['rule']} | 第{f['clause']}条 | "
                         f"{_md(f['household'])} | {rows} | {_md(f['text'])} |")
    else:
        lines.append("没有发现不符合规则的救助。")
    lines += ["", "## 无法读取的单元格", ""]
    if report["unreadable"]:
        lines += ["| " + " | ".join(UNREADABLE_COLUMNS) + " |", "|---|---|---|"]
        lines += [f"| {u['row']} | {_md(u['column'])} | {_md(u['message'])} |" for u in report["unreadable"]]
        lines += ["", "这些单元格所在的行如缺少日期、金额、县市或户的标识，未参与核查：请改正后重新核查。"]
    else:
        lines.append("全部单元格都已读取。")
    lines += [
        "", "## 可公开的汇总", "",
        "按县市、乡镇（街道）、月份和救助类型汇总的发放笔数和金额，不含任何个人信息，可用于公开临时救助的实施情况。",
        "", "| " + " | ".join(SUMMARY_COLUMNS) + " |", "|---|---|---|---|---:|---:|",
    ]
    lines += [f"| {_md(s['county'])} | {_md(s['township'])} | {s['month']} | {s['type']} | {s['payments']} | "
              f"{s['amount']} |" for s in report["summary"]]
    return "\n".join(lines) + "\n"


def to_xlsx(report: dict) -> bytes:
    """The report as an XLSX workbook (bytes): sheets 问题, 无法读取 and 汇总, each with a header row."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("问题")
    sheet.append(FINDING_COLUMNS)
    for i, f in enumerate(report["findings"], start=1):
        sheet.append([i, KINDS[f["kind"]][2], f["rule"], f"第{f['clause']}条", f["household"],
                      "、".join(str(r) for r in f["rows"]), f["text"]])
    sheet = book.create_sheet("无法读取")
    sheet.append(UNREADABLE_COLUMNS)
    for u in report["unreadable"]:
        sheet.append([u["row"], u["column"], u["message"]])
    sheet = book.create_sheet("汇总")
    sheet.append(SUMMARY_COLUMNS)
    for s in report["summary"]:
        sheet.append([s["county"], s["township"], s["month"], s["type"], s["payments"], s["amount"]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
