"""Entry points for the 台账核查 page: the audit under Pyodide in a Web Worker, nothing sent anywhere.

The worker (``docs/assets/audit/worker.js``) writes the file the person chose into Pyodide's in-memory file
system and calls :func:`audit_file`; the report comes back as JSON text, and :func:`report_xlsx` writes the XLSX
report next to it for the download. The standards bundle is handed over once with :func:`init`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from calculator.standards import Bundle
from ledger_audit import report as reports
from ledger_audit.audit import KINDS, Auditor, run
from ledger_audit.reader import LedgerError, open_ledger

_state: dict = {}


def init(bundle_json: str) -> str:
    """Load the standards bundle (JSON text). Returns ``'{"ok": true}'``; raises ``BundleError`` when malformed."""
    _state["bundle"] = Bundle.from_dict(json.loads(bundle_json))
    return json.dumps({"ok": True})


def audit_file(path: str, name: str, as_of: str | None = None,
               progress: Callable[[int, int], None] | None = None, every: int = 500) -> str:
    """Audit the ledger at ``path`` (``name``: the file's name as chosen, for the Markdown report).

    ``as_of``: ``YYYY-MM-DD`` or empty (no reference date). ``progress(rows_done, total)`` is called every
    ``every`` rows and at the end. Returns JSON text: ``{"report": …, "markdown": "…", "kinds": {kind: {"rule",
    "clause", "label"}}, "months": ["2024-03", …]}`` (``months`` aligned with the report's findings), or
    ``{"error": {"message": "中文"}}`` when the file cannot be read at all.
    """
    try:
        ledger = open_ledger(path)
        auditor = Auditor(_state["bundle"], ledger.columns, ledger.header,
                          dt.date.fromisoformat(as_of) if as_of else None)
        report = run(auditor, ledger, progress, every)
    except LedgerError as error:
        return json.dumps({"error": {"message": error.message}}, ensure_ascii=False)
    _state["report"] = report
    return json.dumps({
        "report": report,
        "markdown": reports.to_markdown(report, source=name),
        "kinds": {kind: {"rule": rule, "clause": clause, "label": label}
                  for kind, (rule, clause, label) in KINDS.items()},
        "months": auditor.finding_months,
    }, ensure_ascii=False)


def report_xlsx(path: str) -> str:
    """Write the last report as an XLSX workbook to ``path`` (Pyodide's file system); returns ``path``."""
    with open(path, "wb") as f:
        f.write(reports.to_xlsx(_state["report"]))
    return path
