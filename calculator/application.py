"""The application (the CLI's input, ``schemas/application.schema.json``) parsed and checked into a frozen
:class:`Application`.

Every refusal is an :class:`InputError` naming the field (``"prior_assistance[1].amount"``) with a Chinese
message; the CLI prints it as ``{"error": {"field": ..., "message": ...}}`` and exits 2.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from calculator import vocabulary
from calculator.money import JsonNumber, MoneyError, yuan_to_fen
from calculator.numbers import normalize_typed_number
from calculator.records import record
from calculator.standards import Bundle, County

EMERGENCY = vocabulary.EMERGENCY
EXPENDITURE = vocabulary.EXPENDITURE
TYPES = tuple(vocabulary.TYPE_NAMES)
RESIDENCES = tuple(vocabulary.RESIDENCE_NAMES)
CAUSES = tuple(vocabulary.CAUSE_NAMES)
SEVERITIES = tuple(vocabulary.SEVERITY_NAMES)
MAX_HOUSEHOLD_SIZE = 30

KNOWN_FIELDS = {
    "county", "date", "residence", "household_size", "type", "income_6m", "medical_self_paid_6m",
    "education_self_paid_6m", "emergency_cause", "severity", "special_difficulty", "is_dibao", "is_tekun",
    "prior_assistance", "event", "amount",
}


class InputError(ValueError):
    """Invalid application input: ``field`` is the JSON path of the bad field, ``message`` is Chinese."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def as_dict(self) -> dict:
        """``{"error": {"field": ..., "message": ...}}`` (the CLI's and the page's error shape)."""
        return {"error": {"field": self.field, "message": self.message}}


# -- reading the JSON text ------------------------------------------------------------------------------------
# The same reader for the command line and the page (calculator.page_api), so that both refuse the same texts with the
# same words, under CPython and under Pyodide alike: without the limits below, a deeply nested text overflows
# Pyodide's JavaScript stack (a fatal error that stops Python in the page) where CPython raises RecursionError,
# and a number like 1e425000001 is out of range for Pyodide's 32-bit decimal library only.
MAX_DEPTH = 20  # an application is 3 deep: {"prior_assistance": [{…}]}
MAX_NUMBER_CHARS = 40  # 1 万亿元 with fen is 16 characters
MAX_EXPONENT = 100
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")
_EXPONENT = re.compile(r"[eE]([+-]?[0-9]+)$")


def _nesting_depth(text: str) -> int:
    """How deep ``[`` and ``{`` nest in ``text``, outside JSON strings."""
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _number_problem(literal: str) -> str | None:
    exponent = _EXPONENT.search(literal)
    if len(literal) > MAX_NUMBER_CHARS or (exponent and abs(int(exponent.group(1))) > MAX_EXPONENT):
        shown = literal if len(literal) <= 20 else literal[:20] + "…"
        return f"输入中的数字 {shown} 超出范围：金额请写成普通数字（元），例如 9000 或 9000.50"
    return None


def read_application_json(text: str) -> object:
    """The application's JSON text → Python values, numbers with a fraction or exponent as
    :class:`calculator.money.JsonNumber` (a ``Decimal`` that keeps the literal, judged like a string, register I14).

    Raises :class:`InputError` (field ``"$"``, or the repeated key) for: text that is not JSON (with line and
    column), nesting deeper than ``MAX_DEPTH``, a key given twice in one object (a parser would silently keep the
    last), ``NaN``/``Infinity``, and numbers longer than ``MAX_NUMBER_CHARS`` characters or with an exponent
    beyond ±``MAX_EXPONENT``. The checks of the fields themselves are :func:`parse_application`'s.
    """
    if _nesting_depth(text) > MAX_DEPTH:
        raise InputError("$", f"输入的 JSON 嵌套层数过多（最多 {MAX_DEPTH} 层）")

    def number(literal: str, convert):
        problem = _number_problem(literal)
        if problem:
            raise InputError("$", problem)
        return convert(literal)

    def constant(name: str):
        raise InputError("$", f"输入中不能有 {name}：金额请写成数字，例如 9000 或 9000.50")

    def no_duplicates(pairs: list) -> dict:
        out: dict = {}
        for key, value in pairs:
            if key in out:
                raise InputError(key, f"字段“{key}”出现了两次，请只保留一个")
            out[key] = value
        return out

    try:
        return json.loads(text, parse_float=lambda t: number(t, JsonNumber), parse_int=lambda t: number(t, int),
                          parse_constant=constant, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        raise InputError("$", f"输入不是合法的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）") from None
    except RecursionError:  # not reached below MAX_DEPTH; kept so that no text can give a traceback
        raise InputError("$", f"输入的 JSON 嵌套层数过多（最多 {MAX_DEPTH} 层）") from None


@record
class PriorAssistance:
    """Assistance already received: date, amount in fen, and the event it was for (may be None)."""

    date: dt.date
    amount: int
    event: str | None


@record
class Application:
    """A checked application. Money in fen; ``type`` already decided (see :func:`decide_type`)."""

    county: County
    date: dt.date
    residence: str
    household_size: int
    type: str
    income_6m: int | None
    medical_self_paid_6m: int
    education_self_paid_6m: int
    emergency_cause: str | None
    severity: str | None
    special_difficulty: bool
    is_dibao: bool
    is_tekun: bool
    prior_assistance: tuple[PriorAssistance, ...]
    event: str | None
    amount: int | None


# ASCII digits only: ``\d`` and ``str.isdigit`` follow the Unicode database, which differs between CPython 3.11
# (Unicode 14) and Pyodide's Python 3.14 (Unicode 16: e.g. KAWI DIGIT FOUR is a digit there only), so the same
# input would be accepted in the page and refused on the command line.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")  # longer than 9 digits is out of range anyway (and int() of 4300+ raises)


def _date(value: object, field: str) -> dt.date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value.strip()):
        raise InputError(field, "日期应写成 2020-08-01 这样的格式（年-月-日）")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(field, f"日期 {value} 不存在，请检查月份和日期") from None


