"""The timed part of scripts/bench-audit, run as it is by CPython and by Pyodide under Node (audit-runner.mjs).

:func:`time_parse` times reading the ledger and parsing every cell the audit reads (``ledger_audit.audit.
parse_rows``); :func:`time_audit` times the whole audit and counts its findings by kind. Each first warms up
(imports, the first rows) and keeps the fastest of ``repeats`` passes. :func:`peak` is the peak of memory Python
allocated during one call (tracemalloc; CPython only: under Pyodide the runner reads the WebAssembly memory size).
"""

from __future__ import annotations

import itertools
import json
import time
import tracemalloc

from calculator.standards import Bundle
from ledger_audit import audit, open_ledger
from ledger_audit.audit import parse_rows


def _best(fn, repeats: int) -> float:
    for _ in itertools.islice(open_ledger(fn.path).rows(), 200):  # warm-up: imports, first rows
        pass
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def parse_pass(path: str):
    def run():
        return parse_rows(open_ledger(path))
    run.path = path
    return run


def audit_pass(path: str, bundle_json: str, out: dict):
    bundle = Bundle.from_dict(json.loads(bundle_json))

    def run():
        report = audit(open_ledger(path), bundle)
        out["rows"] = report["rows"]
        counts: dict = {}
        for finding in report["findings"]:
            counts[finding["kind"]] = counts.get(finding["kind"], 0) + 1
        out["findings"] = counts
        out["unreadable"] = len(report["unreadable"])
    run.path = path
    return run


def time_parse(path: str, repeats: int = 1) -> dict:
    return {"parse_s": _best(parse_pass(path), repeats)}


def time_audit(path: str, bundle_json: str, repeats: int = 1) -> dict:
    out: dict = {}
    out["audit_s"] = _best(audit_pass(path, bundle_json, out), repeats)
    return out


def peak(fn) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
