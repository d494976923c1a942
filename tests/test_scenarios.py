"""Every scenario in tests/scenarios/ run through the calculator under CPython, from the JSON text the page and the
CLI read (``input_json`` as typed, or ``input`` written as JSON)."""

from __future__ import annotations

import pytest

from sitebuild.scenarios import load_scenarios, mismatches, run_case

CASES = load_scenarios()


def run(case: dict, bundle) -> dict:
    """The result (or the error dict) of one scenario, as the CLI gives it."""
    return run_case(case, bundle)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_the_calculator_gives_the_values_worked_out_by_hand(case, bundle):
    assert mismatches(case, run(case, bundle)) == []
