"""Every scenario in tests/scenarios/ run through the calculator under CPython, from the JSON text the page and the
CLI read (``input_json`` as typed, or ``input`` written as JSON)."""

from __future__ import annotations

import pytest

from calculator.application import InputError, read_application_json
from calculator.assess import assess
from sitebuild.scenarios import application_json, load_scenarios, mismatches

CASES = load_scenarios()


def run(case: dict, bundle) -> dict:
    """The result (or the error dict) of one scenario, as the CLI gives it."""
    try:
        return assess(read_application_json(application_json(case)), bundle)
    except InputError as exc:
        return exc.as_dict()


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_the_calculator_gives_the_values_worked_out_by_hand(case, bundle):
    assert mismatches(case, run(case, bundle)) == []
