"""The code stays readable (issue of the package boundaries): no function over about 60 lines unless its docstring
says why, and no one-letter or cryptic import aliases."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("calculator", "standards_tools", "ledger_audit", "sitebuild", "hooks")
LIMIT = 60
REASON = "Longer than 60 lines on purpose"


def _sources():
    for top in PACKAGES + ("scripts",):
        for path in sorted((ROOT / top).rglob("*")) if (ROOT / top).is_dir() else []:
            if "__pycache__" in path.parts or not path.is_file():
                continue
            if path.suffix == ".py" or (top == "scripts" and not path.suffix
                                        and path.read_bytes()[:40].startswith(b"#!/usr/bin/env python")):
                yield path, ast.parse(path.read_text(encoding="utf-8"))


def test_no_function_is_over_60_lines_unless_its_docstring_says_why():
    long = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > LIMIT and REASON not in " ".join((ast.get_docstring(node) or "").split()):
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({length} lines)")
    assert long == []


def test_no_import_is_renamed_to_a_one_letter_or_cryptic_alias():
    cryptic = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    if alias.asname and alias.asname != "dt" and re.fullmatch(r"_?[A-Za-z]{1,3}", alias.asname):
                        cryptic.append(f"{path.relative_to(ROOT)}:{node.lineno} {alias.name} as {alias.asname}")
    assert cryptic == []
