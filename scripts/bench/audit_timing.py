"""The timed part of scripts/bench-audit, run as it is by CPython and by Pyodide under Node (audit-runner.mjs).

``measure(path, bundle_json, repeats)`` opens the ledger at ``path`` and times, ``repeats`` times each, reading
and parsing every cell (``ledger_audit.audit.parse_rows``) and the whole audit (``ledger_audit.audit``); then, in
one more pass of each under tracemalloc, the peak of memory Python allocated. Returns plain data (JSON-ready).
"""

from __future__ import annotations

import json
import time
import tracemalloc

from calculator.standards import Bundle
from ledger_audit import audit, open_ledger
from ledger_audit.audit import parse_rows


def _timed(fn, repeats: int) -> float:
    best = None
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        took = time.perf_counter() - start
        best = took if best is None else min(best, took)
    return best


def _peak(fn) -> int:
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def measure(path: str, bundle_json: str, repeats: int = 1) -> dict:
    bundle = Bundle.from_dict(json.loads(bundle_json))
    out: dict = {}

    def parse():
        out["unreadable_cells"] = parse_rows(open_ledger(path))

    def check():
        report = audit(open_ledger(path), bundle)
        out["rows"] = report["rows"]
        counts: dict = {}
        for finding in report["findings"]:
            counts[finding["kind"]] = counts.get(finding["kind"], 0) + 1
        out["findings"] = counts
        out["unreadable"] = len(report["unreadable"])

    out["parse_s"] = _timed(parse, repeats)
    out["audit_s"] = _timed(check, repeats)
    out["parse_peak_bytes"] = _peak(parse)
    out["audit_peak_bytes"] = _peak(check)
    return out
