"""Pyodide's Emscripten glue, minified (issue 18 item 3: the first visit's weight toward the floor).

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


def minified_module(source: Path) -> bytes:
    """``source`` (an ES module) minified by terser with :data:`OPTIONS`. Raises :class:`MinifyError`."""
    node = shutil.which("node")
    if node is None or not (TERSER / "package.json").exists():
        raise MinifyError("压缩 Pyodide 脚本需要 Node.js 和 npm 包 terser："
                          "请先运行 scripts/serve 或 scripts/test（npm ci）")
    version = json.loads((TERSER / "package.json").read_text(encoding="utf-8"))["version"]
    data = source.read_bytes()
    key = hashlib.sha256(data + f"\0{version}\0{' '.join(OPTIONS)}".encode()).hexdigest()[:40]
    cached = CACHE / f"{key}.mjs"
    if cached.exists():
        return cached.read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.mjs"
        proc = subprocess.run([node, str(TERSER / "bin" / "terser"), str(source), *OPTIONS, "-o", str(out)],
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
