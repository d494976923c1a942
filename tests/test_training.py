"""The 培训 section (sitebuild/training.py): built from the training cases, which are also scenario tests.

The training cases live in tests/scenarios/*.yaml (tests/scenarios/training.yaml) and run in
tests/test_scenarios.py and tests/test_pyodide_scenarios.py like every scenario. Here: the pages show every case
with working clause links, a case that disagrees with the calculator stops the build, the cases cover the rules,
and (marked ``browser``) the self-check works in chromium under the site's CSP, degrades without JavaScript, and
the case book prints with its answers open.
"""

from __future__ import annotations

import re
from html import escape

import pytest

from sitebuild import training
from sitebuild.markdown_text import markdown_prose
from sitebuild.scenarios import expected_fields, load_scenarios

CHAPTER_PAGES = {f"training/{c.slug}.md": c for c in training.CHAPTERS}


@pytest.fixture(scope="module")
def pages(bundle_data) -> dict[str, str]:
    return training.generated_pages(bundle_data, None)


@pytest.fixture(scope="module")
def cases(bundle_data) -> list[training.TrainingCase]:
    return training.checked_cases(bundle_data)


def _md_text(text: str) -> str:
    """How sitebuild.training writes a text of the calculator's into Markdown (escaped, otherwise as is)."""
    return markdown_prose(text)


def _case_text(text: str) -> str:
    """How sitebuild.training writes a text of a case's (story, question, name) into Markdown."""
    return training.prose_text(text)


# -- pages ---------------------------------------------------------------------------------------------------------

def test_every_training_case_of_every_scenario_file_appears_in_its_chapter_page_and_the_case_book_under_its_anchor(
        pages):
    training_cases = [c for c in load_scenarios() if "chapter" in c]
    assert training_cases, "no training case found in tests/scenarios/*.yaml"
    assert {c["file"] for c in training_cases} >= {"training.yaml"}
    for case in training_cases:
        chapter = training.CHAPTER_BY_NAME[case["chapter"]]
        page = pages[f"training/{chapter.slug}.md"]
        anchor = f"{{#{case['anchor']} .tc-case-title}}"
        assert page.count(anchor) == 1, f"{case['name']}: no heading with {anchor} in training/{chapter.slug}.md"
        assert _case_text(case["name"]) in page, case["name"]
        assert _case_text(case["story"]) in page, case["name"]
        assert _case_text(case["question"]) in page, case["name"]
        assert pages["training/casebook.md"].count(anchor) == 1, case["name"]
        link = f"]({chapter.slug}.md#{case['anchor']})"
        assert link in pages["training/by-clause.md"], case["name"]
        assert link in pages["training/by-rule.md"], case["name"]


def test_every_clause_a_training_case_cites_links_to_an_existing_clause_anchor_of_the_policy_page(pages, cases):
    source = training.POLICY_SOURCE.read_text(encoding="utf-8")
    anchors = set(re.findall(r"\{#([\w-]+)\}", source)) | set(re.findall(r"\{: #([\w-]+) \.clause \}", source))
    assert {"2-1-2", "2-2", "2-3-1", "2-4-3"} <= anchors
    for tc in cases:
        page = pages[f"training/{tc.chapter.slug}.md"]
        for clause in tc.case["clauses"]:
            assert clause in anchors, f"{tc.case['name']}: clause {clause} has no anchor in docs/policy/index.md"
            assert f"](../policy/index.md#{clause})" in page
        for reason in tc.result["reasons"]:
            assert reason["clause"] in anchors, reason
    for page in pages.values():
        for clause in re.findall(r"\]\(\.\./policy/index\.md#([\w-]+)\)", page):
            assert clause in anchors, clause


def test_the_worked_steps_are_the_calculators_reasons_procedure_referrals_and_warnings_for_the_case(pages, cases):
    for tc in cases:
        page = pages[f"training/{tc.chapter.slug}.md"]
        for reason in tc.result["reasons"]:
            line = f"{_md_text(reason['text'])} [第{reason['clause']}条 · {reason['rule']}]"
            assert line in page, (tc.case["name"], reason)
        for step in tc.result["procedure"]:
            assert _md_text(step["step"]) in page
        for referral in tc.result["referrals"]:
            assert f"**{_md_text(referral['scheme'])}**：{_md_text(referral['why'])}" in page
        for warning in tc.result["warnings"]:
            assert _md_text(warning["text"]) in page


