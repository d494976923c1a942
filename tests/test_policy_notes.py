"""The notes beside the policy text (sitebuild/policy_notes.py): where they are, what they say, and that they never
leak into the quoted text.

``docs/policy/index.md`` holds a placeholder comment ``rule: 2-3-1`` after the paragraph of every clause the
calculator implements; the build (hooks/site_assets.py) replaces it with a collapsible admonition of class
``annotation``. These tests expand the real page with the real standards, render it with the extensions of
mkdocs.yml (as tests/test_policy_text.py does) and check the result.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from html.parser import HTMLParser
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from test_policy_text import (
    POLICY_PAGE,
    first_difference,
    published_characters,
    render,
    source_characters,
)

from calculator.application import KNOWN_FIELDS
from calculator.assess import assess
from calculator.county_figures import county_figures
from calculator.standards import Bundle
from sitebuild import policy_notes

AS_OF = dt.date(2026, 8, 1)

# The clauses the calculator implements (the interpretation register, and the clause of every reason, step and
# referral it gives), and the readings of the register (policy/interpretations.yaml) that rest on each.
IMPLEMENTED = ("2-1-1", "2-1-2", "2-2", "2-2-1", "2-2-2", "2-2-3", "2-3", "2-3-1", "2-3-2", "2-4-1", "2-4-3")
INTERPRETATIONS = {
    "2-1-1": {"I12"}, "2-1-2": {"I3", "I4"}, "2-2": {"I5", "I10", "I13"}, "2-2-1": {"I10"}, "2-2-2": {"I10"},
    "2-2-3": {"I8"}, "2-3": {"I1"}, "2-3-1": {"I2", "I6"}, "2-3-2": {"I7"}, "2-4-1": {"I9"}, "2-4-3": {"I11"},
}
PLACEHOLDER = re.compile(r"^<!-- rule: (\S+) -->$", re.MULTILINE)


@pytest.fixture(scope="module")
def page_source() -> str:
    return POLICY_PAGE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def expanded(page_source, bundle_data) -> str:
    return policy_notes.expand(page_source, bundle_data, AS_OF, "policy/index.md")


@pytest.fixture(scope="module")
def expanded_html(expanded) -> str:
    return render(expanded)


@pytest.fixture(scope="module")
def notes(expanded_html) -> dict[str, str]:
    """``{clause: the note's HTML}``, each note taken from the ``<details>`` that follows the clause's element."""
    scan = NoteScan()
    scan.feed(expanded_html)
    return scan.notes


class NoteScan(HTMLParser):
    """Collects each top-level ``<details class="… annotation">`` with the id of the element just before it."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.notes: dict[str, str] = {}
        self.last_id: str | None = None
        self.last_tag: str | None = None
        self.depth = 0
        self.capture: list[str] | None = None
        self.owner: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.capture is not None:
            self.capture.append(self.get_starttag_text())
            self.depth += tag == "details"
            return
        if tag == "details" and "annotation" in (attributes.get("class") or "").split():
            self.capture, self.depth, self.owner = [self.get_starttag_text()], 1, self.last_id
            return
        if attributes.get("id") and tag in ("p", "h2", "h3"):
            self.last_id, self.last_tag = attributes["id"], tag
        elif tag == "p" and self.last_tag in ("h2", "h3"):
            self.last_tag = "p"  # the intro paragraph of a section: its note follows it
        elif tag in ("p", "h1", "h2", "h3", "h4", "details", "ul", "ol", "table", "blockquote"):
            self.last_id = self.last_tag = None

    def handle_endtag(self, tag):
        if self.capture is None:
            return
        self.capture.append(f"</{tag}>")
        if tag == "details":
            self.depth -= 1
            if self.depth == 0:
                assert self.owner is not None, "a note that does not follow a clause"
                assert self.owner not in self.notes, f"two notes after {self.owner}"
                self.notes[self.owner] = "".join(self.capture)
                self.capture = None

    def handle_data(self, data):
        if self.capture is not None:
            self.capture.append(data)

    def handle_entityref(self, name):
        if self.capture is not None:
            self.capture.append(f"&{name};")

    def handle_charref(self, name):
        if self.capture is not None:
            self.capture.append(f"&#{name};")


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


# --- placement and fidelity --------------------------------------------------------------------------------------


def test_every_implemented_clause_has_one_placeholder_in_the_page(page_source):
    assert PLACEHOLDER.findall(page_source) == list(IMPLEMENTED)
    assert set(policy_notes.NOTES) == set(IMPLEMENTED)


def test_each_placeholder_follows_the_paragraph_of_its_clause(page_source):
    for match in PLACEHOLDER.finditer(page_source):
        clause = match.group(1)
        before = page_source[: match.start()].rstrip("\n").splitlines()
        if clause.count("-") == 2:  # a numbered item: its paragraph ends with the attribute list of its anchor
            assert before[-1] == f"{{: #{clause} .clause }}", clause
        else:  # a section: its intro paragraph follows the heading
            assert before[-2] == "" and before[-3].endswith(f"{{#{clause}}}"), clause


def test_without_the_build_the_placeholders_add_no_text(page_source):
    html = render(page_source)
    assert "<!-- rule: 2-3-1 -->" in html  # still there, as a comment
    expected = source_characters()
    assert published_characters(html) == expected


def test_the_expanded_page_still_has_the_policy_text_character_for_character(expanded, expanded_html):
    assert not PLACEHOLDER.search(expanded), "a placeholder was left"
    expected = source_characters()
    actual = published_characters(expanded_html)
    assert actual == expected, first_difference(expected, actual)


def test_a_note_that_leaked_into_the_text_would_be_detected(expanded):
    start = expanded.index("??? note annotation")
    end = expanded.index("\n\n", expanded.index("**为什么这样理解**", start))
    block = expanded[start:end]
    leaked = "\n".join(line[4:] if line.startswith("    ") else line for line in block.split("\n")[1:])
    assert published_characters(render(expanded.replace(block, leaked))) != source_characters()


def test_the_notes_are_rendered_as_collapsible_annotations_right_after_their_clause(notes, expanded_html):
    assert list(notes) == list(IMPLEMENTED)
    for clause, html in notes.items():
        assert html.startswith('<details class="note annotation">'), clause
        assert f"<summary>{policy_notes.TITLE}" in html, clause
    assert expanded_html.count('class="note annotation"') == len(IMPLEMENTED)


def test_the_quoted_paragraph_of_a_clause_holds_nothing_of_the_note(expanded_html):
    for clause in IMPLEMENTED:
        match = re.search(rf'<p class="clause" id="{clause}">(.*?)</p>', expanded_html, re.S)
        if match:
            assert "本站" not in match.group(1) and "annotation" not in match.group(1), clause


# --- content -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("clause", IMPLEMENTED)
def test_each_note_names_its_interpretations_the_date_of_its_figures_and_a_rule(notes, clause):
    text = text_of(notes[clause])
    for rule in INTERPRETATIONS[clause]:
        assert re.search(rf"\b{rule}：", text), (clause, rule)
    assert f"按 {AS_OF.isoformat()} 在用的标准" in text
    assert "规则" in text and "为什么这样理解" in text


def test_the_caps_table_lists_the_13_counties_with_the_calculators_figures(notes, bundle):
    html = notes["2-3-1"]
    for code, county in bundle.counties.items():
        figures = county_figures(bundle, county, AS_OF)
        row = re.search(rf'<tr>\s*<td[^>]*><a href="\.\./standards/{code}\.md">{county.short_name}</a>(.*?)</tr>',
                        html, re.S)
        assert row, county.name
        assert f"{figures['single_cap']} / {figures['year_total_cap']}" in row.group(1), county.name
        assert f"城市低保 {figures['urban_monthly']}" in row.group(1), county.name
        floor = figures["urban_origin"] == "province_floor" or figures["urban_status"] != "verified"
        assert ("未核实" in row.group(1)) == floor, county.name


def test_a_verified_county_standard_carries_no_unverified_mark(bundle_data):
    data = copy.deepcopy(bundle_data)
    mengzi = data["counties"]["532503"]
    for series in (mengzi["dibao"]["urban"], mengzi["dibao"]["rural"]):
        for value in series["values"]:
            value["status"] = "verified"
    b = Bundle.from_dict(data)
    if county_figures(b, b.counties["532503"], AS_OF)["urban_origin"] != "county":
        pytest.skip("蒙自 uses the provincial floor on this date")
    html = render(policy_notes.expand("<!-- rule: 2-3-1 -->\n", data, AS_OF, "policy/index.md"))
    row = re.search(r'standards/532503\.md">蒙自</a>(.*?)</tr>', html, re.S).group(1)
    assert "未核实" not in row
    assert "蒙自用本县市标准，但来源未核实" not in html


def test_the_township_limit_table_shows_the_calculators_limits(notes, bundle):
    html = notes["2-2-3"]
    for code, county in bundle.counties.items():
        limit = county_figures(bundle, county, AS_OF)["township_limit"]
        assert re.search(rf"standards/{code}\.md.*?→ {re.escape(limit)}", html, re.S), county.name
    assert f"{AS_OF.year - 1}-12-31 在用的城市低保年标准" in text_of(html)


def test_figures_are_ranges_across_counties_and_say_so():
    assert policy_notes.yuan_range(["744.00"] * 13, "元") == "744.00 元（13 个县市相同）"
    assert policy_notes.yuan_range(["744.00", "1000.00", "980.50"], "元") == "744.00–1000.00 元（各县市不同）"


# --- the examples ------------------------------------------------------------------------------------------------

EXPECTED_OUTCOMES = {
    "2-1-1": lambda r: r["eligible"] and r["type"] == "emergency" and r["per_capita_monthly_income"] is None,
    "2-1-2": lambda r: r["eligible"] and r["type"] == "expenditure" and r["residence"] == "rural",
    "2-2": lambda r: r["eligible"] and r["times_remaining"] == 1 and r["year_remaining"] != r["year_total_cap"],
    "2-2-1": lambda r: r["eligible"] and r["cash_allowed"] and r["approval_level"] == "township"
    and any("先行救助" in s["step"] for s in r["procedure"]),
    "2-2-2": lambda r: r["eligible"] and r["approval_level"] == "county"
    and "2-2-2" in [s["clause"] for s in r["procedure"]]
    and [s["step"][:2] for s in r["procedure"]].index("公示") < [s["step"][:2] for s in r["procedure"]].index("审批"),
    "2-2-3": lambda r: r["eligible"] and r["approval_level"] == "township",
    "2-3": lambda r: r["eligible"] and r["residence"] == "rural"
    and r["dibao_standard_monthly"] != r["urban_dibao_standard_annual"],
    "2-3-1": lambda r: r["eligible"] and r["case_by_case"] and r["amount_within_cap"]
    and float(r["amount"]) > float(r["single_cap"]),
    "2-3-2": lambda r: r["eligible"] and r["emergency_cause"] == "fire" and r["severity"] == "major"
    and r["case_by_case"],
    "2-4-1": lambda r: r["eligible"] and r["cash_allowed"] and r["amount"] == "1000.00",
    "2-4-3": lambda r: {"最低生活保障", "医疗救助"} <= {x["scheme"] for x in r["referrals"]},
}


def example_links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" class="rule-example">', html)


def application_from_fragment(href: str) -> dict:
    """Read a fragment link as docs/assets/calc/page.js does (URLSearchParams, ``prior=DATE~AMOUNT~EVENT``)."""
    fragment = urlsplit(href.replace("&amp;", "&")).fragment
    data: dict = {}
    for key, value in parse_qsl(fragment, keep_blank_values=True):
        if key == "prior":
            date, amount, *event = value.split("~")
            data.setdefault("prior_assistance", []).append({"date": date, "amount": amount, "event": "~".join(event)})
        elif key in ("special_difficulty", "is_dibao", "is_tekun"):
            data[key] = value == "1"
        else:
            data[key] = value
    return data


@pytest.mark.parametrize("clause", IMPLEMENTED)
def test_each_note_links_to_the_calculator_with_an_example_of_its_clause(notes, bundle, clause):
    links = example_links(notes[clause])
    assert len(links) == 1, clause
    href = links[0].replace("&amp;", "&")
    assert href.startswith("../calculator/#county="), href
    data = application_from_fragment(href)
    assert set(data) - {"prior_assistance"} <= KNOWN_FIELDS, set(data) - KNOWN_FIELDS
    assert data["date"] == AS_OF.isoformat()
    result = assess(data, bundle)
    assert EXPECTED_OUTCOMES[clause](result), (clause, result)
    # the same application as the note's own example, and the clause is among those the result cites
    example, quoted = policy_notes.example(policy_notes.Context(bundle, AS_OF, "policy/index.md"), clause)
    assert assess(data, bundle) == quoted
    cited = {x["clause"] for x in result["reasons"] + result["procedure"] + result["referrals"]}
    cited.add(result["payment"]["clause"])
    assert clause in cited, (clause, sorted(cited))


def test_every_clause_the_calculator_cites_in_the_examples_has_a_note(bundle):
    ctx = policy_notes.Context(bundle, AS_OF, "policy/index.md")
    cited = set()
    for clause in IMPLEMENTED:
        _data, result = policy_notes.example(ctx, clause)
        cited |= {x["clause"] for x in result["reasons"] + result["procedure"] + result["referrals"]}
        cited.add(result["payment"]["clause"])
    assert cited <= set(IMPLEMENTED), sorted(cited - set(IMPLEMENTED))


def test_the_fragment_encodes_chinese_and_prior_assistance_as_the_page_reads_it():
    fragment = policy_notes.fragment({
        "county": "532502", "date": "2026-08-01", "special_difficulty": True, "is_dibao": False, "amount": None,
        "event": "住院治疗", "prior_assistance": [{"date": "2026-05-03", "amount": 3000, "event": "房屋失火"}],
    })
    assert fragment == ("county=532502&date=2026-08-01&special_difficulty=1&event=%E4%BD%8F%E9%99%A2%E6%B2%BB%E7%96%97"
                        "&prior=2026-05-03~3000~%E6%88%BF%E5%B1%8B%E5%A4%B1%E7%81%AB")
    assert unquote(fragment.split("prior=")[1]) == "2026-05-03~3000~房屋失火"


def test_the_example_with_prior_assistance_stays_in_the_year_even_on_1_january(bundle_data, bundle):
    ctx = policy_notes.Context(bundle, dt.date(2026, 1, 1), "policy/index.md")
    data, result = policy_notes.example(ctx, "2-2")
    assert data["prior_assistance"][0]["date"] == "2026-01-01"
    assert result["times_remaining"] == 1


# --- the mechanism -----------------------------------------------------------------------------------------------


def test_pages_without_placeholders_are_returned_unchanged(bundle_data):
    text = "# 常见问题\n\n<!-- 普通注释 -->\n\n正文。\n"
    assert policy_notes.expand(text, bundle_data, AS_OF, "faq.md") is text


def test_an_unknown_placeholder_stops_the_build(bundle_data):
    with pytest.raises(policy_notes.UnknownRule, match="2-9-9"):
        policy_notes.expand("<!-- rule: 2-9-9 -->\n", bundle_data, AS_OF, "policy/index.md")


def test_links_are_relative_to_the_page_that_holds_the_note(bundle_data):
    on_faq = policy_notes.expand("<!-- rule: 2-3-1 -->\n", bundle_data, AS_OF, "faq.md")
    assert '<a href="../calculator/#county=' in on_faq
    assert "](standards/532503.md)" in on_faq and "](standards/index.md)" in on_faq
    on_home = policy_notes.expand("<!-- rule: 2-1-1 -->\n", bundle_data, AS_OF, "index.md")
    assert '<a href="calculator/#county=' in on_home and "](policy/index.md#2-3-2)" in on_home
    on_policy = policy_notes.expand("<!-- rule: 2-1-1 -->\n", bundle_data, AS_OF, "policy/index.md")
    assert "](#2-3-2)" in on_policy


def test_an_indented_placeholder_gives_an_indented_note(bundle_data):
    out = policy_notes.expand("- 项目\n\n    <!-- rule: 2-4-1 -->\n", bundle_data, AS_OF, "policy/index.md")
    note_lines = out.split("\n")[2:]
    assert note_lines[0].startswith("    ??? note annotation")
    assert all(line == "" or line.startswith("    ") for line in note_lines)


def test_the_built_policy_page_has_the_notes_when_the_site_was_built():
    from conftest import SITE

    built = SITE / "policy" / "index.html"
    if not built.exists():
        pytest.skip("site/ not built")
    html = built.read_text(encoding="utf-8")
    assert html.count('class="note annotation"') == len(IMPLEMENTED)
    assert not re.search(r"<!--\s*rule:", html)


# --- in the browser: the links open the 测算 page and it computes the example ------------------------------------


NEXT_EXAMPLE = "hash => { document.getElementById('calc-result').innerHTML = ''; location.hash = hash; }"


@pytest.mark.browser
def test_the_example_links_of_the_built_page_open_the_calculator_on_their_example(browser, site_url, bundle):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    try:
        page.goto(site_url + "/policy/")
        hrefs = page.eval_on_selector_all("details.annotation a.rule-example", "links => links.map(a => a.href)")
        assert len(hrefs) == len(IMPLEMENTED)
        # follow the first link as a reader would: open its note, click
        page.click("details.annotation > summary")
        page.click("details.annotation a.rule-example")
        page.wait_for_url("**/calculator/#county=*")
        for number, href in enumerate(hrefs):
            if number:  # the others: the page listens for a new fragment (a saved link opened in the same tab)
                page.evaluate(NEXT_EXAMPLE, urlsplit(href).fragment)
            data = application_from_fragment(href)
            expected = assess(data, bundle)
            figures = {"single_cap": expected["single_cap"], "year_remaining": expected["year_remaining"],
                       "township_limit": expected["township_limit"]}
            page.wait_for_function(
                "figures => Object.entries(figures).every(([field, value]) => "
                "document.querySelector(`#calc-result [data-field=${field}]`)?.textContent === value)",
                arg=figures, timeout=90_000)
            shown = page.get_attribute("#calc-result [data-field=eligible]", "data-value")
            assert shown == ("true" if expected["eligible"] else "false"), href
            assert page.input_value("#f-county") == data["county"], href
            assert page.input_value("#f-date") == data["date"], href
    finally:
        context.close()
