// The 测算 page runs the theme's script (Material for MkDocs: search, the back-to-top button, the sidebars' scroll
// tracking) once the page is idle, not while the page is first shown (issue 18: the first figure within 100 ms of
// the first paint). As a plain script at the end of the page the theme took 60–150 ms of the main thread right
// after the first paint (its code compiled, then its start-up on DOMContentLoaded, on a 2-core machine); a county
// chosen then showed its figures only after it, up to 250 ms late. Everything the page is for works without it:
// the form, the county figures, the income line, the calculator, the menu (a CSS checkbox).
// The build puts this script where the theme's was, with the theme's address in data-theme, and preloads the theme's
// file in <head>, so it is downloaded as early as before (sitebuild/theme_later.py). The theme starts itself on
// DOMContentLoaded; by the time it runs that has fired, so while its script runs, a DOMContentLoaded listener is
// called at once (in a new task) instead of never.
(() => {
  const me = document.currentScript;
  const src = new URL(me.dataset.theme, document.baseURI).href;
  const load = () => {
    document.addEventListener = function (type, listener, options) {
      if (type !== "DOMContentLoaded" || document.readyState === "loading") {
        return EventTarget.prototype.addEventListener.call(this, type, listener, options);
      }
      const event = new Event(type);
      setTimeout(() => (typeof listener === "function" ? listener.call(document, event) : listener.handleEvent(event)));
      return undefined;
    };
    const script = document.createElement("script");
    script.src = src;
    script.onload = script.onerror = () => { delete document.addEventListener; };
    me.after(script);
  };
  const later = () => (typeof requestIdleCallback === "function"
    ? requestIdleCallback(load, { timeout: 2000 })
    : setTimeout(load, 200));
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", later, { once: true });
  else later();
})();
