"""The forms' options and radios, and the words the page scripts show, rendered from the one vocabulary.

The 测算 and 配置 pages' Markdown holds a placeholder line (or inline comment) ``<!-- vocabulary:NAME -->`` where
a list of options, radios or a label goes; :func:`expand` replaces it, before the Markdown is converted, with the
HTML rendered from :mod:`calculator.vocabulary` and :mod:`standards_tools.form_labels`, so the form is complete in
the page as sent (nothing waits for a script to draw it). :func:`vocabulary_script` and
:func:`configurator_script` give the rest, as ``<script type="application/json">`` data, to the page scripts,
which keep no label table of their own.
"""

from __future__ import annotations

import json
import re

from calculator import vocabulary
from calculator.dated import DatedSeries
from calculator.standards import Bundle
from sitebuild.markdown_text import html_text
from standards_tools import form_labels

PLACEHOLDER = re.compile(r"<!-- vocabulary:([a-z-]+) -->")


class VocabularyError(Exception):
    """A page names a placeholder that does not exist (the message is Chinese, with the page)."""


def _options(pairs) -> str:
    return "\n".join(f'  <option value="{html_text(value)}">{html_text(text)}</option>' for value, text in pairs)


def _radios(name: str, pairs, checked: str | None, span: bool) -> str:
    lines = []
    for value, text in pairs:
        mark = " checked" if value == checked else ""
        shown = f"<span>{text}</span>" if span else text
        lines.append(f'<label><input type="radio" name="{name}" value="{html_text(value)}"{mark}> {shown}</label>')
    return "\n".join(lines)


def fragments() -> dict[str, str]:
    """``{placeholder name: HTML}``: every options list, radio group and label the two forms take from the
    vocabulary (options indented by two spaces, one per line, as the forms write them)."""
    default_series = form_labels.SERIES[0]
    types = [(t.value, f"<strong>{html_text(t.lead)}</strong>：{html_text(t.option)}") for t in vocabulary.TYPES]
    return {
        "county-options": _options((c.code, c.name) for c in vocabulary.COUNTIES),
        "residence-radios": _radios("residence", ((r.value, html_text(r.option)) for r in vocabulary.RESIDENCES),
                                    None, span=False),
        "type-radios": _radios("type", types, vocabulary.DEFAULT_TYPE, span=True),
        "cause-options": _options((c.value, c.name) for c in vocabulary.CAUSES),
        "severity-options": _options((s.value, s.option) for s in vocabulary.SEVERITIES),
        "status-options": _options((s.value, s.option) for s in vocabulary.STATUSES),
        "series-radios": _radios("series", ((s.value, html_text(s.option)) for s in form_labels.SERIES),
                                 default_series.value, span=True),
        "basis-radios": _radios("basis", ((value, html_text(text)) for value, text in form_labels.BASES),
                                form_labels.BASES[0][0], span=True),
        "amount-label": html_text(default_series.amount_label),
        "amount-help": html_text(default_series.amount_help),
        "amount-placeholder": html_text(default_series.amount_placeholder),
    }


def expand(markdown: str, page: str) -> str:
    """``markdown`` with every ``<!-- vocabulary:NAME -->`` replaced by :func:`fragments`' HTML.

    Raises :class:`VocabularyError` for an unknown NAME (a typo would otherwise leave a form without options).
    """
    if "<!-- vocabulary:" not in markdown:
        return markdown
    known = fragments()

    def replace(match: re.Match) -> str:
        if match.group(1) not in known:
            raise VocabularyError(f"{page}：未知的占位符 {match.group(0)}，可用的有：{'、'.join(known)}")
        return known[match.group(1)]

    return PLACEHOLDER.sub(replace, markdown)


def _script(element_id: str, data: object) -> str:
    # in the tables' order (not sorted): the scripts list the series in it
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>\n'


def vocabulary_script() -> str:
    """``<script type="application/json" id="vocabulary">`` with :func:`calculator.vocabulary.as_json_dict`."""
    return _script("vocabulary", vocabulary.as_json_dict())


def _periods(series: DatedSeries, shown) -> list[dict]:
    return [
        {"from": p.start.isoformat(), "to": None if p.end is None else p.end.isoformat(), **shown(p.value)}
        for p in series.periods()
    ]


def configurator_periods(bundle: Bundle) -> dict:
    """The prefecture-wide values the 配置 page shows beside a county's own, as periods (from … to inclusive,
    ISO dates; ``to`` None: still open) of :meth:`calculator.dated.DatedSeries.periods`: the page picks the one
    holding today's date and decides nothing.

    Shape: ``{"floor": {"urban"|"rural": [{"from", "to", "amount", "effective"}]},
    "township_limit_ratio": [{"from", "to", "value"}]}`` (the Yunnan floor, 元 in its series' unit; the
    prefecture's default township-limit ratio, clause 2-2-3).
    """

    def amount(value) -> dict:
        return {"amount": value.text, "effective": value.effective.isoformat()}

    return {
        "floor": {"urban": _periods(bundle.floor_urban, amount), "rural": _periods(bundle.floor_rural, amount)},
        "township_limit_ratio": _periods(bundle.parameters["township_limit_ratio"],
                                         lambda value: {"value": value.value}),
    }


def configurator_script(bundle: Bundle) -> str:
    """The 配置 page's data: :func:`vocabulary_script`, and ``#configurator-vocabulary`` with
    :func:`standards_tools.form_labels.as_json_dict` and :func:`configurator_periods`."""
    return vocabulary_script() + _script(
        "configurator-vocabulary", {**form_labels.as_json_dict(), "periods": configurator_periods(bundle)})

