"""The 测算 page runs the theme's script through assets/calc/theme-later.js, preloaded (sitebuild/theme_later.py)."""

from __future__ import annotations

import re

import pytest
from conftest import SITE

from sitebuild.theme_later import LOADER, theme_later

THEME = "../assets/javascripts/bundle.0123abcd.min.js"
PAGE = f"<html><head><title>测算</title></head><body><p>…</p>\n<script src=\"{THEME}\"></script>\n</body></html>"


def test_the_themes_script_tag_becomes_the_loader_with_the_themes_address_and_is_preloaded_in_the_head():
    html = theme_later(PAGE)
    assert f'<script src="{THEME}">' not in html
    assert f'<script src="{LOADER}" data-theme="{THEME}"></script>' in html
    head = html[:html.index("</head>")]
    assert f'<link rel="preload" href="{THEME}" as="script">' in head


@pytest.mark.parametrize("page", [PAGE.replace(THEME, "../assets/javascripts/other.js"),
                                  PAGE.replace("</body>", f'<script src="{THEME}"></script></body>'),
                                  PAGE.replace("</head>", "")],
                         ids=["no theme script", "two theme scripts", "no </head>"])
def test_a_page_whose_theme_script_or_head_is_not_there_exactly_once_stops_the_build(page):
    with pytest.raises(ValueError, match="sitebuild/theme_later.py"):
        theme_later(page)


def test_the_built_calculator_page_loads_the_theme_only_through_the_loader_and_other_pages_as_the_theme_wrote():
    calculator = (SITE / "calculator" / "index.html").read_text(encoding="utf-8")
    theme_tag = re.compile(r'<script src="[./]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')
    assert not theme_tag.search(calculator)
    loader = f'<script src="{LOADER}" data-theme="../assets/javascripts/bundle.'
    assert calculator.count(loader) == 1
    assert len(theme_tag.findall((SITE / "policy" / "index.html").read_text(encoding="utf-8"))) == 1
