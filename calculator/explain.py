"""The words of a result: reasons, warnings, procedure, referrals and the payment text, written from an
:class:`calculator.assessment.Assessment`, and the result as plain Chinese text for a caseworker.

Nothing here decides a rule: every number comes from the assessment. Money is written in 元 with two decimals
(half-up, after every comparison was made exactly), with more places where two amounts a sentence compares would
otherwise look equal or the wrong way round (register I3). Each reason names its reading and takes the reading's
title and clause from the interpretation register (``policy/interpretations.yaml``, in the bundle).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from calculator.application import EMERGENCY, EXPENDITURE, Application
from calculator.assessment import Assessment
from calculator.dated import STALE_AFTER_MONTHS, add_months
from calculator.money import fen_to_yuan_text as yuan
from calculator.policy_updates import policy_update_warnings
from calculator.standards import DibaoInForce
from calculator.vocabulary import CAUSE_NAMES, LEVEL_NAMES, RESIDENCE_NAMES, STATUS_NAMES, TYPE_NAMES


def _reason(case: Assessment, rule: str, text: str) -> dict:
    """A reason stating reading ``rule``: its clause (the first of the entry's) and title from the register."""
    entry = case.register[rule]
    return {"rule": rule, "clause": entry["clauses"][0], "title": entry["title"], "text": text}


def _places(value: Fraction, places: int) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator) / 100
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def compared(a: Fraction | int, b: Fraction | int) -> tuple[str, str]:
    """Two amounts in fen as a sentence comparing them shows them (元): two decimals, or as many more as it takes
    for the displayed numbers to compare as the exact ones do (register I3: no sentence reads false as displayed);
    a number shown with more than two places and not exactly is marked 约."""
    a, b = Fraction(a), Fraction(b)
    for places in range(2, 13):
        da, db = _places(a, places), _places(b, places)
        if (da < db) == (a < b) and (da == db) == (a == b):
            break
    if places == 2:
        return yuan(a), yuan(b)
    return tuple(("" if Fraction(d) * 100 == v else "约 ") + str(d) for d, v in ((da, a), (db, b)))


def _equals(value: Fraction) -> str:
    """``= 250.00`` for a whole fen, else ``≈ 291.67``."""
    return ("= " if Fraction(value).denominator == 1 else "≈ ") + yuan(value)


def _dibao_phrase(found: DibaoInForce) -> str:
    origin = "省级指导标准（本县标准未核实）" if found.origin == "province_floor" else "本县市标准"
    if found.unit == "元/人·月":
        return f"{found.value.text} 元/人·月（{origin}，{found.value.effective.isoformat()} 起执行）"
    return f"{found.value.text} 元/人·年（{origin}，{found.value.effective.isoformat()} 起执行）"


def dibao_warnings(found: DibaoInForce, county_name: str, label: str, on) -> list[dict]:
    """Warnings on a dibao standard used on date ``on``: the provincial floor stands in for the county's own
    figure, the figure is unverified, or it is older than :data:`calculator.dated.STALE_AFTER_MONTHS` months."""
    out = []
    if found.origin == "province_floor":
        why = (
            "本县市自有标准尚未录入核实"
            if found.county_value is None
            else f"本县市录入的标准 {found.county_value.text} 低于同期省级指导标准，可能尚未更新"
        )
        out.append({
            "kind": "province_floor",
            "text": f"{county_name}{label}按省级指导标准 {found.value.text} {found.unit} 计算，"
                    f"本县标准未核实（{why}）。实际以县市民政部门公布的标准为准。",
        })
    elif found.value.status != "verified":
        out.append({
            "kind": "unverified",
            "text": f"{county_name}{label} {found.value.text} {found.unit} 的来源或生效日期尚未核实，"
                    "实际以县市民政部门公布的标准为准。",
        })
    if found.origin == "province_floor" and found.value.status != "verified":
        out.append({
            "kind": "unverified",
            "text": f"所用省级指导标准 {found.value.text} {found.unit} 的来源或生效日期尚未完全核实。",
        })
    if found.value.effective_basis == "inferred":
        whose = "所用省级指导标准" if found.origin == "province_floor" else f"{county_name}{label}"
        out.append({
            "kind": "effective_inferred",
            "text": f"{whose} {found.value.text} {found.unit} 的生效日期 {found.value.effective.isoformat()} "
                    f"按{found.value.effective_inferred_from}推定（来源未写明具体日期）。",
        })
    if add_months(found.value.effective, STALE_AFTER_MONTHS) < on:
        out.append({
            "kind": "old",
            "text": f"{label}的最新数值自 {found.value.effective.isoformat()} 起执行，距申请日期已超过 "
                    f"{STALE_AFTER_MONTHS} 个月，可能已有新标准。",
        })
    return out


