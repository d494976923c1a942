"""The ledger's columns: which header in the file holds which field, found by the usual Chinese names.

A field is one of :data:`FIELDS` (key → the names it is usually written under, the first being the name used in
messages and in mapping files). Headers are compared after removing spaces and turning half-width brackets into
full-width ones, and a unit in brackets at the end (``救助金额（元）``) is ignored.

A mapping (from a YAML file read by the caller, e.g. ``scripts/audit-ledger --columns MAP.yaml``) names other
headers: ``{"救助金额": "发放金额", "身份证号": "证件号码"}`` — keys are any usual name of a field, values the
header as written in the file.
"""

from __future__ import annotations

import re

FIELDS: dict[str, tuple[str, ...]] = {
    "seq": ("序号",),
    "name": ("姓名", "户主姓名", "申请人姓名", "救助对象姓名"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "户主身份证号", "申请人身份证号"),
    "household_id": ("家庭编号", "户编号"),
    "county": ("县市", "县（市）", "县（市、区）", "县市区", "县区"),
    "township": ("乡镇（街道）", "乡镇街道", "乡镇", "街道"),
    "date": ("救助日期", "审批日期", "发放日期"),
    "type": ("救助类型",),
    "event": ("事由", "救助事由"),
    "severity": ("困难程度",),
    "amount": ("救助金额", "金额"),
    "approval": ("审批层级", "审批机关"),
    "payment": ("发放方式",),
    "case_by_case": ("一事一议",),
    "approval_no": ("审批编号",),
}
LABELS = {key: names[0] for key, names in FIELDS.items()}
# Without these a row cannot be checked at all; the household needs 家庭编号 or 身份证号.
REQUIRED = ("date", "amount", "county")

_UNIT = re.compile(r"（(元|人民币元|元/次)）$")


class ColumnError(ValueError):
    """The header row lacks a required column, or the mapping names a field or header that does not exist;
    ``message`` is Chinese and says what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def normalize(header: object) -> str:
    """A header as compared: no spaces, full-width brackets, no unit in brackets at the end."""
    text = re.sub(r"\s+", "", "" if header is None else str(header))
    text = text.replace("(", "（").replace(")", "）")
    return _UNIT.sub("", text)


def _field_of(name: str) -> str | None:
    wanted = normalize(name)
    for key, names in FIELDS.items():
        if wanted == key or wanted in (normalize(n) for n in names):
            return key
    return None


def map_header(header: list, mapping: dict | None = None) -> dict[str, int]:
    """Field key → column index (0-based) for the header row ``header`` (cell values as read).

    ``mapping``: usual field name → header in the file, for headers not under a usual name. The first column
    under a field's names wins (``救助日期`` before ``审批日期``). Raises :class:`ColumnError` for a mapping entry
    that names no field or a header not in the row, and when 救助日期、救助金额、县市 or both 家庭编号 and
    身份证号 cannot be found.
    """
    cells = [normalize(h) for h in header]
    found: dict[str, int] = {}
    for name, wanted in (mapping or {}).items():
        key = _field_of(str(name))
        if key is None:
            usual = "、".join(LABELS.values())
            raise ColumnError(f"对照表中的“{name}”不是台账的字段。可以写的字段有：{usual}。")
        if not isinstance(wanted, str) or normalize(wanted) not in cells:
            raise ColumnError(f"对照表把“{name}”对到“{wanted}”，但表头（第 1 行）中没有这一列。")
        found[key] = cells.index(normalize(wanted))
    for key, names in FIELDS.items():
        if key in found:
            continue
        for name in names:
            if normalize(name) in cells:
                found[key] = cells.index(normalize(name))
                break
    missing = [LABELS[key] for key in REQUIRED if key not in found]
    if "household_id" not in found and "id_number" not in found:
        missing.append("家庭编号或身份证号")
    if missing:
        raise ColumnError(
            f"表头（第 1 行）中找不到这些列：{'、'.join(missing)}。第 1 行应是表头；列名不同的，"
            "请用对照表（--columns 对照表.yaml，每行写“字段: 表中的列名”，如“救助金额: 发放金额”）说明。"
        )
    return found
