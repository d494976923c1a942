"""Notes beside the policy text, generated at build time from the standards and the calculator.

A page marks the place of a note with a placeholder on a line of its own, right after a clause's paragraph::

    <!-- rule: 2-3-1 -->

:func:`expand` (called by ``hooks/site_assets.py`` on every page) replaces it with a collapsible admonition
(``??? note annotation "…"``, pymdownx.details) that says, in plain words, setting the calculator applies the
clause: the rule, the readings of the interpretation register that rest on the clause (title and reading taken
from ``policy/interpretations.yaml``, each linked to its entry on 本站如何理解和计算), the parameters with
the values in force on the build's reference date (per county where they differ by county), and a link that
opens the 测算 page with an example of the clause filled in (the page reads the answers from the URL fragment).

Nothing here computes a rule: every figure comes from :mod:`calculator.county_figures`, :mod:`calculator.rules` and
:func:`calculator.assess.assess`, so a note shows exactly what the calculator does. The example of each note is
assessed at build time (an example the calculator refuses stops the build) and its outcome is quoted.

The note is an admonition with class ``annotation`` placed between paragraphs, never inside the quoted text:
``tests/test_policy_text.py`` drops it, and ``tests/test_policy_notes.py`` checks that the expanded page still
has the policy text character for character. Without the hook the placeholder is an HTML comment: no text.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from html import escape
from urllib.parse import quote, urlencode

from calculator import rules
from calculator.assess import assess
from calculator.county_figures import county_figures
from calculator.explain import percent_text
from calculator.money import fen_to_yuan_text
from calculator.standards import Bundle, County, DibaoInForce
from sitebuild import interpretations

PLACEHOLDER = re.compile(r"^(?P<indent>[ \t]*)<!--\s*rule:\s*(?P<clause>[^\s>]*)\s*-->[ \t]*$", re.MULTILINE)
TITLE = "本站测算怎样理解这一条"
POLICY_PAGE = "policy/index.md"
CALCULATOR_DIR = "calculator/"
STANDARDS_INDEX = "standards/index.md"
MONTHLY = "元/人·月"


class UnknownRule(ValueError):
    """A placeholder names a clause that has no note (a typo, or a clause the calculator does not implement)."""


# -- context: everything a note needs, computed once per page ---------------------------------------------------


@dataclass
class Context:
    bundle: Bundle
    as_of: dt.date
    page_uri: str
    _figures: dict | None = field(default=None, repr=False)
    _register: dict | None = field(default=None, repr=False)

    @property
    def register(self) -> dict:
        """The interpretation register (``policy/interpretations.yaml``), read once per page."""
        if self._register is None:
            self._register = interpretations.load_register()
        return self._register

    @property
    def figures(self) -> dict[str, dict]:
        """``{code: county_figures(...)}`` on the reference date, in the order of the bundle (GB/T 2260)."""
        if self._figures is None:
            self._figures = {code: county_figures(self.bundle, c, self.as_of)
                             for code, c in self.bundle.counties.items()}
        return self._figures

    def counties(self) -> list[tuple[str, County, dict]]:
        return [(code, self.bundle.counties[code], figs) for code, figs in self.figures.items()]

    def link(self, src_uri: str) -> str:
        """A Markdown link target from this page to another page's source (MkDocs validates and rewrites it)."""
        target, _, anchor = src_uri.partition("#")
        if target == self.page_uri:
            return "#" + anchor
        rel = posixpath.relpath(target, posixpath.dirname(self.page_uri) or ".")
        return rel + ("#" + anchor if anchor else "")

    def clause(self, clause_id: str) -> str:
        return f"[{clause_id}]({self.link(POLICY_PAGE + '#' + clause_id)})"

    def calculator_href(self, fragment: str) -> str:
        """The URL of the 测算 page from this page's URL (directory URLs), with the answers in the fragment.

        Raw HTML, because MkDocs would take the fragment for a missing heading anchor."""
        page_dir = _page_url_dir(self.page_uri)
        rel = posixpath.relpath(CALCULATOR_DIR.rstrip("/"), page_dir.rstrip("/") or ".") + "/"
        return rel + "#" + fragment

    def parameter(self, key: str, after: str = "", scope: str = "全州统一") -> str:
        """``3 倍（全州统一，2019-01-01 起）``: a prefecture parameter in force on the reference date; ``after``
        goes between the value and the parenthesis (``1000 元（含）以下（…）``)."""
        param = self.bundle.parameters[key]
        value = rules.parameter(self.bundle, key, self.as_of)
        unit = {"比例": "", "月": " 个月"}.get(param.unit, " " + param.unit)
        shown = percent_text(Fraction(value.value)) if param.unit == "比例" else value.value
        return f"{shown}{unit}{after}（{scope}，{value.effective.isoformat()} 起）"


