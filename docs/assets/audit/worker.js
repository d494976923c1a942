// Web Worker of the 台账核查 page: starts Python as the 测算 page does (calc/python.js), adds the audit's own files
// (assets/audit-manifest.json: its standard-library zip, ledger_audit, openpyxl, et_xmlfile; setup.js), then audits
// the file the page hands over with ledger_audit.web. The file stays in this worker's memory: nothing is sent.
import { startPython } from "../calc/python.js";
import { installAudit } from "./setup.js";
import "../pyodide/pyodide.mjs";

const post = (message, transfer) => self.postMessage(message, transfer || []);
const assets = new URL("../", import.meta.url);

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

const manifest = fetch(new URL("audit-manifest.json", assets)).then((r) => {
  if (!r.ok) throw new Error(`audit-manifest.json: HTTP ${r.status}`);
  return r.json();
});
manifest.catch(() => {});
// The audit's zips download while Python starts.
const zips = manifest.then((m) => Promise.all(m.zips.map(async (z) => ({
  fs: z.fs, bytes: await fetchBytes(new URL(z.url, assets)),
}))));
zips.catch(() => {});

const ready = startPython(post, {
  python: "正在下载并启动 Python 运行环境……可以先选择文件。",
  calculator: "正在载入核查程序和各县标准……",
}).then(async ({ pyodide, bundleText }) => {
  const [m, files] = await Promise.all([manifest, zips]);
  installAudit(pyodide, files, m.split);
  const web = pyodide.pyimport("ledger_audit.web");
  web.init(bundleText);
  post({ kind: "ready", ms: performance.now() });
  return { pyodide, web };
});
ready.catch((error) => post({ kind: "failed", text: String(error && error.message ? error.message : error) }));

self.onmessage = async (event) => {
  const { id, name, bytes, asOf } = event.data;
  const dot = name.lastIndexOf(".");
  const path = "/tmp/ledger" + (dot >= 0 ? name.slice(dot).toLowerCase() : "");
  try {
    const { pyodide, web } = await ready;
    pyodide.FS.writeFile(path, new Uint8Array(bytes));
    let last = 0;
    const progress = (done, total) => {
      const now = performance.now();
      if (done === total || now - last > 100) {
        last = now;
        post({ kind: "rows", id, done, total });
      }
    };
    const text = web.audit_file(path, name, asOf || "", progress);
    const result = JSON.parse(text);
    let xlsx = null;
    if (!result.error) {
      const out = web.report_xlsx("/tmp/report.xlsx");
      xlsx = pyodide.FS.readFile(out);
      pyodide.FS.unlink(out);
    }
    pyodide.FS.unlink(path);
    post({ kind: "result", id, result, xlsx }, xlsx ? [xlsx.buffer] : []);
  } catch (error) {
    post({ kind: "result", id, result: { error: { message: "核查程序未能运行：" + error } } });
  }
};
