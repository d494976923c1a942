"""The 测算 page without JavaScript: a static table of every county's figures in force on the build's reference
date, and where to apply.

The figures are the calculator's own (:func:`calculator.county_figures.county_periods`, the same data the page's
script shows per period); here only the period holding ``as_of`` is picked and written as HTML. The page puts this
inside ``<noscript>`` (marker ``<!-- nojs:county-figures -->`` in docs/calculator/index.md, replaced by
hooks/site_assets.py), so a browser with JavaScript off shows the table instead of a form that could not work.
"""

from __future__ import annotations

import datetime as dt

from calculator import vocabulary
from sitebuild.markdown_text import html_text

MARKER = "<!-- nojs:county-figures -->"
#: The columns after the county's name: keys of calculator.county_figures.county_figures.
COLUMNS = ("urban_monthly", "rural_annual", "single_cap", "year_total_cap", "township_limit", "light_emergency_max")


def _period(periods: list[dict], on: str) -> dict | None:
    """The period whose range (``from`` … ``to`` inclusive, ISO dates; ``to`` None: open) holds ``on``."""
    for p in periods:
        if p["from"] <= on and (p["to"] is None or on <= p["to"]):
            return p
    return None


def static_figures_html(periods: dict, as_of: dt.date) -> str:
    """HTML: a table (one row per county, the county_periods order) of the figures in force on ``as_of`` (元
    strings as computed by the calculator: urban 元/人·月, rural 元/人·年, the caps of clause 2-3-1, the township
    limit of clause 2-2-3, the 较轻 tier of clause 2-3-2), then where to apply (clauses 2-2, 2-2-1), with each
    county's contact when its file gives one. Counties with no period on ``as_of`` are left out."""
    on = as_of.isoformat()
    names, units = vocabulary.SERIES_NAMES, vocabulary.SERIES_UNITS
    rows, contacts = [], []
    for data in periods.values():
        p = _period(data["periods"], on)
        if p is None:
            continue
        name = html_text(data["name"])
        cells = "".join(f"<td>{html_text(p[key])}</td>" for key in COLUMNS)
        rows.append(f'<tr><th scope="row">{name}</th>{cells}</tr>')
        contact = data.get("contact") or {}
        said = " ".join(html_text(contact[k]) for k in ("office", "phone", "address") if contact.get(k))
        if said:
            contacts.append(f"<li>{name}：{said}</li>")
    titles = [f"{names['urban']}（{units['urban']}）", f"{names['rural']}（{units['rural']}）",
              "单次救助一般最高（元）",
               "全年累计最高（元）", "乡镇（街道）可审批（元以内）", "急难型较轻情形（元以下）"]
    head = '<tr><th scope="col">县市</th>' + "".join(f'<th scope="col">{html_text(t)}</th>' for t in titles) + "</tr>"
    where = (
        "<p>向户籍所在地（或居住地）的乡镇人民政府（街道办事处）提出申请，也可由村（居）民委员会代为提出；"
        "遇急难情况可先行救助，手续事后补办（<a href=\"../policy/#2-2\">第 2-2 条</a>、"
        "<a href=\"../policy/#2-2-1\">第 2-2-1 条</a>）。</p>"
    )
    if contacts:
        where += "<ul class=\"nojs-contacts\">" + "".join(contacts) + "</ul>"
    return (
        f'<h2 id="nojs-figures">各县市 {on} 在用的标准</h2>\n'
        '<p>以下数字由测算程序在网站生成时算出，与启用 JavaScript 时第 1 步显示的相同'
        '（<a href="../policy/#2-3-1">第 2-3-1 条</a>、<a href="../policy/#2-2-3">第 2-2-3 条</a>、'
        '<a href="../policy/#2-3-2">第 2-3-2 条</a>）。</p>\n'
        '<div class="nojs-table" tabindex="0" role="region" aria-labelledby="nojs-figures">'
        f'<table><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>\n'
        f'<h2 id="nojs-where">到哪里申请</h2>\n{where}\n'
    )
