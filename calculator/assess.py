"""One assessment: an application (DESIGN.md §5 input) and the standards bundle → the §5 result.

The result is plain JSON data. Money is a string in 元 with two decimals; every number in it has a reason
``{"rule": "I6", "clause": "2-3-1", "text": "…"}`` in plain Chinese.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from calculator import rules
from calculator.application import (
    CAUSE_NAMES,
    EMERGENCY,
    EXPENDITURE,
    RESIDENCE_NAMES,
    TYPE_NAMES,
    Application,
    InputError,
    parse_application,
)
from calculator.money import fen_to_yuan_text as y
from calculator.policy_updates import policy_update_warnings
from calculator.standards import Bundle, DibaoInForce

OLD_AFTER_MONTHS = 18


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def _reason(rule: str, clause: str, text: str) -> dict:
    return {"rule": rule, "clause": clause, "text": text}


def _dibao_phrase(found: DibaoInForce) -> str:
    origin = "省级指导标准（本县标准未核实）" if found.origin == "province_floor" else "本县市标准"
    if found.unit == "元/人·月":
        return f"{found.value.text} 元/人·月（{origin}，{found.value.effective.isoformat()} 起执行）"
    return f"{found.value.text} 元/人·年（{origin}，{found.value.effective.isoformat()} 起执行）"


def _standard_used(name: str, found: DibaoInForce, used_for: str) -> dict:
    return {
        "name": name,
        "value": found.value.text,
        "unit": found.unit,
        "effective": found.value.effective.isoformat(),
        "status": found.value.status,
        "effective_basis": found.value.effective_basis,
        "set_by": "province" if found.origin == "province_floor" else "county",
        "used_for": used_for,
        "source": found.value.source.as_dict(),
    } | _inferred_from(found.value)


def _inferred_from(value) -> dict:
    """``{"effective_inferred_from": …}`` for a value whose effective date is inferred, else ``{}``."""
    return {"effective_inferred_from": value.effective_inferred_from} if value.effective_basis == "inferred" else {}


def _parameter_used(bundle: Bundle, key: str, on: dt.date, used_for: str) -> dict:
    param = bundle.parameters[key]
    value = rules.parameter(bundle, key, on)
    return {
        "name": param.label,
        "value": value.value,
        "unit": param.unit,
        "effective": value.effective.isoformat(),
        "status": value.status,
        "effective_basis": value.effective_basis,
        "set_by": "prefecture",
        "clause": param.clause,
        "used_for": used_for,
        "source": value.source.as_dict(),
    } | _inferred_from(value)


def _dibao_warnings(found: DibaoInForce, county_name: str, label: str, on: dt.date) -> list[dict]:
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
    if _add_months(found.value.effective, OLD_AFTER_MONTHS) < on:
        out.append({
            "kind": "old",
            "text": f"{label}的最新数值自 {found.value.effective.isoformat()} 起执行，距申请日期已超过 "
                    f"{OLD_AFTER_MONTHS} 个月，可能已有新标准。",
        })
    return out


def assess(data: dict, bundle: Bundle) -> dict:
    """Assess one application against the standards bundle.

    ``data``: the §5 input dict (money in 元 as int, Decimal or decimal string). Returns the §5 result dict.
    Raises :class:`calculator.application.InputError` (field + Chinese message) for invalid input.
    Source: 红民社救〔2019〕5号 clauses 2-1 to 2-4 as read in DESIGN.md §4 (I1–I11).
    """
    app = parse_application(data, bundle)
    try:
        return _assess(app, bundle)
    except rules.StandardMissing as exc:
        raise InputError("date", f"{exc.on.isoformat()} 没有适用的{exc.what}，无法测算") from None


def _assess(app: Application, bundle: Bundle) -> dict:
    on = app.date
    county = app.county
    reasons: list[dict] = []
    warnings: list[dict] = []
    used: list[dict] = []

    urban = bundle.dibao(county, "urban", on)
    own = bundle.dibao(county, app.residence, on)
    if urban is None or own is None:
        raise rules.StandardMissing("低保标准", on)
    urban_annual = urban.annual
    res_name = RESIDENCE_NAMES[app.residence]

    # -- standards on the date (I1, I2) -------------------------------------------------------------------
    used.append(_standard_used(
        f"{res_name}低保标准", own,
        "收入比较、救助上限" if app.residence == "urban" else "收入比较（支出型）与低保转介",
    ))
    warnings += _dibao_warnings(own, county.name, f"{res_name}低保标准", on)
    if app.residence != "urban":
        used.append(_standard_used("城市低保标准", urban, "救助上限（城乡统筹、就高不就低）"))
        warnings += _dibao_warnings(urban, county.name, "城市低保标准", on)
    if own.unit == "元/人·年":
        monthly_text = (
            f"{res_name}低保标准为 {_dibao_phrase(own)}，折合每人每月 {own.value.text} ÷ 12 = {y(own.monthly)} 元"
            + ("" if own.monthly.denominator == 1 else "（比较时按精确值，不先取整）")
        )
    else:
        monthly_text = f"{res_name}低保标准为 {_dibao_phrase(own)}"
    reasons.append(_reason("I1", "2-3", f"申请日期 {on.isoformat()} 时，{county.name}{monthly_text}。"))
    reasons.append(_reason(
        "I2", "2-3-1",
        f"救助上限按城乡统筹、就高不就低的原则，城乡申请人都以城市低保年标准计算："
        f"{urban.value.text} × 12 = {y(urban_annual)} 元/人·年。",
    ))

    # -- how often, same event (I5) -----------------------------------------------------------------------
    times_per_year = rules.parameter_int(bundle, "times_per_year", on)
    used.append(_parameter_used(bundle, "times_per_year", on, "每年救助次数"))
    prior_year = rules.assistances_this_year(app.prior_assistance, on)
    times_left = rules.times_remaining(times_per_year, prior_year)
    same_event = rules.same_event_assisted(app.event, app.prior_assistance)
    reasons.append(_reason(
        "I5", "2-2",
        f"一个家庭每年接受临时救助一般不超过 {times_per_year} 次：{on.year} 年已获救助 {len(prior_year)} 次，"
        f"本次在内还可 {times_per_year} − {len(prior_year)} = {times_left} 次"
        + ("（已无剩余次数）。" if times_left == 0 else "。"),
    ))
    if same_event:
        reasons.append(_reason(
            "I5", "2-2", f"事由“{app.event}”此前已获临时救助。原则上一事一救，不得以同一事由反复申请。"
        ))

    # -- yearly total and single cap (I6, I7) ---------------------------------------------------------------
    single_multiple = rules.parameter_int(bundle, "single_cap_multiple", on)
    year_multiple = rules.parameter_int(bundle, "year_total_multiple", on)
    used.append(_parameter_used(bundle, "single_cap_multiple", on, "单次救助上限"))
    used.append(_parameter_used(bundle, "year_total_multiple", on, "全年累计上限"))
    general = rules.general_single_cap(urban_annual, single_multiple)
    total_cap = rules.year_total_cap(urban_annual, year_multiple)
    remaining = rules.year_remaining(total_cap, prior_year)
    prior_sum = sum(p.amount for p in prior_year)
    reasons.append(_reason(
        "I6", "2-3-1",
        f"1 年内累计救助金额一般不高于城市低保年标准的 {year_multiple} 倍：{year_multiple} × {y(urban_annual)} = "
        f"{y(total_cap)} 元；{on.year} 年已获 {y(prior_sum)} 元，还可 {y(total_cap)} − {y(prior_sum)} = "
        f"{y(remaining)} 元。",
    ))

    if app.type == EXPENDITURE:
        caps = rules.expenditure_caps(app.special_difficulty, general, remaining)
        reasons.append(_reason(
            "I6", "2-3-1",
            f"支出型单次救助金额一般不高于城市低保年标准的 {single_multiple} 倍：{single_multiple} × "
            f"{y(urban_annual)} = {y(general)} 元" + _limited(general, remaining) + "。",
        ))
        if app.special_difficulty:
            reasons.append(_reason(
                "I6", "2-3-1",
                f"特别困难的，可按“一事一议”适当提高，但全年累计不超过 {y(total_cap)} 元："
                f"本次最多 {y(caps.case_by_case)} 元。",
            ))
    else:
        light_max = rules.parameter_int(bundle, "light_emergency_max", on) * 100
        used.append(_parameter_used(bundle, "light_emergency_max", on, "急难型较轻情形的救助额"))
        caps = rules.emergency_caps(app.severity, light_max, general, remaining)
        if app.severity == "light":
            reasons.append(_reason(
                "I7", "2-3-2",
                f"急难型、困难程度较轻的，及时给予 {y(light_max)} 元（含）以下的救助"
                + _limited(Fraction(light_max), remaining) + "。",
            ))
        else:
            tier = "困难程度较重的" if app.severity == "heavy" else (
                "重大生活困难的" if app.severity == "major" else "困难程度尚未认定：较轻的给予 "
                f"{y(light_max)} 元（含）以下；较重的")
            reasons.append(_reason(
                "I7", "2-3-2",
                f"急难型{tier}参照支出型标准：单次一般不高于 {single_multiple} × {y(urban_annual)} = "
                f"{y(general)} 元" + _limited(general, remaining) + "。",
            ))
        if app.severity == "major":
            reasons.append(_reason(
                "I7", "2-3-2",
                "因火灾、交通事故等突发意外事件造成重大生活困难的，采取一事一议的方式适当提高救助额度，"
                f"全年累计仍不超过 {y(total_cap)} 元：本次最多 {y(caps.case_by_case)} 元。",
            ))

    # -- means test (I3, I4) -------------------------------------------------------------------------------
    per_capita = None
    means_ok = True
    income_max = spend_min = None
    months = rules.parameter_int(bundle, "means_test_months", on)
    if app.type == EXPENDITURE:
        used.append(_parameter_used(bundle, "means_test_months", on, "家庭收入核算期"))
        spend = app.medical_self_paid_6m + app.education_self_paid_6m
        per_capita = rules.per_capita_monthly_net_income(app.income_6m, spend, months, app.household_size)
        means_ok = rules.passes_means_test(per_capita, own.monthly)
        income_max = rules.highest_qualifying_income(spend, own.monthly, months, app.household_size)
        spend_min = rules.lowest_qualifying_self_paid(app.income_6m, own.monthly, months, app.household_size)
        reasons.append(_reason(
            "I3", "2-1-2",
            f"申请前 {months} 个月家庭可支配收入 {y(app.income_6m)} 元，扣除个人自付医疗 "
            f"{y(app.medical_self_paid_6m)} 元、教育 {y(app.education_self_paid_6m)} 元后，月人均 "
            f"({y(app.income_6m)} − {y(spend)}) ÷ {months} ÷ {app.household_size} = "
            f"{_shown(per_capita, own.monthly)} 元，"
            + (f"低于{res_name}低保标准 {y(own.monthly)} 元，符合支出型救助的收入条件。" if means_ok else
               f"不低于{res_name}低保标准 {y(own.monthly)} 元，不符合支出型救助的收入条件。"),
        ))
        reasons.append(_reason(
            "I4", "2-1-2",
            "可扣除的教育支出只含学前、普通高中、全日制大中专院校教育（不含自费择校）的学费和住宿费；"
            "医疗支出只含扣除各种医疗保险报销、医疗救助和其他社会帮扶后确需个人自付的基本医疗费用。",
        ))
        if not means_ok:
            reasons.append(_reason(
                "I3", "2-1-2",
                f"差多少：按现有支出，{months} 个月家庭收入不超过 {y(income_max)} 元即符合收入条件；按现有收入，"
                f"个人自付医疗、教育支出合计至少 {y(spend_min)} 元即符合。",
            ))
    else:
        cause = CAUSE_NAMES[app.emergency_cause]
        reasons.append(_reason(
            "I7", "2-1-1",
            f"急难型救助（{cause}）不设收入条件：是否因{cause}导致基本生活暂时出现严重困难、需要立即救助，"
            "由乡镇人民政府（街道办事处）调查核实。",
        ))

    # -- eligibility ----------------------------------------------------------------------------------------
    eligible = means_ok and times_left > 0 and remaining > 0 and not same_event
    single_cap = caps.single if (times_left > 0 and not same_event) else Fraction(0)
    case_by_case_max = caps.case_by_case if (eligible and caps.case_by_case is not None) else None
    if times_left == 0:
        reasons.append(_reason("I5", "2-2", f"{on.year} 年已获救助 {len(prior_year)} 次，本年不能再获临时救助。"))
    if remaining == 0 and times_left > 0:
        reasons.append(_reason("I6", "2-3-1", f"{on.year} 年累计救助金额已达上限，本年不能再获临时救助。"))

    # -- township limit, approval (I8) -----------------------------------------------------------------------
    limit, how = rules.township_limit(bundle, county, on)
    if how["set_by"] == "prefecture":
        used.append(_parameter_used(bundle, "township_limit_ratio", on, "乡镇（街道）审批额度"))
        found = how["dibao"]
        used.append(_standard_used("上一年末城市低保标准", found, "乡镇（街道）审批额度"))
        reasons.append(_reason(
            "I8", "2-2-3",
            f"乡镇（街道）审批最高额度按上一年（{how['last_day'].year} 年 12 月 31 日）城市低保年标准的 "
            f"{_percent(how['ratio'])} 确定：{_percent(how['ratio'])} × {found.value.text} × 12 = {y(limit)} 元；"
            "超过的报县级民政部门审批。",
        ))
    else:
        entry = how["entry"]
        used.append({
            "name": "乡镇（街道）审批额度（县市规定）",
            "value": entry.get("amount") or entry.get("ratio"),
            "unit": "元" if how["basis"] == "fixed" else "比例",
            "effective": entry["effective"],
            "status": entry.get("status", "unverified"),
            "set_by": "county",
            "used_for": "乡镇（街道）审批额度",
            "source": entry.get("source", {}),
        })
        text = (f"{county.name}规定乡镇（街道）审批最高额度为 {y(limit)} 元" if how["basis"] == "fixed" else
                f"{county.name}规定乡镇（街道）审批最高额度按上一年城市低保年标准的 {_percent(how['ratio'])}："
                f"{_percent(how['ratio'])} × {how['dibao'].value.text} × 12 = {y(limit)} 元")
        reasons.append(_reason("I8", "2-2-3", text + "；超过的报县级民政部门审批。"))

    approval = cash = within_cap = None
    cash_max = rules.parameter_int(bundle, "cash_max", on) * 100
    if app.amount is not None:
        approval = rules.approval_level(app.amount, limit)
        cash = rules.cash_allowed(app.amount, cash_max)
        used.append(_parameter_used(bundle, "cash_max", on, "可发放现金的金额"))
        top = case_by_case_max if case_by_case_max is not None else single_cap
        within_cap = app.amount <= top
        reasons.append(_reason(
            "I8", "2-2-3",
            f"拟救助 {y(app.amount)} 元" + (f"不超过乡镇（街道）审批额度 {y(limit)} 元，由乡镇（街道）审批。"
                                        if approval == "township" else
                                        f"超过乡镇（街道）审批额度 {y(limit)} 元，须报县级民政部门审批。"),
        ))
        reasons.append(_reason(
            "I9", "2-4-1",
            f"临时救助金原则上直接支付到救助对象个人账户（社会化发放）。拟救助 {y(app.amount)} 元"
            + (f"在 {y(cash_max)} 元（含）以下，特殊情况可直接发放现金。" if cash else
               f"超过 {y(cash_max)} 元，不能发放现金，须支付到个人账户。"),
        ))
        if not within_cap:
            reasons.append(_reason(
                "I6" if app.type == EXPENDITURE else "I7", "2-3-1" if app.type == EXPENDITURE else "2-3-2",
                f"拟救助 {y(app.amount)} 元超过本次可给予的最高额 {y(top)} 元。",
            ))

    # -- payment, procedure, referrals (I9, I10, I11) ---------------------------------------------------------
    payment = {
        "mode": "personal_account",
        "text": "原则上直接支付到救助对象个人账户（社会化发放）；特殊情况且金额在 "
                f"{y(cash_max)} 元（含）以下的，可直接发放现金。"
                + ("急难型可一次审批、分阶段救助，也可直接发放现金或实物以提高时效。" if app.type == EMERGENCY else ""),
        "clause": "2-4-1",
    }
    procedure = _procedure(app, limit)
    referrals = _referrals(app, own, months, eligible, caps, case_by_case_max)
    if app.is_dibao or app.is_tekun:
        who = "特困人员" if app.is_tekun else "最低生活保障家庭"
        reasons.append(_reason("I3", "2-2", f"申请人属{who}：审核时重点核实其生活必需支出情况。"))

    warnings += policy_update_warnings(bundle.policy_updates, on, app.type)  # additions only (policy/updates.yaml)
    result = {
        "eligible": eligible,
        "type": app.type,
        "type_name": TYPE_NAMES[app.type],
        "county": {"code": county.code, "name": county.name},
        "date": on.isoformat(),
        "residence": app.residence,
        "household_size": app.household_size,
        "per_capita_monthly_income": None if per_capita is None else y(per_capita),
        "dibao_standard_monthly": y(own.monthly),
        "urban_dibao_standard_annual": y(urban_annual),
        "single_cap": y(single_cap),
        "case_by_case": case_by_case_max is not None,
        "case_by_case_max": None if case_by_case_max is None else y(case_by_case_max),
        "year_total_cap": y(total_cap),
        "year_remaining": y(remaining),
        "times_remaining": times_left,
        "same_event": same_event,
        "qualifying_income_6m_max": None if income_max is None else y(income_max),
        "qualifying_self_paid_6m_min": None if spend_min is None else y(spend_min),
        "township_limit": y(limit),
        "amount": None if app.amount is None else y(app.amount),
        "amount_within_cap": within_cap,
        "approval_level": approval,
        "cash_allowed": cash,
        "payment": payment,
        "procedure": procedure,
        "referrals": referrals,
        "reasons": reasons,
        "warnings": warnings,
        "standards_used": used,
    }
    if app.type == EMERGENCY:
        result["emergency_cause"] = app.emergency_cause
        result["severity"] = app.severity
        result["light_emergency_max"] = y(light_max)  # I7: the lighter tier, ≤ 1000 元 (clause 2-3-2)
    return result


def _shown(value: Fraction, other: Fraction) -> str:
    """``value`` in 元 for a sentence comparing it with ``other``: two decimals, or six with "约" when both
    would show the same two decimals but differ (the comparison is exact, I3)."""
    if y(value) != y(other) or value == other:
        return y(value)
    exact = Decimal(value.numerator) / Decimal(value.denominator) / 100
    return "约 " + str(exact.quantize(Decimal("0.000001")))


def _limited(cap: Fraction, remaining: Fraction) -> str:
    if remaining < cap:
        return f"；受全年剩余额度限制，本次最多 {y(remaining)} 元"
    return ""


def _percent(ratio: Fraction) -> str:
    pct = ratio * 100
    if pct.denominator == 1:
        return f"{pct.numerator}%"
    return f"{(Decimal(pct.numerator) / Decimal(pct.denominator)).normalize()}%"


def _procedure(app: Application, limit: Fraction) -> list[dict]:
    """I10 (clauses 2-2, 2-2-1, 2-2-2): the steps for this type, in order, in Chinese."""
    apply_step = {"step": "向户籍或居住地的乡镇人民政府（街道办事处）提出申请", "clause": "2-2"}
    approve = {"step": f"审批：{y(limit)} 元以内由乡镇（街道）审批，超过的报县级民政部门审批", "clause": "2-2-3"}
    if app.type == EMERGENCY:
        return [
            apply_step,
            {"step": "乡镇（街道）或县级民政部门可直接受理、直接审批，先行救助", "clause": "2-2-1"},
            {"step": "视急难情形简化家庭经济状况核对、民主评议和公示等环节", "clause": "2-2-1"},
            approve,
            {"step": "急难情况缓解后，登记救助对象、救助事由、救助金额等信息，补齐经办人员签字、盖章手续",
             "clause": "2-2-1"},
        ]
    steps = [
        apply_step,
        {"step": "受理：乡镇（街道）受理申请", "clause": "2-2-2"},
        {"step": "审核：调查核实家庭收入和个人自付的医疗、教育支出", "clause": "2-2-2"},
        approve,
        {"step": "公示：审批结果公示", "clause": "2-2-2"},
    ]
    if app.is_dibao or app.is_tekun:
        steps[2] = {"step": "审核：申请人属低保家庭或特困人员，重点核实其生活必需支出情况", "clause": "2-2"}
    return steps


def _referrals(app: Application, own: DibaoInForce, months: int, eligible: bool, caps, cbc) -> list[dict]:
    """I11 (clause 2-4-3): schemes to refer to, each with why, in Chinese."""
    out = []
    if app.income_6m is not None and not (app.is_dibao or app.is_tekun):
        gross = Fraction(app.income_6m, months * app.household_size)
        if gross < own.monthly:
            out.append({
                "scheme": "最低生活保障",
                "why": f"家庭月人均收入 {_shown(gross, own.monthly)} 元低于低保标准 {y(own.monthly)} 元，"
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
        out.append({"scheme": "司法救助（法律援助）", "why": "交通事故、人身伤害涉及赔偿的：可转介法律援助或司法救助。",
                    "clause": "2-4-3"})
    remains = not eligible or cbc is not None or (app.amount is not None and app.amount > caps.single)
    if remains:
        out.append({
            "scheme": "慈善组织、社会工作服务机构",
            "why": "临时救助后仍不能解决困难的：可转介有救助意愿的慈善组织、社会工作服务机构或志愿者帮扶。",
            "clause": "2-4-3",
        })
    return out
