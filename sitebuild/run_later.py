"""The 测算 page runs page.js and the theme's script once the page is idle (issue 18: the first figure within 100 ms
of the first paint; docs/assets/calc/later.js says why and how).

Material for MkDocs ends every page with ``<script src="…/assets/javascripts/bundle.<hash>.min.js"></script>``.
On the 测算 page the hook puts ``assets/calc/later.js`` in its place, with the theme's address in ``data-theme``, and
preloads the theme's file in ``<head>``: it is downloaded as early as before, only run later. page.js has no script
tag of its own on that page (docs/calculator/index.md); ``overrides/calculator.html`` preloads it.
"""

from __future__ import annotations

import re

THEME_SCRIPT = re.compile(r'<script src="(\.\./assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
LOADER = "../assets/calc/later.js"
PAGE_SCRIPT = '<script type="module" src="../assets/calc/page.js"></script>'


def run_later(html: str) -> str:
    """The 测算 page's HTML (as the theme wrote it) with the theme's script run by :data:`LOADER` and preloaded.

    Raises ``ValueError`` when the theme's script tag or ``</head>`` is not there exactly once, or page.js has a
    script tag of its own (it would run twice): the theme or the page changed, look again rather than ship it.
    """
    found = THEME_SCRIPT.findall(html)
    if len(found) != 1 or html.count("</head>") != 1 or PAGE_SCRIPT in html:
        raise ValueError("测算页面中应恰好有一处主题脚本 assets/javascripts/bundle.*.min.js 和一处 </head>，"
                         "且 page.js 不应有自己的 script 标签（由 assets/calc/later.js 运行；sitebuild/run_later.py）")
    theme = found[0]
    html = THEME_SCRIPT.sub(f'<script src="{LOADER}" data-theme="{theme}"></script>', html)
    return html.replace("</head>", f'<link rel="preload" href="{theme}" as="script">\n</head>')
