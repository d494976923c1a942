// Web Worker of the 县市标准配置 page: starts Python once (the same start-up as the 测算 page, calc/python.js),
// then answers the page's requests with standards_tools.configurator.evaluate_json: the validator's checks, the
// what-if and the edited file. Every file comes from this site's own origin.
import { startPython } from "../calc/python.js";
// Named here too so that the browser fetches Pyodide's loader beside python.js, not after it.
import "../pyodide/pyodide.mjs";

const post = (message) => self.postMessage(message);

const ready = startPython(post, {
  python: "正在下载并启动 Python 运行环境……可以先填写。",
  calculator: "正在载入检查程序和各县标准……",
}, ["standards_tools"]).then(({ pyodide, bundleText }) => {
  const configurator = pyodide.pyimport("standards_tools.configurator");
  configurator.init(bundleText);
  post({ kind: "ready", ms: performance.now() }); // ms since the worker began
  return { configurator };
});

ready.catch(() => {}); // the failure is posted by startPython

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
