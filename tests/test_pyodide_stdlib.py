"""The standard library the site ships (sitebuild/pyodide_stdlib.py): Pyodide's own files, only fewer, compiled."""

from __future__ import annotations

import importlib.util
import io
import os
import sys
import time
import zipfile

import pytest

from sitebuild import pyodide_compile
from sitebuild.pyodide_compile import PyodideCompileError, calculator_zip, compiled_zip, standards_tools_zip
from sitebuild.pyodide_stdlib import (
    CONFIGURATOR_LIST,
    StdlibListError,
    configurator_zip,
    kept_files,
    site_zip,
    trimmed_zip,
)
from sitebuild.scenarios import ROOT, build_wheel

FULL = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"

pytestmark = pytest.mark.skipif(not FULL.exists(), reason="node_modules/pyodide is missing (npm ci)")


def test_the_trimmed_zip_holds_exactly_the_listed_files_with_pyodides_own_bytes():
    keep = kept_files()
    data = trimmed_zip(FULL, keep)
    with zipfile.ZipFile(io.BytesIO(data)) as small, zipfile.ZipFile(FULL) as full:
        files = [n for n in small.namelist() if not n.endswith("/")]
        assert sorted(files) == sorted(keep)
        for name in files:
            assert small.read(name) == full.read(name), name
            assert small.getinfo(name).compress_type == full.getinfo(name).compress_type
        # every directory above a kept file is there, and nothing else
        dirs = {n for n in small.namelist() if n.endswith("/")}
        assert dirs == {n.rsplit("/", 1)[0] + "/" for n in files if "/" in n} | {
            d for n in files for d in [n.split("/")[0] + "/"] if "/" in n}


def test_the_trimmed_zip_is_the_same_bytes_every_time_and_well_under_half_the_full_one():
    keep = kept_files()
    assert trimmed_zip(FULL, keep) == trimmed_zip(FULL, keep)
    assert len(trimmed_zip(FULL, keep)) < FULL.stat().st_size * 0.4  # 0.86 MB of 2.55 MB with Pyodide 314.0.7


def test_a_listed_file_that_pyodide_no_longer_has_is_an_error_that_says_what_to_run():
    with pytest.raises(StdlibListError, match=r"no not_a_module\.py: run scripts/pyodide-stdlib"):
        trimmed_zip(FULL, ["json/__init__.py", "not_a_module.py"])


def test_the_list_keeps_what_the_calculator_imports_and_leaves_out_what_it_never_does():
    keep = set(kept_files())
    assert {"json/__init__.py", "decimal.py", "fractions.py", "datetime.py", "re/__init__.py",
            "dataclasses.py", "encodings/utf_8.py", "traceback.py"} <= keep
    assert not keep & {"pydoc.py", "unittest/__init__.py", "email/__init__.py", "xml/__init__.py", "pdb.py"}


def test_the_configurator_pages_own_list_holds_difflib_and_calendar_which_the_calculator_page_never_downloads(
        tmp_path):
    # the 测算 page's standard library (issue 18): no difflib; no calendar (add_months needs datetime only) and no
    # _strptime, which would import it (the workers parse dates with date.fromisoformat)
    assert not {"difflib.py", "calendar.py", "_strptime.py"} & set(kept_files())
    assert kept_files(CONFIGURATOR_LIST) == ["calendar.py", "difflib.py"]  # the 配置 page's checks and diff
    wheel = build_wheel(tmp_path)
    with zipfile.ZipFile(io.BytesIO(configurator_zip(wheel))) as z:
        names = z.namelist()
        assert {"difflib.pyc", "calendar.pyc", "standards_tools/checks.pyc"} <= set(names)
        assert b"/standards_tools.zip/difflib.py" in z.read("difflib.pyc")


# ------------------------------------------------------------------ compiled to bytecode (compiled_zip) --

@pytest.fixture(scope="module")
def site_stdlib() -> bytes:
    return site_zip()


def test_the_site_zip_holds_a_compiled_file_for_every_listed_source_and_no_source(site_stdlib):
    keep = kept_files()
    with zipfile.ZipFile(io.BytesIO(site_stdlib)) as z:
        files = [n for n in z.namelist() if not n.endswith("/")]
        expected = [n + "c" if n.endswith(".py") else n for n in keep]
        assert sorted(files) == sorted(expected)
        assert not [n for n in files if n.endswith(".py")]
        # A .pyc starts with the magic number of the Python that wrote it: Pyodide's 3.14, not this host's.
        magic = z.read("json/__init__.pyc")[:4]
        assert magic != importlib.util.MAGIC_NUMBER or sys.version_info[:2] == (3, 14)
        assert {z.read(n)[:4] for n in files if n.endswith(".pyc")} == {magic}


def test_the_site_zip_is_about_the_size_of_the_sources(site_stdlib):
    trimmed = len(trimmed_zip(FULL, kept_files()))
    # 1.02 MB compiled against 0.86 MB of sources with Pyodide 314.0.7 (docstrings and column ranges left out);
    # with the docstrings it would be 1.26 MB, with column ranges too 1.60 MB.
    assert len(site_stdlib) < trimmed * 1.3


