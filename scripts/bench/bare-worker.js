// Pyodide exactly as the npm package ships it (scripts/bench-page copies node_modules/pyodide into bench/pyodide/).
import { loadPyodide } from "./pyodide/pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("./pyodide/", import.meta.url).href });
self.postMessage({ value: pyodide.runPython("1+1"), ms: performance.now() });
