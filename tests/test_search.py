"""Chinese search on the built site, in headless Debian chromium.

The search plugin segments the Chinese text with jieba at build time (``jieba_dict_user``:
docs/assets/jieba-user-dict.txt keeps the policy's terms whole); in the browser, Material splits the query
greedily into words that are in the index and searches each with a trailing wildcard, any of them matching (OR).

A compound word in the dictionary is one token in the index, so its tail alone does not find it: "救助" does not
match inside "临时救助" (a prefix does: "临时" finds "临时救助"). Pages that say 救助 on its own are still found;
both queries are tested here. The dictionary therefore holds compounds only where the whole is what people
search (临时救助, 先行救助, 最低生活保障 …), not where the tail is a search term of its own (自付, 收入, 低保).

Playwright's ``type()`` of Chinese text fires no keyup, and Material's search listens for keyup: a key press
(End) after typing starts the search.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser

# term → pages (paths of the built site) that must be among the results. The order among them is not tested: it
# changes as pages are added (the training pages use these terms more often than the policy does).
EXPECTED = {
    "临时救助": {"policy/", "faq/", "glossary/"},
    "救助": {"policy/", "faq/"},
    "急难型": {"policy/", "glossary/", "faq/"},
    "支出型": {"policy/", "glossary/", "faq/"},
    "一事一议": {"policy/", "glossary/", "faq/"},
    "低保标准": {"standards/", "standards/532503/"},
    "先行救助": {"policy/", "glossary/"},
    "转介": {"policy/", "faq/", "glossary/"},
    "蒙自": {"standards/532503/", "standards/"},
    # Tails of compounds: the dictionary keeps only the terms people search whole, so these parts stay words
    # of their own (个人自付 → 个人/自付, 可支配收入 → 可支配/收入, 城市低保 → 城市/低保).
    "自付": {"faq/", "calculator/", "glossary/", "policy/"},
    "收入": {"faq/", "glossary/", "policy/"},
    "低保": {"", "faq/", "glossary/", "policy/", "standards/"},
}
FIRST = {"蒙自": "standards/532503/"}  # the page that must come first
META = "document.querySelector('.md-search-result__meta').textContent"  # 找到 N 个符合条件的结果 / 没有找到…
SCROLL_TO_END = """async (el) => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  el.scrollTop = 0;
  await frame();
  el.scrollTop = el.scrollHeight;
  await frame();
}"""


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "/")
    page.wait_for_load_state("networkidle")
    yield page
    context.close()


def search(page, site_url: str, term: str) -> tuple[str, list[str]]:
    """Type ``term`` in the search box; return the result count line and the pages found, in order."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press("End")
    page.wait_for_function(f"() => !/符合条件的结果/.test({META})")
    box.type(term)
    box.press("End")  # the keyup that starts the search
    page.wait_for_function(f"() => /符合条件的结果/.test({META})", timeout=15_000)
    meta = page.inner_text(".md-search-result__meta")
    # Material shows 10 pages, then 4 more each time the list is scrolled to its end: scroll away from the end and
    # back until every page found is listed.
    total = int(re.search(r"\d+", meta).group()) if re.search(r"\d+", meta) else 0
    for _ in range(total):
        shown = page.locator("li.md-search-result__item").count()
        if shown >= total:
            break
        page.eval_on_selector(".md-search__scrollwrap", SCROLL_TO_END)
        page.wait_for_function(f"() => document.querySelectorAll('li.md-search-result__item').length > {shown}",
                               timeout=5_000)
    hrefs = page.eval_on_selector_all("li.md-search-result__item > a.md-search-result__link",
                                      "links => links.map(a => a.href)")
    pages: list[str] = []
    base = urlsplit(site_url + "/").path
    for href in hrefs:
        path = urlsplit(href).path
        assert path.startswith(base), href
        path = path[len(base):]
        if path not in pages:
            pages.append(path)
    return meta, pages


@pytest.mark.parametrize("term", list(EXPECTED))
def test_a_policy_term_finds_the_right_pages(search_page, site_url, term):
    meta, pages = search(search_page, site_url, term)
    assert "没有找到" not in meta, (term, meta)
    assert len(pages) == int(re.search(r"\d+", meta).group()), (meta, pages)  # every page found is listed
    missing = EXPECTED[term] - set(pages)
    assert not missing, f"{term}: {sorted(missing)} not among the results: {pages} ({meta})"
    if term in FIRST:
        assert pages[0] == FIRST[term], (term, pages)


