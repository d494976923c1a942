"""Issue 18 in the browser: the income line before Python (also with WebAssembly blocked), the site served
precompressed as a host that compresses serves it (scripts/serve-site, sitebuild/compress.py), the zips stored so the
transport compresses them, and the search index left alone until the search box is used."""

from __future__ import annotations

import urllib.request
import zipfile

import pytest
from conftest import CHROMIUM, SITE, calc_manifest

LINE_3_URBAN_MENGZI = ("3 人家庭，6 个月家庭收入扣除个人自付医疗、教育支出后不超过 13391.99 元，"
                       "即符合支出型救助的收入条件")


def _choose(page, county="532503", date="2026-08-01", residence="urban", size="3"):
    page.select_option("#f-county", county)
    page.fill("#f-date", date)
    page.check(f"input[name=residence][value={residence}]")
    page.fill("#f-size", size)


def test_the_income_line_shows_once_county_date_residence_and_size_are_chosen_before_python(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.route("**/pyodide.asm.wasm", lambda route: None)  # held: Python never starts
    page.goto(site_url + "/calculator/")
    page.select_option("#f-county", "532503")
    page.fill("#f-date", "2026-08-01")
    assert page.is_hidden("#income-line")  # no residence, no size yet
    page.check("input[name=residence][value=urban]")
    page.fill("#f-size", "3")
    # 3 persons × 744 元 × 6 months = 13392 元; strictly below: 13391.99 元
    assert page.inner_text("#income-line") == LINE_3_URBAN_MENGZI
    page.check("input[name=residence][value=rural]")
    # rural 6720 元 a year ÷ 12 = 560 元 a month; 3 × 560 × 6 = 10080 → 10079.99
    assert "不超过 10079.99 元" in page.inner_text("#income-line")
    page.fill("#f-size", "31")  # beyond the calculator's limit: no line rather than a wrong one
    assert page.is_hidden("#income-line")
    assert page.evaluate("document.documentElement.dataset.calculator || ''") == ""  # still no Python
    context.close()


def test_with_webassembly_blocked_the_income_line_still_shows(browser, site_url):
    # --jitless removes WebAssembly in this Chromium (a page sees typeof WebAssembly === "undefined").
    jitless = browser.browser_type.launch(executable_path=CHROMIUM, args=["--js-flags=--jitless", "--no-first-run",
                                                                          "--disable-background-networking"])
    try:
        page = jitless.new_page()
        page.goto(site_url + "/calculator/")
        assert page.evaluate("typeof WebAssembly") == "undefined"
        _choose(page)
        assert page.inner_text("#income-line") == LINE_3_URBAN_MENGZI
        assert "不支持 WebAssembly" in page.inner_text("#calc-status")
    finally:
        jitless.close()


@pytest.mark.parametrize(("accept", "encoding", "suffix"), [("gzip, deflate, br, zstd", "br", ".br"),
                                                            ("gzip", "gzip", ".gz"), ("identity", None, "")])
def test_serve_site_sends_the_precompressed_copy_the_browser_accepts_with_content_encoding_and_vary(
        site_url, accept, encoding, suffix):
    manifest = calc_manifest()
    for path in ("assets/" + manifest["pyodide_index"] + "pyodide.asm.wasm", "assets/" + manifest["stdlib"],
                 "calculator/index.html"):
        url = site_url + "/" + path.removesuffix("index.html")
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept-Encoding": accept})) as r:
            body = r.read()
            assert r.headers.get("Content-Encoding") == encoding, path
            assert r.headers.get("Vary") == "Accept-Encoding", path
            assert body == (SITE / (path + suffix)).read_bytes(), path
            if path.endswith(".wasm"):
                assert r.headers.get("Content-Type") == "application/wasm"


def test_the_build_writes_br_and_gz_beside_every_compressible_file_wasm_and_zip_included():
    compressible = [p for p in SITE.rglob("*") if p.suffix in {".html", ".js", ".mjs", ".css", ".json", ".wasm", ".zip"}
                    and p.stat().st_size > 1024]
    assert len(compressible) > 50
    missing = [str(p) for p in compressible for s in (".br", ".gz") if not p.with_name(p.name + s).exists()]
    assert not missing, missing[:5]
    wasm = SITE / "assets" / calc_manifest()["pyodide_index"] / "pyodide.asm.wasm"
    assert wasm.with_name(wasm.name + ".br").stat().st_size < wasm.stat().st_size * 0.3  # 9.6 MB → 2.7 MB


def test_the_zips_the_browser_downloads_are_stored_so_the_transport_compresses_them():
    zips = [SITE / "assets" / calc_manifest()["stdlib"], *(SITE / "assets" / "py").glob("*.zip")]
    assert len(zips) == 3
    for path in zips:
        with zipfile.ZipFile(path) as z:
            assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_STORED}, path
        # brotli of the stored zip is smaller than a third of the zip: the transport does the compressing
        assert path.with_name(path.name + ".br").stat().st_size < path.stat().st_size / 3, path


