// Web Worker: starts Pyodide once (self-hosted under assets/pyodide/), loads the calculator wheel and the
// standards bundle, then answers assessments. Every file comes from this site's own origin.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const assets = new URL("../", import.meta.url);
const post = (message) => self.postMessage(message);

// Count the bytes of every download so the page can show progress (stage and bytes).
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
  // Count a clone, and hand Pyodide the original response untouched: WebAssembly streaming compilation and the
  // browser's compiled-code cache need the real response (its URL and cache entry).
  const entry = { loaded: 0, total: Number(response.headers.get("Content-Length")) || 0 };
  files.set(url, entry);
  const reader = response.clone().body.getReader();
  (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      entry.loaded += value.byteLength;
      report(false);
    }
    report(true);
  })().catch(() => {});
  return response;
};

async function fetchChecked(url, kind) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${kind}: HTTP ${response.status}`);
  return response;
}

// Pyodide does not always reject when its WebAssembly cannot be fetched or compiled (it may hang or fail in
// an inner promise): report any such failure to the page instead of leaving it waiting.
const fail = (error) => post({ kind: "failed", text: String(error && error.message ? error.message : error) });
self.addEventListener("unhandledrejection", (event) => fail(event.reason));
self.addEventListener("error", (event) => fail(event.message));

async function start() {
  const t0 = performance.now();
  post({ kind: "progress", stage: "python", text: "正在下载并启动 Python 运行环境……" });
  // Fail fast when the WebAssembly file is blocked or missing (a proxy, a filter, a broken copy): Pyodide itself
  // may hang in that case. The probe runs beside Pyodide's own download and only fails the start.
  const probe = originalFetch(new URL("pyodide/pyodide.asm.wasm", assets), { method: "HEAD" }).then((r) => {
    if (!r.ok) throw new Error(`pyodide.asm.wasm: HTTP ${r.status}`);
  });
  // Fetch the calculator and the standards while Python starts (in parallel, not one after the other).
  const calculatorFiles = (async () => {
    const manifest = await (await fetchChecked(new URL("calc-manifest.json", assets), "manifest")).json();
    const [wheel, bundleText] = await Promise.all([
      fetchChecked(new URL(manifest.wheel, assets), "wheel").then((r) => r.arrayBuffer()),
      fetchChecked(new URL(manifest.standards, assets), "standards").then((r) => r.text()),
    ]);
    return { wheel, bundleText };
  })();
  calculatorFiles.catch(() => {}); // reported below, once awaited
  const [pyodide] = await Promise.all([loadPyodide({ indexURL: new URL("pyodide/", assets).href }), probe]);
  const tPython = performance.now() - t0;
  post({ kind: "progress", stage: "calculator", text: "正在载入测算程序和各县标准……" });
  const { wheel, bundleText } = await calculatorFiles;
  // A pure-Python wheel (py3-none-any) is installed by unpacking it into site-packages.
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
  pyodide.unpackArchive(wheel, "wheel", { extractDir: sitePackages });
  const web = pyodide.pyimport("calculator.web");
  web.init(bundleText);
  return { web, ms: performance.now() - t0, pythonMs: tPython };
}

const ready = start();
ready.then(({ ms, pythonMs }) => post({ kind: "ready", ms, pythonMs }), fail);

self.onmessage = async (event) => {
  const { id, application } = event.data;
  try {
    const { web } = await ready;
    const t = performance.now();
    const text = web.assess_json(JSON.stringify(application));
    post({ kind: "result", id, result: JSON.parse(text), ms: performance.now() - t });
  } catch (error) {
    post({ kind: "result", id, result: { error: { field: "$", message: "计算程序未能运行：" + error } } });
  }
};
