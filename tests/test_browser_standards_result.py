"""The 测算 result in the browser for a 建水 family in 2023-09: the county's own 728 with its inferred date, the
policy_update warning of 2023-07-26, and the note that the county's contacts are still to be added, linking to the
clerks' guide on the site. Screenshots at 1280 and 360 px go to build/screenshots/ for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
FRAGMENT = ("#county=532524&date=2023-09-15&residence=urban&household_size=3&type=emergency"
            "&emergency_cause=fire&severity=heavy&amount=1500")


@pytest.mark.parametrize("width", [1280, 360])
def test_a_jianshui_result_of_2023_09_shows_728_its_inferred_date_the_new_warning_and_the_missing_contact(
        browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + "/calculator/" + FRAGMENT)
    page.wait_for_selector("#calc-result:not([hidden])", timeout=90_000)
    assert page.inner_text("#calc-result [data-field=dibao_standard_monthly]") == "728.00"
    assert page.inner_text("#calc-result [data-field=single_cap]") == "26208.00"  # 3 × 728 × 12
    warnings = page.inner_text("#calc-result .admonition.warning")
    assert "急难型临时救助金额在1000元以上的，通过“一卡通”平台发放" in warnings
    assert "生效日期 2023-07-01 按云民发〔2023〕72号（省级标准自2023-07-01起执行）推定" in warnings
    used = page.inner_text("#calc-result .standards-used")
    assert "城市低保标准：728 元/人·月（2023-07-01 起；《建水县2023年城乡低保特困人员孤儿基本生活保障标准》" in used
    assert "生效日期按云民发〔2023〕72号" in used
    contact = page.locator("#calc-result [data-field=contact]")
    assert contact.inner_text().startswith("本县联系方式待县民政局补充")
    assert contact.locator("a").get_attribute("href") == "/standards/contributing/"
    shots = ROOT / "build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.locator("#calc-result").screenshot(path=str(shots / f"jianshui-2023-09-{width}.png"))
    assert errors == []
    context.close()
