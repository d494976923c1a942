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
exactly with fractions and formatted like the calculator's output ("23040.00"). Other values compare as is,
except these expectation kinds, which look into the result's lists:

* ``referrals: [最低生活保障, 医疗救助]`` — the scheme names, in order;
* ``warnings: [province_floor, unverified]`` — the sorted set of warning kinds;
* ``reason_rules: [I3, I5]`` — these interpretation ids are among the reasons' rules;
* ``procedure_mentions: 重点核实`` (text or list) — each text appears in some procedure step;
* ``reasons_mention: 一事一救`` (text or list) — each text appears in some reason;
* ``warnings_mention: 低于同期省级指导标准`` (text or list) — each text appears in some warning;
* ``payment_mode: personal_account`` — ``payment.mode``;
* ``procedure_order: [提出申请, 受理, 公示, 审批]`` — the texts appear in the procedure's steps in this order;
* ``procedure_not_mention``, ``payment_mentions``, ``payment_not_mentions`` — (text or list) in no step / in the
  payment text / not in the payment text;
* ``text_mentions``, ``text_not_mentions`` — (text or list) in / not in the caseworker's plain text
  (``calculator.explain.result_text``, or the result's ``text`` where the page's entry point added it);
* ``reason_rule_for: {不设收入条件: I12}`` — every reason whose text contains the key carries that rule id;
* ``comparisons_hold: true`` — every comparison sentence holds as displayed (:func:`false_comparisons`);
* ``standards_used: [{name: 城市低保标准, value: "557", effective: "2018-07-01", set_by: county}]`` — each
  listed mapping matches (on the keys it gives) some entry of ``standards_used``.

An expectation naming a field the result does not have is a mismatch (a misspelt key never passes silently).
For invalid input, ``error: {field: household_size}`` may add ``message_contains: 家庭人口``.

An item may give ``input_json`` (the JSON text as typed, e.g. with ``1000.100``) instead of ``input``.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import yaml

SCENARIO_DIR = Path(__file__).resolve().parent.parent / "tests" / "scenarios"
MONEY_FIELDS = {
    "per_capita_monthly_income", "dibao_standard_monthly", "urban_dibao_standard_annual", "single_cap",
    "case_by_case_max", "year_total_cap", "year_remaining", "qualifying_income_6m_max",
    "qualifying_self_paid_6m_min", "township_limit", "amount",
}


_MENTIONS = {
    "procedure_mentions": ("procedure", lambda item: item["step"]),
    "reasons_mention": ("reasons", lambda item: item["text"]),
    "warnings_mention": ("warnings", lambda item: item["text"]),
}


def _texts(want: object) -> list[str]:
    return [want] if isinstance(want, str) else list(want)


def _plain_text(result: dict) -> str:
    if "text" in result:
        return result["text"]
    from calculator.explain import result_text

    return result_text(result)


# A comparison sentence: "<number> 元，低于城市低保标准 <number> 元" (also 不低于, 超过, 不超过), numbers possibly
# marked 约. Each must hold for the numbers as they are displayed (register I3: no sentence reads false).
_NUMBER = r"(约\s?)?(-?[0-9]+(?:\.[0-9]+)?)"
_COMPARISON = re.compile(
    _NUMBER + r"\s?元[，,]?\s?(?P<op>不低于|低于|不超过|超过)[^0-9。；，]*?" + _NUMBER + r"\s?元")
_EQUATION = re.compile(
    r"(?<!÷ )(?<![0-9.])(?P<a>[0-9]+(?:\.[0-9]+)?) ÷ (?P<b>[0-9]+) = (?P<c>-?[0-9]+(?:\.[0-9]+)?)(?!…)")