def test_the_hand_worked_values_are_shown_as_their_arithmetic_and_result(pages):
    page = pages["training/limits.md"]
    assert "3 × 744 × 12 = **26784.00 元**" in pages["training/emergency.md"]
    assert "min(3 × 744 × 12, 6 × 744 × 12 − 40000) = **13568.00 元**" in page
    expenditure = pages["training/expenditure.md"]
    assert "(17603.99 − 4500) ÷ 6 ÷ 3 = **728.00 元**（精确值 727.999444…，比较时不先取整）" in expenditure
    assert "(17604 − 4500) ÷ 6 ÷ 3 = **728.00 元**" in expenditure


def test_a_training_case_whose_expected_values_disagree_with_the_calculator_stops_the_build_naming_the_case(
        bundle_data, monkeypatch):
    right = next(c for c in load_scenarios() if c.get("anchor") == "jn-2")
    wrong = dict(right, name="故意写错的案例：元阳县交通事故单次上限误按农村标准计算（第2-3-2条，I7）",
                 anchor="jn-wrong", expect=dict(right["expect"], single_cap="3 * 5343"))
    monkeypatch.setattr(training, "load_training_cases", lambda: [right, wrong])
    with pytest.raises(training.TrainingCaseError) as raised:
        training.generated_pages(bundle_data, None)
    message = str(raised.value)
    assert wrong["name"] in message
    assert "single_cap: expected '16029.00', got '25200.00'" in message
    assert right["name"] not in message  # only the case that disagrees is named


def test_a_malformed_training_case_stops_the_build_naming_the_case_and_what_is_wrong(bundle_data, monkeypatch):
    case = next(c for c in load_scenarios() if c.get("anchor") == "zc-1")
    bad = dict(case, name="章名写错的案例（第2-1-2条，I3）", chapter="支出型", anchor="zc-1b",
               clauses=["2-1-9"], self_check=[{"ask": "？", "field": "referrals"}])
    monkeypatch.setattr(training, "load_training_cases", lambda: [case, bad])
    with pytest.raises(training.TrainingCaseError) as raised:
        training.generated_pages(bundle_data, None)
    message = str(raised.value)
    assert bad["name"] in message
    assert "chapter '支出型'" in message
    assert "'2-1-9'" in message
    assert "field 'referrals' 不能作自测题" in message


def test_the_training_pages_run_no_inline_script_and_no_inline_event_handler(pages):
    for uri, page in pages.items():
        assert "<script" not in page.lower(), uri
        assert not re.search(r"<[^>]*\son[a-z]+\s*=", page, flags=re.IGNORECASE), uri
        assert "javascript:" not in page.lower(), uri


# -- coverage ------------------------------------------------------------------------------------------------------

def test_the_training_cases_together_cover_every_rule_both_types_every_emergency_severity_and_three_cases_a_chapter(
        cases):
    assert len(cases) >= 24
    taught = {rule for tc in cases for rule in tc.rules}
    assert taught >= {f"I{n}" for n in range(1, 12)}, sorted({f"I{n}" for n in range(1, 12)} - taught)
    assert {tc.result["type"] for tc in cases} == {"emergency", "expenditure"}
    severities = {tc.severity for tc in cases if tc.result["type"] == "emergency"}
    assert severities == {"light", "heavy", "major", None}
    for chapter in training.CHAPTERS:
        assert sum(tc.chapter is chapter for tc in cases) >= 3, chapter.name


def _money(text: str | None):
    from fractions import Fraction

    return None if text is None else Fraction(text)


