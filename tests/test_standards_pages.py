"""The generated 各县标准 pages (sitebuild/standards_pages.py): figures worked out by hand, badges, charts,
determinism."""

from __future__ import annotations

import copy
import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from calculator.rules import StandardMissing
from calculator.standards import Bundle
from sitebuild import standards_pages

SVG_NS = "{http://www.w3.org/2000/svg}"
CODES = ["532501", "532502", "532503", "532504", "532523", "532524", "532525", "532527", "532528", "532529",
         "532530", "532531", "532532"]


def card(overview: str, code: str) -> str:
    """The overview's card for one county: from its heading to the end of its block."""
    start = overview.index(f"]({code}.md)")
    return overview[start:overview.index("</div>", start)]


def figure(card_text: str, label: str) -> str:
    found = re.search(rf"<dt>{label}</dt><dd>([^<]*)</dd>", card_text)
    assert found, f"{label} missing in card:\n{card_text}"
    return found.group(1)


def svg_of(page: str) -> ET.Element:
    found = re.search(r"<svg\b.*?</svg>", page, re.S)
    assert found, "no inline SVG on the page"
    return ET.fromstring(found.group(0))


@pytest.fixture(scope="module")
def generated(bundle_data) -> dict[str, str]:
    return standards_pages.generated_pages(bundle_data)


def test_the_overview_lists_all_thirteen_counties_each_linking_to_its_own_page(generated, bundle_data):
    overview = generated["standards/index.md"]
    assert sorted(bundle_data["counties"]) == CODES
    for code in CODES:
        name = bundle_data["counties"][code]["name"]
        assert f"### [{name}]({code}.md)" in overview
        assert f"standards/{code}.md" in generated
    assert "standards/province.md" in generated
    assert overview.count('<div class="card" markdown>') == 13


def test_without_a_reference_date_the_pages_use_the_newest_effective_date_in_the_data(generated, bundle_data):
    assert standards_pages.newest_effective_date(bundle_data) == dt.date(2025, 7, 1)
    assert "按 **2025-07-01** 在用的标准" in generated["standards/index.md"]
    assert "2025-07-01 是数据中最新的生效日期" in generated["standards/index.md"]
    assert "按 **2025-07-01** 在用的标准" in generated["standards/532503.md"]


def test_mengzi_on_2025_07_01_shows_744_and_6720_and_the_caps_worked_out_by_hand(bundle_data):
    mengzi = card(standards_pages.standards_overview(bundle_data, "2025-07-01"), "532503")
    assert figure(mengzi, "城市低保") == "744 元/人·月"
    assert figure(mengzi, "农村低保") == "6720 元/人·年"
    assert figure(mengzi, "单次救助上限") == "26784.00 元"  # 3 × 744 × 12
    assert figure(mengzi, "全年累计上限") == "53568.00 元"  # 6 × 744 × 12
    # 2025 applications: 50 % × the urban annual standard in force on 2024-12-31, the floor's 735
    assert figure(mengzi, "乡镇审批额度") == "4410.00 元"  # 0.5 × 735 × 12
    assert "本市标准，来源未核实" in mengzi
    assert 'class="badge unverified">未核实' in mengzi


def test_the_township_limit_for_a_reference_date_in_2026_uses_744_in_force_on_31_december_2025(bundle_data):
    mengzi = card(standards_pages.standards_overview(bundle_data, dt.date(2026, 3, 1)), "532503")
    assert figure(mengzi, "乡镇审批额度") == "4464.00 元"  # 0.5 × 744 × 12
    assert figure(mengzi, "单次救助上限") == "26784.00 元"
    assert "按 **2026-03-01** 在用的标准" in standards_pages.standards_overview(bundle_data, "2026-03-01")


def test_gejiu_shows_the_provincial_floor_marked_unverified(bundle_data):
    gejiu = card(standards_pages.standards_overview(bundle_data, "2025-07-01"), "532501")
    assert figure(gejiu, "城市低保") == "744 元/人·月"
    assert figure(gejiu, "农村低保") == "6720 元/人·年"
    assert "按省级指导标准，本市标准未核实" in gejiu
    assert 'class="badge unverified">未核实' in gejiu
    assert "已核实" not in gejiu
    assert "云民发〔2025〕40号（省级指导标准）" in gejiu


def test_gejiu_on_2023_01_01_uses_the_2022_floor_of_700_and_5343(bundle_data):
    gejiu = card(standards_pages.standards_overview(bundle_data, "2023-01-01"), "532501")
    assert figure(gejiu, "城市低保") == "700 元/人·月"
    assert figure(gejiu, "农村低保") == "5343 元/人·年"
    assert figure(gejiu, "单次救助上限") == "25200.00 元"  # 3 × 700 × 12
    assert figure(gejiu, "全年累计上限") == "50400.00 元"  # 6 × 700 × 12
    assert figure(gejiu, "乡镇审批额度") == "4200.00 元"  # 0.5 × 700 × 12 (in force on 2022-12-31)
    assert "最近调整：2022-07-01" in gejiu


def test_every_card_shows_the_figure_that_bundle_dibao_applies(bundle_data):
    b = Bundle.from_dict(bundle_data)
    on = dt.date(2024, 9, 1)
    overview = standards_pages.standards_overview(bundle_data, on)
    for code in CODES:
        county = b.counties[code]
        c = card(overview, code)
        assert figure(c, "城市低保") == f"{b.dibao(county, 'urban', on).value.text} 元/人·月"
        assert figure(c, "农村低保") == f"{b.dibao(county, 'rural', on).value.text} 元/人·年"


