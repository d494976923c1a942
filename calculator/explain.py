"""The result as a Chinese explanation a caseworker can read at a terminal or paste into a file note."""

from __future__ import annotations

from calculator.vocabulary import LEVEL_NAMES, STATUS_NAMES


def _yes(value: bool | None, yes: str, no: str) -> str:
    return "—" if value is None else (yes if value else no)


def result_text(result: dict) -> str:
    """Render a §5 result dict as plain Chinese text (lines joined by newlines, no trailing markup)."""
    r = result
    lines = [
        f"红河州临时救助测算（红民社救〔2019〕5号）  {r['county']['name']}  申请日期 {r['date']}",
        f"类型：{r['type_name']}救助    结论：{'符合条件' if r['eligible'] else '不符合条件'}",
        "",
    ]
    rows = [
        ("月人均可支配收入（扣除自付支出）", r["per_capita_monthly_income"], "元"),
        ("低保标准（每人每月）", r["dibao_standard_monthly"], "元"),
        ("本次救助上限（一般情形）", r["single_cap"], "元"),
        ("一事一议最高可至", r["case_by_case_max"], "元"),
        ("全年累计上限", r["year_total_cap"], "元"),
        ("全年剩余额度", r["year_remaining"], "元"),
        ("本年剩余次数（含本次）", str(r["times_remaining"]), "次"),
        ("乡镇（街道）审批额度", r["township_limit"], "元"),
        ("收入不超过即符合（6个月）", r["qualifying_income_6m_max"], "元"),
    ]
    for label, value, unit in rows:
        if value is not None:
            lines.append(f"  {label}：{value} {unit}")
    if r["amount"] is not None:
        lines.append(f"  拟救助金额：{r['amount']} 元 → {LEVEL_NAMES[r['approval_level']]}；"
                     f"现金发放：{_yes(r['cash_allowed'], '特殊情况可以', '不可以')}")
    lines += ["", "依据："]
    lines += [f"  [{x['rule']} 第{x['clause']}条] {x['text']}" for x in r["reasons"]]
    if r["warnings"]:
        lines += ["", "提示："] + [f"  ! {w['text']}" for w in r["warnings"]]
    lines += ["", "办理程序："] + [f"  {i}. {s['step']}（第{s['clause']}条）" for i, s in enumerate(r["procedure"], 1)]
    if r["referrals"]:
        lines += ["", "转介建议："] + [f"  - {x['scheme']}：{x['why']}" for x in r["referrals"]]
    lines += ["", "所用标准："]
    for s in r["standards_used"]:
        src = s["source"].get("document", "")
        status = STATUS_NAMES.get(s["status"], s["status"])
        lines.append(f"  - {s['name']}：{s['value']} {s['unit']}（{s['effective']} 起；{src}；{status}）")
    lines += ["", "本结果为按政策文件的测算，实际以乡镇（街道）和县级民政部门审核审批为准。"]
    return "\n".join(lines) + "\n"
