"""The Pyodide lock file the site's workers start with: Pyodide's own ``info``, no packages (issue 18 item 3).

``loadPyodide`` fetches ``pyodide-lock.json`` (npm ``pyodide`` 314.0.7: 119 KB, 21 KiB brotli) to learn the
packages it could load with ``loadPackage``. The site loads none: the calculator and the standards tools are zips
the workers write to Pyodide's file system (assets/calc/python.js). The build puts this empty lock into
``calc-manifest.json`` (``pyodide_lock``), which the workers fetch anyway, and python.js hands it to
``loadPyodide({lockFileContents})``: one request and 21 KiB less on the first visit. Pyodide checks the lock's
``info.abi_version`` against its own, so the ``info`` is copied from the package's lock as it is.
"""

from __future__ import annotations

import json
from pathlib import Path


def empty_lock(lock: Path) -> dict:
    """``{"info": <lock's info>, "packages": {}}`` from Pyodide's ``pyodide-lock.json`` at ``lock``.
    Raises ``OSError``/``ValueError``/``KeyError`` when the file is missing or not a lock file."""
    return {"info": json.loads(lock.read_text(encoding="utf-8"))["info"], "packages": {}}
