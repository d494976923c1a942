"""台账核查: check a year's temporary-assistance ledger against the rules of 红民社救〔2019〕5号.

A tool above the engine: it reads a ledger (CSV in UTF-8, UTF-8 with BOM or GB18030, or XLSX), asks the
engine's rules (:mod:`calculator.rules`) and the standards bundle (:class:`calculator.standards.Bundle`) about
every assistance paid, and reports what breaks them. It holds no copy of any rule. Standard library only, except
that an XLSX file is read (and an XLSX report written) with openpyxl, imported only then.

Entry points:

* :func:`ledger_audit.reader.open_ledger` — a file → :class:`ledger_audit.reader.Ledger` (header mapped, rows
  numbered as the spreadsheet numbers them); raises :class:`ledger_audit.reader.LedgerError` when the file cannot
  be read at all;
* :func:`ledger_audit.audit.audit` — a ledger and the bundle → the report as plain data (the JSON shape of
  issue 20);
* :mod:`ledger_audit.report` — that report as Chinese Markdown, JSON text or an XLSX workbook.

The command line is ``scripts/audit-ledger``; the 台账核查 page runs the same code under Pyodide.
"""

from ledger_audit.audit import audit
from ledger_audit.reader import LedgerError, open_ledger

__all__ = ["LedgerError", "audit", "open_ledger"]
