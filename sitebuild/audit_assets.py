"""Files of the 台账核查 page: the audit's Python for the browser, none of it loaded by the 测算 page.

The page's worker starts Python exactly as the 测算 page does (``docs/assets/calc/python.js``: Pyodide, the
site's trimmed standard library, the calculator) and then adds, from ``assets/audit/py/``:

* ``audit_stdlib.zip`` — the standard-library files the audit reads that the site's ``python_stdlib.zip`` leaves
  out (csv, the GB18030 codec, xml for openpyxl …), listed in ``pyodide_stdlib_audit.txt`` (made by
  ``scripts/pyodide-stdlib-audit``);
* ``ledger_audit.zip``, ``openpyxl.zip``, ``et_xmlfile.zip`` — the audit and the pinned wheels
  (:mod:`sitebuild.audit_wheels`).

Each zip is compiled to bytecode by Pyodide's own Python (:func:`sitebuild.pyodide_compile.compiled_zip`) for the
place the worker puts it. ``assets/audit-manifest.json`` names them::

    {"zips": [{"url": "audit/py/audit_stdlib.zip", "fs": "/audit_stdlib.zip"}, …],
     "split": [["encodings", "/audit_stdlib.zip/encodings"], …],
     "downloads": {"audit/py/audit_stdlib.zip": 123456, …}}

``split``: packages whose ``__init__`` is in the site's zip while the audit's zip brings more of their modules.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from sitebuild.audit_wheels import wheels
from sitebuild.pyodide_compile import PYODIDE, compiled_zip
from sitebuild.pyodide_stdlib import kept_files, trimmed_zip

ROOT = Path(__file__).resolve().parent.parent
AUDIT_LIST = Path(__file__).with_name("pyodide_stdlib_audit.txt")
RUNNER = Path(__file__).with_name("pyodide_audit_run.mjs")
OUT_DIR = Path("assets") / "audit" / "py"
STDLIB_FS = "/audit_stdlib.zip"


def source_zip(package: str = "ledger_audit") -> bytes:
    """The package's ``*.py`` files as a zip (fixed dates: the same sources give the same bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted((ROOT / package).glob("*.py")):
            z.writestr(zipfile.ZipInfo(f"{package}/{path.name}", (2020, 1, 1, 0, 0, 0)), path.read_bytes(),
                       zipfile.ZIP_DEFLATED)
    return out.getvalue()


def split_packages(audit_files: list[str], site_files: list[str]) -> list[list[str]]:
    """[[dotted package, its directory in the audit's zip], …] for packages whose ``__init__.py`` the site's zip
    has and whose other modules are in ``audit_files``."""
    site_packages = {f.removesuffix("/__init__.py") for f in site_files if f.endswith("/__init__.py")}
    found = set()
    for name in audit_files:
        parts = name.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            package = "/".join(parts[:i])
            if package in site_packages:
                found.add(package)
    return [[p.replace("/", "."), f"{STDLIB_FS}/{p}"] for p in sorted(found)]


def built_zips() -> list[tuple[str, bytes]]:
    """(file system path in Pyodide, compiled zip bytes) of every zip the page adds, in the order they go on
    ``sys.path``. Raises ``StdlibListError`` or ``PyodideCompileError`` (see sitebuild/pyodide_stdlib.py)."""
    stdlib = trimmed_zip(PYODIDE / "python_stdlib.zip", kept_files(AUDIT_LIST))
    out = [(STDLIB_FS, compiled_zip(stdlib, STDLIB_FS + "/", optimize=2)),
           ("/ledger_audit.zip", compiled_zip(source_zip(), "/ledger_audit.zip/", optimize=2))]
    for wheel in wheels():
        name = wheel.name.split("-")[0]
        out.append((f"/{name}.zip", compiled_zip(wheel.read_bytes(), f"/{name}.zip/", optimize=1)))
    return out


def manifest_split() -> list[list[str]]:
    return split_packages(kept_files(AUDIT_LIST), kept_files())


def write_assets(site_dir: Path) -> Path:
    """Write the zips into ``site_dir/assets/audit/py/`` and ``assets/audit-manifest.json``; returns the latter."""
    assets = Path(site_dir) / "assets"
    out = assets / OUT_DIR.relative_to("assets")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    zips, downloads = [], {}
    for fs, data in built_zips():
        url = f"audit/py/{fs.lstrip('/')}"
        (assets / url).write_bytes(data)
        zips.append({"url": url, "fs": fs})
        downloads[url] = len(data)
    manifest = {"zips": zips, "split": manifest_split(), "downloads": downloads}
    path = assets / "audit-manifest.json"
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def run_in_pyodide(calculator: Path, bundle_text: str, ledgers: list[dict], *, stdlib: Path | None = None,
                   zips: list[tuple[str, bytes]] | None = None, split: list | None = None,
                   report_stdlib: list[str] | None = None, timeout: float = 600) -> dict:
    """Run ``pyodide_audit_run.mjs`` once (the page's arrangement under Node): each ledger ({path, name, as_of})
    through ``ledger_audit.web.audit_file``. ``zips`` default: :func:`built_zips`; ``stdlib``: the standard library
    zip to start with (default: the npm package's full one). Returns the runner's JSON; raises RuntimeError."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not on PATH: Pyodide runs under Node 20 (see scripts/_setup.sh)")
    with tempfile.TemporaryDirectory() as tmp:
        entries = []
        for fs, data in (built_zips() if zips is None else zips):
            path = Path(tmp) / fs.lstrip("/")
            path.write_bytes(data)
            entries.append({"fs": fs, "path": str(path)})
        job = {"calculator": str(calculator), "zips": entries, "split": manifest_split() if split is None else split,
               "bundle": bundle_text, "ledgers": ledgers, "report_stdlib": report_stdlib or []}
        if stdlib is not None:
            job["stdlib"] = str(stdlib)
        job_path = Path(tmp) / "job.json"
        job_path.write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
        done = subprocess.run([node, str(RUNNER), str(job_path)], capture_output=True, text=True, encoding="utf-8",
                              timeout=timeout, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"{RUNNER.name} exited {done.returncode}:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout)
