"""Contacts of the county bureaus: several offices, a checked phone format, and “本县联系方式待县民政局补充”
(with a link to the clerks' guide on the site) where a county has none."""

from __future__ import annotations

import copy

import pytest
from conftest import ROOT

from calculator.standards import Bundle
from sitebuild import clerk_guide, contacts, standards_pages
from sitebuild.validate import check_documents
from sitebuild.yamlstrict import parse
from standards_tools import checks

MENGZI_TEXT = (ROOT / "standards" / "532503-mengzi.yaml").read_text(encoding="utf-8")
OFFICES = """
local:
  contact:
    - office: 蒙自市民政局社会救助股
      address: 蒙自市某某路 1 号
      phone: {phone}
      source: {{document: 蒙自市民政局网站“办事指南”, issuer: 蒙自市民政局, published: 2026-11-01}}
    - office: 蒙自市文澜街道便民服务中心
      address: 蒙自市某某街 2 号
      phone: "12345"
      source: {{document: 蒙自市政务服务网, issuer: 蒙自市人民政府, published: 2026-11-01}}
"""


@pytest.mark.parametrize(("phone", "ok"), [
    ("0873-3051234", True), ("0873-30512345", True), ("0873-3051234-801", True), ("13812345678", True),
    ("12345", True),
    ("0873-305123", False),        # 6 digits after the area code: one short
    ("0873-305123456", False),     # 9 digits: one too many
    ("1381234567", False),         # 10-digit mobile
    ("138123456789", False),       # 12-digit mobile
    ("08733051234", False), ("3051234", False), ("0873 3051234", False), ("0873-3051234、13812345678", False),
])
def test_a_phone_number_is_accepted_only_in_the_formats_the_site_shows(phone, ok):
    assert (checks.phone_problem(phone) is None) == ok


@pytest.mark.parametrize(("phone", "hint"), [
    ("08733051234", "多半应写成 0873-3051234"),
    ("3051234", "固定电话要带区号：红河州是 0873，写成 0873-3051234"),
])
def test_a_wrong_phone_says_what_was_probably_meant(phone, hint):
    assert hint in checks.phone_problem(phone)


def _problems(text: str):
    doc = parse(MENGZI_TEXT + text, "standards/532503-mengzi.yaml")
    return [p for p in check_documents([doc]) if p.severity == "error"]


def test_several_offices_with_dated_sources_are_accepted():
    assert _problems(OFFICES.format(phone="0873-3051234")) == []


def test_a_bad_phone_is_refused_at_its_line():
    text = OFFICES.format(phone="0873 3051234")
    problems = _problems(text)
    line = (MENGZI_TEXT + text).splitlines().index("      phone: 0873 3051234") + 1
    assert [(p.line, p.message[:21]) for p in problems] == [(line, "电话“0873 3051234”的写法不对")]


def test_an_office_whose_source_has_no_date_is_refused():
    text = OFFICES.format(phone="0873-3051234").replace(", published: 2026-11-01}", "}", 1)
    expected = "缺少“published”（发布日期，如 2025-06-15）。请在这一项下补上 published:。"
    assert [p.message for p in _problems(text)] == [expected]


def test_a_single_office_not_written_as_a_list_is_refused_with_the_list_form():
    text = "\nlocal:\n  contact:\n    office: 某办公室\n    address: 某地\n    phone: 0873-3051234\n" \
           "    source: {document: 某指南, issuer: 某局, published: 2026-11-01}\n"
    messages = [p.message for p in _problems(text)]
    assert messages == ["“contact”的写法不对：这里应是一个列表（每项以“- ”开头）；没有内容时写 []。"]


def test_the_county_page_lists_every_office_with_its_source_and_date(bundle_data):
    data = copy.deepcopy(bundle_data)
    data["counties"]["532503"]["local"] = parse(OFFICES.format(phone="0873-3051234"), "x.yaml").data["local"]
    page = standards_pages.county_page(data, "532503")
    assert "## 联系县市民政局 {#contact}" in page
    assert "- **蒙自市民政局社会救助股**：电话 0873-3051234，蒙自市某某路 1 号" in page
    assert "- **蒙自市文澜街道便民服务中心**：电话 12345，蒙自市某某街 2 号" in page
    assert "出处：蒙自市政务服务网（蒙自市人民政府，2026-11-01）" in page
    assert contacts.NO_CONTACT not in page


def test_a_county_without_contacts_says_so_and_links_to_the_clerks_guide_on_the_site(bundle_data, bundle: Bundle):
    assert all(not c.local.contact for c in bundle.counties.values())  # none is sourced yet
    page = standards_pages.county_page(bundle_data, "532525")
    assert ("本县联系方式待县民政局补充。县市民政局经办人员可按[更新指南](contributing.md)"
            "在 `standards/532525-shiping.yaml`") in page


def test_the_calculator_page_says_the_same_and_links_to_the_same_guide():
    script = (ROOT / "docs" / "assets" / "calc" / "page.js").read_text(encoding="utf-8")
    assert f'const NO_CONTACT = "{contacts.NO_CONTACT}";' in script
    assert 'new URL("../standards/contributing/", assetsURL)' in script
    assert 'html.push("<h3>联系县市民政局</h3>" + contactHTML(r.county.code));' in script


def test_the_clerks_guide_is_contributing_md_with_explicit_heading_ids_and_no_link_to_a_repository_file():
    page = clerk_guide.guide_page((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"))
    assert page.startswith("# 怎样更新本县市的低保标准（给县市民政局经办人员） {#guide}")
    assert "## 一、先准备好文件里的五样东西 {#guide-0}" in page
    assert "](standards/README.md)" not in page
    outside_code = page.split("```")[::2]  # the YAML example's comments start with # as well
    headings = [line for part in outside_code for line in part.splitlines() if line.startswith("#")]
    assert all("{#guide" in h for h in headings), headings
