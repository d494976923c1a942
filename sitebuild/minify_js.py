"""Pyodide's Emscripten glue and the site's own scripts, minified (issue 18 item 3: the first visit's weight toward
the floor).

npm ``pyodide`` 314.0.7 ships ``pyodide.asm.mjs`` with Emscripten's long local names (1.25 MB, 203 KiB brotli);
terser (npm, pinned in package.json) with ``--compress --mangle`` makes it 1.05 MB, 175 KiB brotli. Function and
class names are kept (``--keep-fnames --keep-classnames``): Pyodide names its errors by them. Property names are
never mangled (Emscripten reads ``Module["…"]`` by name). The result is kept in ``build/minified/`` under a hash of
the input and terser's version: terser takes ~10 s of CPU.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TERSER = ROOT / "node_modules" / "terser"
CACHE = ROOT / "build" / "minified"
OPTIONS = ["--module", "--compress", "--mangle", "--keep-fnames", "--keep-classnames"]


class MinifyError(RuntimeError):
    """terser is missing (run npm ci) or refused the file (its message is carried)."""


def minified_module(source: Path, *, module: bool = True) -> bytes:
    """``source`` (an ES module; a classic script with ``module=False``) minified by terser with :data:`OPTIONS`
    (without ``--module`` for a classic script, whose top-level names are globals). Raises :class:`MinifyError`."""
    options = OPTIONS if module else [o for o in OPTIONS if o != "--module"]
    node = shutil.which("node")
    if node is None or not (TERSER / "package.json").exists():
        raise MinifyError("压缩 Pyodide 脚本需要 Node.js 和 npm 包 terser："
                          "请先运行 scripts/serve 或 scripts/test（npm ci）")
    version = json.loads((TERSER / "package.json").read_text(encoding="utf-8"))["version"]
    data = source.read_bytes()
    key = hashlib.sha256(data + f"\0{version}\0{' '.join(options)}".encode()).hexdigest()[:40]
    cached = CACHE / f"{key}.mjs"
    if cached.exists():
        return cached.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.mjs"
        proc = subprocess.run([node, str(TERSER / "bin" / "terser"), str(source), *options, "-o", str(out)],
                              capture_output=True, text=True, timeout=600)
        if proc.returncode != 0 or not out.exists():
            raise MinifyError(f"terser 未能压缩 {source.name}：{proc.stderr.strip()[-2000:]}")
        result = out.read_bytes()
    CACHE.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(dir=CACHE, suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        f.write(result)
    os.replace(partial, cached)
    return result


_MODULE_SYNTAX = re.compile(r"^\s*(import\s|import\(|export\s)", re.MULTILINE)
# The site's own scripts (assets/**/*.js), minified as built: the comments and long names explain the sources in
# docs/assets/, not what a family's phone must download (the 测算 page's first visit, issue 18). Others' files are
# left as they come: Pyodide's (minified on their own, pyodide.asm.mjs), the theme's, the vendored polyfill.
THIRD_PARTY = ("pyodide/", "javascripts/", "vendor/")


def minify_site_scripts(assets: Path) -> int:
    """Minify every script of the site's own under ``assets`` in place (ES modules as modules, classic scripts as
    scripts). Returns how many. Raises :class:`MinifyError`."""
    count = 0
    for path in sorted(assets.rglob("*.js")):
        if path.relative_to(assets).as_posix().startswith(THIRD_PARTY):
            continue
        text = path.read_text(encoding="utf-8")
        path.write_bytes(minified_module(path, module=bool(_MODULE_SYNTAX.search(text))))
        count += 1
    return count
