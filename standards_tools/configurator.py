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
import difflib
import json
import re
from dataclasses import dataclass
from fractions import Fraction

from calculator.application import InputError
from calculator.money import fen_to_yuan_text
from calculator.numbers import normalize_typed_number, typed_number_problem
from calculator.standards import Bundle
from standards_tools import checks, form_labels
from standards_tools.reference_households import FIELDS, REFERENCE_HOUSEHOLDS, assess_reference

DIBAO_SERIES = ("urban", "rural")
SERIES = DIBAO_SERIES + ("township_limit",)
SOURCE_KEYS = ("document", "issuer", "published", "url", "note")
#: Form fields of an entry: the entry's own keys and the keys of its ``source`` (flattened).
ENTRY_FIELDS = ("effective", "amount", "status", "basis", "ratio") + SOURCE_KEYS
SERIES_LABEL = form_labels.SERIES_LABEL
#: Fields whose errors prevent the what-if (it only needs the date and the figure).
FIGURE_FIELDS = ("effective", "amount", "basis", "ratio")
PLACEHOLDER_SOURCE = {"document": "（待填）", "issuer": "（待填）"}


class EditError(ValueError):
    """The original file cannot be edited automatically (``message`` is Chinese and says what to do)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# =============================================================================================== entries


NUMBER_FIELDS = ("amount", "ratio")


def entry_from_form(series: str, form: dict) -> dict:
    """The entry written into the file for the form's values (``form``: field → text, see ENTRY_FIELDS).

    Values are stripped (YAML would strip them in the file too); empty fields are left out, so that a missing
    required field reads as missing both here and in the file. Amounts and ratios typed with full-width digits or
    points are read as the calculator reads them (:mod:`calculator.numbers`, register I14); one with a separator
    or a unit is kept as typed, and :func:`review_entry` refuses it. Key order as in standards/README.md.
    """
    _check_series(series)

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


def _check_series(series: str) -> None:
    if series not in SERIES:
        raise ValueError(f"series must be one of {SERIES}, not {series!r}")


def _sort_date(entry: object) -> dt.date | None:
    return checks.to_date(entry.get("effective")) if isinstance(entry, dict) else None


def _insert_index(entries: list, entry: dict) -> int:
    """Where ``entry`` goes in a dated list: after every entry dated on or before it; at the end when its date
    is not a real date (the check then says why)."""
    when = _sort_date(entry)
    if when is None:
        return len(entries)
    index = 0
    for position, other in enumerate(entries):
        other_when = _sort_date(other)
        if other_when is None or other_when <= when:
            index = position + 1
    return index


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
    _check_series(series)
    new = copy.deepcopy(data)
    if series in DIBAO_SERIES:
        values = new["dibao"][series].setdefault("values", [])
    else:
        local = new.get("local")
        if not isinstance(local, dict):
            local = new["local"] = {}
        values = local.setdefault("township_limit", [])
    index = _insert_index(values, entry)
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
    values.insert(_insert_index(values, entry), copy.deepcopy(entry))
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


# ============================================================================================ YAML text


_KEY = re.compile(r"(?P<key>[A-Za-z_][A-Za-z0-9_]*)[ \t]*:(?=[ \t]|$)(?P<rest>.*)$")
_DASH = re.compile(r"-(?: +|$)")
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]*")


@dataclass
class _Line:
    """One line of the file as far as the editor needs it."""

    text: str  # without its line break
    kind: str  # "blank" | "comment" | "content" | "scalar" (continuation of a multi-line value)
    indent: int = 0  # column of the first character
    dash: bool = False  # a sequence item ("- ")
    key: str | None = None  # the mapping key on this line, if any
    key_col: int = 0  # column of that key (after the dash for "- key: value")
    value: str = ""  # the value after the colon, comment removed, stripped
    comment: str = ""  # the trailing comment with its "#", if any


def _split_comment(rest: str) -> tuple[str, str]:
    """(value, comment) of what follows a key's colon; quotes are respected."""
    text = rest.strip()
    if text[:1] in ("'", '"'):
        quote = text[0]
        i = 1
        while i < len(text):
            if quote == '"' and text[i] == "\\":
                i += 2
                continue
            if text[i] == quote:
                if quote == "'" and text[i + 1: i + 2] == "'":
                    i += 2
                    continue
                after = text[i + 1:]
                hash_at = after.find("#")
                if hash_at >= 0:
                    return text[: i + 1] + after[:hash_at].rstrip(), after[hash_at:].strip()
                return text, ""
            i += 1
        return text, ""  # unclosed: continues on the next lines
    match = re.search(r"(^|[ \t])#", text)
    if match:
        return text[: match.start()].rstrip(), text[match.start():].strip()
    return text, ""


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            return json.loads(value)
        except ValueError:
            return value[1:-1]
    return value


