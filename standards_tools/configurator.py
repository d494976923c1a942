"""The 县市标准配置 page: one new dated value for a county, checked, its effect shown, and the file change made.

Standard library only: this runs in the browser under Pyodide (``docs/assets/config/worker.js``) and in CPython
(tests). It never reads files: the page hands over the standards bundle (``assets/standards.json``) and the
county's original YAML text (``assets/config/standards/*.yaml``, shipped by ``sitebuild/configurator_assets.py``).

Three kinds of edit, named by ``series``:

* ``"urban"`` — a new urban dibao standard, 元/人·月 (``dibao.urban.values``);
* ``"rural"`` — a new rural dibao standard, 元/人·年 (``dibao.rural.values``);
* ``"township_limit"`` — a new township approval limit (``local.township_limit``), ``basis`` ``ratio`` or
  ``fixed`` (clause 2-2-3).

An *entry* is the dict written into the file, with the keys of ``standards/README.md`` in their order
(``effective``, ``amount``, ``status``, ``source`` …); every value is text, as the strict YAML reader reads it.

Checks: :func:`check_entry` runs :func:`standards_tools.checks.check_document` — the very checks of
``scripts/validate-standards`` — on the county's data with the entry inserted, and returns the messages that
concern the entry by form field. Required keys and the URL form are the schema's; their messages come from
:mod:`standards_tools.checks` as well (``missing_key_message``, ``url_problem``).

The file: :func:`add_entry` inserts the entry *textually* into the original file — at its place in date order,
in the file's own indentation — so that the file's order, formatting and comments stay as they were and the
pull request shows only the new lines. ``values: []`` becomes a block list.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from fractions import Fraction

from calculator.application import InputError
from calculator.money import fen_to_yuan_text
from calculator.numbers import normalize_typed_number, typed_number_problem
from calculator.standards import Bundle
from standards_tools import checks, form_labels
from standards_tools.reference_households import FIELDS, REFERENCE_HOUSEHOLDS, assess_reference
from standards_tools.yaml_edit import (
    DIBAO_SERIES,
    EditError,
    add_entry,
    check_series,
    diff,
    insert_index,
)

SOURCE_KEYS = ("document", "issuer", "published", "url", "note")
#: Form fields of an entry: the entry's own keys and the keys of its ``source`` (flattened).
ENTRY_FIELDS = ("effective", "amount", "status", "basis", "ratio") + SOURCE_KEYS
SERIES_LABEL = form_labels.SERIES_LABEL
#: Fields whose errors prevent the what-if (it only needs the date and the figure).
FIGURE_FIELDS = ("effective", "amount", "basis", "ratio")
PLACEHOLDER_SOURCE = {"document": "（待填）", "issuer": "（待填）"}


# =============================================================================================== entries


NUMBER_FIELDS = ("amount", "ratio")


def entry_from_form(series: str, form: dict) -> dict:
    """The entry written into the file for the form's values (``form``: field → text, see ENTRY_FIELDS).

    Values are stripped (YAML would strip them in the file too); empty fields are left out, so that a missing
    required field reads as missing both here and in the file. Amounts and ratios typed with full-width digits or
    points are read as the calculator reads them (:mod:`calculator.numbers`, register I14); one with a separator
    or a unit is kept as typed, and :func:`review_entry` refuses it. Key order as in standards/README.md.
    """
    check_series(series)

    def get(key: str) -> str:
        value = form.get(key)
        return "" if value is None else str(value).strip()

    entry: dict = {}
    if series in DIBAO_SERIES:
        keys = ("effective", "amount", "status")
    else:
        basis = get("basis")
        keys = ("effective", "status", "basis") + (("amount",) if basis == "fixed" else ("ratio",))
    for key in keys:
        if get(key):
            entry[key] = get(key)
    for key in NUMBER_FIELDS:  # numbers as people type them, read as the calculator reads them (register I14)
        if key in entry and typed_number_problem(entry[key]) is None:
            entry[key] = normalize_typed_number(entry[key])
    entry["source"] = {key: get(key) for key in SOURCE_KEYS if get(key)}
    return entry


def entry_path(series: str, index: int) -> tuple:
    """Path of the entry at ``index`` of ``series`` in a county file's data."""
    if series in DIBAO_SERIES:
        return ("dibao", series, "values", index)
    return ("local", "township_limit", index)


