// Web Worker: starts Pyodide once (self-hosted under assets/pyodide/), loads the calculator wheel and the
// standards bundle, then answers assessments. Every file comes from this site's own origin.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const assets = new URL("../", import.meta.url);
const post = (message) => self.postMessage(message);

async function fetchChecked(url, kind) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${kind}: HTTP ${response.status}`);
  return response;
}

async function start() {
  const t0 = performance.now();
  post({ kind: "progress", stage: "python", text: "正在下载并启动 Python 运行环境……" });
  const pyodide = await loadPyodide({ indexURL: new URL("pyodide/", assets).href });
  post({ kind: "progress", stage: "calculator", text: "正在载入测算程序和各县标准……" });
  const manifest = await (await fetchChecked(new URL("calc-manifest.json", assets), "manifest")).json();
  const errors = [];
  await pyodide.loadPackage(new URL(manifest.wheel, assets).href, {
    messageCallback: () => {},
    errorCallback: (message) => errors.push(message),
  });
  if (errors.length) throw new Error(errors.join("; "));
  const bundleText = await (await fetchChecked(new URL(manifest.standards, assets), "standards")).text();
  const web = pyodide.pyimport("calculator.web");
  web.init(bundleText);
  return { web, ms: performance.now() - t0 };
}

const ready = start();
ready.then(
  ({ ms }) => post({ kind: "ready", ms }),
  (error) => post({ kind: "failed", text: String(error && error.message ? error.message : error) }),
);

self.onmessage = async (event) => {
  const { id, application } = event.data;
  try {
    const { web } = await ready;
    const t = performance.now();
    const text = web.assess_json(JSON.stringify(application));
    post({ kind: "result", id, result: JSON.parse(text), ms: performance.now() - t });
  } catch (error) {
    post({ kind: "result", id, result: { error: { field: "$", message: "计算程序出错：" + error } } });
  }
};