def test_the_calculator_imports_from_the_stored_zips_in_the_browser_and_computes(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    encodings = {}
    page.on("response", lambda r: r.url.endswith(".zip")
            and encodings.update({r.url: r.headers.get("content-encoding")}))
    page.goto(site_url + "/calculator/")
    page.wait_for_selector("#calc-status[data-state=ready]", timeout=120_000)
    result = page.evaluate("""window.__calcAssess({county: '532503', date: '2026-08-01', residence: 'urban',
        household_size: 3, type: 'expenditure', income_6m: '13393', medical_self_paid_6m: '1'})""")
    context.close()
    assert sorted(encodings.values()) == ["br", "br"], encodings  # the stdlib and the calculator, both as brotli
    # (13393 − 1) ÷ 6 ÷ 3 = 744.00 is not below 744: not eligible; with 1 元 spent the line is 13391.99 + 1
    assert result["qualifying_income_6m_max"] == "13392.99"
    assert result["per_capita_monthly_income"] == "744.00"
    assert result["eligible"] is False


def test_the_first_visit_of_the_calculator_page_fetches_nothing_the_calculator_does_not_use(browser, site_url):
    """What the first visit weighs, as sent, is counted where it is sent (tests/test_browser_offline.py)."""
    context = browser.new_context()
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda r: finished.append(r.url.removeprefix(site_url)))
    page.goto(site_url + "/calculator/")
    page.wait_for_selector("#calc-status[data-state=ready]", timeout=120_000)
    page.wait_for_timeout(1000)
    context.close()
    unused = ("/search/search_index.json", "/assets/pyodide/pyodide-lock.json", "/assets/training.js",
              "/assets/training.css", "/assets/javascripts/workers/search.", "/assets/stylesheets/palette.",
              "/assets/tables.js", "/assets/standards.css")
    assert not [u for u in finished if u.startswith(unused)], sorted(finished)


# -- page.js and the theme's script run once the page is idle (docs/assets/calc/later.js, sitebuild/run_later.py) -
def test_the_calculator_page_runs_page_js_and_then_the_themes_script_once_idle_and_both_then_work(browser, site_url):
    """Neither page.js nor the theme's script runs while the page is first shown: when the page has been parsed (and
    the county figures can be chosen), page.js has not started (``window.__calcAssess`` is not there) nor has
    Material (its ``component$``). page.js starts soon after, then the theme, as on every other page: its
    components are mounted (search on this page: tests/test_search.py), and ``document.addEventListener`` is the
    browser's own again. page.js takes over the worker's messages that boot.js kept: Python becomes ready."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script("""(() => {
      const names = ['__calcAssess', 'component$'];
      document.addEventListener('readystatechange', () => {
        if (document.readyState === 'interactive') window.__atParsed = names.map((name) => name in window);
      });
      window.__order = [];
      new MutationObserver(() => {
        for (const name of names) if (name in window && !window.__order.includes(name)) window.__order.push(name);
      }).observe(document, {subtree: true, childList: true, attributes: true});
    })();""")
    page.goto(site_url + "/calculator/")
    assert page.evaluate("() => window.__atParsed") == [False, False]
    page.wait_for_function("() => 'component$' in window", timeout=10_000)
    page.wait_for_function("() => !Object.prototype.hasOwnProperty.call(document, 'addEventListener')")
    assert page.evaluate("() => window.__order") == ["__calcAssess", "component$"]
    theme = page.evaluate("""() => [...document.scripts].map(s => s.getAttribute('src') || '')
        .filter(src => /assets\\/javascripts\\/bundle\\.[0-9a-f]+\\.min\\.js$/.test(src))""")
    assert len(theme) == 1, theme
    # Material mounted its components: it places the back-to-top button below the header (its inline style).
    assert page.evaluate("() => document.querySelector('[data-md-component=top]').style.top") == "64px"
    page.wait_for_selector("#calc-status[data-state=ready]", timeout=120_000)
    context.close()


def test_the_theme_starts_even_when_page_js_never_arrives_and_the_step_buttons_stay_hidden(browser, site_url):
    """A stalled page.js (a slow line) holds back neither the county figures nor the theme (at most a second after
    the page is idle); the step buttons, which could do nothing without page.js, are not shown."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.route("**/assets/calc/page.js", lambda route: None)  # never answered
    page.goto(site_url + "/calculator/", wait_until="domcontentloaded")
    page.wait_for_function("() => 'component$' in window", timeout=10_000)
    _choose(page)
    assert page.inner_text("[data-pre=single_cap]") == "26784.00"  # 3 × 744 × 12
    assert page.is_hidden("#step-actions")
    context.close()