def test_the_training_cases_show_every_threshold_on_both_sides_and_every_kind_of_household(cases):
    results = [tc.result for tc in cases]
    expenditure = [r for r in results if r["type"] == "expenditure"]
    # strictly below the dibao standard vs equal to it (I3)
    assert any(not r["eligible"] and _money(r["per_capita_monthly_income"]) == _money(r["dibao_standard_monthly"])
               for r in expenditure)
    assert any(r["eligible"] and r["per_capita_monthly_income"] == r["dibao_standard_monthly"] for r in expenditure)
    # cash: 1000.00 allowed, 1000.01 not (I9)
    assert any(r["amount"] == "1000.00" and r["cash_allowed"] for r in results)
    assert any(r["amount"] == "1000.01" and r["cash_allowed"] is False for r in results)
    # the township limit itself, and one fen above it (I8)
    assert any(r["amount"] == r["township_limit"] and r["approval_level"] == "township" for r in results)
    assert any(r["amount"] is not None and _money(r["amount"]) - _money(r["township_limit"]) == _money("0.01")
               and r["approval_level"] == "county" for r in results)
    # 3× and 6× the urban annual standard (I6, I7)
    assert any(_money(r["single_cap"]) == 3 * _money(r["urban_dibao_standard_annual"]) for r in results)
    assert any(r["case_by_case_max"] is not None
               and _money(r["case_by_case_max"]) == 6 * _money(r["urban_dibao_standard_annual"]) for r in results)
    # refusals: a third assistance in a year, the same event (I5)
    assert any(r["times_remaining"] == 0 and not r["eligible"] for r in results)
    assert any(r["same_event"] and not r["eligible"] for r in results)
    # the year boundary: an assistance on 31 December does not count on 1 January, one on 1 January does
    by_anchor = {tc.anchor: tc for tc in cases}
    boundary = [tc for tc in cases if any(p["date"][5:] in ("12-31", "01-01") for p in
                                          tc.case["input"].get("prior_assistance", []))]
    assert any(tc.case["input"]["date"].endswith("-01-01") for tc in boundary)
    assert any(tc.case["input"]["date"].endswith("-12-31") for tc in boundary)
    # cash vs account, referrals, dibao and tekun households, rural and urban
    assert any(r["cash_allowed"] for r in results) and any(r["cash_allowed"] is False for r in results)
    assert {r["payment"]["mode"] for r in results} == {"personal_account"}
    schemes = {x["scheme"] for r in results for x in r["referrals"]}
    assert schemes >= {"最低生活保障", "医疗救助", "教育救助", "住房救助", "司法救助（法律援助）",
                       "慈善组织、社会工作服务机构"}
    assert any(tc.case["input"].get("is_dibao") for tc in cases)
    assert any(tc.case["input"].get("is_tekun") for tc in cases)
    assert {r["residence"] for r in results} == {"urban", "rural"}
    # a county on the provincial floor (unverified) and 蒙自市 with its own figures
    assert any(any(w["kind"] == "province_floor" for w in r["warnings"]) for r in results)
    assert any(r["county"]["name"] == "蒙自市"
               and any(u["set_by"] == "county" and u["name"] == "城市低保标准" for u in r["standards_used"])
               for r in results)
    assert by_anchor  # every case has an anchor


def test_every_chapter_has_a_self_check_whose_answers_are_the_hand_worked_values(pages, cases):
    for chapter in training.CHAPTERS:
        mine = [tc for tc in cases if tc.chapter is chapter]
        items = training.quiz_items(mine)
        assert len(items) >= 2, chapter.name
        page = pages[f"training/{chapter.slug}.md"]
        assert "## 本章自测 {#self-check}" in page
        for item in items:
            expected = expected_fields(item["case"].case)[item["field"]]
            result = item["case"].result[item["field"]]
            assert result == expected  # the answer is the hand-worked value, which the calculator agrees with
            want = {True: "yes", False: "no"}.get(expected, str(expected)) if item["kind"] == "yesno" else str(expected)
            assert item["answer"] == want
            assert f'data-answer="{escape(want)}"' in page
        assert page.count('<div class="tc-quiz-form" hidden>') == len(items)
        assert page.count('??? note "看答案"') == len(items)


# -- in the browser ------------------------------------------------------------------------------------------------

def _open(browser, site_url, path, **context_args):
    context = browser.new_context(viewport={"width": 360, "height": 800}, **context_args)
    page = context.new_page()
    seen = {"console": [], "errors": [], "requests": []}
    page.on("console", lambda m: seen["console"].append(m.text))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("request", lambda r: seen["requests"].append(r.url))
    response = page.goto(site_url + path)
    if response is None or response.status != 200:
        context.close()
        pytest.fail(f"{path} is missing from the built site: rebuild site/ (scripts/check runs mkdocs build)")
    return context, page, seen


def _needs_training_assets(page, context):
    if page.locator("script[src$='assets/training.js']").count() == 0:
        context.close()
        pytest.fail("the page does not load assets/training.js: add it to extra_javascript in mkdocs.yml "
                    "(and assets/training.css to extra_css), then rebuild site/")


