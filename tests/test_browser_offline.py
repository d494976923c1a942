"""Issue 18 item 5 in the browser: the 测算 page offline after the first visit, and never stale after a redeploy.

The site is served by scripts/serve-site with ``--log``, which records every response as it went over the wire
(headers and body), the service worker's and the workers' requests included, so that the bytes of each visit are
counted where they are sent. Each test serves its own copy of the built site from a folder a symlink points to, so
that a redeploy is the symlink pointing to another build.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from calc_form import add_prior, fill_expenditure, fill_household, submit
from conftest import ROOT, SITE, calc_manifest
from playwright.sync_api import Error as PlaywrightError

from sitebuild import offline

KIB = 1024
READY = "#calc-status[data-state=ready]"
# What the page loads only once the calculator is ready (assets/calc/offline.js and what it asks for).
AFTER_READY = re.compile(r"^/assets/calc/offline\.js$")
SW_ACTIVE = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (worker.state !== "activated") {
    await new Promise((resolve) => worker.addEventListener("statechange", () => {
      if (worker.state === "activated") resolve();
    }));
  }
  return registration.scope;
}"""


class Host:
    """scripts/serve-site serving ``live`` (a symlink to a build), logging every response."""

    def __init__(self, tmp: Path, build: Path, *, cache_control: bool = True):
        self.live = tmp / "live"
        self.log = tmp / "responses.jsonl"
        self.deploy(build)
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        args = [sys.executable, str(ROOT / "scripts" / "serve-site"), str(self.live), str(self.port), "-q",
                "--log", str(self.log)] + ([] if cache_control else ["--no-cache-control"])
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        self.url = f"http://127.0.0.1:{self.port}"

    def deploy(self, build: Path) -> None:
        """Publish ``build``: the folder served becomes it, at once."""
        tmp_link = self.live.with_name("live.new")
        tmp_link.unlink(missing_ok=True)
        tmp_link.symlink_to(build, target_is_directory=True)
        os.replace(tmp_link, self.live)

    def responses(self) -> list[dict]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()]

    def forget(self) -> None:
        self.log.unlink(missing_ok=True)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=5)


def _copy_site(tmp: Path, name: str, source: Path = SITE, *, mtime: float | None = None) -> Path:
    target = tmp / name
    shutil.copytree(source, target, symlinks=False)
    if mtime is not None:  # as a host that serves files last changed long ago (a plain static host's Last-Modified)
        for path in target.rglob("*"):
            os.utime(path, (mtime, mtime))
    return target


def _trial_a(page) -> dict:
    """Trial (a) of the phone issue through the form: 屏边县, rural, 5 persons, a house fire on 2026-08-01,
    800 元 received on 2026-03-15 for a flood. Returns the result's fields."""
    fill_household(page, "532523", "2026-08-01", "rural", "5")
    page.click("#step-next")
    page.check("input[name=type][value=emergency]")
    page.select_option("#f-cause", "fire")
    page.click("#step-next")
    add_prior(page, "2026-03-15", "800", "洪水")
    return submit(page)


def _assert_trial_a(fields: dict) -> None:
    # 屏边县 has no verified standard of its own: the provincial floor, urban 744 元/月, rural 6720 元/年
    assert fields["dibao_standard_monthly"] == "560.00"  # 6720 / 12
    assert fields["single_cap"] == f"{3 * 744 * 12}.00"  # 26784
    assert fields["year_remaining"] == f"{6 * 744 * 12 - 800}.00"  # 53568 − 800 = 52768
    assert fields["times_remaining"] == "1"  # 2 a year, one used


def _split_at_ready(responses: list[dict]) -> tuple[list[dict], list[dict]]:
    """The responses before the page asked for offline.js (which it does only once the calculator is ready) and
    from then on. The server logs a response once it is sent, so everything the start needed is before."""
    for i, r in enumerate(responses):
        if AFTER_READY.match(r["path"]):
            return responses[:i], responses[i:]
    raise AssertionError("the page never loaded offline.js: " + ", ".join(r["path"] for r in responses))


