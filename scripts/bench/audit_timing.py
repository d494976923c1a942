"""The timed part of scripts/bench-audit, run as it is by CPython and by Pyodide under Node (audit-runner.mjs).

:func:`time_both` times reading the ledger and parsing every cell the audit reads (``ledger_audit.audit.
parse_rows``) and the whole audit, ``repeats`` times each, interleaved (parse, audit, parse, audit, …) so that a
change of load on a shared machine falls on both alike; it first warms up (imports, the first rows) and counts the
audit's findings by kind. Each pass is timed by the wall clock and by the CPU time of the process (CPython:
``time.process_time``; Pyodide under Node: ``process.cpuUsage()``, which the runner hands over as
``js.cpuSeconds``): on a shared machine the wall clock also counts the time the process waited for a core.
:func:`peak` is the peak of memory Python allocated during one call (tracemalloc;
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


def _cpu_clock():
    try:
        import js  # Pyodide: audit-runner.mjs defines cpuSeconds (process.cpuUsage() of Node, in seconds)
    except ImportError:
        return time.process_time
    return js.cpuSeconds


def _timed(fn, cpu) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one call of ``fn``."""
    wall, used = time.perf_counter(), cpu()
    fn()
    return time.perf_counter() - wall, cpu() - used


def time_both(path: str, bundle_json: str, repeats: int = 1) -> dict:
    """``{"parse_times": [s, …], "audit_times": [s, …], "parse_cpu": [s, …], "audit_cpu": [s, …], "rows",
    "findings": {kind: n}, "unreadable"}``: the wall and CPU seconds of each pass, in the order run (parse and
    audit alternating)."""
    for _ in itertools.islice(open_ledger(path).rows(), 200):  # warm-up: imports, first rows
        pass
    out: dict = {"parse_times": [], "audit_times": [], "parse_cpu": [], "audit_cpu": []}
    parse, audit_, cpu = parse_pass(path), audit_pass(path, bundle_json, out), _cpu_clock()
    for _ in range(repeats):
        for name, fn in (("parse", parse), ("audit", audit_)):
            wall, used = _timed(fn, cpu)
            out[f"{name}_times"].append(wall)
            out[f"{name}_cpu"].append(used)
    return out


def peak(fn) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
