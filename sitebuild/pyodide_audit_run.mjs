// Runs ledger_audit.web inside Pyodide under Node the way the 台账核查 page's worker does (docs/assets/audit/
// worker.js): the calculator zip first on sys.path, then the audit's zips through docs/assets/audit/setup.js.
// Used by scripts/pyodide-stdlib-audit (which standard-library files the audit reads) and tests/test_pyodide_audit.py.
//
//   node sitebuild/pyodide_audit_run.mjs JOB.json
//
// JOB.json: {"stdlib": "/abs/python_stdlib.zip" (optional: default the npm package's full one),
//            "calculator": "/abs/calculator zip or wheel", "zips": [{"fs": "/x.zip", "path": "/abs/x.zip"}, …],
//            "split": [["encodings", "/audit_stdlib.zip/encodings"], …], "bundle": "<bundle JSON text>",
//            "ledgers": [{"path": "/abs/l.xlsx", "name": "l.xlsx", "as_of": "2025-12-31"}, …],
//            "report_stdlib": ["/lib/python314.zip/", …]}  (optional: list the files read under these prefixes)
// Prints {"results": [audit_file's JSON text, …], "xlsx_sizes": [bytes, …], "progress": [[[done, total], …], …],
//         "stdlib_files": {prefix: [file, …]}} on stdout.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { installAudit } from "../docs/assets/audit/setup.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const { loadPyodide } = await import(join(ROOT, "node_modules", "pyodide", "pyodide.mjs"));

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const toStderr = (line) => process.stderr.write(line + "\n");
const options = { stdout: toStderr, stderr: toStderr };
if (job.stdlib) options.stdLibURL = job.stdlib;
const pyodide = await loadPyodide(options);
pyodide.FS.writeFile("/calculator.zip", new Uint8Array(readFileSync(job.calculator)));
pyodide.runPython("import sys; sys.path.insert(0, '/calculator.zip')");
installAudit(pyodide, job.zips.map((z) => ({ fs: z.fs, bytes: new Uint8Array(readFileSync(z.path)) })), job.split);
const web = pyodide.pyimport("ledger_audit.web");
web.init(job.bundle);
const results = [];
const xlsxSizes = [];
const progress = [];
for (const [i, ledger] of job.ledgers.entries()) {
  const fs = `/tmp/ledger-${i}` + ledger.name.slice(ledger.name.lastIndexOf("."));
  pyodide.FS.writeFile(fs, new Uint8Array(readFileSync(ledger.path)));
  const seen = [];
  results.push(web.audit_file(fs, ledger.name, ledger.as_of || "", (done, total) => seen.push([done, total]), 5));
  progress.push(seen);
  const out = web.report_xlsx("/tmp/report.xlsx");
  xlsxSizes.push(pyodide.FS.readFile(out).length);
  pyodide.FS.unlink(fs);
}
const stdlibFiles = {};
for (const prefix of job.report_stdlib || []) {
  pyodide.globals.set("_prefix", prefix);
  stdlibFiles[prefix] = JSON.parse(pyodide.runPython(`
import json, sys
json.dumps(sorted({m.__file__[len(_prefix):] for m in list(sys.modules.values())
                   if isinstance(getattr(m, "__file__", None), str) and m.__file__.startswith(_prefix)}))
`));
}
process.stdout.write(JSON.stringify({ results, xlsx_sizes: xlsxSizes, progress, stdlib_files: stdlibFiles }) + "\n");