def _page_url_dir(src_uri: str) -> str:
    """``policy/index.md`` → ``policy/``; ``faq.md`` → ``faq/``; ``index.md`` → ``""`` (use_directory_urls)."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    else:
        stem += "/"
    return stem



# -- figures across the counties ---------------------------------------------------------------------------------


def yuan_range(values: list[str], unit: str) -> str:
    """``744.00 元/人·月（13 个县市相同）`` or ``680.00–744.00 元/人·月（各县市不同）``."""
    numbers = sorted(set(values), key=Decimal)
    if len(numbers) == 1:
        return f"{numbers[0]} {unit}（{len(values)} 个县市相同）"
    return f"{numbers[0]}–{numbers[-1]} {unit}（各县市不同）"


Flag = tuple[str, str, str]  # (residence, origin: county | province_floor, status: verified | unverified …)


def _figure_flags(figs: dict, residences: tuple[str, ...]) -> list[Flag]:
    """Where the standards behind :func:`calculator.county_figures.county_figures` come from."""
    return [(r, figs[f"{r}_origin"], figs[f"{r}_status"]) for r in residences]


def _found_flags(found: DibaoInForce) -> list[Flag]:
    """Where one standard returned by :meth:`Bundle.dibao` comes from."""
    status = "unverified" if found.origin == "province_floor" else found.value.status
    return [(found.residence, found.origin, status)]


def _unverified(flags: list[Flag]) -> tuple[bool, str]:
    """(unverified?, why): the provincial floor is used, or the county's own figure is not verified."""
    word = {"urban": "城市", "rural": "农村"}
    floor = [word[r] for r, origin, _status in flags if origin == "province_floor"]
    if floor:
        return True, "本县市标准未核实，" + "、".join(floor) + "低保按省级指导标准计算"
    if any(status != "verified" for _r, _origin, status in flags):
        return True, "本县市标准的来源未核实（转引或推定）"
    return False, ""


def _status_summary(ctx: Context, flags: dict[str, list[Flag]]) -> str:
    """One sentence: which counties use the provincial floor, which own figures are unverified."""
    floor, unchecked = [], []
    for code, county_flags in flags.items():
        name = ctx.bundle.counties[code].short_name
        if any(origin == "province_floor" for _r, origin, _s in county_flags):
            floor.append(name)
        elif any(status != "verified" for _r, _o, status in county_flags):
            unchecked.append(name)
    parts = []
    if floor:
        parts.append(f"{len(floor)} 个县市（{'、'.join(floor)}）本县市标准未核实，暂按省级指导标准计算")
    if unchecked:
        parts.append(f"{'、'.join(unchecked)}用本县市标准，但来源未核实")
    if not parts:
        return "各县市的标准来源均已核实。"
    return "；".join(parts) + "。表中标“未核实”。"


def _table(ctx: Context, title: str, header: str, cells: dict[str, str], flags: dict[str, list[Flag]]) -> list[str]:
    """A collapsible table of the 13 counties: the county (linked to its standards page, marked when its standard
    is unverified) and one column of figures. Two columns only: Material gives every column at least 5rem, and
    inside a collapsible a third column would not fit a 360 px phone."""
    lines = [f'??? info "{title}"', ""]
    body = [f"| 县市 | {header} |", "|:--|--:|"]
    for code, figures in cells.items():
        name = f"[{ctx.bundle.counties[code].short_name}]({ctx.link(f'standards/{code}.md')})"
        flagged, why = _unverified(flags[code])
        if flagged:
            name += f' <span class="badge unverified" title="{escape(why)}">未核实</span>'
        body.append(f"| {name} | {figures} |")
    lines += ["    " + line for line in body]
    lines += ["", f"    各县市的标准、来源和历年变化见[各县市低保标准]({ctx.link(STANDARDS_INDEX)})。", ""]
    return lines


