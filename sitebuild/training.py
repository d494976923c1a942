"""The 培训 section, generated at build time from the scenario files (``tests/scenarios/*.yaml``).

A *training case* is a scenario with the extra keys ``anchor``, ``chapter``, ``story`` and ``question`` (and,
optionally, ``self_check``); see the head of ``tests/scenarios/training.yaml``. Every training case is also a
test (tests/test_scenarios.py, tests/test_pyodide_scenarios.py), so the case book and the calculator cannot
drift apart: at build time each case is run through :func:`calculator.assess.assess`, compared with the values
worked out by hand in the case (the same comparison the tests use, ``sitebuild/scenarios.py``), and the build
stops with :class:`TrainingCaseError` naming every case that disagrees.

Pages (``{src_uri: markdown}`` for the MkDocs hook ``hooks/site_assets.py``):

* ``training/index.md`` — how to use the cases, the chapters, the indexes;
* ``training/<slug>.md`` — one page per chapter: each case's story, a "先想一想" prompt and, behind a
  ``<details>`` reveal (no JavaScript needed), the answer: the hand-worked arithmetic from ``expect`` and the
  calculator's own reasons, procedure, payment, referrals and warnings, each with its clause link; then a short
  self-check (``docs/assets/training.js`` checks typed answers in the page; without JavaScript the answers are
  still behind ``<details>``);
* ``training/by-rule.md``, ``training/by-clause.md`` — which cases teach each reading of the interpretation
  register (policy/interpretations.yaml) and each clause;
* ``training/casebook.md`` — every case on one page, for printing (``docs/assets/training.css`` prints the
  answers open).

Links to the policy text are Markdown links ``../policy/index.md#2-3-1`` (relative to ``training/``), so MkDocs
checks every one of them in a strict build. The only raw-HTML link is the one that opens a case in the 测算
page: its fragment (``#county=…``) is not an anchor MkDocs could check.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from urllib.parse import urlencode

from calculator.application import InputError
from calculator.assess import assess
from calculator.standards import Bundle
from calculator.vocabulary import APPROVAL_LEVELS, CAUSE_NAMES, RESIDENCE_NAMES, SEVERITY_NAMES, TYPE_NAMES
from sitebuild import interpretations, scenarios
from sitebuild.markdown_text import html_text, markdown_prose

try:  # a BuildError is reported by ``mkdocs build`` as a clean error message, without a traceback
    from mkdocs.exceptions import BuildError as _BuildError
except ImportError:  # pragma: no cover - mkdocs is always installed where the site is built
    _BuildError = RuntimeError

ROOT = Path(__file__).resolve().parent.parent
POLICY_SOURCE = ROOT / "docs" / "policy" / "index.md"
POLICY = "../policy/index.md"
# Raw HTML link from a page at training/<slug>.md, built as training/<slug>/index.html (use_directory_urls).
CALCULATOR_URL = "../../calculator/"
ANCHOR_RE = re.compile(r"[a-z][a-z0-9-]*")


class TrainingCaseError(_BuildError):
    """A training case is malformed or disagrees with the calculator; the message names every such case."""


@dataclass(frozen=True)
class Chapter:
    name: str
    slug: str
    teaches: str
    clauses: tuple[str, ...]


CHAPTERS = (
    Chapter(
        "支出型救助",
        "expenditure",
        "支出型救助的条件：要有个人自付的医疗、教育支出（没有的不属于支出型），6个月家庭可支配收入扣除这些支出后的"
        "月人均，必须“低于”当地低保标准；哪些支出可以扣除（医疗只算重大疾病患者的）；单次救助一般不超过城市低保年"
        "标准的3倍。",
        ("2-1-2", "2-3-1"),
    ),
    Chapter(
        "急难型救助",
        "emergency",
        "急难型救助不设收入条件；困难程度较轻、较重、重大（一事一议）和尚未认定时的上限；先行救助、事后补办手续。",
        ("2-1-1", "2-2-1", "2-3-2"),
    ),
    Chapter(
        "次数与累计上限",
        "limits",
        "一个家庭每个日历年最多2次、一事一救；全年累计不超过城市低保年标准的6倍，已获救助从剩余额度中扣除；"
        "特别困难的一事一议。",
        ("2-2", "2-3-1"),
    ),
    Chapter(
        "审批与发放",
        "approval-payment",
        "乡镇（街道）审批额度是上一年末城市低保年标准的50%，超过的报县级民政部门审批；救助金原则上发到个人账户，"
        "特殊情况且1000元（含）以下才可发现金；支出型救助的办理程序。",
        ("2-2-3", "2-2-2", "2-4-1"),
    ),
    Chapter(
        "日期与标准",
        "dates-standards",
        "申请日期决定用哪一个标准：标准调整当天起用新标准，审批额度却看上一年12月31日；大多数县市按省级指导标准"
        "（本县标准未核实），蒙自市、弥勒市、建水县有本县市录入的标准。",
        ("2-3", "2-2-3"),
    ),
    Chapter(
        "转介与特殊家庭",
        "referrals",
        "救助之后还要做什么：转介低保、医疗、教育、住房、司法救助和慈善组织、社会工作服务机构；"
        "低保家庭和特困人员重点核实生活必需支出。",
        ("2-4-3", "2-2"),
    ),
)
CHAPTER_BY_NAME = {c.name: c for c in CHAPTERS}

def rules_index() -> dict[str, tuple[str, str]]:
    """``{rule id: (first clause, title)}`` from the interpretation register (``policy/interpretations.yaml``):
    the by-rule index lists every reading there, in its order."""
    return {rule: ((entry["clauses"] or [""])[0], entry["title"])
            for rule, entry in interpretations.load_register().items()}

CLAUSE_TITLES = {
    "2-1-1": "急难型救助对象",
    "2-1-2": "支出型救助对象（收入条件、可扣除的支出）",
    "2-2": "审核审批：每年次数、一事一救、重点核实",
    "2-2-1": "急难型救助审核审批程序（先行救助）",
    "2-2-2": "支出型救助审核审批程序",
    "2-2-3": "乡镇（街道）临时救助金审批额度",
    "2-3": "科学制定救助标准（城乡统筹）",
    "2-3-1": "支出型救助标准（3倍、一事一议、6倍）",
    "2-3-2": "急难型救助标准（1000元、参照支出型、一事一议）",
    "2-4-1": "发放临时救助金（个人账户、现金）",
    "2-4-2": "发放实物",
    "2-4-3": "提供转介服务",
}

# Clauses no case can teach, with the reason (shown in the by-clause index instead of a list of cases).
CLAUSE_WITHOUT_CASES = {
    "2-4-2": "实物救助（衣物、食品、临时住所、心理干预等）不涉及金额计算，测算不包括它，所以没有案例；"
    "急难型案例的转介建议中提到临时住所。",
}

LABELS = {
    "eligible": "是否符合条件",
    "type": "救助类型",
    "type_name": "救助类型",
    "county": "县市",
    "emergency_cause": "急难事由",
    "severity": "困难程度",
    "per_capita_monthly_income": "扣除自付支出后的月人均可支配收入",
    "dibao_standard_monthly": "适用的低保标准（每人每月）",
    "urban_dibao_standard_annual": "城市低保年标准",
    "single_cap": "本次一般最高额",
    "case_by_case": "按一事一议",
    "case_by_case_max": "一事一议本次最高额",
    "year_total_cap": "全年累计上限",
    "year_remaining": "本年剩余额度",
    "times_remaining": "本年还可救助次数（含本次）",
    "same_event": "同一事由已获救助",
    "qualifying_income_6m_max": "符合收入条件的6个月收入最高为",
    "qualifying_self_paid_6m_min": "符合收入条件的自付支出最低为",
    "township_limit": "乡镇（街道）审批额度",
    "amount": "拟救助金额",
    "amount_within_cap": "拟救助金额在本次最高额以内",
    "approval_level": "审批",
    "cash_allowed": "可直接发放现金",
    "payment_mode": "发放方式",
    "referrals": "转介",
    "warnings": "提示",
    "reason_rules": "说明涉及的规则",
    "procedure_mentions": "办理程序包括",
    "reasons_mention": "说明中写明",
    "warnings_mention": "提示中写明",
    "standards_used": "所用标准",
}
APPROVAL = {level.value: level.action for level in APPROVAL_LEVELS}
PAYMENT = {"personal_account": "支付到个人账户（社会化发放）"}
WARNING_KINDS = {
    "province_floor": "按省级指导标准（本县市标准未核实）",
    "unverified": "所用标准的来源未完全核实",
    "old": "标准可能已过时",
    "effective_inferred": "所用标准的生效日期是推定的",
    "policy_update": "2019年以后的新文件（本站尚未据此计算）",
}
SET_BY = {"county": "县市录入", "province": "省级指导标准", "prefecture": "州级参数"}
STATUS = {"verified": "已核实", "unverified": "未核实"}
NUMERALS = dict(enumerate("零一两三四五六七八九十", start=0))  # 两口之家
CHAPTER_NUMERALS = dict(enumerate("一二三四五六七八九十", start=1))  # 第二章

# Self-check answers: which kinds of expected value can be typed in and checked in the page.
QUIZ_YES_NO = {"eligible", "cash_allowed", "case_by_case", "same_event", "amount_within_cap"}
QUIZ_COUNT = {"times_remaining"}
QUIZ_CHOICE = {"approval_level": APPROVAL}


# -- the cases -------------------------------------------------------------------------------------------------


def load_training_cases() -> list[dict]:
    """Every training case (a scenario with a ``chapter``) of every scenario file, in file order."""
    return [case for case in scenarios.load_scenarios() if "chapter" in case]


def policy_anchors() -> set[str]:
    """The anchor ids of the policy page (``{#2-3}`` headings and ``{: #2-3-1 .clause }`` paragraphs)."""
    text = POLICY_SOURCE.read_text(encoding="utf-8")
    return set(re.findall(r"\{:?\s*#([\w-]+)", text))


def case_rules(case: dict) -> list[str]:
    """The interpretation ids a case names in the parenthesis that ends its name: ``（第2-2条，I5、I6）``."""
    found = re.search(r"（([^（）]*)）\s*$", case["name"])
    ids = re.findall(r"I(\d{1,2})", found.group(1)) if found else []
    return sorted({f"I{n}" for n in ids}, key=lambda r: int(r[1:]))


@dataclass
class TrainingCase:
    """A training case, its number in the section, and the calculator's result on its input."""

    case: dict
    number: int
    chapter: Chapter
    result: dict

    @property
    def anchor(self) -> str:
        return self.case["anchor"]

    @property
    def rules(self) -> list[str]:
        return case_rules(self.case)

    @property
    def severity(self) -> str | None:
        return self.result.get("severity") if self.result["type"] == "emergency" else None

    def link(self) -> str:
        """Relative Markdown link target of the case from a page in ``training/``."""
        return f"{self.chapter.slug}.md#{self.anchor}"


def _structure_errors(cases: list[dict], anchors: set[str]) -> list[str]:
    errors = []
    seen: dict[str, str] = {}
    for case in cases:
        where = f"〔{case.get('file')}〕{case.get('name')}"
        anchor = case.get("anchor")
        if not isinstance(anchor, str) or not ANCHOR_RE.fullmatch(anchor):
            errors.append(f"{where}：anchor 应为小写字母开头、只含小写字母、数字和“-”的锚点，现为 {anchor!r}")
        elif anchor in seen:
            errors.append(f"{where}：anchor {anchor!r} 与“{seen[anchor]}”重复")
        else:
            seen[anchor] = case["name"]
        if case.get("chapter") not in CHAPTER_BY_NAME:
            errors.append(f"{where}：chapter {case.get('chapter')!r} 不是已有的章（{'、'.join(CHAPTER_BY_NAME)}）")
        for key in ("story", "question"):
            if not isinstance(case.get(key), str) or not case[key].strip():
                errors.append(f"{where}：缺少 {key}（{'案情' if key == 'story' else '先想一想'}）")
        if "error" in case or "input" not in case or not case.get("expect"):
            errors.append(f"{where}：培训案例须是一份有效的申请（input）和手算的期望值（expect），不能是 error 案例")
        for clause in case.get("clauses") or []:
            if clause not in anchors:
                errors.append(f"{where}：条款 {clause!r} 在政策原文页面（docs/policy/index.md）中没有锚点")
        if not case.get("clauses"):
            errors.append(f"{where}：clauses 为空")
        if not case_rules(case):
            errors.append(f"{where}：案例名称末尾的括号中应写明所讲的规则编号（如 I3，见 policy/interpretations.yaml）")
        for i, item in enumerate(case.get("self_check") or []):
            field = item.get("field") if isinstance(item, dict) else None
            if field not in (case.get("expect") or {}):
                errors.append(f"{where}：self_check[{i}] 的 field {field!r} 不在 expect 中（自测答案必须是手算值）")
            elif not _quiz_kind(field, case["expect"][field]):
                kinds = "是否、金额、次数、审批"
                errors.append(f"{where}：self_check[{i}] 的 field {field!r} 不能作自测题（只支持{kinds}）")
            if not isinstance(item, dict) or not str(item.get("ask") or "").strip():
                errors.append(f"{where}：self_check[{i}] 缺少 ask（题目）")
    return errors


def _run(case: dict, bundle: Bundle) -> dict:
    try:
        return assess(case["input"], bundle)
    except InputError as exc:
        return exc.as_dict()


def checked_cases(bundle_data: dict) -> list[TrainingCase]:
    """The training cases in section order, each run through the calculator and checked against its hand-worked
    values. Raises :class:`TrainingCaseError` naming every malformed or disagreeing case."""
    cases = load_training_cases()
    errors = _structure_errors(cases, policy_anchors())
    if errors:
        raise TrainingCaseError("培训案例写法有误，网站未构建：\n" + "\n".join(f"  - {e}" for e in errors))
    bundle = Bundle.from_dict(bundle_data)
    order = {c.name: i for i, c in enumerate(CHAPTERS)}
    cases = sorted(cases, key=lambda c: order[c["chapter"]])  # stable: file order within a chapter
    out, errors = [], []
    for number, case in enumerate(cases, start=1):
        result = _run(case, bundle)
        problems = scenarios.mismatches(case, result)
        if problems:
            errors.append(
                f"〔{case['file']}，anchor {case['anchor']}〕{case['name']}\n"
                + "\n".join(f"      {p}" for p in problems)
            )
        out.append(TrainingCase(case, number, CHAPTER_BY_NAME[case["chapter"]], result))
    if errors:
        raise TrainingCaseError(
            "培训案例中手算的期望值与计算器的结果不一致，网站未构建。请核对案例的算式，或检查计算器的规则是否改变：\n"
            + "\n".join(f"  - {e}" for e in errors)
        )
    return out


# -- text helpers ------------------------------------------------------------------------------------------------

_CJK_PUNCT = "。，、；：！？（）“”《》〔〕"
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"


def prose_text(text: object) -> str:
    """A text written in a case (story, question, name) for Markdown: folded YAML joins its lines with a space,
    which is dropped next to CJK characters and punctuation; then as :func:`markdown_prose`."""
    out = re.sub(r"\s+", " ", str(text)).strip()
    return markdown_prose(re.sub(rf"(?<=[{_CJK}]) (?=[{_CJK}])|(?<=[{_CJK_PUNCT}]) | (?=[{_CJK_PUNCT}])", "", out))


def _indent(lines: list[str], spaces: int = 4) -> list[str]:
    pad = " " * spaces
    return [pad + line if line else "" for line in lines]


def clause_link(clause: str, rule: str | None = None) -> str:
    """A Markdown link to ``clause`` of the policy text (``第2-3-1条``, with the reading's id when given)."""
    label = f"第{clause}条" + (f" · {rule}" if rule else "")
    return f"[{label}]({POLICY}#{clause}){{.tc-cite}}"


def _pretty(expression: str) -> str:
    """``(9000 - 3000) / 6 / 4`` → ``(9000 − 3000) ÷ 6 ÷ 4``."""
    text = re.sub(r"\s+", " ", expression.strip())
    text = re.sub(r"\s*\*\s*", " × ", text)
    text = re.sub(r"\s*/\s*", " ÷ ", text)
    text = re.sub(r"(?<=[\d)])\s*-\s*", " − ", text)
    text = re.sub(r"\s*\+\s*", " + ", text)
    return re.sub(r"\s*,\s*", ", ", text)


def _exact_digits(value: Fraction, places: int = 6) -> str:
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole = value.numerator // value.denominator
    rest = value - whole
    digits = ""
    for _ in range(places):
        rest *= 10
        digit = rest.numerator // rest.denominator
        digits += str(digit)
        rest -= digit
    return f"{sign}{whole}.{digits}…"


def _arithmetic_parts(expression: object) -> tuple[str | None, str, str]:
    """(the sum as written, the result, a note) for an expected money value."""
    text = str(expression).strip()
    shown = f"{scenarios.money(text)} 元"
    if re.fullmatch(r"-?\d+(\.\d+)?", text):
        return None, shown, ""
    exact = scenarios.evaluate_expression(ast.parse(text, mode="eval"))
    note = "" if (exact * 100).denominator == 1 else f"（精确值 {_exact_digits(exact)}，比较时不先取整）"
    return _pretty(text), shown, note


def arithmetic(expression: object) -> str:
    """An expected money value as plain text: ``3 × 744 × 12 = 26784.00 元``; a value that is not a whole fen
    also shows its exact digits, because comparisons use the exact value."""
    sum_text, shown, note = _arithmetic_parts(expression)
    return (f"{sum_text} = " if sum_text else "") + shown + note


def arithmetic_md(expression: object) -> str:
    """The same as Markdown, the result in bold: ``3 × 744 × 12 = **26784.00 元**``."""
    sum_text, shown, note = _arithmetic_parts(expression)
    return (
        (f"{markdown_prose(sum_text)} = " if sum_text else "") + f"**{markdown_prose(shown)}**" + markdown_prose(note)
    )


def _yes_no(value: object) -> str:
    return "是" if value else "否"


def _expected_value(key: str, value: object) -> str:
    """One expected value, in Chinese, as Markdown (escaped)."""
    if key in scenarios.MONEY_FIELDS:
        return "不适用" if value is None else arithmetic_md(value)
    if isinstance(value, bool):
        return _yes_no(value)
    if key == "type":
        return markdown_prose(TYPE_NAMES.get(value, value))
    if key == "severity":
        return markdown_prose(SEVERITY_NAMES.get(value, "尚未认定") if value else "尚未认定")
    if key == "emergency_cause":
        return markdown_prose(CAUSE_NAMES.get(value, value))
    if key == "approval_level":
        return markdown_prose(APPROVAL.get(value, value))
    if key == "payment_mode":
        return markdown_prose(PAYMENT.get(value, value))
    if key == "times_remaining":
        return f"{value} 次"
    if key == "referrals":
        return markdown_prose("、".join(value)) if value else "无"
    if key == "warnings":
        return markdown_prose("；".join(WARNING_KINDS.get(k, k) for k in value)) if value else "无"
    if key == "reason_rules":
        return markdown_prose("、".join(value))
    if key in ("procedure_mentions", "reasons_mention", "warnings_mention"):
        items = [value] if isinstance(value, str) else value
        return "、".join(f"“{markdown_prose(v)}”" for v in items)
    if key == "standards_used":
        parts = []
        for entry in value:
            text = f"{entry.get('name', '')} {entry.get('value', '')}"
            extra = []
            if "effective" in entry:
                extra.append(f"{entry['effective']} 起")
            if "set_by" in entry:
                extra.append(SET_BY.get(entry["set_by"], entry["set_by"]))
            if "status" in entry:
                extra.append(STATUS.get(entry["status"], entry["status"]))
            parts.append(text + (f"（{'，'.join(extra)}）" if extra else ""))
        return markdown_prose("；".join(parts))
    if isinstance(value, dict):
        return markdown_prose(value.get("name") or value)
    return markdown_prose(value)


def _household(size: int) -> str:
    return "单人户" if size == 1 else f"{NUMERALS.get(size, size)}口之家"


def case_title(tc: TrainingCase) -> str:
    r = tc.result
    who = f"{RESIDENCE_NAMES[r['residence']]}{_household(r['household_size'])}"
    return f"案例 {tc.number}　{r['county']['name']} · {who} · {r['type_name']} · {r['date']}"


# -- one case ----------------------------------------------------------------------------------------------------


def _input_lines(tc: TrainingCase) -> list[str]:
    data, r = tc.case["input"], tc.result
    out = [
        f"- 县市：{markdown_prose(r['county']['name'])}",
        f"- 申请日期：{markdown_prose(data['date'])}",
        f"- 居住地：{RESIDENCE_NAMES[r['residence']]}",
        f"- 家庭人口：{r['household_size']} 人",
        "- 救助类型："
        + (
            markdown_prose(TYPE_NAMES[data["type"]])
            if data.get("type")
            else f"未选（填了急难事由，按{markdown_prose(r['type_name'])}）"
        ),
    ]
    if data.get("emergency_cause"):
        out.append(f"- 急难事由：{markdown_prose(CAUSE_NAMES[data['emergency_cause']])}")
    if r["type"] == "emergency":
        out.append(
            f"- 困难程度：{markdown_prose(SEVERITY_NAMES[data['severity']]) if data.get('severity') else '尚未认定'}"
        )
    if data.get("special_difficulty"):
        out.append("- 特别困难（一事一议）：是")
    money_fields = (
        ("income_6m", "申请前6个月家庭可支配收入"),
        ("medical_self_paid_6m", "6个月个人自付医疗费用"),
        ("education_self_paid_6m", "6个月个人自付教育费用（学费、住宿费）"),
    )
    for key, label in money_fields:
        if data.get(key) is not None:
            out.append(f"- {label}：{markdown_prose(data[key])} 元")
    if data.get("is_dibao"):
        out.append("- 低保家庭：是")
    if data.get("is_tekun"):
        out.append("- 特困人员：是")
    if data.get("event"):
        out.append(f"- 本次事由：{markdown_prose(data['event'])}")
    for p in data.get("prior_assistance") or []:
        out.append(
            f"- 此前已获救助：{markdown_prose(p['date'])}　{markdown_prose(p['amount'])} 元"
            f"（{markdown_prose(p.get('event') or '事由未填')}）"
        )
    if data.get("amount") is not None:
        out.append(f"- 拟救助金额：{markdown_prose(data['amount'])} 元")
    return out


def calculator_fragment(case: dict, result: dict) -> str:
    """The 测算 page's saved-answers fragment (docs/assets/calc/page.js ``toFragment``) for the case's input."""
    pairs = []
    for key, value in case["input"].items():
        if value is None or value is False:
            continue
        if key == "prior_assistance":
            for p in value:
                pairs.append(("prior", "~".join(str(p.get(k) or "") for k in ("date", "amount", "event"))))
        elif key == "county":
            pairs.append(("county", result["county"]["code"]))
        else:
            pairs.append((key, "1" if value is True else str(value)))
    if "type" not in case["input"]:
        pairs.insert(4, ("type", result["type"]))
    return "#" + urlencode(pairs)


def _answer_lines(tc: TrainingCase) -> list[str]:
    r, case = tc.result, tc.case
    lines = [f"**结论**：{prose_text(case['name'])}", ""]
    lines += ["**录入测算的数据**", ""] + _input_lines(tc) + [""]
    lines += ["**手算**（案例中写下的算式，构建网站时已与计算器核对一致）", ""]
    for key, value in (case.get("expect") or {}).items():
        lines.append(f"- {LABELS.get(key, markdown_prose(key))}：{_expected_value(key, value)}")
    lines += ["", "**计算器的逐条说明**（构建网站时由计算器对本案例算出）", ""]
    for i, reason in enumerate(r["reasons"], start=1):
        lines.append(f"{i}. {markdown_prose(reason['text'])} {clause_link(reason['clause'], reason['rule'])}")
    lines += ["", f"**办理程序**（{markdown_prose(r['type_name'])}）", ""]
    for i, step in enumerate(r["procedure"], start=1):
        lines.append(f"{i}. {markdown_prose(step['step'])} {clause_link(step['clause'])}")
    lines += ["", f"**发放方式**：{markdown_prose(r['payment']['text'])} {clause_link(r['payment']['clause'])}", ""]
    lines += ["**转介建议**", ""]
    if r["referrals"]:
        lines += [
            f"- **{markdown_prose(x['scheme'])}**：{markdown_prose(x['why'])} {clause_link(x['clause'])}"
            for x in r["referrals"]
        ]
    else:
        lines.append("- 本案例的情况没有需要转介的专项救助线索。")
    lines += ["", "**提示**", ""]
    if r["warnings"]:
        lines += [f"- {markdown_prose(w['text'])}" for w in r["warnings"]]
    else:
        lines.append("- 无：所用标准都是本县市录入并已核实的数。")
    lines += ["", '??? info "所用标准与参数（来源）"', ""]
    used = []
    for u in r["standards_used"]:
        status = STATUS.get(u["status"], u["status"])
        unit = "" if u["unit"] == "比例" else f" {markdown_prose(u['unit'])}"
        used.append(
            f"- {markdown_prose(u['name'])}：{markdown_prose(u['value'])}{unit}（{markdown_prose(u['effective'])} 起，"
            f"{SET_BY.get(u['set_by'], u['set_by'])}，{status}；用于{markdown_prose(u['used_for'])}；"
            f"来源：{markdown_prose(u['source'].get('document', ''))}）"
        )
    lines += _indent(used) + [""]
    href = html_text(CALCULATOR_URL + calculator_fragment(case, r))
    lines.append(f'<a class="tc-try" href="{href}">在“救助测算”页面打开这个案例</a>')
    return lines


def case_markdown(tc: TrainingCase, level: int = 2) -> str:
    """One case: heading with its anchor, story, the 先想一想 prompt, and the answer behind a reveal."""
    case = tc.case
    clauses = " ".join(clause_link(c) for c in case["clauses"])
    lines = [
        f"{'#' * level} {case_title(tc)} {{#{tc.anchor} .tc-case-title}}",
        "",
        f"{markdown_prose(tc.chapter.name)} · 规则 {'、'.join(tc.rules)} · 条款 {clauses}",
        "{: .tc-meta }",
        "",
        f"**案情**　{prose_text(case['story'])}",
        "{: .tc-story }",
        "",
        '!!! question "先想一想"',
        "",
        f"    {prose_text(case['question'])}",
        "",
        '??? success "答案与计算步骤"',
        "",
    ]
    lines += _indent(_answer_lines(tc))
    return "\n".join(lines) + "\n"


# -- self-check --------------------------------------------------------------------------------------------------


def _quiz_kind(field: str, value: object) -> str | None:
    if field in QUIZ_YES_NO and isinstance(value, bool):
        return "yesno"
    if field in QUIZ_COUNT and isinstance(value, int) and not isinstance(value, bool):
        return "count"
    if field in QUIZ_CHOICE and value in QUIZ_CHOICE[field]:
        return "choice"
    if field in scenarios.MONEY_FIELDS and value is not None:
        return "money"
    return None


def quiz_items(cases: list[TrainingCase]) -> list[dict]:
    """The self-check questions of these cases: ``{case, ask, field, kind, answer, shown}`` (answer as stored in
    ``data-answer``; shown as the answer is written)."""
    items = []
    for tc in cases:
        for entry in tc.case.get("self_check") or []:
            field = entry["field"]
            value = tc.case["expect"][field]
            kind = _quiz_kind(field, value)
            if kind == "money":
                answer = scenarios.money(value)
                shown = f"{answer} 元"
            elif kind == "yesno":
                answer, shown = ("yes", "是") if value else ("no", "否")
            elif kind == "choice":
                answer, shown = value, QUIZ_CHOICE[field][value]
            else:
                answer, shown = str(value), f"{value} 次"
            items.append(
                {
                    "case": tc,
                    "ask": entry["ask"],
                    "field": field,
                    "kind": kind,
                    "answer": answer,
                    "shown": shown,
                    "expression": value,
                }
            )
    return items


def _quiz_markdown(cases: list[TrainingCase], slug: str) -> str:
    """The chapter's self-check section (questions, answer inputs, the answers' key). Longer than 60 lines on
    purpose: it is the section's template, top to bottom."""
    items = quiz_items(cases)
    if not items:
        return ""
    lines = [
        "## 本章自测 {#self-check}",
        "",
        "答案就是本章案例的结果。输入答案后点“核对”：只在本页比较，不发送到任何地方。"
        "页面不能运行脚本时，展开每题下面的“看答案”即可。",
        "{: .tc-note }",
        "",
    ]
    for i, item in enumerate(items, start=1):
        tc, qid = item["case"], f"q-{slug}-{i}"
        lines += [
            f'<div class="tc-quiz" id="{qid}" data-kind="{item["kind"]}" data-answer="{html_text(item["answer"])}" '
            'markdown="1">',
            "",
            f"**第 {i} 题**　[案例 {tc.number}](#{tc.anchor})：{prose_text(item['ask'])}",
            "{: .tc-quiz-q }",
            "",
            '<div class="tc-quiz-form" hidden>',
        ]
        if item["kind"] in ("money", "count"):
            unit = "元" if item["kind"] == "money" else "次"
            lines += [
                f'<label class="tc-quiz-label" for="{qid}-input">你的答案（{unit}）</label>',
                f'<input class="tc-quiz-input" id="{qid}-input" type="text" '
                f'inputmode="{"decimal" if unit == "元" else "numeric"}" autocomplete="off" spellcheck="false">',
            ]
        else:
            if item["kind"] == "yesno":
                options = [("yes", "是"), ("no", "否")]
            else:
                options = list(QUIZ_CHOICE[item["field"]].items())
            lines.append('<fieldset class="tc-quiz-choices"><legend>你的答案</legend>')
            lines += [
                f'<label><input type="radio" name="{qid}-choice" value="{html_text(v)}"> {html_text(label)}</label>'
                for v, label in options
            ]
            lines.append("</fieldset>")
        lines += [
            '<button type="button" class="md-button tc-quiz-check">核对</button>',
            '<span class="tc-quiz-verdict" role="status" aria-live="polite"></span>',
            "</div>",
            "",
            '??? note "看答案"',
            "",
        ]
        explain = f"**答案：{markdown_prose(item['shown'])}**"
        if item["kind"] == "money" and _arithmetic_parts(item["expression"])[0]:
            explain += f"　{markdown_prose(arithmetic(item['expression']))}"
        lines += [
            f"    {explain}",
            "",
            f"    {prose_text(tc.case['name'])}。完整的计算步骤见[案例 {tc.number}](#{tc.anchor})，"
            f"依据 {clause_link(tc.case['clauses'][0])}。",
            "",
            "</div>",
            "",
        ]
    return "\n".join(lines)


# -- pages -------------------------------------------------------------------------------------------------------


def _crumbs(current: str) -> str:
    parts = ["[培训案例](index.md)"] + [
        f"[{c.name}]({c.slug}.md)" if c.slug != current else f"**{c.name}**" for c in CHAPTERS
    ]
    return " · ".join(parts) + "\n{: .tc-crumbs }\n"


def chapter_page(chapter: Chapter, cases: list[TrainingCase]) -> str:
    mine = [tc for tc in cases if tc.chapter is chapter]
    clauses = "、".join(clause_link(c) for c in chapter.clauses)
    out = [
        f"# {chapter.name} {{#top}}",
        "",
        _crumbs(chapter.slug),
        f"本章学：{markdown_prose(chapter.teaches)} 主要条款：{clauses}。",
        "",
        f"本章 {len(mine)} 个案例。每个案例先读案情，按“先想一想”自己算一遍，再展开“答案与计算步骤”对照。"
        "计算步骤是网站构建时计算器对这个案例算出的，每一步都有算式和条款。",
        "",
    ]
    for tc in mine:
        out.append(case_markdown(tc, 2))
    out.append(_quiz_markdown(mine, chapter.slug))
    return "\n".join(out).rstrip() + "\n"


def index_page(cases: list[TrainingCase]) -> str:
    rows = []
    for c in CHAPTERS:
        n = sum(1 for tc in cases if tc.chapter is c)
        rows.append(f"| [{c.name}]({c.slug}.md) | {markdown_prose(c.teaches)} | {n} |")
    return "\n".join(
        [
            "# 培训案例 {#top}",
            "",
            "供新入职的经办人员学习红河州临时救助实施方案（红民社救〔2019〕5号，[全文](../policy/index.md)）。"
            f"共 {len(cases)} 个案例，每个案例是一户虚构的红河州家庭：人口、收入和费用都是县里常见的数，"
            "人物和细节都是编的，不涉及任何真实的人。",
            "",
            '!!! info "案例、测试和计算器用的是同一份材料"',
            "",
            "    每个案例只写一次（`tests/scenarios/training.yaml`），同时是自动测试。案例里的期望值是按政策手算的"
            "算式；网站构建时，[救助测算](../calculator/index.md)用的同一个计算器逐个重算，结果与手算不一致，"
            "网站就不能发布。所以这里的讲解和测算页面的结果不会互相矛盾。",
            "",
            "## 怎么用 {#how-to-use}",
            "",
            "1. 先读**案情**：谁、发生了什么、各项数字。",
            "2. 看**先想一想**，在纸上自己算：属于哪一类、符合不符合、最多多少、谁审批、怎么发、还要转介什么。",
            "3. 展开**答案与计算步骤**对照：先是案例中手算的算式，再是计算器的逐条说明，每一步都链接到政策原文的条款。",
            "4. 每章最后有**本章自测**：输入答案即可核对，只在本页比较，不发送到任何地方。",
            "5. 最后可以点“在‘救助测算’页面打开这个案例”，看同一户在测算页面上的结果。",
            "",
            "## 各章 {#chapters}",
            "",
            "| 章 | 学什么 | 案例数 |",
            "|---|---|---|",
            *rows,
            "",
            "## 索引和汇编 {#indexes}",
            "",
            f"- [按规则索引](by-rule.md)：本站对政策的 {len(rules_index())} 条解读（[本站如何理解和计算]"
            "(../policy/interpretations.md)），每条由哪些案例讲到。",
            "- [按条款索引](by-clause.md)：政策的每一条（如 2-3-1），由哪些案例讲到。",
            "- [案例汇编](casebook.md)：全部案例在一页上，适合打印成讲义（打印时答案自动展开）。",
            "- [台账核查练习](ledger.md)：一份约 20 行的年度台账，逐条讲解核查出的每一个问题。",
            "- 不熟悉的词见[术语](../glossary.md)。",
            "",
            "## 算式怎么读 {#notation}",
            "",
            "× 乘，÷ 除，− 减；min(a, b) 取两者中较小的一个。金额以元为单位，显示到分（四舍五入）；"
            "比较大小（如“低于低保标准”“不超过审批额度”）时用精确值，不先取整。"
            "条款编号“2-3-1”指第二部分第（三）节第1项。",
            "",
        ]
    )


def by_rule_page(cases: list[TrainingCase]) -> str:
    out = [
        "# 按规则索引 {#top}",
        "",
        _crumbs(""),
        "I1、I2 …… 是本站对实施方案的解读，每条的原文、理解和考虑过的其他理解见[本站如何理解和计算]"
        "(../policy/interpretations.md)。每个案例名称末尾的括号里写着它讲的规则；"
        "下面按规则列出案例。",
        "",
        "| 规则 | 内容 | 案例数 |",
        "|---|---|---|",
    ]
    rules = rules_index()
    by_rule = {rule: [tc for tc in cases if rule in tc.rules] for rule in rules}
    out += [
        f"| [{rule}](#{rule.lower()}) | {markdown_prose(text)} | {len(by_rule[rule])} |"
        for rule, (_, text) in rules.items()
    ]
    out.append("")
    for rule, (clause, text) in rules.items():
        register = f"../policy/interpretations.md#{interpretations.anchor(rule)}"
        where = f"条款：{clause_link(clause)}；" if clause else ""
        out += [f"## {rule}　{markdown_prose(text)} {{#{rule.lower()}}}", "",
                f"{where}本站的理解：[{rule}]({register})（本站如何理解和计算）", ""]
        listed = [f"- [案例 {tc.number}]({tc.link()})　{prose_text(tc.case['name'])}" for tc in by_rule[rule]]
        out += listed or ["- 暂无案例"]
        out.append("")
    return "\n".join(out)


def _clause_key(clause: str) -> tuple[int, ...]:
    return tuple(int(p) for p in clause.split("-"))


def by_clause_page(cases: list[TrainingCase]) -> str:
    cited = {c for tc in cases for c in tc.case["clauses"]}
    clauses = sorted(set(CLAUSE_TITLES) | cited, key=_clause_key)
    out = [
        "# 按条款索引 {#top}",
        "",
        _crumbs(""),
        "政策原文的每一条由哪些案例讲到（案例的 `clauses` 所列条款）。点条款编号看原文。",
        "",
    ]
    for clause in clauses:
        mine = [tc for tc in cases if clause in tc.case["clauses"]]
        title = CLAUSE_TITLES.get(clause, "")
        out += [f"## {clause}　{markdown_prose(title)} {{#clause-{clause}}}", "", f"原文：{clause_link(clause)}", ""]
        if mine:
            out += [f"- [案例 {tc.number}]({tc.link()})　{prose_text(tc.case['name'])}" for tc in mine]
        else:
            out.append(markdown_prose(CLAUSE_WITHOUT_CASES.get(clause, "暂无案例。")))
        out.append("")
    return "\n".join(out)


def casebook_page(cases: list[TrainingCase]) -> str:
    out = [
        "# 案例汇编 {#top}",
        "",
        _crumbs(""),
        f"全部 {len(cases)} 个培训案例在一页上，适合打印成讲义。屏幕上答案收起；打印时答案自动展开"
        "（浏览器菜单“打印”，或 Ctrl+P）。各章的自测题在各章页面上。",
        "{: .tc-note .tc-casebook-note }",
        "",
    ]
    for n, chapter in enumerate(CHAPTERS, start=1):
        mine = [tc for tc in cases if tc.chapter is chapter]
        out += [
            f"## 第{CHAPTER_NUMERALS.get(n, n)}章　{chapter.name} {{#ch-{chapter.slug} .tc-chapter-title}}",
            "",
            f"{markdown_prose(chapter.teaches)}",
            "{: .tc-meta }",
            "",
        ]
        out += [case_markdown(tc, 3) for tc in mine]
    return "\n".join(out)


def generated_pages(bundle: dict, as_of: dt.date | None = None) -> dict[str, str]:
    """``{src_uri: markdown}`` of the training pages.

    ``as_of`` is not used: every case carries its own application date. Raises :class:`TrainingCaseError` when a
    training case is malformed or its hand-worked values disagree with the calculator (the build stops).
    """
    cases = checked_cases(bundle)
    # The indexes and the case book repeat the chapter pages: left out of the search index, which every page
    # downloads (it would otherwise triple in size and compete with Python on the 测算 page).
    not_searched = "---\nsearch:\n  exclude: true\n---\n\n"
    pages = {
        "training/index.md": index_page(cases),
        "training/by-rule.md": not_searched + by_rule_page(cases),
        "training/by-clause.md": not_searched + by_clause_page(cases),
        "training/casebook.md": not_searched + casebook_page(cases),
    }
    for chapter in CHAPTERS:
        pages[f"training/{chapter.slug}.md"] = chapter_page(chapter, cases)
    return pages
