"""MkDocs hook: everything the site needs besides the Markdown, made at build time from the one source.

* ``on_config``: read and validate ``standards/`` (refusing to build on any error) and build the bundle.
* ``on_files``: add the generated pages (county standards) to the site.
* ``on_post_build``: copy the pinned Pyodide core (npm ``pyodide``; of its standard library only the files the
  workers use, compiled to bytecode: sitebuild/pyodide_stdlib.py), the ResizeObserver polyfill, the calculator
  (its wheel compiled to bytecode: sitebuild/pyodide_compile.py) and the bundle as JSON into ``site/assets/`` so
  that the page loads nothing from another origin, the large ones named by a hash of their bytes; write the search
  index as UTF-8; put the calculator's manifest into the 测算 page and generate its service worker with Workbox
  (sitebuild/offline.py); last, the ``.br`` and ``.gz`` copies (sitebuild/compress.py).

The wheel is made with ``pip wheel`` (pure Python, ``py3-none-any``): no ``pyodide-build`` step is needed,
see README.md. Its bytecode is compiled by Pyodide's own Python under Node (the npm package the site copies).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# MkDocs restores sys.path once the hook is loaded: import everything the hook uses now.
from calculator.county_figures import county_periods  # noqa: E402
from calculator.standards import Bundle  # noqa: E402
from sitebuild import bundle as bundle_mod  # noqa: E402
from sitebuild import (  # noqa: E402
    changelog,
    clerk_guide,
    income_line_html,
    interpretations,
    offline,
    policy_notes,
    policy_updates,
    standards_pages,
    training,
    training_ledger,
    vocabulary_html,
)
from sitebuild.audit_assets import write_assets as write_audit_assets  # noqa: E402
from sitebuild.calculator_static import MARKER as NOJS_MARKER  # noqa: E402
from sitebuild.calculator_static import static_figures_html  # noqa: E402
from sitebuild.compress import compress_site, stored_zip  # noqa: E402
from sitebuild.configurator_assets import write_assets as write_configurator_assets  # noqa: E402
from sitebuild.minify_js import MinifyError, minified_module, minify_site_scripts  # noqa: E402
from sitebuild.page_weight import calculator_page  # noqa: E402
from sitebuild.pyodide_compile import PYODIDE as PYODIDE_DIR  # noqa: E402
from sitebuild.pyodide_compile import PyodideCompileError, calculator_zip  # noqa: E402
from sitebuild.pyodide_lock import empty_lock  # noqa: E402
from sitebuild.pyodide_stdlib import StdlibListError, configurator_zip, site_zip  # noqa: E402
from sitebuild.run_later import run_later  # noqa: E402
from sitebuild.search_worker import SearchWorkerChanged, correct_search_worker  # noqa: E402
from sitebuild.validate import StandardsInvalid  # noqa: E402

PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# Vendored scripts, from npm (pinned in package.json), into assets/vendor/: the ResizeObserver polyfill Material
# would otherwise fetch from unpkg.com on browsers that lack ResizeObserver (the same file unpkg serves;
# assets/md-base.js loads it), and workbox-window, which registers the 测算 page's service worker
# (assets/calc/offline.js; sitebuild/offline.py).
NODE_MODULES = ROOT / "node_modules"
VENDOR_FILES = {"resize-observer-polyfill/dist/ResizeObserver.js": "ResizeObserver.js",
                "resize-observer-polyfill/LICENSE": "ResizeObserver.LICENSE.txt",
                "workbox-window/build/workbox-window.prod.mjs": "workbox-window.prod.mjs",
                "workbox-window/LICENSE": "workbox-window.LICENSE.txt"}
WHEEL_DIR = ROOT / "build" / "wheel"

_state: dict = {}


def _build_wheel() -> Path:
    WHEEL_DIR.mkdir(parents=True, exist_ok=True)
    for old in WHEEL_DIR.glob("*.whl"):
        old.unlink()
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(WHEEL_DIR), str(ROOT)],
        check=True,
    )
    wheels = list(WHEEL_DIR.glob("*.whl"))
    if len(wheels) != 1:
        raise RuntimeError(f"expected one wheel in {WHEEL_DIR}, found {wheels}")
    return wheels[0]


def _as_of() -> dt.date:
    """The reference date of the generated standards pages: ``SITE_AS_OF`` (YYYY-MM-DD) when set, so a build
    can be reproduced, otherwise the day of the build. The calculator itself never assumes a date."""
    text = os.environ.get("SITE_AS_OF")
    return dt.date.fromisoformat(text) if text else dt.date.today()


def on_config(config):
    _state.pop("periods_json", None)
    try:
        _state["bundle"] = bundle_mod.load_bundle()
    except StandardsInvalid as exc:
        raise SystemExit("standards/ 中有错误，网站未构建：\n" + str(exc)) from None
    return config


GENERATORS = (standards_pages, changelog, training, policy_updates, clerk_guide, training_ledger, interpretations)


def on_files(files, config):
    generated: dict = {}
    for module in GENERATORS:
        generated.update(module.generated_pages(_state["bundle"], _as_of()))
    for src_uri, content in generated.items():
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, src_uri, content=content))
    return files


def _periods_json() -> str:
    if "periods_json" not in _state:
        periods = county_periods(Bundle.from_dict(_state["bundle"]))
        _state["periods_json"] = json.dumps(periods, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return _state["periods_json"]


FIGURES_SCRIPT = '<script src="../assets/calc/figures.js"></script>'
CONFIGURATOR_SCRIPT = '<script type="module" src="../assets/config/page.js"></script>'


def on_page_content(html, page, config, files):
    # The 测算 page carries the figures that do not depend on the household, per county and period, computed now
    # by the calculator, in its own HTML (data, not script: fine under the CSP), right before the script that
    # shows them (assets/calc/figures.js): they show as soon as a county is chosen, before Python has started
    # (and when it cannot start), without another request.
    if page.file.src_uri == "calculator/index.md":
        if html.count(FIGURES_SCRIPT) != 1:
            raise SystemExit(f"calculator/index.md 应恰好含一处 {FIGURES_SCRIPT}（县市标准数据放在它之前）")
        data = _periods_json().replace("</", "<\\/")
        # Without JavaScript: the same figures, in force on the build's reference date, as a static table.
        if html.count(NOJS_MARKER) != 1:
            raise SystemExit(f"calculator/index.md 应恰好含一处 {NOJS_MARKER}（无 JavaScript 时的各县标准表）")
        html = html.replace(NOJS_MARKER, static_figures_html(json.loads(_periods_json()), _as_of()))
        html = html.replace(FIGURES_SCRIPT, vocabulary_html.vocabulary_script()
                            + f'<script type="application/json" id="county-periods">{data}</script>\n' + FIGURES_SCRIPT
                            + income_line_html.page_html(Bundle.from_dict(_state["bundle"])))
    # The 配置 page: the words its script shows and the prefecture-wide values by period (sitebuild/vocabulary_html.py).
    if page.file.src_uri == "configurator/index.md":
        if html.count(CONFIGURATOR_SCRIPT) != 1:
            raise SystemExit(f"configurator/index.md 应恰好含一处 {CONFIGURATOR_SCRIPT}（词表数据放在它之前）")
        data = vocabulary_html.configurator_script(Bundle.from_dict(_state["bundle"]))
        html = html.replace(CONFIGURATOR_SCRIPT, data + CONFIGURATOR_SCRIPT)
    return html


def on_post_page(output, page, config):
    # The 测算 page without the training pages' style sheet and script (sitebuild/page_weight.py), and with page.js
    # and the theme's script run once the page is idle (sitebuild/run_later.py).
    if page.file.src_uri == "calculator/index.md":
        try:
            return run_later(calculator_page(output))
        except ValueError as error:
            raise SystemExit(str(error)) from None
    return output


def on_page_markdown(markdown, page, config, files):
    # The forms' options and radios from the one vocabulary (calculator/vocabulary.py), before the Markdown is read.
    try:
        markdown = vocabulary_html.expand(markdown, page.file.src_uri)
    except vocabulary_html.VocabularyError as error:
        raise SystemExit(str(error)) from None
    return policy_notes.expand(markdown, _state["bundle"], _as_of(), page.file.src_uri)


def _compact_search_index(site: Path) -> None:
    """Rewrite the search plugin's ``search/search_index.json`` with the Chinese text as UTF-8 instead of
    ``\\uXXXX`` escapes: the same JSON, about half the bytes (1.09 MB → 0.59 MB; gzip 85 KB → 64 KB), fetched on the
    first visit to any page. Runs after the plugin wrote it (hooks run after plugins)."""
    index = site / "search" / "search_index.json"
    if index.exists():
        data = json.loads(index.read_text(encoding="utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _copy_pyodide(assets: Path) -> Path:
    """Pyodide's files into ``assets/pyodide/``: the standard library trimmed to what the workers read and compiled
    (sitebuild/pyodide_stdlib.py), Emscripten's glue minified (sitebuild/minify_js.py), the rest as they are."""
    pyodide_out = assets / "pyodide"
    pyodide_out.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        src = PYODIDE_DIR / name
        if not src.exists():
            raise SystemExit(f"缺少 {src}：请先运行 npm ci（scripts/serve 会自动运行）")
        if name == "python_stdlib.zip":  # only the files the workers read, compiled (sitebuild/pyodide_stdlib.py)
            try:
                (pyodide_out / name).write_bytes(stored_zip(site_zip(src)))
            except (StdlibListError, PyodideCompileError) as error:
                raise SystemExit(str(error)) from None
        elif name == "pyodide.asm.mjs":  # Emscripten's glue, minified (sitebuild/minify_js.py)
            try:
                (pyodide_out / name).write_bytes(minified_module(src))
            except MinifyError as error:
                raise SystemExit(str(error)) from None
        else:
            shutil.copyfile(src, pyodide_out / name)
    return pyodide_out


