// Shared start-up of the site's Python workers (测算 and 县市标准配置): Pyodide from this site's own
// assets/pyodide/, the calculator (compiled, from its wheel) and the standards bundle, with progress in bytes and a clear failure.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const assets = new URL("../", import.meta.url);

async function fetchChecked(url, kind) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${kind}: HTTP ${response.status}`);
  return response;
}

// Count the bytes of every download so the page can show progress (stage and bytes). `expected` resolves to the
// files the start will fetch, URL → size as built (calc-manifest.json "downloads"), so the total is known from the
// start and is right behind a server that compresses: such a server sends the compressed Content-Length, while the
// body is read decompressed. A file not listed counts with its Content-Length (when not compressed) or what was
// read. A clone is counted and the original response handed on untouched: WebAssembly streaming compilation and
// the browser's compiled-code cache need the real response (its URL and cache entry).
function countDownloads(post, expected) {
  const files = new Map(); // response URL -> {loaded, length}: bytes read (decompressed); Content-Length or 0
  let sizes = null; // response URL -> size as built, once the manifest has arrived
  let lastReport = 0;
  const report = (force) => {
    const now = performance.now();
    if (!sizes || (!force && now - lastReport < 150)) return;
    lastReport = now;
    let loaded = 0;
    let total = 0;
    for (const size of sizes.values()) total += size;
    for (const [url, f] of files) {
      if (sizes.has(url)) {
        loaded += Math.min(f.loaded, sizes.get(url));
      } else {
        loaded += f.loaded;
        total += Math.max(f.length, f.loaded);
      }
    }
    post({ kind: "bytes", loaded, total });
  };
  expected.then((known) => { sizes = known; }, () => { sizes = new Map(); }).then(() => report(true));
  const originalFetch = self.fetch.bind(self);
  self.fetch = async (input, init) => {
    const response = await originalFetch(input, init);
    if (!response.body || !response.ok) return response;
    const compressed = Boolean(response.headers.get("Content-Encoding"));
    const entry = { loaded: 0, length: compressed ? 0 : Number(response.headers.get("Content-Length")) || 0 };
    files.set(response.url || String(input && input.url ? input.url : input), entry);
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
  return originalFetch;
}

/**
 * Start Python with the calculator installed. `post` sends messages to the page; `texts` = {python, calculator}
 * are the Chinese stage texts. Resolves to {pyodide, bundleText, pythonMs} (pythonMs: when Python had started, in
 * ms since the worker began, as performance.now() is in the worker); failures are also posted as
 * {kind: "failed"} (Pyodide does not always reject when its WebAssembly cannot be fetched or compiled).
 */
export function startPython(post, texts) {
  const fail = (error) => post({ kind: "failed", text: String(error && error.message ? error.message : error) });
  self.addEventListener("unhandledrejection", (event) => {
    event.preventDefault(); // reported to the page as {kind: "failed"}; not also as an uncaught error
    fail(event.reason);
  });
  self.addEventListener("error", (event) => fail(event.message));
  // The manifest names the calculator's files and what every download weighs (hooks/site_assets.py).
  const manifest = fetchChecked(new URL("calc-manifest.json", assets), "manifest").then((r) => r.json());
  manifest.catch(() => {}); // reported below, once awaited
  const sizes = manifest.then((m) => new Map(Object.entries(m.downloads || {}).map(
    ([path, size]) => [new URL(path, assets).href, Number(size) || 0])));
  const originalFetch = countDownloads(post, sizes);

  const start = async () => {
    post({ kind: "progress", stage: "python", text: texts.python });
    // Fail fast when the WebAssembly file is blocked or missing (a proxy, a filter, a broken copy): Pyodide
    // itself may hang in that case. The probe runs beside Pyodide's own download and only fails the start.
    const probe = originalFetch(new URL("pyodide/pyodide.asm.wasm", assets), { method: "HEAD" }).then((r) => {
      if (!r.ok) throw new Error(`pyodide.asm.wasm: HTTP ${r.status}`);
    });
    // Fetch the calculator and the standards while Python starts (in parallel, not one after the other).
    const calculatorFiles = (async () => {
      const { calculator: calculatorPath, standards: standardsPath } = await manifest;
      const [calculator, bundleText] = await Promise.all([
        fetchChecked(new URL(calculatorPath, assets), "calculator").then((r) => r.arrayBuffer()),
        fetchChecked(new URL(standardsPath, assets), "standards").then((r) => r.text()),
      ]);
      return { calculator, bundleText };
    })();
    calculatorFiles.catch(() => {}); // reported below, once awaited
    const [pyodide] = await Promise.all([loadPyodide({ indexURL: new URL("pyodide/", assets).href }), probe]);
    const pythonMs = performance.now();
    post({ kind: "progress", stage: "calculator", text: texts.calculator });
    const { calculator, bundleText } = await calculatorFiles;
    // The calculator is a zip of bytecode (the wheel compiled when the site was built, sitebuild/pyodide_compile.py)
    // that Python imports from as it is (zipimport): write it to Pyodide's in-memory file system and put it on
    // sys.path. Nothing to unpack, no site-packages lookup, nothing to compile.
    pyodide.FS.writeFile("/calculator.zip", new Uint8Array(calculator));
    pyodide.runPython("import sys; sys.path.insert(0, '/calculator.zip')");
    return { pyodide, bundleText, pythonMs };
  };
  const started = start();
  started.catch(fail);
  return started;
}
