"""Strict, text-only YAML reading for the files in ``standards/``.

Every scalar is read as text (a ``str``): ``no`` stays ``"no"``, ``08`` stays ``"08"``, ``7e2`` stays
``"7e2"`` and ``532503`` stays ``"532503"``. Types are decided afterwards by the JSON Schema (patterns) and
the checks in :mod:`standards_tools.checks`, so YAML 1.1's implicit typing never changes a value.

Refused, each with the file and line in a Chinese message (:class:`YamlProblem`):

* bytes that are not UTF-8 (a Windows editor saving GBK);
* YAML syntax errors, tabs used for indentation included;
* duplicate keys in one mapping (YAML would silently keep the last);
* any explicit tag (``!!python/object``, ``!!int``…): nothing is ever constructed from a tag;
* anchors and aliases (``&a`` / ``*a``): every value is written out where it is used.

Nothing here is needed at run time: the calculator reads the JSON bundle built from these files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"

@dataclass(frozen=True)
class YamlProblem(Exception):
    """A file that cannot be read as a standards file.

    ``file`` is the path as given, ``line`` is 1-based (0 when the whole file is concerned), ``message`` is
    Chinese and says what to do.
    """

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class _TextOnlyLoader(yaml.SafeLoader):
    """A SafeLoader without implicit resolvers: every plain scalar resolves to ``str``."""


_TextOnlyLoader.yaml_implicit_resolvers = {}


@dataclass(frozen=True)
class Document:
    """A parsed standards file: ``data`` (dicts, lists, str) and the line of every node by its path."""

    file: str
    data: object
    lines: dict

    def line_of(self, path: tuple) -> int:
        """Line (1-based) of the node at ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def _decode(raw: bytes, file: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlProblem(
            file,
            line,
            "文件不是 UTF-8 编码（可能是用 Windows 记事本等以 GBK/ANSI 编码保存的）。"
            "请用 UTF-8 编码重新保存此文件后再提交。",
        ) from None
    return text.removeprefix("\ufeff")


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, file: str) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    detail = f"{exc.context or ''} {exc.problem or ''}".strip()
    lines = text.splitlines()
    if "\t" in detail or (0 < line <= len(lines) and "\t" in lines[line - 1]):
        return YamlProblem(file, line, "这一行用了制表符（Tab）缩进。YAML 只能用空格缩进：请把 Tab 换成空格。")
    return YamlProblem(
        file,
        line,
        f"YAML 格式错误（{detail}）。请检查这一行及上一行的缩进、冒号和短横线是否与上下文一致。",
    )


def parse(text_or_bytes: bytes | str, file: str = "<输入>") -> Document:
    """Parse one standards file strictly.

    Shape: bytes or str → :class:`Document` whose ``data`` holds only ``dict`` (str keys), ``list`` and
    ``str``; ``lines`` maps each path (tuple of keys and indexes) to its 1-based line.

    Raises :class:`YamlProblem` for every refusal listed in the module docstring.

    Longer than 60 lines on purpose: one walk over PyYAML's node tree whose branches are the refusals, each with
    the node's line at hand; split up, every piece would need the walk's state.
    """
    text = _decode(text_or_bytes, file) if isinstance(text_or_bytes, bytes) else text_or_bytes
    try:
        root = yaml.compose(text, Loader=_TextOnlyLoader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc, text, file) from None
    except yaml.YAMLError as exc:  # pragma: no cover - composer errors are all marked
        raise YamlProblem(file, 0, f"YAML 格式错误：{exc}") from None
    if root is None:
        raise YamlProblem(file, 1, "文件是空的。请参照 standards/README.md 填写。")
    lines: dict = {}
    seen: set[int] = set()

    def build(node, path: tuple):
        line = node.start_mark.line + 1
        if id(node) in seen:
            raise YamlProblem(file, line, "不支持 YAML 的锚点/别名（& 和 *）。请把内容完整写在用到它的地方。")
        seen.add(id(node))
        lines[path] = line
        if isinstance(node, ScalarNode):
            if node.tag != _STR:
                raise YamlProblem(
                    file,
                    line,
                    f"不允许使用 YAML 标签（{node.tag.replace('tag:yaml.org,2002:', '!!')}）。"
                    "请删除以 ! 开头的标记，直接写值。",
                )
            return node.value
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                raise YamlProblem(file, line, "不允许使用 YAML 标签（以 ! 开头的标记）。请删除它。")
            return [build(child, path + (i,)) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            if node.tag != _MAP:
                raise YamlProblem(file, line, "不允许使用 YAML 标签（以 ! 开头的标记）。请删除它。")
            out: dict = {}
            first_line: dict = {}
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1
                if not isinstance(key_node, ScalarNode) or key_node.tag != _STR:
                    raise YamlProblem(file, key_line, "键名必须是普通文字。")
                if key_node.value == "<<":
                    raise YamlProblem(file, key_line, "不支持 YAML 的合并键（<<）。请把内容完整写出。")
                key = key_node.value
                if key in out:
                    raise YamlProblem(
                        file,
                        key_line,
                        f"键“{key}”在同一层重复出现（第 {first_line[key]} 行已有）。"
                        "YAML 会悄悄只保留后一个：请删除或合并重复的一项。",
                    )
                first_line[key] = key_line
                out[key] = build(value_node, path + (key,))
                lines[path + (key,)] = key_line
            return out
        raise YamlProblem(file, line, "无法识别的 YAML 内容。")  # pragma: no cover

    # Anchors/aliases: an alias composes to the very node object of its anchor, caught by ``seen`` above.
    data = build(root, ())
    return Document(file=file, data=data, lines=lines)


def parse_file(path: str | Path) -> Document:
    """Read and :func:`parse` the file at ``path``; the problem's ``file`` is ``path`` as given.

    Raises :class:`YamlProblem` (also when the file cannot be read).
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise YamlProblem(str(path), 0, f"无法读取文件：{exc.strerror}") from None
    return parse(raw, str(path))