def test_a_compiled_zip_is_kept_and_not_compiled_again(site_stdlib, monkeypatch):
    def no_node(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(pyodide_compile.subprocess, "run", no_node)
    assert site_zip() == site_stdlib


def test_without_node_the_build_says_what_is_missing(tmp_path, monkeypatch):
    monkeypatch.setattr(pyodide_compile, "CACHE", tmp_path)  # nothing cached
    monkeypatch.setattr(pyodide_compile.shutil, "which", lambda name: None)
    with pytest.raises(PyodideCompileError, match="需要 Node.js"):
        site_zip()


def test_a_source_python_cannot_compile_fails_the_build_with_pythons_message(tmp_path, monkeypatch):
    monkeypatch.setattr(pyodide_compile, "CACHE", tmp_path)
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("broken.py", "def f(:\n")
    message = r"(?s)编译 Python 代码失败.*broken\.py.*SyntaxError: invalid syntax"
    with pytest.raises(PyodideCompileError, match=message):
        compiled_zip(broken.getvalue(), "/x.zip/")
    assert not list(tmp_path.iterdir())  # nothing kept


def test_the_calculator_ships_compiled_for_the_path_the_page_imports_it_from_and_holds_the_engine_only(tmp_path):
    wheel = build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as w, zipfile.ZipFile(io.BytesIO(calculator_zip(wheel))) as z:
        sources = [n for n in w.namelist() if n.endswith(".py") and n.startswith("calculator/")
                   and n not in pyodide_compile.NOT_IN_BROWSER]  # the CLI and the build's figures: never imported
        assert "calculator/rules.py" in sources and "calculator/__main__.py" in w.namelist()
        assert not {n + "c" for n in pyodide_compile.NOT_IN_BROWSER} & set(z.namelist())
        assert sorted(n for n in z.namelist() if n.endswith(".pyc")) == sorted(n + "c" for n in sources)
        assert not [n for n in z.namelist() if n.endswith(".py")]
        others = [n for n in w.namelist() if n.startswith("calculator/") and not n.endswith(".py")]  # py.typed
        assert others and all(z.read(n) == w.read(n) for n in others)
        # the 测算 page downloads the engine only: no standards tools, no wheel metadata
        assert all(n.startswith("calculator/") for n in z.namelist())
        # the code objects name their file where the page imports it from (tracebacks read as from the source)
        assert b"/calculator.zip/calculator/rules.py" in z.read("calculator/rules.pyc")


def test_the_standards_tools_ship_compiled_in_their_own_zip_for_the_configurator_page(tmp_path):
    wheel = build_wheel(tmp_path)
    with zipfile.ZipFile(wheel) as w, zipfile.ZipFile(io.BytesIO(standards_tools_zip(wheel))) as z:
        sources = [n for n in w.namelist() if n.endswith(".py") and n.startswith("standards_tools/")]
        assert "standards_tools/checks.py" in sources
        assert sorted(z.namelist()) == sorted(n + "c" for n in sources)
        assert b"/standards_tools.zip/standards_tools/checks.py" in z.read("standards_tools/checks.pyc")


def _zip(members: dict[str, str], date: tuple) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, text in members.items():
            z.writestr(zipfile.ZipInfo(name, date), text)
    return out.getvalue()


def test_a_zip_that_differs_only_in_its_dates_is_not_compiled_again(tmp_path, monkeypatch):
    """A wheel built again from the same sources differs only in the dates of its .dist-info files."""
    monkeypatch.setattr(pyodide_compile, "CACHE", tmp_path)
    members = {"m.py": "X = 1\n", "m-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\n"}
    first = compiled_zip(_zip(members, (2026, 11, 30, 1, 0, 0)), "/x.zip/")
    monkeypatch.setattr(pyodide_compile.subprocess, "run", lambda *a, **k: pytest.fail("compiled again"))
    assert compiled_zip(_zip(members, (2026, 11, 30, 2, 0, 0)), "/x.zip/") == first
    with pytest.raises(pytest.fail.Exception, match="compiled again"):  # other contents: compiled again
        compiled_zip(_zip({**members, "m.py": "X = 2\n"}, (2026, 11, 30, 1, 0, 0)), "/x.zip/")


def test_the_cache_keeps_the_most_recently_used_zips(tmp_path, monkeypatch):
    monkeypatch.setattr(pyodide_compile, "CACHE", tmp_path)
    monkeypatch.setattr(pyodide_compile, "KEEP", 2)
    old, older = tmp_path / "old.zip", tmp_path / "older.zip"
    for age, path in ((200, older), (100, old)):
        path.write_bytes(b"zip")
        os.utime(path, (time.time() - age, time.time() - age))
    assert pyodide_compile.cached_zip(older) == b"zip"  # used now: the most recent
    pyodide_compile.keep_zip(tmp_path / "new.zip", b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.zip", "older.zip"]


def test_what_is_not_a_zip_is_refused_with_a_clear_error():
    with pytest.raises(PyodideCompileError, match="不是有效的 zip 文件"):
        compiled_zip(b"not a zip", "/x.zip/")
