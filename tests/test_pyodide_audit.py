"""The 台账核查 page's Python under Pyodide (Node), arranged as the page's worker arranges it: the site's trimmed
standard library, the calculator, then the audit's own standard-library zip, ledger_audit, openpyxl and et_xmlfile,
all compiled as the site ships them. Every format gives the same report as CPython, and the audit's list of
standard-library files is current."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ledger_audit import web
from sitebuild.audit_assets import run_in_pyodide
from sitebuild.bundle import ROOT, dumps
from sitebuild.ledger_samples import sample_ledgers
from sitebuild.pyodide_compile import calculator_zip
from sitebuild.pyodide_stdlib import site_zip
from sitebuild.scenarios import build_wheel


@pytest.fixture(scope="module")
def pyodide_run(tmp_path_factory, bundle_data):
    tmp = tmp_path_factory.mktemp("audit")
    calculator = tmp / "calculator.zip"
    calculator.write_bytes(calculator_zip(build_wheel(tmp)))
    stdlib = tmp / "python_stdlib.zip"
    stdlib.write_bytes(site_zip())
    ledgers = sample_ledgers(tmp)
    return ledgers, run_in_pyodide(calculator, dumps(bundle_data), ledgers, stdlib=stdlib)


def test_every_ledger_format_gives_the_same_report_under_pyodide_as_under_cpython(pyodide_run, bundle_data):
    ledgers, run = pyodide_run
    web.init(dumps(bundle_data))
    for ledger, got in zip(ledgers, run["results"], strict=True):
        assert json.loads(got) == json.loads(web.audit_file(ledger["path"], ledger["name"], ledger["as_of"])), \
            ledger["name"]
    first = json.loads(run["results"][0])["report"]
    assert [(f["kind"], f["rows"]) for f in first["findings"]][:2] == [("times_per_year", [4]), ("light_tier", [6])]
    assert "error" in json.loads(run["results"][3])  # broken.csv: neither UTF-8 nor GB18030


def test_the_page_gets_progress_in_rows_and_an_xlsx_report(pyodide_run):
    _, run = pyodide_run
    assert run["progress"][0] == [[5, 20], [10, 20], [15, 20], [20, 20], [20, 20]]
    assert all(size > 1000 for size in run["xlsx_sizes"])


def test_the_audits_standard_library_list_is_current():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "pyodide-stdlib-audit"), "--check"],
                          capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
