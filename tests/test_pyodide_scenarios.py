"""PYODIDE: every scenario in tests/scenarios/ run inside real Pyodide, the runtime of the 测算 page.

The page runs the calculator in Pyodide 314 (Python 3.14 in WebAssembly); the command line and the other tests
run it in CPython 3.11. This module builds the calculator's wheel as the site does, starts Pyodide once under
Node 20 (sitebuild/pyodide_runner.mjs, from the pinned npm package), puts the wheel on ``sys.path`` as the page does
(Python imports from the zip archive) and feeds every scenario's input as JSON text to
``calculator.page_api.assess_json`` — the page's entry point. For every case it checks that

* the Pyodide answer is byte-for-byte the CPython answer of the same ``calculator.page_api.assess_json`` call (the
  whole JSON, explanation text included, not only the fields the scenario names), and
* both agree with the values worked out by hand in the scenario file.

No marker: plain pytest collection (scripts/test) runs it. Cost: one wheel build and one Pyodide start
(≈ 5–10 s in all).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from calculator import page_api
from sitebuild.pyodide_compile import calculator_zip
from sitebuild.pyodide_stdlib import configurator_zip, site_zip
from sitebuild.scenarios import (
    ROOT,
    application_json,
    build_wheel,
    configurator_requests,
    load_scenarios,
    mismatches,
    run_in_pyodide,
)

CASES = load_scenarios()
IDS = [c["name"] for c in CASES]
# Texts no form sends, each refused with the same words by CPython and Pyodide (calculator.application's reader):
# without its limits the first two overflow Pyodide's JavaScript stack, a fatal error for Python in the page, and
# the third is out of range for Pyodide's 32-bit decimal library only.
HOSTILE_TEXTS = [
    '{"a":' * 3500 + "1" + "}" * 3500,
    "[" * 6000 + "]" * 6000,
    '{"county": 1e425000001}',
    '{"county": "532503", "date": "2019-07-01", "residence": "urban", "household_size": 4, "income_6m": 1e1000000}',
    '{"event": ' + "[" * 990 + "]" * 990 + "}",
    '{"county": "532503", "county": "532501"}',
    '{"income_6m": NaN}',
    "{not json",
]


@pytest.fixture(scope="module")
def bundle_text(bundle_data) -> str:
    from sitebuild.bundle import dumps

    return dumps(bundle_data)


@pytest.fixture(scope="module")
def pyodide_run(tmp_path_factory, bundle_text) -> dict:
    """All scenarios in Pyodide started with the site's standard library and calculator (both compiled to
    bytecode), as the page starts them."""
    tmp = tmp_path_factory.mktemp("pyodide-wheel")
    calculator = tmp / "calculator.zip"
    wheel = build_wheel(tmp)
    calculator.write_bytes(calculator_zip(wheel))
    tools = tmp / "standards_tools.zip"
    tools.write_bytes(configurator_zip(wheel))  # the standards tools and difflib, as the 配置 page gets them
    stdlib = tmp / "python_stdlib.zip"
    stdlib.write_bytes(site_zip())
    run = run_in_pyodide(calculator, bundle_text, [application_json(c) for c in CASES] + HOSTILE_TEXTS, stdlib=stdlib,
                         configurator=configurator_requests(), tools=tools, timeout=120)
    assert len(run["results"]) == len(CASES) + len(HOSTILE_TEXTS)
    return {"run": run, "by_name": dict(zip(IDS, run["results"][:len(CASES)], strict=True)),
            "hostile": run["results"][len(CASES):]}


def _assess_json(text: str) -> str:
    """``page_api.assess_json`` in CPython; an exception becomes the runner's ``{"exception": …}`` text."""
    try:
        return page_api.assess_json(text)
    except Exception as exc:  # reported per case, as the runner does in Pyodide
        return json.dumps({"exception": f"{type(exc).__name__}: {exc}"}, ensure_ascii=False, separators=(",", ":"))


@pytest.fixture(scope="module")
def cpython_results(bundle_text) -> dict:
    page_api.init(bundle_text)
    return {c["name"]: _assess_json(application_json(c)) for c in CASES}


def test_the_scenarios_ran_in_pyodide_with_the_calculator_imported_from_its_compiled_zip(pyodide_run):
    run = pyodide_run["run"]
    assert run["pyodide"] == "314.0.7"
    assert run["python"].startswith("3.14.")
    assert run["calculator_file"] == "/calculator.zip/calculator/__init__.pyc"


def test_pyodide_imported_the_standard_library_from_the_sites_compiled_zip_not_from_sources(pyodide_run):
    assert pyodide_run["run"]["stdlib_file"] == "/lib/python314.zip/json/__init__.pyc"


def test_texts_no_form_sends_are_refused_with_the_same_words_in_pyodide_as_in_cpython(pyodide_run, bundle_text):
    page_api.init(bundle_text)
    in_cpython = [_assess_json(text) for text in HOSTILE_TEXTS]
    assert pyodide_run["hostile"] == in_cpython
    assert all(set(json.loads(t)) == {"error"} for t in in_cpython), in_cpython


def test_the_configurator_gives_the_same_answers_in_pyodide_on_the_trimmed_standard_library(pyodide_run,
                                                                                              bundle_text):
    from standards_tools import configurator

    configurator.init(bundle_text)
    in_cpython = [configurator.evaluate_json(r) for r in configurator_requests()]
    in_pyodide = pyodide_run["run"]["configurator_results"]
    assert [json.loads(t) for t in in_pyodide] == [json.loads(t) for t in in_cpython]
    assert not any("fatal" in json.loads(t) for t in in_pyodide)
    assert sum(json.loads(t)["file"] is not None for t in in_pyodide) == 6  # a file for each valid form


def test_the_list_of_standard_library_files_the_site_ships_is_what_pyodide_reads():
    """sitebuild/pyodide_stdlib.txt, by scripts/pyodide-stdlib --check (Pyodide, full standard library)."""
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "pyodide-stdlib"), "--check"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr + proc.stdout


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_pyodide_gives_exactly_the_cpython_json_and_the_values_worked_out_by_hand(case, pyodide_run,
                                                                                  cpython_results):
    in_pyodide = pyodide_run["by_name"][case["name"]]
    in_cpython = cpython_results[case["name"]]
    assert json.loads(in_pyodide) == json.loads(in_cpython)  # a readable diff first …
    assert in_pyodide == in_cpython  # … then the exact text
    assert mismatches(case, json.loads(in_pyodide)) == []