def _standard_reasons(case: Assessment) -> list[dict]:
    """I1 (clause 2-3), I2 (clause 2-3-1)."""
    own, res_name = case.own, RESIDENCE_NAMES[case.app.residence]
    if own.unit == "元/人·年":
        monthly_text = (
            f"{res_name}低保标准为 {_dibao_phrase(own)}，折合每人每月 {own.value.text} ÷ 12 {_equals(own.monthly)} 元"
            + ("" if own.monthly.denominator == 1 else "（不是整分，比较时按精确值，不先取整）")
        )
    else:
        monthly_text = f"{res_name}低保标准为 {_dibao_phrase(own)}"
    return [
        _reason(case, "I1", f"申请日期 {case.on.isoformat()} 时，{case.county.name}{monthly_text}。"),
        _reason(case, "I2",
                f"救助上限按城乡统筹、就高不就低的原则，城乡申请人都以城市低保年标准计算："
                f"{case.urban.value.text} × 12 = {yuan(case.urban_annual)} 元/人·年。"),
    ]


def _frequency_reasons(case: Assessment) -> list[dict]:
    """I5 (clause 2-2): how many times are left this year; the same event."""
    times, prior = case.times_per_year, len(case.prior_year)
    out = [_reason(case, "I5",
        f"一个家庭每年接受临时救助一般不超过 {times} 次：{case.on.year} 年已获救助 {prior} 次，"
        f"本次在内还可 {times} − {prior} = {case.times_left} 次"
        + ("（已无剩余次数）。" if case.times_left == 0 else "。"),
    )]
    if case.same_event:
        out.append(_reason(
            case, "I5", f"事由“{case.app.event}”{case.on.year} 年已获临时救助。原则上一事一救，不得以同一事由反复申请，"
                  "本次不能再获救助。"
        ))
    return out


def _limited(cap: Fraction, remaining: Fraction) -> str:
    if remaining < cap:
        return f"；受全年剩余额度限制，本次最多 {yuan(remaining)} 元"
    return ""


def _expenditure_cap_reasons(case: Assessment) -> list[dict]:
    """I6 (clause 2-3-1): the single cap, and 一事一议 for special difficulty."""
    out = [_reason(case, "I6",
        f"支出型单次救助金额一般不高于城市低保年标准的 {case.single_multiple} 倍：{case.single_multiple} × "
        f"{yuan(case.urban_annual)} = {yuan(case.general)} 元" + _limited(case.general, case.remaining) + "。",
    )]
    if case.app.special_difficulty:
        out.append(_reason(case, "I6",
            f"特别困难的，可按“一事一议”适当提高，但全年累计不超过 {yuan(case.total_cap)} 元："
            f"本次最多 {yuan(case.caps.case_by_case)} 元。",
        ))
    return out


