"""The layers of ARCHITECTURE.md hold, and scripts/check-layers (run by scripts/check) fails when one is broken.

Each breaking case is made in a temporary copy of the packages, never in the working tree.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("calculator", "standards_tools", "ledger_audit", "sitebuild", "hooks", "scripts", "tests")


def _copy(tmp: Path) -> Path:
    for name in COPIED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, tmp / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copyfile(ROOT / "pyproject.toml", tmp / "pyproject.toml")
    return tmp


def _check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(root / "scripts" / "check-layers")], capture_output=True, text=True)


def test_the_repository_keeps_every_layer_rule():
    proc = _check(ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "分层规则全部满足" in proc.stdout


def test_scripts_check_runs_the_layer_check_before_the_tests():
    check = (ROOT / "scripts" / "check").read_text(encoding="utf-8")
    assert "python scripts/check-layers" in check
    assert check.index("scripts/check-layers") < check.index("pytest")


@pytest.mark.parametrize(
    ("file", "line", "expected"),
    [
        # the engine importing build code (what calculator/__main__.py once did)
        ("calculator/rules.py", "import sitebuild.bundle", "BROKEN"),
        # the engine importing the standards tools above it
        ("calculator/assess.py", "from standards_tools import checks", "BROKEN"),
        # the engine or the standards tools using a package the browser does not have
        ("calculator/money.py", "import yaml", "BROKEN"),
        ("standards_tools/checks.py", "import jsonschema", "BROKEN"),
        # the standards tools importing build code
        ("standards_tools/configurator.py", "from sitebuild import bundle", "BROKEN"),
        # a cycle inside a package
        ("calculator/money.py", "import calculator.assess", "BROKEN"),
        # build code loading test code around the import system
        ("sitebuild/training.py", "import sys; sys.path.insert(0, 'tests')", "tests/"),
        ("sitebuild/training.py",
         "import importlib.util; importlib.util.spec_from_file_location('x', 'tests/x.py')", "按路径载入代码"),
        # a private name used from another module
        ("sitebuild/standards_pages.py", "from calculator.explain import _reason", "私有名称 _reason"),
    ],
)
def test_a_forbidden_import_added_in_a_copy_fails_the_layer_check(tmp_path, file, line, expected):
    root = _copy(tmp_path)
    path = root / file
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    proc = _check(root)
    assert proc.returncode == 1, proc.stdout
    assert expected in proc.stdout, proc.stdout
    assert "分层规则被破坏" in proc.stdout
