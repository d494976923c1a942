// The "theme" page of scripts/bench-page: the 测算 page exactly as built (theme, page.js, the county figures), but
// its worker only boots the site's own Pyodide and evaluates 1+1, like the bare page: no calculator, no standards,
// no download counting. Against it, the 测算 page's extra time is the calculator's own; against the bare page,
// this page's extra time is the theme's. Like the 测算 page's worker, it gets the page's manifest (which names
// Pyodide's files by content hash, sitebuild/offline.py) as its first message from boot.js.
import { loadPyodide } from "../assets/pyodide/pyodide.mjs";

// No top-level await: the page's message is delivered once this module has been evaluated.
const assets = new URL("../assets/", import.meta.url);
self.onmessage = async (event) => {
  if (event.data.kind !== "manifest") return;
  const { pyodide_index: index, stdlib, pyodide_lock: lockFileContents } = event.data.manifest;
  const pyodide = await loadPyodide({ indexURL: new URL(index, assets).href, stdLibURL: new URL(stdlib, assets).href,
    lockFileContents });
  pyodide.runPython("1+1");
  self.postMessage({ kind: "ready", ms: performance.now() }); // ms since the worker began, as the 测算 worker's
};
