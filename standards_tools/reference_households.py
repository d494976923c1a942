"""Fixed reference households: the same few families assessed before and after a change of standards.

Used by ``scripts/standards-diff`` (the pull-request report) and the 配置 page (what-if), so that a bureau
sees what its change does to families in the policy's own terms. The households are illustrative, not real
people: sizes, incomes and costs of the kind a Honghe county sees.
"""

from __future__ import annotations

import datetime as dt

from calculator.application import InputError
from calculator.assess import assess
from calculator.standards import Bundle

REFERENCE_HOUSEHOLDS: tuple[dict, ...] = (
    {
        "id": "urban-3-medical",
        "label": "城市三口之家，6 个月收入 12000 元，自付医疗 3000 元（支出型）",
        "application": {"residence": "urban", "household_size": 3, "type": "expenditure",
                        "income_6m": "12000", "medical_self_paid_6m": "3000"},
    },
    {
        "id": "rural-4-medical-education",
        "label": "农村四口之家，6 个月收入 10000 元，自付医疗 2000 元、教育 1500 元（支出型）",
        "application": {"residence": "rural", "household_size": 4, "type": "expenditure",
                        "income_6m": "10000", "medical_self_paid_6m": "2000", "education_self_paid_6m": "1500"},
    },
    {
        "id": "urban-1-elderly",
        "label": "城市独居老人，6 个月收入 4200 元，自付医疗 600 元（支出型）",
        "application": {"residence": "urban", "household_size": 1, "type": "expenditure",
                        "income_6m": "4200", "medical_self_paid_6m": "600"},
    },
    {
        "id": "rural-5-fire",
        "label": "农村五口之家房屋失火，困难程度较重（急难型），拟救助 5000 元",
        "application": {"residence": "rural", "household_size": 5, "type": "emergency",
                        "emergency_cause": "fire", "severity": "heavy", "amount": "5000"},
    },
)

FIELDS = ("eligible", "per_capita_monthly_income", "dibao_standard_monthly", "single_cap", "year_total_cap",
          "township_limit", "approval_level")


def assess_reference(bundle: Bundle, county: str, on: dt.date) -> list[dict]:
    """Each reference household assessed in ``county`` (code) on ``on``.

    Returns ``[{"id", "label", **{field: value for field in FIELDS}}]`` (money as 元 strings); a household
    that cannot be assessed on that date (before the first standard) has ``"error"`` instead.
    """
    rows = []
    for household in REFERENCE_HOUSEHOLDS:
        data = {**household["application"], "county": county, "date": on.isoformat()}
        row = {"id": household["id"], "label": household["label"]}
        try:
            result = assess(data, bundle)
        except InputError as exc:
            row["error"] = exc.message
        else:
            row.update({key: result[key] for key in FIELDS})
        rows.append(row)
    return rows