def _money(data: dict, field: str, *, required: bool, path: str | None = None) -> int | None:
    value = data.get(field)
    if value is None or (isinstance(value, str) and value.strip() == ""):
        if required:
            raise InputError(path or field, "请填写此项金额（元）；没有请填 0")
        return None
    try:
        return yuan_to_fen(value)
    except MoneyError as exc:
        raise InputError(path or field, exc.reason) from None


def _bool(data: dict, field: str) -> bool:
    value = data.get(field, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise InputError(field, "应为 true 或 false（是或否）")
    return value


def _enum(data: dict, field: str, allowed: tuple[str, ...], names: dict | None = None) -> str | None:
    value = data.get(field)
    if value is None or value == "":
        return None
    if value not in allowed:
        shown = "、".join(f"{a}（{names[a]}）" if names else a for a in allowed)
        shown_value = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
        raise InputError(field, f"无法识别的取值“{shown_value}”，可选：{shown}")
    return value


def decide_type(data: dict) -> str:
    """The assistance type: ``type`` when given, otherwise emergency when an ``emergency_cause`` is given.

    Source: clause 2-1 (对象分为急难型和支出型); 2-1-1 lists the emergency causes.
    Raises :class:`InputError` for an unknown type.
    """
    given = _enum(data, "type", TYPES, vocabulary.TYPE_NAMES)
    if given:
        return given
    return EMERGENCY if data.get("emergency_cause") else EXPENDITURE


def _county(data: dict, bundle: Bundle) -> County:
    county_key = data.get("county")
    if isinstance(county_key, int) and not isinstance(county_key, bool):
        county_key = str(county_key)  # a code written as a JSON number: 532503
    if not isinstance(county_key, str) or not county_key.strip():
        raise InputError("county", "请选择县市（名称或 6 位行政区划代码，例如 蒙自市 或 532503）")
    county = bundle.find_county(county_key)
    counties = "、".join(c.name for c in bundle.counties.values())
    if county is None and normalize_typed_number(county_key) in vocabulary.AMBIGUOUS_COUNTY_NAMES:
        raise InputError("county", f"“{county_key.strip()}”不是一个县市（可能指红河州，也可能指红河县）。"
                                   f"请写明县市：{counties}")
    if county is None:
        raise InputError("county", f"红河州没有名为或代码为“{county_key}”的县市。红河州的县市有：{counties}")
    return county


def _application_date(data: dict, bundle: Bundle) -> dt.date:
    if data.get("date") is None:
        raise InputError("date", "请填写申请日期")
    date = _date(data["date"], "date")
    first = bundle.first_date()
    if date < first:
        raise InputError(
            "date",
            f"申请日期早于 {first.isoformat()}：本测算按红民社救〔2019〕5号及2018年7月起的低保标准计算，"
            "不适用于更早的申请",
        )
    return date


def _household_size(data: dict) -> int:
    size = data.get("household_size")
    if isinstance(size, str) and _WHOLE_NUMBER.fullmatch(normalize_typed_number(size)):
        size = int(normalize_typed_number(size))
    if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= MAX_HOUSEHOLD_SIZE:
        raise InputError("household_size", f"家庭人口应为 1 到 {MAX_HOUSEHOLD_SIZE} 之间的整数")
    return size


def _type_facts(data: dict) -> tuple[str, str | None, str | None]:
    """The type (:func:`decide_type`), the emergency cause and the severity; facts that belong to the other type
    are refused rather than silently ignored."""
    kind = decide_type(data)
    cause = _enum(data, "emergency_cause", CAUSES, vocabulary.CAUSE_NAMES)
    severity = _enum(data, "severity", SEVERITIES, vocabulary.SEVERITY_NAMES)
    if kind == EMERGENCY and cause is None:
        raise InputError("emergency_cause",
                         "急难型救助请选择遭遇的事件（火灾、交通事故、溺水、人身伤害、突发重大疾病或其他）")
    if kind == EXPENDITURE and cause is not None:
        raise InputError("emergency_cause", "支出型救助不填遭遇的事件；遭遇突发事件的请按急难型（type: emergency）测算")
    if kind == EXPENDITURE and severity is not None:
        raise InputError("severity",
                         "困难程度（较轻、较重、重大）只用于急难型救助；支出型特别困难的请填 special_difficulty")
    if kind == EMERGENCY and severity == "major" and cause not in vocabulary.ACCIDENT_CAUSES:
        accidents = "、".join(vocabulary.CAUSE_NAMES[c] for c in vocabulary.ACCIDENT_CAUSES)
        raise InputError(
            "severity",
            f"“重大生活困难（一事一议）”只适用于{accidents}等突发意外事件（第2-3-2条）；"
            f"{vocabulary.CAUSE_NAMES[cause]}造成的困难较重的，请选 heavy（困难程度较重），"
            "或按支出型特别困难（type: expenditure，special_difficulty: true）测算",
        )
    if kind == EMERGENCY and data.get("special_difficulty") is True:
        raise InputError("special_difficulty", "“特别困难（一事一议）”只用于支出型；急难型重大困难请选困难程度 major")
    return kind, cause, severity


def _prior_assistance(data: dict, date: dt.date) -> tuple[PriorAssistance, ...]:
    priors_raw = data.get("prior_assistance")
    if priors_raw is None:
        priors_raw = []
    if not isinstance(priors_raw, list):
        raise InputError("prior_assistance", "应为列表（每次已获救助的日期、金额和事由）")
    priors = []
    for i, item in enumerate(priors_raw):
        path = f"prior_assistance[{i}]"
        if not isinstance(item, dict):
            raise InputError(path, "每次已获救助应写明 date、amount 和 event")
        for key in item:
            if key not in ("date", "amount", "event"):
                raise InputError(f"{path}.{key}", "无法识别的字段，请检查拼写")
        if item.get("date") is None:
            raise InputError(f"{path}.date", "请填写这次救助的日期")
        p_date = _date(item["date"], f"{path}.date")
        if p_date > date:
            raise InputError(f"{path}.date", "已获救助的日期不能晚于本次申请日期")
        p_amount = _money(item, "amount", required=True, path=f"{path}.amount")
        p_event = item.get("event")
        if p_event is not None and not isinstance(p_event, str):
            raise InputError(f"{path}.event", "事由应为文字")
        priors.append(PriorAssistance(p_date, p_amount, (p_event or "").strip() or None))
    return tuple(priors)


def parse_application(data: object, bundle: Bundle) -> Application:
    """Check the input dict of ``python -m calculator assess`` and return an :class:`Application`.

    Raises :class:`InputError` for: unknown fields; unknown county; missing, malformed or impossible date; a
    date before the policy and the first standard; household size not a whole number from 1 to 30; money
    that is negative, not a number or has more than 2 decimals; unknown enum values; an emergency without
    its cause; prior assistance dated after the application. The checks run in that order (the first error wins).
    """
    if not isinstance(data, dict):
        raise InputError("$", "输入应为一个 JSON 对象")
    for key in data:
        if key not in KNOWN_FIELDS:
            raise InputError(str(key), "无法识别的字段，请检查拼写")
    county = _county(data, bundle)
    date = _application_date(data, bundle)
    residence = _enum(data, "residence", RESIDENCES, vocabulary.RESIDENCE_NAMES)
    if residence is None:
        raise InputError("residence", "请选择城市或农村（按家庭户籍或居住地所执行的低保标准）")
    size = _household_size(data)
    kind, cause, severity = _type_facts(data)
    income = _money(data, "income_6m", required=kind == EXPENDITURE)
    medical = _money(data, "medical_self_paid_6m", required=False) or 0
    education = _money(data, "education_self_paid_6m", required=False) or 0
    priors = _prior_assistance(data, date)
    event = data.get("event")
    if event is not None and not isinstance(event, str):
        raise InputError("event", "事由应为文字")
    amount = _money(data, "amount", required=False)
    if amount == 0:
        raise InputError("amount", "拟救助金额应大于 0；不确定时请留空")

    return Application(
        county=county,
        date=date,
        residence=residence,
        household_size=size,
        type=kind,
        income_6m=income,
        medical_self_paid_6m=medical,
        education_self_paid_6m=education,
        emergency_cause=cause,
        severity=severity,
        special_difficulty=_bool(data, "special_difficulty"),
        is_dibao=_bool(data, "is_dibao"),
        is_tekun=_bool(data, "is_tekun"),
        prior_assistance=priors,
        event=(event or "").strip() or None,
        amount=amount,
    )
