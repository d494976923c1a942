// Loaded in <head> of the 测算 page only.
// 1. Start the calculator's Web Worker as early as possible. page.js takes it over (window.__calcBoot) and
//    replays the messages that arrived before it was ready.
// 2. Hold back the site search's index (search/search_index.json, about 0.6 MB) until the person opens the search
//    box: on a slow phone connection the index would otherwise share the line (and the CPU) with Python's
//    download and start, and most visits to this page never search (issue 18: the first visit's weight). Material
//    for MkDocs requests the index with XMLHttpRequest as soon as its script runs and has no setting for this, so
//    the request's send() waits here. If this script runs after Material's (it is async), the index simply loads
//    at once as on other pages.
(() => {
  if (window.__calcBoot) return; // page.js ran first and started the worker itself
  const boot = { worker: null, messages: [], error: null };
  window.__calcBoot = boot;

  let release;
  const searchWanted = new Promise((resolve) => { release = resolve; });
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.__calcDeferSend = /\/search\/search_index\.json$/.test(String(url));
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (!this.__calcDeferSend) return send.apply(this, args);
    searchWanted.then(() => send.apply(this, args));
  };
  // The theme's search worker (11 KiB) likewise: the theme creates it as its script starts; here it gets a stand-in
  // that keeps the theme's messages until the search box is used, then starts the real worker and hands them on.
  const RealWorker = window.Worker;
  if (typeof RealWorker === "function") {
    window.Worker = function Worker(url, options) {
      if (!/\/workers\/search\.[0-9a-f]+\.min\.js$/.test(String(url))) return new RealWorker(url, options);
      const standIn = new EventTarget();
      const queued = [];
      let real = null;
      standIn.postMessage = (message) => (real ? real.postMessage(message) : queued.push(message));
      standIn.terminate = () => real && real.terminate();
      searchWanted.then(() => {
        real = new RealWorker(url, options);
        real.onmessage = (event) => standIn.dispatchEvent(new MessageEvent("message", { data: event.data }));
        for (const message of queued.splice(0)) real.postMessage(message);
      });
      return standIn;
    };
    window.Worker.prototype = RealWorker.prototype;
  }
  document.addEventListener("focusin", (event) => {
    if (event.target.closest && event.target.closest("[data-md-component=search]")) release();
  });
  document.addEventListener("change", (event) => { if (event.target.id === "__search") release(); });

  if (typeof WebAssembly !== "object" || typeof RealWorker !== "function") return;
  try {
    // The worker lives beside the page (calculator/worker.js, under the service worker's scope) and gets the
    // page's own manifest (embedded before this script by the build, sitebuild/offline.py) as its first message.
    boot.worker = new RealWorker(new URL("../../calculator/worker.js", document.currentScript.src), { type: "module" });
    boot.worker.postMessage({ kind: "manifest", manifest: JSON.parse(document.getElementById("calc-manifest").text) });
    boot.worker.onmessage = (event) => boot.messages.push(event.data);
    boot.worker.onerror = (event) => { event.preventDefault(); boot.error = event.message || "worker error"; };
  } catch (error) {
    boot.error = String(error);
  }
})();
