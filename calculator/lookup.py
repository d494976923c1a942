"""The standards an assessment reads, each recorded as it is read: the result's ``standards_used`` list.

One :class:`Lookup` per assessment. A read that names what the value is ``used_for`` is recorded once, in the order
of reading, with its value, effective date, verification status, who set it and its source; a read without
``used_for`` is not listed (a value used only to word a sentence, e.g. the cash limit in the payment text when no
amount is proposed). The caller never builds a ``standards_used`` entry itself.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from calculator import rules
from calculator.standards import Bundle, County, DibaoInForce


def _inferred_from(value) -> dict:
    """``{"effective_inferred_from": …}`` for a value whose effective date is inferred, else ``{}``."""
    return {"effective_inferred_from": value.effective_inferred_from} if value.effective_basis == "inferred" else {}


class Lookup:
    """The standards of ``bundle`` in force on ``on`` for one assessment, with the record of what was used."""

    def __init__(self, bundle: Bundle, on: dt.date):
        self.bundle = bundle
        self.on = on
        self.used: list[dict] = []

    def _parameter(self, key: str, used_for: str | None):
        value = rules.parameter(self.bundle, key, self.on)
        if used_for is not None:
            param = self.bundle.parameters[key]
            self.used.append({
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
            } | _inferred_from(value))
        return value

    def parameter_int(self, key: str, used_for: str | None = None) -> int:
        """A whole-number prefecture parameter (multiple, times, months, 元) in force on the date.
        Raises :class:`calculator.rules.StandardMissing` before its first value."""
        return int(self._parameter(key, used_for).value)

    def parameter_fraction(self, key: str, used_for: str | None = None) -> Fraction:
        """A ratio prefecture parameter (``"0.5"`` → 1/2) in force on the date."""
        return Fraction(self._parameter(key, used_for).value)

    def record_standard(self, name: str, found: DibaoInForce, used_for: str) -> None:
        """Record a dibao standard (found by :meth:`dibao`) as used for ``used_for`` under the name ``name``."""
        self.used.append({
            "name": name,
            "value": found.value.text,
            "unit": found.unit,
            "effective": found.value.effective.isoformat(),
            "status": found.value.status,
            "effective_basis": found.value.effective_basis,
            "set_by": "province" if found.origin == "province_floor" else "county",
            "used_for": used_for,
            "source": found.value.source.as_dict(),
        } | _inferred_from(found.value))

    def dibao(self, county: County, residence: str, name: str | None = None, used_for: str | None = None,
              on: dt.date | None = None) -> DibaoInForce:
        """The dibao standard for ``residence`` in ``county`` on the date (or on ``on``), recorded under ``name``
        when ``used_for`` is given (I1; clause 2-3). Raises :class:`calculator.rules.StandardMissing` before the
        first standard."""
        found = self.bundle.dibao(county, residence, on or self.on)
        if found is None:
            raise rules.StandardMissing("低保标准", on or self.on)
        if used_for is not None:
            self.record_standard(name, found, used_for)
        return found

    def township_limit(self, county: County) -> tuple[Fraction, dict]:
        """I8 (clause 2-2-3): :func:`calculator.rules.township_limit`, recording what set it: the prefecture's ratio
        and the standard of the previous 31 December, or the county's own rule as written in its file."""
        limit, setting = rules.township_limit(self.bundle, county, self.on)
        used_for = "乡镇（街道）审批额度"
        if setting["set_by"] == "prefecture":
            self._parameter("township_limit_ratio", used_for)
            self.record_standard("上一年末城市低保标准", setting["dibao"], used_for)
        else:
            entry = setting["entry"]
            self.used.append({
                "name": "乡镇（街道）审批额度（县市规定）",
                "value": entry.get("amount") or entry.get("ratio"),
                "unit": "元" if setting["basis"] == "fixed" else "比例",
                "effective": entry["effective"],
                "status": entry.get("status", "unverified"),
                "set_by": "county",
                "used_for": used_for,
                "source": entry.get("source", {}),
            })
        return limit, setting
