"""Exact money: 元 text ↔ integer fen, half-up display after exact comparison."""

from fractions import Fraction

import pytest

from calculator.money import MoneyError, fen_to_yuan_text, yuan_to_fen


def test_amounts_in_yuan_become_integer_fen():
    assert yuan_to_fen("9000") == 9000 * 100
    assert yuan_to_fen("9000.5") == 900050
    assert yuan_to_fen(9000) == 900000


@pytest.mark.parametrize("bad", ["1.005", "7e2", "NaN", "-1", "abc", "", True, None, [1]])
def test_amounts_that_are_not_yuan_with_two_decimals_are_refused(bad):
    with pytest.raises(MoneyError):
        yuan_to_fen(bad)


def test_display_rounds_half_up_to_the_fen_only_at_the_end():
    assert fen_to_yuan_text(Fraction(350000, 12)) == "291.67"  # 3500 元 ÷ 12 = 291.666… 元 → 291.67
    assert fen_to_yuan_text(Fraction(1, 2)) == "0.01"  # half a fen rounds up
    assert fen_to_yuan_text(Fraction(-1, 3)) == "0.00"  # not "-0.00"
    assert fen_to_yuan_text(-150) == "-1.50"
