"""Files of the 县市标准配置 page: the original text of every standards file, shipped with the site.

The page inserts a new dated value *textually* into a county's file (``standards_tools.yaml_edit.add_entry``),
so it needs each file exactly as it is in the repository — comments, order and line breaks included — not the
bundle's JSON. :func:`write_assets` copies ``standards/*.yaml`` byte for byte into
``site/assets/config/standards/`` and writes ``index.json`` there::

    {"format": 1,
     "counties": {"532503": {"name": "蒙自市", "file": "532503-mengzi.yaml",
                             "path": "standards/532503-mengzi.yaml", "sha256": "…"}, …},
     "files": ["532501-gejiu.yaml", …, "honghe-prefecture.yaml", "yunnan-floor.yaml"]}

``file`` is the name under ``assets/config/standards/``, ``path`` the file in the repository (what the pull
request changes), ``sha256`` the hash of the shipped bytes (the page's edit is based on that version).
Called from the MkDocs hook (``hooks/site_assets.py``, ``on_post_build``) after the standards were validated.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from sitebuild.bundle import ROOT, STANDARDS_DIR, standards_files
from sitebuild.yamlstrict import parse

OUT_DIR = Path("assets") / "config" / "standards"


def write_assets(site_dir: Path, standards_dir: Path = STANDARDS_DIR) -> Path:
    """Copy every standards file into ``site_dir/assets/config/standards/`` and write its ``index.json``.

    Returns the path of ``index.json``. Files are copied as bytes (no re-encoding, line breaks kept); the
    directory is emptied first so that a file removed from ``standards/`` does not linger in the site.
    """
    out = Path(site_dir) / OUT_DIR
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    counties: dict = {}
    names = []
    for path in standards_files(Path(standards_dir)):
        raw = path.read_bytes()
        (out / path.name).write_bytes(raw)
        names.append(path.name)
        data = parse(raw, str(path)).data
        county = data.get("county") if isinstance(data, dict) else None
        if isinstance(county, dict):
            counties[county["code"]] = {
                "name": county["name"],
                "file": path.name,
                "path": _repo_path(path),
                "sha256": hashlib.sha256(raw).hexdigest(),
            }
    index = {"format": 1, "counties": dict(sorted(counties.items())), "files": names}
    index_path = out / "index.json"
    index_path.write_text(json.dumps(index, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return index_path


def _repo_path(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return f"standards/{path.name}"