# -- the examples -------------------------------------------------------------------------------------------------


def fragment(example: dict) -> str:
    """The 测算 page's URL fragment for a §5 input dict (docs/assets/calc/page.js, ``fillForm``)."""
    pairs: list[tuple[str, str]] = []
    for key, value in example.items():
        if key == "prior_assistance":
            pairs += [("prior", f"{p['date']}~{p['amount']}~{p.get('event') or ''}") for p in value]
        elif value is True:
            pairs.append((key, "1"))
        elif value is not None and value is not False:
            pairs.append((key, str(value)))
    return urlencode(pairs, quote_via=quote, safe="~")


def _prior_date(as_of: dt.date) -> str:
    """A date earlier in the reference date's year (for an example with an assistance already received)."""
    return max(dt.date(as_of.year, 1, 1), as_of - dt.timedelta(days=90)).isoformat()


def _example_input(clause_id: str, as_of: dt.date) -> dict:
    day = as_of.isoformat()
    base = {"date": day}
    examples = {
        "2-1-1": {"county": "532501", "residence": "rural", "household_size": 4, "type": "emergency",
                  "emergency_cause": "traffic_accident"},
        "2-1-2": {"county": "532504", "residence": "rural", "household_size": 4, "type": "expenditure",
                  "income_6m": 18000, "education_self_paid_6m": 9000},
        "2-2": {"county": "532502", "residence": "urban", "household_size": 2, "type": "expenditure",
                "income_6m": 6000, "medical_self_paid_6m": 8000, "event": "住院治疗",
                "prior_assistance": [{"date": _prior_date(as_of), "amount": 3000, "event": "房屋失火"}]},
        "2-2-1": {"county": "532527", "residence": "rural", "household_size": 3, "type": "emergency",
                  "emergency_cause": "fire", "severity": "light", "amount": 800},
        "2-2-2": {"county": "532524", "residence": "urban", "household_size": 3, "type": "expenditure",
                  "income_6m": 12000, "medical_self_paid_6m": 10000, "amount": 6000},
        "2-2-3": {"county": "532525", "residence": "urban", "household_size": 4, "type": "expenditure",
                  "income_6m": 10000, "medical_self_paid_6m": 12000, "amount": 4000},
        "2-3": {"county": "532528", "residence": "rural", "household_size": 5, "type": "expenditure",
                "income_6m": 15000, "medical_self_paid_6m": 20000},
        "2-3-1": {"county": "532503", "residence": "urban", "household_size": 3, "type": "expenditure",
                  "income_6m": 9000, "medical_self_paid_6m": 60000, "special_difficulty": True, "amount": 40000},
        "2-3-2": {"county": "532529", "residence": "rural", "household_size": 5, "type": "emergency",
                  "emergency_cause": "fire", "severity": "major", "amount": 20000},
        "2-4-1": {"county": "532531", "residence": "rural", "household_size": 3, "type": "emergency",
                  "emergency_cause": "drowning", "severity": "light", "amount": 1000},
        "2-4-3": {"county": "532530", "residence": "rural", "household_size": 4, "type": "emergency",
                  "emergency_cause": "major_illness", "severity": "heavy", "income_6m": 6000},
    }
    data = examples[clause_id]
    return {"county": data["county"], **base, **{k: v for k, v in data.items() if k != "county"}}


def _money(text: str | None) -> str:
    return f"{text} 元"


def _verdict(result: dict) -> str:
    return "符合条件" if result["eligible"] else "不符合条件"


def _approval(result: dict) -> str:
    level = "乡镇（街道）审批" if result["approval_level"] == "township" else "报县级民政部门审批"
    return f"拟救助 {_money(result['amount'])}{'不超过' if result['approval_level'] == 'township' else '超过'}" \
           f"乡镇（街道）审批额度 {_money(result['township_limit'])}，{level}"