def county_data(bundle: dict, code: str) -> dict:
    """A county's file data (``county``, ``dibao``, ``local`` when set) rebuilt from the bundle's plain data.

    The bundle keeps every key of the file as written (sitebuild/bundle.py), so the checks see what the
    validator sees in the file.
    """
    county = bundle["counties"][code]
    data = {"county": {"code": county["code"], "name": county["name"]}, "dibao": copy.deepcopy(county["dibao"])}
    if county.get("local"):
        data["local"] = copy.deepcopy(county["local"])
    return data


def data_with_entry(data: dict, series: str, entry: dict) -> tuple[dict, int]:
    """A copy of a county's file data with ``entry`` inserted in date order; and the entry's index.

    ``data`` is county file data (as :func:`county_data` returns, or as the YAML reader gives it). A county
    without ``local`` gets one for a township limit.
    """
    check_series(series)
    new = copy.deepcopy(data)
    if series in DIBAO_SERIES:
        values = new["dibao"][series].setdefault("values", [])
    else:
        local = new.get("local")
        if not isinstance(local, dict):
            local = new["local"] = {}
        values = local.setdefault("township_limit", [])
    index = insert_index(values, entry)
    values.insert(index, copy.deepcopy(entry))
    return new, index


def _bundle_with_entry(bundle: dict, code: str, series: str, entry: dict) -> dict:
    new = copy.deepcopy(bundle)
    county = new["counties"][code]
    if series in DIBAO_SERIES:
        values = county["dibao"][series]["values"]
    else:
        if not isinstance(county.get("local"), dict):
            county["local"] = {}
        values = county["local"].setdefault("township_limit", [])
    values.insert(insert_index(values, entry), copy.deepcopy(entry))
    return new


# ================================================================================================ checks


def _required(series: str, entry: dict) -> dict[str, str]:
    """Missing required keys (the schema's ``required``), with the validator's message for each."""
    keys = ["effective", "status"]
    if series in DIBAO_SERIES:
        keys.append("amount")
    else:
        keys.append("basis")
        if entry.get("basis") == "fixed":
            keys.append("amount")
        elif entry.get("basis") == "ratio":
            keys.append("ratio")
    out = {key: checks.missing_key_message(key) for key in keys if not entry.get(key)}
    source = entry.get("source") if isinstance(entry.get("source"), dict) else {}
    for key in ("document", "issuer"):
        if not source.get(key):
            out[key] = checks.missing_key_message(key)
    return out


def _enum_problems(entry: dict) -> dict[str, str]:
    """``status`` and ``basis`` outside their enumerations (the form offers only valid choices)."""
    out = {}
    allowed = {"status": ("verified", "unverified"), "basis": ("ratio", "fixed")}
    for key, options in allowed.items():
        value = entry.get(key)
        if value and value not in options:
            out[key] = checks.enum_problem(key, value, options)
    return out


def review_entry(
    data: dict, series: str, entry: dict, *, floor: object = None, today: dt.date | None = None
) -> dict:
    """Every finding of the validator about the county file with ``entry`` added, by form field.

    ``data``: the county's file data before the edit; ``floor``: the provincial floor file's data (for the
    floor check); ``today``: the reference date of the staleness reminder. Returns ``{"errors": {field:
    message}, "warnings": {field: message}}``; field ``"file"`` holds findings elsewhere in the file (already
    there before the edit). Several messages for one field are joined by a line break.
    """
    new, index = data_with_entry(data, series, entry)
    prefix = entry_path(series, index)
    found: dict[str, dict[str, list[str]]] = {checks.ERROR: {}, checks.WARNING: {}}

    def add(severity: str, field: str, message: str) -> None:
        messages = found[severity].setdefault(field, [])
        if message not in messages:
            messages.append(message)

    for field in NUMBER_FIELDS:
        if isinstance(entry.get(field), str) and typed_number_problem(entry[field]):
            add(checks.ERROR, field, typed_number_problem(entry[field]))
    for field, message in _required(series, entry).items():
        add(checks.ERROR, field, message)
    for field, message in _enum_problems(entry).items():
        add(checks.ERROR, field, message)
    url = (entry.get("source") or {}).get("url")
    if url and checks.url_problem(url):
        add(checks.ERROR, "url", checks.url_problem(url))
    for finding in checks.check_document(new, floor=floor, today=today):
        path = tuple(finding.path)
        field = "file"
        if path[: len(prefix)] == prefix:
            rest = path[len(prefix):]
            if rest[:1] == ("source",) and len(rest) > 1 and rest[1] in SOURCE_KEYS:
                field = rest[1]
            elif rest and rest[0] in ENTRY_FIELDS:
                field = rest[0]
            else:
                field = "effective"
        add(finding.severity, field, finding.message)
    return {severity: {k: "\n".join(v) for k, v in fields.items()} for severity, fields in (
        ("errors", found[checks.ERROR]), ("warnings", found[checks.WARNING]))}


