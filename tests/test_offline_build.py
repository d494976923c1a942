"""sitebuild/offline.py without a browser: content-hashed names, the files the 测算 page loads, the manifest in the
page and the two kinds of service worker (Workbox's, and the kill switch of a build with OFFLINE=off)."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from conftest import SITE, calc_manifest

from sitebuild import offline


def test_a_hashed_file_is_renamed_with_the_first_ten_hex_digits_of_the_sha256_of_its_bytes(tmp_path):
    path = tmp_path / "standards.json"
    data = b'{"a": 1}'
    path.write_bytes(data)
    renamed = offline.hashed_file(path)
    assert renamed.name == "standards." + hashlib.sha256(data).hexdigest()[:10] + ".json"
    assert renamed.read_bytes() == data and not path.exists()


def test_files_that_differ_by_one_byte_get_different_hashed_directories(tmp_path):
    names = []
    for content in (b"wasm-1", b"wasm-2"):
        folder = tmp_path / content.decode()
        folder.mkdir()
        (folder / "pyodide.asm.wasm").write_bytes(content)
        (folder / "pyodide.asm.mjs").write_bytes(b"glue")
        target = offline.hashed_directory([folder / "pyodide.asm.mjs", folder / "pyodide.asm.wasm"])
        assert sorted(p.name for p in target.iterdir()) == ["pyodide.asm.mjs", "pyodide.asm.wasm"]
        assert re.fullmatch(r"[0-9a-f]{10}", target.name)
        names.append(target.name)
    assert names[0] != names[1]


def test_a_url_in_a_site_file_is_resolved_to_a_path_under_the_site_and_other_origins_are_left_out():
    assert offline.site_path("calculator/index.html", "../assets/calc/page.js") == "assets/calc/page.js"
    assert offline.site_path("calculator/worker.js", "../assets/calc/python.js?v=1#x") == "assets/calc/python.js"
    assert offline.site_path("assets/calc/python.js", "../pyodide/pyodide.mjs") == "assets/pyodide/pyodide.mjs"
    assert offline.site_path("calculator/index.html", "https://cdn.example/x.js") is None
    assert offline.site_path("calculator/index.html", "data:image/svg+xml,<svg/>") is None


def test_the_built_manifest_in_the_page_is_the_one_in_assets_and_every_file_it_names_exists():
    in_assets = calc_manifest()
    html = (SITE / "calculator" / "index.html").read_text(encoding="utf-8")
    embedded = re.search(r'<script type="application/json" id="calc-manifest">(.*?)</script>', html).group(1)
    assert json.loads(embedded) == in_assets
    assert in_assets["offline"] is True
    for path in in_assets["downloads"]:
        assert (SITE / "assets" / path).is_file(), path
    bundle = (SITE / "assets" / in_assets["standards"]).read_bytes()
    assert hashlib.sha256(bundle).hexdigest() == in_assets["standards_sha256"]


def test_a_build_with_offline_off_writes_the_kill_switch_instead_of_workbox_s_service_worker(tmp_path, monkeypatch):
    (tmp_path / "calculator").mkdir()
    (tmp_path / "calculator" / "workbox-0123abcd.js").write_text("old runtime", encoding="utf-8")
    monkeypatch.setenv("OFFLINE", "off")
    assert offline.write_service_worker(tmp_path, ["calculator/index.html"]) == {"count": 0, "size": 0}
    assert (tmp_path / "calculator" / "sw.js").read_text(encoding="utf-8") == offline.KILL_SWITCH
    assert not list((tmp_path / "calculator").glob("workbox-*.js"))
    assert "unregister()" in offline.KILL_SWITCH and "caches.delete" in offline.KILL_SWITCH


@pytest.mark.parametrize(("value", "enabled"), [(None, True), ("on", True), ("off", False), ("0", False),
                                                ("OFF ", False), ("false", False)])
def test_offline_is_on_unless_the_environment_says_off(monkeypatch, value, enabled):
    if value is None:
        monkeypatch.delenv("OFFLINE", raising=False)
    else:
        monkeypatch.setenv("OFFLINE", value)
    assert offline.offline_enabled() is enabled


def test_the_page_without_its_manifest_placeholder_is_refused_with_a_chinese_message(tmp_path):
    (tmp_path / "calculator").mkdir()
    (tmp_path / "calculator" / "index.html").write_text("<html></html>", encoding="utf-8")
    with pytest.raises(offline.OfflineBuildError, match="应恰好有一处"):
        offline.embed_manifest(tmp_path, {"a": 1})
