"""A county's YAML text with one new dated entry inserted *textually*: at its place in date order, in the file's own
indentation, quoting and line endings, so that the file's order, formatting and comments stay as they were and a pull
request shows only the new lines (``values: []`` becomes a block list).

Standard library only: the 县市标准配置 page runs it under Pyodide (:mod:`standards_tools.configurator`), the tests
under CPython. A scalar is written plain only when YAML 1.1 (PyYAML), YAML 1.2 (ruamel.yaml) and the project's own
reader all read it back as the same text (:func:`yaml_scalar`). A file whose shape the editor does not know raises
:class:`EditError` with a Chinese message, never a wrong file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass

from standards_tools import checks

DIBAO_SERIES = ("urban", "rural")
SERIES = DIBAO_SERIES + ("township_limit",)


class EditError(ValueError):
    """The original file cannot be edited automatically (``message`` is Chinese and says what to do)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def check_series(series: str) -> None:
    """Raises ``ValueError`` unless ``series`` is one of :data:`SERIES`."""
    if series not in SERIES:
        raise ValueError(f"series must be one of {SERIES}, not {series!r}")


def _sort_date(entry: object) -> dt.date | None:
    return checks.to_date(entry.get("effective")) if isinstance(entry, dict) else None


def insert_index(entries: list, entry: dict) -> int:
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


#: Plain scalars that a YAML 1.1 loader (PyYAML ``safe_load``) or a YAML 1.2 loader (ruamel.yaml) would not read
#: back as the same string: the implicit types of both versions, written loosely (underscores, signs, any case),
#: so that the list errs on the side of quoting. 1.1: bool (y, yes, on …), int (0x1F, 0b101, 017, 1_000,
#: 1:30 sexagesimal), float (.inf, .NaN, 6.8e+3, 1:30.5), null (~, null, empty), timestamp (2026-07-01 10:00:00),
#: the merge key ``<<`` and the value key ``=`` (PyYAML raises on both). 1.2: the same core types and 0o17.
_IMPLICIT = re.compile(
    r"""(?x)
    [yYnN] | [yY]es | YES | [nN]o | NO | [tT]rue | TRUE | [fF]alse | FALSE | [oO]n | ON | [oO]ff | OFF   # bool
    | ~ | [nN]ull | NULL                                                                                  # null
    | [-+]?[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?                                                      # int/float
    | [-+]?\.[0-9_]+([eE][-+]?[0-9]+)?
    | [-+]?0[bB][01_]+ | [-+]?0[oO]?[0-7_]+ | [-+]?0[xX][0-9a-fA-F_]+                                      # 0b 0o 0x
    | [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?                                                          # 1:30
    | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)                                                                # .inf .nan
    | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|[ \t]+)?.*                                                       # dates
    | <<.* | =
    """
)
_PRINTABLE = re.compile("[\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _as_written(key: str, value: str) -> bool:
    """A date or an amount of the standards' own form under its key (``effective: 2026-07-01``, ``amount: 744``):
    written plain like every such value in standards/*.yaml, meant as the date or number a YAML loader reads."""
    if key in ("effective", "published"):
        return checks.date_problem(value) is None
    return key in ("amount", "ratio") and checks.decimal_problem(value, places=4) is None


def yaml_scalar(key: str, value: str) -> str:
    """``value`` as a YAML scalar: plain only when YAML 1.1 (PyYAML ``safe_load``), YAML 1.2 (ruamel.yaml) and the
    project's own reader (:mod:`sitebuild.yamlstrict`) all read it back as the same text; double-quoted otherwise.

    Dates and amounts of the standards' own form under their keys (:func:`_as_written`) stay plain, as in every file
    of standards/. Tested with generated text in tests/test_configurator_yaml.py.
    """
    plain = (
        value != ""
        and value == value.strip()
        and value[0] not in "-?:,[]{}#&*!|>'\"%@`"
        and ": " not in value
        and " #" not in value
        and not value.endswith(":")
        and all(_PRINTABLE.fullmatch(c) and c not in "\t\n\r\x85\u2028\u2029\ufeff" for c in value)
        and (_as_written(key, value) or not _IMPLICIT.fullmatch(value))
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
                lines.append(" " * (key_col + style.step) + f"{sub_key}: {yaml_scalar(sub_key, str(sub_value))}")
        else:
            lines.append(f"{lead}{key}: {yaml_scalar(key, str(value))}")
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
    index = insert_index(dates, entry)
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
    check_series(series)
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
