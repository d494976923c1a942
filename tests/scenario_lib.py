"""Scenario files (``tests/scenarios/*.yaml``): one case per item, expected values as the policy's arithmetic.

An item::

    - name: 个旧市农村四口之家……低于低保标准，符合支出型救助收入条件（第2-1-2条，I3）
      clauses: ["2-1-2", "2-3-1"]
      input: {county: 个旧市, date: "2020-08-01", ...}      # the §5 input
      expect:                                               # a subset of the §5 result
        eligible: true
        per_capita_monthly_income: (9000 - 3000) / 6 / 4    # arithmetic in 元, exact, shown half-up to the fen
        single_cap: 3 * 640 * 12
      # or, for invalid input:
      error: {field: household_size}

Money expectations are arithmetic expressions (numbers, + − × ÷, parentheses, ``min``/``max``) evaluated
exactly with fractions and formatted like the calculator's output ("23040.00"). Other values compare as is.
"""

from __future__ import annotations

import ast
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import yaml

SCENARIO_DIR = Path(__file__).parent / "scenarios"
MONEY_FIELDS = {
    "per_capita_monthly_income", "dibao_standard_monthly", "urban_dibao_standard_annual", "single_cap",
    "case_by_case_max", "year_total_cap", "year_remaining", "qualifying_income_6m_max",
    "qualifying_self_paid_6m_min", "township_limit", "amount",
}


def _eval(node: ast.AST) -> Fraction:
    if isinstance(node, ast.Expression):
        return _eval(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, str)) and not isinstance(node.value, bool):
        return Fraction(str(node.value))
    if isinstance(node, ast.Constant) and type(node.value).__name__ == "float":
        return Fraction(repr(node.value))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_eval(node.operand)
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left), _eval(node.right)
        ops = {ast.Add: left + right, ast.Sub: left - right, ast.Mult: left * right}
        if isinstance(node.op, ast.Div):
            return left / right
        return ops[type(node.op)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("min", "max"):
        values = [_eval(a) for a in node.args]
        return min(values) if node.func.id == "min" else max(values)
    raise ValueError(f"not allowed in an expected value: {ast.dump(node)}")


def money(expression: object) -> str:
    """``"3 * 640 * 12"`` → ``"23040.00"``: exact arithmetic in 元, shown half-up to the fen."""
    value = _eval(ast.parse(str(expression), mode="eval"))
    dec = Decimal(value.numerator) / Decimal(value.denominator)
    return str(dec.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def load_scenarios() -> list[dict]:
    """Every scenario of every file, with ``file`` added; names must be unique."""
    cases = []
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            item["file"] = path.name
            cases.append(item)
    names = [c["name"] for c in cases]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"duplicate scenario names: {duplicates}")
    return cases


def expected_fields(case: dict) -> dict:
    """The case's expectations with money expressions evaluated."""
    out = {}
    for key, value in (case.get("expect") or {}).items():
        out[key] = money(value) if key in MONEY_FIELDS and value is not None else value
    return out


def mismatches(case: dict, result: dict) -> list[str]:
    """Differences between a case's expectations and a result (empty when they agree)."""
    if "error" in case:
        if "error" not in result:
            return [f"expected an error on {case['error']}, got a result"]
        want = case["error"].get("field")
        got = result["error"]["field"]
        return [] if want in (None, got) else [f"error field: expected {want}, got {got}"]
    if "error" in result:
        return [f"unexpected error {result['error']}"]
    out = []
    for key, want in expected_fields(case).items():
        if key == "referrals":
            got = [r["scheme"] for r in result["referrals"]]
        elif key == "warnings":
            got = sorted({w["kind"] for w in result["warnings"]})
            want = sorted(want)
        elif key == "reason_rules":
            got = sorted({r["rule"] for r in result["reasons"]})
            want = sorted(set(want))
            if not set(want) <= set(got):
                out.append(f"reason_rules: expected {want} ⊆ {got}")
            continue
        else:
            got = result.get(key)
        if got != want:
            out.append(f"{key}: expected {want!r}, got {got!r}")
    return out
