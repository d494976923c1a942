"""The part of Pyodide's standard library that the site's Python workers use: a smaller ``python_stdlib.zip``.

Pyodide's ``python_stdlib.zip`` (npm ``pyodide`` 314.0.7) is 2.5 MB of already-compressed Python sources: brotli
or gzip on the server cannot shrink it, and it is close to half of what a phone downloads before the calculator
can answer. The 测算 and 县市标准配置 workers read about a third of it: the modules of Pyodide's own start-up and
what the calculator imports. The site ships a zip with only the files listed in ``pyodide_stdlib.txt`` (the same
files, bytes and compression as in Pyodide's zip: 0.86 MB instead of 2.55 MB), under the name Pyodide loads by
default.

The list is made by ``scripts/pyodide-stdlib``: it starts Pyodide with the full zip under Node, does everything
the workers do (every scenario through ``calculator.web``, the configurator's requests, an error passed to
JavaScript) and records every standard-library file Python read. ``tests/test_pyodide_scenarios.py`` runs all the
scenarios on the trimmed zip and checks that the list is current.

The site's zip then holds those modules compiled to bytecode by Pyodide's own Python (``pyodide_compile.mjs``,
under Node): Python in the page imports them without compiling their sources first, which was most of Python's
start in a browser (about 4.6 s → 2.0 s to "ready" on a cold load here, see scripts/bench-page). Docstrings and
column ranges are left out, line numbers kept, so the zip stays about the size of the sources (1.02 MB).
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

LIST = Path(__file__).with_name("pyodide_stdlib.txt")
COMPILER = Path(__file__).with_name("pyodide_compile.mjs")
ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / "build" / "pyodide-stdlib"


class StdlibListError(ValueError):
    """The list names a file that is not in Pyodide's zip (Pyodide was upgraded: run scripts/pyodide-stdlib)."""


class StdlibCompileError(RuntimeError):
    """Pyodide under Node could not compile the standard library (Node or node_modules/pyodide missing, or a
    source Python 3.14 refuses)."""


def kept_files(path: Path = LIST) -> list[str]:
    """The zip members to keep: the lines of ``pyodide_stdlib.txt`` that are not blank or ``#`` comments."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def trimmed_zip(full: Path, keep: list[str]) -> bytes:
    """A zip of the members of ``full`` named in ``keep`` (and the directory entries above them), in the order
    of ``full``, each with its original bytes, date and compression: the same input gives the same bytes.

    Raises :class:`StdlibListError` when ``keep`` names a member ``full`` does not have.
    """
    wanted = set(keep)
    dirs = {"/".join(name.split("/")[:i]) + "/" for name in wanted for i in range(1, name.count("/") + 1)}
    out = io.BytesIO()
    with zipfile.ZipFile(full) as src, zipfile.ZipFile(out, "w") as dst:
        present = set(src.namelist())
        missing = sorted(wanted - present)
        if missing:
            raise StdlibListError(f"{full.name} has no {', '.join(missing[:5])}: run scripts/pyodide-stdlib")
        for info in src.infolist():
            if info.filename in wanted or info.filename in dirs:
                dst.writestr(info, src.read(info), compress_type=info.compress_type)
    return out.getvalue()


def compiled_zip(trimmed: bytes) -> bytes:
    """``trimmed`` (a zip of ``.py`` sources, as :func:`trimmed_zip` makes it) with every ``.py`` compiled to a
    sourceless ``.pyc`` by Pyodide's Python under Node (``pyodide_compile.mjs``); other members unchanged.

    The result is kept in ``build/pyodide-stdlib/`` under a hash of the input, the compiler script and Pyodide's
    ``package.json``: a rebuild (``mkdocs serve``) does not start Pyodide again. Takes 3–5 s when not cached.
    Raises :class:`StdlibCompileError` when ``node`` is missing or the compile fails (with Node's message).
    """
    key = hashlib.sha256()
    for part in (trimmed, COMPILER.read_bytes(), (PYODIDE / "package.json").read_bytes()):
        key.update(hashlib.sha256(part).digest())
    cached = CACHE / f"{key.hexdigest()[:32]}.zip"
    if cached.exists():
        return cached.read_bytes()
    node = shutil.which("node")
    if node is None:
        raise StdlibCompileError("编译 Python 标准库需要 Node.js（node），但没有找到："
                                 "请先运行 scripts/serve 或 scripts/test")
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.zip", Path(tmp) / "out.zip"
        src.write_bytes(trimmed)
        proc = subprocess.run([node, str(COMPILER), str(src), str(out)], capture_output=True, text=True,
                              timeout=300)
        if proc.returncode != 0 or not out.exists():
            raise StdlibCompileError(f"用 Pyodide 编译 Python 标准库失败：{proc.stderr.strip()[-2000:]}")
        data = out.read_bytes()
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp_file = cached.with_suffix(".tmp")
    tmp_file.write_bytes(data)
    tmp_file.replace(cached)  # whole or not at all, should two builds run at once
    return data


def site_zip(full: Path = PYODIDE / "python_stdlib.zip", keep: list[str] | None = None) -> bytes:
    """The ``python_stdlib.zip`` the site ships: the files of ``pyodide_stdlib.txt`` (:func:`trimmed_zip`),
    compiled (:func:`compiled_zip`). Raises :class:`StdlibListError` or :class:`StdlibCompileError`."""
    return compiled_zip(trimmed_zip(full, kept_files() if keep is None else keep))
