"""One vocabulary (calculator/vocabulary.py, standards_tools/form_labels.py): the forms' options are rendered from it,
the page scripts get its words as JSON, and no copy of a label table is left in the scripts or the Markdown."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from calculator import vocabulary
from calculator.application import decide_type
from calculator.vocabulary import CAUSE_NAMES, SEVERITY_NAMES, TYPE_NAMES
from sitebuild import vocabulary_html
from standards_tools import configurator, form_labels, yaml_edit

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SCRIPTS = sorted((DOCS / "assets").rglob("*.js"))
CALCULATOR_MD = DOCS / "calculator" / "index.md"
CONFIGURATOR_MD = DOCS / "configurator" / "index.md"


def _values() -> set[str]:
    """Every value of the vocabulary (the keys a label table would map to words)."""
    tables = (vocabulary.RESIDENCES, vocabulary.TYPES, vocabulary.CAUSES, vocabulary.SEVERITIES,
              vocabulary.APPROVAL_LEVELS, vocabulary.DIBAO_SERIES, vocabulary.STATUSES, form_labels.SERIES)
    values = {term.value for table in tables for term in table}
    return values | {value for value, _text in form_labels.BASES} | {c.code for c in vocabulary.COUNTIES}


def _words() -> set[str]:
    """Every word of the vocabulary that a script or page could repeat (names, short names, option texts, units)."""
    words: set[str] = set()
    for table in (vocabulary.RESIDENCES, vocabulary.CAUSES, vocabulary.SEVERITIES, vocabulary.APPROVAL_LEVELS,
                  vocabulary.DIBAO_SERIES, vocabulary.STATUSES):
        for term in table:
            words |= {term.name} | {getattr(term, key) for key in ("short", "option", "unit", "action", "detail")
                                    if hasattr(term, key)}
    for kind in vocabulary.TYPES:
        words |= {kind.name, kind.lead, kind.option, kind.summary}
    for county in vocabulary.COUNTIES:
        words |= {county.name, *county.short}
    for series in form_labels.SERIES:
        words |= {series.name, series.option, series.amount_label, series.amount_help, series.amount_placeholder}
    words |= {text for _value, text in form_labels.BASES} | set(form_labels.FIELD_LABEL.values())
    return words


STRING_LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'')


def _label_tables(paths: list[Path]) -> list[str]:
    """What in ``paths`` looks like a copy of the vocabulary: an object entry keyed by a vocabulary value with a
    string or list value (``township: "…"``), a string literal that is one of its words, a county code."""
    values = "|".join(sorted(map(re.escape, _values()), key=len, reverse=True))
    table_entry = re.compile(rf'[{{,]\s*["\']?({values})["\']?\s*:\s*["\'`\[]')
    found = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        found += [f"{path.name}: {m.group(0).strip('{, ')}" for m in table_entry.finditer(text)]
        literals = {a or b for a, b in STRING_LITERAL.findall(text)}
        found += [f"{path.name}: 「{word}」" for word in sorted(literals & _words())]
        found += [f"{path.name}: 「{word}」" for word in sorted(literals) if re.fullmatch(r"5325\d\d", word)]
    return found


def test_no_page_script_keeps_a_label_table_or_a_word_of_the_vocabulary():
    assert _label_tables(SCRIPTS) == []


def test_the_check_above_finds_a_label_table_a_word_and_a_county_code_when_there_is_one(tmp_path):
    old = tmp_path / "old.js"
    old.write_text('const LEVELS = { township: "乡镇（街道）审批", county: "县级民政部门审批" };\n'
                   "const UNIT = '元/人·月'; const HOME = \"532503\"; // a ternary is not a table: x ? \"a\" : \"b\"\n",
                   encoding="utf-8")
    assert _label_tables([old]) == [
        'old.js: township: "', 'old.js: county: "', "old.js: 「乡镇（街道）审批」", "old.js: 「元/人·月」",
        "old.js: 「县级民政部门审批」", "old.js: 「532503」",
    ]


HAND_WRITTEN = re.compile(r'<option\s+value="([^"]*)"|<input[^>]*type="radio"[^>]*value="([^"]*)"')


def test_no_markdown_page_writes_an_option_or_radio_of_the_vocabulary_by_hand():
    found = []
    for path in sorted(DOCS.rglob("*.md")):
        for a, b in HAND_WRITTEN.findall(path.read_text(encoding="utf-8")):
            if (a or b) in _values():
                found.append(f"{path.relative_to(ROOT)}: {a or b}")
    assert found == []


class _Form(HTMLParser):
    """The options of each ``<select>`` and the radios of each group, by field name, in order:
    ``{name: [(value, text, checked)]}``."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, list] = {}
        self.select = None
        self.open: list | None = None  # the option or radio whose text is being read

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "select":
            self.select = a["name"]
            self.fields[self.select] = []
        elif tag == "option" and self.select:
            self.open = [a["value"], "", "selected" in a]
            self.fields[self.select].append(self.open)
        elif tag == "input" and a.get("type") == "radio":
            self.open = [a["value"], "", "checked" in a]
            self.fields.setdefault(a["name"], []).append(self.open)

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        if tag in ("option", "label"):
            self.open = None

    def handle_data(self, data):
        if self.open is not None:
            self.open[1] += data