def test_the_results_link_to_the_place_of_the_term_and_highlight_it(search_page, site_url):
    _meta, pages = search(search_page, site_url, "急难型")
    links = search_page.eval_on_selector_all("li.md-search-result__item a.md-search-result__link",
                                             "links => links.map(a => a.href)")
    policy = [u for u in links if urlsplit(u).path.endswith("/policy/")]
    assert any(urlsplit(u).fragment for u in policy), policy  # a section of the policy, not only the page
    assert search_page.locator(".md-search-result mark").count() > 0


def test_full_width_digits_in_the_search_box_find_what_the_ascii_digits_find(search_page, site_url):
    """１０００ (as a Chinese input method types it) is searched as 1000, the 较轻 tier of clause 2-3-2."""
    meta_ascii, ascii_pages = search(search_page, site_url, "1000")
    meta_wide, wide_pages = search(search_page, site_url, "１０００")
    assert "没有找到" not in meta_wide, meta_wide
    assert wide_pages == ascii_pages and meta_wide == meta_ascii
    assert search_page.input_value("input.md-search__input") == "1000"


def test_a_word_that_is_nowhere_finds_nothing(search_page, site_url):
    meta, pages = search(search_page, site_url, "量子计算机")
    assert pages == [] and "没有找到" in meta, (meta, pages)


# -- the 测算 page holds the index back (docs/assets/calc/boot.js) -------------------------------------------------
INDEX = "/search/search_index.json"


def test_the_calculator_page_requests_the_search_index_only_once_the_search_box_is_used(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "/calculator/")
    page.wait_for_function("() => document.documentElement.dataset.calculator === 'ready'", timeout=120_000)
    entries = f"() => performance.getEntriesByName(new URL('{INDEX}', location).href).map(e => e.startTime)"
    page.wait_for_timeout(1500)  # ready, and a while after: still not asked for
    assert page.evaluate(entries) == []
    page.locator("input.md-search__input").click()
    page.wait_for_function(f"() => ({entries})().length > 0")
    starts = page.evaluate(entries)
    context.close()
    assert len(starts) == 1, starts


def test_search_on_the_calculator_page_works_before_python_is_ready(browser, site_url):
    """Opening the search box releases the index at once: the person does not wait for Python."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.route("**/pyodide.asm.wasm", lambda route: None)  # never answered: Python stays loading
    page.goto(site_url + "/calculator/")
    page.wait_for_load_state("domcontentloaded")
    meta, pages = search(page, site_url, "蒙自")
    assert page.evaluate("() => document.documentElement.dataset.calculator || ''") == ""  # still loading
    assert pages[0] == "standards/532503/", (meta, pages)
    context.close()


# -- a query that is one word of the index is searched whole (sitebuild/search_worker.py) ---------------------------
OWN_ENTRY = {"一事一议": "glossary/#case-by-case-decision", "一事一救": "glossary/#one-event-one-assistance"}


def _first_result(page, site_url, term):
    """The first section found (the first result link to a place in a page; the group's page link comes before
    it), as path#fragment, and the words it highlights (?h=)."""
    meta, pages = search(page, site_url, term)
    links = page.eval_on_selector_all("li.md-search-result__item a.md-search-result__link", "ls => ls.map(a => a.href)")
    parts = urlsplit(next(u for u in links if urlsplit(u).fragment))
    return meta, pages, parts.path[len(urlsplit(site_url + "/").path):] + "#" + parts.fragment, parse_qs(parts.query)


def test_yishiyiyi_and_yishiyijiu_each_rank_their_own_glossary_entry_first(search_page, site_url):
    found = {}
    for term, entry in OWN_ENTRY.items():
        meta, pages, first, query = _first_result(search_page, site_url, term)
        assert first == entry, (term, first, meta)
        assert query["h"] == [term]  # highlighted whole, not 事
        found[term] = (meta, pages)
    assert found["一事一议"] != found["一事一救"]  # distinct terms, distinct results


def test_the_search_worker_searches_a_query_that_is_a_word_of_the_index_whole():
    from conftest import SITE

    from sitebuild.search_worker import RIGHT, WRONG

    worker = next((SITE / "assets" / "javascripts" / "workers").glob("search.*.min.js")).read_text(encoding="utf-8")
    assert RIGHT in worker and WRONG not in worker
