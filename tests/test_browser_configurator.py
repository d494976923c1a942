"""The 县市标准配置 page in headless Debian chromium: checks, what-if and the file change run in Python under
self-hosted Pyodide in a Web Worker (standards_tools.configurator), under the site's CSP (scripts/serve-site)."""

from __future__ import annotations

import difflib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from test_configurator import MENGZI, validate

from standards_tools import configurator, yaml_edit

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
READY = 120_000


@pytest.fixture(scope="module")
def config_site(site_url):
    """The built site with the configurator's copies of standards/*.yaml.

    Until hooks/site_assets.py calls ``sitebuild.configurator_assets.write_assets`` itself, write them here.
    """
    if not (SITE / "assets" / "config" / "standards" / "index.json").exists():
        from sitebuild.configurator_assets import write_assets

        write_assets(SITE)
    return site_url


@pytest.fixture
def page(browser, config_site):
    ctx = browser.new_context(viewport={"width": 360, "height": 800}, accept_downloads=True)
    pg = ctx.new_page()
    pg.seen = {"requests": [], "errors": []}
    pg.on("request", lambda r: pg.seen["requests"].append(r.url))
    pg.on("pageerror", lambda e: pg.seen["errors"].append(str(e)))
    pg.goto(config_site + "/configurator/")
    yield pg
    ctx.close()


def _off_origin(requests, site_url):
    origin = urlsplit(site_url).netloc
    web = ("http", "https", "ws", "wss")
    return [u for u in requests if urlsplit(u).scheme in web and urlsplit(u).netloc != origin]


def _fill_mengzi(page, amount="800", effective="2026-07-01"):
    page.select_option("#cf-county", "532503")
    page.fill("#cf-amount", amount)
    page.fill("#cf-effective", effective)
    page.select_option("#cf-status", "verified")
    page.fill("#cf-document", "蒙自市民政局关于提高2026年城乡低保标准的通知")
    page.fill("#cf-issuer", "蒙自市民政局")
    page.fill("#cf-published", "2026-06-20")
    page.fill("#cf-url", "https://www.hhmz.gov.cn/2026/notice.html")


def test_an_urban_800_for_mengzi_shows_its_effect_and_gives_a_file_that_passes_the_validator(
    page, config_site, tmp_path
):
    assert page.is_visible("#cf-state")  # progress while Python loads
    _fill_mengzi(page)  # the form is usable while Python loads
    assert "蒙自市现有的标准" in page.inner_text("#cf-current")  # shown without waiting for Python
    assert "744" in page.inner_text("#cf-current")
    page.wait_for_selector("html[data-configurator=ready]", state="attached", timeout=READY)
    page.wait_for_selector("#cf-output:not([hidden])", timeout=30_000)

    household = page.locator("[data-household=urban-3-medical]")
    assert household.locator("[data-field=single_cap] .after").inner_text() == "28800.00"  # 3 × 800 × 12
    assert household.locator("[data-field=single_cap] .before").inner_text() == "26784.00"  # 3 × 744 × 12
    assert "changed" in household.locator("[data-field=single_cap]").get_attribute("class")
    assert page.inner_text("[data-rank=after]") == "1"

    text = page.input_value("#cf-file")
    original = MENGZI.read_text(encoding="utf-8")
    status, problems = validate(text, "532503-mengzi.yaml", tmp_path)
    assert status == 0, problems
    diff = list(difflib.unified_diff(original.splitlines(), text.splitlines(), lineterm="", n=0))
    body = [line for line in diff[2:] if not line.startswith("@@")]
    assert body and all(line.startswith("+") for line in body)
    assert body[0] == "+      - effective: 2026-07-01" and "+        amount: 800" in body
    assert "+      - effective: 2026-07-01" in page.inner_text("#cf-diff")

    with page.expect_download() as info:
        page.click("#cf-download")
    download = info.value
    assert download.suggested_filename == "532503-mengzi.yaml"
    assert Path(download.path()).read_text(encoding="utf-8") == text

    assert page.seen["errors"] == []
    assert _off_origin(page.seen["requests"], config_site) == []


