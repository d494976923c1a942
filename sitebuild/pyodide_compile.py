"""Python code for the browser, compiled to bytecode at build time by Pyodide's own Python.

Python imports a module from a zip archive by compiling its source, on every start of the page: it cannot keep the
compiled code anywhere. For the standard library Pyodide starts with and the calculator, that was most of the time
before the 测算 page could answer (about 2.5 s of 4.6 s on a cold load here, see scripts/bench-page). The site
therefore ships both as zips of sourceless ``.pyc`` files, compiled by the same Pyodide (Python 3.14) the page runs,
started under Node (``pyodide_compile.mjs``); Python loads a ``.pyc`` from a zip without a source beside it as it
is. The host's CPython (3.11) cannot write them: bytecode differs between Python versions.

Line numbers are kept (tracebacks and warnings name the line); column ranges are left out (``-X
no_debug_ranges``), and with ``optimize=2`` docstrings and ``assert`` statements, as ``python -OO`` does.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

COMPILER = Path(__file__).with_name("pyodide_compile.mjs")
ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / "build" / "pyodide-compiled"
KEEP = 8  # compiled zips kept in CACHE (the most recently used)
# Where the pages' workers put each package's zip (docs/assets/calc/python.js) and import it from: the engine on
# both Python pages, the standards tools on the 县市标准配置 page only.
CALCULATOR_PATH = "/calculator.zip"
STANDARDS_TOOLS_PATH = "/standards_tools.zip"
# Engine modules no worker imports: the command line, and the household-independent figures the build computes for
# the pages (the 测算 page only looks them up). Left out of the pages' zip: nothing downloaded that is not used.
NOT_IN_BROWSER = ("calculator/__main__.py", "calculator/county_figures.py")


class PyodideCompileError(RuntimeError):
    """Pyodide under Node could not compile a zip: ``node`` or node_modules/pyodide missing, or a source that
    Pyodide's Python refuses (the message carries Python's traceback: file, line and error)."""


def _content_key(data: bytes) -> bytes:
    """What a compile depends on in the zip ``data``: its members' names and contents, not the dates in it (a
    wheel built again from the same sources differs only in the dates of its ``.dist-info`` files)."""
    key = hashlib.sha256()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for info in z.infolist():
                key.update(info.filename.encode("utf-8") + b"\0" + hashlib.sha256(z.read(info)).digest())
    except (zipfile.BadZipFile, OSError) as error:
        raise PyodideCompileError(f"要编译的文件不是有效的 zip 文件：{error}") from None
    return key.digest()


def cached_zip(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
        os.utime(path)  # recently used: the last to be pruned
    except FileNotFoundError:  # not there, or pruned by a build running beside this one
        return None
    return data


def keep_zip(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (a unique temporary file renamed: builds running side by side
    cannot see a half-written zip), then prune the cache to its newest :data:`KEEP` zips."""
    CACHE.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(dir=CACHE, suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(partial, path)
    entries = []
    for entry in CACHE.iterdir():
        try:
            entries.append((entry.stat().st_mtime, entry))
        except FileNotFoundError:
            continue
    now = time.time()
    zips = sorted((e for e in entries if e[1].suffix == ".zip"), key=lambda e: e[0])
    stale = zips[:-KEEP] + [e for e in entries if e[1].suffix == ".tmp" and now - e[0] > 3600]
    for _, entry in stale:  # a calculator edited under `mkdocs serve` leaves one zip per change
        entry.unlink(missing_ok=True)


def compiled_zip(data: bytes, prefix: str, optimize: int = 2) -> bytes:
    """The zip ``data`` with every ``NAME.py`` replaced by a sourceless ``NAME.pyc`` compiled by Pyodide's Python
    under Node; other members unchanged, same order.

    ``prefix``: the directory the zip is imported from in Pyodide's file system, ending in ``/``
    (``"/lib/python314.zip/"``): the code objects name their file ``prefix + NAME.py`` as Python would have.
    ``optimize``: 0, 1 or 2 as for :func:`compile`.
    The result is kept in ``build/pyodide-compiled/`` under a hash of the members' names and contents, the
    arguments, the compiler script and Pyodide's ``package.json`` (the :data:`KEEP` most recently used): a rebuild
    (``mkdocs serve``) does not start Pyodide again. Takes 3–5 s when not kept.
    Raises :class:`PyodideCompileError` when ``data`` is not a zip, ``node`` is missing or the compile fails.
    """
    key = hashlib.sha256()
    for part in (_content_key(data), f"{prefix}\0{optimize}".encode(), COMPILER.read_bytes(),
                 (PYODIDE / "package.json").read_bytes()):
        key.update(hashlib.sha256(part).digest())
    cached = CACHE / f"{key.hexdigest()[:32]}.zip"
    kept = cached_zip(cached)
    if kept is not None:
        return kept
    node = shutil.which("node")
    if node is None:
        raise PyodideCompileError("编译 Python 代码需要 Node.js（node），但没有找到："
                                  "请先运行 scripts/serve 或 scripts/test")
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.zip", Path(tmp) / "out.zip"
        src.write_bytes(data)
        try:
            proc = subprocess.run([node, str(COMPILER), str(src), str(out), prefix, str(optimize)],
                                  capture_output=True, text=True, timeout=300)
        except subprocess.TimeoutExpired:
            raise PyodideCompileError("用 Pyodide 编译 Python 代码超过 5 分钟仍未完成") from None
        except OSError as error:
            raise PyodideCompileError(f"无法运行 Node.js（{node}）：{error}") from None
        if proc.returncode != 0 or not out.exists():
            raise PyodideCompileError(f"用 Pyodide 编译 Python 代码失败：{proc.stderr.strip()[-2000:]}")
        result = out.read_bytes()
    keep_zip(cached, result)
    return result


def package_zip(wheel: Path, package: str, leave_out: tuple[str, ...] = ()) -> bytes:
    """The members of ``wheel`` (the project's pure-Python wheel, a zip) under ``package/``, as a new zip in the
    wheel's order with the wheel's dates: one package per download, so that the 测算 page fetches the engine only.
    Members named in ``leave_out`` are not copied. Raises :class:`PyodideCompileError` when the wheel is not a zip
    or holds no such package."""
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            members = [info for info in source.infolist()
                       if info.filename.startswith(package + "/") and info.filename not in leave_out]
            for info in members:
                target.writestr(info, source.read(info))
    except (zipfile.BadZipFile, OSError) as error:
        raise PyodideCompileError(f"wheel 文件无法读取：{error}") from None
    if not members:
        raise PyodideCompileError(f"wheel {wheel.name} 中没有 {package}/")
    return out.getvalue()


def calculator_zip(wheel: Path) -> bytes:
    """The engine as the pages import it: the ``calculator/`` package of the pure-Python wheel ``wheel``, compiled
    for :data:`CALCULATOR_PATH` with ``optimize=2`` (the calculator reads no docstring and has no ``assert``),
    without :data:`NOT_IN_BROWSER`.
    Importing it compiled in Pyodide takes ~85 ms instead of ~200 ms (Node, here). Raises
    :class:`PyodideCompileError`."""
    return compiled_zip(package_zip(wheel, "calculator", NOT_IN_BROWSER), CALCULATOR_PATH + "/", optimize=2)


def standards_tools_zip(wheel: Path) -> bytes:
    """The standards tools (checks, YAML editing, the 配置 page's requests) as the 县市标准配置 page imports them
    beside the engine: the ``standards_tools/`` package of ``wheel``, compiled for :data:`STANDARDS_TOOLS_PATH`.
    Raises :class:`PyodideCompileError`."""
    return compiled_zip(package_zip(wheel, "standards_tools"), STANDARDS_TOOLS_PATH + "/", optimize=2)
