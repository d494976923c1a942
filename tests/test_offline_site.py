"""No page of the built site loads anything from another origin (mainland China: foreign CDNs and font services
are slow or unreachable; and the calculator's answers must stay in the browser).

Two checks over ``site/`` as ``mkdocs build`` left it:

* a static scan, no browser: every HTML, CSS and JavaScript file, for the URLs a browser would load —
  ``<script src>``, ``<link rel=stylesheet|preload|icon|… href>``, ``<img src|srcset>`` and the other embedding
  elements, ``style`` attributes and ``<style>`` blocks, CSS ``url()`` and ``@import``, and in scripts the calls
  that load: ``import``, ``import()``, ``importScripts()``, ``fetch()``, ``new Worker()``, ``loadPackage()``.
  Links people follow (``<a href>``, ``<link rel=canonical>``) are not loads and are not checked; the text of
  comments and of other strings is not read as a load.
* in headless chromium, every page (``site/**/index.html`` and ``404.html``) opened on loopback, with every
  request of the page and of its workers recorded until the network is idle (on the 测算 page, and on any page
  with such a status, until Python is ready: ``.calc-status[data-state=ready]``), and Content-Security-Policy
  violations recorded too (scripts/serve-site sends ``script-src 'self'``, which blocks a foreign script before
  any request is made).

The theme's bundle holds four foreign URLs it loads only under conditions this site does not meet; they are
listed in ``THEME_CONDITIONAL`` with the condition, and a test checks that the conditions stay unmet.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import SITE

# <link rel> values for which the browser fetches href (or opens a connection to its origin).
LOADED_RELS = frozenset({
    "stylesheet", "preload", "modulepreload", "prefetch", "prerender", "preconnect", "dns-prefetch", "icon",
    "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed", "mask-icon", "manifest",
})
# element → attributes whose URL the browser loads when the element is in the page.
LOADED_ATTRIBUTES = {
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "iframe": ("src",), "frame": ("src",), "embed": ("src",),
    "object": ("data",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"), "body": ("background",),
}
NOT_LOADS = ("data:", "blob:", "about:", "javascript:", "#")

_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", re.IGNORECASE)
# A call or statement that loads its first argument, followed by a string literal holding an absolute URL.
_JS_LOADS = re.compile(
    r"(?:\bimport\s*\(\s*|\bimport\s*|\bfrom\s*|\bimportScripts\s*\(\s*|\bfetch\s*\(\s*"
    r"|\bnew\s+(?:Shared)?Worker\s*\(\s*|\bnew\s+WebSocket\s*\(\s*|\bnew\s+EventSource\s*\(\s*"
    r"|\bloadPackage\s*\(\s*|\bsendBeacon\s*\(\s*)"
    r"[\"'`]((?:https?:|wss?:)?//[^\"'`\s]+)"
)
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)

# Foreign URLs in Material's JavaScript bundle, each loaded only when the condition holds.
THEME_CONDITIONAL = {
    # assets/md-base.js loads the site's own copy first on such a browser (tested below), so never in practice.
    "https://unpkg.com/resize-observer-polyfill": "the browser has no ResizeObserver (none since 2020)",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "a page has a Mermaid diagram (class mermaid)",
    "https://api.github.com/": "repo_url points to GitHub (the header's repository facts)",
    "https://${e}/api/v4/projects/": "repo_url points to a GitLab",
}


def site_files(*suffixes: str) -> list[Path]:
    if not (SITE / "index.html").exists():
        pytest.skip("site/ is not built (mkdocs build)")
    return sorted(p for p in SITE.rglob("*") if p.is_file() and p.suffix in suffixes)


def foreign(url: str) -> bool:
    """True when loading ``url`` would go to another origin (an absolute or scheme-relative URL)."""
    url = url.strip()
    return bool(url) and not url.lower().startswith(NOT_LOADS) and bool(_ABSOLUTE.match(url))


def css_loads(text: str) -> list[str]:
    return [next(g for g in m.groups() if g is not None) for m in _CSS_URL.finditer(text)] + [
        m.group(1) for m in _CSS_IMPORT.finditer(text)]


def js_loads(text: str) -> list[str]:
    return [m.group(1) for m in _JS_LOADS.finditer(text)]


class LoadScan(HTMLParser):
    """Every URL an HTML page makes the browser load, with the element it comes from."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[tuple[str, str]] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {name.lower(): value or "" for name, value in attrs}
        urls: list[str] = []
        if tag == "link" and set(a.get("rel", "").lower().split()) & LOADED_RELS:
            urls.append(a.get("href", ""))
            urls += [c.split()[0] for c in a.get("imagesrcset", "").split(",") if c.strip()]
        if tag == "input" and a.get("type", "").lower() == "image":
            urls.append(a.get("src", ""))
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            urls += re.findall(r"url\s*=\s*['\"]?([^'\";]+)", a.get("content", ""), re.IGNORECASE)
        for name in LOADED_ATTRIBUTES.get(tag, ()):
            value = a.get(name, "")
            urls += [c.split()[0] for c in value.split(",") if c.strip()] if name == "srcset" else [value]
        if "style" in a:
            urls += css_loads(a["style"])
        self.loads += [(f"<{tag}>", u) for u in urls if u]
        kind = a.get("type", "").lower()
        if tag == "style" or (tag == "script" and kind in ("", "module", "text/javascript", "application/javascript")):
            self._in = tag

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "style":
            self.loads += [("<style>", u) for u in css_loads(data)]
        elif self._in == "script":
            self.loads += [("<script>", u) for u in js_loads(data)]