def false_comparisons(result: dict) -> list[str]:
    """Every sentence of a result (reasons, warnings, referrals, payment, procedure, plain text) that compares two
    amounts in 元 (低于/不低于/超过/不超过) or states a division (``3500 ÷ 12 = 291.67``) and does not hold for the
    numbers as displayed. Empty when all hold."""
    texts = [r["text"] for r in result.get("reasons", [])] + [w["text"] for w in result.get("warnings", [])]
    texts += [r["why"] for r in result.get("referrals", [])] + [s["step"] for s in result.get("procedure", [])]
    texts += [result["payment"]["text"]] if "payment" in result else []
    texts += _plain_text(result).splitlines() if "eligible" in result else []
    out = []
    for text in texts:
        for match in _COMPARISON.finditer(text):
            a, b = Decimal(match.group(2)), Decimal(match.group(5))
            holds = {"低于": a < b, "不低于": a >= b, "超过": a > b, "不超过": a <= b}[match.group("op")]
            if not holds:
                out.append(f"reads false as displayed: {match.group(0)!r} in {text!r}")
        for match in _EQUATION.finditer(text):
            if Fraction(match.group("a")) / Fraction(match.group("b")) != Fraction(match.group("c")):
                out.append(f"not an equality as displayed: {match.group(0)!r} in {text!r}")
    return out


_ABSENT = {
    "procedure_not_mention": lambda r: "\n".join(s["step"] for s in r["procedure"]),
    "payment_mentions": lambda r: r["payment"]["text"],
    "payment_not_mentions": lambda r: r["payment"]["text"],
    "text_mentions": _plain_text,
    "text_not_mentions": _plain_text,
}