def _emergency_cap_reasons(case: Assessment) -> list[dict]:
    """I7 (clause 2-3-2): the lighter tier, or the expenditure-type caps, and 一事一议 for major hardship."""
    severity = case.app.severity
    if severity == "light":
        out = [_reason(case, "I7",
            f"急难型、困难程度较轻的，及时给予 {yuan(case.light_max)} 元（含）以下的救助"
            + _limited(Fraction(case.light_max), case.remaining) + "。",
        )]
    else:
        tier = "困难程度较重的" if severity == "heavy" else (
            "重大生活困难的" if severity == "major" else "困难程度尚未认定：较轻的给予 "
            f"{yuan(case.light_max)} 元（含）以下；较重的")
        out = [_reason(case, "I7",
            f"急难型{tier}参照支出型标准：单次一般不高于 {case.single_multiple} × {yuan(case.urban_annual)} = "
            f"{yuan(case.general)} 元" + _limited(case.general, case.remaining) + "。",
        )]
    if severity == "major":
        out.append(_reason(
            case, "I7",
            f"因{CAUSE_NAMES[case.app.emergency_cause]}造成重大生活困难的急难情况（突发意外事件），采取一事一议的方式"
            f"适当提高救助额度，全年累计仍不超过 {yuan(case.total_cap)} 元："
            f"本次最多 {yuan(case.caps.case_by_case)} 元。",
        ))
    return out


def _cap_reasons(case: Assessment) -> list[dict]:
    """I6 (clause 2-3-1): the yearly total and what remains; then the caps of the type (I6 or I7). Each starts
    with 符合条件时 when the household does not qualify."""
    out = [_reason(case, "I6",
        f"1 年内累计救助金额一般不高于城市低保年标准的 {case.year_multiple} 倍：{case.year_multiple} × "
        f"{yuan(case.urban_annual)} = {yuan(case.total_cap)} 元；{case.on.year} 年已获 {yuan(case.prior_sum)} 元，还可 "
        f"{yuan(case.total_cap)} − {yuan(case.prior_sum)} = {yuan(case.remaining)} 元。",
    )]
    out += _expenditure_cap_reasons(case) if case.app.type == EXPENDITURE else _emergency_cap_reasons(case)
    if not case.eligible:  # register I6: a cap is never read as a promise
        out = [{**x, "text": "符合条件时，" + x["text"]} for x in out]
    return out


def _means_reasons(case: Assessment) -> list[dict]:
    """I3, I4 (clause 2-1-2) for the expenditure type; I12 (clause 2-1-1: no income test) for the emergency type."""
    app, means = case.app, case.means
    if means is None:
        cause = CAUSE_NAMES[app.emergency_cause]
        return [_reason(
            case, "I12",
            f"急难型救助（{cause}）不设收入条件：是否因{cause}导致基本生活暂时出现严重困难、需要立即救助，"
            "由乡镇人民政府（街道办事处）调查核实。",
        )]
    res_name, standard = RESIDENCE_NAMES[app.residence], case.own.monthly
    shown, standard_shown = compared(means.per_capita, standard)
    if means.passes:
        verdict = f"低于{res_name}低保标准 {standard_shown} 元，符合支出型救助的收入条件。"
    elif means.below:
        verdict = f"低于{res_name}低保标准 {standard_shown} 元。"
    else:
        verdict = f"不低于{res_name}低保标准 {standard_shown} 元，不符合支出型救助的收入条件。"
    equals = "=" if means.per_capita.denominator == 1 and not shown.startswith("约") else "≈"
    out = [
        _reason(
            case, "I3",
            f"申请前 {means.months} 个月家庭可支配收入 {yuan(app.income_6m)} 元，扣除个人自付医疗 "
            f"{yuan(app.medical_self_paid_6m)} 元、教育 {yuan(app.education_self_paid_6m)} 元后，月人均 "
            f"({yuan(app.income_6m)} − {yuan(means.spend)}) ÷ {means.months} ÷ {app.household_size} {equals} "
            f"{shown} 元，" + verdict,
        ),
    ]
    if not means.spending:
        out.append(_reason(
            case, "I3",
            f"申请前 {means.months} 个月没有个人自付的医疗、教育支出。支出型救助的对象是“因教育、医疗等生活必需支出"
            "突然增加超出家庭承受能力”的家庭，没有这类支出的，不属于支出型救助对象。"
            + ("家庭收入低于低保标准的，可以申请最低生活保障；" if means.below else "")
            + "遭遇火灾、交通事故、溺水、人身伤害、家人突发重大疾病等突发事件的，可以按急难型申请临时救助。",
        ))
    out.append(_reason(
        case, "I4",
        "可扣除的教育支出只含学前、普通高中、全日制大中专院校教育（不含自费择校）的学费和住宿费；"
        "医疗支出只含重大疾病患者在扣除各种医疗保险报销、医疗救助和其他社会帮扶后确需发生的基本医疗费用"
        "（是否属于重大疾病由乡镇（街道）核实）。",
    ))
    if not means.passes:
        income_line = (f"按现有支出，{means.months} 个月家庭收入不超过 {yuan(means.income_max)} 元即符合收入条件；"
                       if means.spending else "")
        out.append(_reason(
            case, "I3",
            f"差多少：{income_line}按现有收入，个人自付医疗、教育支出合计至少 {yuan(means.spend_min)} 元即符合。",
        ))
    return out


