"""A family on a real phone (issue 17): a 360 × 740 touch profile, slow networks, scripts that never arrive,
JavaScript off, no WebAssembly, a failing WebAssembly compiler, saved links from strangers, and a keyboard.

Every page of the built sitemap (``site/sitemap.xml``, so pages added later are covered too) is measured with
axe-core (npm ``axe-core``, pinned in package.json, injected from node_modules by Playwright: never part of the
site) for WCAG 2.1 A/AA, and walked with the keyboard for a visible focus on every control.
"""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import pytest
from conftest import CHROMIUM, ROOT, SITE

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "build" / "screenshots" / "phone"
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

GEJIU_FRAGMENT = (
    "#county=532501&date=2020-08-01&residence=rural&household_size=4&type=expenditure"
    "&income_6m=9000&medical_self_paid_6m=3000"
)
ATTACK = "已失效。民政局通知：请加微信领取5000元"


def sitemap_paths() -> list[str]:
    """The path of every page in the built sitemap (site_url replaced by the test server's)."""
    text = (SITE / "sitemap.xml").read_text(encoding="utf-8")
    return [urlsplit(u).path for u in re.findall(r"<loc>(.*?)</loc>", text)]


@pytest.fixture
def phone(browser):
    """A phone profile under the site's CSP."""
    ctx = browser.new_context(**PHONE)
    yield ctx
    ctx.close()


@pytest.fixture
def audited(browser):
    """A phone profile whose pages accept the injected axe-core (the site's CSP admits only its own scripts). Without
    the 测算 page's service worker: a page that a service worker serves cannot have its requests held or refused by
    the test (the failure states are audited too); that page offline is tests/test_browser_offline.py."""
    ctx = browser.new_context(**PHONE, bypass_csp=True, service_workers="block")
    yield ctx
    ctx.close()


@pytest.fixture
def launch(browser):
    """A phone page in another Debian chromium started with extra flags (no WebAssembly, no back/forward cache)."""
    started = []

    def start(*flags):
        b = browser.browser_type.launch(executable_path=CHROMIUM, args=["--no-first-run", *flags])
        started.append(b)
        return b.new_context(**PHONE).new_page()

    yield start
    for b in started:
        b.close()


def shot(page, name: str) -> None:
    """A 360-px screenshot of the page's current state, for the closing note (build/screenshots/phone/)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")  # the theme's sticky header would otherwise sit in the middle
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations of the page as it is now: 'rule: target' strings."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async (tags) => {
          const r = await axe.run(document, { runOnly: { type: "tag", values: tags } });
          return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} ${n.failureSummary}`));
        }""",
        WCAG_TAGS,
    )
    return found


def unfocused_controls(page) -> list[str]:
    """Every visible control of the page that shows no focus indicator when it has the keyboard focus."""
    page.keyboard.press("Tab")  # keyboard modality: :focus-visible applies to what is focused from now on
    return page.evaluate(
        """() => {
          const sel = "a[href], button, input:not([type=hidden]), select, textarea, summary, " +
            "[tabindex]:not([tabindex='-1'])";
          const bad = [];
          for (const el of document.querySelectorAll(sel)) {
            if (el.disabled || !el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) continue;
            el.focus({ preventScroll: true });
            if (document.activeElement !== el) continue;
            const s = getComputedStyle(el);
            const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
            if (!outline && s.boxShadow === "none") bad.push(el.outerHTML.slice(0, 120));
          }
          return bad;
        }"""
    )


def _requests_with(seen: list[str], values: list[str]) -> list[str]:
    return [u for u in seen if any(v in u for v in values)]


