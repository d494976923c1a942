"""Notes beside the policy text, generated at build time: ``<!-- rule: 2-3-1 -->`` placeholders in a page are
replaced by an annotation with the rule in plain words, its interpretation id and the figures per county.
First cut: placeholders are left as they are."""

from __future__ import annotations

import datetime as dt


def expand(markdown: str, bundle: dict, as_of: dt.date, page_uri: str) -> str:
    """``markdown`` with every rule placeholder replaced (page_uri: the page's src path, e.g. policy/index.md)."""
    return markdown
