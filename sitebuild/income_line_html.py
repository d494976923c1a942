"""The 测算 page's income-line table (issue 18): every line computed by the engine at build time, as page data.

``calculator.county_figures.income_lines`` gives, for every county, period, residence and household size 1–30, the
largest six-month income that meets the expenditure type's income condition (clause 2-1-2). The hook puts it into
the 测算 page as JSON, with the sentence it fills in, right before ``assets/calc/income-line.js``, which only looks
the entry up: the line shows as soon as the county, date, residence and size are chosen, without Python.
"""

from __future__ import annotations

import json

from calculator.county_figures import INCOME_LINE, income_lines
from calculator.standards import Bundle

SCRIPT = '<script src="../assets/calc/income-line.js"></script>'


def table_json(bundle: Bundle) -> str:
    """``{"template": INCOME_LINE, "counties": income_lines(bundle)}`` as compact JSON (UTF-8 text)."""
    return json.dumps({"template": INCOME_LINE, "counties": income_lines(bundle)}, ensure_ascii=False,
                      separators=(",", ":"))


def page_html(bundle: Bundle) -> str:
    """The JSON (``#income-lines``, safe inside ``<script>``) and the script that shows it, for after figures.js."""
    data = table_json(bundle).replace("</", "<\\/")
    return f'<script type="application/json" id="income-lines">{data}</script>\n{SCRIPT}'
