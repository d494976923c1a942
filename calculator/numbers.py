"""Numbers as people type them: one reader for the CLI, the 测算 page and the 配置 page (register I14).

People type amounts with a Chinese input method on: full-width digits (``１２００``), a full-width or ideographic
decimal point (``１２００．５``, ``1200。5``) and stray spaces. Those are read. Thousands separators (``1,200``,
``1，200``) and units (``1200元``) are refused with one precise message, because a separator could be a mistyped
decimal point and the reader must never guess. Stdlib only; ASCII digits after normalising (see
:mod:`calculator.application` on why ``str.isdigit`` is not used).
"""

from __future__ import annotations

import re

#: The message for a typed number with a separator or a unit (the same words in the CLI and both pages).
SEPARATOR_OR_UNIT = "请只填数字，不要加逗号或“元”"

_FULL_WIDTH = str.maketrans({
    **{chr(0xFF10 + i): str(i) for i in range(10)},  # ０-９
    "．": ".", "。": ".", "｡": ".",  # full-width full stop, ideographic full stop, half-width ideographic
    "－": "-", "＋": "+",
})
_SPACES = re.compile(r"[\s\u3000]+")
_SEPARATOR_OR_UNIT = re.compile(r"[,，、'’_]|元|块|圆|¥|￥|RMB|rmb")


def normalize_typed_number(text: str) -> str:
    """The text of a typed number with full-width digits, points and signs made ASCII and the spaces around it
    (ideographic ones too) removed (``" １２００．５ "`` → ``"1200.5"``). Anything else is left as it is for the
    caller's own check."""
    return text.translate(_FULL_WIDTH).strip(" \t\r\n\u3000\u00a0")


def typed_number_problem(text: str) -> str | None:
    """:data:`SEPARATOR_OR_UNIT` when the typed text holds a thousands separator (a comma, or a space inside the
    number: ``1 200``) or a unit, else None."""
    if _SEPARATOR_OR_UNIT.search(normalize_typed_number(text)) or _SPACES.search(normalize_typed_number(text)):
        return SEPARATOR_OR_UNIT
    return None