OUTCOMES: dict[str, tuple[str, Callable[[dict], str]]] = {
    # clause → (what the example is, in words; the outcome sentence from the calculator's result)
    "2-1-1": ("{county}一户农村四口之家，家人遭遇交通事故",
              lambda r: f"急难型，不看收入，{_verdict(r)}；困难程度未认定时，单次一般最多 {_money(r['single_cap'])}。"),
    "2-1-2": ("{county}一户农村四口之家，6 个月收入 18000 元，两个孩子读高中、大专的学费住宿费 9000 元",
              lambda r: f"月人均 {_money(r['per_capita_monthly_income'])}，低于农村低保标准 "
                        f"{_money(r['dibao_standard_monthly'])}，{_verdict(r)}。"),
    "2-2": ("{county}一户城镇两口之家，今年已因房屋失火获救助 3000 元，现因住院再次申请",
            lambda r: f"{_verdict(r)}，今年还可获救助 {r['times_remaining']} 次（本次在内），"
                      f"全年还剩 {_money(r['year_remaining'])}。"),
    "2-2-1": ("{county}一户农村三口之家房屋失火，困难较轻，拟救助 800 元",
              lambda r: f"{_verdict(r)}；可先行救助、事后补办手续；{_approval(r)}；"
                        + ("特殊情况可发放现金。" if r["cash_allowed"] else "须支付到个人账户。")),
    "2-2-2": ("{county}一户城镇三口之家，大病自付 10000 元，拟救助 6000 元",
              lambda r: f"{_verdict(r)}；按申请、受理、调查核实、公示、审批、发放办理；{_approval(r)}。"),
    "2-2-3": ("{county}一户城镇四口之家，大病自付 12000 元，拟救助 4000 元",
              lambda r: f"{_verdict(r)}；{_approval(r)}。"),
    "2-3": ("{county}一户农村五口之家，6 个月收入 15000 元，大病自付 20000 元",
            lambda r: f"{_verdict(r)}；收入按农村标准 {_money(r['dibao_standard_monthly'])}/人·月比较，"
                      f"上限按城市低保年标准 {_money(r['urban_dibao_standard_annual'])} 计算，"
                      f"单次一般最多 {_money(r['single_cap'])}。"),
    "2-3-1": ("{county}一户城镇三口之家，大病自付 60000 元，特别困难，拟按一事一议救助 40000 元",
              lambda r: f"{_verdict(r)}；单次一般最多 {_money(r['single_cap'])}，按一事一议本次最多 "
                        f"{_money(r['case_by_case_max'])}；{_approval(r)}。"),
    "2-3-2": ("{county}一户农村五口之家房屋失火，生活重大困难，拟按一事一议救助 20000 元",
              lambda r: f"{_verdict(r)}；按一事一议本次最多 {_money(r['case_by_case_max'])}；{_approval(r)}。"),
    "2-4-1": ("{county}一户农村三口之家，家人溺水，困难较轻，拟救助 1000 元",
              lambda r: f"{_verdict(r)}；原则上支付到个人账户，"
                        + ("1000 元（含）以下，特殊情况可发放现金。" if r["cash_allowed"] else "不能发放现金。")),
    "2-4-3": ("{county}一户农村四口之家，家人突发重病，6 个月收入只有 6000 元",
              lambda r: f"{_verdict(r)}；可转介：" + "、".join(x["scheme"] for x in r["referrals"]) + "。"),
}


def example(ctx: Context, clause_id: str) -> tuple[dict, dict]:
    """(the §5 input of the clause's example on the reference date, the calculator's result for it)."""
    data = _example_input(clause_id, ctx.as_of)
    return data, assess(data, ctx.bundle)


def _example_lines(ctx: Context, clause_id: str) -> list[str]:
    data, result = example(ctx, clause_id)
    words, outcome = OUTCOMES[clause_id]
    county = ctx.bundle.counties[data["county"]].name
    href = escape(ctx.calculator_href(fragment(data)))
    return [f'**试一试**：<a href="{href}" class="rule-example">{escape(words.format(county=county))}</a>'
            f"（在测算页打开；本例结果：{outcome(result)}）", ""]


# -- the notes ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Note:
    """A clause's note: ``rule`` says in plain words what the clause asks; the readings come from the register
    (:func:`readings_of`), the parameters from the standards."""

    rule: str
    parameters: Callable[[Context], list[str]]


def readings_of(clause_id: str, register: dict | None = None) -> list[str]:
    """The register's rule ids whose clauses include ``clause_id``, in register order."""
    register = interpretations.load_register() if register is None else register
    return [rule for rule, entry in register.items() if clause_id in [str(c) for c in entry["clauses"]]]


def _params_none(_ctx: Context, text: str) -> list[str]:
    return [f"- {text}"]


