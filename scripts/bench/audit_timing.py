"""The timed part of scripts/bench-audit, run as it is by CPython and by Pyodide under Node (audit-runner.mjs).

:func:`time_both` times reading the ledger and parsing every cell the audit reads (``ledger_audit.audit.
parse_rows``) and the whole audit, ``repeats`` times each, interleaved (parse, audit, parse, audit, …) so that a
change of load on a shared machine falls on both alike; it first warms up (imports, the first rows) and counts the
audit's findings by kind. :func:`peak` is the peak of memory Python allocated during one call (tracemalloc;
CPython only: under Pyodide the runner reads the WebAssembly memory size).
"""

from __future__ import annotations

import itertools
import json
import time
import tracemalloc

from calculator.standards import Bundle
from ledger_audit import audit, open_ledger
from ledger_audit.audit import parse_rows


def parse_pass(path: str):
    def run():
        return parse_rows(open_ledger(path))
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
    return run


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def time_both(path: str, bundle_json: str, repeats: int = 1) -> dict:
    """``{"parse_times": [s, …], "audit_times": [s, …], "rows", "findings": {kind: n}, "unreadable"}``: the
    seconds of each pass, in the order run (parse and audit alternating)."""
    for _ in itertools.islice(open_ledger(path).rows(), 200):  # warm-up: imports, first rows
        pass
    out: dict = {"parse_times": [], "audit_times": []}
    parse, audit_ = parse_pass(path), audit_pass(path, bundle_json, out)
    for _ in range(repeats):
        out["parse_times"].append(_timed(parse))
        out["audit_times"].append(_timed(audit_))
    return out


def peak(fn) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