# ------------------------------------------------------------------------------------------------ headers --
def test_the_server_forbids_framing_and_the_readme_lists_every_header_it_sends(site_url):
    import urllib.request

    with urllib.request.urlopen(site_url + "/calculator/") as response:
        headers = response.headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([A-Za-z-]+)` \|", readme, flags=re.M))
    # every header serve-site adds (not those of any HTTP server: date, length, server name, modification time)
    sent = {h.lower() for h in headers.keys()} - {"server", "date", "content-length", "last-modified"}
    assert {"content-security-policy", "x-frame-options", "x-content-type-options", "cache-control"} <= sent
    assert sent <= {h.lower() for h in listed}
    csp_in_readme = re.search(r"^\| `Content-Security-Policy` \| `([^`]+)`", readme, flags=re.M).group(1)
    assert csp_in_readme == headers["Content-Security-Policy"]


# ------------------------------------------------------------------------------- nothing leaves the page --
def test_without_javascript_the_calculator_is_a_static_page_with_the_county_figures_and_where_to_apply(
        browser, site_url):
    ctx = browser.new_context(**PHONE, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(site_url + "/calculator/")
        assert not page.is_visible("#calc-form")  # no dead form
        assert not page.is_visible("#calc-status")  # no spinning "可以先填写"
        assert "需要启用 JavaScript" in page.inner_text(".md-content")
        assert not page.is_visible("input[name=query]")  # Material's search form needs JavaScript too
        rows = page.locator("noscript table tbody tr, .nojs-table tbody tr")
        assert rows.count() == 13  # the 13 counties of Honghe
        gejiu = page.locator(".nojs-table tbody tr").first.inner_text()
        assert "个旧市" in gejiu
        assert page.is_visible("#nojs-where")
        assert "乡镇人民政府（街道办事处）" in page.inner_text(".md-content")
        shot(page, "calculator-no-javascript")
        page.goto(site_url + "/configurator/")
        assert not page.is_visible("#cf-form")
        assert not page.is_visible("#cf-state")
        assert "需要启用 JavaScript" in page.inner_text(".md-content")
    finally:
        ctx.close()


def test_the_static_table_holds_the_figures_the_calculator_computes_for_the_build_date(bundle):
    """The no-JavaScript table is built from calculator.county_figures (个旧市 on 2026-08-01: the provincial floor)."""
    import datetime as dt

    from calculator.county_figures import county_periods
    from sitebuild.calculator_static import static_figures_html

    html = static_figures_html(county_periods(bundle), dt.date(2026, 8, 1))
    row = re.search(r"<tr><th scope=\"row\">个旧市</th>(.*?)</tr>", html).group(1)
    cells = re.findall(r"<td>(.*?)</td>", row)
    assert cells == ["744.00", "6720.00", f"{3 * 744 * 12}.00", f"{6 * 744 * 12}.00", f"{744 * 12 // 2}.00", "1000.00"]


def _every_form_has_no_submit_path(page):
    """The page's own forms (not the theme's search box, which its script handles)."""
    forms = page.evaluate("""() => [...document.querySelectorAll("#calc-form, #cf-form")].map((f) => ({
        id: f.id, method: f.getAttribute("method"),
        submits: f.querySelectorAll("button:not([type=button]), input[type=submit], input[type=image]").length }))""")
    assert forms, "no form found"
    for f in forms:
        assert f["method"] == "dialog" and f["submits"] == 0, f


def _throttle(context, page):
    """A slow mobile line (400 ms, 50 KB/s down)."""
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 400, "downloadThroughput": 50_000,
                                                   "uploadThroughput": 20_000})


@pytest.mark.parametrize("how", ["held back", "failed"])
def test_enter_in_the_household_size_sends_nothing_while_the_pages_script_is_missing(phone, site_url, how):
    page = phone.new_page()
    seen = []
    page.on("request", lambda r: seen.append(r.url + " " + (r.post_data or "")))
    navigations = []
    page.on("framenavigated", lambda f: f == page.main_frame and navigations.append(f.url))
    _throttle(phone, page)
    if how == "held back":
        page.route("**/assets/calc/page.js", lambda route: None)  # never arrives
        page.route("**/assets/calc/figures.js", lambda route: None)
    else:
        page.route("**/assets/calc/page.js", lambda route: route.fulfill(status=500, body="broken"))
    page.goto(site_url + "/calculator/", wait_until="domcontentloaded" if how == "failed" else "commit")
    page.wait_for_selector("#f-size", state="visible")
    _every_form_has_no_submit_path(page)
    page.select_option("#f-county", "532501")
    page.fill("#f-date", "2026-08-01")
    page.fill("#f-size", "7")
    page.press("#f-size", "Enter")  # a phone keyboard's 前往 key
    page.evaluate("document.getElementById('f-event').value = '住院治疗九九八'")  # a later step's value too
    # without page.js there is no step button to press: it shows only once page.js has taken the form over
    assert page.is_hidden("#step-actions") and page.is_hidden("#step-next")
    page.press("#f-size", "Enter")
    time.sleep(1.5)
    assert _requests_with(seen, ["household_size", "532501", "2026-08-01", "county="]) == []
    assert len(navigations) <= 1 and page.url == site_url + "/calculator/"
    assert page.input_value("#f-size") == "7"  # not reloaded blank


def test_the_configurator_sends_nothing_before_its_script_and_with_it(phone, site_url):
    for hold in (True, False):
        page = phone.new_page()
        seen = []
        page.on("request", lambda r, seen=seen: seen.append(r.url))
        if hold:
            page.route("**/assets/config/page.js", lambda route: None)
            _throttle(phone, page)
        page.goto(site_url + "/configurator/", wait_until="commit")
        page.wait_for_selector("#cf-generate")
        _every_form_has_no_submit_path(page)
        page.select_option("#cf-county", "532503")
        if not hold:
            page.wait_for_selector("#cf-amount:enabled", timeout=30_000)
        page.evaluate("document.querySelectorAll('#cf-form fieldset').forEach((f) => f.disabled = false)")
        page.fill("#cf-amount", "812")
        page.fill("#cf-document", "蒙自市民政局通知")
        page.press("#cf-document", "Enter")
        page.click("#cf-generate")
        time.sleep(1)
        assert _requests_with(seen, ["812", "county=", "amount="]) == []
        assert page.url == site_url + "/configurator/"
        page.close()


# -------------------------------------------------------------------------------- answers survive --
def _answer_steps_1_and_2(page, county, date, residence, size, income, medical=None, press=None):
    """Steps 1 and 2 of an expenditure case; ``press`` clicks or taps (default: click). Ends on step 2."""
    press = press or page.click
    page.select_option("#f-county", county)
    page.fill("#f-date", date)
    press(f"input[name=residence][value={residence}]")
    page.fill("#f-size", size)
    press("#step-next")
    press("input[name=type][value=expenditure]")
    page.fill("#f-income", income)
    if medical is not None:
        page.fill("#f-medical", medical)


def _fill_gejiu(page):
    """个旧市 2020-08-01, rural, 4 persons, 9000 元 income and 3000 元 self-paid medical costs (ends on step 2)."""
    _answer_steps_1_and_2(page, "532501", "2020-08-01", "rural", "4", "9000", "3000")


def _tap_to_result(page):
    for _ in range(2):
        page.tap("#step-next")
    page.tap("#calc-submit")
    page.wait_for_selector("#calc-result:not([hidden])", timeout=90_000)


def test_answers_and_result_come_back_after_a_clause_link_even_when_the_page_is_reloaded_from_history(launch, site_url):
    page = launch("--disable-features=BackForwardCache")
    page.goto(site_url + "/calculator/")
    _fill_gejiu(page)
    # leave from step 2 through its clause link, and come back
    page.evaluate("window.__here = 1")
    page.click("#expenditure-fields a[href*='2-1-2']")
    page.wait_for_url("**/policy/**")
    page.go_back()
    page.wait_for_selector("#f-income", state="visible")
    assert page.evaluate("window.__here") is None  # reloaded, not restored from the back/forward cache
    assert page.input_value("#f-income") == "9000" and page.input_value("#f-medical") == "3000"
    page.click("#step-next")
    page.fill("#f-event", "2020年7月住院")
    page.click("#add-prior")
    page.fill(".prior-row [data-prior=date]", "2020-03-02")
    page.fill(".prior-row [data-prior=amount]", "1500")
    page.fill(".prior-row [data-prior=event]", "火灾")
    page.click("#step-next")
    page.click("#calc-submit")
    page.wait_for_selector("#calc-result:not([hidden])", timeout=90_000)
    figures = page.inner_text("#calc-result .figures")
    page.click("#calc-result .reasons a.clause >> nth=0")
    page.wait_for_url("**/policy/**")
    page.go_back()
    page.wait_for_selector("#calc-result:not([hidden])", timeout=10_000)
    assert page.evaluate("performance.getEntriesByType('navigation')[0].type") == "back_forward"
    assert page.inner_text("#calc-result .figures") == figures
    page.reload()
    page.wait_for_selector("#calc-result:not([hidden])", timeout=10_000)
    assert page.inner_text("#calc-result .figures") == figures
    page.go_back()  # to 核对: every answer is there, the rows of 已获救助 too
    page.wait_for_selector("#answers-summary", state="visible")
    summary = page.inner_text("#answers-summary")
    assert "9000 元" in summary and "3000 元" in summary and "1500 元" in summary and "火灾" in summary
    shot(page, "calculator-back-from-history")


def test_no_answer_reaches_any_storage(phone, site_url):
    page = phone.new_page()
    page.goto(site_url + "/calculator/")
    _fill_gejiu(page)
    page.fill("#f-income", "9137")
    page.click("#step-next")
    page.fill("#f-event", "独特事由七七")
    page.click("#step-next")
    page.click("#calc-submit")
    page.wait_for_selector("#calc-result:not([hidden])", timeout=90_000)
    page.click("#save-link")
    stored = page.evaluate("""async () => {
      const out = [];
      for (const s of [localStorage, sessionStorage]) {
        for (let i = 0; i < s.length; i++) out.push(s.key(i) + "=" + s.getItem(s.key(i)));
      }
      out.push(document.cookie);
      if (indexedDB.databases) for (const d of await indexedDB.databases()) out.push("idb:" + d.name);
      for (const name of await caches.keys()) {
        out.push("cache:" + name);
        for (const req of await (await caches.open(name)).keys()) out.push(req.url);
      }
      return out.join("\\n");
    }""")
    for value in ("9137", "独特事由七七", "532501", "household_size"):
        assert value not in stored
    assert not [s for s in stored.split("\n") if s.startswith("idb:")]
    assert phone.cookies() == []


def test_clear_all_can_be_undone_and_sits_apart_from_the_step_buttons(phone, site_url):
    page = phone.new_page()
    page.goto(site_url + "/calculator/")
    _fill_gejiu(page)
    # both boxes read at the same moment, in page coordinates: the page may still be scrolling or moving (the
    # theme's script runs once the page is idle, assets/calc/later.js) between two separate reads
    back, clear = page.evaluate("""() => ['step-back', 'calc-clear'].map((id) => {
        const box = document.getElementById(id).getBoundingClientRect();
        return {y: box.top + scrollY, height: box.height};
    })""")
    assert clear["y"] - (back["y"] + back["height"]) >= 24  # not 12 px under 上一步
    page.click("#calc-clear")
    assert page.input_value("#f-income") == "" and page.is_visible("#f-county")
    assert page.evaluate("document.activeElement.id") == "undo-clear"
    shot(page, "calculator-cleared-with-undo")
    page.click("#undo-clear")
    page.wait_for_selector("#f-income", state="visible")
    assert page.input_value("#f-income") == "9000" and page.input_value("#f-medical") == "3000"
    page.click("#step-next")
    page.click("#step-next")
    page.click("#calc-submit")
    page.wait_for_selector("#calc-result:not([hidden])", timeout=90_000)
    page.click("#clear-all")
    assert page.is_hidden("#calc-result")
    page.click("#undo-clear")
    page.wait_for_selector("#calc-result:not([hidden])")
    assert page.inner_text("#calc-result [data-field=single_cap]") == "23040.00"  # 3 × 640 × 12
    assert page.evaluate("document.activeElement.id") == "calc-verdict"


# ------------------------------------------------------------------------------------ honest states --
def test_without_webassembly_step_one_says_what_the_family_gets_and_nothing_walks_them_on(launch, site_url):
    page = launch("--js-flags=--jitless")
    page.goto(site_url + "/calculator/")
    assert page.evaluate("typeof WebAssembly") == "undefined"
    page.wait_for_selector("#calc-status[data-state=failed]", timeout=5_000)
    status = page.inner_text("#calc-status")
    assert "不能估算" in status and "低保标准和救助上限" in status
    assert page.is_hidden("#step-next") and page.is_hidden(".steps") and page.is_hidden("input[name=is_dibao]")
    page.select_option("#f-county", "532523")
    page.fill("#f-date", "2026-08-01")
    assert page.inner_text("[data-pre=single_cap]") == f"{3 * 744 * 12}.00"  # 屏边县 on the provincial floor 744
    # the income line (issue 18) needs the residence and the household size, so those stay: 3 × 744 × 6 − 0.01
    page.check("input[name=residence][value=urban]")
    page.fill("#f-size", "3")
    assert "13391.99" in page.inner_text("#income-line")
    assert page.is_visible("#fallback-where")
    shot(page, "calculator-no-webassembly")


@pytest.mark.parametrize("error", ["RangeError('Out of memory')", "TypeError('Failed to execute compile')"])
def test_a_streaming_compilation_failure_falls_back_to_compiling_the_bytes(phone, site_url, error):
    page = phone.new_page()
    prefix = f"WebAssembly.instantiateStreaming = () => Promise.reject(new {error});\n"

    def patched(route):
        body = route.fetch().text()
        route.fulfill(body=prefix + body, headers={"Content-Type": "text/javascript"})

    page.route("**/calculator/worker.js", patched)
    page.goto(site_url + "/calculator/" + GEJIU_FRAGMENT)
    page.wait_for_selector("#calc-result:not([hidden])", timeout=90_000)
    assert page.inner_text("#calc-result [data-field=single_cap]") == "23040.00"  # 3 × 640 × 12


@pytest.mark.parametrize("error", ["RangeError('Out of memory')", "TypeError('Failed to execute compile')"])
def test_when_both_ways_of_compiling_fail_the_chinese_failure_shows_within_ten_seconds(phone, site_url, error):
    page = phone.new_page()
    # instantiate fails for the 9.6 MB module only (Pyodide also instantiates tiny modules to test features)
    prefix = (f"WebAssembly.instantiateStreaming = () => Promise.reject(new {error});\n"
              "const instantiate = WebAssembly.instantiate;\n"
              "WebAssembly.instantiate = (bytes, imports) => (bytes && bytes.byteLength > 1e6 ? "
              f"Promise.reject(new {error}) : instantiate(bytes, imports));\n")

    def patched(route):
        body = route.fetch().text()
        route.fulfill(body=prefix + body, headers={"Content-Type": "text/javascript"})

    page.route("**/calculator/worker.js", patched)
    page.goto(site_url + "/calculator/")
    started = time.monotonic()
    page.wait_for_selector("#calc-status[data-state=failed]", timeout=60_000)
    status = page.inner_text("#calc-status")
    assert "测算程序未能启动" in status
    assert ("内存不足" if "RangeError" in error else "浏览器无法运行计算程序") in status
    assert page.is_hidden("#step-next")  # not walked through answers that cannot be used
    # the wasm download itself may take a while on a loaded machine: the failure follows the error at once
    timings = page.evaluate(
        "performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/pyodide.asm.wasm'))")
    assert time.monotonic() - started < 60
    if timings:
        assert page.evaluate("performance.now()") - timings[-1]["responseEnd"] < 10_000
    shot(page, "calculator-compile-failed")


# --------------------------------------------------------------------------------------- saved links --
def test_a_link_never_echoes_an_invalid_value_and_says_which_field_it_was(phone, site_url):
    page = phone.new_page()
    page.goto(site_url + "/calculator/#county=532501&date=" + ATTACK + "&residence=rural&household_size=4"
              "&type=expenditure&income_6m=9000")
    page.wait_for_selector("[data-error-for=date]:not(:empty)", timeout=10_000)
    text = page.inner_text(".md-content")
    assert "加微信" not in text and "5000元" not in text
    assert "申请日期" in page.inner_text("[data-error-for=date]")
    page.goto(site_url + "/calculator/#county=" + ATTACK + "&date=2020-08-01&residence=rural&household_size=" + ATTACK)
    page.wait_for_selector("[data-error-for=county]:not(:empty)", timeout=10_000)
    assert "加微信" not in page.inner_text("[data-error-for=county]")
    assert "县市" in page.inner_text("[data-error-for=county]")
    assert "加微信" not in page.inner_text("#calc-status")


def test_free_text_from_a_link_shows_only_as_the_familys_answers_shortened_under_a_notice(phone, site_url):
    page = phone.new_page()
    long_attack = ATTACK * 5
    page.goto(site_url + "/calculator/" + GEJIU_FRAGMENT + "&event=" + long_attack + "&prior=2020-03-02~1500~"
              + long_attack)
    page.wait_for_selector("#calc-result:not([hidden])", timeout=90_000)
    assert page.is_visible("#link-notice")
    assert "分享的链接" in page.inner_text("#link-notice")
    # the same event: the reason does not quote the link's text in the site's own words
    reasons = page.inner_text("#calc-result .reasons")
    assert "加微信" not in reasons
    assert "加微信" not in page.inner_text("#calc-status")
    page.click("#calc-result .answers-used summary")
    answers = page.inner_text("#calc-result .answers-used")
    assert ATTACK in answers  # shown as the family's own answer…
    assert long_attack not in answers  # …shortened
    assert len(page.input_value("#f-event")) <= 41
    shot(page, "calculator-shared-link-notice")


# ------------------------------------------------------------------------------------ accessibility --
def test_every_page_of_the_sitemap_has_no_wcag_violation_and_a_visible_focus_on_every_control(audited, site_url):
    paths = sitemap_paths()
    assert len(paths) >= 30
    page = audited.new_page()
    problems = {}
    for path in paths:
        page.goto(site_url + path, wait_until="load")
        found = axe_violations(page) + [f"no focus: {x}" for x in unfocused_controls(page)]
        if found:
            problems[path] = found[:5]
    assert problems == {}


def _audit(page, state, problems):
    page.wait_for_timeout(500)  # the theme's header title fades when the page scrolls: measure it settled
    found = axe_violations(page) + [f"no focus: {x}" for x in unfocused_controls(page)]
    if found:
        problems[state] = found[:5]
    shot(page, "state-" + state)


def test_the_calculator_in_every_state_has_no_wcag_violation(audited, site_url):
    page = audited.new_page()
    problems = {}
    page.goto(site_url + "/calculator/")
    page.wait_for_selector("#calc-status[data-state=ready]", timeout=90_000)
    _audit(page, "step1", problems)
    page.click("#step-next")  # nothing filled: the errors
    _audit(page, "step1-errors", problems)
    _fill_gejiu(page)
    _audit(page, "step2", problems)
    page.click("#step-next")
    page.click("#add-prior")
    _audit(page, "step3", problems)
    page.click(".remove-prior")
    page.click("#step-next")
    _audit(page, "step4", problems)
    page.click("#calc-submit")
    page.wait_for_selector("#calc-result:not([hidden])", timeout=90_000)
    _audit(page, "eligible", problems)
    page.click("#clear-all")
    _audit(page, "cleared", problems)
    page.goto(site_url + "/calculator/#county=532501&date=2026-08-01&residence=urban&household_size=3"
              "&type=expenditure&income_6m=13500&event=" + ATTACK)
    page.wait_for_selector("#calc-result:not([hidden])", timeout=90_000)
    _audit(page, "not-eligible-from-link", problems)
    page.goto(site_url + "/calculator/#county=532501&date=2020-13-01&residence=rural&household_size=4")
    page.wait_for_selector("[data-error-for=date]:not(:empty)", timeout=10_000)
    _audit(page, "link-error", problems)
    fallback = audited.new_page()
    fallback.route("**/pyodide.asm.wasm", lambda route: route.abort())
    fallback.goto(site_url + "/calculator/")
    fallback.wait_for_selector("#calc-status[data-state=failed]", timeout=60_000)
    fallback.select_option("#f-county", "532503")
    _audit(fallback, "fallback", problems)
    assert problems == {}


def test_the_configurator_in_every_state_has_no_wcag_violation(audited, site_url):
    page = audited.new_page()
    problems = {}
    page.goto(site_url + "/configurator/")
    _audit(page, "configurator-start", problems)
    page.select_option("#cf-county", "532503")
    page.wait_for_selector("#cf-amount:enabled", timeout=90_000)
    _audit(page, "configurator-county", problems)
    page.click("#cf-generate")  # nothing filled: the errors
    page.wait_for_selector("[data-error-for]:not(:empty)", timeout=60_000)
    _audit(page, "configurator-errors", problems)
    page.fill("#cf-amount", "800")
    page.fill("#cf-effective", "2026-07-01")
    page.select_option("#cf-status", "verified")
    page.fill("#cf-document", "蒙自市民政局关于提高2026年城乡低保标准的通知")
    page.fill("#cf-issuer", "蒙自市民政局")
    page.click("#cf-generate")
    page.wait_for_selector("#cf-output:not([hidden])", timeout=60_000)
    _audit(page, "configurator-file", problems)
    assert problems == {}


def test_step_changes_move_the_focus_to_the_steps_heading_and_the_tabs_work_when_tapped(phone, site_url):
    page = phone.new_page()
    page.goto(site_url + "/calculator/")
    assert page.get_attribute("[data-step-tab='1'] button", "aria-current") == "step"
    _fill_gejiu(page)
    page.tap("[data-step-tab='1'] button")
    page.tap("[data-step-tab='2'] button")  # a tab forward, as 下一步
    focused = page.evaluate(
        "[document.activeElement.tagName, document.activeElement.closest('[data-step]')?.dataset.step]")
    assert focused == ["LEGEND", "2"]  # after 下一步, the new step's heading
    assert page.get_attribute("[data-step-tab='2'] button", "aria-current") == "step"
    assert page.get_attribute("[data-step-tab='1'] button", "aria-current") is None
    page.tap("[data-step-tab='1'] button")
    page.wait_for_selector("#f-size", state="visible")
    assert page.evaluate("document.activeElement.closest('[data-step]')?.dataset.step") == "1"
    page.tap("[data-step-tab='4'] button")  # forward: steps 1-3 have what they need
    page.wait_for_selector("#answers-summary", state="visible")
    assert page.get_attribute("[data-step-tab='4'] button", "aria-current") == "step"
    shot(page, "calculator-step4-tabs")
    page.click("#calc-submit")
    page.wait_for_selector("#calc-result:not([hidden])", timeout=90_000)
    assert page.evaluate("document.activeElement.id") == "calc-verdict"  # after 测算, the result's heading


# ------------------------------------------------------------------------------- the three trials --
def _tab_to(page, selector, limit=80):
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def _arrow_to_option(page, select, value):
    """Tab to a closed select and choose ``value`` with the arrow keys."""
    _tab_to(page, select)
    index = page.evaluate("([s, v]) => [...document.querySelector(s).options].findIndex((o) => o.value === v)",
                          [select, value])
    for _ in range(index):
        page.keyboard.press("ArrowDown")
    assert page.input_value(select) == value


def _arrow_to_radio(page, name, value):
    """Tab into a radio group, Space to check the first, the arrow keys to ``value``."""
    _tab_to(page, f"input[name={name}]")
    page.keyboard.press("Space")
    while page.evaluate("document.activeElement.value") != value:
        page.keyboard.press("ArrowDown")
    assert page.is_checked(f"input[name={name}][value={value}]")


def _type_date(page, iso):
    """Type a date into the focused date field, its segments in the order the browser shows them (Chromium's
    headless date field follows its own locale, month/day/year or year/month/day): the order that gives ``iso``."""
    year, month, day = iso.split("-")
    for order in ((month, day, year), (year, month, day)):
        page.keyboard.type("".join(order))
        if page.evaluate("document.activeElement.value") == iso:
            return
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        while page.evaluate("document.activeElement.type") != "date":
            page.keyboard.press("Tab")
    raise AssertionError(f"could not type {iso}")


def test_trial_a_a_family_in_pingbian_after_a_house_fire_with_the_keyboard_only(phone, site_url):
    """屏边县, rural, 5 persons, a house fire, applying 2026-08-01; 800 元 received on 2026-03-15 for a flood.
    屏边县 has no verified standard of its own: the provincial floor, urban 744 元/月, rural 6720 元/年."""
    page = phone.new_page()
    page.goto(site_url + "/calculator/")
    page.wait_for_selector("#calc-status[data-state=ready]", timeout=90_000)
    _arrow_to_option(page, "#f-county", "532523")
    _tab_to(page, "#f-date")
    _type_date(page, "2026-08-01")
    assert page.input_value("#f-date") == "2026-08-01"
    _arrow_to_radio(page, "residence", "rural")
    _tab_to(page, "#f-size")
    page.keyboard.type("5")
    page.keyboard.press("Enter")  # 前往: the next step
    page.wait_for_selector("[data-step='2']:not([hidden])")
    _arrow_to_radio(page, "type", "emergency")
    _arrow_to_option(page, "#f-cause", "fire")
    _tab_to(page, "#step-next")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-step='3']:not([hidden])")
    _tab_to(page, "#add-prior")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.prior") == "date"
    _type_date(page, "2026-03-15")
    assert page.input_value(".prior-row [data-prior=date]") == "2026-03-15"
    while page.evaluate("document.activeElement.dataset.prior") != "amount":
        page.keyboard.press("Tab")
    page.keyboard.type("800")
    page.keyboard.press("Tab")
    page.keyboard.type("洪水")
    _tab_to(page, "#step-next")
    page.keyboard.press("Enter")
    page.wait_for_selector("#answers-summary", state="visible")
    _tab_to(page, "#calc-submit")
    page.keyboard.press("Enter")
    page.wait_for_selector("#calc-result:not([hidden])", timeout=90_000)
    assert page.evaluate("document.activeElement.id") == "calc-verdict"
    field = lambda name: page.inner_text(f"#calc-result [data-field={name}]")  # noqa: E731
    assert page.get_attribute("[data-field=eligible]", "data-value") == "true"  # emergency: income not a condition
    assert field("dibao_standard_monthly") == "560.00"  # 6720 / 12
    assert field("single_cap") == f"{3 * 744 * 12}.00"  # 26784
    assert field("year_total_cap") == f"{6 * 744 * 12}.00"  # 53568
    assert field("year_remaining") == f"{6 * 744 * 12 - 800}.00"  # 52768
    assert field("times_remaining") == "1"  # 2 a year, one used
    assert field("township_limit") == f"{744 * 12 // 2}.00"  # 0.5 × 744 × 12 (the 2025-12-31 standard)
    shot(page, "trial-a-result")