def _scan(text: str) -> list[_Line]:
    """Classify every line of a block-style YAML file (the shape of standards/*.yaml)."""
    out: list[_Line] = []
    scalar_above: int | None = None  # lines indented deeper than this belong to a block scalar
    open_quote: str | None = None
    for raw in text.split("\n"):
        line = raw[:-1] if raw.endswith("\r") else raw
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if scalar_above is not None:
            if not stripped or indent > scalar_above:
                out.append(_Line(line, "scalar", indent))
                continue
            scalar_above = None
        if open_quote is not None:
            out.append(_Line(line, "scalar", indent))
            if _closes(line, open_quote):
                open_quote = None
            continue
        if not stripped:
            out.append(_Line(line, "blank", indent))
            continue
        if stripped.startswith("#"):
            out.append(_Line(line, "comment", indent))
            continue
        item = _Line(line, "content", indent)
        col = indent
        dash = _DASH.match(line, col)
        if dash:
            item.dash = True
            col = dash.end()
        match = _KEY.match(line, col)
        if match:
            item.key = match.group("key")
            item.key_col = col
            item.value, item.comment = _split_comment(match.group("rest"))
            if _BLOCK_SCALAR.fullmatch(item.value):
                scalar_above = col
            elif item.value[:1] in ("'", '"') and not _closed(item.value):
                open_quote = item.value[0]
        out.append(item)
    return out


def _closed(value: str) -> bool:
    quote = value[0]
    body = value[1:]
    if quote == '"':
        body = re.sub(r"\\.", "", body)
        return '"' in body
    return "'" in body.replace("''", "")


def _closes(line: str, quote: str) -> bool:
    if quote == '"':
        return '"' in re.sub(r"\\.", "", line)
    return "'" in line.replace("''", "")


def _block_end(lines: list[_Line], at: int) -> int:
    """Index just past the block of the key on line ``at`` (its children, comments and blanks included)."""
    parent = lines[at]
    col = parent.key_col
    sequence_at_same_indent = parent.value == ""
    i = at + 1
    while i < len(lines):
        line = lines[i]
        if line.kind == "content":
            if line.indent > col:
                pass
            elif line.indent == col and line.dash and sequence_at_same_indent:
                pass
            else:
                break
        elif line.kind == "comment" and line.indent < col:
            # a comment less indented than the key belongs to what follows
            j = i
            while j < len(lines) and lines[j].kind in ("blank", "comment"):
                j += 1
            if j >= len(lines) or lines[j].kind != "content" or lines[j].indent <= col:
                break
        i += 1
    return i


def _last_content(lines: list[_Line], start: int, end: int) -> int:
    """Index of the last content (or scalar continuation) line in ``[start, end)``; ``start`` if none."""
    for i in range(end - 1, start - 1, -1):
        if lines[i].kind in ("content", "scalar"):
            return i
    return start


def _find_child(lines: list[_Line], start: int, end: int, key: str) -> int | None:
    """The line of ``key`` among the direct children of a block spanning ``[start, end)``."""
    level = None
    for i in range(start, end):
        line = lines[i]
        if line.kind != "content":
            continue
        if level is None:
            level = line.indent
        if line.indent == level and not line.dash and line.key == key:
            return i
    return None


def _find_path(lines: list[_Line], path: tuple) -> int | None:
    start, end = 0, len(lines)
    at = None
    for key in path:
        at = _find_child(lines, start, end, key)
        if at is None:
            return None
        start, end = at + 1, _block_end(lines, at)
    return at


