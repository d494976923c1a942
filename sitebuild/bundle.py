"""The standards bundle: every file in ``standards/`` → one deterministic JSON document.

Data flows one way: YAML (read strictly by :mod:`sitebuild.yamlstrict`, validated by
:mod:`sitebuild.validate`) → this bundle → the calculator (CPython or Pyodide) → the page.

Bundle shape (all amounts are decimal strings exactly as written in the YAML, dates ISO ``YYYY-MM-DD``)::

    {"format": 1,
     "prefecture": {"code", "name", "file", "policy": {...},
                    "parameters": {key: {"label", "unit", "clause", "values": [VALUE...]}}},
     "province":   {"code", "name", "file", "dibao": {"urban": SERIES, "rural": SERIES}},
     "counties":   {code: {"code", "name", "file", "dibao": {"urban": SERIES, "rural": SERIES},
                           "local": {...}}},
     "register":   {rule id: {"title", "clauses"}}}   # policy/interpretations.yaml (sitebuild/interpretations.py)
    SERIES = {"unit": "元/人·月" | "元/人·年", "values": [{"effective", "amount", "status", "source"}...]}

:func:`load_bundle` adds ``"policy_updates"``: the entries of ``policy/updates.yaml``
(:mod:`sitebuild.policy_updates`), whose ``warning`` parts the calculator adds to results by date.

Values keep the order of their effective dates (the validator refuses any other order).
"""

from __future__ import annotations

import json
from pathlib import Path

from sitebuild.interpretations import bundle_index
from sitebuild.policy_updates import load_updates
from sitebuild.standards_files import PREFECTURE_FILE, PROVINCE_FILE, ROOT, STANDARDS_DIR, standards_files
from sitebuild.validate import validate_paths
from sitebuild.yamlstrict import Document

__all__ = ["PREFECTURE_FILE", "PROVINCE_FILE", "ROOT", "STANDARDS_DIR", "dumps", "load_bundle", "make_bundle",
           "standards_files"]


def _rel(path: str) -> str:
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return Path(path).as_posix()


def make_bundle(docs: list[Document]) -> dict:
    """Assemble validated documents into the bundle (shape in the module docstring).

    Raises ``ValueError`` when the prefecture or province file is missing or a county appears twice;
    call only on documents that :func:`sitebuild.validate.validate_documents` accepted.
    """
    bundle: dict = {"format": 1, "prefecture": None, "province": None, "counties": {}}
    for doc in docs:
        data = doc.data
        file = _rel(doc.file)
        if "prefecture" in data:
            bundle["prefecture"] = {
                **data["prefecture"],
                "file": file,
                "policy": data["policy"],
                "parameters": data["parameters"],
            }
        elif "province" in data:
            bundle["province"] = {**data["province"], "file": file, "dibao": data["dibao"]}
        else:
            code = data["county"]["code"]
            if code in bundle["counties"]:
                raise ValueError(f"县市代码 {code} 出现在两个文件中")
            bundle["counties"][code] = {
                **data["county"],
                "file": file,
                "dibao": data["dibao"],
                "local": data.get("local", {}),
            }
    if bundle["prefecture"] is None or bundle["province"] is None:
        raise ValueError("缺少州级参数文件或省级指导标准文件")
    bundle["counties"] = dict(sorted(bundle["counties"].items()))
    bundle["register"] = bundle_index()
    return bundle


def dumps(bundle: dict) -> str:
    """The bundle as canonical JSON text (sorted keys, UTF-8 characters kept): identical input, identical bytes."""
    return json.dumps(bundle, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def load_bundle(directory: Path = STANDARDS_DIR) -> dict:
    """Read, validate and assemble every file in ``directory``, with the policy updates of ``policy/updates.yaml``.

    Raises :class:`sitebuild.validate.StandardsInvalid` carrying every problem found.
    """
    docs = validate_paths(standards_files(directory))
    bundle = make_bundle(docs)
    bundle["policy_updates"] = load_updates()
    return bundle
