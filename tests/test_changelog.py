"""The 标准更新记录 page lists the history written in the standards data, newest first, readable on a phone."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import yaml

from sitebuild import changelog

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 29)


def table_rows(page: str) -> list[str]:
    """The body rows of the page's table."""
    lines = page.splitlines()
    start = lines.index("| 日期和地区 | 调整内容和依据 |")
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def page_of(bundle: dict, as_of: dt.date = AS_OF) -> str:
    pages = changelog.generated_pages(bundle, as_of)
    assert list(pages) == ["standards/changes.md"]
    return pages["standards/changes.md"]


def test_the_2025_provincial_floor_change_is_listed_with_its_document(bundle_data):
    rows = table_rows(page_of(bundle_data))
    floor = [r for r in rows if r.startswith("| **2025-07-01**<br>[云南省指导标准](province.md) |")]
    assert floor == [
        "| **2025-07-01**<br>[云南省指导标准](province.md) | 城市 735 → 744 元/人·月（+1.2 %）<br>"
        "农村 6400 → 6720 元/人·年（+5.0 %）<br>依据：云民发〔2025〕40号 |"
    ]


def test_miles_2018_values_are_listed_as_the_first_record(bundle_data):
    rows = table_rows(page_of(bundle_data))
    mile = [r for r in rows if "[弥勒市](532504.md)" in r]
    assert mile == [
        "| **2018-07-01**<br>[弥勒市](532504.md) | 首次记录：<br>城市 557 元/人·月<br>农村 3500 元/人·年<br>"
        "依据：《红河州民政局关于提高2018年城乡低保等标准的通知》（弥勒市人民政府网站转引） |"
    ]


def test_rows_are_newest_first_and_the_prefecture_parameters_appear(bundle_data):
    rows = table_rows(page_of(bundle_data))
    dates = [row[len("| **"):len("| **2025-07-01")] for row in rows]
    assert dates == sorted(dates, reverse=True)
    assert dates[-1] == "2018-07-01"
    prefecture = next(r for r in rows if "红河州（州级参数）" in r)
    assert prefecture.startswith("| **2019-01-01**<br>红河州（州级参数） | 首次记录：")
    assert "单次救助金额上限：3 倍" in prefecture and "依据：红民社救〔2019〕5号" in prefecture


def test_unverified_values_say_so(bundle_data):
    rows = table_rows(page_of(bundle_data))
    row_2024 = next(r for r in rows if r.startswith("| **2024-07-01**"))
    assert "城市 728 → 735 元/人·月（+1.0 %），未核实" in row_2024


def test_a_new_county_value_appears_with_the_previous_value_and_the_change_in_percent(bundle_data):
    bundle = copy.deepcopy(bundle_data)
    bundle["counties"]["532503"]["dibao"]["urban"]["values"].append({
        "effective": "2026-07-01", "amount": "770", "status": "verified",
        "source": {"document": "蒙自市民政局关于提高2026年城乡低保标准的通知", "issuer": "蒙自市民政局",
                   "url": "https://example.invalid/notice"},
    })
    rows = table_rows(page_of(bundle, dt.date(2026, 6, 30)))
    assert rows[0] == (
        "| **2026-07-01**（尚未生效）<br>[蒙自市](532503.md) | 城市 744 → 770 元/人·月（+3.5 %）<br>"
        "依据：[蒙自市民政局关于提高2026年城乡低保标准的通知](https://example.invalid/notice) |"
    )
    assert "尚未生效" not in "".join(rows[1:])


def test_text_from_the_data_cannot_break_the_table(bundle_data):
    bundle = copy.deepcopy(bundle_data)
    for series in ("urban", "rural"):
        bundle["counties"]["532503"]["dibao"][series]["values"][0]["source"]["document"] = "甲|乙 *丙* <b>丁</b>\n戊"
    rows = table_rows(page_of(bundle))
    assert len(rows) == len(table_rows(page_of(bundle_data)))
    row = next(r for r in rows if "[蒙自市](532503.md)" in r)
    assert "甲\\|乙 \\*丙\\* &lt;b&gt;丁&lt;/b&gt; 戊" in row
    assert all(r.count(" | ") == 1 for r in rows)  # two columns on every row: fits a phone


def test_the_page_is_in_the_navigation_and_made_by_the_site_hook():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    standards = next(item["各县标准"] for item in config["nav"] if isinstance(item, dict) and "各县标准" in item)
    assert {"标准更新记录": "standards/changes.md"} in standards
    hook = (ROOT / "hooks" / "site_assets.py").read_text(encoding="utf-8")
    generators = hook.split("GENERATORS = (", 1)[1].split(")", 1)[0]
    assert "changelog" in [name.strip() for name in generators.split(",")]
