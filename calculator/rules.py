"""The rules of 红民社救〔2019〕5号, one function per rule, each under the words of its clause.

Amounts are integer fen (or exact ``Fraction`` of fen); dates are ``datetime.date``. The readings I1–I15 are
those of the interpretation register (``policy/interpretations.yaml``, published as 本站如何理解和计算). No function
here reads "today": every date is passed in.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from calculator.money import ceil_fraction, floor_fraction
from calculator.records import record
from calculator.standards import Bundle, County, DatedParameter


class StandardMissing(LookupError):
    """No standard or parameter in force on the date asked; ``what`` names it in Chinese."""

    def __init__(self, what: str, on: dt.date):
        super().__init__(f"{what}：{on.isoformat()} 无适用的标准")
        self.what = what
        self.on = on


def parameter(bundle: Bundle, key: str, on: dt.date) -> DatedParameter:
    """The prefecture parameter ``key`` in force on ``on`` (``standards/honghe-prefecture.yaml``).

    Raises :class:`StandardMissing` before its first effective date.
    """
    found = bundle.parameters[key].in_force(on)
    if found is None:
        raise StandardMissing(bundle.parameters[key].label, on)
    return found


def parameter_int(bundle: Bundle, key: str, on: dt.date) -> int:
    """A whole-number parameter (multiples, times, months, 元 amounts in 元)."""
    return int(parameter(bundle, key, on).value)


def parameter_fraction(bundle: Bundle, key: str, on: dt.date) -> Fraction:
    """A ratio parameter as an exact fraction (``"0.5"`` → 1/2)."""
    return Fraction(parameter(bundle, key, on).value)


# 2-3（三）科学制定救助标准 — I1: 低保年标准 = 月标准 × 12.
def urban_annual_standard(bundle: Bundle, county: County, on: dt.date) -> Fraction:
    """I1, I2 (clause 2-3-1 “按照城乡统筹、就高不就低的原则 … 当地城市低保年标准”).

    The county's urban dibao standard in force on ``on`` × 12, in fen per person per year. Caps use the urban
    standard for urban and rural applicants alike. Raises :class:`StandardMissing` before the first standard.
    """
    found = bundle.dibao(county, "urban", on)
    if found is None:
        raise StandardMissing("城市低保标准", on)
    return found.annual


# 2-1-2 “在提出申请之前6个月内，家庭可支配收入扣除个人自付医疗、教育等生活必需支出后 …
#        月人均可支配收入低于当地城乡最低生活保障标准的家庭”
def per_capita_monthly_net_income(income_6m: int, self_paid_6m: int, months: int, household_size: int) -> Fraction:
    """I3: (six-month income − self-paid necessary spending) ÷ months ÷ household size, exact, in fen.

    May be negative (spending above income). ``months`` is the parameter ``means_test_months`` (6).
    """
    return Fraction(income_6m - self_paid_6m, months * household_size)


def passes_means_test(per_capita_monthly: Fraction, dibao_monthly: Fraction) -> bool:
    """I3 (clause 2-1-2): “低于” — strictly below the dibao standard, compared exactly (no rounding first)."""
    return per_capita_monthly < dibao_monthly


def highest_qualifying_income(self_paid_6m: int, dibao_monthly: Fraction, months: int, household_size: int) -> int:
    """Clause 2-1-2 solved for income: the largest six-month income in fen that still passes (I3).

    (income − self_paid) / (months × size) < standard  ⇔  income < standard × months × size + self_paid;
    the largest whole fen strictly below that bound. May be negative (no income qualifies).
    """
    bound = dibao_monthly * months * household_size + self_paid_6m
    return ceil_fraction(bound) - 1


def lowest_qualifying_self_paid(income_6m: int, dibao_monthly: Fraction, months: int, household_size: int) -> int:
    """Clause 2-1-2 solved for spending: the smallest self-paid six-month spending in fen that passes (I3).

    self_paid > income − standard × months × size; the smallest whole fen strictly above, and at least 1 fen:
    without any necessary spending the household is not an expenditure case (:func:`has_necessary_spending`).
    """
    bound = income_6m - dibao_monthly * months * household_size
    return max(1, floor_fraction(bound) + 1)


# 2-2 “一个家庭或个人每年接受临时救助的次数一般不超过2次，原则上为一事一救，不得以同一事由反复申请”
def assistances_this_year(prior: tuple, on: dt.date) -> tuple:
    """I5: the prior assistances in the calendar year of ``on`` (1 January to 31 December)."""
    return tuple(p for p in prior if p.date.year == on.year)


def times_remaining(times_per_year: int, prior_this_year: tuple) -> int:
    """I5: assistances still allowed this calendar year, this one included: times_per_year − prior, ≥ 0."""
    return max(0, times_per_year - len(prior_this_year))


def same_event_assisted(event: str | None, prior_this_year: tuple) -> bool:
    """I5 “原则上为一事一救，不得以同一事由反复申请”: an assistance for the same event in the same calendar year
    refuses this one. ``prior_this_year``: :func:`assistances_this_year`. No event given → False (the township
    checks the facts)."""
    return event is not None and any(p.event == event for p in prior_this_year)


def same_event_earlier_year(event: str | None, prior: tuple, on: dt.date) -> bool:
    """I5: an assistance for the same event in an earlier calendar year. It does not refuse the application
    (“原则上” leaves the township to judge whether the hardship is new); the result warns."""
    return event is not None and any(p.event == event and p.date.year < on.year for p in prior)


def has_necessary_spending(self_paid_6m: int) -> bool:
    """I3 (clause 2-1-2 “因教育、医疗等生活必需支出突然增加超出家庭承受能力”): the expenditure type needs
    self-paid medical or education spending (fen) above 0; without it the household is not an expenditure case."""
    return self_paid_6m > 0


# 2-3-1 “单次救助金额一般不高于当地城市低保年标准的3倍；特别困难的，按照‘一事一议’的方式，可适当提高
#        救助标准，但1年内同一家庭或者个人临时救助不超过2次且累计救助金额一般不高于当地城市低保年标准的6倍”
def general_single_cap(urban_annual: Fraction, multiple: int) -> Fraction:
    """I6: 3 × urban annual standard (fen): the single amount under the general rule."""
    return urban_annual * multiple


def year_total_cap(urban_annual: Fraction, multiple: int) -> Fraction:
    """I6: 6 × urban annual standard (fen): the calendar-year total, prior assistance included."""
    return urban_annual * multiple


def year_remaining(total_cap: Fraction, prior_this_year: tuple) -> Fraction:
    """I6: the yearly total minus assistance already received this calendar year, not below 0 (fen)."""
    return max(Fraction(0), total_cap - sum(p.amount for p in prior_this_year))


# 2-2-3 “乡镇（街道）临时救助金审批最高额度可按上一年所在县级城乡低保年保障标准的50%确定”
def township_limit(bundle: Bundle, county: County, on: dt.date) -> tuple[Fraction, dict]:
    """I8: the township's approval limit (fen) for an application on ``on``, and how it was set.

    Default: ratio (0.5) × the county's urban annual standard in force on 31 December of the year before.
    A county may set ``local.township_limit`` (basis ``ratio`` or ``fixed``, dated) in its file; the latest
    such rule in force on ``on`` replaces the default. Returns (limit, {"set_by", "basis", ...}).
    Raises :class:`StandardMissing` when no standard was in force on that 31 December.
    """
    last_day = dt.date(on.year - 1, 12, 31)
    local = county.local.township_limit.in_force(on)
    if local is not None and local.basis == "fixed":
        return Fraction(local.amount_fen), {"set_by": "county", "basis": "fixed", "entry": local.entry}
    found = bundle.dibao(county, "urban", last_day)
    if found is None:
        raise StandardMissing("上一年12月31日的城市低保标准", last_day)
    if local is not None:
        return found.annual * local.ratio, {"set_by": "county", "basis": "ratio", "ratio": local.ratio,
                                            "dibao": found, "entry": local.entry, "last_day": last_day}
    ratio = parameter_fraction(bundle, "township_limit_ratio", on)
    return found.annual * ratio, {"set_by": "prefecture", "basis": "ratio", "ratio": ratio, "dibao": found,
                                  "last_day": last_day}


def approval_level(amount: int, limit: Fraction) -> str:
    """I8 (clause 2-2-3): ``"township"`` when the amount is within the limit (≤), else ``"county"``
    (“超过限定额度的临时救助事项须按程序报县级民政部门审批”)."""
    return "township" if amount <= limit else "county"


# 2-4-1 “临时救助金原则上实行社会化发放 … 特殊情况且金额1000元（含）以下的，可直接发放现金”
def cash_allowed(amount: int, cash_max_fen: int) -> bool:
    """I9: cash only for amounts ≤ 1000 元 (inclusive), and then only in special circumstances."""
    return amount <= cash_max_fen


@record
class Caps:
    """The caps of one assistance (fen): ``single`` under the general rule limited by the year's remainder,
    ``case_by_case`` the most 一事一议 may reach (None when it does not apply), and the tier used."""

    single: Fraction
    case_by_case: Fraction | None
    tier: str


# 2-3-2 “对于符合急难型救助条件、困难程度较轻、救助金额较小的，及时给予1000元（含）以下的临时救助；
#        对于困难程度较重、救助金额较大的，参照支出型救助标准计算。对于因火灾、交通事故等突发意外事件
#        造成重大生活困难的急难情况，采取一事一议的方式 … 适当提高救助额度”
def emergency_caps(severity: str | None, light_max: int, general: Fraction, remaining: Fraction) -> Caps:
    """I7: light → ≤ 1000 元; heavy (or not yet judged: the most it may be, the lighter tier shown beside it) →
    the expenditure caps (I6); major (only for a sudden accident, checked on input) → 一事一议 within the yearly
    total. Every cap is limited by what remains of the yearly total."""
    if severity == "light":
        return Caps(min(Fraction(light_max), remaining), None, "light")
    if severity == "major":
        return Caps(min(general, remaining), remaining, "major")
    return Caps(min(general, remaining), None, severity or "unjudged")


def expenditure_caps(special_difficulty: bool, general: Fraction, remaining: Fraction) -> Caps:
    """I6: 3 × urban annual standard, limited by the year's remainder; 特别困难 (一事一议) up to the remainder."""
    return Caps(min(general, remaining), remaining if special_difficulty else None,
                "special" if special_difficulty else "general")