def _form(path: Path) -> dict:
    parser = _Form()
    parser.feed(vocabulary_html.expand(path.read_text(encoding="utf-8"), path.name))
    return {name: [tuple(item) for item in items] for name, items in parser.fields.items()}


def test_the_calculator_forms_options_and_radios_are_the_vocabulary_in_its_order():
    form = _form(CALCULATOR_MD)
    assert form["county"] == [("", "请选择", False)] + [(c.code, c.name, False) for c in vocabulary.COUNTIES]
    assert form["residence"] == [("urban", " 城市（城镇居民）", False), ("rural", " 农村", False)]
    assert form["type"] == [
        ("emergency", " 突发事件：火灾、交通事故、溺水、人身伤害、家人突发重病等，生活马上有困难（急难型）", False),
        ("expenditure", " 支出太大：看病、上学等必需支出让家里收入不够基本生活（支出型）", True),
    ]
    assert form["emergency_cause"] == [("", "请选择", False)] + [(v, n, False) for v, n in CAUSE_NAMES.items()]
    assert [v for v, _t, _c in form["severity"]] == ["", *SEVERITY_NAMES]
    assert form["severity"][1] == ("light", "较轻，需要的救助金额较小", False)


def test_the_configurator_forms_options_and_radios_are_the_vocabulary_in_its_order():
    form = _form(CONFIGURATOR_MD)
    assert form["county"] == [("", "请选择", False)] + [(c.code, c.name, False) for c in vocabulary.COUNTIES]
    assert form["series"] == [
        ("urban", " 城市低保标准（元/人·月）", True),
        ("rural", " 农村低保标准（元/人·年）", False),
        ("township_limit", " 乡镇（街道）审批额度（第 2-2-3 条）", False),
    ]
    assert [v for v, _t, c in form["basis"] if c] == ["ratio"]
    assert form["status"] == [
        ("", "请选择", False),
        ("verified", "verified：已核实（数值和生效日期都见于所注来源）", False),
        ("unverified", "unverified：未核实（数值或日期是推定的，或来源归属不确定）", False),
    ]
    page = vocabulary_html.expand(CONFIGURATOR_MD.read_text(encoding="utf-8"), "x")
    assert '<label for="cf-amount" id="cf-amount-label">城市低保标准（amount，元/人·月）</label>' in page
    assert 'placeholder="例如 800"' in page


def test_an_unknown_placeholder_is_refused_with_the_page_named():
    message = "页面.md：未知的占位符 <!-- vocabulary:county-option -->"
    with pytest.raises(vocabulary_html.VocabularyError, match=message):
        vocabulary_html.expand("<!-- vocabulary:county-option -->", "页面.md")


