// Puts the 台账核查 code on Python's path: the audit's own standard-library zip (files the site's stdlib zip does not
// have), ledger_audit, openpyxl and et_xmlfile, each a zip Python imports from as it is. Shared by the page's worker
// (worker.js) and the tests that run the same arrangement under Node (sitebuild/pyodide_audit_run.mjs).
//
// zips: [{fs: "/ledger_audit.zip", bytes: Uint8Array}, …] in manifest order; split: [["encodings",
// "/audit_stdlib.zip/encodings"], …] packages whose __init__ is in the site's stdlib zip and whose other modules
// the audit's zip brings (their __path__ gets the second directory).
export function installAudit(pyodide, zips, split) {
  for (const { fs, bytes } of zips) pyodide.FS.writeFile(fs, bytes);
  pyodide.globals.set("_audit_paths", pyodide.toPy(zips.map((z) => z.fs)));
  pyodide.globals.set("_audit_split", pyodide.toPy(split));
  pyodide.runPython(`
import importlib, sys
sys.path.extend(_audit_paths)
for _name, _dir in _audit_split:
    importlib.import_module(_name).__path__.append(_dir)
del _audit_paths, _audit_split
`);
}
