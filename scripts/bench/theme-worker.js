// The "theme" page of scripts/bench-page: the 测算 page exactly as built (theme, page.js, the county figures), but
// its worker only boots the site's own Pyodide and evaluates 1+1, like the bare page: no calculator, no standards,
// no download counting. Against it, the 测算 page's extra time is the calculator's own; against the bare page,
// this page's extra time is the theme's.
import { loadPyodide } from "../assets/pyodide/pyodide.mjs";

const pyodide = await loadPyodide({ indexURL: new URL("../assets/pyodide/", import.meta.url).href });
pyodide.runPython("1+1");
self.postMessage({ kind: "ready", ms: performance.now() }); // ms since the worker began, as the 测算 worker's
