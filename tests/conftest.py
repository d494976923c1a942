"""Shared fixtures: the standards bundle, the built site served on loopback, and Debian chromium."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

SITE = ROOT / "site"
CHROMIUM = "/usr/bin/chromium"


def calc_manifest() -> dict:
    """The built site's calc-manifest.json (hooks/site_assets.py): the files the workers download, named by a hash
    of their bytes (sitebuild/offline.py); "downloads": what the 测算 page's worker downloads, path → size."""
    return json.loads((SITE / "assets" / "calc-manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def bundle_data() -> dict:
    from sitebuild.bundle import load_bundle

    return load_bundle()


@pytest.fixture(scope="session")
def bundle(bundle_data):
    from calculator.standards import Bundle

    return Bundle.from_dict(bundle_data)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def site_url():
    """The built site (``site/``, made by ``mkdocs build`` in scripts/check) served by scripts/serve-site."""
    if not (SITE / "calculator" / "index.html").exists():
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=ROOT, check=True)
    port = _free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve-site"), str(SITE), str(port), "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=5)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: scripts/test installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--disable-background-networking", "--disable-component-update", "--no-first-run"],
        )
        yield b
        b.close()