def _exhausted_reasons(case: Assessment) -> list[dict]:
    """I5, I6: nothing left this calendar year."""
    out = []
    if case.times_left == 0:
        out.append(_reason(case, "I5", f"{case.on.year} 年已获救助 {len(case.prior_year)} 次，本年不能再获临时救助。"))
    if case.remaining == 0 and case.times_left > 0:
        out.append(_reason(case, "I6", f"{case.on.year} 年累计救助金额已达上限，本年不能再获临时救助。"))
    return out


def percent_text(ratio: Fraction) -> str:
    """A ratio as a percentage, exact: 1/2 → ``50%``, 0.555 → ``55.5%``."""
    pct = ratio * 100
    if pct.denominator == 1:
        return f"{pct.numerator}%"
    return f"{(Decimal(pct.numerator) / Decimal(pct.denominator)).normalize()}%"


def _township_reason(case: Assessment) -> dict:
    """I8 (clause 2-2-3): how the township's approval limit was set."""
    setting, limit = case.township, case.limit
    if setting["set_by"] == "prefecture":
        ratio = percent_text(setting["ratio"])
        return _reason(case, "I8",
            f"乡镇（街道）审批最高额度按上一年（{setting['last_day'].year} 年 12 月 31 日）城市低保年标准的 "
            f"{ratio} 确定：{ratio} × {setting['dibao'].value.text} × 12 = {yuan(limit)} 元；"
            "超过的报县级民政部门审批。",
        )
    text = (f"{case.county.name}规定乡镇（街道）审批最高额度为 {yuan(limit)} 元" if setting["basis"] == "fixed" else
            f"{case.county.name}规定乡镇（街道）审批最高额度按上一年城市低保年标准的 {percent_text(setting['ratio'])}："
            f"{percent_text(setting['ratio'])} × {setting['dibao'].value.text} × 12 = {yuan(limit)} 元")
    return _reason(case, "I8", text + "；超过的报县级民政部门审批。")


def _approval_reasons(case: Assessment) -> list[dict]:
    """I8 (clause 2-2-3), I9 (clause 2-4-1), and I6/I7 when the proposed amount is above what may be given. An
    amount that cannot be given is never worded as approved by anyone (register I6)."""
    approval = case.approval
    if approval is None:
        return []
    amount = yuan(approval.amount)
    cap_rule = "I6" if case.app.type == EXPENDITURE else "I7"
    if not case.eligible:
        return [_reason(case, "I8", f"不符合条件，拟救助 {amount} 元不能给予；符合条件时，乡镇（街道）审批额度为 "
                              f"{yuan(case.limit)} 元，超过的报县级民政部门审批。")]
    if not approval.within_cap:
        shown, top = compared(approval.amount, approval.top)
        return [_reason(case, cap_rule, f"拟救助 {shown} 元超过本次可给予的最高额 {top} 元，不能按此金额给予；"
                                  f"{top} 元以内的金额按乡镇（街道）审批额度 {yuan(case.limit)} 元确定由谁审批。")]
    shown, limit = compared(approval.amount, case.limit)
    cash_shown, cash_max = compared(approval.amount, case.cash_max)
    return [
        _reason(case, "I8", f"拟救助 {shown} 元" + (
            f"不超过乡镇（街道）审批额度 {limit} 元，由乡镇（街道）审批。"
            if approval.level == "township" else
            f"超过乡镇（街道）审批额度 {limit} 元，须报县级民政部门审批。")),
        _reason(case, "I9", f"临时救助金原则上直接支付到救助对象个人账户（社会化发放）。拟救助 {cash_shown} 元" + (
            f"不超过 {cash_max} 元，特殊情况可直接发放现金。" if approval.cash else
            f"超过 {cash_max} 元，不能发放现金，须支付到个人账户。")),
    ]


