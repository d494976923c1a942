"""The trimmed standard library the site ships (sitebuild/pyodide_stdlib.py): Pyodide's own files, only fewer."""

from __future__ import annotations

import io
import zipfile

import pytest
from scenario_lib import ROOT

from sitebuild.pyodide_stdlib import StdlibListError, kept_files, trimmed_zip

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
    assert {"json/__init__.py", "decimal.py", "fractions.py", "datetime.py", "difflib.py", "re/__init__.py",
            "dataclasses.py", "encodings/utf_8.py", "traceback.py"} <= keep
    assert not keep & {"pydoc.py", "unittest/__init__.py", "email/__init__.py", "xml/__init__.py", "pdb.py"}
