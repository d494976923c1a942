"""Where the standards files are: the repository's ``standards/`` folder and the two files every build needs.

Shared by the validator (:mod:`sitebuild.validate`) and the bundle builder (:mod:`sitebuild.bundle`), which imports
the validator: the paths live here so that neither needs the other for them.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STANDARDS_DIR = ROOT / "standards"
PREFECTURE_FILE = "honghe-prefecture.yaml"
PROVINCE_FILE = "yunnan-floor.yaml"


def standards_files(directory: Path = STANDARDS_DIR) -> list[Path]:
    """All standards files in ``directory``: the prefecture file, the provincial floor and the county files,
    sorted by name."""
    return sorted(p for p in directory.glob("*.yaml"))
