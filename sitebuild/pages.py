"""Pages generated at build time from the standards bundle (never edited by hand, never committed)."""

from __future__ import annotations

from decimal import Decimal


def _latest(series: dict) -> dict | None:
    return series["values"][-1] if series["values"] else None


def standards_overview(bundle: dict) -> str:
    """``standards/index.md``: every county's newest urban and rural figure, or the provincial floor."""
    floor = bundle["province"]["dibao"]
    f_urban, f_rural = _latest(floor["urban"]), _latest(floor["rural"])
    lines = [
        "# 各县市低保标准",
        "",
        "城市低保标准单位为 元/人·月，农村低保标准为 元/人·年（云南省发布口径）。"
        "未核实到本县市标准的，测算按省级指导标准进行，并标明“未核实”。",
        "",
        f"当前省级指导标准：城市 {f_urban['amount']} 元/人·月，农村 {f_rural['amount']} 元/人·年"
        f"（{f_urban['effective']} 起，{f_urban['source']['document']}）。",
        "",
        "| 县市 | 代码 | 城市低保 | 农村低保 | 状态 |",
        "|---|---|---|---|---|",
    ]
    for code, county in bundle["counties"].items():
        u, r = _latest(county["dibao"]["urban"]), _latest(county["dibao"]["rural"])
        own = u is not None and Decimal(u["amount"]) >= Decimal(f_urban["amount"])
        urban = f"{u['amount']}（{u['effective']} 起）" if u else f"按省级 {f_urban['amount']}"
        rural = f"{r['amount']}（{r['effective']} 起）" if r else f"按省级 {f_rural['amount']}"
        status = "已核实" if (u and u["status"] == "verified" and own) else "未核实"
        lines.append(f"| {county['name']} | {code} | {urban} | {rural} | {status} |")
    lines.append("")
    return "\n".join(lines)


def generated_pages(bundle: dict) -> dict[str, str]:
    """All generated pages: ``{src_uri: markdown}``."""
    return {"standards/index.md": standards_overview(bundle)}