# --- static scan ----------------------------------------------------------------------------------------------


def test_no_html_page_loads_anything_from_another_origin():
    found = []
    pages = site_files(".html")
    assert len(pages) >= 20, pages
    for path in pages:
        scan = LoadScan()
        scan.feed(path.read_text(encoding="utf-8"))
        found += [f"{path.relative_to(SITE)}: {where} {url}" for where, url in scan.loads if foreign(url)]
    assert not found, "\n".join(found)


def test_the_scanner_sees_the_loads_it_must_see():
    scan = LoadScan()
    scan.feed('<link rel="stylesheet" href="https://fonts.googleapis.com/css"><link rel="canonical" href="https://x/">'
              '<script src="//cdn.example/x.js"></script><img srcset="a.png 1x, https://cdn/b.png 2x">'
              '<a href="https://gov.cn/">政府网站</a><div style="background:url(https://cdn/c.png)"></div>'
              '<style>@import "https://cdn/d.css";</style><script>fetch("https://api/e")</script>'
              '<script type="application/json">{"u": "https://json/f"}</script>')
    assert [u for _, u in scan.loads if foreign(u)] == [
        "https://fonts.googleapis.com/css", "//cdn.example/x.js", "https://cdn/b.png", "https://cdn/c.png",
        "https://cdn/d.css", "https://api/e"]


def test_no_stylesheet_loads_anything_from_another_origin():
    found = []
    sheets = site_files(".css")
    assert sheets
    for path in sheets:
        found += [f"{path.relative_to(SITE)}: {url}" for url in css_loads(path.read_text(encoding="utf-8"))
                  if foreign(url)]
    assert not found, "\n".join(found)


def test_no_script_loads_anything_from_another_origin():
    found = []
    scripts = site_files(".js", ".mjs")
    assert any(p.name == "pyodide.mjs" for p in scripts), "the Pyodide files are not in site/"
    for path in scripts:
        found += [f"{path.relative_to(SITE)}: {url}" for url in js_loads(path.read_text(encoding="utf-8"))
                  if foreign(url)]
    assert not found, "\n".join(found)


def test_the_theme_loads_from_another_origin_only_under_conditions_this_site_does_not_meet():
    bundles = list((SITE / "assets" / "javascripts").glob("bundle.*.min.js")) if SITE.exists() else []
    if not bundles:
        pytest.skip("site/ is not built")
    literals = set(re.findall(r"[\"'`]((?:https?:)?//[^\"'`\s]+)", bundles[0].read_text(encoding="utf-8")))
    unknown = {u for u in literals if not any(u.startswith(known) for known in THEME_CONDITIONAL)}
    assert not unknown, f"the theme's bundle has new foreign URLs; check when it loads them: {sorted(unknown)}"
    pages = "".join(p.read_text(encoding="utf-8") for p in site_files(".html"))
    assert 'class="mermaid"' not in pages
    assert 'data-md-component="source"' not in pages, "repo_url is set: the header would call the code host's API"


