"""Validation of the files in ``standards/``: strict reading → JSON Schema → the checks a schema cannot express.

Order for each file, every finding with the file and a 1-based line and a Chinese message saying what to do:

1. reading (:mod:`sitebuild.yamlstrict`): UTF-8, YAML syntax, no tabs, no duplicate keys, no tags/aliases;
   control characters and unreadable paths are caught here first, so that no message is in English;
2. the JSON Schema ``sitebuild/standards.schema.json`` (draft 2020-12), chosen by the file's top-level key
   (``county`` / ``province`` / ``prefecture``); each error is translated into Chinese by kind (missing key,
   unknown key with the closest allowed one, wrong pattern, wrong enum…);
3. the stdlib checks of :mod:`standards_tools.checks` (real dates, order of effective dates, amounts,
   unit plausibility, the provincial floor, staleness warnings), then the checks across files (a county code in
   two files, a file name that does not match its code, missing files when the whole directory is checked).

Public interface used by the bundle builder, the site build and ``scripts/validate-standards``:

* :class:`Problem` — ``file``, ``line``, ``message`` (Chinese), ``severity`` (``"error"`` | ``"warning"``).
* :func:`check_paths` — every problem (errors and warnings) of some files.
* :func:`validate_paths` — the documents, or :class:`StandardsInvalid` listing every error;
  :func:`validate_documents` — the same for documents already read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sitebuild.standards_files import PROVINCE_FILE, STANDARDS_DIR
from sitebuild.yamlstrict import Document, YamlProblem, parse
from standards_tools import checks

SCHEMA_PATH = Path(__file__).resolve().with_name("standards.schema.json")


@dataclass(frozen=True)
class Problem:
    """One finding: where (file, 1-based line; 0 = the whole file) and what to do (Chinese)."""

    file: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        label = "错误" if self.severity == "error" else "提醒"
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {label}：{self.message}"


class StandardsInvalid(Exception):
    """Raised when at least one standards file has an error; ``problems`` lists all findings."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


# --------------------------------------------------------------------------- reading


def read_document(path: Path) -> tuple[Document | None, list[Problem]]:
    """Read one file strictly; never raises."""
    file = str(path)
    try:
        if not path.exists():
            return None, [Problem(file, 0, "找不到这个文件。请检查文件名和路径。")]
        if path.is_dir():
            return None, [Problem(file, 0, "这是一个文件夹，不是文件。请给出 .yaml 文件。")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(file, 0, f"无法读取这个文件（{exc.strerror or exc}）。请检查文件权限。")]
    bad = _control_character(raw)
    if bad:
        line, code = bad
        message = f"这一行有看不见的控制字符（U+{code:04X}）。请删除它（多半是从别处复制来的），或重新输入这一行。"
        return None, [Problem(file, line, message)]
    try:
        return parse(raw, file), []
    except YamlProblem as exc:
        return None, [Problem(exc.file, exc.line, exc.message)]
    except RecursionError:
        return None, [Problem(file, 0, "文件的嵌套层次太深，不是标准文件的格式。请参照 standards/README.md 填写。")]
    except Exception as exc:  # noqa: BLE001 - any reader failure must become a message, never a traceback
        message = f"无法读取这个文件（{type(exc).__name__}）。请参照 standards/README.md 检查文件内容。"
        return None, [Problem(file, 0, message)]