def test_the_mile_page_shows_its_2018_figures_and_the_floor_from_2019_07_01(generated):
    mile = generated["standards/532504.md"]
    assert "2018-07-01 起 557 元/人·月" in mile
    assert "2018-07-01 起 3500 元/人·年" in mile
    assert "| 2018-07-01 | 557（本市） | 3500（本市） |" in mile
    assert "| 2019-07-01 | 610（省级） | 4200（省级） |" in mile
    assert "2019-07-01 起按省级指导标准" in mile
    assert "低于同期省级指导标准" in mile
    assert "| 2025-07-01 | 744（省级） | 6720（省级） |" in mile


def test_a_county_page_lists_the_township_limit_for_every_year_worked_out_by_hand(generated):
    mengzi = generated["standards/532503.md"]
    assert "| 2019 | 557 × 12 × 50% | 3342.00 |" in mengzi
    assert "| 2025 | 735 × 12 × 50% | 4410.00 |" in mengzi
    assert "| 2026（按现有数据） | 744 × 12 × 50% | 4464.00 |" in mengzi


def test_a_county_page_names_its_data_file_and_how_to_correct_it(generated):
    mengzi = generated["standards/532503.md"]
    assert "`standards/532503-mengzi.yaml`" in mengzi
    assert "pull request" in mengzi
    assert "standards/README.md" in mengzi
    assert "蒙自市2025年度社会救助工作总结（市政府网站）（蒙自市人民政府）" in mengzi
    assert "网页属蒙自市系根据域名和措辞推断" in mengzi
    assert "没有 `local:` 部分" in mengzi


def test_every_county_page_and_the_province_page_hold_a_well_formed_svg_chart_with_a_title(generated, bundle_data):
    for code in CODES:
        svg = svg_of(generated[f"standards/{code}.md"])
        title = svg.find(f"{SVG_NS}title")
        assert title is not None and bundle_data["counties"][code]["name"] in title.text
        assert svg.find(f"{SVG_NS}desc") is not None
        assert svg.get("viewBox") and svg.get("width") == "100%" and svg.get("role") == "img"
        assert svg.get("aria-labelledby") == f"chart-{code}-title chart-{code}-desc"
        assert len(svg.findall(f"{SVG_NS}path")) >= 2
    assert svg_of(generated["standards/province.md"]).find(f"{SVG_NS}title") is not None


def test_the_chart_plots_what_the_calculator_applies_including_the_rural_monthly_equivalent(generated):
    desc = svg_of(generated["standards/532504.md"]).find(f"{SVG_NS}desc").text
    assert "2018-07-01 起 557，2019-07-01 起 610" in desc  # own figure, then the floor
    assert "2022-07-01 起 445.25" in desc  # 5343 ÷ 12
    assert "2018-07-01 起 291.67" in desc  # 3500 ÷ 12, half-up to the fen


def test_the_province_page_lists_the_floor_with_sources_and_marks_the_2024_date_as_inferred_not_unverified(generated):
    province = generated["standards/province.md"]
    assert "| 2024-07-01 | 735（生效日期推定） | 6400（生效日期推定） |" in province
    assert "生效日期按同年通知“自2024年7月起”的说法和此前各年7月1日调标的惯例推定。" in province
    assert "云民发〔2024〕58号（云南省民政厅，2024-06-14 发布）" in province
    assert "云民发〔2023〕72号（云南省民政厅，2023-06-15 发布）" in province
    assert "`standards/yunnan-floor.yaml`" in province


def test_generating_twice_gives_identical_text(bundle_data):
    first = standards_pages.generated_pages(bundle_data)
    second = standards_pages.generated_pages(copy.deepcopy(bundle_data))
    assert first == second
    assert standards_pages.generated_pages(bundle_data, "2025-07-01") == first


def test_a_local_fixed_township_limit_is_shown_and_used(bundle_data):
    data = copy.deepcopy(bundle_data)
    data["counties"]["532524"]["local"] = {
        "township_limit": [{"effective": "2025-01-01", "status": "verified", "basis": "fixed", "amount": "5000",
                            "source": {"document": "建水县临时救助实施细则", "issuer": "建水县民政局"}}],
    }
    out = standards_pages.generated_pages(data, "2025-07-01")
    assert figure(card(out["standards/index.md"], "532524"), "乡镇审批额度") == "5000.00 元"
    page = out["standards/532524.md"]
    assert "固定额度 5000.00 元" in page
    assert "建水县临时救助实施细则（建水县民政局）" in page


def test_text_from_the_data_is_escaped_for_markdown_and_html(bundle_data):
    data = copy.deepcopy(bundle_data)
    data["counties"]["532503"]["dibao"]["urban"]["values"][0]["source"]["note"] = "<script>x</script> *a* [b]"
    page = standards_pages.generated_pages(data)["standards/532503.md"]
    assert "<script>" not in page
    assert "&lt;script&gt;x&lt;/script&gt; \\*a\\* \\[b\\]" in page


def test_a_reference_date_before_the_first_standard_is_refused(bundle_data):
    with pytest.raises(StandardMissing):
        standards_pages.generated_pages(bundle_data, "2018-01-01")


def test_jianshuis_page_shows_its_sourced_amounts_with_their_inferred_dates(generated):
    page = generated["standards/532524.md"]
    assert "2023-07-01 起 728 元/人·月" in page
    assert "2022-07-01 起 700 元/人·月" in page
    assert "《建水县2023年城乡低保特困人员孤儿基本生活保障标准》（建水县人民政府办公室，2023-09-06 发布）" in page
    assert "生效日期按云民发〔2023〕72号（省级标准自2023-07-01起执行）推定。" in page
    assert "（未核实）" not in page.split("## 本地细化规定")[0].split("出处")[0]
