"""Every scenario in tests/scenarios/ run through the calculator under CPython."""

from __future__ import annotations

import pytest

from calculator.application import InputError
from calculator.assess import assess
from sitebuild.scenarios import load_scenarios, mismatches

CASES = load_scenarios()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_the_calculator_gives_the_values_worked_out_by_hand(case, bundle):
    try:
        result = assess(case["input"], bundle)
    except InputError as exc:
        result = exc.as_dict()
    assert mismatches(case, result) == []