def reasons(case: Assessment) -> list[dict]:
    """Every reason of the result, in order: standards, times, caps, means test, what is left, approval."""
    out = _standard_reasons(case) + _frequency_reasons(case) + _cap_reasons(case) + _means_reasons(case)
    out += _exhausted_reasons(case) + [_township_reason(case)] + _approval_reasons(case)
    if case.app.is_dibao or case.app.is_tekun:
        who = "特困人员" if case.app.is_tekun else "最低生活保障家庭"
        out.append(_reason(case, "I13", f"申请人属{who}：可以申请临时救助，审核时重点核实其生活必需支出情况。"))
    return out


def _township_warnings(case: Assessment) -> list[dict]:
    """I8: the standard the township limit rests on (31 December of the year before) is the provincial floor or
    unverified, or the county's own rule is unverified: the same warning as for a standard."""
    setting = case.township
    if "dibao" in setting:
        label = f"乡镇（街道）审批额度所依据的 {setting['last_day'].year} 年末城市低保标准"
        return [w for w in dibao_warnings(setting["dibao"], case.county.name, label, setting["last_day"])
                if w["kind"] != "old"]
    if setting["entry"].get("status") != "verified":
        return [{"kind": "unverified", "text": f"{case.county.name}规定的乡镇（街道）审批额度 {yuan(case.limit)} 元"
                                               "的来源或生效日期尚未核实，实际以县市民政部门的规定为准。"}]
    return []


def warnings(case: Assessment) -> list[dict]:
    """Warnings on the standards used: the residence's standard, then (for a rural household) the urban one, then
    the township limit's (I8); the same event assisted in an earlier year (I5); then the ``policy_update`` warnings
    of later documents (:mod:`calculator.policy_updates`, additions only)."""
    res_name = RESIDENCE_NAMES[case.app.residence]
    out = dibao_warnings(case.own, case.county.name, f"{res_name}低保标准", case.on)
    if case.app.residence != "urban":
        out += dibao_warnings(case.urban, case.county.name, "城市低保标准", case.on)
    out += [w for w in _township_warnings(case) if w["text"] not in {x["text"] for x in out}]
    if case.same_event_earlier and not case.same_event:
        years = sorted({p.date.year for p in case.app.prior_assistance
                        if p.event == case.app.event and p.date.year < case.on.year})
        out.append({
            "kind": "same_event",
            "text": f"事由“{case.app.event}”在 {'、'.join(map(str, years))} 年已获临时救助。第2-2条规定原则上一事一救、"
                    "不得以同一事由反复申请：这次是否属于新的困难，由乡镇（街道）核实判断。",
        })
    return out + policy_update_warnings(case.policy_updates, case.on, case.app.type)


