"""Entry points for the page: the calculator under Pyodide, fed JSON text, answering JSON text.

The page hands over the standards bundle (``assets/standards.json``) once with :func:`init`; each
assessment is then one call of :func:`assess_json`. Nothing here touches files or the network.
"""

from __future__ import annotations

import json

from calculator.application import InputError, read_application_json
from calculator.assess import assess
from calculator.explain import result_text
from calculator.standards import Bundle

_bundle: Bundle | None = None


def init(bundle_json: str) -> str:
    """Load the standards bundle (JSON text). Returns ``'{"ok": true, "counties": N}'``.

    Raises :class:`calculator.standards.BundleError` on a malformed bundle.
    """
    global _bundle
    _bundle = Bundle.from_dict(json.loads(bundle_json))
    return json.dumps({"ok": True, "counties": len(_bundle.counties)})


def assess_json(application_json: str) -> str:
    """One application (§5 input as JSON text, money as numbers or strings) → the §5 result as JSON text.

    Invalid input gives ``{"error": {"field": ..., "message": ...}}`` (never an exception); the result also
    carries ``"text"``, the caseworker's plain-text explanation.
    """
    if _bundle is None:
        return json.dumps({"error": {"field": "standards", "message": "标准数据尚未载入"}}, ensure_ascii=False)
    try:
        result = assess(read_application_json(application_json), _bundle)
    except InputError as exc:
        return json.dumps(exc.as_dict(), ensure_ascii=False)
    result["text"] = result_text(result)
    return json.dumps(result, ensure_ascii=False)