def _params_2_1_1(ctx: Context) -> list[str]:
    return _params_none(ctx, f"本条不涉及金额。急难型救助多少见 {ctx.clause('2-3-2')}；审批权限见 "
                             f"{ctx.clause('2-2-3')}。")


def _params_2_1_2(ctx: Context) -> list[str]:
    figs = list(ctx.figures.values())
    flags = {code: _figure_flags(f, ("urban", "rural")) for code, f in ctx.figures.items()}
    lines = [
        f"- 收入核算期：申请前 {ctx.parameter('means_test_months')}",
        f"- 城市低保标准：{yuan_range([f['urban_monthly'] for f in figs], MONTHLY)}",
        f"- 农村低保标准（年标准 ÷ 12）：{yuan_range([f['rural_monthly'] for f in figs], MONTHLY)}",
        f"- {_status_summary(ctx, flags)}",
        "",
    ]
    cells = {code: f"{f['urban_monthly']} / {f['rural_monthly']}" for code, f in ctx.figures.items()}
    return lines + _table(ctx, "各县市的低保标准", f"城市 / 农村<br>{MONTHLY}", cells, flags)


def _params_2_2(ctx: Context) -> list[str]:
    return [f"- 每年救助次数上限：{ctx.parameter('times_per_year')}"]


def _params_2_2_1(ctx: Context) -> list[str]:
    return _params_none(ctx, f"本条不涉及金额。乡镇（街道）审批额度见 {ctx.clause('2-2-3')}。")


def _params_2_2_3(ctx: Context) -> list[str]:
    rows = {}
    last_day = None
    county_set = []
    for code, county, _figs in ctx.counties():
        limit, setting = rules.township_limit(ctx.bundle, county, ctx.as_of)
        rows[code] = (limit, setting)
        if setting["set_by"] == "county":
            county_set.append(county.short_name)
        if setting.get("last_day"):
            last_day = setting["last_day"]
    limits = [fen_to_yuan_text(limit) for limit, _setting in rows.values()]
    flags = {code: (_found_flags(setting["dibao"]) if "dibao" in setting else [])
             for code, (_limit, setting) in rows.items()}
    lines = [
        f"- 比例：{ctx.parameter('township_limit_ratio', scope='州定默认，县市可另定')}"
        + (f"；{'、'.join(county_set)}另有规定（表中标“县定”）" if county_set else "；没有县市另作规定"),
        f"- 基数：{last_day.isoformat() if last_day else '上一年 12 月 31 日'} 在用的城市低保年标准",
        f"- 乡镇（街道）审批额度：{yuan_range(limits, '元')}",
        f"- {_status_summary(ctx, flags)}",
        "",
    ]
    cells = {}
    for code, (limit, setting) in rows.items():
        if setting["basis"] == "fixed":
            cells[code] = f"{fen_to_yuan_text(limit)}（县定额度）"
        else:
            ratio_note = "（县定比例）" if setting["set_by"] == "county" else ""
            cells[code] = f"{fen_to_yuan_text(setting['dibao'].monthly)} → {fen_to_yuan_text(limit)}{ratio_note}"
    year = last_day.year if last_day else "上一"
    return lines + _table(ctx, "各县市的审批额度", f"{year} 年末城市低保（元/人·月）<br>→ 审批额度（元）",
                          cells, flags)


def _params_2_3(ctx: Context) -> list[str]:
    urban_annual = [fen_to_yuan_text(rules.urban_annual_standard(ctx.bundle, c, ctx.as_of))
                    for c in ctx.bundle.counties.values()]
    figs = list(ctx.figures.values())
    return [
        "- 年标准 = 月标准 × 12（城市标准按月公布）",
        f"- 城市低保年标准：{yuan_range(urban_annual, '元/人·年')}",
        f"- 农村低保年标准：{yuan_range([f['rural_annual'] for f in figs], '元/人·年')}",
        f"- 各县市的数值和来源见[各县市低保标准]({ctx.link(STANDARDS_INDEX)})，各项上限见 {ctx.clause('2-3-1')}。",
    ]


