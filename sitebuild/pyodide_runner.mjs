// Runs the calculator inside real Pyodide (Python 3.14 compiled to WebAssembly, the runtime of the 测算 page)
// under Node 20, from the pinned npm package in node_modules/pyodide. Used by tests/test_pyodide_scenarios.py
// and scripts/bench-calculator.
//
//   node sitebuild/pyodide_runner.mjs JOB.json
//
// JOB.json: {"wheel": "/abs/path/honghe_assistance_calculator-…-py3-none-any.whl",  (or the compiled zip the
//                                                        site ships, sitebuild/pyodide_compile.calculator_zip)
//            "bundle": "<the standards bundle as JSON text>",
//            "cases": ["<application JSON text>", …],
//            "bench_runs": 2000,                      (optional: time that many assessments)
//            "stdlib": "/abs/path/python_stdlib.zip",  (optional: the site's trimmed standard library, as the
//                                                        page loads it; default: the npm package's full one)
//            "configurator_requests": ["<request JSON text>", …],  (optional: standards_tools.configurator.evaluate_json
//                                                        on each, after configurator.init(bundle), as the 县市标准配置
//                                                        page's worker does)
//            "imports": ["module", …],                  (optional: import these too)
//            "report_stdlib": true}                     (optional: list the standard-library files Python read)
//
// The calculator is installed the way the page installs it (docs/assets/calc/python.js): the pure-Python wheel
// is written into Pyodide's file system and put on sys.path, Python importing from the zip archive in place.
// Then calculator.page_api.init(bundle) once and calculator.page_api.assess_json(case) for each case, exactly as the
// page's worker does.
//
// Prints one JSON document on stdout:
//   {"python": "3.14.2", "pyodide": "314.0.7", "calculator_file": "/calculator.zip/calculator/__init__.py" (or
//    .pyc: the calculator compiled as the site ships it),
//    "stdlib_file": "/lib/python314.zip/json/__init__.py" (or .pyc: the site's compiled zip),
//    "load_ms": …, "results": ["<assess_json's text, unchanged>", …], "bench_ms": [per-call ms, …],
//    "configurator_results": [text, …], "stdlib_files": ["json/__init__.py", …] (with report_stdlib)}
// Everything else Pyodide prints goes to stderr, so stdout stays parseable. Exit status 1 on any failure.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const { loadPyodide, version } = await import(join(ROOT, "node_modules", "pyodide", "pyodide.mjs"));

function fail(message) {
  process.stderr.write(`pyodide_runner: ${message}\n`);
  process.exit(1);
}

async function main() {
  const jobPath = process.argv[2];
  if (!jobPath) fail("usage: node sitebuild/pyodide_runner.mjs JOB.json");
  const job = JSON.parse(readFileSync(jobPath, "utf8"));
  if (typeof job.wheel !== "string" || typeof job.bundle !== "string" || !Array.isArray(job.cases)) {
    fail("JOB.json needs wheel (path), bundle (JSON text) and cases (list of JSON texts)");
  }

  const t0 = performance.now();
  const toStderr = (line) => process.stderr.write(line + "\n");
  const options = { stdout: toStderr, stderr: toStderr };
  if (job.stdlib) options.stdLibURL = job.stdlib;
  const pyodide = await loadPyodide(options);
  // As the page does it (docs/assets/calc/python.js): the wheel is a zip archive Python imports from in place.
  pyodide.FS.writeFile("/calculator.zip", new Uint8Array(readFileSync(job.wheel)));
  pyodide.runPython("import sys; sys.path.insert(0, '/calculator.zip')");
  if (job.tools) { // the standards tools, beside the engine, as the 县市标准配置 page loads them
    pyodide.FS.writeFile("/standards_tools.zip", new Uint8Array(readFileSync(job.tools)));
    pyodide.runPython("import sys; sys.path.insert(0, '/standards_tools.zip')");
  }

  const pageApi = pyodide.pyimport("calculator.page_api");
  const calculatorFile = pyodide.runPython("import calculator; calculator.__file__");
  const stdlibFile = pyodide.runPython("import json; json.__file__"); // …/json/__init__.pyc: the compiled zip
  const pythonVersion = pyodide.runPython("import platform; platform.python_version()");
  const ready = JSON.parse(pageApi.init(job.bundle));
  if (!ready.ok) fail(`calculator.page_api.init refused the bundle: ${JSON.stringify(ready)}`);
  const loadMs = performance.now() - t0;

  // assess_json never raises for any input (invalid input gives {"error": …}); should it raise all the same,
  // the case gets {"exception": "<Python's last traceback line>"} and the other cases still run.
  const assess = (text) => {
    try {
      return pageApi.assess_json(text);
    } catch (error) {
      const lines = String(error && error.message ? error.message : error).trim().split("\n");
      return JSON.stringify({ exception: lines[lines.length - 1].trim() });
    }
  };
  const results = job.cases.map(assess);

  const benchMs = [];
  const runs = job.bench_runs | 0;
  if (runs > 0 && job.cases.length) {
    for (const text of job.cases) pageApi.assess_json(text); // warm-up: one pass over every case
    for (let i = 0; i < runs; i++) {
      const text = job.cases[i % job.cases.length];
      const start = performance.now();
      pageApi.assess_json(text);
      benchMs.push(performance.now() - start);
    }
  }
  pageApi.destroy();

  let configuratorResults = [];
  if (Array.isArray(job.configurator_requests)) {
    const configurator = pyodide.pyimport("standards_tools.configurator");
    configurator.init(job.bundle);
    configuratorResults = job.configurator_requests.map((text) => configurator.evaluate_json(text));
    configurator.destroy();
  }
  for (const name of job.imports || []) pyodide.pyimport(name).destroy();
  let stdlibFiles;
  if (job.report_stdlib) {
    // A Python error that reaches JavaScript from inside the calculator and the standard library, as a failing
    // page call would: Pyodide formats it with its traceback (which reads the source lines of both zips).
    try { pyodide.runPython("import calculator.page_api; calculator.page_api.init('{')"); } catch (error) { /* expected */ }
    stdlibFiles = JSON.parse(pyodide.runPython(`
import json, sys
_prefix = "/lib/python314.zip/"
json.dumps(sorted({m.__file__[len(_prefix):] for m in list(sys.modules.values())
                   if isinstance(getattr(m, "__file__", None), str) and m.__file__.startswith(_prefix)}))
`));
  }

  process.stdout.write(JSON.stringify({
    python: pythonVersion,
    pyodide: version,
    calculator_file: calculatorFile,
    stdlib_file: stdlibFile,
    load_ms: loadMs,
    results,
    bench_ms: benchMs,
    configurator_results: configuratorResults,
    stdlib_files: stdlibFiles,
  }) + "\n");
}

main().catch((error) => fail(error && error.stack ? error.stack : String(error)));
