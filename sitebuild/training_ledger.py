"""The worked ledger of the 培训 section: ``training/ledger.md``, generated at build time.

A made-up year of 个旧市 (``docs/assets/training/ledger-example.csv``, about 20 rows, downloadable from the page)
is audited by :mod:`ledger_audit` with the standards bundle, exactly as ``scripts/audit-ledger`` and the 台账核查
page audit a real ledger. ``tests/ledgers/training.yaml`` lists every finding the audit must give (kind and rows)
with a hand-written explanation, the rows that look close but pass, and the unreadable cells. The build stops with
:class:`sitebuild.training.TrainingCaseError` when the audit and the list disagree, so the page cannot teach
something the audit does not do (tests/test_ledger_training.py checks the same).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from calculator.standards import Bundle
from ledger_audit import audit, open_ledger
from ledger_audit.audit import KINDS
from sitebuild.markdown_text import markdown_prose
from sitebuild.training import TrainingCaseError, clause_link, prose_text

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "tests" / "ledgers" / "training.yaml"
PAGE = "training/ledger.md"


def load_spec(path: Path = SPEC) -> dict:
    """The training ledger's expectations (shape in ``tests/ledgers/training.yaml``)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def checked_report(bundle_data: dict, spec: dict | None = None) -> tuple[dict, dict]:
    """(spec, the audit's report) once the report agrees with the spec: the same findings (kind and rows, in
    order), no finding on a row listed as passing, the same unreadable cells. Raises TrainingCaseError."""
    spec = spec or load_spec()
    ledger = open_ledger(ROOT / spec["file"])
    report = audit(ledger, Bundle.from_dict(bundle_data), as_of=dt.date.fromisoformat(str(spec["as_of"])))
    got = [(f["kind"], f["rows"]) for f in report["findings"]]
    want = [(f["kind"], f["rows"]) for f in spec["findings"]]
    errors = []
    if got != want:
        errors.append(f"核查结果 {got} 与 tests/ledgers/training.yaml 所列 {want} 不一致")
    flagged = {r for f in report["findings"] for r in f["rows"]}
    for item in spec.get("passes") or []:
        if flagged & set(item["rows"]):
            errors.append(f"第 {sorted(flagged & set(item['rows']))} 行列为没有问题，核查却发现了问题")
    got_bad = [(u["row"], u["column"]) for u in report["unreadable"]]
    want_bad = [(u["row"], u["column"]) for u in spec.get("unreadable") or []]
    if got_bad != want_bad:
        errors.append(f"无法读取的单元格 {got_bad} 与所列 {want_bad} 不一致")
    if errors:
        raise TrainingCaseError("培训台账的核查结果与讲解不一致，网站未构建：\n"
                                + "\n".join(f"  - {e}" for e in errors))
    return spec, report


def _ledger_table(spec: dict) -> list[str]:
    ledger = open_ledger(ROOT / spec["file"])
    header = [str(h) for h in ledger.header]
    lines = ["| 行 | " + " | ".join(markdown_prose(h) for h in header) + " |", "|---:|" + "---|" * len(header)]
    for number, cells in ledger.rows():
        lines.append(f"| {number} | " + " | ".join(markdown_prose(c) for c in cells) + " |")
    return lines


def page(bundle_data: dict) -> str:
    """The Markdown of ``training/ledger.md``.

    Longer than 60 lines on purpose: it is the page's template, top to bottom in the order the page reads."""
    spec, report = checked_report(bundle_data)
    csv_link = "../assets/training/ledger-example.csv"
    out = [
        "# 台账核查练习 {#ledger-exercise}",
        "",
        "[培训案例](index.md) · **台账核查练习**",
        "{: .tc-crumbs }",
        "",
        "下面是个旧市一年的临时救助台账（节选，人物、编号都是编的）。实施方案要求发放现金或实物的必须建立工作台账，"
        f"做到留痕、可追溯（{clause_link('2-4')}），也要接受监督检查和审计。请按政策逐行检查："
        "每年次数、一事一救、单次3倍和全年6倍上限、急难型较轻的1000元、乡镇（街道）审批额度、现金1000元。",
        "",
        f"[下载这份台账（CSV，可用 Excel 或 WPS 打开）]({csv_link})，核查日期按 {spec['as_of']} 算。"
        "表格软件显示的行号就是下面的“行”：表头是第 1 行，第一条记录是第 2 行，与“序号”一栏无关。",
        "{: .tc-note }",
        "",
        "## 台账 {#ledger}",
        "",
        "“行”是表格软件中的行号（第 1 行是表头）。",
        "",
        *_ledger_table(spec),
        "",
        '!!! question "先想一想"',
        "",
        "    哪些行不符合政策？各违反哪一条？哪几行看起来接近上限，其实没有问题？有没有读不出来的单元格？",
        "",
        "## 答案 {#answers}",
        "",
        f"核查程序（`scripts/audit-ledger`，与台账核查页面是同一份程序）对这份台账给出 {len(report['findings'])} "
        "条问题。下面每一条先是程序的原话（构建网站时算出），再是讲解。",
        "",
    ]
    for i, (finding, item) in enumerate(zip(report["findings"], spec["findings"], strict=True), start=1):
        rule, clause, heading = KINDS[finding["kind"]]
        rows = "、".join(str(r) for r in finding["rows"])
        out += [
            f'??? failure "{i}. 第 {rows} 行：{heading}"',
            "",
            f"    **程序的说明**：{markdown_prose(finding['text'])}",
            "",
            f"    **讲解**：{prose_text(item['explain'])} {clause_link(clause, rule)}",
            "",
        ]
    out += ["## 接近上限但没有问题的行 {#passes}", ""]
    for item in spec.get("passes") or []:
        rows = "、".join(str(r) for r in item["rows"])
        out.append(f"- **第 {rows} 行**：{prose_text(item['explain'])}")
    out += ["", "## 读不出来的单元格 {#unreadable}", ""]
    for item, found in zip(spec.get("unreadable") or [], report["unreadable"], strict=True):
        out.append(f"- **第 {found['row']} 行“{markdown_prose(found['column'])}”**："
                   f"{markdown_prose(found['message'])}。{prose_text(item['explain'])}")
    out += [
        "",
        "## 自己核查一份台账 {#try-it}",
        "",
        "在本机命令行（仓库根目录）：`.venv/bin/python scripts/audit-ledger 台账.xlsx --as-of 2025-12-31`。"
        "报告里姓名只显示姓加“*”，身份证号不出现；另有一张可以公开的汇总表（按乡镇、月份、救助类型的笔数和金额）。",
        "",
    ]
    return "\n".join(out)


def generated_pages(bundle: dict, as_of: dt.date | None = None) -> dict[str, str]:
    """``{"training/ledger.md": markdown}``. ``as_of`` is not used: the exercise has its own date. Raises
    TrainingCaseError when the audit disagrees with ``tests/ledgers/training.yaml`` (the build stops)."""
    return {PAGE: page(bundle)}