def _params_2_3_1(ctx: Context) -> list[str]:
    figs = list(ctx.figures.values())
    single = rules.parameter_int(ctx.bundle, "single_cap_multiple", ctx.as_of)
    total = rules.parameter_int(ctx.bundle, "year_total_multiple", ctx.as_of)
    flags = {code: _figure_flags(f, ("urban",)) for code, f in ctx.figures.items()}
    lines = [
        f"- 单次上限：城市低保年标准的 {ctx.parameter('single_cap_multiple')}",
        f"- 全年累计上限：城市低保年标准的 {ctx.parameter('year_total_multiple')}",
        f"- 城市低保标准：{yuan_range([f['urban_monthly'] for f in figs], MONTHLY)}",
        f"- 单次一般最多：{yuan_range([f['single_cap'] for f in figs], '元')}",
        f"- 全年累计最多：{yuan_range([f['year_total_cap'] for f in figs], '元')}",
        f"- {_status_summary(ctx, flags)}",
        "",
    ]
    cells = {code: f"{f['single_cap']} / {f['year_total_cap']}<br><small>城市低保 {f['urban_monthly']}</small>"
             for code, f in ctx.figures.items()}
    return lines + _table(ctx, "各县市的上限", f"单次 {single} 倍 / 全年 {total} 倍（元）", cells, flags)


def _params_2_3_2(ctx: Context) -> list[str]:
    figs = list(ctx.figures.values())
    return [
        f"- 较轻的：{ctx.parameter('light_emergency_max', '（含）以下')}",
        f"- 较重的：按 {ctx.clause('2-3-1')} 的单次上限，{yuan_range([f['single_cap'] for f in figs], '元')}",
        f"- 重大生活困难（一事一议）：不超过全年累计上限，{yuan_range([f['year_total_cap'] for f in figs], '元')}，"
        "减去本年已获的救助",
        f"- 各县市的数值见 {ctx.clause('2-3-1')} 的说明。",
    ]


def _params_2_4_1(ctx: Context) -> list[str]:
    return [f"- 可直接发放现金的金额：{ctx.parameter('cash_max', '（含）以下')}"]


def _params_2_4_3(ctx: Context) -> list[str]:
    return _params_none(ctx, f"本条不涉及金额。提示转介低保时用的低保标准见 {ctx.clause('2-1-2')} 的说明。")


NOTES: dict[str, Note] = {
    "2-1-1": Note(
        "因火灾、交通事故、溺水、人身伤害等意外事件，或家人突发重大疾病、遭遇其他特殊困难，基本生活暂时出现严重"
        "困难、需要立即救助的，是急难型救助对象。测算时选“突发事件”和事件类别；急难型**不看家庭收入**。",
        _params_2_1_1,
    ),
    "2-1-2": Note(
        "因医疗、教育等必需支出突然增加而困难的家庭是支出型救助对象：申请前 6 个月的家庭可支配收入，减去个人自付的"
        "医疗（重大疾病患者）、教育支出，除以 6 再除以家庭人口，得到月人均收入；**低于**本户执行的低保标准（城镇户看"
        "城市标准，农村户看农村标准）的，符合支出型的收入条件。",
        _params_2_1_2,
    ),
    "2-2": Note(
        "一个家庭每个自然年最多获得 2 次临时救助（本次算在内）；原则上一事一救，同一事由本年已获过救助的，不再"
        "救助。申请要向乡镇（街道）提出，经调查核实、公示后审批。申请人是低保家庭或特困人员的，审核时重点核实其生活"
        "必需支出。",
        _params_2_2,
    ),
    "2-2-1": Note(
        "急难型可以先救助、后补手续：乡镇（街道）或县级民政部门可直接受理、直接审批、先行救助，视情简化家庭经济"
        "状况核对、民主评议和公示；急难缓解后登记救助对象、事由、金额，补齐签字、盖章。测算结果的“办理步骤”按此"
        "列出。",
        _params_2_2_1,
    ),
    "2-2-2": Note(
        "支出型按申请、受理、审核、审批、公示的程序办理（各环节的具体要求见[相关文件]({related})中的红政发〔2015〕"
        "68号）。测算结果的“办理步骤”按 2-2 的顺序列出：调查核实、公示之后审批，审批一步写明乡镇（街道）和县级"
        "民政部门的分工（2-2-3）。",
        lambda ctx: _params_none(ctx, f"本条不涉及金额。审批额度见 {ctx.clause('2-2-3')}。"),
    ),
    "2-2-3": Note(
        "拟救助金额不超过乡镇（街道）审批额度的，由乡镇（街道）审批；超过的，报县级民政部门审批。额度 = 上一年"
        "城市低保年标准 × 50%。",
        _params_2_2_3,
    ),
    "2-3": Note(
        "救助金额的上限以“低保年标准”为基数：年标准 = 月标准 × 12。测算给出的是上限，不是应得的金额。",
        _params_2_3,
    ),
    "2-3-1": Note(
        "支出型单次救助一般不超过当地城市低保年标准的 3 倍；特别困难的，按“一事一议”可以更高，但一年内同一家庭"
        "最多 2 次，累计不超过城市低保年标准的 6 倍。",
        _params_2_3_1,
    ),
    "2-3-2": Note(
        "急难型困难较轻的，及时给予 1000 元（含）以下；较重的，按支出型的上限（单次 3 倍、全年 6 倍）；火灾、交通"
        "事故、溺水、人身伤害等突发意外事件造成重大生活困难的，一事一议，可以更高，但全年累计仍不超过 6 倍。",
        _params_2_3_2,
    ),
    "2-4-1": Note(
        "救助金原则上直接打到救助对象的个人账户；特殊情况下、金额在 1000 元（含）以下的，可以直接发放现金，急难型"
        "也一样。",
        _params_2_4_1,
    ),
    "2-4-3": Note(
        "救助后仍有困难的，转介：符合低保或医疗、教育、住房、就业、司法、残疾人保障等专项救助条件的，转到相关部门"
        "并协助申请；需要社会帮扶的，转到慈善组织、社会工作服务机构、志愿者。",
        _params_2_4_3,
    ),
}


