"""Checks of the standards data that a JSON Schema cannot express.

Standard library only: the same functions run at build time (``sitebuild/validate.py``,
``scripts/validate-standards``) and, later, in the browser under Pyodide (the county configurator).

Input is plain data as produced by :mod:`sitebuild.yamlstrict`: ``dict`` (str keys), ``list`` and ``str`` —
every scalar is text. The functions never assume the data already passed the JSON Schema: a part that is
malformed is skipped (the schema reports it), so they can run on anything without raising.

Output is a list of :class:`Finding`: ``path`` (tuple of keys and list indexes, as in
:meth:`sitebuild.yamlstrict.Document.line_of`), a Chinese ``message`` that says what to do, and ``severity``
(``"error"`` refuses the file, ``"warning"`` is shown but accepted).

Thresholds (chosen from the real data; see standards/README.md):

* urban dibao standards are monthly. Real figures 2018–2025: 557–744 元/人·月; the same figures per year are
  6684–8928. A monthly urban figure of :data:`URBAN_MONTHLY_LOOKS_ANNUAL` (2000) or more is refused as "looks
  annual": 2.7 × today's highest, still far below the lowest annual figure.
* rural dibao standards are annual (Yunnan's unit). Real figures: 3500–6720 元/人·年; per month 292–560. An
  annual rural figure below :data:`RURAL_ANNUAL_LOOKS_MONTHLY` (1500) is refused as "looks monthly": 2.7 ×
  today's highest monthly equivalent, well below the lowest real annual figure.
* a county's newest figure (either series) more than :data:`STALE_AFTER_MONTHS` (18) months before the
  reference date gives one warning for the county.
* a township-limit ratio must be above 0 and at most :data:`RATIO_MAX` (1): 50 would be a percentage written as
  a number; above 0.8 is a reminder (the policy's ratio is 0.5).
* every prefecture parameter has bounds (:data:`PARAMETER_BOUNDS`, errors) and a reminder range; a county's fixed
  township limit may not exceed the yearly cap in force (6 × the urban annual standard) and gets a reminder above
  twice the default (0.5 × the urban annual standard of 31 December of the year before);
* from 2025-07-01 a rural annual standard below 75 % of the urban annual one gets a reminder (Yunnan's 2025 rule,
  云民发〔2025〕40号), beside the reminder when it is above it.
"""

from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from calculator import vocabulary
from calculator.dated import STALE_AFTER_MONTHS, DatedSeries, DatedValue, add_months

ERROR = "error"
WARNING = "warning"

URBAN_UNIT = vocabulary.MONTHLY_UNIT
RURAL_UNIT = vocabulary.ANNUAL_UNIT
SERIES_LABEL = vocabulary.SERIES_NAMES
SERIES_UNIT = vocabulary.SERIES_UNITS

URBAN_MONTHLY_LOOKS_ANNUAL = Decimal(2000)
RURAL_ANNUAL_LOOKS_MONTHLY = Decimal(1500)
RATIO_MAX = Decimal(1)
RATIO_REMIND = Decimal("0.8")
EARLIEST_YEAR = 1990
LATEST_YEAR = 2099

PROVINCE_CODE = "530000"
PREFECTURE_CODE = "532500"
#: Honghe's 13 county-level units (GB/T 2260), ``{code: official name}``: calculator/vocabulary.py.
COUNTIES = vocabulary.COUNTY_NAMES

#: Prefecture parameters whose value must be a whole number, and those in 元 (at most 2 decimals).
WHOLE_NUMBER_PARAMETERS = ("means_test_months", "times_per_year")

#: What each key means, for messages about a missing or misspelled key.
FIELD_HELP = {
    "county": "县市：code 和 name",
    "province": "省份：code 和 name",
    "prefecture": "州：code 和 name",
    "code": "6 位行政区划代码，如 532503",
    "name": "名称，如 蒙自市",
    "dibao": "低保标准：urban 和 rural",
    "urban": "城市低保标准（元/人·月）",
    "rural": "农村低保标准（元/人·年）",
    "unit": "单位",
    "values": "按生效日期排列的各段标准；还没有时写 values: []",
    "effective": "生效日期，如 2025-07-01",
    "amount": "金额（元），如 744",
    "value": "参数值，如 6",
    "status": "verified（已核实）或 unverified（未核实）",
    "effective_basis": "生效日期的依据：stated（来源写明）或 inferred（推定）",
    "effective_inferred_from": "生效日期按什么推定，如 云民发〔2023〕72号（省级同年调标自7月1日起）",
    "source": "出处：document、issuer，知道时加 published、url、note",
    "document": "文号或文件标题，如 云民发〔2025〕40号",
    "issuer": "发文机关，如 云南省民政厅",
    "published": "发布日期，如 2025-06-15",
    "url": "网址",
    "note": "说明",
    "label": "参数名称",
    "clause": "依据的条款编号，如 2-3-1",
    "policy": "政策文件：document、title、issuer",
    "title": "文件标题",
    "parameters": "州级参数",
    "local": "本县市的细化规定",
    "township_limit": "乡镇（街道）审批额度",
    "basis": "ratio（按比例）或 fixed（固定金额）",
    "ratio": "比例，如 0.5",
    "emergency_tiers": "急难型救助分档",
    "tiers": "各档：max_amount 和 description",
    "max_amount": "这一档的最高金额（元），如 1000",
    "description": "这一档的说明",
    "property_rules": "家庭财产认定办法",
    "text": "规定的文字",
    "contact": "受理申请的办公室（列表，每个写 office、address、phone、source）",
    "office": "办公室名称",
    "address": "地址",
    "phone": "电话",
    "means_test_months": "支出型家庭收入核算期的月数",
    "times_per_year": "每年救助次数上限",
    "township_limit_ratio": "乡镇审批额度占县级城市低保年标准的比例",
    "single_cap_multiple": "单次救助上限的倍数",
    "year_total_multiple": "1年内累计救助上限的倍数",
    "light_emergency_max": "急难型困难较轻的救助额上限（元）",
    "cash_max": "可发放现金的金额上限（元）",
}

#: The allowed values of each enumerated key, with their meaning.
ENUM_HELP = {
    "status": {"verified": "已核实", "unverified": "未核实"},
    "basis": {"ratio": "按比例", "fixed": "固定金额"},
    "effective_basis": {"stated": "来源写明了生效日期", "inferred": "生效日期是推定的"},
}