def _items(lines: list[_Line], at: int) -> list[tuple[int, int]]:
    """``[(first line, end)]`` of each item of the block sequence under the key on line ``at``."""
    end = _block_end(lines, at)
    starts = []
    level = None
    for i in range(at + 1, end):
        line = lines[i]
        if line.kind != "content":
            continue
        if level is None:
            level = line.indent
            if not line.dash:
                raise EditError(_unsupported(lines[at].key, "下面不是以“- ”开头的列表"))
        if line.indent == level and line.dash:
            starts.append(i)
    return [(s, starts[n + 1] if n + 1 < len(starts) else end) for n, s in enumerate(starts)]


def _item_effective(lines: list[_Line], start: int, end: int) -> str | None:
    first = lines[start]
    if first.key == "effective":
        return _unquote(first.value)
    for i in range(start + 1, end):
        line = lines[i]
        if line.kind == "content" and not line.dash and line.indent == first.key_col and line.key == "effective":
            return _unquote(line.value)
    return None


def _unsupported(key: str | None, why: str) -> str:
    return (
        f"无法自动修改这个文件：“{key}”{why}。请按 standards/README.md 的写法（每条以“- ”开头、逐行写出）"
        "整理文件后再用本页，或直接手工编辑文件。"
    )


@dataclass(frozen=True)
class _Style:
    step: int = 2  # mapping indentation step
    dash_offset: int = 2  # sequence item "-" column minus its key's column
    content_offset: int = 2  # column of an item's keys minus the "-" column


def _style(lines: list[_Line]) -> _Style:
    """The file's indentation: mapping step and sequence item offsets, from its own lines (README defaults)."""
    step = dash_offset = content_offset = None
    for i, line in enumerate(lines):
        if line.kind != "content" or line.key is None:
            continue
        nxt = next((j for j in range(i + 1, len(lines)) if lines[j].kind == "content"), None)
        if nxt is None:
            continue
        child = lines[nxt]
        if line.value == "" and child.indent > line.key_col and not child.dash and step is None:
            step = child.indent - line.key_col
        if line.value == "" and child.dash and child.key is not None and dash_offset is None:
            dash_offset = child.indent - line.key_col
            content_offset = child.key_col - child.indent
    step = step or 2
    return _Style(step, step if dash_offset is None else dash_offset, content_offset or 2)