def _first_visit(browser, h: Host, *, service_worker: bool = True):
    """A new browser profile opens the 测算 page once, until the calculator is ready and (unless the profile blocks
    service workers) the page's service worker is installed (precached) and active. Returns the context and the
    page."""
    context = browser.new_context(service_workers="allow" if service_worker else "block")
    page = context.new_page()
    page.goto(h.url + "/calculator/")
    page.wait_for_selector(READY, timeout=120_000)
    if service_worker:
        page.evaluate(SW_ACTIVE)
    return context, page


@pytest.fixture()
def host(tmp_path):
    started = []

    def start(build: Path, **options) -> Host:
        h = Host(tmp_path, build, **options)
        started.append(h)
        return h

    yield start
    for h in started:
        h.stop()


def test_the_first_visit_weighs_at_most_3650_kib_as_sent_precaching_50_kib_and_a_repeat_visit_2_kib(
        browser, host, tmp_path):
    h = host(_copy_site(tmp_path, "build"))
    context, page = _first_visit(browser, h)
    assert page.evaluate(SW_ACTIVE) == h.url + "/calculator/"  # its scope: the 测算 page only
    first, after = _split_at_ready(h.responses())
    first_kib = sum(r["bytes"] for r in first) / KIB
    after_kib = sum(r["bytes"] for r in after) / KIB
    print(f"first visit {first_kib:.1f} KiB in {len(first)} responses; after ready {after_kib:.1f} KiB in "
          f"{len(after)}: " + ", ".join(f"{r['path']} {r['status']} {r['bytes']}" for r in after))
    assert first_kib <= 3650, first_kib
    # Precaching takes what the first visit fetched from the browser's cache (content-hashed names): it fetches
    # only the service worker, Workbox's runtime, offline.js, workbox-window and the small unhashed files again.
    assert after_kib <= 50, after
    assert not [r for r in after if "pyodide.asm" in r["path"] or r["path"].endswith(".zip") and r["status"] == 200]
    # Workbox's runtime came from this site (the service worker's scope), not from a CDN
    assert [r for r in after if re.fullmatch(r"/calculator/workbox-[0-9a-f]+\.js", r["path"]) and r["status"] == 200]

    # A repeat visit: everything from the precache; only the browser's revision check goes to the server.
    h.forget()
    page.goto(h.url + "/calculator/")
    page.wait_for_selector(READY, timeout=60_000)
    page.wait_for_timeout(1500)
    repeat = h.responses()
    print("repeat visit:", repeat)
    assert sum(r["bytes"] for r in repeat) <= 2 * KIB, repeat
    # the browser's check of the service worker and of the scripts it imports (Workbox's runtime, sw-revalidate.js),
    # all unchanged
    assert all(re.fullmatch(r"/calculator/(sw|sw-revalidate|workbox-[0-9a-f]+)\.js", r["path"]) and r["status"] == 304
               for r in repeat), repeat
    _assert_trial_a(_trial_a(page))  # and it computes
    assert h.responses() == repeat  # without asking the server for anything more
    context.close()


def test_after_the_first_visit_the_page_opens_and_computes_trial_a_with_the_network_off(browser, host, tmp_path):
    h = host(_copy_site(tmp_path, "build"))
    context, page = _first_visit(browser, h)
    # The network off: the server is gone; the page, its worker, Python and the standards come from the precache.
    h.stop()
    failed = []
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.goto(h.url + "/calculator/?from=singlemessage")
    page.wait_for_selector(READY, timeout=60_000)
    _assert_trial_a(_trial_a(page))
    assert not failed, failed  # nothing was even asked of the network (the search index waits for the search box)
    context.close()


def test_the_workbox_runtime_and_the_service_worker_are_served_from_the_site_itself():
    sw = (SITE / "calculator" / "sw.js").read_text(encoding="utf-8")
    runtimes = re.findall(r'define\(\["\./(workbox-[0-9a-f]+)"\]', sw)
    assert len(runtimes) == 1, sw[:300]
    assert (SITE / "calculator" / f"{runtimes[0]}.js").is_file()
    assert "https:" not in sw and "http:" not in sw and "//" not in sw.replace("://", "")
    vendor = (SITE / "assets" / "vendor" / "workbox-window.prod.mjs").read_text(encoding="utf-8")
    assert "sourceMappingURL" not in vendor  # no map is shipped: nothing for a browser to ask for


def _precache(sw_text: str) -> dict[str, str | None]:
    entries = re.findall(r'\{url:"([^"]+)",revision:(null|"[0-9a-f]+")\}', sw_text)
    return {url: None if rev == "null" else rev.strip('"') for url, rev in entries}


