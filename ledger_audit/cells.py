"""Reading one cell of a ledger: dates, exact money, marks and the usual words of a clerk.

Each ``parse_*`` function takes the cell's value as read (``str`` from CSV; ``str``, ``int``, ``float``,
``datetime`` or ``None`` from XLSX) and returns the value, ``None`` for an empty cell, or raises
:class:`CellError` with a Chinese message. Money goes through the engine's own exact reading
(:func:`calculator.money.amount_text_to_fen`); a float from XLSX is taken by its shortest repr.
"""

from __future__ import annotations

import datetime as dt
import re

from calculator.money import amount_text_to_fen

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                   r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_DATE_DIGITS = re.compile(r"(\d{4})(\d{2})(\d{2})")
_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
_ID = re.compile(r"\d{17}[\dX]|\d{15}")
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 独孤 南宫 西门 澹台 端木 轩辕 百里 呼延 "
    "申屠 太史 万俟 闻人 赫连 拓跋 钟离 宗政 濮阳 淳于 单于 公冶 仲孙 轩辕 东郭 即墨".split()
)
YES = frozenset({"是", "y", "yes", "√", "✓", "✔", "1", "true", "一事一议", "是（一事一议）"})
NO = frozenset({"否", "n", "no", "×", "0", "false", "无", "不是"})


class CellError(ValueError):
    """A cell that cannot be read; ``message`` is Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def parse_date(value: object) -> dt.date | None:
    """A date cell → ``datetime.date``. Accepts date cells of XLSX and the texts ``2024-03-05``, ``2024/3/5``,
    ``2024.3.5``, ``2024年3月5日`` and ``20240305`` (a time after the date is ignored)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise CellError(f"日期单元格是数字 {value}，不是日期：请把这一列设为日期格式，或写成 2024-03-05")
    text = _text(value)
    if not text:
        return None
    found = _DATE.fullmatch(text) or _DATE_DIGITS.fullmatch(text)
    if not found:
        raise CellError(f"“{text}”不是日期：请写成 2024-03-05")
    year, month, day = (int(g) for g in found.groups()[:3])
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(f"日期“{text}”不存在") from None


def parse_money(value: object) -> int | None:
    """A money cell in 元 → integer fen, exactly. A float (XLSX) is read through its shortest repr and must then
    have at most two decimals; texts may carry 元、¥ and thousands separators (``1,000.50``)."""
    if isinstance(value, bool):
        raise CellError("金额单元格是是/否值，不是金额")
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        text = repr(value)
    else:
        text = _text(value).replace("￥", "").replace("¥", "").removesuffix("元").strip()
        if not text:
            return None
        if _THOUSANDS.fullmatch(text):
            text = text.replace(",", "")
    try:
        return amount_text_to_fen(text)
    except ValueError as error:
        reason = getattr(error, "reason", str(error))
        raise CellError(f"金额“{_text(value)}”无法读取：{reason}") from None


def parse_mark(value: object) -> bool:
    """The 一事一议 column: 是/Y/√/1 → True; empty, 否/N/0/无 → False."""
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if isinstance(value, (int, float)) and value in (0, 1):
        return value == 1
    if not text or text in NO:
        return False
    if text in YES:
        return True
    raise CellError(f"“{_text(value)}”不是“是”或“否”")


def parse_type(value: object) -> str | None:
    """救助类型: 急难型 → ``"emergency"``, 支出型 → ``"expenditure"``."""
    text = _text(value)
    if not text:
        return None
    if "急难" in text:
        return "emergency"
    if "支出" in text:
        return "expenditure"
    raise CellError(f"救助类型“{text}”应为“急难型”或“支出型”")


def parse_severity(value: object) -> str | None:
    """困难程度: 较轻 → ``"light"``, 较重 → ``"heavy"``, 重大 → ``"major"`` (clause 2-3-2)."""
    text = _text(value)
    if not text:
        return None
    if "重大" in text:
        return "major"
    if "轻" in text:
        return "light"
    if "重" in text:
        return "heavy"
    raise CellError(f"困难程度“{text}”应为“较轻”“较重”或“重大”")


def parse_approval(value: object) -> str | None:
    """审批层级/审批机关: a township or street office → ``"township"``; the county bureau → ``"county"``."""
    text = _text(value)
    if not text:
        return None
    if any(word in text for word in ("乡", "镇", "街道")):
        return "township"
    if any(word in text for word in ("县", "市", "州", "民政")):
        return "county"
    raise CellError(f"审批层级“{text}”应写乡镇（街道）或县级民政部门")


def parse_cash(value: object) -> bool | None:
    """发放方式: True when paid in cash (现金), False for any other way written, None when empty."""
    text = _text(value)
    if not text:
        return None
    return "现金" in text


def parse_id_number(value: object) -> str | None:
    """身份证号 → the 18 (or 15) characters, X upper-case. A number (XLSX) is refused: a spreadsheet keeps only
    15 significant digits, so the last ones may already be lost. The message never repeats the number."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise CellError("身份证号被存成了数字，末几位可能已丢失：请把这一列设为文本格式后重新录入")
    text = _text(value).upper().replace(" ", "")
    if not text:
        return None
    if not _ID.fullmatch(text):
        raise CellError("身份证号应为 18 位（末位可为 X）或 15 位")
    return text


def parse_text(value: object) -> str | None:
    """A text cell, stripped and with inner runs of spaces made one; None when empty. Integers read from XLSX
    come back as their digits (``3`` not ``3.0``)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split()) or None


def masked_name(value: object) -> str | None:
    """A name as it may be printed: the surname and ``*`` (张三 → 张*, 欧阳娜娜 → 欧阳*)."""
    text = _text(value)
    if not text:
        return None
    surname = text[:2] if text[:2] in COMPOUND_SURNAMES and len(text) > 2 else text[:1]
    return surname + "*"
