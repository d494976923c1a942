"""The computation of one assessment: a checked application and the standards → an :class:`Assessment`.

:func:`compute` applies the rules of 红民社救〔2019〕5号 (:mod:`calculator.rules`, the readings of the register
``policy/interpretations.yaml``) and returns
exact amounts in fen, with no prose; :mod:`calculator.explain` writes the result from it (reasons, warnings,
procedure, referrals, money as text); :func:`calculator.assess.assess` does both for the input dict.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from calculator import rules
from calculator.application import EXPENDITURE, Application, PriorAssistance
from calculator.lookup import Lookup
from calculator.policy_updates import PolicyUpdate
from calculator.records import record
from calculator.standards import Bundle, County, DibaoInForce
from calculator.vocabulary import RESIDENCE_NAMES


@record
class MeansTest:
    """I3, I4 (clause 2-1-2), expenditure type only. Amounts in fen; ``per_capita`` exact (may be negative).
    ``below`` is the income comparison alone; ``passes`` also needs necessary spending (``spending``)."""

    months: int
    spend: int
    per_capita: Fraction
    below: bool
    spending: bool
    passes: bool
    income_max: int
    spend_min: int


@record
class Approval:
    """I8, I9 (clauses 2-2-3, 2-4-1) for the proposed ``amount`` (fen): who approves, whether cash may be paid,
    and whether it is within ``top``, the most this assistance may be."""

    amount: int
    level: str
    cash: bool
    within_cap: bool
    top: Fraction


@record
class Assessment:
    """Everything an assessment computed, before any word is written. Amounts in fen (exact ``Fraction``)."""

    app: Application
    county: County
    on: dt.date
    own: DibaoInForce  # the standard of the household's residence (I1)
    urban: DibaoInForce  # the urban standard, for the caps (I2)
    times_per_year: int
    prior_year: tuple[PriorAssistance, ...]
    times_left: int
    same_event: bool  # I5: the same event was assisted this calendar year (refuses)
    same_event_earlier: bool  # I5: the same event was assisted in an earlier year (warns)
    single_multiple: int
    year_multiple: int
    general: Fraction  # I6: single_multiple × urban annual
    total_cap: Fraction  # I6: year_multiple × urban annual
    remaining: Fraction  # I6: total_cap − prior this year, ≥ 0
    prior_sum: Fraction
    caps: rules.Caps
    light_max: int | None  # I7: the lighter emergency tier (fen); emergency type only
    months: int  # the means-test period (means_test_months)
    means: MeansTest | None
    eligible: bool
    single_cap: Fraction
    case_by_case_max: Fraction | None
    limit: Fraction  # I8
    township: dict  # how the limit was set (calculator.rules.township_limit)
    cash_max: int  # I9 (fen)
    approval: Approval | None
    used: tuple[dict, ...]
    policy_updates: tuple[PolicyUpdate, ...]  # later documents, for the warnings (calculator.policy_updates)
    register: dict  # the interpretation register's titles and clauses (Bundle.register)

    @property
    def urban_annual(self) -> Fraction:
        """I1, I2: the urban annual standard the caps use (fen per person per year)."""
        return self.urban.annual


def _means_test(app: Application, lookup: Lookup, own: DibaoInForce) -> tuple[int, MeansTest | None]:
    """I3, I4 (clause 2-1-2): the expenditure type's income test over ``means_test_months``; the months are read
    for the emergency type too (the dibao referral compares its gross income) but listed only when tested."""
    if app.type != EXPENDITURE:
        return lookup.parameter_int("means_test_months"), None
    months = lookup.parameter_int("means_test_months", "家庭收入核算期")
    spend = app.medical_self_paid_6m + app.education_self_paid_6m
    per_capita = rules.per_capita_monthly_net_income(app.income_6m, spend, months, app.household_size)
    below = rules.passes_means_test(per_capita, own.monthly)
    spending = rules.has_necessary_spending(spend)
    return months, MeansTest(
        months=months,
        spend=spend,
        per_capita=per_capita,
        below=below,
        spending=spending,
        passes=below and spending,
        income_max=rules.highest_qualifying_income(spend, own.monthly, months, app.household_size),
        spend_min=rules.lowest_qualifying_self_paid(app.income_6m, own.monthly, months, app.household_size),
    )


def _caps(app: Application, lookup: Lookup, general: Fraction, remaining: Fraction) -> tuple[rules.Caps, int | None]:
    """I6 (expenditure type) or I7 (emergency type, with the lighter tier's maximum in fen)."""
    if app.type == EXPENDITURE:
        return rules.expenditure_caps(app.special_difficulty, general, remaining), None
    light_max = lookup.parameter_int("light_emergency_max", "急难型较轻情形的救助额") * 100
    return rules.emergency_caps(app.severity, light_max, general, remaining), light_max


def _approval(app: Application, lookup: Lookup, limit: Fraction, top: Fraction) -> tuple[int, Approval | None]:
    """I8, I9 for the proposed amount; the cash limit is read either way (the payment text states it)."""
    if app.amount is None:
        return lookup.parameter_int("cash_max") * 100, None
    cash_max = lookup.parameter_int("cash_max", "可发放现金的金额") * 100
    return cash_max, Approval(
        amount=app.amount,
        level=rules.approval_level(app.amount, limit),
        cash=rules.cash_allowed(app.amount, cash_max),
        within_cap=app.amount <= top,
        top=top,
    )


def compute(app: Application, bundle: Bundle) -> Assessment:
    """Apply the rules to a checked application (register I1–I13); the standards read are recorded as they are read.

    Raises :class:`calculator.rules.StandardMissing` when a standard or parameter has no value on the date.
    """
    on, county = app.date, app.county
    lookup = Lookup(bundle, on)
    residence_name = RESIDENCE_NAMES[app.residence]
    urban = lookup.dibao(county, "urban")
    own = lookup.dibao(county, app.residence, f"{residence_name}低保标准",
                       "收入比较、救助上限" if app.residence == "urban" else "收入比较（支出型）与低保转介")
    if app.residence != "urban":
        lookup.record_standard("城市低保标准", urban, "救助上限（城乡统筹、就高不就低）")

    times_per_year = lookup.parameter_int("times_per_year", "每年救助次数")  # I5
    prior_year = rules.assistances_this_year(app.prior_assistance, on)
    times_left = rules.times_remaining(times_per_year, prior_year)
    same_event = rules.same_event_assisted(app.event, prior_year)
    same_event_earlier = rules.same_event_earlier_year(app.event, app.prior_assistance, on)

    single_multiple = lookup.parameter_int("single_cap_multiple", "单次救助上限")  # I6
    year_multiple = lookup.parameter_int("year_total_multiple", "全年累计上限")
    general = rules.general_single_cap(urban.annual, single_multiple)
    total_cap = rules.year_total_cap(urban.annual, year_multiple)
    remaining = rules.year_remaining(total_cap, prior_year)
    caps, light_max = _caps(app, lookup, general, remaining)
    months, means = _means_test(app, lookup, own)

    eligible = (means is None or means.passes) and times_left > 0 and remaining > 0 and not same_event
    single_cap = caps.single if (times_left > 0 and not same_event) else Fraction(0)
    case_by_case_max = caps.case_by_case if (eligible and caps.case_by_case is not None) else None
    limit, township = lookup.township_limit(county)  # I8
    top = case_by_case_max if case_by_case_max is not None else single_cap
    cash_max, approval = _approval(app, lookup, limit, top)
    return Assessment(
        app=app, county=county, on=on, own=own, urban=urban, times_per_year=times_per_year, prior_year=prior_year,
        times_left=times_left, same_event=same_event, same_event_earlier=same_event_earlier,
        single_multiple=single_multiple, year_multiple=year_multiple,
        general=general, total_cap=total_cap, remaining=remaining,
        prior_sum=Fraction(sum(p.amount for p in prior_year)), caps=caps, light_max=light_max, months=months,
        means=means, eligible=eligible, single_cap=single_cap, case_by_case_max=case_by_case_max, limit=limit,
        township=township, cash_max=cash_max, approval=approval, used=tuple(lookup.used), register=bundle.register,
        policy_updates=bundle.policy_updates,
    )