def procedure(app: Application, limit: Fraction, cash_max: int) -> list[dict]:
    """I10 (clauses 2-2, 2-2-1, 2-2-2): the steps for this type, in the order of clause 2-2 (application,
    acceptance, investigation, publicity, approval, payment), in Chinese. ``limit``, ``cash_max`` in fen."""
    apply_step = {"step": "向户籍或居住地的乡镇人民政府（街道办事处）提出申请", "clause": "2-2"}
    approve = {"step": f"审批：{yuan(limit)} 元以内由乡镇（街道）审批，超过的报县级民政部门审批", "clause": "2-2-3"}
    if app.type == EMERGENCY:
        return [
            apply_step,
            {"step": "先行救助：乡镇（街道）或县级民政部门可直接受理、直接审批，先行救助", "clause": "2-2-1"},
            {"step": "简化：视急难情形简化家庭经济状况核对、民主评议和公示等环节", "clause": "2-2-1"},
            approve,
            {"step": f"发放：可一次审批、分阶段救助，可发放实物；救助金原则上支付到个人账户，{yuan(cash_max)} 元（含）"
                     "以下的特殊情况可直接发放现金", "clause": "2-4-1"},
            {"step": "补办手续：急难情况缓解后，登记救助对象、救助事由、救助金额等信息，补齐经办人员签字、盖章手续",
             "clause": "2-2-1"},
        ]
    check = ("调查核实：申请人属低保家庭或特困人员，重点核实其生活必需支出情况" if app.is_dibao or app.is_tekun else
             "调查核实：核实家庭收入和个人自付的医疗、教育支出")
    return [
        apply_step,
        {"step": "受理：乡镇（街道）受理申请", "clause": "2-2-2"},
        {"step": check, "clause": "2-2"},
        {"step": "公示：调查核实后予以公示，公示后再审批", "clause": "2-2"},
        approve,
        {"step": f"发放：救助金原则上支付到救助对象个人账户；特殊情况且金额在 {yuan(cash_max)} 元（含）以下的，"
                 "可直接发放现金", "clause": "2-4-1"},
    ]


def referrals(case: Assessment) -> list[dict]:
    """I11 (clause 2-4-3): schemes to refer to, each with why, in Chinese."""
    app, out = case.app, []
    if app.income_6m is not None and not (app.is_dibao or app.is_tekun):
        gross = Fraction(app.income_6m, case.months * app.household_size)
        if gross < case.own.monthly:
            gross_shown, standard_shown = compared(gross, case.own.monthly)
            out.append({
                "scheme": "最低生活保障",
                "why": f"家庭月人均收入 {gross_shown} 元低于低保标准 {standard_shown} 元，"
                       "且尚未纳入低保：可协助申请低保。",
                "clause": "2-4-3",
            })
    if app.medical_self_paid_6m > 0 or app.emergency_cause == "major_illness":
        out.append({"scheme": "医疗救助", "why": "有重大疾病或个人自付医疗费用：可转介申请医疗救助。",
                    "clause": "2-4-3"})
    if app.education_self_paid_6m > 0:
        out.append({"scheme": "教育救助", "why": "有子女教育支出：可转介申请教育资助。", "clause": "2-4-3"})
    if app.emergency_cause == "fire":
        out.append({"scheme": "住房救助", "why": "火灾造成住房困难的：可转介住房救助，或提供临时住所。",
                    "clause": "2-4-3"})
    if app.emergency_cause in ("traffic_accident", "personal_injury"):
        out.append({"scheme": "司法救助（法律援助）",
                    "why": "交通事故、人身伤害涉及赔偿的：可转介法律援助或司法救助。", "clause": "2-4-3"})
    above_single = app.amount is not None and app.amount > case.caps.single
    if not case.eligible or case.case_by_case_max is not None or above_single:
        out.append({
            "scheme": "慈善组织、社会工作服务机构",
            "why": "临时救助后仍不能解决困难的：可转介有救助意愿的慈善组织、社会工作服务机构或志愿者帮扶。",
            "clause": "2-4-3",
        })
    return out


