"""Text from the data written into the generated pages: escaped for Markdown or for raw HTML, never interpreted.

One copy for every page generator (standards pages, change log, training, policy notes).
"""

from __future__ import annotations

import re
from html import escape

_MARKDOWN_SPECIALS = "\\`*_[]|"


def markdown_escape(text: object) -> str:
    """``text`` for Markdown (paragraphs, lists, table cells): HTML-escaped (``&``, ``<``, ``>``) and every Markdown
    special character (``\\ ` * _ [ ] |``) backslash-escaped, so that it shows exactly as written."""
    out = escape(str(text), quote=False)
    for ch in _MARKDOWN_SPECIALS:
        out = out.replace(ch, "\\" + ch)
    return out


def markdown_cell(text: object) -> str:
    """``text`` for one Markdown table cell: :func:`markdown_escape` on one line (line breaks become spaces)."""
    return markdown_escape(str(text).replace("\n", " "))


def markdown_prose(text: object) -> str:
    """``text`` as one Markdown paragraph: runs of white space become one space, then :func:`markdown_escape`."""
    return markdown_escape(re.sub(r"\s+", " ", str(text)).strip())


def html_text(text: object) -> str:
    """``text`` for raw HTML (inside ``<dl>``, ``<svg>``, attributes): HTML-escaped, quotes included."""
    return escape(str(text))