def test_the_engines_values_and_names_are_the_vocabularys():
    assert TYPE_NAMES == {"emergency": "急难型", "expenditure": "支出型"}
    assert decide_type({"emergency_cause": "fire"}) == "emergency"
    assert decide_type({}) == "expenditure"
    assert yaml_edit.SERIES == tuple(s.value for s in form_labels.SERIES)
    assert [c.short for c in vocabulary.COUNTIES if c.code == "532523"] == [("屏边", "屏边县")]
    assert len(vocabulary.COUNTIES) == 13 and len(vocabulary.COUNTY_NAMES) == 13


WORDS_USED = re.compile(r"\b(WORDS|words|FORM)\.([a-z_]+)(?:\.([a-z_]+))?")


def test_the_page_scripts_get_every_word_they_use_from_the_json():
    data = {"WORDS": vocabulary.as_json_dict(), "words": vocabulary.as_json_dict(),
            "FORM": {**form_labels.as_json_dict(), "periods": {}}}
    used = []
    for path in SCRIPTS:
        for owner, key, sub in WORDS_USED.findall(path.read_text(encoding="utf-8")):
            used.append((owner, key))
            assert key in data[owner], f"{path.name}: {owner}.{key}"
            if sub and key != "periods":
                assert sub in data[owner][key], f"{path.name}: {owner}.{key}.{sub}"
    assert ("WORDS", "approval_level") in used and ("FORM", "fields") in used
    words, form = vocabulary.as_json_dict(), form_labels.as_json_dict()
    # every value the calculator's result can hold, and every field the configurator can name in an error
    assert set(words["approval_level"]) == set(words["approval_office"]) == {"township", "county"}
    assert set(words["status"]) == {"verified", "unverified"}
    assert set(form["series"]) == set(yaml_edit.SERIES)
    assert set(configurator.ENTRY_FIELDS) - {"amount"} | {"file"} == set(form["fields"])


def test_the_configurators_floor_and_ratio_periods_hold_the_value_in_force_on_every_day_of_them(bundle):
    periods = vocabulary_html.configurator_periods(bundle)
    series = {"urban": bundle.floor_urban, "rural": bundle.floor_rural}
    for kind, found in series.items():
        listed = periods["floor"][kind]
        assert len(listed) == len(found.values)
        for period, following in zip(listed, listed[1:] + [None], strict=True):
            start = dt.date.fromisoformat(period["from"])
            assert found.in_force(start).text == period["amount"]
            assert found.in_force(start - dt.timedelta(days=1)) is not found.in_force(start)
            if following is None:
                assert period["to"] is None
            else:
                end = dt.date.fromisoformat(period["to"])
                assert end + dt.timedelta(days=1) == dt.date.fromisoformat(following["from"])
                assert found.in_force(end).text == period["amount"]
    # the Yunnan urban floor: 735 元 from 2024-07-01, 744 元 from 2025-07-01 (云民发〔2025〕40号)
    urban = {p["from"]: p for p in periods["floor"]["urban"]}
    assert (urban["2024-07-01"]["amount"], urban["2024-07-01"]["to"]) == ("735", "2025-06-30")
    assert (urban["2025-07-01"]["amount"], urban["2025-07-01"]["to"]) == ("744", None)
    assert periods["township_limit_ratio"] == [{"from": "2019-01-01", "to": None, "value": "0.5"}]


def test_the_json_for_the_scripts_keeps_the_tables_order(bundle):
    """The 配置 page lists a county's series in the order of the JSON: 城市 before 农村, as the form does."""
    script = vocabulary_html.configurator_script(bundle)
    words = json.loads(re.search(r'id="vocabulary">(.*?)</script>', script).group(1))
    form = json.loads(re.search(r'id="configurator-vocabulary">(.*?)</script>', script).group(1))
    assert list(words["series"]) == ["urban", "rural"]
    assert list(words["counties"]) == [c.code for c in vocabulary.COUNTIES]
    assert list(form["series"]) == ["urban", "rural", "township_limit"]
