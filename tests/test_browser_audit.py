"""The 台账核查 page in headless Debian chromium, under the site's CSP (scripts/serve-site): the ledger is read in
the browser and audited by ledger_audit under self-hosted Pyodide in a Web Worker; no request carries anything
from the file."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from sitebuild.ledger_samples import row, write_xlsx

pytestmark = pytest.mark.browser

READY = 180_000
# Text that appears only in the test ledger: no request may carry it (URL, headers or body).
MARKER_NAME = "标记甲乙"
MARKER_ID = "532501197707071234"
MARKER_PLACE = "测试专用镇"


@pytest.fixture
def page(browser, site_url):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    pg = ctx.new_page()
    pg.seen = {"requests": [], "errors": []}

    def record(request):
        pg.seen["requests"].append({"url": request.url, "method": request.method,
                                    "headers": json.dumps(request.headers, ensure_ascii=False),
                                    "body": request.post_data_buffer or b""})
    pg.on("request", record)
    pg.on("pageerror", lambda e: pg.seen["errors"].append(str(e)))
    pg.goto(site_url + "/audit/")
    yield pg
    ctx.close()


@pytest.fixture
def ledger(tmp_path):
    rows = [row(name=MARKER_NAME, id=MARKER_ID, township=MARKER_PLACE, date="2024-01-10", event="火灾",
                severity="较轻", amount="1000.01"),
            row(name=MARKER_NAME, id=MARKER_ID, township=MARKER_PLACE, date="2024-02-10", event="火灾"),
            row(name=MARKER_NAME, id=MARKER_ID, township=MARKER_PLACE, date="2024-03-10", payment="现金",
                amount="1000.01")]
    return write_xlsx(tmp_path / "台账.xlsx", rows)


def test_the_page_audits_a_ledger_in_the_browser_and_no_request_carries_the_file(page, ledger, site_url, tmp_path):
    expect(page.locator("html")).to_have_attribute("data-audit", "ready", timeout=READY)
    before = len(page.seen["requests"])
    page.set_input_files("#au-file", str(ledger))
    page.fill("#au-asof", "2026-11-30")
    page.click("#au-run")
    expect(page.locator("html")).to_have_attribute("data-audit", "done", timeout=60_000)
    expect(page.locator("#au-result")).to_be_visible()
    expect(page.locator("#au-rows-text")).to_have_text("3 / 3 行")
    cells = page.locator("#au-findings tbody tr td:nth-child(5)")
    assert cells.all_inner_texts() == ["2", "3", "4", "4"]
    kinds = page.locator("#au-findings tbody tr td:nth-child(2)").all_inner_texts()
    assert kinds == ["急难型较轻情形金额超过上限", "同一事由一年内重复救助", "一年内救助次数超过上限",
                     "超过限额发放现金"]
    links = page.locator("#au-findings tbody a.clause")
    assert links.first.get_attribute("href").endswith("/policy/#2-3-2")
    assert page.locator("#au-chart svg rect").count() >= 4 + 3  # 4 kinds, 3 months
    assert page.locator("#au-chart svg title").text_content() == "问题按类别和月份的分布"
    # Names and ID numbers never appear in full.
    body = page.locator("#au-result").inner_text()
    assert MARKER_NAME not in body and MARKER_ID not in body and "标*" in body
    # Downloads in each format.
    for button, suffix in (("#au-dl-md", ".md"), ("#au-dl-json", ".json"), ("#au-dl-xlsx", ".xlsx")):
        with page.expect_download() as info:
            page.click(button)
        path = tmp_path / ("out" + suffix)
        info.value.save_as(path)
        assert info.value.suggested_filename == "台账-核查报告" + suffix
        data = path.read_bytes()
        assert MARKER_ID.encode() not in data and MARKER_NAME.encode() not in data
        if suffix == ".json":
            assert [f["kind"] for f in json.loads(data)["findings"]] == [
                "light_tier", "same_event", "times_per_year", "cash"]
        if suffix == ".xlsx":
            assert data[:2] == b"PK"
    # Nothing left the page: every request after the file was chosen is a same-origin GET without a body, and no
    # request at all (URL, headers, body) carries anything from the file.
    origin = urlsplit(site_url).netloc
    for r in page.seen["requests"]:
        text = r["url"] + r["headers"] + r["body"].decode("utf-8", "replace")
        for marker in (MARKER_NAME, MARKER_ID, MARKER_PLACE):
            assert marker not in text, r["url"]
        if urlsplit(r["url"]).scheme in ("http", "https"):
            assert urlsplit(r["url"]).netloc == origin, r["url"]
    after = [r for r in page.seen["requests"][before:] if urlsplit(r["url"]).scheme in ("http", "https")]
    assert all(r["method"] == "GET" and not r["body"] for r in after), after
    assert page.seen["errors"] == []


def test_a_file_that_is_not_a_ledger_gets_a_chinese_message(page, tmp_path):
    expect(page.locator("html")).to_have_attribute("data-audit", "ready", timeout=READY)
    bad = tmp_path / "旧表.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest")
    page.set_input_files("#au-file", str(bad))
    page.click("#au-run")
    expect(page.locator("#au-error")).to_contain_text("旧版 Excel（.xls）", timeout=60_000)
    expect(page.locator("#au-result")).to_be_hidden()


def test_the_calculator_page_downloads_none_of_the_audits_files(browser, site_url):
    ctx = browser.new_context()
    pg = ctx.new_page()
    seen = []
    pg.on("request", lambda r: seen.append(r.url))
    pg.goto(site_url + "/calculator/")
    expect(pg.locator("html")).to_have_attribute("data-calculator", "ready", timeout=READY)
    ctx.close()
    assert not [u for u in seen if "/audit" in u or "openpyxl" in u], seen