@pytest.mark.browser
def test_the_self_check_tells_right_from_wrong_and_reveals_the_worked_answer_under_the_sites_csp(browser, site_url):
    context, page, seen = _open(browser, site_url, "/training/expenditure/")
    _needs_training_assets(page, context)
    quiz = page.locator(".tc-quiz[data-kind=money]").first
    answer = quiz.get_attribute("data-answer")
    assert answer == "273.33"
    form = quiz.locator(".tc-quiz-form")
    assert form.is_visible()
    details = quiz.locator("details")
    assert details.get_attribute("open") is None
    verdict = quiz.locator(".tc-quiz-verdict")

    quiz.locator(".tc-quiz-check").click()
    assert verdict.inner_text() == "请先输入答案"
    quiz.locator(".tc-quiz-input").fill("375")
    quiz.locator(".tc-quiz-check").click()
    assert verdict.inner_text() == "再想想"
    assert quiz.get_attribute("data-state") == "wrong"
    assert details.get_attribute("open") is None
    quiz.locator(".tc-quiz-input").fill("２７３.３３ 元")  # full-width digits and a unit are accepted
    quiz.locator(".tc-quiz-input").press("Enter")
    assert verdict.inner_text() == "正确"
    assert quiz.get_attribute("data-state") == "right"
    assert details.get_attribute("open") is not None
    assert "(13800 − 4000 − 1600) ÷ 6 ÷ 5 = 273.33 元" in details.inner_text()

    yes_no = page.locator(".tc-quiz[data-kind=yesno]").first
    assert yes_no.get_attribute("data-answer") == "yes"
    yes_no.locator("input[value=no]").check()
    yes_no.locator(".tc-quiz-check").click()
    assert yes_no.locator(".tc-quiz-verdict").inner_text() == "再想想"
    yes_no.locator(".tc-quiz-check").click()  # a second wrong try shows the answer
    assert yes_no.locator("details").get_attribute("open") is not None
    yes_no.locator("input[value=yes]").check()
    yes_no.locator(".tc-quiz-check").click()
    assert yes_no.locator(".tc-quiz-verdict").inner_text() == "正确"

    assert page.url.endswith("/training/expenditure/")  # nothing was submitted
    origin = site_url.rstrip("/")
    assert all(url.startswith(origin) for url in seen["requests"]), seen["requests"]
    assert seen["errors"] == []
    assert not [m for m in seen["console"] if "Content Security Policy" in m or "Refused" in m], seen["console"]
    context.close()


@pytest.mark.browser
def test_the_approval_question_is_answered_by_choosing_township_or_county(browser, site_url):
    context, page, _ = _open(browser, site_url, "/training/approval-payment/")
    _needs_training_assets(page, context)
    quiz = page.locator(".tc-quiz[data-kind=choice]").first
    assert quiz.get_attribute("data-answer") == "township"
    quiz.locator("input[value=township]").check()
    quiz.locator(".tc-quiz-check").click()
    assert quiz.locator(".tc-quiz-verdict").inner_text() == "正确"
    context.close()


@pytest.mark.browser
def test_without_javascript_the_self_check_form_stays_hidden_and_every_answer_is_still_behind_details(
        browser, site_url):
    context, page, _ = _open(browser, site_url, "/training/limits/", java_script_enabled=False)
    quizzes = page.locator(".tc-quiz")
    assert quizzes.count() >= 2
    for i in range(quizzes.count()):
        quiz = quizzes.nth(i)
        assert not quiz.locator(".tc-quiz-form").is_visible()
        quiz.locator("details > summary").click()
        assert "答案：" in quiz.locator("details").inner_text()
    context.close()


@pytest.mark.browser
def test_the_case_book_prints_with_every_answer_open(browser, site_url):
    context, page, _ = _open(browser, site_url, "/training/casebook/", java_script_enabled=False)
    if page.locator("link[href$='assets/training.css']").count() == 0:
        context.close()
        pytest.fail("the page does not load assets/training.css: add it to extra_css in mkdocs.yml, rebuild site/")
    page.emulate_media(media="print")
    answers = page.locator("details.success")
    assert answers.count() >= 24
    for i in (0, answers.count() - 1):
        assert answers.nth(i).get_attribute("open") is None  # closed on screen …
        first_step = answers.nth(i).locator("ol > li").first
        assert first_step.bounding_box() is not None and first_step.bounding_box()["height"] > 0  # … shown in print
    assert page.locator(".md-content__inner > h1").is_visible()
    assert page.locator(".tc-story").first.is_visible()
    assert not page.locator(".tc-crumbs").first.is_visible()
    context.close()