def _validator_message(tmp_path, entry, field):
    errors = configurator.check_entry(
        configurator.county_data(_bundle(), "532503"), "urban", entry, floor={"dibao": _bundle()["province"]["dibao"]}
    )
    status, problems = validate(yaml_edit.add_entry(MENGZI.read_text(encoding="utf-8"), "urban", entry),
                                "532503-mengzi.yaml", tmp_path)
    assert status == 1
    messages = [m for s, m in problems if s == "error"]
    assert messages == [errors[field]]
    return messages[0]


_cache: dict = {}


def _bundle():
    if "bundle" not in _cache:
        from sitebuild.bundle import load_bundle

        _cache["bundle"] = load_bundle()
    return _cache["bundle"]


def test_the_validators_messages_show_next_to_the_field(page, config_site, tmp_path):
    source = {"document": "蒙自市民政局关于提高2026年城乡低保标准的通知", "issuer": "蒙自市民政局",
              "published": "2026-06-20", "url": "https://www.hhmz.gov.cn/2026/notice.html"}
    entry = {"effective": "2026-07-01", "amount": "800", "status": "verified", "source": source}
    _fill_mengzi(page)
    page.wait_for_selector("html[data-configurator=ready]", state="attached", timeout=READY)
    page.wait_for_selector("#cf-output:not([hidden])", timeout=30_000)

    page.fill("#cf-amount", "8928")  # an annual figure in the monthly field
    expect(page.locator("#err-amount")).to_have_text(_validator_message(tmp_path, {**entry, "amount": "8928"},
                                                                         "amount"))
    expect(page.locator("#cf-output")).to_be_hidden()  # no file while there is an error
    assert page.get_attribute("#cf-amount", "aria-invalid") == "true"

    page.fill("#cf-amount", "800")
    page.fill("#cf-effective", "2026-02-30")  # no such day
    expect(page.locator("#err-effective")).to_have_text(
        _validator_message(tmp_path, {**entry, "effective": "2026-02-30"}, "effective")
    )
    expect(page.locator("#err-amount")).to_have_text("")

    page.fill("#cf-effective", "2026-07-01")
    page.fill("#cf-amount", "700")  # below the provincial floor of 744
    expect(page.locator("#err-amount")).to_have_text(_validator_message(tmp_path, {**entry, "amount": "700"},
                                                                         "amount"))
    expect(page.locator("#err-effective")).to_have_text("")

    assert page.seen["errors"] == []
    assert _off_origin(page.seen["requests"], config_site) == []


def test_the_provincial_floor_shown_beside_a_county_is_the_one_in_force_today_not_the_last_one(browser, config_site):
    """On 2025-06-30 the Yunnan floor in force is 735 元/人·月 and 6400 元/人·年 (from 2024-07-01); the 744 and 6720
    of 2025-07-01 are not in force until the next day (云民发〔2025〕40号)."""
    cases = (("2025-06-30T12:00:00", "735 元/人·月（2024-07-01 起）", "6400 元/人·年（2024-07-01 起）"),
             ("2025-07-01T12:00:00", "744 元/人·月（2025-07-01 起）", "6720 元/人·年（2025-07-01 起）"))
    for today, urban, rural in cases:
        ctx = browser.new_context(viewport={"width": 360, "height": 800})
        pg = ctx.new_page()
        pg.clock.set_fixed_time(today)
        pg.goto(config_site + "/configurator/")
        pg.select_option("#cf-county", "532503")
        expect(pg.locator("#cf-current")).to_contain_text("蒙自市现有的标准")
        assert pg.locator("#cf-current h3").all_inner_texts() == [
            "城市低保标准（元/人·月）", "农村低保标准（元/人·年）", "乡镇（街道）审批额度 第 2-2-3 条"]
        floor = pg.locator("#cf-current p.help").inner_text()
        assert f"城市 {urban}，农村 {rural}" in floor
        # 蒙自 sets no township limit of its own: the prefecture's ratio in force (0.5 from 2019-01-01,
        # 红民社救〔2019〕5号)
        assert "按州级默认，上一年12月31日本县市城市低保年标准 × 0.5" in pg.inner_text("#cf-current")
        ctx.close()