def test_trial_b_an_urban_gejiu_family_with_large_hospital_bills(phone, site_url):
    """个旧市, urban, 3 persons, income 12000 元, 40000 元 self-paid for a major illness (2026-08-01): the bills
    exceed the income, so the household qualifies (clause 2-1-2); 个旧市 on the provincial floor 744 元/月."""
    page = phone.new_page()
    page.goto(site_url + "/calculator/")
    _answer_steps_1_and_2(page, "532501", "2026-08-01", "urban", "3", "12000", "40000", press=page.tap)
    _tap_to_result(page)
    assert page.get_attribute("[data-field=eligible]", "data-value") == "true"
    assert page.inner_text("#calc-result [data-field=dibao_standard_monthly]") == "744.00"
    assert page.inner_text("#calc-result [data-field=single_cap]") == f"{3 * 744 * 12}.00"
    assert page.inner_text("#calc-result [data-field=township_limit]") == f"{744 * 12 // 2}.00"
    shot(page, "trial-b-result")


def test_trial_c_a_gejiu_family_just_above_the_line_is_told_how_far_it_is(phone, site_url):
    """个旧市, urban, 3 persons, income 13800 元 in 6 months with 300 元 self-paid for a major illness (an
    expenditure-type case needs necessary spending, reading I3): (13800 − 300) / 6 / 3 = 750 > 744, not eligible.
    The line is 744 × 6 × 3 = 13392, strictly below: 13391.99 + 300 = 13691.99 of income; or self-paid costs of
    13800 − 13391.99 = 408.01."""
    page = phone.new_page()
    page.goto(site_url + "/calculator/")
    _answer_steps_1_and_2(page, "532501", "2026-08-01", "urban", "3", "13800", "300", press=page.tap)
    _tap_to_result(page)
    assert page.get_attribute("[data-field=eligible]", "data-value") == "false"
    assert page.inner_text("#calc-result [data-field=per_capita_monthly_income]") == "750.00"
    assert page.inner_text("#calc-result [data-field=qualifying_income_6m_max]") == "13691.99"
    assert page.inner_text("#calc-result [data-field=qualifying_self_paid_6m_min]") == "408.01"
    shot(page, "trial-c-result")



