"""One assessment: the input dict of ``python -m calculator assess`` and the standards bundle → the result dict.

The input is checked (:mod:`calculator.application`), the rules computed (:mod:`calculator.assessment`) and the
result written (:mod:`calculator.explain`): three steps, each in its own module.
"""

from __future__ import annotations

from calculator import rules
from calculator.application import InputError, parse_application
from calculator.assessment import compute
from calculator.explain import result_dict
from calculator.standards import Bundle


def assess(data: dict, bundle: Bundle) -> dict:
    """Assess one application against the standards bundle.

    ``data``: the input dict of ``python -m calculator assess`` (README; money in 元 as int, Decimal or decimal
    string). Returns the result dict (money as 元 strings with 2 decimals). Raises
    :class:`calculator.application.InputError` (field + Chinese message) for invalid input.
    Source: 红民社救〔2019〕5号 clauses 2-1 to 2-4 as read in the interpretation register
    (``policy/interpretations.yaml``).
    """
    app = parse_application(data, bundle)
    try:
        return result_dict(compute(app, bundle))
    except rules.StandardMissing as exc:
        raise InputError("date", f"{exc.on.isoformat()} 没有适用的{exc.what}，无法测算") from None
