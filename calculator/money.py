"""Exact money: amounts are integer fen (1 元 = 100 fen); shares of a fen are ``fractions.Fraction``.

No float arithmetic anywhere. Input in 元 (an ``int``, a ``Decimal`` or a decimal string with at most two
decimals) becomes fen; output is a string in 元 with exactly two decimals, rounded half-up to the fen only
for display, after every comparison has been made exactly (schemas/README.md, register I3).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from calculator.numbers import normalize_typed_number, typed_number_problem

_YUAN_TEXT = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]{1,2})?$")
MAX_YUAN = Decimal(10) ** 12  # amounts must be below 1 万亿元


class JsonNumber(Decimal):
    """A number read from JSON text that had a fraction or an exponent, with ``literal``, the text as typed: the
    money reader judges it like a string (register I14), so ``1000.100`` and ``1e3`` are refused as
    ``"1000.100"`` and ``"1e3"`` are."""

    literal: str

    def __new__(cls, literal: str):
        number = super().__new__(cls, literal)
        number.literal = literal
        return number


class MoneyError(ValueError):
    """A value that is not an amount in 元 with at most two decimals; ``reason`` is Chinese."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def yuan_to_fen(value: object, *, allow_negative: bool = False) -> int:
    """An amount in 元 → integer fen.

    Accepts ``int`` (not ``bool``), ``Decimal`` and decimal strings such as ``"9000"``, ``"9000.5"``,
    ``"9000.50"``, read as people type them (register I14, :mod:`calculator.numbers`: full-width digits and points,
    spaces). A ``float`` (as JSON parsers may give) is taken by its shortest repr (``9000.5``) and a
    :class:`JsonNumber` by its literal, then checked like a string. Raises :class:`MoneyError` for anything else:
    thousands separators and units (:data:`calculator.numbers.SEPARATOR_OR_UNIT`), NaN, infinity, exponents, more
    than two decimals, text, 1 万亿元 or more, or a negative amount unless ``allow_negative``.
    """
    if isinstance(value, bool) or value is None:
        raise MoneyError("应填写金额（元），例如 9000 或 9000.50")
    if isinstance(value, JsonNumber):
        value = value.literal
    if isinstance(value, int):
        dec = Decimal(value)
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise MoneyError("金额必须是有限的数字")
        dec = value
    elif isinstance(value, (str, float)):
        text = repr(value) if isinstance(value, float) else normalize_typed_number(value)
        problem = typed_number_problem(text)
        if problem:
            raise MoneyError(problem)
        if not _YUAN_TEXT.match(text):
            if re.match(r"^-?[0-9]+\.[0-9]{3,}$", text):
                raise MoneyError("金额最多保留两位小数（到分）")
            if re.match(r"^-?[0-9.]+[eE][-+]?[0-9]+$", text):
                raise MoneyError("金额请写成普通数字，不要用指数形式（如 1e3 请写成 1000）")
            raise MoneyError("金额应为数字（元），最多两位小数，例如 9000 或 9000.50")
        dec = Decimal(text)
    else:
        raise MoneyError("金额应为数字（元），最多两位小数，例如 9000 或 9000.50")
    if dec.copy_abs() >= MAX_YUAN:  # copy_abs: no context, so no Overflow for 1E+1000000
        # Beyond any household's figures; also keeps every later Decimal step (28 significant digits) exact.
        raise MoneyError("金额过大，请检查（应小于 1 万亿元）")
    cents = dec.quantize(Decimal("0.01"))  # below MAX_YUAN at most 12 + 2 digits: exact, never InvalidOperation
    if cents != dec:
        raise MoneyError("金额最多保留两位小数（到分）")
    if dec < 0 and not allow_negative:
        raise MoneyError("金额不能为负数")
    return int(cents * 100)


def fen_to_yuan_text(fen: int | Fraction) -> str:
    """Fen (an int, or a Fraction for shares of a fen) → ``"6960.00"``: 元 with two decimals, half-up."""
    exact = Fraction(fen) / 100
    dec = Decimal(exact.numerator) / Decimal(exact.denominator)
    # Decimal division at 28 significant digits, then half-up to the fen; for a Fraction that is exactly
    # half a fen the division is exact, so the half-up rule applies to the true value.
    shown = dec.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return str(abs(shown) if shown == 0 else shown)  # a tiny negative share of a fen shows as 0.00, not -0.00


def amount_text_to_fen(text: str) -> int:
    """A validated amount from the standards bundle (``"557"``, ``"557.5"``) → fen. Raises :class:`MoneyError`."""
    return yuan_to_fen(text)


def floor_fraction(value: Fraction) -> int:
    """Largest integer ≤ ``value``."""
    return value.numerator // value.denominator


def ceil_fraction(value: Fraction) -> int:
    """Smallest integer ≥ ``value``."""
    return -((-value.numerator) // value.denominator)

