"""The 标准更新记录 page (``standards/changes.md``), generated from the standards' history in the data.

Every dated value in the bundle — the Yunnan provincial floor, the prefecture parameters of 红民社救〔2019〕5号,
each county's dibao standards and local refinements — is one step of the history: from its effective date, the
previous value of the same series gives way to it. The page lists those steps in one table, newest first: date,
place, what changed (old → new, with the change in %), and the document it rests on. Values of one place that take
effect on the same date under the same document share a row (urban and rural together). Two columns only — date
and place, then the changes and the document, one per line — so that the table fits a phone's width.

Nothing comes from git: the page shows what the data says happened, with the dates of the documents, not when a
file was edited. The reference date ``as_of`` only marks values that are not yet in force.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from calculator.vocabulary import RESIDENCE_NAMES, SERIES_NAMES
from sitebuild.markdown_text import markdown_cell
from sitebuild.standards_diff import percent

SERIES = tuple((series, RESIDENCE_NAMES[series]) for series in SERIES_NAMES)
UNIT_WORDS = {"月": "个月", "比例": ""}
LOCAL_LABELS = {
    "township_limit": "乡镇审批额度",
    "emergency_tiers": "急难型救助分档",
    "property_rules": "家庭财产认定办法",
}



@dataclass
class _Row:
    effective: str
    rank: tuple
    place: str
    document: str
    url: str | None
    parts: list[tuple[str, bool]] = field(default_factory=list)  # (text, first record?)


def _short_label(label: str) -> str:
    """``单次救助金额上限（当地城市低保年标准的倍数）`` → ``单次救助金额上限``: a trailing explanation is dropped."""
    return re.sub(r"（[^（）]*）$", "", label) or label


def _quantity(value: str, unit: str) -> str:
    word = UNIT_WORDS.get(unit, unit)
    return f"{value} {word}".strip()


def _local_text(key: str, entry: dict) -> str:
    if key == "township_limit":
        if entry.get("basis") == "fixed":
            return f"固定 {entry.get('amount')} 元"
        return f"上一年城市低保年标准 × {entry.get('ratio')}"
    if key == "emergency_tiers":
        amounts = [str(t.get("max_amount")) for t in entry.get("tiers", []) if isinstance(t, dict)]
        return "各档上限 " + "、".join(amounts) + " 元"
    return "新规定"


def _steps(values: list[dict]):
    """(entry, previous entry or None) for each value of a dated list."""
    previous = None
    for entry in values:
        yield entry, previous
        previous = entry


def _add(rows: dict, entry: dict, rank: tuple, place: str, text: str, first: bool) -> None:
    source = entry.get("source") or {}
    document = str(source.get("document", ""))
    key = (entry["effective"], rank, document)
    if key not in rows:
        rows[key] = _Row(entry["effective"], rank, place, document, source.get("url"))
    if entry.get("status") == "unverified":
        text += "，未核实"
    if entry.get("effective_basis") == "inferred":
        text += f"，生效日期按{entry.get('effective_inferred_from', '')}推定"
    rows[key].parts.append((text, first))


def _dibao_rows(rows: dict, dibao: dict, rank: tuple, place: str) -> None:
    for series, word in SERIES:
        data = dibao.get(series) or {}
        unit = data.get("unit", "")
        for entry, previous in _steps(data.get("values", [])):
            new = entry["amount"]
            if previous is None:
                _add(rows, entry, rank, place, f"{word} {new} {unit}", True)
            else:
                old = previous["amount"]
                step = percent(Decimal(old), Decimal(new))
                _add(rows, entry, rank, place, f"{word} {old} → {new} {unit}（{step}）", False)


def history_rows(bundle: dict) -> list[_Row]:
    """Every step of the history, newest first (within a date: province, prefecture, counties by code)."""
    rows: dict = {}
    province = bundle["province"]
    _dibao_rows(rows, province["dibao"], (0, ""), "[云南省指导标准](province.md)")
    prefecture = bundle["prefecture"]
    for key, parameter in prefecture["parameters"].items():
        label = _short_label(parameter.get("label", key))
        unit = parameter.get("unit", "")
        for entry, previous in _steps(parameter.get("values", [])):
            if previous is None:
                text, first = f"{label}：{_quantity(entry['value'], unit)}", True
            else:
                text, first = f"{label}：{previous['value']} → {_quantity(entry['value'], unit)}", False
            _add(rows, entry, (1, ""), "红河州（州级参数）", text, first)
    for code, county in sorted(bundle["counties"].items()):
        place = f"[{markdown_cell(county['name'])}]({code}.md)"
        _dibao_rows(rows, county["dibao"], (2, code), place)
        for key, label in LOCAL_LABELS.items():
            for entry, previous in _steps((county.get("local") or {}).get(key, [])):
                new = _local_text(key, entry)
                if previous is None:
                    _add(rows, entry, (2, code), place, f"{label}：{new}", True)
                else:
                    _add(rows, entry, (2, code), place, f"{label}：{_local_text(key, previous)} → {new}", False)
    ordered = sorted(rows.values(), key=lambda r: r.rank)
    return sorted(ordered, key=lambda r: r.effective, reverse=True)


def _what(row: _Row) -> str:
    """The changes of one row, one per line; "首次记录" once when every part is a first record."""
    if all(first for _text, first in row.parts) and len(row.parts) > 1:
        return "首次记录：<br>" + "<br>".join(markdown_cell(text) for text, _first in row.parts)
    return "<br>".join(markdown_cell(text) + ("（首次记录）" if first else "") for text, first in row.parts)


def changes_page(bundle: dict, as_of: dt.date) -> str:
    """The Markdown of ``standards/changes.md``."""
    rows = history_rows(bundle)
    lines = [
        "# 标准更新记录 {#top}",
        "",
        "本页按本站数据（`standards/` 中的 YAML 文件）列出低保标准、州级参数和县市细化规定的每一次调整，"
        "**最新的在前**。日期是文件规定的生效日期；“首次记录”指本站数据中最早的一条，不一定是当地第一次制定标准。"
        "“未核实”表示这一条的来源是转引或推定，尚未见到文件原文。",
        "",
        f"各县市的完整标准和出处见各县市页面。本页生成于 {as_of.isoformat()}，共 {len(rows)} 条记录。",
        "",
        "| 日期和地区 | 调整内容和依据 |",
        "|---|---|",
    ]
    for row in rows:
        when = f"**{row.effective}**"
        if dt.date.fromisoformat(row.effective) > as_of:
            when += "（尚未生效）"
        document = markdown_cell(row.document)
        if row.url:
            document = f"[{document}]({row.url})"
        lines.append(f"| {when}<br>{row.place} | {_what(row)}<br>依据：{document} |")
    lines += [
        "",
        "## 数据有误或有了新文件 {#corrections}",
        "",
        "各县市民政局通过合并请求（pull request）修改 `standards/` 中本县市的文件，写法见仓库中的 `CONTRIBUTING.md` "
        "和 `standards/README.md`。每个合并请求都会自动检查，并生成一份报告："
        "改了哪些数、幅度多大、对参考家庭的测算有何影响。",
        "",
    ]
    return "\n".join(lines)


def generated_pages(bundle: dict, as_of: dt.date) -> dict[str, str]:
    """``{src_uri: markdown}`` of the change-log page."""
    return {"standards/changes.md": changes_page(bundle, as_of)}