def note_markdown(ctx: Context, clause_id: str) -> list[str]:
    """The note for ``clause_id`` as Markdown lines (not indented): the rule, then each reading of the register that
    rests on the clause (its title, linked to its entry on 本站如何理解和计算, and its reading), the parameters and
    an example."""
    note, register = NOTES[clause_id], ctx.register
    ids = readings_of(clause_id, register)
    lines = [f'??? note annotation "{TITLE}（{"、".join(ids)}）"', ""]
    body = [f"**规则**：{_link_clauses(ctx, note.rule)}", "", "**为什么这样理解**（本站的[解读登记]"
            f"({ctx.link(interpretations.PAGE)})）：", ""]
    for rule in ids:
        entry = register[rule]
        target = ctx.link(f"{interpretations.PAGE}#{interpretations.anchor(rule)}")
        body += [f"[{rule}：{entry['title']}]({target})　{_link_clauses(ctx, entry['reading'].strip())}", ""]
    body += [f"**用到的参数**（按 {ctx.as_of.isoformat()} 在用的标准）：", ""]
    body += note.parameters(ctx) + [""]
    body += _example_lines(ctx, clause_id)
    lines += [("    " + line) if line else "" for line in body]
    return lines


_CLAUSE_REF = re.compile(r"(?<![\w\[#-])(\d-\d(?:-\d)?)(?![\w\]-]|\s*倍)")


def _link_clauses(ctx: Context, text: str) -> str:
    """Plain clause numbers in a sentence (``见 2-1-2``) become links to the clause."""
    text = text.replace("{related}", ctx.link("policy/related.md#hongzhengfa-2015-68"))
    return _CLAUSE_REF.sub(lambda m: ctx.clause(m.group(1)), text)


def expand(markdown: str, bundle: dict, as_of: dt.date, page_uri: str) -> str:
    """``markdown`` with every rule placeholder replaced (page_uri: the page's src path, e.g. policy/index.md).

    Raises :class:`UnknownRule` for a placeholder naming a clause without a note. Pages without placeholders are
    returned unchanged (and cost nothing).
    """
    if "rule:" not in markdown or not PLACEHOLDER.search(markdown):
        return markdown
    ctx = Context(Bundle.from_dict(bundle), as_of, page_uri)

    def replace(match: re.Match) -> str:
        clause_id = match.group("clause")
        if clause_id not in NOTES:
            raise UnknownRule(f"{page_uri}: <!-- rule: {clause_id} --> names no rule; known: {', '.join(NOTES)}")
        indent = match.group("indent")
        return "\n".join((indent + line) if line else "" for line in note_markdown(ctx, clause_id))

    return PLACEHOLDER.sub(replace, markdown)