def evaluate_expression(node: ast.AST) -> Fraction:
    """The exact value (元, as a Fraction) of an expected-value expression parsed with ``ast.parse(..., "eval")``:
    numbers, + − × ÷, parentheses, ``min``/``max``. Raises ``ValueError`` for anything else."""
    if isinstance(node, ast.Expression):
        return evaluate_expression(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, str)) and not isinstance(node.value, bool):
        return Fraction(str(node.value))
    if isinstance(node, ast.Constant) and type(node.value).__name__ == "float":
        return Fraction(repr(node.value))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -evaluate_expression(node.operand)
    if isinstance(node, ast.BinOp):
        left, right = evaluate_expression(node.left), evaluate_expression(node.right)
        ops = {ast.Add: left + right, ast.Sub: left - right, ast.Mult: left * right}
        if isinstance(node.op, ast.Div):
            return left / right
        return ops[type(node.op)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("min", "max"):
        values = [evaluate_expression(a) for a in node.args]
        return min(values) if node.func.id == "min" else max(values)
    raise ValueError(f"not allowed in an expected value: {ast.dump(node)}")


def money(expression: object) -> str:
    """``"3 * 640 * 12"`` → ``"23040.00"``: exact arithmetic in 元, shown half-up to the fen."""
    value = evaluate_expression(ast.parse(str(expression), mode="eval"))
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


def _error_mismatches(case: dict, result: dict) -> list[str]:
    """For a case that expects invalid input: the error's field and message."""
    if "error" not in result:
        return [f"expected an error on {case['error']}, got a result"]
    want = case["error"].get("field")
    got = result["error"]["field"]
    out = [] if want in (None, got) else [f"error field: expected {want}, got {got}"]
    text = case["error"].get("message_contains")
    if text is not None and text not in result["error"]["message"]:
        out.append(f"error message: expected it to contain {text!r}, got {result['error']['message']!r}")
    return out


def _procedure_order(want, result: dict) -> list[str]:
    steps, at = [s["step"] for s in result["procedure"]], 0
    for text in _texts(want):
        found = next((i for i in range(at, len(steps)) if text in steps[i]), None)
        if found is None:
            return [f"procedure_order: {text!r} not found in a step after step {at}: {steps}"]
        at = found + 1
    return []


def _looking_into_lists(key: str, want, result: dict) -> list[str] | None:
    """The expectation kinds that look into the result's lists (see the module docstring); None for the others."""
    if key in _MENTIONS:
        field, part = _MENTIONS[key]
        texts = [part(item) for item in result[field]]
        return [f"{key}: no {field} entry mentions {text!r}" for text in ([want] if isinstance(want, str) else want)
                if not any(text in t for t in texts)]
    if key == "standards_used":
        wanted_all = [{k: str(v) for k, v in entry.items()} for entry in want]
        return [f"standards_used: nothing matches {wanted}" for wanted in wanted_all
                if not any(all(str(u.get(k)) == v for k, v in wanted.items()) for u in result["standards_used"])]
    if key == "procedure_order":
        return _procedure_order(want, result)
    if key in _ABSENT:
        where = _ABSENT[key](result)
        return [f"{key}: {text!r} {'found' if text in where else 'not found'} in {where!r}"
                for text in _texts(want) if (text in where) == ("_not_" in key)]
    if key == "reason_rule_for":
        out = []
        for text, rule in want.items():
            rules = {r["rule"] for r in result["reasons"] if text in r["text"]}
            if rules != {rule}:
                out.append(f"reason_rule_for: reasons mentioning {text!r} carry {sorted(rules)}, expected {rule}")
        return out
    if key == "comparisons_hold":
        return false_comparisons(result) if want else []
    if key == "reason_rules":
        got = sorted({r["rule"] for r in result["reasons"]})
        return [] if set(want) <= set(got) else [f"reason_rules: expected {sorted(set(want))} ⊆ {got}"]
    return None


def mismatches(case: dict, result: dict) -> list[str]:
    """Differences between a case's expectations and a result (empty when they agree)."""
    if "error" in case:
        return _error_mismatches(case, result)
    if "error" in result:
        return [f"unexpected error {result['error']}"]
    out = []
    for key, want in expected_fields(case).items():
        listed = _looking_into_lists(key, want, result)
        if listed is not None:
            out += listed
            continue
        if key == "payment_mode":
            got = result["payment"]["mode"]
        elif key == "referrals":
            got = [r["scheme"] for r in result["referrals"]]
        elif key == "warnings":
            got = sorted({w["kind"] for w in result["warnings"]})
            want = sorted(want)
        elif key not in result:
            out.append(f"{key}: the result has no such field")
            continue
        else:
            got = result[key]
        if got != want:
            out.append(f"{key}: expected {want!r}, got {got!r}")
    return out


# -- running the scenarios inside Pyodide (tests/test_pyodide_scenarios.py, scripts/bench-calculator) ---------

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_RUNNER = ROOT / "sitebuild" / "pyodide_runner.mjs"


def application_json(case: dict) -> str:
    """The case's input as the JSON text the page sends (what ``calculator.page_api.assess_json`` receives):
    ``input_json`` as written, or ``input`` as JSON."""
    if "input_json" in case:
        return case["input_json"]
    return json.dumps(case["input"], ensure_ascii=False)


def run_case(case: dict, bundle) -> dict:
    """One scenario as the CLI and the page run it: its input read as JSON text, then assessed against ``bundle``
    (a :class:`calculator.standards.Bundle`). Returns the result, or ``{"error": {...}}`` for refused input."""
    from calculator.application import InputError, read_application_json
    from calculator.assess import assess

    try:
        return assess(read_application_json(application_json(case)), bundle)
    except InputError as exc:
        return exc.as_dict()


def build_wheel(out_dir: Path) -> Path:
    """The project's pure-Python wheel (the engine and the standards tools), built as the site hook builds it
    (``pip wheel --no-deps``).

    Built from a private copy of ``pyproject.toml``, ``calculator/`` and ``standards_tools/`` so that
    setuptools' ``build/`` and
    ``*.egg-info`` never touch the shared working tree (other builds may run at the same time).
    """
    src = Path(out_dir) / "src"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    shutil.copyfile(ROOT / "pyproject.toml", src / "pyproject.toml")
    for package in ("calculator", "standards_tools"):
        shutil.copytree(ROOT / package, src / package, ignore=shutil.ignore_patterns("__pycache__"))
    wheel_dir = Path(out_dir) / "wheel"
    shutil.rmtree(wheel_dir, ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "--wheel-dir", str(wheel_dir), str(src)],
        check=True, cwd=src, capture_output=True, text=True,
    )
    wheels = sorted(wheel_dir.glob("*-py3-none-any.whl"))
    if len(wheels) != 1:
        raise RuntimeError(f"expected one py3-none-any wheel in {wheel_dir}, found {wheels}")
    return wheels[0]


