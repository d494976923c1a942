"""Validation of the standards files (first cut: strict reading only; schema and checks come in issue 3).

Public interface used by the bundle builder and ``scripts/validate-standards``:

* :class:`Problem` — ``file``, ``line``, ``message`` (Chinese), ``severity`` (``"error"`` | ``"warning"``).
* :func:`validate_paths` — read every file, run every check; return the documents or raise
  :class:`StandardsInvalid` listing every error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitebuild.yamlstrict import Document, YamlProblem, parse_file


@dataclass(frozen=True)
class Problem:
    """One finding: where (file, 1-based line) and what to do (Chinese)."""

    file: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        label = "错误" if self.severity == "error" else "提醒"
        return f"{self.file}:{self.line}: {label}：{self.message}"


class StandardsInvalid(Exception):
    """Raised when at least one standards file has an error; ``problems`` lists all findings."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def check_paths(paths: list[Path]) -> tuple[list[Document], list[Problem]]:
    """Read and check every file; return the readable documents and all problems (errors and warnings)."""
    docs: list[Document] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            docs.append(parse_file(path))
        except YamlProblem as exc:
            problems.append(Problem(exc.file, exc.line, exc.message))
    return docs, problems


def validate_paths(paths: list[Path]) -> list[Document]:
    """Documents of ``paths`` when none has an error; otherwise raise :class:`StandardsInvalid`."""
    docs, problems = check_paths(paths)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise StandardsInvalid(errors)
    return docs
