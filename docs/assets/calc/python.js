// Shared start-up of the site's Python workers (测算 and 县市标准配置): Pyodide from this site's own
// assets/pyodide/, the calculator (compiled, from its wheel) and the standards bundle, with progress in bytes and a clear failure.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const assets = new URL("../", import.meta.url);

async function fetchChecked(url, kind, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${kind}: HTTP ${response.status}`);
  return response;
}

// Count the bytes of the downloads so the page can show progress (stage and bytes). `expected` resolves to the
// files the start will download, URL → size as built (calc-manifest.json "downloads"), so the total is known from
// the start and stays right behind a server that compresses: such a server sends the compressed Content-Length,
// while the body is read decompressed. Only those files count, under the address asked for (a redirect does not
// make a second entry). Files that are fetched are counted as they stream in; pyodide.asm.mjs, which Pyodide
// imports as a module, counts when the browser reports it complete (Resource Timing). When the sizes are unknown
// (no manifest, or one without them) no share is reported at all rather than a wrong one. A clone is counted and
// the original response handed on untouched: WebAssembly streaming compilation and the browser's compiled-code
// cache need the real response (its URL and cache entry).
function countDownloads(post, expected) {
  const loaded = new Map(); // URL asked for -> bytes read so far (decompressed)
  let sizes = null; // URL -> size as built, once the manifest has arrived and if it lists them
  let lastReport = 0;
  const report = (force) => {
    const now = performance.now();
    if (!sizes || (!force && now - lastReport < 150)) return;
    lastReport = now;
    let got = 0;
    let total = 0;
    for (const [url, size] of sizes) {
      const read = loaded.get(url) || 0;
      got += read;
      total += Math.max(size, read); // a file larger than listed never shows a false 100 %
    }
    post({ kind: "bytes", loaded: got, total });
  };
  expected.then((known) => { sizes = known.size ? known : null; report(true); }, () => {});
  if (typeof PerformanceObserver === "function") {
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          if (!loaded.has(entry.name) && entry.name.endsWith(".mjs")) {
            loaded.set(entry.name, entry.decodedBodySize || 0);
            report(true);
          }
        }
      }).observe({ type: "resource", buffered: true });
    } catch {
      // no Resource Timing in this worker: the module simply does not count
    }
  }
  const originalFetch = self.fetch.bind(self);
  self.fetch = async (input, init) => {
    const response = await originalFetch(input, init);
    if (!response.body || !response.ok) return response;
    const url = new URL(input && input.url ? input.url : String(input), self.location.href).href;
    loaded.set(url, 0);
    const reader = response.clone().body.getReader();
    (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        loaded.set(url, loaded.get(url) + value.byteLength);
        report(false);
      }
      report(true);
    })().catch(() => {});
    return response;
  };
}

/** calc-manifest.json "downloads" (path under assets/ → size in bytes), with "package_downloads" of the extra
 * packages asked for, as URL → size; empty when not usable. */
function downloadSizes(manifest, extraPackages) {
  const listed = manifest && manifest.downloads;
  const sizes = new Map();
  if (!listed || typeof listed !== "object" || Array.isArray(listed)) return sizes;
  const extra = {};
  for (const name of extraPackages) {
    const path = manifest[name];
    const size = manifest.package_downloads && manifest.package_downloads[path];
    if (typeof path !== "string" || size === undefined) return sizes;
    extra[path] = size;
  }
  for (const [path, size] of Object.entries({ ...listed, ...extra })) {
    if (!Number.isSafeInteger(size) || size <= 0) return new Map();
    sizes.set(new URL(path, assets).href, size);
  }
  return sizes;
}

/**
 * Pyodide compiles its WebAssembly with WebAssembly.instantiateStreaming, wrapped here:
 * - The response is checked first. A file that is blocked or missing (a proxy, a filter, a broken copy), or served
 *   with another Content-Type than application/wasm (a server not set up for it, which streaming compilation
 *   refuses), fails the start at once (`fail`): Pyodide itself may hang in those cases.
 * - Streaming compilation may reject: iOS with a RangeError when memory is short, some Android WebViews with a
 *   TypeError. Pyodide then never settles. So on a rejection the file is fetched again (from the browser's cache)
 *   and compiled from its bytes; should that fail too, the failure is posted at once and the promise rejects.
 * (This replaces a HEAD request for the same checks: one request less, and none that a service worker's cache
 * cannot answer when the network is off.)
 */
function compileWithFallback(fail) {
  const streaming = WebAssembly.instantiateStreaming;
  if (typeof streaming !== "function") return;
  const refuse = (error) => {
    fail(error);
    throw error;
  };
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const response = await Promise.resolve(source).catch(refuse);
    if (!response.ok) refuse(new Error(`pyodide.asm.wasm: HTTP ${response.status}`));
    const type = (response.headers.get("Content-Type") || "").split(";")[0].trim().toLowerCase();
    if (type !== "application/wasm") refuse(new Error(`pyodide.asm.wasm: Content-Type ${type || "(none)"}`));
    try {
      return await streaming.call(WebAssembly, response, imports);
    } catch (streamingError) {
      try {
        const again = await fetch(response.url);
        if (!again.ok) throw new Error(`pyodide.asm.wasm: HTTP ${again.status}`);
        return await WebAssembly.instantiate(await again.arrayBuffer(), imports);
      } catch (error) {
        fail(new Error(`wasm instantiation failed (${streamingError}; ${error})`));
        throw error;
      }
    }
  };
}

/**
 * Start Python with the calculator installed, and the `extraPackages` (manifest keys, e.g. "standards_tools", each
 * a compiled zip imported from /NAME.zip). `post` sends messages to the page; `texts` = {python, calculator}
 * are the Chinese stage texts. `givenManifest`: a promise of the page's own manifest (the 测算 page carries its
 * build's, sitebuild/offline.py); without it, assets/calc-manifest.json is fetched. The manifest names every file
 * by a path that carries a hash of its bytes, so the files always belong to one build. Resolves to
 * {pyodide, bundleText, pythonMs} (pythonMs: when Python had started, in ms since the worker began, as
 * performance.now() is in the worker); failures are also posted as {kind: "failed"} (Pyodide does not always
 * reject when its WebAssembly cannot be fetched or compiled).
 */
export function startPython(post, texts, extraPackages = [], givenManifest = null) {
  let said = false; // the first failure is the cause: what follows from it is not said again
  const fail = (error) => {
    if (said) return;
    said = true;
    post({ kind: "failed", text: String(error && error.message ? error.message : error) });
  };
  compileWithFallback(fail);
  self.addEventListener("unhandledrejection", (event) => {
    event.preventDefault(); // reported to the page as {kind: "failed"}; not also as an uncaught error
    fail(event.reason);
  });
  self.addEventListener("error", (event) => fail(event.message));
  // The manifest names the calculator's files and what every download weighs (hooks/site_assets.py).
  // Asked of the server every time (a 304 when unchanged): a kept old manifest would name files that a newer build
  // has replaced.
  const manifest = givenManifest ||
    fetchChecked(new URL("calc-manifest.json", assets), "manifest", { cache: "no-cache" }).then((r) => r.json());
  manifest.catch(() => {}); // reported below, once awaited
  countDownloads(post, manifest.then((m) => downloadSizes(m, extraPackages)));

  const start = async () => {
    post({ kind: "progress", stage: "python", text: texts.python });
    // The manifest names Pyodide's files: without it nothing can start, so a missing one is said at once.
    const { pyodide_index: index, stdlib } = await manifest;
    const indexURL = new URL(index, assets).href;
    // Fetch the calculator and the standards while Python starts (in parallel, not one after the other).
    const calculatorFiles = (async () => {
      const listed = await manifest;
      const zip = (name) => fetchChecked(new URL(listed[name], assets), name).then((r) => r.arrayBuffer());
      const [bundleText, ...zips] = await Promise.all([
        fetchChecked(new URL(listed.standards, assets), "standards").then((r) => r.text()),
        ...["calculator", ...extraPackages].map(zip),
      ]);
      return { zips, bundleText };
    })();
    calculatorFiles.catch(() => {}); // reported below, once awaited
    // The lock file: the empty one in the manifest (no package is loaded from it; sitebuild/pyodide_lock.py).
    const lockFileContents = manifest.then((m) => m.pyodide_lock ||
      fetchChecked(new URL("pyodide/pyodide-lock.json", assets), "lock").then((r) => r.json()));
    const pyodide = await loadPyodide({ indexURL, stdLibURL: new URL(stdlib, assets).href, lockFileContents });
    const pythonMs = performance.now();
    post({ kind: "progress", stage: "calculator", text: texts.calculator });
    const { zips, bundleText } = await calculatorFiles;
    // Each package is a zip of bytecode (its part of the wheel compiled when the site was built,
    // sitebuild/pyodide_compile.py) that Python imports from as it is (zipimport): write it to Pyodide's in-memory
    // file system and put it on sys.path. Nothing to unpack, no site-packages lookup, nothing to compile.
    ["calculator", ...extraPackages].forEach((name, i) => {
      pyodide.FS.writeFile(`/${name}.zip`, new Uint8Array(zips[i]));
      pyodide.runPython(`import sys; sys.path.insert(0, '/${name}.zip')`);
    });
    return { pyodide, bundleText, pythonMs };
  };
  const started = start();
  started.catch(fail);
  return started;
}
