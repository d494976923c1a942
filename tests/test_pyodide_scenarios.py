"""PYODIDE: every scenario in tests/scenarios/ run inside real Pyodide, the runtime of the 测算 page.

The page runs the calculator in Pyodide 314 (Python 3.14 in WebAssembly); the command line and the other tests
run it in CPython 3.11. This module builds the calculator's wheel as the site does, starts Pyodide once under
Node 20 (tests/pyodide_runner.mjs, from the pinned npm package), puts the wheel on ``sys.path`` as the page does
(Python imports from the zip archive) and feeds every scenario's input as JSON text to
``calculator.web.assess_json`` — the page's entry point. For every case it checks that

* the Pyodide answer is byte-for-byte the CPython answer of the same ``calculator.web.assess_json`` call (the
  whole JSON, explanation text included, not only the fields the scenario names), and
* both agree with the values worked out by hand in the scenario file.

No marker: plain pytest collection (scripts/test) runs it. Cost: one wheel build and one Pyodide start
(≈ 5–10 s in all).
"""

from __future__ import annotations

import json

import pytest
from scenario_lib import application_json, build_wheel, load_scenarios, mismatches, run_in_pyodide

from calculator import web

CASES = load_scenarios()
IDS = [c["name"] for c in CASES]


@pytest.fixture(scope="module")
def bundle_text(bundle_data) -> str:
    from sitebuild.bundle import dumps

    return dumps(bundle_data)


@pytest.fixture(scope="module")
def pyodide_run(tmp_path_factory, bundle_text) -> dict:
    wheel = build_wheel(tmp_path_factory.mktemp("pyodide-wheel"))
    run = run_in_pyodide(wheel, bundle_text, [application_json(c) for c in CASES], timeout=120)
    assert len(run["results"]) == len(CASES)
    return {"run": run, "by_name": dict(zip(IDS, run["results"], strict=True))}


def _assess_json(text: str) -> str:
    """``web.assess_json`` in CPython; an exception becomes the runner's ``{"exception": …}`` text."""
    try:
        return web.assess_json(text)
    except Exception as exc:  # reported per case, as the runner does in Pyodide
        return json.dumps({"exception": f"{type(exc).__name__}: {exc}"}, ensure_ascii=False, separators=(",", ":"))


@pytest.fixture(scope="module")
def cpython_results(bundle_text) -> dict:
    web.init(bundle_text)
    return {c["name"]: _assess_json(application_json(c)) for c in CASES}


def test_the_scenarios_ran_in_pyodide_with_the_calculator_imported_from_its_wheel(pyodide_run):
    run = pyodide_run["run"]
    assert run["pyodide"] == "314.0.7"
    assert run["python"].startswith("3.14.")
    assert run["calculator_file"] == "/calculator.whl/calculator/__init__.py"


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_pyodide_gives_exactly_the_cpython_json_and_the_values_worked_out_by_hand(case, pyodide_run,
                                                                                  cpython_results):
    in_pyodide = pyodide_run["by_name"][case["name"]]
    in_cpython = cpython_results[case["name"]]
    assert json.loads(in_pyodide) == json.loads(in_cpython)  # a readable diff first …
    assert in_pyodide == in_cpython  # … then the exact text
    assert mismatches(case, json.loads(in_pyodide)) == []