_PLAIN_SAFE_KEYS = ("effective", "published", "amount", "ratio")
_YAML_WORDS = re.compile(
    r"(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)"
)
_PRINTABLE = re.compile("[\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _scalar(key: str, value: str) -> str:
    """``value`` as a YAML scalar: plain when that reads back as the same text, double-quoted otherwise."""
    plain = (
        value != ""
        and value == value.strip()
        and value[0] not in "-?:,[]{}#&*!|>'\"%@`"
        and ": " not in value
        and " #" not in value
        and not value.endswith(":")
        and all(_PRINTABLE.fullmatch(c) and c not in "\t\n\r\x85\u2028\u2029\ufeff" for c in value)
        and (key in _PLAIN_SAFE_KEYS or not (_YAML_WORDS.fullmatch(value) or re.fullmatch(r"[-+.0-9eE:_]+", value)))
    )
    if plain:
        return value
    out = []
    for c in value:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif c in "\r\x85\u2028\u2029\ufeff" or not _PRINTABLE.fullmatch(c):
            out.append(f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _render(entry: dict, dash_col: int, style: _Style) -> list[str]:
    """The entry as block YAML lines, the first one starting with ``- `` at ``dash_col``."""
    key_col = dash_col + style.content_offset
    lines = []
    for n, (key, value) in enumerate(entry.items()):
        lead = " " * dash_col + "-" + " " * (style.content_offset - 1) if n == 0 else " " * key_col
        if isinstance(value, dict):
            if not value:
                lines.append(f"{lead}{key}: {{}}")
                continue
            lines.append(f"{lead}{key}:")
            for sub_key, sub_value in value.items():
                lines.append(" " * (key_col + style.step) + f"{sub_key}: {_scalar(sub_key, str(sub_value))}")
        else:
            lines.append(f"{lead}{key}: {_scalar(key, str(value))}")
    return lines


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _insert_lines(text: str, at: int, new_lines: list[str], replace: str | None = None) -> str:
    """``text`` with ``new_lines`` inserted before line index ``at`` (0-based, as in ``text.split("\\n")``);
    ``replace`` first replaces line ``at - 1`` (``values: []`` → ``values:``). Line breaks follow the file."""
    cr = "\r" if _newline(text) == "\r\n" else ""
    parts = text.split("\n")
    if replace is not None:
        parts[at - 1] = replace + ("\r" if parts[at - 1].endswith("\r") else "")
    if at >= len(parts):  # after the last line, which has no line break: give it one, and none to the last new
        parts[-1] = parts[-1] + cr
        return "\n".join(parts + [line + cr for line in new_lines[:-1]] + new_lines[-1:])
    parts[at:at] = [line + cr for line in new_lines]
    return "\n".join(parts)


def _insertion_line(lines: list[_Line], items: list[tuple[int, int]], index: int) -> int:
    """Line index where a new item goes to become item ``index``: before the comments directly above the
    item it precedes, or just after the last line of the last item."""
    if index < len(items):
        at = items[index][0]
        floor = items[index - 1][0] + 1 if index > 0 else 0
        while at - 1 >= floor and lines[at - 1].kind == "comment":
            at -= 1
        return at
    start, end = items[-1]
    return _last_content(lines, start, end) + 1


def _add_to_list(text: str, lines: list[_Line], key_at: int, entry: dict, style: _Style) -> tuple[str, int]:
    """Insert ``entry`` into the sequence under the key on line ``key_at``; returns (text, item index)."""
    key_line = lines[key_at]
    value = key_line.value
    if value == "[]":
        prefix = key_line.text[: key_line.key_col] + f"{key_line.key}:"
        replace = prefix + (f"  {key_line.comment}" if key_line.comment else "")
        dash_col = key_line.key_col + style.dash_offset
        return _insert_lines(text, key_at + 1, _render(entry, dash_col, style), replace=replace), 0
    if value != "":
        raise EditError(_unsupported(key_line.key, "写在了同一行里（[…] 或 {…}）"))
    items = _items(lines, key_at)
    if not items:
        dash_col = key_line.key_col + style.dash_offset
        return _insert_lines(text, key_at + 1, _render(entry, dash_col, style)), 0
    dates = [{"effective": _item_effective(lines, s, e)} for s, e in items]
    index = _insert_index(dates, entry)
    at = _insertion_line(lines, items, index)
    dash_col = lines[items[0][0]].indent
    item_style = _item_style(lines, items, style)
    return _insert_lines(text, at, _render(entry, dash_col, item_style)), index


def _item_style(lines: list[_Line], items: list[tuple[int, int]], style: _Style) -> _Style:
    """The style of existing items: their key column, and the step of their ``source`` block when written out."""
    first = lines[items[0][0]]
    content_offset = first.key_col - first.indent
    step = style.step
    for start, end in items:
        for i in range(start, end):
            line = lines[i]
            if line.kind == "content" and line.key == "source" and line.value == "":
                nxt = next((j for j in range(i + 1, end) if lines[j].kind == "content"), None)
                if nxt is not None and lines[nxt].indent > line.key_col:
                    step = lines[nxt].indent - line.key_col
                break
    return _Style(step, style.dash_offset, content_offset or 2)


def add_entry(text: str, series: str, entry: dict) -> str:
    """The original file ``text`` with ``entry`` inserted textually, in date order, in the file's indentation.

    Everything else — order, comments, blank lines, quoting, line breaks (LF or CRLF) — stays byte for byte.
    ``series`` ``urban``/``rural``: into ``dibao.<series>.values`` (``values: []`` becomes a block list).
    ``township_limit``: into ``local.township_limit``, creating ``township_limit:`` (first key of ``local``) or
    ``local:`` (after ``dibao``) when missing. Raises :class:`EditError` for a file that is not in the block
    style of standards/README.md (flow lists, a missing ``dibao`` block…) and after an insertion that does not
    read back as intended.
    """
    _check_series(series)
    lines = _scan(text)
    style = _style(lines)
    if series in DIBAO_SERIES:
        at = _find_path(lines, ("dibao", series, "values"))
        if at is None:
            raise EditError(
                f"无法自动修改这个文件：没有找到 dibao → {series} → values。请按 standards/README.md 检查文件。"
            )
        new_text, index = _add_to_list(text, lines, at, entry, style)
    else:
        new_text, index = _add_township_limit(text, lines, entry, style)
    _verify(text, new_text, series, entry, index)
    return new_text


def add_dibao_value(text: str, series: str, entry: dict) -> str:
    """:func:`add_entry` for a dibao series (``urban`` or ``rural``)."""
    if series not in DIBAO_SERIES:
        raise ValueError("series must be urban or rural")
    return add_entry(text, series, entry)


def _add_township_limit(text: str, lines: list[_Line], entry: dict, style: _Style) -> tuple[str, int]:
    local_at = _find_path(lines, ("local",))
    if local_at is not None:
        if lines[local_at].value not in ("", "{}"):
            raise EditError(_unsupported("local", "写在了同一行里（{…}）"))
        at = _find_path(lines, ("local", "township_limit"))
        if at is not None:
            return _add_to_list(text, lines, at, entry, style)
        end = _block_end(lines, local_at)
        child = next((lines[i] for i in range(local_at + 1, end) if lines[i].kind == "content"), None)
        col = child.indent if child is not None else lines[local_at].key_col + style.step
        new = [" " * col + "township_limit:"] + _render(entry, col + style.dash_offset, style)
        replace = None
        if lines[local_at].value == "{}":
            head = lines[local_at]
            replace = head.text[: head.key_col] + "local:" + (f"  {head.comment}" if head.comment else "")
        return _insert_lines(text, local_at + 1, new, replace=replace), 0
    dibao_at = _find_path(lines, ("dibao",))
    if dibao_at is None:
        raise EditError("无法自动修改这个文件：没有找到 dibao。请按 standards/README.md 检查文件。")
    col = lines[dibao_at].key_col
    after = _last_content(lines, dibao_at, _block_end(lines, dibao_at)) + 1
    new = ["", " " * col + "local:", " " * (col + style.step) + "township_limit:"]
    new += _render(entry, col + style.step + style.dash_offset, style)
    return _insert_lines(text, after, new), 0


def _verify(old: str, new: str, series: str, entry: dict, index: int) -> None:
    """Read the new text back with the same scanner: the list must hold the old dates with the new one at
    ``index``, and nothing outside the insertion may have changed."""
    path = ("dibao", series, "values") if series in DIBAO_SERIES else ("local", "township_limit")

    def dates(text: str) -> list[str | None]:
        lines = _scan(text)
        at = _find_path(lines, path)
        if at is None or lines[at].value == "[]":
            return []
        return [_item_effective(lines, s, e) for s, e in _items(lines, at)]

    before, after = dates(old), dates(new)
    expected = before[:index] + [entry.get("effective")] + before[index:]
    if after != expected or not _only_added(old, new):
        raise EditError(
            "无法自动修改这个文件：插入新的一条后，文件读出来与预期不一致。请直接手工编辑文件"
            "（按 standards/README.md 的写法），或把文件转给维护人员。"
        )


_EMPTY_HEAD = re.compile(r"\s*(values|local|township_limit):\s*(\[\]|\{\})\s*(#.*)?\r?")


def _only_added(old: str, new: str) -> bool:
    """``new`` is ``old`` with lines added, and at most one ``key: []`` (or ``{}``) line opened as a block."""
    a, b = old.split("\n"), new.split("\n")
    replaced = 0
    for tag, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("equal", "insert"):
            continue
        if tag == "replace" and i2 - i1 == 1 and _EMPTY_HEAD.fullmatch(a[i1]):
            replaced += 1
            continue
        return False
    return replaced <= 1


def diff(old: str, new: str, path: str = "standards/county.yaml") -> str:
    """A unified line diff of the file (``a/PATH`` → ``b/PATH``), as a code host shows it."""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}"
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


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
    _check_series(series)
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
