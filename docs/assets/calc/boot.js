// Loaded in <head> of the 测算 page only: start the calculator's Web Worker as early as possible. page.js takes
// it over (window.__calcBoot) and replays the messages that arrived before it was ready.
(() => {
  if (window.__calcBoot) return; // page.js ran first and started the worker itself
  const boot = { worker: null, messages: [], error: null };
  window.__calcBoot = boot;
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") return;
  try {
    boot.worker = new Worker(new URL("worker.js", document.currentScript.src), { type: "module" });
    boot.worker.onmessage = (event) => boot.messages.push(event.data);
    boot.worker.onerror = (event) => { event.preventDefault(); boot.error = event.message || "worker error"; };
  } catch (error) {
    boot.error = String(error);
  }
})();
