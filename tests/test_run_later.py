"""The 测算 page runs page.js and the theme's script through assets/calc/later.js once idle, both preloaded
(sitebuild/run_later.py)."""

from __future__ import annotations

import re

import pytest
from conftest import SITE

from sitebuild.run_later import LOADER, PAGE_SCRIPT, run_later

THEME = "../assets/javascripts/bundle.0123abcd.min.js"
PAGE = f"<html><head><title>测算</title></head><body><p>…</p>\n<script src=\"{THEME}\"></script>\n</body></html>"


def test_the_themes_script_tag_becomes_the_loader_with_the_themes_address_and_is_preloaded_in_the_head():
    html = run_later(PAGE)
    assert f'<script src="{THEME}">' not in html
    assert f'<script src="{LOADER}" data-theme="{THEME}"></script>' in html
    head = html[:html.index("</head>")]
    assert f'<link rel="preload" href="{THEME}" as="script">' in head


@pytest.mark.parametrize("page", [PAGE.replace(THEME, "../assets/javascripts/other.js"),
                                  PAGE.replace("</body>", f'<script src="{THEME}"></script></body>'),
                                  PAGE.replace("</head>", ""),
                                  PAGE.replace("<p>…</p>", PAGE_SCRIPT)],
                         ids=["no theme script", "two theme scripts", "no </head>", "page.js with a tag of its own"])
def test_a_page_whose_theme_script_or_head_is_not_there_exactly_once_or_that_runs_page_js_itself_stops_the_build(page):
    with pytest.raises(ValueError, match="sitebuild/run_later.py"):
        run_later(page)


def test_the_built_calculator_page_runs_the_theme_and_page_js_only_through_the_loader_and_preloads_both():
    calculator = (SITE / "calculator" / "index.html").read_text(encoding="utf-8")
    theme_tag = re.compile(r'<script src="[./]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js"></script>')
    assert not theme_tag.search(calculator)
    assert PAGE_SCRIPT not in calculator
    loader = f'<script src="{LOADER}" data-theme="../assets/javascripts/bundle.'
    assert calculator.count(loader) == 1
    head = calculator[:calculator.index("</head>")]
    assert '<link rel="modulepreload" href="../assets/calc/page.js">' in head
    theme_preload = r'<link rel="preload" href="\.\./assets/javascripts/bundle\.[0-9a-f]+\.min\.js" as="script">'
    assert re.search(theme_preload, head)
    # every other page runs the theme as the theme wrote it
    assert len(theme_tag.findall((SITE / "policy" / "index.html").read_text(encoding="utf-8"))) == 1
