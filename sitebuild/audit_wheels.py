"""openpyxl and et_xmlfile for Python in the browser (the 台账核查 page) and for scripts/bench-audit under Pyodide.

Both are pure-Python wheels on PyPI (``py3-none-any``). They are fetched with ``pip download`` at the versions
pinned in ``constraints.txt`` (the same openpyxl the command line uses), once, into ``build/audit-wheels/``: a
rebuild uses the kept files and needs no network. A wheel is a zip that Python imports from as it is, so the
page puts them on ``sys.path`` without installing anything.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "audit-wheels"
PACKAGES = ("openpyxl", "et-xmlfile")


class WheelError(RuntimeError):
    """A pinned wheel could not be had: not pinned in constraints.txt, or pip could not download it."""


def pinned(name: str, constraints: Path = ROOT / "constraints.txt") -> str:
    """The version of ``name`` pinned in ``constraints.txt`` (``openpyxl`` → ``"3.1.5"``). Raises WheelError."""
    for line in constraints.read_text(encoding="utf-8").splitlines():
        found = re.fullmatch(r"\s*([A-Za-z0-9_.-]+)\s*==\s*([^\s#;]+).*", line)
        if found and re.sub(r"[-_.]+", "-", found.group(1)).lower() == name:
            return found.group(2)
    raise WheelError(f"constraints.txt 中没有锁定 {name} 的版本")


def wheels() -> list[Path]:
    """The pinned wheels of :data:`PACKAGES`, in that order, downloaded into :data:`CACHE` when not there yet.
    Raises :class:`WheelError` with pip's message when the download fails."""
    out = []
    for name in PACKAGES:
        version = pinned(name)
        stem = f"{name.replace('-', '_')}-{version}-"
        found = sorted(CACHE.glob(f"{stem}*none-any.whl"))
        if not found:
            CACHE.mkdir(parents=True, exist_ok=True)
            done = subprocess.run(
                [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                 "--disable-pip-version-check", "--dest", str(CACHE), f"{name}=={version}"],
                capture_output=True, text=True,
            )
            found = sorted(CACHE.glob(f"{stem}*none-any.whl"))
            if done.returncode != 0 or not found:
                raise WheelError(f"无法下载 {name}=={version}：{done.stderr.strip()[-1000:]}")
        out.append(found[0])
    return out
