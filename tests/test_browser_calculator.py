"""The 测算 page in headless Debian chromium: the calculator runs under self-hosted Pyodide in the page."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


def _fill_gejiu_case(page):
    page.select_option("#f-county", "532501")
    page.fill("#f-date", "2020-08-01")
    page.check("input[name=residence][value=rural]")
    page.fill("#f-size", "4")
    page.fill("#f-income", "9000")
    page.fill("#f-medical", "3000")


def test_a_rural_gejiu_household_is_assessed_in_the_page_with_the_policy_figures(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + "/calculator/")
    assert page.is_visible("#calc-status")  # the loading indicator shows while Python starts
    _fill_gejiu_case(page)
    page.click("#calc-submit")
    page.wait_for_selector("#calc-result:not([hidden])", timeout=90_000)

    def field(name):
        return page.inner_text(f"#calc-result [data-field={name}]")

    assert page.get_attribute("[data-field=eligible]", "data-value") == "true"
    assert field("per_capita_monthly_income") == "250.00"  # (9000 − 3000) / 6 / 4
    assert field("dibao_standard_monthly") == "375.00"  # 4500 / 12, the 2020-06-01 provincial rural floor
    assert field("single_cap") == "23040.00"  # 3 × 640 × 12
    assert field("year_total_cap") == "46080.00"  # 6 × 640 × 12
    assert field("township_limit") == "3660.00"  # 50 % × 610 × 12, the urban standard on 2019-12-31
    assert "按省级指导标准" in page.inner_text("#calc-result")

    origin = urlsplit(site_url).netloc
    assert requests, "the page made no request at all"
    off_origin = [u for u in requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != origin]
    assert off_origin == []
    assert any(u.endswith("pyodide.asm.wasm") for u in requests)
    assert any(u.endswith(".whl") for u in requests)
    context.close()
