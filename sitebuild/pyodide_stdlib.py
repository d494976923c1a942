"""The part of Pyodide's standard library that the site's Python workers use: a smaller ``python_stdlib.zip``.

Pyodide's ``python_stdlib.zip`` (npm ``pyodide`` 314.0.7) is 2.5 MB of already-compressed Python sources: brotli
or gzip on the server cannot shrink it, and it is close to half of what a phone downloads before the calculator
can answer. The 测算 and 县市标准配置 workers read about a third of it: the modules of Pyodide's own start-up and
what the calculator imports. The site ships a zip with only the files listed in ``pyodide_stdlib.txt`` (the same
files, bytes and compression as in Pyodide's zip: 0.86 MB instead of 2.55 MB), under the name Pyodide loads by
default.

The list is made by ``scripts/pyodide-stdlib``: it starts Pyodide with the full zip under Node, does everything
the workers do (every scenario through ``calculator.page_api``, the configurator's requests, an error passed to
JavaScript) and records every standard-library file Python read. ``tests/test_pyodide_scenarios.py`` runs all the
scenarios on the trimmed zip and checks that the list is current.

The site's zip then holds those modules compiled to bytecode by Pyodide's own Python (``pyodide_compile.mjs``,
under Node, ``pyodide_compile.py``): Python in the page imports them without compiling their sources first, which
was most of Python's start in a browser (about 4.6 s → 2.0 s to "ready" on a cold load here, see
scripts/bench-page). Docstrings and column ranges are left out, line numbers kept, so the zip stays about the size
of the sources (1.02 MB).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from sitebuild.pyodide_compile import PYODIDE, STANDARDS_TOOLS_PATH, compiled_zip, package_zip

LIST = Path(__file__).with_name("pyodide_stdlib.txt")
# The files only the 县市标准配置 page's worker reads (difflib for its diff), beyond the 测算 page's list: they ship in
# the standards tools' zip (:func:`configurator_zip`), so the 测算 page downloads none of them (issue 18).
CONFIGURATOR_LIST = Path(__file__).with_name("pyodide_stdlib_configurator.txt")
# Where Pyodide puts its standard library zip (and so the file name its modules' code objects carry).
PREFIX = "/lib/python314.zip/"


class StdlibListError(ValueError):
    """The list names a file that is not in Pyodide's zip (Pyodide was upgraded: run scripts/pyodide-stdlib)."""


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


def site_zip(full: Path = PYODIDE / "python_stdlib.zip", keep: list[str] | None = None) -> bytes:
    """The ``python_stdlib.zip`` the site ships: the files of ``pyodide_stdlib.txt`` (:func:`trimmed_zip`),
    compiled with docstrings left out (``pyodide_compile.compiled_zip``, optimize 2).

    Raises :class:`StdlibListError`, or ``pyodide_compile.PyodideCompileError``."""
    return compiled_zip(trimmed_zip(full, kept_files() if keep is None else keep), PREFIX, optimize=2)


def configurator_zip(wheel: Path, full: Path = PYODIDE / "python_stdlib.zip", keep: list[str] | None = None) -> bytes:
    """The zip the 县市标准配置 page imports beside the engine: the ``standards_tools/`` package of ``wheel`` and the
    standard-library files of ``pyodide_stdlib_configurator.txt`` (those only that page reads), compiled for
    ``/standards_tools.zip/`` with docstrings left out. Raises :class:`StdlibListError` or
    ``pyodide_compile.PyodideCompileError``."""
    extra = trimmed_zip(full, kept_files(CONFIGURATOR_LIST) if keep is None else keep)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as merged:
        for data in (package_zip(wheel, "standards_tools"), extra):
            with zipfile.ZipFile(io.BytesIO(data)) as part:
                for info in part.infolist():
                    merged.writestr(info, part.read(info), compress_type=info.compress_type)
    return compiled_zip(out.getvalue(), STANDARDS_TOOLS_PATH + "/", optimize=2)
