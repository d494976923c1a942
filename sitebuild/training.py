"""The 培训 section, generated from the scenario files (tests/scenarios/*.yaml). First cut: an index only."""

from __future__ import annotations

import datetime as dt


def generated_pages(bundle: dict, as_of: dt.date) -> dict[str, str]:
    """``{src_uri: markdown}`` of the training pages."""
    return {"training/index.md": "# 培训案例\n\n案例正在整理中。\n"}