def _payment(case: Assessment) -> dict:
    """I9 (clauses 2-4-1, 2-4): the payment mode and its text, which never contradicts ``cash_allowed``: cash only
    for ≤ 1000 元, for the emergency type too."""
    approval, cash_max = case.approval, yuan(case.cash_max)
    text = "原则上直接支付到救助对象个人账户（社会化发放）；"
    if approval is not None and case.eligible and approval.within_cap:
        shown, limit = compared(approval.amount, case.cash_max)
        text += (f"拟救助 {shown} 元不超过 {limit} 元，特殊情况可直接发放现金。" if approval.cash else
                 f"拟救助 {shown} 元超过 {limit} 元，不能发放现金，须支付到个人账户。")
    else:
        text += f"特殊情况且金额在 {cash_max} 元（含）以下的，可直接发放现金；超过的不能发放现金。"
    if case.app.type == EMERGENCY:
        text += f"急难型可一次审批、分阶段救助，也可发放实物以提高时效；发放现金同样限于 {cash_max} 元（含）以下。"
    return {"mode": "personal_account", "text": text, "clause": "2-4-1"}


def _money(value: Fraction | int | None) -> str | None:
    return None if value is None else yuan(value)


def result_dict(case: Assessment) -> dict:
    """The result of ``python -m calculator assess`` written from the assessment: plain JSON data, money as 元
    strings with exactly two decimals, every number explained in ``reasons``."""
    app, approval, means = case.app, case.approval, case.means
    result = {
        "eligible": case.eligible,
        "type": app.type,
        "type_name": TYPE_NAMES[app.type],
        "county": {"code": case.county.code, "name": case.county.name},
        "date": case.on.isoformat(),
        "residence": app.residence,
        "household_size": app.household_size,
        "per_capita_monthly_income": None if means is None else yuan(means.per_capita),
        "dibao_standard_monthly": yuan(case.own.monthly),
        "urban_dibao_standard_annual": yuan(case.urban_annual),
        "single_cap": yuan(case.single_cap),
        "case_by_case": case.case_by_case_max is not None,
        "case_by_case_max": _money(case.case_by_case_max),
        "year_total_cap": yuan(case.total_cap),
        "year_remaining": yuan(case.remaining),
        "times_remaining": case.times_left,
        "same_event": case.same_event,
        # Without necessary spending no income qualifies (register I3): no income target to show.
        "qualifying_income_6m_max": None if means is None or not means.spending else yuan(means.income_max),
        "qualifying_self_paid_6m_min": None if means is None else yuan(means.spend_min),
        "township_limit": yuan(case.limit),
        "amount": _money(app.amount),
        "amount_within_cap": None if approval is None else approval.within_cap,
        "approval_level": None if approval is None else approval.level,
        "cash_allowed": None if approval is None else approval.cash,
        "payment": _payment(case),
        "procedure": procedure(app, case.limit, case.cash_max),
        "referrals": referrals(case),
        "reasons": reasons(case),
        "warnings": warnings(case),
        "standards_used": list(case.used),
    }
    if app.type == EMERGENCY:
        result["emergency_cause"] = app.emergency_cause
        result["severity"] = app.severity
        result["light_emergency_max"] = yuan(case.light_max)  # I7: the lighter tier, ≤ 1000 元 (clause 2-3-2)
    return result


def _yes(value: bool | None, yes: str, no: str) -> str:
    return "—" if value is None else (yes if value else no)


def verdict_text(result: dict) -> str:
    """The verdict as the summary line says it (register I6, I7, I12): 符合条件 / 不符合条件, 可能符合，视困难程度
    for an emergency whose severity is not yet judged, and 超过上限 when the proposed amount is above what may be
    given."""
    if not result["eligible"]:
        return "不符合条件"
    verdict = "可能符合，视困难程度" if result["type"] == "emergency" and result.get("severity") is None else "符合条件"
    if result["amount_within_cap"] is False:
        top = result["case_by_case_max"] or result["single_cap"]
        verdict += f"；拟救助 {result['amount']} 元超过上限 {top} 元"
    return verdict