def check_entry(data: dict, series: str, entry: dict, *, floor: object = None, today: dt.date | None = None) -> dict:
    """The errors of :func:`review_entry` only: ``{field: message}`` (empty when the file would pass)."""
    return review_entry(data, series, entry, floor=floor, today=today)["errors"]


# ============================================================================================== what-if


def _money(fen: Fraction) -> str:
    return fen_to_yuan_text(fen)


def standing(bundle: Bundle, code: str, kind: str, on: dt.date) -> dict:
    """Where ``code`` stands among the counties by its dibao standard of ``kind`` in force on ``on``.

    Rank 1 is the highest; counties with the same standard share a rank (1, 2, 2, 4…). The standard is the one
    the calculator applies (the provincial floor where the county has none of its own or is below it).
    Returns ``{"rank", "of", "amount", "tied_with": [names], "table": [{"code", "name", "amount", "origin",
    "rank"}]}``; ``amount`` in 元 per person per month (urban) or per year (rural). None before the first
    provincial standard.
    """
    rows = []
    for county in bundle.counties.values():
        found = bundle.dibao(county, kind, on)
        if found is None:
            return None
        value = found.monthly if kind == "urban" else found.annual
        rows.append({"code": county.code, "name": county.name, "fen": value, "origin": found.origin})
    rows.sort(key=lambda r: (-r["fen"], r["code"]))
    for row in rows:
        row["rank"] = 1 + sum(1 for other in rows if other["fen"] > row["fen"])
    own = next(r for r in rows if r["code"] == code)
    table = [{"code": r["code"], "name": r["name"], "amount": _money(r["fen"]), "origin": r["origin"],
              "rank": r["rank"]} for r in rows]
    return {
        "rank": own["rank"],
        "of": len(rows),
        "amount": _money(own["fen"]),
        "origin": own["origin"],
        "tied_with": [r["name"] for r in rows if r["fen"] == own["fen"] and r["code"] != code],
        "table": table,
    }


def _township_limit_on(bundle: Bundle, code: str, on: dt.date) -> str | None:
    from calculator import rules

    try:
        limit, _how = rules.township_limit(bundle, bundle.counties[code], on)
    except rules.StandardMissing:
        return None
    return _money(limit)


def what_if(bundle: dict, code: str, series: str, entry: dict) -> dict:
    """The effect of the edit: the reference households before → after, and the county's standing.

    ``bundle``: the standards bundle's plain data (``assets/standards.json``); ``entry`` needs a real
    ``effective`` date and a well-formed figure (``amount`` or ``ratio``); its source may still be empty.
    The households are assessed by :func:`standards_tools.reference_households.assess_reference` on the entry's
    effective date
    with the current bundle and with the edited one. For an urban standard, the township limit follows the
    standard of 31 December of the year before (clause 2-2-3): ``township_limit_next`` shows it on 1 January
    of the next year. ``standing`` ranks the county's standard of the edited series (urban for a township
    limit) among the 13 on the effective date.
    """
    check_series(series)
    on = checks.to_date(entry.get("effective"))
    if on is None:
        raise ValueError("entry needs a real effective date")
    full = copy.deepcopy(entry)
    if not (full.get("source") or {}).get("document") or not (full.get("source") or {}).get("issuer"):
        full["source"] = {**PLACEHOLDER_SOURCE, **(full.get("source") or {})}
        full["source"] = {k: v for k, v in full["source"].items() if v}
    full.setdefault("status", "unverified")
    before_bundle = Bundle.from_dict(bundle)
    after_bundle = Bundle.from_dict(_bundle_with_entry(bundle, code, series, full))
    before = assess_reference(before_bundle, code, on)
    after = assess_reference(after_bundle, code, on)
    households = []
    for old, new in zip(before, after, strict=True):
        changed = [f for f in FIELDS if old.get(f) != new.get(f)]
        households.append({"id": old["id"], "label": old["label"], "before": old, "after": new, "changed": changed,
                           "application": next(h["application"] for h in REFERENCE_HOUSEHOLDS
                                               if h["id"] == old["id"])})
    kind = series if series in DIBAO_SERIES else "urban"
    out = {
        "date": on.isoformat(),
        "series": series,
        "households": households,
        "standing": {"kind": kind, "date": on.isoformat(),
                     "before": standing(before_bundle, code, kind, on),
                     "after": standing(after_bundle, code, kind, on)},
        "township_limit_next": None,
    }
    if series == "urban":
        next_year = dt.date(on.year + 1, 1, 1)
        out["township_limit_next"] = {
            "date": next_year.isoformat(),
            "before": _township_limit_on(before_bundle, code, next_year),
            "after": _township_limit_on(after_bundle, code, next_year),
        }
    return out


