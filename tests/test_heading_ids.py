"""Every heading of every page has a stable, explicit id (issue 17): a caseworker's saved link to a section of a
county page, the change log or a training page must still work after the next build.

The site in ``site/`` (built by scripts/check with today's date) is compared with a second build made with another
``SITE_AS_OF``: the generated pages' text changes with the date, their heading ids must not.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, SITE

OTHER_AS_OF = ("2025-03-01", "2024-09-15")  # the first that differs from the date site/ was built with
UNSTABLE = re.compile(r"^_\d+$")


class _Headings(HTMLParser):
    """The id of every h1–h6 of a page, in order (None for a heading without one)."""

    def __init__(self):
        super().__init__()
        self.ids: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            self.ids.append(dict(attrs).get("id"))


def heading_ids(site: Path) -> dict[str, list[str | None]]:
    out = {}
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":
            continue
        parser = _Headings()
        parser.feed(page.read_text(encoding="utf-8"))
        out[str(page.relative_to(site))] = parser.ids
    return out


def _as_of(site: Path) -> str:
    """The reference date a build used, as its county page says it (sitebuild/standards_pages.py)."""
    text = (site / "standards" / "532503" / "index.html").read_text(encoding="utf-8")
    return re.search(r"按 <strong>(\d{4}-\d\d-\d\d)</strong> 在用的标准", text).group(1)


@pytest.fixture(scope="module")
def other_build(tmp_path_factory):
    if not (SITE / "standards" / "532503" / "index.html").exists():
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=ROOT, check=True)
    first = _as_of(SITE)
    other = next(d for d in OTHER_AS_OF if d != first)
    out = tmp_path_factory.mktemp("site-other-date")
    env = {**os.environ, "SITE_AS_OF": other, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(out)], cwd=ROOT, env=env,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert _as_of(out) == other != first
    return out


def test_every_heading_id_is_the_same_in_builds_made_on_different_dates_and_none_is_a_numbered_placeholder(
        other_build):
    before, after = heading_ids(SITE), heading_ids(other_build)
    assert set(before) == set(after)
    changed = {page: (before[page], after[page]) for page in before if before[page] != after[page]}
    assert changed == {}
    placeholders = {page: [i for i in ids if i is None or UNSTABLE.match(i) or re.match(r"\d{4}-\d\d-\d\d$", i)]
                    for page, ids in before.items()}
    assert {page: ids for page, ids in placeholders.items() if ids} == {}
    # the generated pages really differ between the two builds: their dated heading says so
    county = "standards/532503/index.html"
    assert (SITE / county).read_text(encoding="utf-8") != (other_build / county).read_text(encoding="utf-8")
    assert "in-force" in before[county]
