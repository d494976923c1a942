"""What the 测算 page does not download (issue 18 item 3: nothing the calculator does not use).

``extra_css`` and ``extra_javascript`` in mkdocs.yml go on every page; the training pages' style sheet and script
(assets/training.css, assets/training.js: the self-checks of the 培训案例 pages) have nothing to do on the 测算 page,
where they were 3.6 KiB (brotli) and two requests of the first visit; nor has the standards pages' style sheet
(assets/standards.css, 1 KiB: cards, figures and charts that the 测算 page does not have). The hook removes their
tags from that page's HTML after the theme wrote it.
"""

from __future__ import annotations

UNUSED_ON_CALCULATOR = ('<link rel="stylesheet" href="../assets/training.css">',
                        '<script src="../assets/training.js" defer></script>',
                        # the county standards pages' cards, figures and charts (.std-*, .grid > .card): none here
                        '<link rel="stylesheet" href="../assets/standards.css">',
                        # wide tables made keyboard-scrollable: the 测算 page has none (its no-JavaScript table is
                        # shown only without JavaScript)
                        '<script src="../assets/tables.js" defer></script>')


def calculator_page(html: str) -> str:
    """The 测算 page's HTML without the tags of :data:`UNUSED_ON_CALCULATOR`. Raises ``ValueError`` when a tag is not
    there exactly once (the theme or mkdocs.yml changed how it is written: look again rather than ship it)."""
    for tag in UNUSED_ON_CALCULATOR:
        if html.count(tag) != 1:
            raise ValueError(f"测算页面中应恰好有一处 {tag}（sitebuild/page_weight.py）")
        html = html.replace(tag, "")
    return html
