"""The clerks' guide on the site: ``standards/contributing.md``, made at build time from the repository's
CONTRIBUTING.md, so that the 测算 page and the county pages can link to it (“本县联系方式待县民政局补充”) while the
repository's public address (``repo_url``) is not known.

The text is CONTRIBUTING.md's own. Links to files of the repository (``standards/README.md``) become plain text
naming the file (they are not pages of the site), and every heading gets a stable explicit id (``guide``,
``guide-1`` … in order), as the site's headings do.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "CONTRIBUTING.md"
PAGE = "standards/contributing.md"
_LINK = re.compile(r"\[([^\]]+)\]\((?!https?://)([^)\s]+)\)")
_HEADING = re.compile(r"^(#{1,6}) (.+?)\s*$")


def guide_page(text: str) -> str:
    """CONTRIBUTING.md's Markdown as a page of the site (see the module docstring)."""
    out, count, fence = [], 0, False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fence = not fence
        if not fence:
            line = _LINK.sub(lambda m: m.group(1) if "`" in m.group(1) else f"{m.group(1)}（仓库中的 `{m.group(2)}`）",
                             line)
            heading = _HEADING.match(line)
            if heading and "{#" not in line:
                anchor = "guide" if heading.group(1) == "#" else f"guide-{count}"
                count += heading.group(1) != "#"
                line = f"{line} {{#{anchor}}}"
        out.append(line)
    return "\n".join(out).rstrip() + "\n"


def generated_pages(bundle: dict, as_of: dt.date | None = None) -> dict[str, str]:
    """``{"standards/contributing.md": markdown}`` (the bundle and date are not used)."""
    return {PAGE: guide_page(SOURCE.read_text(encoding="utf-8"))}
