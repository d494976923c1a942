// What the 测算 page runs once it is idle rather than while it is first shown (issue 18: the first figure within
// 100 ms of the first paint): page.js (the steps, the result, the worker's messages), then the theme's script
// (Material for MkDocs: search, the back-to-top button, the sidebars' scroll tracking). Run as the page was parsed,
// they took the main thread right after the first paint: the theme 60–150 ms (its code compiled, then its start-up
// on DOMContentLoaded), page.js about 20 ms, on a 2-core machine; a county chosen then showed its figures only
// after them, up to 250 ms late. The county figures and the income line (figures.js, income-line.js) and the worker
// that starts Python (boot.js, in <head>) do not wait: boot.js keeps the worker's messages until page.js takes
// them. Both files are still downloaded from the start (<link rel="modulepreload"> and <link rel="preload"> in
// <head>); only running them waits.
// The build puts this script where the theme's was, with the theme's address in data-theme (sitebuild/run_later.py).
// The theme starts itself on DOMContentLoaded, which has fired by the time it runs: while its script runs, a
// DOMContentLoaded listener is called at once (in a new task) instead of never.
(() => {
  const me = document.currentScript;
  const page = new URL("page.js", me.src).href; // beside this file: assets/calc/
  const theme = new URL(me.dataset.theme, document.baseURI).href;
  const idle = (run) => (typeof requestIdleCallback === "function"
    ? requestIdleCallback(run, { timeout: 2000 })
    : setTimeout(run, 200));
  const runTheme = () => {
    document.addEventListener = function (type, listener, options) {
      if (type !== "DOMContentLoaded" || document.readyState === "loading") {
        return EventTarget.prototype.addEventListener.call(this, type, listener, options);
      }
      const event = new Event(type);
      setTimeout(() => (typeof listener === "function" ? listener.call(document, event) : listener.handleEvent(event)));
      return undefined;
    };
    const script = document.createElement("script");
    script.src = theme;
    script.onload = script.onerror = () => { delete document.addEventListener; };
    me.after(script);
  };
  // page.js first (it is what the page is for), the theme at the next idle moment after it. A page.js that fails
  // or stalls (a slow line) leaves the figures working, and the theme starts after at most a second all the same.
  const start = () => idle(() => {
    const waitAtMost = new Promise((resolve) => setTimeout(resolve, 1000));
    Promise.race([import(page).catch(() => {}), waitAtMost]).then(() => idle(runTheme));
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
})();