# ============================================================================================ the page


def pr_title(name: str, series: str, entry: dict) -> str:
    """A one-line title for the pull request, e.g. ``蒙自市：城市低保标准 2026-07-01 起 800 元/人·月``."""
    when = entry.get("effective", "")
    if series in DIBAO_SERIES:
        return f"{name}：{SERIES_LABEL[series]} {when} 起 {entry.get('amount', '')} {checks.SERIES_UNIT[series]}"
    if entry.get("basis") == "fixed":
        return f"{name}：{SERIES_LABEL[series]} {when} 起 固定 {entry.get('amount', '')} 元"
    return f"{name}：{SERIES_LABEL[series]} {when} 起 按上一年12月31日城市低保年标准 × {entry.get('ratio', '')}"


_state: dict = {}


def init(bundle_json: str) -> str:
    """Keep the standards bundle (JSON text of ``assets/standards.json``) for :func:`evaluate_json`."""
    bundle = json.loads(bundle_json)
    Bundle.from_dict(bundle)  # refuse a malformed bundle now, not at the first keystroke
    _state["bundle"] = bundle
    return json.dumps({"ok": True, "counties": len(bundle["counties"])})


def evaluate(bundle: dict, request: dict) -> dict:
    """Everything the page shows for the form as it stands.

    ``request``: ``{"county": code, "series", "form": {field: text}, "original": the county file's text,
    "today": "YYYY-MM-DD" (staleness reminder; optional)}``. Returns ``{"entry", "errors": {field: message},
    "warnings": {field: message}, "what_if": … | None, "file": {"path", "name", "text", "diff", "title"} |
    None, "edit_error": message | None}``: ``what_if`` once the date and figure are valid, ``file`` once the
    entry has no error at all.
    """
    code = request["county"]
    series = request["series"]
    county = bundle["counties"][code]
    entry = entry_from_form(series, request.get("form") or {})
    today = checks.to_date(request.get("today") or "")
    floor = {"province": {"code": checks.PROVINCE_CODE}, "dibao": bundle["province"]["dibao"]}
    review = review_entry(county_data(bundle, code), series, entry, floor=floor, today=today)
    out = {"entry": entry, "errors": review["errors"], "warnings": review["warnings"], "what_if": None,
           "file": None, "edit_error": None}
    if not any(field in review["errors"] for field in FIGURE_FIELDS):
        try:
            out["what_if"] = what_if(bundle, code, series, entry)
        except (InputError, ValueError, LookupError) as exc:  # pragma: no cover - a valid entry assesses
            out["what_if"] = {"error": getattr(exc, "message", str(exc))}
    original = request.get("original")
    if not review["errors"] and isinstance(original, str):
        path = county["file"]
        try:
            text = add_entry(original, series, entry)
        except EditError as exc:
            out["edit_error"] = exc.message
        else:
            out["file"] = {"path": path, "name": path.rsplit("/", 1)[-1], "text": text,
                           "diff": diff(original, text, path), "title": pr_title(county["name"], series, entry)}
    return out


def evaluate_json(request_json: str) -> str:
    """:func:`evaluate` on the bundle given to :func:`init`, JSON text in and out (the worker's entry)."""
    if "bundle" not in _state:
        return json.dumps({"fatal": "标准数据尚未载入"}, ensure_ascii=False)
    try:
        request = json.loads(request_json)
        result = evaluate(_state["bundle"], request)
    except Exception as exc:  # noqa: BLE001 - the page shows it; a traceback would help no clerk
        return json.dumps({"fatal": f"配置程序出错（{type(exc).__name__}: {exc}）。请把这条信息转给维护人员。"},
                          ensure_ascii=False)
    return json.dumps(result, ensure_ascii=False)
