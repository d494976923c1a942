// Pyodide under Node for scripts/bench-audit: the same Python (calculator, ledger_audit, openpyxl, et_xmlfile) as
// the 台账核查 page runs, timing scripts/bench/audit_timing.py on a ledger file.
//
//   node scripts/bench/audit-runner.mjs JOB.json
//
// JOB.json: {"zips": ["/abs/x.zip or .whl", …],   put on sys.path in that order (Python imports from them)
//            "modules": {"/audit_timing.py": "/abs/path/scripts/bench/audit_timing.py"},  copied into the FS
//            "ledger": "/abs/path/ledger.csv", "bundle": "<bundle JSON text>", "repeats": 1}
// Prints {"pyodide", "python", "load_ms", "result": audit_timing.time_both(...) with the heap sizes} on stdout; Pyodide's own output goes to stderr.
import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { loadPyodide, version } = await import(join(ROOT, "node_modules", "pyodide", "pyodide.mjs"));

const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const t0 = performance.now();
const toStderr = (line) => process.stderr.write(line + "\n");
// CPU seconds of this process so far, for audit_timing (as js.cpuSeconds): the wall clock also counts waiting.
globalThis.cpuSeconds = () => { const { user, system } = process.cpuUsage(); return (user + system) / 1e6; };
const pyodide = await loadPyodide({ stdout: toStderr, stderr: toStderr });
const paths = [];
for (const zip of job.zips) {
  const target = "/" + basename(zip);
  pyodide.FS.writeFile(target, new Uint8Array(readFileSync(zip)));
  paths.push(target);
}
for (const [target, source] of Object.entries(job.modules || {})) {
  pyodide.FS.writeFile(target, readFileSync(source));
}
const ledger = "/ledger" + job.ledger.slice(job.ledger.lastIndexOf("."));
pyodide.FS.writeFile(ledger, new Uint8Array(readFileSync(job.ledger)));
pyodide.globals.set("zip_paths", pyodide.toPy(paths));
pyodide.runPython("import sys; sys.path[:0] = ['/'] + list(zip_paths)");
const loadMs = performance.now() - t0;
pyodide.globals.set("ledger_path", ledger);
pyodide.globals.set("bundle_text", job.bundle);
pyodide.globals.set("repeats", job.repeats || 1);
// WebAssembly memory only grows: its size after a pass bounds the pass's peak from above.
const heap = () => pyodide._module.HEAP8.length;
pyodide.runPython("import audit_timing");
const heapStart = heap();
const run = (code) => JSON.parse(pyodide.runPython(`import json; json.dumps(${code})`));
// One untimed pass of each first, for the memory; then the timed passes, interleaved.
run("audit_timing.parse_pass(ledger_path)()");
const heapAfterParse = heap();
run("audit_timing.audit_pass(ledger_path, bundle_text, {})()");
const heapAfterAudit = heap();
const result = run("audit_timing.time_both(ledger_path, bundle_text, repeats)");
result.heap_after_parse_bytes = heapAfterParse;
result.heap_after_audit_bytes = heapAfterAudit;
result.heap_start_bytes = heapStart;
const python = pyodide.runPython("import platform; platform.python_version()");
process.stdout.write(JSON.stringify({ pyodide: version, python, load_ms: loadMs, result }) + "\n");
