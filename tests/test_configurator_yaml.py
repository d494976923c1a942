"""The 配置 page's YAML writer (standards_tools.configurator) writes text that every loader reads back the same: PyYAML
``safe_load`` (YAML 1.1), ruamel.yaml (YAML 1.2, pinned) and the project's own reader (sitebuild.yamlstrict).
Values a loader would read as another type (0x1F → 31, 0o17 → 15, .inf, 2026-07-01 10:00:00 …) or refuse
(``=``, ``<<``) are quoted; plain text stays plain."""

from __future__ import annotations

import io

import pytest
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from sitebuild.yamlstrict import parse
from standards_tools import yaml_edit

MENGZI = (ROOT / "standards" / "532503-mengzi.yaml").read_text(encoding="utf-8")
SOURCE_KEYS = ("document", "issuer", "note", "url")
YAML12 = YAML(typ="safe", pure=True)


def _entry(**source: str) -> dict:
    return {"effective": "2026-07-01", "amount": "800", "status": "verified", "source": source}


def _read_back(text: str) -> list[dict]:
    """The new entry's source as read by each loader: PyYAML (1.1), ruamel.yaml (1.2), the project's reader."""
    entries = [
        yaml.safe_load(text)["dibao"]["urban"]["values"],
        YAML12.load(io.StringIO(text))["dibao"]["urban"]["values"],
        parse(text).data["dibao"]["urban"]["values"],
    ]
    return [dict(values[1]["source"]) for values in entries]


ISSUE_CASES = ["0x1F", "0b101", ".inf", ".NaN", "2026-07-01 10:00:00", "0o17", "=", "<<", "017", "1_000", "1:30",
               "yes", "Off", "~", "null", "6.8e+3", "-.INF", "2026-07-01"]


@pytest.mark.parametrize("value", ISSUE_CASES)
def test_a_text_that_a_loader_would_read_as_another_type_is_quoted_and_read_back_as_written(value):
    written = yaml_edit.yaml_scalar("issuer", value)
    assert written.startswith('"'), written
    new = yaml_edit.add_dibao_value(MENGZI, "urban", _entry(document="某通知", issuer=value))
    for source in _read_back(new):
        assert source["issuer"] == value


@pytest.mark.parametrize("value", ["云南省民政厅", "云民发〔2025〕40号", "https://www.hhml.gov.cn/info/67921/141351.htm",
                                   "0873 民政局", "第 3 条"])
def test_ordinary_text_stays_plain(value):
    assert yaml_edit.yaml_scalar("document", value) == value


def test_dates_and_amounts_of_the_standards_own_form_stay_plain_as_in_every_file():
    assert yaml_edit.yaml_scalar("effective", "2026-07-01") == "2026-07-01"
    assert yaml_edit.yaml_scalar("amount", "744.50") == "744.50"
    assert yaml_edit.yaml_scalar("ratio", "0.5") == "0.5"
    assert yaml_edit.yaml_scalar("amount", "0x1F").startswith('"')  # not an amount of the standards' form: quoted


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40)
TRICKY = st.sampled_from(ISSUE_CASES + ["- x", "a: b", "a #b", "x:", "'q'", '"q"', "%x", "@x", "`x", "!x", "&a", "*a",
                                        "|", ">", "[", "{", "#", "?", " x", "x ", "\t", "\u3000x", "…", "---", "..."])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({key: st.one_of(TEXT, TRICKY) for key in SOURCE_KEYS}))
@example({"document": "0x1F", "issuer": "=", "note": "<<", "url": "2026-07-01 10:00:00"})
def test_generated_text_round_trips_through_the_writer_with_pyyaml_ruamel_and_the_projects_reader(source):
    new = yaml_edit.add_dibao_value(MENGZI, "urban", _entry(**source))
    for read in _read_back(new):
        assert read == source