def _cap_rows(r: dict) -> list[tuple[str, str | None, str]]:
    """The caps of the summary: labelled 符合条件时… when the household does not qualify (register I6); for an
    emergency whose severity is not judged, both tiers and never one figure as this assistance's cap (I7)."""
    when = "" if r["eligible"] else "符合条件时"
    if r["type"] == "emergency" and r.get("severity") is None and r["eligible"]:
        light = min(Decimal(r["light_emergency_max"]), Decimal(r["year_remaining"]))
        rows = [("较轻的", f"{light:.2f}", "元（含）以下"), ("较重的", f"单次一般不超过 {r['single_cap']}", "元")]
    else:
        rows = [(f"{when}单次救助上限（一般情形）" if when else "本次救助上限（一般情形）", r["single_cap"], "元")]
    return rows + [
        (f"{when}一事一议最高可至", r["case_by_case_max"], "元"),
        (f"{when}全年累计上限", r["year_total_cap"], "元"),
        (f"{when}全年剩余额度", r["year_remaining"], "元"),
    ]


def _amount_line(r: dict) -> str:
    """The proposed amount: who approves it only when it can be given (register I6)."""
    if not r["eligible"]:
        return f"  拟救助金额：{r['amount']} 元 → 不符合条件，不能给予"
    if r["amount_within_cap"] is False:
        top = r["case_by_case_max"] or r["single_cap"]
        return f"  拟救助金额：{r['amount']} 元 → 超过上限 {top} 元，不能按此金额给予"
    return (f"  拟救助金额：{r['amount']} 元 → {LEVEL_NAMES[r['approval_level']]}；"
            f"现金发放：{_yes(r['cash_allowed'], '特殊情况可以', '不可以')}")


def result_text(result: dict) -> str:
    """Render a result dict (schemas/result.schema.json) as plain Chinese text (lines joined by newlines, no
    trailing markup)."""
    r = result
    lines = [
        f"红河州临时救助测算（红民社救〔2019〕5号）  {r['county']['name']}  申请日期 {r['date']}",
        f"类型：{r['type_name']}救助    结论：{verdict_text(r)}",
        "",
    ]
    per_capita = r["per_capita_monthly_income"]
    if per_capita is not None and per_capita.startswith("-"):
        per_capita, per_capita_unit = "自付支出超过收入", "（精确数见依据）"
    else:
        per_capita_unit = "元"
    rows = [
        ("月人均可支配收入（扣除自付支出）", per_capita, per_capita_unit),
        ("低保标准（每人每月）", r["dibao_standard_monthly"], "元"),
        *_cap_rows(r),
        ("本年剩余次数（含本次）", str(r["times_remaining"]), "次"),
        ("乡镇（街道）审批额度", r["township_limit"], "元"),
        ("收入不超过即符合（6个月）", r["qualifying_income_6m_max"], "元"),
    ]
    for label, value, unit in rows:
        if value is not None:
            lines.append(f"  {label}：{value} {unit}")
    if r["amount"] is not None:
        lines.append(_amount_line(r))
    lines += ["", "依据："]
    lines += [f"  [{x['rule']} 第{x['clause']}条] {x['text']}" for x in r["reasons"]]
    if r["warnings"]:
        lines += ["", "提示："] + [f"  ! {w['text']}" for w in r["warnings"]]
    lines += ["", "办理程序："] + [f"  {i}. {s['step']}（第{s['clause']}条）" for i, s in enumerate(r["procedure"], 1)]
    if r["referrals"]:
        lines += ["", "转介建议："] + [f"  - {x['scheme']}：{x['why']}" for x in r["referrals"]]
    lines += ["", "所用标准："]
    for s in r["standards_used"]:
        src = s["source"].get("document", "")
        status = STATUS_NAMES.get(s["status"], s["status"])
        lines.append(f"  - {s['name']}：{s['value']} {s['unit']}（{s['effective']} 起；{src}；{status}）")
    lines += ["", "本结果为按政策文件的测算，实际以乡镇（街道）和县级民政部门审核审批为准。"]
    return "\n".join(lines) + "\n"
