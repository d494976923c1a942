"""The one vocabulary of the project: every value a form offers or a result names, with its Chinese words.

Each table is a tuple of frozen records in the order the forms show them; the ``*_NAMES`` dicts derived from them
are what the engine's messages, the explanation, the checks and the page generators read. The build renders the
forms' ``<option>``/radio HTML from these tables (sitebuild/vocabulary_html.py) and gives the page scripts the
same words as JSON (:func:`as_json_dict`), so no label is written twice. Stdlib only (the engine's layer).

Sources: 红民社救〔2019〕5号 (clauses cited per table); the county list is GB/T 2260 (中华人民共和国行政区划代码).
"""

from __future__ import annotations

from calculator.records import record


@record
class Term:
    """A value and its name (``name``: how results and messages call it)."""

    value: str
    name: str


@record
class Residence(Term):
    """Which dibao standard a household follows; ``option`` is the 测算 form's radio text."""

    option: str


@record
class AssistanceType(Term):
    """急难型 / 支出型; the 测算 form's radio reads ``<strong>{lead}</strong>：{option}``."""

    lead: str
    option: str

    @property
    def summary(self) -> str:
        """The answer as the 测算 page's summary shows it: 急难型（突发事件）."""
        return f"{self.name}（{self.lead}）"


@record
class Severity(Term):
    """How hard an emergency hit: ``short`` for the page's summary, ``option`` for the 测算 form's select."""

    short: str
    option: str


@record
class ApprovalLevel(Term):
    """Who approves an amount: ``short`` names the office, ``action`` is the training cases' wording."""

    short: str
    action: str


@record
class DibaoSeries(Term):
    """A dibao standard series with the unit its amounts are written in (``name`` without the unit)."""

    unit: str


@record
class Status(Term):
    """Whether a figure was checked against its source; ``detail`` explains it on the 配置 form."""

    detail: str

    @property
    def option(self) -> str:
        """The 配置 form's option text: ``verified：已核实（…）``."""
        return f"{self.value}：{self.name}（{self.detail}）"


@record
class CountyName:
    """A county-level unit of Honghe: GB/T 2260 ``code``, official ``name`` and the ``short`` names people use
    (the first is the usual one)."""

    code: str
    name: str
    short: tuple[str, ...]


EMERGENCY = "emergency"
EXPENDITURE = "expenditure"

#: Clause 2-1-1 / 2-1-2 (城市 and 农村 standards: the household's registered residence decides).
RESIDENCES = (
    Residence("urban", "城市", "城市（城镇居民）"),
    Residence("rural", "农村", "农村"),
)

#: Clause 2-1 (对象分为急难型和支出型), in the 测算 form's order.
TYPES = (
    AssistanceType(EMERGENCY, "急难型", "突发事件",
                   "火灾、交通事故、溺水、人身伤害、家人突发重病等，生活马上有困难（急难型）"),
    AssistanceType(EXPENDITURE, "支出型", "支出太大",
                   "看病、上学等必需支出让家里收入不够基本生活（支出型）"),
)
#: The type the 测算 form has checked when it opens.
DEFAULT_TYPE = EXPENDITURE

#: Clause 2-1-1: the emergencies the policy names (火灾、交通事故、溺水、人身伤害、家庭成员突发重大疾病)
#: and 其他特殊困难.
CAUSES = (
    Term("fire", "火灾"),
    Term("traffic_accident", "交通事故"),
    Term("drowning", "溺水"),
    Term("personal_injury", "人身伤害"),
    Term("major_illness", "家庭成员突发重大疾病"),
    Term("other", "其他特殊困难"),
)

#: Clause 2-3-2 “因火灾、交通事故等突发意外事件造成重大生活困难的 … 一事一议”, with 2-1-1's 意外事件 (火灾、
#: 交通事故、溺水、人身伤害): the causes for which ``severity: major`` may be chosen (register I7).
ACCIDENT_CAUSES = ("fire", "traffic_accident", "drowning", "personal_injury")

#: Clause 2-3-2: the emergency tiers (较轻 / 较重 / 重大生活困难, the last decided 一事一议).
SEVERITIES = (
    Severity("light", "困难程度较轻", "较轻", "较轻，需要的救助金额较小"),
    Severity("heavy", "困难程度较重", "较重", "较重，需要的救助金额较大"),
    Severity("major", "重大生活困难（一事一议）", "重大生活困难",
             "火灾、交通事故、溺水、人身伤害等意外事件造成重大生活困难"),
)

#: Clause 2-2-3: amounts within the township limit are approved by the township, above it by the county.
APPROVAL_LEVELS = (
    ApprovalLevel("township", "乡镇（街道）审批", "乡镇（街道）", "乡镇（街道）审批"),
    ApprovalLevel("county", "县级民政部门审批", "县级民政部门", "报县级民政部门审批"),
)