def test_the_ledger_audit_page_in_its_states_has_no_wcag_violation_on_a_phone(audited, site_url, tmp_path):
    """台账核查 (issue 20), beyond its first state: a ledger audited (findings, chart, downloads) and a file that is
    not a ledger (the Chinese error)."""
    from sitebuild.ledger_samples import row, write_xlsx

    ledger = write_xlsx(tmp_path / "台账.xlsx", [
        row(date="2024-01-10", event="火灾", severity="较轻", amount="1000.01"),  # 1000.01 > 1000: light tier
        row(date="2024-03-10", payment="现金", amount="1000.01"),  # cash above 1000
    ])
    page = audited.new_page()
    page.goto(site_url + "/audit/")
    page.wait_for_selector("html[data-audit=ready]", timeout=180_000)
    assert axe_violations(page) == []
    page.set_input_files("#au-file", str(ledger))
    page.fill("#au-asof", "2026-11-30")
    page.click("#au-run")
    page.wait_for_selector("html[data-audit=done]", timeout=60_000)
    assert page.locator("#au-findings tbody tr").count() >= 2
    page.wait_for_timeout(600)  # the header's page title fades in once the result scrolled into view (Material)
    assert axe_violations(page) == [] and unfocused_controls(page) == []
    shot(page, "audit-findings")
    bad = tmp_path / "old.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 512)  # an old binary Excel file
    page.set_input_files("#au-file", str(bad))
    page.click("#au-run")
    page.wait_for_selector("#au-error:not(:empty)", timeout=60_000)
    page.wait_for_timeout(600)
    assert axe_violations(page) == []
