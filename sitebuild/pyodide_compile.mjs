// Compile a zip of Python modules (the standard library the site ships, the calculator's wheel) to bytecode with
// Pyodide's own Python (3.14), under Node, from the pinned npm package in node_modules/pyodide. Used by
// sitebuild/pyodide_compile.py when the site is built.
//
//   node sitebuild/pyodide_compile.mjs IN.zip OUT.zip PREFIX OPTIMIZE
//
// PREFIX: where the zip is imported from in Pyodide's file system, ending in "/" ("/lib/python314.zip/" for
// Pyodide's standard library): the code objects name their file PREFIX + NAME.py, as Python would have.
// OPTIMIZE: 0, 1 or 2 as for compile().
//
// Every member IN.zip holds as NAME.py becomes NAME.pyc in OUT.zip (the source is left out); every other member is
// copied as it is, in the same order. Python imports a .pyc from a zip without a source beside it as it is
// (zipimport checks the source only when there is one); from a .py it would compile the source on every start of
// the page, the largest part of Python's start in a browser.
//   * optimize 2: docstrings and assert statements left out, as `python -OO` does;
//   * `-X no_debug_ranges`: line numbers kept (tracebacks and warnings name the line), column ranges left out.
// Together these keep the zip about the size of the sources'.
// Prints nothing on stdout; Pyodide's own output goes to stderr. Exit status 1 on any failure.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const [input, output, prefix, optimize] = process.argv.slice(2);
if (!input || !output || !prefix || !/^[012]$/.test(optimize)) {
  process.stderr.write("usage: node sitebuild/pyodide_compile.mjs IN.zip OUT.zip PREFIX OPTIMIZE\n");
  process.exit(1);
}

try {
  const { loadPyodide } = await import(join(ROOT, "node_modules", "pyodide", "pyodide.mjs"));
  const toStderr = (line) => process.stderr.write(line + "\n");
  const pyodide = await loadPyodide({ args: ["-X", "no_debug_ranges"], stdout: toStderr, stderr: toStderr });
  pyodide.FS.writeFile("/in.zip", readFileSync(input));
  pyodide.runPython(`
import sys, zipfile
from importlib._bootstrap_external import _code_to_timestamp_pyc

assert list(compile("x", "", "eval").co_positions())[-1][2] is None, "Python did not take -X no_debug_ranges"
prefix, optimize = ${JSON.stringify(prefix)}, ${optimize}
with zipfile.ZipFile("/in.zip") as src, zipfile.ZipFile("/out.zip", "w") as dst:
    for info in src.infolist():
        data = src.read(info)
        if info.filename.endswith(".py"):
            code = compile(data, prefix + info.filename, "exec", dont_inherit=True, optimize=optimize)
            # mtime 0 and the source's size: never compared, there is no source in the zip.
            data = bytes(_code_to_timestamp_pyc(code, 0, len(data)))
            info = zipfile.ZipInfo(info.filename + "c", info.date_time)
        info.compress_type = zipfile.ZIP_DEFLATED if not info.is_dir() else zipfile.ZIP_STORED
        dst.writestr(info, data, compresslevel=9)
`);
  writeFileSync(output, pyodide.FS.readFile("/out.zip"));
} catch (error) {
  // A Python error: its traceback (error.message) says which file and line; the JavaScript stack does not.
  const text = error && error.type ? error.message : error && error.stack ? error.stack : String(error);
  process.stderr.write(`pyodide_compile: ${text}\n`);
  process.exit(1);
}