# Checks of what was paid, one assistance at a time (used by ledger_audit, the 台账核查 of a year's ledger). Each
# says whether an amount or a count stays within the limit that the functions above compute.
def within_times_per_year(nth: int, times_per_year: int) -> bool:
    """I5 (clause 2-2 “每年接受临时救助的次数一般不超过2次”): the ``nth`` assistance of a household in a calendar
    year (1 = the first) is within the limit when ``nth`` ≤ ``times_per_year`` (parameter ``times_per_year``)."""
    return nth <= times_per_year


def within_single_cap(amount: int, cap: Fraction) -> bool:
    """I6 (clause 2-3-1 “单次救助金额一般不高于当地城市低保年标准的3倍”): ``amount`` (fen) ≤ ``cap`` (fen, from
    :func:`general_single_cap`), compared exactly. Above it only by 一事一议."""
    return amount <= cap


def within_year_total(total: int, cap: Fraction) -> bool:
    """I6 (clause 2-3-1 “累计救助金额一般不高于当地城市低保年标准的6倍”): a calendar year's total (fen) ≤ ``cap``
    (fen, from :func:`year_total_cap`), compared exactly."""
    return total <= cap


def light_tier_allowed(amount: int, light_max_fen: int) -> bool:
    """I7 (clause 2-3-2 “困难程度较轻、救助金额较小的，及时给予1000元（含）以下的临时救助”): an emergency
    assistance judged light stays within the tier when ``amount`` ≤ ``light_max_fen`` (parameter
    ``light_emergency_max`` × 100), both in fen."""
    return amount <= light_max_fen