MONTHLY_UNIT = "元/人·月"
ANNUAL_UNIT = "元/人·年"
#: The dibao standards: urban per person and month, rural per person and year (as Yunnan publishes them).
DIBAO_SERIES = (
    DibaoSeries("urban", "城市低保标准", MONTHLY_UNIT),
    DibaoSeries("rural", "农村低保标准", ANNUAL_UNIT),
)

#: standards/README.md: every dated figure is verified (seen in its source) or unverified.
STATUSES = (
    Status("verified", "已核实", "数值和生效日期都见于所注来源"),
    Status("unverified", "未核实", "数值或日期是推定的，或来源归属不确定"),
)

#: Honghe's 13 county-level units (GB/T 2260, code order). A new or renamed unit needs an entry here.
#: ``short``: every other name people write for it (register I15): the name without its suffix, the 自治县's
#: "…县", and the former names of 蒙自 (县 until 2010) and 弥勒 (县 until 2013). 红河县 has no shorter name:
#: "红河" alone names the prefecture too (:data:`AMBIGUOUS_COUNTY_NAMES`).
COUNTIES = (
    CountyName("532501", "个旧市", ("个旧",)),
    CountyName("532502", "开远市", ("开远",)),
    CountyName("532503", "蒙自市", ("蒙自", "蒙自县")),
    CountyName("532504", "弥勒市", ("弥勒", "弥勒县")),
    CountyName("532523", "屏边苗族自治县", ("屏边", "屏边县")),
    CountyName("532524", "建水县", ("建水",)),
    CountyName("532525", "石屏县", ("石屏",)),
    CountyName("532527", "泸西县", ("泸西",)),
    CountyName("532528", "元阳县", ("元阳",)),
    CountyName("532529", "红河县", ()),
    CountyName("532530", "金平苗族瑶族傣族自治县", ("金平", "金平县")),
    CountyName("532531", "绿春县", ("绿春",)),
    CountyName("532532", "河口瑶族自治县", ("河口", "河口县")),
)
#: Names that could mean the prefecture or 红河县: refused with the list of counties (register I15).
AMBIGUOUS_COUNTY_NAMES = ("红河", "红河州", "红河哈尼族彝族自治州", "红河哈尼族彝族自治州民政局")
#: Prefixes people put before a county's name; dropped before looking the name up (红河州蒙自市 → 蒙自市).
COUNTY_NAME_PREFIXES = ("云南省", "红河哈尼族彝族自治州", "红河州")


def names(table: tuple) -> dict[str, str]:
    """``{value: name}`` of a table, in its order."""
    return {term.value: term.name for term in table}


RESIDENCE_NAMES = names(RESIDENCES)
TYPE_NAMES = names(TYPES)
CAUSE_NAMES = names(CAUSES)
SEVERITY_NAMES = names(SEVERITIES)
LEVEL_NAMES = names(APPROVAL_LEVELS)
STATUS_NAMES = names(STATUSES)
SERIES_NAMES = names(DIBAO_SERIES)
SERIES_UNITS = {series.value: series.unit for series in DIBAO_SERIES}
COUNTY_NAMES = {county.code: county.name for county in COUNTIES}


def county_code(text: str) -> str | None:
    """The GB/T 2260 code of the county ``text`` names: its code, official name or any of its ``short`` names,
    after a prefix of :data:`COUNTY_NAME_PREFIXES` is dropped (register I15). None when no county has that name
    (also for :data:`AMBIGUOUS_COUNTY_NAMES`)."""
    key = text
    for prefix in COUNTY_NAME_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            key = key[len(prefix):]
            break
    for county in COUNTIES:
        if key == county.code or key == county.name or key in county.short:
            return county.code
    return None


def as_json_dict() -> dict:
    """The words the page scripts show, as plain JSON data (embedded by the build as ``#vocabulary``).

    Shape: ``{"residence": {value: name}, "type": {value: "急难型（突发事件）"}, "emergency_cause": {value: name},
    "severity": {value: short}, "approval_level": {value: name}, "approval_office": {value: short},
    "status": {value: name}, "series": {value: {"name", "unit"}}, "counties": {code: {"name", "short"}}}``.
    """
    return {
        "residence": RESIDENCE_NAMES,
        "type": {t.value: t.summary for t in TYPES},
        "emergency_cause": CAUSE_NAMES,
        "severity": {s.value: s.short for s in SEVERITIES},
        "approval_level": LEVEL_NAMES,
        "approval_office": {level.value: level.short for level in APPROVAL_LEVELS},
        "status": STATUS_NAMES,
        "series": {s.value: {"name": s.name, "unit": s.unit} for s in DIBAO_SERIES},
        "counties": {c.code: {"name": c.name, "short": list(c.short)} for c in COUNTIES},
    }