@dataclass(frozen=True)
class Finding:
    """One finding: ``path`` into the data, Chinese ``message`` saying what to do, ``severity``."""

    path: tuple
    message: str
    severity: str = ERROR


# --------------------------------------------------------------------------- single values


_DECIMAL = re.compile(r"(0|[1-9][0-9]*)(\.[0-9]+)?")
_NAN = re.compile(r"[+-]?\.?nan", re.IGNORECASE)
_INF = re.compile(r"[+-]?\.?inf(inity)?", re.IGNORECASE)
_EXPONENT = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)[eE][+-]?[0-9]+")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_LOOSE_DATE = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?")
_CODE = re.compile(r"[0-9]{6}")


def decimal_problem(text: object, *, places: int = 2, what: str = "金额") -> str | None:
    """Why ``text`` is not a positive decimal written plainly (``557``, ``557.5``), or ``None`` when it is.

    Refuses, each with its own message: empty text, NaN, infinity, a sign (negative amounts mean nothing
    here), an exponent (``7e2``), leading zeros (``08``: YAML 1.1 would have read octal), thousands
    separators, full-width digits, units or words after the number, more than ``places`` decimals (money is
    counted in fen), 1 万亿 or more (13 digits before the point), and zero (no standard or parameter is zero).
    """
    if not isinstance(text, str):
        return f"{what}应写一个数，例如 744。"
    if text.strip() == "":
        return f"{what}是空的。请填写数字，例如 744。"
    if text != text.strip():
        return f"{what}“{text.strip()}”前后有空格或换行。请只写数字，例如 744。"
    if _NAN.fullmatch(text):
        return f"{what}写成了“{text}”（不是一个数）。请填写原文中的数字，例如 744。"
    if _INF.fullmatch(text):
        return f"{what}写成了“{text}”（无穷大）。请填写原文中的数字，例如 744。"
    if _EXPONENT.fullmatch(text):
        plain = _plain(text)
        hint = f"：{text} 请写成 {plain}" if plain else ""
        return f"{what}不要用科学计数法{hint}。请按原文直接写数字。"
    if text.startswith("-"):
        return f"{what}不能是负数（这里是 {text}）。请去掉负号，按原文填写。"
    if text.startswith("+"):
        return f"{what}前不要写“+”号。请写成 {text[1:]}。"
    if re.search(r"[０-９．]", text):
        return f"{what}“{text}”用了全角数字或小数点。请用半角（英文输入法）重新输入，例如 744。"
    if re.fullmatch(r"[0-9]{1,3}([,，][0-9]{3})+(\.[0-9]+)?", text):
        return f"{what}不要用千位分隔符：{text} 请写成 {re.sub('[,，]', '', text)}。"
    if re.fullmatch(r"0[0-9]+(\.[0-9]+)?", text):
        return f"{what}“{text}”开头多了 0。请写成 {text.lstrip('0') or '0'}（开头的 0 会被误认为八进制数）。"
    if re.fullmatch(r"\.[0-9]+", text):
        return f"{what}“{text}”小数点前要写 0：请写成 0{text}。"
    if re.fullmatch(r"[0-9]+\.", text):
        return f"{what}“{text}”小数点后没有数字：请写成 {text[:-1]}。"
    if not _DECIMAL.fullmatch(text):
        return f"{what}“{text}”不是一个数字。请只写阿拉伯数字（可带小数点），不要带“元”等单位或文字，例如 744。"
    decimals = len(text.partition(".")[2])
    if decimals > places:
        unit = "（到分）" if places == 2 else ""
        return f"{what} {text} 有 {decimals} 位小数，最多只能写 {places} 位{unit}。请核对原文。"
    if len(text.partition(".")[0]) > 12:
        # 1 万亿 or more: no standard is anywhere near, and every later step (÷ 12, × 3 …) stays exact below it.
        return f"{what} {text} 过大（应小于 1 万亿）。请核对原文。"
    if Decimal(text) == 0:
        return f"{what}不能是 0。请填写原文中的数字。"
    return None


def _plain(text: str) -> str | None:
    """``7e2`` → ``700``, or ``None`` when the number is too odd to suggest."""
    try:
        value = Decimal(text)
    except ArithmeticError:  # pragma: no cover - _EXPONENT only matches valid literals
        return None
    if not value.is_finite() or abs(value.adjusted()) > 12:
        return None
    plain = format(value, "f")
    if "." in plain:
        plain = plain.rstrip("0").rstrip(".")
    return plain


def to_decimal(text: object) -> Decimal | None:
    """The value of a plainly written non-negative decimal (``"557.50"`` → ``Decimal("557.50")``), else ``None``."""
    if isinstance(text, str) and _DECIMAL.fullmatch(text):
        return Decimal(text)
    return None


def date_problem(text: object, *, what: str = "日期") -> str | None:
    """Why ``text`` is not a real calendar date written ``YYYY-MM-DD``, or ``None`` when it is.

    Refuses other spellings (``2026/07/01``, ``2026-7-1``, ``2026年7月1日``: the order of dates is compared as
    text and by the calculator, one spelling avoids mistakes), days that do not exist (``2026-02-30``), and
    years outside 1990–2099 (a typo such as ``2205``).
    """
    if not isinstance(text, str) or text.strip() == "":
        return f"{what}是空的。请写成 2026-07-01 这样的格式（年-月-日）。"
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        loose = _LOOSE_DATE.fullmatch(text.strip())
        if loose:
            year, month, day = (int(g) for g in loose.groups())
            if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
                return (
                    f"{what}“{text}”的写法不对：要写成 年-月-日，月和日都写两位数。"
                    f"请写成 {year:04d}-{month:02d}-{day:02d}。"
                )
        return f"{what}“{text}”不是正确的日期写法。请把日期写成 2026-07-01 这样的格式（年-月-日，月和日都写两位数）。"
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        return f"{what} {text} 的月份 {month} 不存在。请核对原文，写成 2026-07-01 这样的格式（年-月-日）。"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"{what} {text} 不存在：{year} 年 {month} 月只有 {last} 天。请核对原文的日期。"
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return f"{what} {text} 的年份 {year} 不合理（应在 {EARLIEST_YEAR}–{LATEST_YEAR} 之间）。请核对是否写错。"
    return None


