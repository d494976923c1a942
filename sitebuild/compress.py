"""Precompressed copies of the built site, as a real host serves them (issue 18 item 2).

Every compressible file of ``site/`` gets a ``NAME.br`` (brotli, quality 11) and a ``NAME.gz`` (gzip, level 9)
beside it, ``.wasm`` and ``.zip`` included: Pyodide's WebAssembly is 9.6 MB raw and 2.7 MB brotli, and the zips
the pages download are written with their members stored (:func:`stored_zip`) so that the transport can compress
them (the standard library's bytecode: 984 KiB brotli as a deflated zip, 677 KiB stored). ``scripts/serve-site``
sends these copies with ``Content-Encoding`` and ``Vary: Accept-Encoding``; README tells hosts to do the same.

A copy is written only when it is smaller than the file. Brotli at quality 11 takes seconds for the wasm: the
copies are kept in ``build/compressed/`` under the hash of the file's bytes, so a rebuild compresses only what
changed.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import tempfile
import zipfile
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "compressed"
# Text and binary formats that compress; images (png, jpg, woff2) are compressed already.
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".zip", ".svg", ".txt", ".xml", ".map", ".ico",
                ".yaml", ".webmanifest"}
ENCODINGS = {".br": lambda data: brotli.compress(data, quality=11),
             ".gz": lambda data: gzip.compress(data, compresslevel=9, mtime=0)}


def stored_zip(data: bytes) -> bytes:
    """The zip ``data`` with every member stored uncompressed (same names, order, dates and bytes), so that the
    transport's brotli or gzip compresses the whole file better than the zip's own deflate did. Python's zipimport
    reads stored members as it reads deflated ones. Raises ``zipfile.BadZipFile`` when ``data`` is not a zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info), compress_type=zipfile.ZIP_STORED)
    return out.getvalue()


def _cached(data: bytes, suffix: str) -> bytes:
    key = hashlib.sha256(data).hexdigest()[:40]
    path = CACHE / f"{key}{suffix}"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    packed = ENCODINGS[suffix](data)
    CACHE.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(dir=CACHE, suffix=".tmp")  # whole or not at all: builds may run side by side
    with os.fdopen(fd, "wb") as f:
        f.write(packed)
    os.replace(partial, path)
    return packed


def compress_site(site: Path) -> dict[str, int]:
    """Write ``.br`` and ``.gz`` beside every file of ``site`` whose suffix is in :data:`COMPRESSIBLE`, when the
    copy is smaller; remove stale copies of files that no longer compress. Returns ``{".br": n, ".gz": n}``, the
    number of copies written."""
    written = dict.fromkeys(ENCODINGS, 0)
    for path in sorted(site.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESSIBLE:
            continue
        data = path.read_bytes()
        for suffix in ENCODINGS:
            copy = path.with_name(path.name + suffix)
            packed = _cached(data, suffix)
            if len(packed) < len(data):
                copy.write_bytes(packed)
                written[suffix] += 1
            else:
                copy.unlink(missing_ok=True)
    return written
