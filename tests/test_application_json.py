"""Reading the application's JSON text (calculator.application.read_application_json): the command line and the
page share it, and it refuses the same texts under CPython and Pyodide (tests/test_pyodide_scenarios.py runs
HOSTILE_TEXTS there too)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from calculator.application import MAX_DEPTH, MAX_EXPONENT, MAX_NUMBER_CHARS, InputError, read_application_json


def refusal(text: str) -> tuple[str, str]:
    with pytest.raises(InputError) as caught:
        read_application_json(text)
    return caught.value.field, caught.value.message


def nested(depth: int) -> str:
    """A text whose brackets nest ``depth`` deep: {"event": [[…]]}."""
    return '{"event": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}"


def test_nesting_up_to_the_limit_is_read_and_one_level_more_is_refused():
    assert MAX_DEPTH == 20
    assert read_application_json(nested(MAX_DEPTH))["event"] is not None  # 20 deep: read (the field check decides)
    assert refusal(nested(MAX_DEPTH + 1)) == ("$", "输入的 JSON 嵌套层数过多（最多 20 层）")


def test_brackets_inside_strings_do_not_count_as_nesting():
    text = json.dumps({"event": "[" * 50 + '"{' * 50})
    assert read_application_json(text) == {"event": "[" * 50 + '"{' * 50}


def test_a_very_deep_text_is_refused_before_any_parser_recursion():
    assert refusal("[" * 1_000_000 + "]" * 1_000_000)[1].startswith("输入的 JSON 嵌套层数过多")


def test_exponents_up_to_100_are_read_as_decimals_and_beyond_are_refused():
    assert MAX_EXPONENT == 100
    assert read_application_json('{"income_6m": 1e100}') == {"income_6m": Decimal("1e100")}
    assert read_application_json('{"income_6m": 1E-100}') == {"income_6m": Decimal("1e-100")}
    field, message = refusal('{"income_6m": 1e101}')
    assert field == "$" and message.startswith("输入中的数字 1e101 超出范围")
    # beyond what Pyodide's 32-bit decimal library can hold (about 4.25e8): refused the same way everywhere
    assert refusal('{"county": 1e425000001}')[1].startswith("输入中的数字 1e425000001 超出范围")


def test_numbers_up_to_40_characters_are_read_and_longer_ones_are_refused():
    assert MAX_NUMBER_CHARS == 40
    forty = "1" * 40
    assert read_application_json(f'{{"amount": {forty}}}') == {"amount": int(forty)}
    assert read_application_json(f'{{"amount": {forty[:-2]}.5}}') == {"amount": Decimal(forty[:-2] + ".5")}
    assert refusal(f'{{"amount": {forty}1}}')[1] == (
        "输入中的数字 11111111111111111111… 超出范围：金额请写成普通数字（元），例如 9000 或 9000.50")


def test_nan_and_infinity_are_refused_by_name():
    for name in ("NaN", "Infinity", "-Infinity"):
        assert refusal(f'{{"income_6m": {name}}}') == (
            "$", f"输入中不能有 {name}：金额请写成数字，例如 9000 或 9000.50")


def test_a_key_given_twice_is_refused_naming_the_key():
    assert refusal('{"county": "532503", "county": "532501"}') == ("county", "字段“county”出现了两次，请只保留一个")


def test_text_that_is_not_json_says_where():
    assert refusal('{"county": "532503",\n "date": }') == ("$", "输入不是合法的 JSON（第 2 行第 10 列）")