def test_the_theme_requests_no_web_fonts():
    pages = "".join(p.read_text(encoding="utf-8") for p in site_files(".html"))
    assert "fonts.googleapis.com" not in pages and "fonts.gstatic.com" not in pages


# --- in the browser -------------------------------------------------------------------------------------------


def built_pages() -> list[str]:
    """Every page of the built site as a path below the site root (``""``, ``policy/``, ``404.html``)."""
    if not (SITE / "index.html").exists():
        return []
    pages = sorted(p.parent.relative_to(SITE).as_posix() for p in SITE.rglob("index.html"))
    return [("" if p == "." else p + "/") for p in pages] + (["404.html"] if (SITE / "404.html").exists() else [])


CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI));
"""


@pytest.fixture
def offline_context(browser):
    """A fresh context per page: nothing cached, so every request the page makes is seen."""
    context = browser.new_context(viewport={"width": 360, "height": 800}, service_workers="block")
    context.add_init_script(CSP_WATCH)
    yield context
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", built_pages() or ["(site not built)"])
def test_every_page_requests_only_its_own_origin(offline_context, site_url, path):
    if path == "(site not built)":
        pytest.skip("site/ is not built")
    origin = urlsplit(site_url).netloc
    requests: list[str] = []
    console: list[str] = []
    # Requests of the page and of its workers (the 测算 page runs Python in a Web Worker).
    offline_context.on("request", lambda request: requests.append(request.url))
    page = offline_context.new_page()
    page.on("console", lambda m: console.append(m.text))
    page.goto(f"{site_url}/{path}", wait_until="load")
    if page.locator(".calc-status[data-state]").count():  # a page that runs Python (测算, 县市标准配置)
        page.wait_for_selector(".calc-status[data-state=ready]", state="attached", timeout=120_000)
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("() => window.__cspViolations")
    assert requests, "no request recorded"
    assert any(urlsplit(u).path.endswith(".css") for u in requests), "the stylesheets were not loaded"
    if path == "calculator/":
        assert any(u.endswith("pyodide.asm.wasm") for u in requests), "the worker's requests were not recorded"
    elsewhere = [u for u in requests
                 if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != origin]
    assert not elsewhere, f"{path or '/'} requested from another origin: {elsewhere}"
    assert not violations, f"{path or '/'}: blocked by the Content-Security-Policy: {violations}"
    refused = [m for m in console if "Content Security Policy" in m or m.startswith("Refused to")]
    assert not refused, refused


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "calculator/"])
def test_a_browser_without_resize_observer_gets_the_sites_own_polyfill_not_unpkgs(browser, site_url, path):
    """Chrome < 64 and old Android WebViews have no ResizeObserver: Material would fetch one from unpkg.com."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    context.add_init_script("delete window.ResizeObserver;")
    requests: list[str] = []
    errors: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{site_url}/{path}", wait_until="load")
    page.wait_for_load_state("networkidle")
    has_observer = page.evaluate("() => typeof ResizeObserver")
    header_title = page.inner_text(".md-header__topic")  # the theme ran (it fills the header)
    context.close()
    origin = urlsplit(site_url).netloc
    assert [u for u in requests if urlsplit(u).netloc != origin and urlsplit(u).scheme in ("http", "https")] == []
    assert any(urlsplit(u).path.endswith("/assets/vendor/ResizeObserver.js") for u in requests), requests
    assert has_observer == "function"
    assert "红河州临时救助" in header_title
    assert errors == []


def test_the_search_index_holds_the_chinese_text_as_utf8_not_as_escapes():
    index = SITE / "search" / "search_index.json"
    if not index.exists():
        pytest.skip("site/ is not built")
    text = index.read_text(encoding="utf-8")
    assert "\\u4e34" not in text.lower()  # 临 written as an escape
    import json

    titles = [doc["title"] for doc in json.loads(text)["docs"]]
    assert any("临时救助" in t.replace("\u200b", "") for t in titles), titles[:5]
