// Web Worker of the 测算 page: starts Python once (assets/calc/python.js), then answers assessments with
// calculator.page_api.assess_json. Every file comes from this site's own origin. It lives beside the page, not in
// assets/, so that the page's service worker (scope calculator/, sitebuild/offline.py) controls it too: a
// dedicated worker is controlled by the service worker whose scope holds the worker's own URL.
import { startPython } from "../assets/calc/python.js";
// Named here too so that the browser fetches Pyodide's loader beside python.js, not after it.
import "../assets/pyodide/pyodide.mjs";

const post = (message) => self.postMessage(message);

// The page's own manifest (its build's files, embedded in the page: sitebuild/offline.py) is the first message.
let giveManifest;
const manifest = new Promise((resolve) => { giveManifest = resolve; });

const ready = startPython(post, {
  python: "正在下载并启动 Python 运行环境……",
  calculator: "正在载入测算程序和各县标准……",
}, [], manifest).then(({ pyodide, bundleText, pythonMs }) => {
  const pageApi = pyodide.pyimport("calculator.page_api");
  pageApi.init(bundleText);
  post({ kind: "ready", ms: performance.now(), pythonMs }); // ms since the worker began
  return { pageApi };
});

ready.catch(() => {}); // the failure is posted by startPython

self.onmessage = async (event) => {
  if (event.data.kind === "manifest") {
    giveManifest(event.data.manifest);
    return;
  }
  const { id, text } = event.data; // text: the application as JSON text (page.js)
  try {
    const { pageApi } = await ready;
    const t = performance.now();
    const answer = pageApi.assess_json(String(text));
    post({ kind: "result", id, result: JSON.parse(answer), ms: performance.now() - t });
  } catch (error) {
    post({ kind: "result", id, result: { error: { field: "$", message: "计算程序未能运行：" + error } } });
  }
};
