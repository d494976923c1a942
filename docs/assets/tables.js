// A table or code block wider than the screen scrolls sideways (tables inside Material's wrapper,
// .md-typeset__scrollwrap; code in its <pre><code>). A keyboard user must be able to reach and scroll it (WCAG 2.1.1;
// axe: scrollable-region-focusable): such a box becomes a named, focusable region. Checked again when the window is resized (a phone turned sideways). Not on the 测算 page, which
// has no table (sitebuild/page_weight.py).
(() => {
  const mark = () => {
    for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code")) {
      const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", wrap.tagName === "CODE" ? "代码（可左右滚动）" : "表格（可左右滚动）");
      } else if (!scrolls && wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    }
  };
  // Material wraps the tables when its own script runs (deferred, like this one): after it, and on every page of
  // instant navigation when that is on (document$).
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mark);
  else window.addEventListener("load", mark);
  window.addEventListener("load", mark);
  window.addEventListener("resize", mark);
})();
