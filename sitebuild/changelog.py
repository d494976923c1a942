"""The 更新记录 page, generated from the standards' history. First cut: a placeholder."""

from __future__ import annotations

import datetime as dt


def generated_pages(bundle: dict, as_of: dt.date) -> dict[str, str]:
    """``{src_uri: markdown}`` of the change-log page(s)."""
    return {"standards/changes.md": "# 标准更新记录\n\n整理中。\n"}