def test_the_precache_holds_every_file_the_page_loads_with_hashed_files_never_cache_busted(browser, site_url):
    precache = _precache((SITE / "calculator" / "sw.js").read_text(encoding="utf-8"))
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    loaded = set()
    page.on("requestfinished", lambda r: loaded.add(r.url.removeprefix(site_url)))
    page.goto(site_url + "/calculator/")
    page.wait_for_selector(READY, timeout=120_000)
    page.wait_for_timeout(500)
    context.close()
    cached = {"/" + url.removeprefix("../") for url in precache}
    # the search worker and index load only for the search box; calc-manifest.json is the revision check
    left = {u for u in loaded if not u.startswith(("/search/", "/assets/javascripts/workers/"))
            and u != "/assets/calc-manifest.json"}
    assert left - cached == set()
    assert "/calculator/" in cached  # the page, under the address it is visited at
    manifest = calc_manifest()
    for path in manifest["downloads"]:  # the large files carry a hash of their bytes: not fetched again
        assert precache["../assets/" + path] is None, path
        assert re.search(r"\.[0-9a-f]{10}\.|/[0-9a-f]{10}/", path), path
    assert precache["../calculator/"] is not None


# ------------------------------------------------------------------------------------------- redeploy --
LONG_AGO = 1_600_000_000  # 2020-09-13: files a plain static host last changed long ago (browsers keep them a while)
NEW_URBAN_FIGURE = """
      - effective: 2026-07-01
        amount: 770
        status: unverified
        source:
          document: 测试用的假设数字（tests/test_browser_offline.py：重新发布后的网站），不是真实文件
          issuer: 蒙自市人民政府
"""
SHARED_CACHES = ("compressed", "pyodide-compiled", "audit-wheels", "minified")


@pytest.fixture(scope="module")
def redeployed(tmp_path_factory) -> Path:
    """A second build of the site, from this checkout with one standard added: 蒙自市's urban dibao standard is
    770 元/人·月 from 2026-07-01 (744 before). Built as a county's pull request would be (mkdocs build)."""
    tmp = tmp_path_factory.mktemp("redeploy")
    repo = tmp / "repo"
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode("utf-8").split("\0")
    for name in filter(None, listed):
        if not (ROOT / name).is_file():
            continue
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, repo / name)
    (repo / "node_modules").symlink_to(ROOT / "node_modules")
    (repo / "build").mkdir()
    for cache in SHARED_CACHES:  # content-addressed caches: the same bytes give the same output
        if (ROOT / "build" / cache).is_dir():
            (repo / "build" / cache).symlink_to(ROOT / "build" / cache)
    yaml = repo / "standards" / "532503-mengzi.yaml"
    text = yaml.read_text(encoding="utf-8")
    assert text.count("\n  rural:\n") == 1
    yaml.write_text(text.replace("\n  rural:\n", NEW_URBAN_FIGURE + "  rural:\n"), encoding="utf-8")
    out = tmp / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(out)], cwd=repo, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True)
    return out


def _mengzi_urban_3(page) -> tuple[str, dict]:
    """蒙自市, urban, 3 persons, 2026-08-01, expenditure type: 9000 元 of income and 3000 元 of medical costs in
    6 months. Returns the step-1 figure of the urban standard and the result's fields."""
    fill_household(page, "532503", "2026-08-01", "urban", "3")
    figure = page.inner_text("[data-pre=urban_monthly]")
    fill_expenditure(page, "9000", "3000")
    return figure, submit(page)


def _assert_770(figure: str, fields: dict) -> None:
    assert figure == "770.00"  # step 1, from the page's own figures
    assert fields["dibao_standard_monthly"] == "770.00"  # the result, from Python and the new build's standards
    assert fields["single_cap"] == f"{3 * 770 * 12}.00"  # 27720 (with 744 it was 26784)
    # (9000 − 3000) ÷ 6 ÷ 3 = 333.33 元 a person a month, below 770
    assert fields["per_capita_monthly_income"] == "333.33"


