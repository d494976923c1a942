"""The 县市标准配置 form's own words: the series it edits, how a township limit is set, the labels of its fields.

The words shared with the engine (dibao series, units, statuses, counties) come from :mod:`calculator.vocabulary`;
only what the configurator alone shows is here. The build renders the form's radios and the amount field's label
from these tables (sitebuild/vocabulary_html.py) and gives the page script the rest as JSON (:func:`as_json_dict`).
Stdlib only.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculator import vocabulary

TOWNSHIP_LIMIT = "township_limit"
TOWNSHIP_LIMIT_CLAUSE = "2-2-3"  # 红民社救〔2019〕5号 第 2-2-3 条: the township approves up to its limit


@dataclass(frozen=True)
class EditableSeries:
    """A series the form adds an entry to: ``name``, the radio's ``option`` text, and the amount field's
    ``amount_label``, ``amount_help`` and ``amount_placeholder``."""

    value: str
    name: str
    option: str
    amount_label: str
    amount_help: str
    amount_placeholder: str


def _dibao(value: str, help_text: str, placeholder: str) -> EditableSeries:
    name, unit = vocabulary.SERIES_NAMES[value], vocabulary.SERIES_UNITS[value]
    return EditableSeries(value, name, f"{name}（{unit}）", f"{name}（amount，{unit}）", help_text, placeholder)


#: The form's series radios, in order (the first is checked when the form opens).
SERIES = (
    _dibao("urban", "按文件原文填每人每月的金额，只写数字，最多两位小数。", "例如 800"),
    _dibao("rural", "云南按每人每年发布农村标准：填每人每年的金额，只写数字。", "例如 7000"),
    EditableSeries(TOWNSHIP_LIMIT, "乡镇（街道）审批额度", f"乡镇（街道）审批额度（第 {TOWNSHIP_LIMIT_CLAUSE} 条）",
                   "固定额度（amount，元）", "乡镇（街道）可审批的最高金额，只写数字。", "例如 5000"),
)
SERIES_LABEL = {s.value: s.name for s in SERIES}

#: Clause 2-2-3: a county's township limit is a ratio of the urban annual standard of the previous 31 December,
#: or a fixed amount (the first is checked when the form opens).
BASES = (
    ("ratio", "按比例：上一年12月31日本县市城市低保年标准 × 比例"),
    ("fixed", "固定金额"),
)

#: What each form field is called in the list of what is still to fill in (``amount`` takes its series' label).
FIELD_LABEL = {
    "effective": "生效日期", "status": "核实状态", "basis": "额度怎么定", "ratio": "比例", "document": "文号或文件标题",
    "issuer": "发文机关", "published": "发布日期", "url": "网址", "note": "说明", "file": "文件中其他地方",
}


def as_json_dict() -> dict:
    """The configurator's words for its page script: ``{"series": {value: {"name", "amount_label",
    "amount_help", "amount_placeholder"}}, "fields": {field: label}}``."""
    return {
        "series": {
            s.value: {"name": s.name, "amount_label": s.amount_label, "amount_help": s.amount_help,
                      "amount_placeholder": s.amount_placeholder}
            for s in SERIES
        },
        "fields": FIELD_LABEL,
    }
