"""Warnings of kind ``policy_update``: documents after 红民社救〔2019〕5号 that touch temporary assistance.

The documents come from ``policy/updates.yaml`` (read and checked at build time by ``sitebuild/policy_updates.py``)
through the standards bundle, key ``policy_updates``: a list of ``{"id", "document", "issuer", "reported",
"text_kind", "warning": {"from": ISO date, "applies_to": "emergency" | "expenditure" | "all", "text"}}``; entries
without ``warning`` are listed on the 政策动态 page only. This module reads no file: it is a pure function of the
bundle, the application date and the assistance type, so that the same warnings appear under CPython and Pyodide.

The warnings are additions: they never change a figure, a reason or another warning. The calculator does not yet
compute by these documents (for example 小额快救 of the 2026 national opinion); the warning says so and names its
source.
"""

from __future__ import annotations

import datetime as dt

from calculator.records import record

APPLIES_TO = ("emergency", "expenditure", "all")


@record
class PolicyUpdate:
    """One dated warning: shown on results of ``applies_to`` type for applications dated ``start`` or later."""

    id: str
    document: str
    issuer: str
    start: dt.date
    applies_to: str
    text: str


def parse_updates(items: object) -> tuple[PolicyUpdate, ...]:
    """The bundle's ``policy_updates`` list → the updates that carry a warning, in file order.

    Raises ``ValueError`` (from :func:`datetime.date.fromisoformat`), ``KeyError`` or ``TypeError`` on a malformed
    entry; :meth:`calculator.standards.Bundle.from_dict` turns these into a ``BundleError``.
    """
    out = []
    for item in items or ():
        warning = item.get("warning")
        if not warning:
            continue
        if warning["applies_to"] not in APPLIES_TO:
            raise ValueError(f"applies_to must be one of {APPLIES_TO}")
        out.append(PolicyUpdate(item["id"], item["document"], item["issuer"],
                                dt.date.fromisoformat(warning["from"]), warning["applies_to"], warning["text"]))
    return tuple(out)


def policy_update_warnings(updates: tuple[PolicyUpdate, ...], on: dt.date, assistance_type: str) -> list[dict]:
    """The ``policy_update`` warnings for an application dated ``on`` of ``assistance_type`` (``"emergency"`` or
    ``"expenditure"``): ``[{"kind": "policy_update", "text", "source": {"document", "issuer"}, "id"}]``.

    A warning applies from its ``from`` date inclusive (2023-07-26: the 一卡通 payment of emergency assistance above
    1000 元, 云南省财政厅、民政厅; 2026-01-29: the national opinion's 小额快救, every result).
    """
    return [
        {"kind": "policy_update", "text": u.text, "id": u.id, "source": {"document": u.document, "issuer": u.issuer}}
        for u in updates
        if on >= u.start and u.applies_to in ("all", assistance_type)
    ]