def to_date(text: object) -> date | None:
    """The date written ``YYYY-MM-DD`` in ``text`` when :func:`date_problem` accepts it, else ``None``."""
    if date_problem(text) is None:
        return date.fromisoformat(text)
    return None


def code_problem(text: object) -> str | None:
    """Why ``text`` is not a 6-digit GB/T 2260 code, or ``None``. ``532503`` and ``"532503"`` are the same."""
    if isinstance(text, str) and _CODE.fullmatch(text):
        return None
    return f"代码“{text}”不对：应是 6 位数字的行政区划代码，例如 532503（加不加引号都可以）。"


def value_problem(key: object, text: object) -> str | None:
    """The problem with a scalar under ``key`` (``effective``, ``amount``, ``ratio``, …), or ``None``.

    One place decides the message for each kind of value, so the JSON Schema translation in
    ``sitebuild/validate.py`` and the checks here say the same thing.
    """
    if key in ("effective", "published"):
        return date_problem(text, what="生效日期" if key == "effective" else "发布日期")
    if key in ("amount", "max_amount"):
        return decimal_problem(text, places=2, what="金额")
    if key == "value":
        return decimal_problem(text, places=4, what="参数值")
    if key == "ratio":
        return decimal_problem(text, places=4, what="比例")
    if key == "code":
        return code_problem(text)
    if key == "phone":
        return phone_problem(text)
    return None


_PHONE = re.compile(r"0[1-9][0-9]{1,2}-[1-9][0-9]{6,7}(-[0-9]{1,6})?|1[3-9][0-9]{9}|12[0-9]{3}")


def phone_problem(text: object) -> str | None:
    """Why ``text`` is not a phone number written as the site shows it, or ``None``.

    Accepted: a landline with its area code and a hyphen (``0873-3051234``, 7 or 8 digits after the code, optional
    ``-分机号``), an 11-digit mobile number (``13812345678``), or a 5-digit service line (``12345``). One number per
    office: a second number is a second office entry.
    """
    if isinstance(text, str) and _PHONE.fullmatch(text):
        return None
    shown = text.strip() if isinstance(text, str) else text
    hint = ""
    if isinstance(text, str):
        digits = re.sub(r"[^0-9]", "", text)
        if re.fullmatch(r"0873[1-9][0-9]{6,7}", digits):
            hint = f"多半应写成 {digits[:4]}-{digits[4:]}。"
        elif re.fullmatch(r"[1-9][0-9]{6,7}", digits):
            hint = f"固定电话要带区号：红河州是 0873，写成 0873-{digits}。"
    return (f"电话“{shown}”的写法不对：{hint}固定电话写成 区号-号码（如 0873-3051234，可加 -分机号），"
            "手机写 11 位数字（如 13812345678），每个办公室只写一个号码。")


_URL = re.compile(r"https?://[^\s]+")


def url_problem(text: object) -> str | None:
    """Why ``text`` is not a web address (``http://`` or ``https://``, no spaces), or ``None``.

    The schema's ``url`` pattern (``^https?://[^\\s]+$``) as a check with its message, so that the configurator
    page (no JSON Schema library under Pyodide) says what the validator says.
    """
    if isinstance(text, str) and _URL.fullmatch(text):
        return None
    return f"网址“{text}”不对：应以 http:// 或 https:// 开头，中间不能有空格。"


def enum_problem(key: object, value: object, options) -> str | None:
    """Why ``value`` is not one of ``options`` for ``key`` (``status``, ``basis``), or ``None``; the message
    names each option with its meaning (:data:`ENUM_HELP`), as the validator's schema message does."""
    if value in options:
        return None
    meanings = ENUM_HELP.get(key, {})
    listing = "或".join(f"{o}（{meanings[o]}）" if o in meanings else f" {o} " for o in options).strip()
    return f"“{key}”只能写 {listing}，这里写的是“{value}”。"


def closest_key(key: str, allowed) -> str | None:
    """The allowed key most like ``key`` (``efective`` → ``effective``), or ``None`` when none is close."""
    matches = difflib.get_close_matches(str(key), sorted(allowed), n=1, cutoff=0.6)
    if not matches:
        lowered = {a.lower(): a for a in allowed}
        return lowered.get(str(key).strip().lower())
    return matches[0]


def unknown_key_message(key: str, allowed) -> str:
    """Chinese message for a key that is not allowed here, suggesting the closest allowed key."""
    allowed = sorted(allowed)
    best = closest_key(key, allowed)
    meaning = f"（{FIELD_HELP[best]}）" if best in FIELD_HELP else ""
    hint = f"是不是想写“{best}”{meaning}？" if best else ""
    listing = "、".join(allowed) if allowed else "（这里不能再写别的键）"
    return f"不认识的键“{key}”。{hint}这里能写的键有：{listing}。拼写要和说明（standards/README.md）完全一致。"


def missing_key_message(key: str) -> str:
    """Chinese message for a required key that is missing."""
    help_text = FIELD_HELP.get(key)
    what = f"“{key}”（{help_text}）" if help_text else f"“{key}”"
    return f"缺少{what}。请在这一项下补上 {key}:。"


# --------------------------------------------------------------------------- generic walks


def check_text_characters(data: object, path: tuple = ()) -> list[Finding]:
    """Refuses invisible control characters in any text (they come from copying out of a PDF or Word file).

    Such characters make two equal-looking texts differ, and may not show on the page at all. Line breaks are
    allowed (a long ``text`` may be written on several lines).
    """
    findings: list[Finding] = []
    if isinstance(data, dict):
        for key, value in data.items():
            findings += check_text_characters(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            findings += check_text_characters(value, path + (index,))
    elif isinstance(data, str):
        bad = [c for c in data if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) < 0xA0 or c in "\u200b\ufeff"]
        if bad:
            codes = "、".join(sorted({f"U+{ord(c):04X}" for c in bad}))
            message = f"这段文字里有看不见的控制字符（{codes}），多半是从 PDF 或 Word 复制来的。请删除后重新输入。"
            findings.append(Finding(path, message))
    return findings