def _copy_vendor(assets: Path) -> None:
    """:data:`VENDOR_FILES` into ``assets/vendor/``, without their source-map comments (no map is shipped)."""
    vendor = assets / "vendor"
    vendor.mkdir(exist_ok=True)
    for src_name, out_name in VENDOR_FILES.items():
        src = NODE_MODULES / src_name
        if not src.exists():
            raise SystemExit(f"缺少 {src}：请先运行 npm ci（scripts/serve 会自动运行）")
        text = src.read_text(encoding="utf-8")
        (vendor / out_name).write_text(re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", text), encoding="utf-8")


def _hashed(path: Path, assets: Path) -> str:
    """Rename ``path`` with the hash of its bytes (sitebuild/offline.py); its new path under ``assets``."""
    return offline.hashed_file(path).relative_to(assets).as_posix()


def on_post_build(config):
    site = Path(config["site_dir"])
    assets = site / "assets"
    pyodide_out = _copy_pyodide(assets)
    _copy_vendor(assets)
    _compact_search_index(site)
    try:  # a Chinese query that is one word of the index is searched whole (sitebuild/search_worker.py)
        correct_search_worker(site)
    except SearchWorkerChanged as error:
        raise SystemExit(str(error)) from None
    wheel = _build_wheel()
    py_out = assets / "py"
    shutil.rmtree(py_out, ignore_errors=True)
    py_out.mkdir(parents=True)
    # The engine and the standards tools, each compiled to bytecode by Pyodide's Python, as the pages import them
    # (sitebuild/pyodide_compile.py): the 测算 page downloads the engine only.
    try:
        zips = {"calculator": stored_zip(calculator_zip(wheel)), "standards_tools": stored_zip(configurator_zip(wheel))}
    except (PyodideCompileError, StdlibListError) as error:
        raise SystemExit(str(error)) from None
    bundle_text = bundle_mod.dumps(_state["bundle"])
    (assets / "standards.json").write_text(bundle_text, encoding="utf-8")
    for name, data in zips.items():
        (py_out / f"{name}.zip").write_bytes(data)
    # Every large file the workers download gets a hash of its bytes in its path (sitebuild/offline.py): a path
    # always means the same bytes, so no page can get another build's standards from a cache.
    runtime = offline.hashed_directory([pyodide_out / "pyodide.asm.mjs", pyodide_out / "pyodide.asm.wasm"])
    index = runtime.relative_to(assets).as_posix() + "/"
    manifest = {name: _hashed(py_out / f"{name}.zip", assets) for name in zips}
    manifest["standards"] = _hashed(assets / "standards.json", assets)
    manifest["standards_sha256"] = hashlib.sha256(bundle_text.encode("utf-8")).hexdigest()
    manifest["pyodide_index"] = index
    manifest["stdlib"] = _hashed(pyodide_out / "python_stdlib.zip", assets)
    # The workers start Pyodide with an empty lock from the manifest (sitebuild/pyodide_lock.py), not the file.
    manifest["pyodide_lock"] = empty_lock(pyodide_out / "pyodide-lock.json")
    # "downloads": what the 测算 page's worker downloads to start (assets/calc/python.js), with each file's size as
    # built; "package_downloads": the extra packages another page's worker asks for (the 配置 page: the standards
    # tools). The page's progress is counted against these sizes: a server that compresses sends the compressed
    # Content-Length while the body is read decompressed, so Content-Length cannot give the total. (The small
    # scripts before them, worker.js, python.js, pyodide.mjs, are not counted.)
    downloads = [index + "pyodide.asm.mjs", index + "pyodide.asm.wasm", manifest["stdlib"], manifest["calculator"],
                 manifest["standards"]]
    manifest["downloads"] = {path: (assets / path).stat().st_size for path in downloads}
    manifest["package_downloads"] = {manifest["standards_tools"]: (assets / manifest["standards_tools"]).stat().st_size}
    # The original text of every standards file, for the 县市标准配置 page (it edits the text and shows the diff).
    write_configurator_assets(site)
    # The 台账核查 page's own Python (audit stdlib zip, ledger_audit, openpyxl, et_xmlfile) and its manifest.
    try:
        write_audit_assets(site)
    except (StdlibListError, PyodideCompileError, RuntimeError) as error:
        raise SystemExit(str(error)) from None
    # Last: .br and .gz beside every compressible file, as a host that compresses serves them (sitebuild/compress.py).
    try:  # the site's own scripts, minified (sitebuild/minify_js.py), then compressed with the rest
        minify_site_scripts(assets)
        worker = site / offline.WORKER
        worker.write_bytes(minified_module(worker))
    except MinifyError as error:
        raise SystemExit(str(error)) from None
    _write_offline(site, manifest)
    compress_site(site)


def _write_offline(site: Path, manifest: dict) -> None:
    """The manifest, in assets/ and in the 测算 page, and the page's service worker (sitebuild/offline.py), once
    every file the page loads is final."""
    try:
        files = offline.calculator_files(site, manifest)
        manifest["revision"] = offline.revision(site, files)
        manifest["offline"] = offline.offline_enabled()  # false in the kill switch's build: the page registers nothing
        text = json.dumps(manifest, ensure_ascii=False, indent=1)
        (site / "assets" / "calc-manifest.json").write_text(text, encoding="utf-8")
        offline.embed_manifest(site, manifest)
        offline.write_service_worker(site, files)
    except offline.OfflineBuildError as error:
        raise SystemExit(str(error)) from None