def _control_character(raw: bytes) -> tuple[int, int] | None:
    """(line, code point) of the first character YAML refuses (control characters), if the bytes are UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None  # yamlstrict explains the encoding
    for number, line in enumerate(text.split("\n"), start=1):
        for char in line:
            code = ord(char)
            if (code < 32 and char not in "\t\r") or 0x7F <= code < 0xA0 and code != 0x85 or code in (0xFFFE, 0xFFFF):
                return number, code
            if 0xD800 <= code < 0xE000:  # pragma: no cover - not decodable from UTF-8
                return number, code
    return None


# --------------------------------------------------------------------------- schema


_schema_cache: dict = {}


def load_schema() -> dict:
    """The JSON Schema of the standards files."""
    if "schema" not in _schema_cache:
        _schema_cache["schema"] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return _schema_cache["schema"]


def _validator(kind: str):
    from jsonschema import Draft202012Validator

    key = f"validator:{kind}"
    if key not in _schema_cache:
        schema = load_schema()
        sub = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{kind}File"}
        _schema_cache[key] = Draft202012Validator(sub)
    return _schema_cache[key]


_WRONG_ROOT = (
    "文件的内容应以 county:（县市文件）、province:（省级指导标准）或 prefecture:（州级参数）开头。"
    "请参照 standards/README.md。"
)
_TYPE_MESSAGES = {
    "object": "这里应是一组“键: 值”（在下一行缩进两个空格后逐项写）。",
    "array": "这里应是一个列表（每项以“- ”开头）；没有内容时写 []。",
    "string": "这里应写一个值（文字或数字），不是列表或一组“键: 值”。",
}


def _translate(error) -> list[tuple[tuple, str]]:
    """(path, Chinese message) for one jsonschema error.

    Longer than 60 lines on purpose: one branch per kind of jsonschema error (required, enum, pattern, type …),
    each with its own Chinese wording; a table would need a function per entry all the same."""
    path = tuple(error.absolute_path)
    key = path[-1] if path else None
    instance = error.instance
    kind = error.validator
    if kind == "additionalProperties" and isinstance(instance, dict):
        allowed = list(error.schema.get("properties", {}))
        return [(path + (extra,), checks.unknown_key_message(extra, allowed))
                for extra in instance if extra not in allowed]
    if kind == "required" and isinstance(instance, dict):
        allowed = list(error.schema.get("properties", {}))
        unknown = [k for k in instance if allowed and k not in allowed]
        out = []
        for missing in error.validator_value:
            if missing in instance:
                continue
            if any(checks.closest_key(u, allowed) == missing for u in unknown):
                continue  # the misspelled key is reported, with this one as the suggestion
            out.append((path, checks.missing_key_message(missing)))
        return out
    if kind == "pattern" and isinstance(instance, str):
        message = checks.value_problem(key, instance)
        if message:
            return [(path, message)]
        if error.validator_value == "\\S":
            return [(path, f"“{key}”不能是空的。请填写内容。")]
        if key == "url":
            return [(path, checks.url_problem(instance))]
        if key == "clause":
            return [(path, f"条款编号“{instance}”不对：应写成 2-3-1 这样的格式（“二、（三）1.”即 2-3-1）。")]
        return [(path, f"“{instance}”的写法不对。请参照 standards/README.md 修改。")]
    if kind == "enum":
        return [(path, checks.enum_problem(key, instance, error.validator_value))]
    if kind == "const":
        expected = error.validator_value
        if key == "code":
            return [(path, f"代码应是 {expected}（照抄即可），现在写的是“{instance}”。")]
        return [(path, f"“{key}”应写成“{expected}”（照抄即可），现在写的是“{instance}”。")]
    if kind == "type":
        if not path:
            return [(path, _WRONG_ROOT)]
        expected = error.validator_value
        return [(path, f"“{key}”的写法不对：" + _TYPE_MESSAGES.get(expected, f"应是 {expected}。"))]
    if kind == "minItems":
        return [(path, f"“{key}”至少要写一项。不需要时请把“{key}”整项删除。")]
    if kind == "not" and isinstance(instance, dict):
        forbidden = [k for k in error.validator_value.get("required", []) if k in instance]
        if forbidden == ["effective_inferred_from"]:
            return [(path + ("effective_inferred_from",),
                     "只有生效日期是推定的（effective_basis: inferred）才写 effective_inferred_from。"
                     "生效日期在来源里写明时，请删除这一行；是推定的，请加上 effective_basis: inferred。")]
        basis = instance.get("basis")
        return [
            (
                path + (k,),
                f"basis: {basis} 时不要写“{k}”。按比例（basis: ratio）只写 ratio，固定金额（basis: fixed）只写 amount："
                "请删除一项。",
            )
            for k in forbidden
        ]
    return [(path, f"内容不符合格式要求（{error.message}）。请参照 standards/README.md 修改。")]


def schema_problems(doc: Document) -> list[Problem]:
    """The JSON Schema errors of one document, in Chinese, each at the line of the key concerned."""
    kind = checks.kind_of(doc.data)
    if kind is None:
        if isinstance(doc.data, dict):
            keys = "、".join(str(k) for k in doc.data) or "（无）"
            guesses = [checks.closest_key(k, ("county", "province", "prefecture")) for k in doc.data]
            guess = next((f"是不是想写“{g}:”？" for g in guesses if g), "")
            message = (
                f"文件的第一层应有 county:（县市文件）、province:（省级指导标准）或 prefecture:（州级参数），"
                f"这里是：{keys}。{guess}请参照 standards/README.md。"
            )
        else:
            message = _WRONG_ROOT
        return [Problem(doc.file, doc.line_of(()), message)]
    problems = []
    for error in _validator(kind).iter_errors(doc.data):
        for path, message in _translate(error):
            problems.append(Problem(doc.file, doc.line_of(path), message))
    return problems


# --------------------------------------------------------------------------- everything


def _finding_problem(doc: Document, finding: checks.Finding) -> Problem:
    return Problem(doc.file, doc.line_of(finding.path), finding.message, finding.severity)


def _dedupe_and_sort(problems: list[Problem], order: dict[str, int]) -> list[Problem]:
    seen = set()
    unique = []
    for problem in problems:
        key = (problem.file, problem.line, problem.message, problem.severity)
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return sorted(unique, key=lambda p: (order.get(p.file, len(order)), p.line, p.severity != "error"))


def _floor_data(docs: list[Document], failed: set[str]) -> tuple[object, list[Problem]]:
    """The province data for the floor check: from ``docs`` when one is the province file, else read from
    ``standards/yunnan-floor.yaml``. ``None`` (no floor check) when that file has errors."""
    for doc in docs:
        if checks.kind_of(doc.data) == "province":
            return (None if doc.file in failed else doc.data), []
    path = STANDARDS_DIR / PROVINCE_FILE
    floor_doc, problems = read_document(path)
    if floor_doc is not None:
        problems = schema_problems(floor_doc)
        findings = checks.check_document(floor_doc.data)
        problems += [_finding_problem(floor_doc, f) for f in findings if f.severity == checks.ERROR]
    if floor_doc is None or problems:
        return None, [
            Problem(
                str(path),
                0,
                "省级指导标准文件有错误，本次没有检查各县市标准是否低于省级标准。请运行 scripts/validate-standards "
                f"{path} 查看并改正。",
            )
        ]
    return floor_doc.data, []


def check_documents(
    docs: list[Document], *, today: date | None = None, complete: bool = False, directory: Path | None = None
) -> list[Problem]:
    """Schema, single-file and cross-file checks of documents already read.

    ``today``: reference date of the staleness warning (``None``: no warning). ``complete``: ``docs`` are the
    whole directory, so missing files are errors (reported against ``directory``).
    """
    problems: list[Problem] = []
    schema_failed: set[str] = set()
    for doc in docs:
        found = schema_problems(doc)
        if found:
            schema_failed.add(doc.file)
        problems += found
    failed = set(schema_failed)
    for doc in docs:
        province = checks.kind_of(doc.data) == "province"
        if province and any(f.severity == checks.ERROR for f in checks.check_document(doc.data)):
            failed.add(doc.file)
    if any(checks.kind_of(doc.data) == "county" for doc in docs):
        floor, floor_problems = _floor_data(docs, failed)
        problems += floor_problems
    else:
        floor = None
    for doc in docs:
        findings = checks.check_document(doc.data, floor=floor, today=today)
        findings += checks.check_file_name(doc.file, doc.data)
        problems += [_finding_problem(doc, f) for f in findings]
    by_file = {doc.file: doc for doc in docs}
    for file, finding in checks.check_collection([(doc.file, doc.data) for doc in docs], complete=complete):
        if file is None:
            problems.append(Problem(str(directory or STANDARDS_DIR), 0, finding.message, finding.severity))
        else:
            problems.append(_finding_problem(by_file[file], finding))
    return problems


def check_paths(
    paths: list[Path], *, today: date | None = None, complete: bool = False
) -> tuple[list[Document], list[Problem]]:
    """Read and check every file; return the readable documents and all problems (errors and warnings).

    ``today`` is the reference date of the staleness warning (default: the current date). ``complete``:
    the paths are the whole standards directory, so a missing county, province or prefecture file is an
    error. When no province file is among ``paths``, ``standards/yunnan-floor.yaml`` is read for the floor check.
    Never raises for any file content.
    """
    paths = [Path(p) for p in paths]
    docs: list[Document] = []
    problems: list[Problem] = []
    for path in paths:
        doc, found = read_document(path)
        problems += found
        if doc is not None:
            docs.append(doc)
    directory = paths[0].parent if paths else STANDARDS_DIR
    problems += check_documents(docs, today=today or date.today(), complete=complete, directory=directory)
    order = {str(p): i for i, p in enumerate(paths)}
    return docs, _dedupe_and_sort(problems, order)


def validate_documents(docs: list[Document], *, today: date | None = None, complete: bool = False) -> list[Document]:
    """``docs`` (already read) when none has an error; otherwise raise :class:`StandardsInvalid`."""
    problems = check_documents(docs, today=today or date.today(), complete=complete)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        order = {doc.file: i for i, doc in enumerate(docs)}
        raise StandardsInvalid(_dedupe_and_sort(errors, order))
    return docs


def validate_paths(paths: list[Path], *, today: date | None = None, complete: bool = False) -> list[Document]:
    """Documents of ``paths`` when none has an error; otherwise raise :class:`StandardsInvalid`."""
    docs, problems = check_paths(paths, today=today, complete=complete)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise StandardsInvalid(errors)
    return docs