def configurator_requests() -> list[str]:
    """Requests of the 县市标准配置 page (``standards_tools.configurator.evaluate_json``) that reach every part of it:
    each series, a county with its own figures and one without, a valid form (file, diff, what-if), a bad amount,
    a missing source and a 28-digit amount. JSON texts."""
    source = {"document": "蒙自市民政局关于提高2026年城乡低保标准的通知", "issuer": "蒙自市民政局",
              "published": "2026-06-20", "url": "https://www.hhmz.gov.cn/2026/notice.html"}
    forms = {
        "urban": {"effective": "2026-07-01", "amount": "800", "status": "verified", **source},
        "rural": {"effective": "2026-07-01", "amount": "7000", "status": "unverified", **source},
        "township_limit": {"effective": "2027-01-01", "basis": "fixed", "amount": "5000", "status": "verified",
                           **source},
    }
    out = []
    for county, name in (("532503", "532503-mengzi.yaml"), ("532501", "532501-gejiu.yaml")):
        original = (ROOT / "standards" / name).read_text(encoding="utf-8")
        for series, form in forms.items():
            for variant in (form, {**form, "amount": "8928.123"}, {**form, "issuer": ""}, {**form, "amount": "9" * 28}):
                out.append(json.dumps({"county": county, "series": series, "form": variant, "original": original,
                                       "today": "2026-11-29"}, ensure_ascii=False))
    return out


def run_in_pyodide(wheel: Path, bundle_text: str, cases: list[str], *, bench_runs: int = 0,
                   stdlib: Path | None = None, configurator: list[str] | None = None, tools: Path | None = None,
                   imports: list[str] | None = None, report_stdlib: bool = False, timeout: float = 300) -> dict:
    """Run ``sitebuild/pyodide_runner.mjs`` once: every case through ``calculator.page_api.assess_json`` in Pyodide.

    ``wheel``: the engine's zip (:func:`sitebuild.pyodide_compile.calculator_zip`) or the whole wheel.
    ``stdlib``: the standard library zip to start Pyodide with (the site's trimmed one); default: the npm
    package's. ``configurator``: requests for ``standards_tools.configurator.evaluate_json``; ``tools``: the
    standards tools' zip they need when ``wheel`` is the engine's only. ``imports``: modules to
    import as well. ``report_stdlib``: also list the standard-library files Python read (``stdlib_files``).
    Returns the runner's JSON document (``results`` holds assess_json's texts in case order). Raises
    ``RuntimeError`` with Node's stderr when the runner fails.
    """
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not on PATH: Pyodide runs under Node 20 (see scripts/_setup.sh)")
    job = {"wheel": str(wheel), "bundle": bundle_text, "cases": cases, "bench_runs": bench_runs,
           "report_stdlib": report_stdlib, "imports": imports or []}
    if stdlib is not None:
        job["stdlib"] = str(stdlib)
    if configurator is not None:
        job["configurator_requests"] = configurator
    if tools is not None:
        job["tools"] = str(tools)
    with tempfile.TemporaryDirectory() as tmp:
        job_path = Path(tmp) / "job.json"
        job_path.write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
        proc = subprocess.run([node, str(PYODIDE_RUNNER), str(job_path)], capture_output=True, text=True,
                              encoding="utf-8", timeout=timeout, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"{PYODIDE_RUNNER.name} exited {proc.returncode}:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout)
