// Web Worker of the 县市标准配置 page: starts Pyodide once (self-hosted under assets/pyodide/), loads the
// calculator wheel and the standards bundle, then answers the page's requests with
// calculator.configurator.evaluate_json: the validator's checks, the what-if and the edited file.
// The same start-up as assets/calc/worker.js; every file comes from this site's own origin.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const assets = new URL("../", import.meta.url);
const post = (message) => self.postMessage(message);

// Count the bytes of every download so the page can show progress.
const files = new Map(); // url -> {loaded, total}
let lastReport = 0;
function report(force) {
  const now = performance.now();
  if (!force && now - lastReport < 150) return;
  lastReport = now;
  let loaded = 0;
  let total = 0;
  for (const f of files.values()) {
    loaded += f.loaded;
    total += Math.max(f.total, f.loaded);
  }
  post({ kind: "bytes", loaded, total });
}
const originalFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const response = await originalFetch(input, init);
  const url = String(input && input.url ? input.url : input);
  if (!response.body || !response.ok) return response;
  const entry = { loaded: 0, total: Number(response.headers.get("Content-Length")) || 0 };
  files.set(url, entry);
  const counted = response.body.pipeThrough(
    new TransformStream({
      transform(chunk, controller) {
        entry.loaded += chunk.byteLength;
        report(false);
        controller.enqueue(chunk);
      },
      flush() {
        report(true);
      },
    }),
  );
  return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
};

async function fetchChecked(url, kind) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${kind}: HTTP ${response.status}`);
  return response;
}

const fail = (error) => post({ kind: "failed", text: String(error && error.message ? error.message : error) });
self.addEventListener("unhandledrejection", (event) => fail(event.reason));
self.addEventListener("error", (event) => fail(event.message));

async function start() {
  const t0 = performance.now();
  post({ kind: "progress", text: "正在下载并启动 Python 运行环境……可以先填写。" });
  const probe = await originalFetch(new URL("pyodide/pyodide.asm.wasm", assets), { method: "HEAD" });
  if (!probe.ok) throw new Error(`pyodide.asm.wasm: HTTP ${probe.status}`);
  const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", assets).href });
  post({ kind: "progress", text: "正在载入检查程序和各县标准……" });
  const manifest = await (await fetchChecked(new URL("calc-manifest.json", assets), "manifest")).json();
  const errors = [];
  await pyodide.loadPackage(new URL(manifest.wheel, assets).href, {
    messageCallback: () => {},
    errorCallback: (message) => errors.push(message),
  });
  if (errors.length) throw new Error(errors.join("; "));
  const bundleText = await (await fetchChecked(new URL(manifest.standards, assets), "standards")).text();
  const configurator = pyodide.pyimport("calculator.configurator");
  configurator.init(bundleText);
  return { configurator, ms: performance.now() - t0 };
}

const ready = start();
ready.then(({ ms }) => post({ kind: "ready", ms }), fail);

self.onmessage = async (event) => {
  const { id, request } = event.data;
  try {
    const { configurator } = await ready;
    const text = configurator.evaluate_json(JSON.stringify(request));
    post({ kind: "result", id, result: JSON.parse(text) });
  } catch (error) {
    post({ kind: "result", id, result: { fatal: "检查程序未能运行：" + error } });
  }
};