def _assert_reloaded_into_770(page, url: str) -> None:
    """Opened at ``url`` after the redeploy, the page finds the newer build, reloads into it, says that the county
    standards changed, and uses them in step 1 and in the result."""
    page.goto(url)
    page.wait_for_selector("#update-note:not([hidden])", timeout=90_000)
    assert "县市标准已更新" in page.inner_text("#update-note")
    page.wait_for_selector(READY, timeout=90_000)
    _assert_770(*_mengzi_urban_3(page))


def test_after_a_redeploy_the_page_a_service_worker_serves_switches_to_the_new_standards_whole(
        browser, host, tmp_path, redeployed):
    h = host(_copy_site(tmp_path, "old", mtime=LONG_AGO), cache_control=False)
    context, page = _first_visit(browser, h)
    page.select_option("#f-county", "532503")
    page.fill("#f-date", "2026-08-01")
    assert page.inner_text("[data-pre=urban_monthly]") == "744.00"  # the old build's standard
    h.deploy(_copy_site(tmp_path, "new", redeployed))
    # A link shared in WeChat: the service worker answers at once with the old build, finds the new one (sw.js
    # changed), installs it, and the page reloads into it, saying so.
    _assert_reloaded_into_770(page, h.url + "/calculator/?from=singlemessage&isappinstalled=0")
    context.close()


def test_after_a_redeploy_a_page_without_a_service_worker_never_mixes_the_builds(
        browser, host, tmp_path, redeployed):
    h = host(_copy_site(tmp_path, "old", mtime=LONG_AGO), cache_control=False)
    context, page = _first_visit(browser, h, service_worker=False)
    h.deploy(_copy_site(tmp_path, "new", redeployed))
    # The shared link is another URL: the new page, with the new build's standards (named by their hash), not the
    # old standards.json the browser still holds.
    page.goto(h.url + "/calculator/?from=singlemessage")
    page.wait_for_selector(READY, timeout=90_000)
    _assert_770(*_mengzi_urban_3(page))
    # The old address: the browser shows the page it kept (no Cache-Control: it guesses the page is still fresh);
    # the page asks the server for the current manifest, sees a newer build and reloads into it.
    _assert_reloaded_into_770(page, h.url + "/calculator/")
    context.close()


# ---------------------------------------------------------------------------------------- kill switch --
def _kill_switch_copy(tmp: Path) -> Path:
    """The site as a build with OFFLINE=off leaves it (README.md): calculator/sw.js is the kill switch and the page's
    manifest says offline: false. Made from a copy of the built site rather than by building it again; that the
    build writes exactly these is tested in tests/test_offline_build.py."""
    site = _copy_site(tmp, "kill-switch")
    (site / "calculator" / "sw.js").write_text(offline.KILL_SWITCH, encoding="utf-8")
    page = site / "calculator" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert html.count('"offline":true') == 1
    page.write_text(html.replace('"offline":true', '"offline":false'), encoding="utf-8")
    for name in ("sw.js", "index.html"):  # no stale compressed copies of the two changed files
        for suffix in (".br", ".gz"):
            (site / "calculator" / (name + suffix)).unlink()
    return site


REGISTRATIONS = "navigator.serviceWorker.getRegistrations().then((r) => r.length)"
CACHES = "caches.keys().then((k) => k.length)"


def test_the_kill_switch_build_empties_the_caches_and_removes_the_service_worker_for_good(browser, host, tmp_path):
    h = host(_copy_site(tmp_path, "build"))
    context, page = _first_visit(browser, h)
    assert page.evaluate(REGISTRATIONS) == 1 and page.evaluate(CACHES) == 1
    h.deploy(_kill_switch_copy(tmp_path))
    page.goto(h.url + "/calculator/")  # the old service worker answers; the browser's check finds the kill switch
    deadline = time.monotonic() + 60
    while True:  # it empties the caches, unregisters and reloads the page
        try:
            if page.evaluate(REGISTRATIONS) == 0:
                break
        except PlaywrightError:  # the page is being reloaded
            pass
        assert time.monotonic() < deadline, "the kill switch did not remove the service worker"
        page.wait_for_timeout(500)
    page.wait_for_load_state()
    page.wait_for_selector(READY, timeout=120_000)
    assert page.evaluate(CACHES) == 0
    page.wait_for_timeout(2000)
    assert page.evaluate(REGISTRATIONS) == 0  # the page of the kill switch's build registers nothing again
    assert page.evaluate("navigator.serviceWorker.controller") is None
    context.close()
