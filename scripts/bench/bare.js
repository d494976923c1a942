// The bare page of scripts/bench-page: boots the same self-hosted Pyodide in a worker and evaluates 1+1.
const worker = new Worker(new URL("bare-worker.js", import.meta.url), { type: "module" });
worker.onmessage = (e) => {
  document.getElementById("out").textContent = String(e.data.value);
  document.documentElement.dataset.readyMs = Math.round(e.data.ms); // ms since the worker began
  document.documentElement.dataset.calculator = "ready";
};