def check_values(data: object, path: tuple = ()) -> list[Finding]:
    """Refuses malformed dates, amounts, ratios, parameter values and codes anywhere in the data.

    Each scalar is judged by its key (``effective``, ``published``, ``amount``, ``max_amount``, ``ratio``,
    ``value``, ``code``) with :func:`value_problem`: dates must be real and ``YYYY-MM-DD``, numbers plain
    positive decimals with at most 2 decimals for money. Unparseable values would otherwise reach the
    calculator, or YAML 1.1 readers would take ``08`` for octal and ``no`` for false.
    """
    findings: list[Finding] = []
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str):
                message = value_problem(key, value)
                if message:
                    findings.append(Finding(path + (key,), message))
            else:
                findings += check_values(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            findings += check_values(value, path + (index,))
    return findings


def check_effective_order(entries: object, path: tuple) -> list[Finding]:
    """Refuses a dated list whose ``effective`` dates do not strictly increase.

    Values are looked up by date ("the value in force on D" is the last one with effective ≤ D); a repeated
    date leaves two values for one day, and an entry out of order is usually a wrong year. Entries whose
    date is malformed are skipped (reported by :func:`check_values`).
    """
    findings: list[Finding] = []
    if not isinstance(entries, list):
        return findings
    previous: tuple[date, int] | None = None
    for index, entry in enumerate(entries):
        when = to_date(entry.get("effective")) if isinstance(entry, dict) else None
        if when is None:
            continue
        if previous is not None:
            before, before_index = previous
            where = path + (index, "effective")
            if when == before:
                message = f"生效日期 {when} 与第 {before_index + 1} 条重复。同一天只能有一条：请删除或合并重复的一条。"
                findings.append(Finding(where, message))
            elif when < before:
                findings.append(
                    Finding(
                        where,
                        f"生效日期 {when} 早于上一条（第 {before_index + 1} 条，{before}）。"
                        "各条必须按生效日期从早到晚排列：请把这一条移到正确的位置，或核对年份是否写错。",
                    )
                )
        if previous is None or when > previous[0]:
            previous = (when, index)
    return findings


def _dated_lists(data: object, path: tuple = ()):
    """Every list of dicts with an ``effective`` key, with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _dated_lists(value, path + (key,))
    elif isinstance(data, list):
        if any(isinstance(item, dict) and "effective" in item for item in data):
            yield data, path
        for index, value in enumerate(data):
            yield from _dated_lists(value, path + (index,))


def check_all_effective_orders(data: object) -> list[Finding]:
    """Applies :func:`check_effective_order` to every dated list in the file (dibao, parameters, local)."""
    findings: list[Finding] = []
    for entries, path in _dated_lists(data):
        findings += check_effective_order(entries, path)
    return findings


# --------------------------------------------------------------------------- dibao series


def series_values(data: object, kind: str) -> list:
    """The ``values`` list of the ``urban`` or ``rural`` series of a county or province file (``[]`` if malformed)."""
    dibao = data.get("dibao") if isinstance(data, dict) else None
    series = dibao.get(kind) if isinstance(dibao, dict) else None
    values = series.get("values") if isinstance(series, dict) else None
    return values if isinstance(values, list) else []


def _dated_amounts(values: list) -> list[tuple[int, date, Decimal]]:
    """(index, effective, amount) of every entry whose date and amount are both well formed."""
    out = []
    for index, entry in enumerate(values):
        if not isinstance(entry, dict):
            continue
        when = to_date(entry.get("effective"))
        amount = entry.get("amount")
        if when is not None and decimal_problem(amount) is None:
            out.append((index, when, Decimal(amount)))
    return out


def _looks_wrong_unit(kind: str, amount: Decimal) -> str | None:
    if kind == "urban" and amount >= URBAN_MONTHLY_LOOKS_ANNUAL:
        monthly = (amount / 12).quantize(Decimal("0.01"))
        return (
            f"城市低保标准的单位是 {URBAN_UNIT}，{amount} 这个数像是年标准"
            f"（城市低保月标准应在 {URBAN_MONTHLY_LOOKS_ANNUAL} 元以下）。请填每人每月的金额；"
            f"如果 {amount} 是年标准，月标准是 {amount} ÷ 12 ≈ {monthly} 元，请以原文的月标准为准。"
        )
    if kind == "rural" and amount < RURAL_ANNUAL_LOOKS_MONTHLY:
        return (
            f"农村低保标准按云南省的口径填 {RURAL_UNIT}，{amount} 这个数像是月标准（农村低保年标准应在 "
            f"{RURAL_ANNUAL_LOOKS_MONTHLY} 元以上）。如果原文是每人每月 {amount} 元，请填年标准 {amount} × 12 = "
            f"{amount * 12} 元。"
        )
    return None


def check_unit_plausibility(values: object, path: tuple, kind: str) -> list[Finding]:
    """Refuses an urban figure that looks annual (≥ 2000 元/人·月) or a rural one that looks monthly (< 1500).

    Urban standards are entered per month and rural ones per year (Yunnan's units); mixing them up makes
    every cap 12 times too large or too small. Thresholds: see the module docstring.
    """
    findings: list[Finding] = []
    if not isinstance(values, list):
        return findings
    for index, _when, amount in _dated_amounts(values):
        message = _looks_wrong_unit(kind, amount)
        if message:
            findings.append(Finding(path + (index, "amount"), message))
    return findings


def floor_in_force(floor_values: object, on: date) -> tuple[date, Decimal] | None:
    """(effective, amount) of the floor value in force on ``on`` (:meth:`calculator.dated.DatedSeries.in_force`
    over the well-formed values, in date order), else ``None``."""
    amounts = _dated_amounts(floor_values if isinstance(floor_values, list) else [])
    found = DatedSeries.of(DatedValue(when, amount) for _index, when, amount in amounts).in_force(on)
    return None if found is None else (found.effective, found.value)


def check_floor(values: object, path: tuple, kind: str, floor_values: object) -> list[Finding]:
    """Refuses a county figure below the provincial floor in force on the figure's effective date.

    Counties may set higher standards, never lower ones (provincial notices). A lower figure is almost
    always a typo or the old figure. Figures before the first floor value are not judged; figures already
    refused as the wrong unit are not judged twice.
    """
    findings: list[Finding] = []
    if not isinstance(values, list):
        return findings
    unit = SERIES_UNIT[kind]
    for index, when, amount in _dated_amounts(values):
        if _looks_wrong_unit(kind, amount):
            continue
        floor = floor_in_force(floor_values, when)
        if floor is not None and amount < floor[1]:
            floor_date, floor_amount = floor
            findings.append(
                Finding(
                    path + (index, "amount"),
                    f"{SERIES_LABEL[kind]} {amount} {unit} 低于 {floor_date} 起执行的"
                    f"云南省指导标准 {floor_amount} {unit}。县市标准不得低于同期省级标准：请核对原文的金额和生效日期。",
                )
            )
    return findings


def check_dibao(data: object, *, floor: object = None) -> list[Finding]:
    """Unit plausibility of both series, and the floor check for a county when ``floor`` (the province file's
    data) is given."""
    findings: list[Finding] = []
    for kind in ("urban", "rural"):
        path = ("dibao", kind, "values")
        values = series_values(data, kind)
        findings += check_unit_plausibility(values, path, kind)
        if floor is not None:
            findings += check_floor(values, path, kind, series_values(floor, kind))
    return findings


def check_staleness(data: object, today: date) -> list[Finding]:
    """Warns (never refuses) when a county's newest figure in either series took effect more than 18 months
    before ``today``.

    Yunnan has raised its standards almost every year; a figure that old has probably been replaced. One
    warning per county at most, at the newest old figure. Empty series are not "old": the provincial floor
    is used for them and the user is told so.
    """
    if not isinstance(today, date):
        raise TypeError("today must be a datetime.date")
    old = []
    for kind in ("urban", "rural"):
        dated = _dated_amounts(series_values(data, kind))
        if not dated:
            continue
        index, newest, _amount = max(dated, key=lambda item: item[1])
        if add_months(newest, STALE_AFTER_MONTHS) < today:
            old.append((kind, index, newest))
    if not old:
        return []
    kind, index, _newest = old[0]
    parts = "、".join(f"{SERIES_LABEL[k]}（{when} 起）" for k, _i, when in old)
    return [
        Finding(
            ("dibao", kind, "values", index, "effective"),
            f"最新的{parts}距 {today} 已超过 {STALE_AFTER_MONTHS} 个月。如果本县市标准已经调整，请按新文件补充一条"
            "（effective、amount、status、source）；如果确实没有调整，可以忽略这条提醒。",
            WARNING,
        )
    ]


# --------------------------------------------------------------------------- county, local, prefecture


def check_county_identity(data: object) -> list[Finding]:
    """Refuses a county code that is not one of Honghe's 13 county-level units, or a name that does not match
    the code.

    The code is how the calculator finds the county; a mistyped code makes a phantom county and leaves the
    real one on the provincial floor.
    """
    county = data.get("county") if isinstance(data, dict) else None
    if not isinstance(county, dict):
        return []
    code, name = county.get("code"), county.get("name")
    if not isinstance(code, str) or code_problem(code):
        return []
    if code not in COUNTIES:
        known = "、".join(f"{c} {n}" for c, n in COUNTIES.items())
        message = f"代码 {code} 不是红河州的县市。红河州 13 个县市的代码是：{known}。请核对。"
        return [Finding(("county", "code"), message)]
    if isinstance(name, str) and name != COUNTIES[code]:
        return [
            Finding(
                ("county", "name"),
                f"代码 {code} 是{COUNTIES[code]}，这里的名称却是“{name}”。"
                f"请核对代码和名称（名称用全称，如“{COUNTIES[code]}”）。",
            )
        ]
    return []


def check_ratio(text: object, path: tuple) -> list[Finding]:
    """Bounds of a township-limit ratio (clause 2-2-3), prefecture or county: above 0 and at most
    :data:`RATIO_MAX` (1: the township cannot approve more than a whole year's standard; 50 % is written ``0.5``),
    else an error; above :data:`RATIO_REMIND` (0.8) a reminder (the policy's ratio is 0.5)."""
    ratio = to_decimal(text)
    if ratio is None:
        return []
    if ratio > RATIO_MAX:
        guess = f"；{ratio} 多半是百分数，{ratio}% 应写成 {_fmt(ratio / 100)}" if ratio / 100 <= RATIO_MAX else ""
        return [Finding(path, f"比例 {ratio} 太大：比例要写成小数，例如 50% 写成 0.5（须大于 0、不超过 {RATIO_MAX}）"
                              f"{guess}。请核对原文。")]
    if ratio > RATIO_REMIND:
        return [Finding(path, f"比例 {ratio} 偏高：红民社救〔2019〕5号规定乡镇审批额度为上一年城市低保年标准的 50%"
                              f"（0.5），超过 {RATIO_REMIND} 的很少见。"
                              "请核对原文；确实如此可以忽略这条提醒。", WARNING)]
    return []


def _fmt(value: Decimal) -> str:
    """A Decimal without trailing zeros or exponent: ``Decimal("0.50")`` → ``0.5``, ``Decimal("3E+0")`` → ``3``."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


#: Bounds of the prefecture parameters (红民社救〔2019〕5号): key → (lowest allowed, lowest included?, highest
#: allowed, reminder test, the policy's own value). Errors outside; a reminder when the test is true.
PARAMETER_BOUNDS = {
    "means_test_months": (Decimal(1), True, Decimal(12), lambda v: v != 6, "6"),
    "times_per_year": (Decimal(1), True, Decimal(12), lambda v: v > 4, "2"),
    "single_cap_multiple": (Decimal(0), False, Decimal(12), lambda v: v > 6, "3"),
    "year_total_multiple": (None, True, Decimal(24), lambda v: v > 12, "6"),
    "township_limit_ratio": (Decimal(0), False, RATIO_MAX, lambda v: v > RATIO_REMIND, "0.5"),
    "light_emergency_max": (Decimal(0), False, Decimal(10000), lambda v: v > 3000, "1000"),
    "cash_max": (Decimal(0), False, Decimal(10000), lambda v: v > 3000, "1000"),
}
PARAMETER_NAMES = {
    "means_test_months": "支出型家庭收入核算期", "times_per_year": "每年救助次数上限",
    "single_cap_multiple": "单次救助上限的倍数", "year_total_multiple": "1年内累计救助上限的倍数",
    "township_limit_ratio": "乡镇审批额度的比例", "light_emergency_max": "急难型困难较轻的救助额上限",
    "cash_max": "可发放现金的金额上限",
}
PARAMETER_UNITS = {
    "means_test_months": " 个月", "times_per_year": " 次", "single_cap_multiple": " 倍", "year_total_multiple": " 倍",
    "township_limit_ratio": "", "light_emergency_max": " 元", "cash_max": " 元",
}


def _probably(key: str, value: Decimal, low: Decimal, high: Decimal, policy: Decimal) -> str:
    """What a value outside its bounds probably meant, as a clause for the message ("" when nothing fits)."""
    unit = PARAMETER_UNITS[key]
    if key == "township_limit_ratio" and value > high and value / 100 <= high:
        return f"{value} 多半是百分数：{value}% 应写成 {_fmt(value / 100)}"
    if key == "means_test_months" and value > high and value % 30 == 0 and low <= value / 30 <= high:
        return f"{value} 多半是天数：{value} 天约合 {_fmt(value / 30)} 个月"
    percent = "，或把百分数当成了倍数" if unit == " 倍" else ""
    options = ((value / 100, "多写了两个 0" + percent), (value / 10, "多写了一个 0"))
    fits = [(c, why) for c, why in options if value > high and low < c <= high and c == c.to_integral_value()]
    if not fits:
        return ""
    # The candidate nearest the policy's value (by ratio): 20000 元 → 2000 rather than 200 (policy 1000).
    candidate, why = min(fits, key=lambda f: max(f[0] / policy, policy / f[0]))
    return f"{value} 多半是{why}：应是 {_fmt(candidate)}{unit}"


def _parameter_values(parameters: dict, key: str) -> list[tuple[int, date, Decimal]]:
    parameter = parameters.get(key)
    values = parameter.get("values") if isinstance(parameter, dict) else None
    out = []
    for index, entry in enumerate(values if isinstance(values, list) else []):
        when = to_date(entry.get("effective")) if isinstance(entry, dict) else None
        number = to_decimal(entry.get("value")) if isinstance(entry, dict) else None
        if when is not None and number is not None:
            out.append((index, when, number))
    return out


def check_parameter_bounds(parameters: dict) -> list[Finding]:
    """Bounds on every prefecture parameter (:data:`PARAMETER_BOUNDS`), each with a Chinese message saying what was
    probably meant: an error outside the bounds (stops the build), a reminder inside them but far from the policy's
    value. ``year_total_multiple`` must be at least the ``single_cap_multiple`` in force on its date (and on every
    date a single-cap value starts): the yearly total cannot be below one assistance (clause 2-3-1)."""
    findings: list[Finding] = []
    for key, (low, low_included, high, remind, policy) in PARAMETER_BOUNDS.items():
        name, unit = PARAMETER_NAMES[key], PARAMETER_UNITS[key]
        for index, when, value in _parameter_values(parameters, key):
            path = ("parameters", key, "values", index, "value")
            if key == "year_total_multiple":
                singles = [v for _, w, v in _parameter_values(parameters, "single_cap_multiple") if w <= when]
                low = singles[-1] if singles else Decimal(0)
            too_low = value < low or (value == low and not low_included)
            if too_low or value > high:
                left = "[" if low_included else "("
                why = _probably(key, value, low, high, Decimal(policy))
                hint = f"{why}。" if why else ""
                findings.append(Finding(path, (
                    f"{name} {value}{unit} 超出合理范围 {left}{_fmt(low)}, {_fmt(high)}]"
                    f"{unit.strip() and ' ' + unit.strip()}"
                    f"（红民社救〔2019〕5号规定为 {policy}{unit}）。{hint}请核对原文后改正。"
                )))
            elif remind(value):
                findings.append(Finding(path, (
                    f"{name} {value}{unit} 与红民社救〔2019〕5号规定的 {policy}{unit} 相差较大。"
                    "请核对原文；如果确有新文件这样规定，请在 source 中写明该文件，可以忽略这条提醒。"
                ), WARNING))
    singles = _parameter_values(parameters, "single_cap_multiple")
    totals = _parameter_values(parameters, "year_total_multiple")
    for index, when, single in singles:
        in_force = [v for _, w, v in totals if w <= when]
        if in_force and in_force[-1] < single:
            findings.append(Finding(("parameters", "single_cap_multiple", "values", index, "value"), (
                f"单次救助上限的倍数 {single} 倍大于同期1年内累计救助上限的 {in_force[-1]} 倍："
                "一次救助不能超过全年累计。"
                "请核对两个参数（红民社救〔2019〕5号：单次 3 倍、全年 6 倍）。"
            )))
    return findings


def check_local(data: object) -> list[Finding]:
    """Checks of a county's ``local`` refinements beyond their format.

    Refuses a township-limit ratio written as a percentage (:func:`check_ratio`), and emergency tiers whose
    ``max_amount`` do not strictly increase (tiers go from lighter to heavier hardship, clause 2-3-2).
    """
    local = data.get("local") if isinstance(data, dict) else None
    if not isinstance(local, dict):
        return []
    findings: list[Finding] = []
    limits = local.get("township_limit")
    for index, entry in enumerate(limits if isinstance(limits, list) else []):
        if isinstance(entry, dict) and entry.get("basis") == "ratio":
            findings += check_ratio(entry.get("ratio"), ("local", "township_limit", index, "ratio"))
    tier_sets = local.get("emergency_tiers")
    for set_index, tier_set in enumerate(tier_sets if isinstance(tier_sets, list) else []):
        tiers = tier_set.get("tiers") if isinstance(tier_set, dict) else None
        previous = None
        for index, tier in enumerate(tiers if isinstance(tiers, list) else []):
            amount = to_decimal(tier.get("max_amount")) if isinstance(tier, dict) else None
            if amount is None:
                continue
            if previous is not None and amount <= previous:
                findings.append(
                    Finding(
                        ("local", "emergency_tiers", set_index, "tiers", index, "max_amount"),
                        f"这一档的最高金额 {amount} 元不大于上一档的 {previous} 元。各档要按金额从小到大排列，请核对。",
                    )
                )
            previous = amount
    return findings


#: Clause 2-3-1: the yearly total is at most 6 × the urban annual standard; clause 2-2-3: the township limit is by
#: default 50 % of the urban annual standard of 31 December of the year before. A county file is checked alone, so
#: these are the policy's values, not read from the prefecture file.
YEAR_TOTAL_MULTIPLE = 6
DEFAULT_TOWNSHIP_RATIO = Decimal("0.5")


def _urban_monthly_in_force(data: object, floor: object, on: date) -> Decimal | None:
    """The urban monthly standard the calculator uses on ``on``: the county's own, or the floor when it has none
    or its own is lower (:meth:`calculator.standards.Bundle.dibao`)."""
    own = [(w, a) for _, w, a in _dated_amounts(series_values(data, "urban")) if w <= on]
    base = floor_in_force(series_values(floor, "urban"), on) if floor is not None else None
    candidates = [a for _, a in own[-1:]] + ([base[1]] if base else [])
    return max(candidates) if candidates else None


def check_fixed_township_limit(data: object, floor: object = None) -> list[Finding]:
    """A county's fixed township limit (``local.township_limit``, ``basis: fixed``, clause 2-2-3): an error above
    the yearly cap in force on its date (6 × 12 × the urban monthly standard: the township could approve more than a
    family may get in a year), a reminder above twice the default (2 × 0.5 × 12 × the urban monthly standard of
    31 December of the year before). Needs the floor data (``floor``) for a county without its own figures."""
    local = data.get("local") if isinstance(data, dict) else None
    limits = local.get("township_limit") if isinstance(local, dict) else None
    findings: list[Finding] = []
    for index, entry in enumerate(limits if isinstance(limits, list) else []):
        if not isinstance(entry, dict) or entry.get("basis") != "fixed":
            continue
        when, amount = to_date(entry.get("effective")), to_decimal(entry.get("amount"))
        if when is None or amount is None or decimal_problem(entry.get("amount")):
            continue
        path = ("local", "township_limit", index, "amount")
        urban = _urban_monthly_in_force(data, floor, when)
        if urban is not None:
            cap = urban * 12 * YEAR_TOTAL_MULTIPLE
            if amount > cap:
                findings.append(Finding(path, (
                    f"固定的乡镇审批额度 {amount} 元高于 {when} 时1年内累计救助的上限 "
                    f"{YEAR_TOTAL_MULTIPLE} × {urban} × 12 = "
                    f"{_fmt(cap)} 元（条款 2-3-1），乡镇就能审批任何金额了。多半是多写了一位数，或把按比例的额度写成了"
                    "固定金额（按比例写 basis: ratio 和 ratio: 0.5）。请核对原文。"
                )))
                continue
        last_year = date(when.year - 1, 12, 31)
        previous = _urban_monthly_in_force(data, floor, last_year)
        if previous is not None:
            default = DEFAULT_TOWNSHIP_RATIO * previous * 12
            if amount > 2 * default:
                findings.append(Finding(path, (
                    f"固定的乡镇审批额度 {amount} 元超过按州级规定计算的额度"
                    f"（{last_year} 城市低保 {previous} 元/人·月 × 12 × 50% "
                    f"= {_fmt(default)} 元）的 2 倍。请核对原文是否多写了一个 0；确实如此可以忽略这条提醒。"
                ), WARNING))
    return findings


def check_rural_share_of_urban(data: object) -> list[Finding]:
    """A reminder when a rural annual standard in force from :data:`RURAL_SHARE_FROM` (2025-07-01) is below 75 % of
    the urban annual standard in force on the same date: 云民发〔2025〕40号 asks for rural standards of at least 75 %
    of urban ones. Only the file's own two series are compared."""
    urban = _dated_amounts(series_values(data, "urban"))
    findings: list[Finding] = []
    for index, when, amount in _dated_amounts(series_values(data, "rural")):
        if when < RURAL_SHARE_FROM or _looks_wrong_unit("rural", amount):
            continue  # a figure refused as the wrong unit is not judged twice
        in_force = [(w, a) for _, w, a in urban if w <= when and not _looks_wrong_unit("urban", a)]
        if in_force and amount < in_force[-1][1] * 12 * RURAL_SHARE:
            u_when, u_amount = in_force[-1]
            least = (u_amount * 12 * RURAL_SHARE).quantize(Decimal("0.01"))
            findings.append(Finding(("dibao", "rural", "values", index, "amount"), (
                f"农村低保年标准 {amount} 元低于同期城市低保年标准（{u_amount} × 12，{u_when} 起）的 75%，"
                f"即 {least} 元。"
                "云南省自2025年起要求农村标准不低于城市标准的75%（云民发〔2025〕40号）：请核对是否少写了一位数，"
                "或城乡两项写反了。"
            ), WARNING))
    return findings


RURAL_SHARE_FROM = date(2025, 7, 1)
RURAL_SHARE = Decimal("0.75")


def check_prefecture(data: object) -> list[Finding]:
    """Checks of the prefecture parameters beyond their format.

    Refuses a fractional month count or number of assistances (``means_test_months``, ``times_per_year``),
    more than 2 decimals for a parameter in 元, and any value outside its bounds (:func:`check_parameter_bounds`).
    """
    parameters = data.get("parameters") if isinstance(data, dict) else None
    if not isinstance(parameters, dict):
        return []
    findings: list[Finding] = []
    for key, parameter in parameters.items():
        values = parameter.get("values") if isinstance(parameter, dict) else None
        for index, entry in enumerate(values if isinstance(values, list) else []):
            text = entry.get("value") if isinstance(entry, dict) else None
            number = to_decimal(text)
            if number is None:
                continue
            path = ("parameters", key, "values", index, "value")
            if key in WHOLE_NUMBER_PARAMETERS and number != number.to_integral_value():
                findings.append(Finding(path, f"{key} 必须是整数（这里是 {text}）。请核对。"))
            elif parameter.get("unit") == "元" and decimal_problem(text, places=2):
                findings.append(Finding(path, decimal_problem(text, places=2)))
    return findings + check_parameter_bounds(parameters)


# --------------------------------------------------------------------------- files and collections


def kind_of(data: object) -> str | None:
    """``"county"``, ``"province"`` or ``"prefecture"`` from the file's top-level key, else ``None``."""
    if isinstance(data, dict):
        for kind in ("county", "province", "prefecture"):
            if kind in data:
                return kind
    return None


FUTURE_EFFECTIVE_MONTHS = 12


def check_dates_against_today(data: object, today: date) -> list[Finding]:
    """Dates that cannot be right on ``today``: a source ``published`` after today is refused (a document cannot
    be published in the future: a typo such as 2062 for 2026); an ``effective`` date more than 12 months ahead
    gets a reminder (standards are announced weeks, not years, ahead)."""
    findings: list[Finding] = []
    for entries, path in _dated_lists(data):
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict):
                continue
            effective = to_date(entry.get("effective"))
            if effective is not None and effective > add_months(today, FUTURE_EFFECTIVE_MONTHS):
                findings.append(Finding(
                    path + (index, "effective"),
                    f"生效日期 {effective} 比今天（{today}）晚了 {FUTURE_EFFECTIVE_MONTHS} 个月以上。"
                    "请核对文件中的生效日期是否写错了年份。",
                    "warning",
                ))
            source = entry.get("source")
            published = to_date(source.get("published")) if isinstance(source, dict) else None
            if published is not None and published > today:
                findings.append(Finding(
                    path + (index, "source", "published"),
                    f"发布日期 {published} 晚于今天（{today}），文件不可能在未来发布。请核对年份和月份。",
                ))
    return findings


def check_rural_not_above_urban(data: object) -> list[Finding]:
    """A reminder when a rural annual figure exceeds twelve times the urban monthly figure in force on the same
    date: in Yunnan the rural standard is lower than the urban one, so this usually means a typo (67200 for
    6720) or the two series swapped."""
    urban = _dated_amounts(series_values(data, "urban"))
    findings: list[Finding] = []
    for index, when, amount in _dated_amounts(series_values(data, "rural")):
        in_force = [(w, a) for _, w, a in urban if w <= when]
        if in_force and amount > in_force[-1][1] * 12:
            u_when, u_amount = in_force[-1]
            findings.append(Finding(
                ("dibao", "rural", "values", index, "amount"),
                f"农村低保年标准 {amount} 元高于同期城市低保年标准（{u_amount} × 12 = {u_amount * 12} 元，"
                f"{u_when} 起）。农村标准通常低于城市标准：请核对是否多写了一位数，或城乡两项写反了。",
                "warning",
            ))
    return findings


def check_document(data: object, *, floor: object = None, today: date | None = None) -> list[Finding]:
    """Every single-file check of one standards file.

    ``floor`` is the data of the provincial floor file (``yunnan-floor.yaml``), needed for the floor check of
    county files; without it that check is skipped. ``today`` is the reference date of the staleness warning;
    without it no warning is given (the CLI passes the current date).
    """
    findings = check_text_characters(data) + check_values(data) + check_all_effective_orders(data)
    kind = kind_of(data)
    if kind in ("county", "province"):
        findings += check_dibao(data, floor=floor if kind == "county" else None)
        findings += check_rural_not_above_urban(data) + check_rural_share_of_urban(data)
    if today is not None:
        findings += check_dates_against_today(data, today)
    if kind == "county":
        findings += check_county_identity(data) + check_local(data) + check_fixed_township_limit(data, floor)
        if today is not None:
            findings += check_staleness(data, today)
    if kind == "prefecture":
        findings += check_prefecture(data)
    return findings


_COUNTY_FILE_NAME = re.compile(r"([0-9]{6})-[^/\\]*\.yaml")


def check_file_name(file_name: str, data: object) -> list[Finding]:
    """Refuses a county file not named ``CODE-拼音.yaml`` with the code it contains.

    The file name is how a reviewer finds a county's file; ``532503-mengzi.yaml`` holding 532504's figures
    would put a county's figures under another's name in every pull request.
    """
    if kind_of(data) != "county":
        return []
    county = data.get("county")
    code = county.get("code") if isinstance(county, dict) else None
    if not isinstance(code, str) or code_problem(code):
        return []
    base = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    match = _COUNTY_FILE_NAME.fullmatch(base)
    if match is None:
        return [Finding(("county", "code"), f"县市文件要以代码开头命名，例如 {code}-拼音.yaml。请把文件“{base}”改名。")]
    if match.group(1) != code:
        return [
            Finding(
                ("county", "code"),
                f"文件名以 {match.group(1)} 开头，内容里的代码却是 {code}。"
                "请核对：代码写错了就改代码，放错了文件就改文件名。",
            )
        ]
    return []


def check_collection(named: list[tuple[str, object]], *, complete: bool = False) -> list[tuple[str | None, Finding]]:
    """Checks across files: ``named`` is ``(file name, data)`` for every file read.

    Refuses a county code that appears in two files (which figures would count?), and more than one
    province or prefecture file. With ``complete`` (the whole ``standards/`` directory), also refuses a missing
    province file, prefecture file, or file for one of the 13 counties: the calculator needs all of them.
    Returns ``(file name, finding)``; the file name is ``None`` for a finding about the collection as a whole.
    """
    out: list[tuple[str | None, Finding]] = []
    first_county: dict[str, str] = {}
    first_of_kind: dict[str, str] = {}
    for name, data in named:
        kind = kind_of(data)
        if kind in ("province", "prefecture"):
            if kind in first_of_kind:
                label = "省级指导标准" if kind == "province" else "州级参数"
                message = f"{label}已在 {first_of_kind[kind]} 中，只能有一个文件。请删除多余的文件。"
                out.append((name, Finding((kind,), message)))
            else:
                first_of_kind[kind] = name
        elif kind == "county":
            county = data.get("county")
            code = county.get("code") if isinstance(county, dict) else None
            if not isinstance(code, str):
                continue
            if code in first_county:
                message = (
                    f"县市代码 {code} 已在 {first_county[code]} 中出现。"
                    "一个县市只能有一个文件：请核对代码或删除重复的文件。"
                )
                out.append((name, Finding(("county", "code"), message)))
            else:
                first_county[code] = name
    if complete:
        if "province" not in first_of_kind:
            out.append((None, Finding((), "缺少云南省指导标准文件（yunnan-floor.yaml）。")))
        if "prefecture" not in first_of_kind:
            out.append((None, Finding((), "缺少州级参数文件（honghe-prefecture.yaml）。")))
        for code, county_name in COUNTIES.items():
            if code not in first_county:
                message = f"缺少{county_name}（{code}）的文件。每个县市都要有一个文件，没有本地标准时写 values: []。"
                out.append((None, Finding((), message)))
    return out
