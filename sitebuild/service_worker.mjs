// Generate the 测算 page's service worker with Workbox (npm workbox-build, pinned; sitebuild/offline.py).
// node sitebuild/service_worker.mjs CONFIG_JSON — CONFIG_JSON: workbox-build generateSW options, with the regular
// expressions as strings. Prints {"count", "size"} of the precache as JSON; exits 1 with the reason on stderr.
import { generateSW } from "workbox-build";

const config = JSON.parse(process.argv[2]);
try {
  const { count, size, warnings } = await generateSW({
    ...config,
    dontCacheBustURLsMatching: new RegExp(config.dontCacheBustURLsMatching),
    ignoreURLParametersMatching: config.ignoreURLParametersMatching.map((p) => new RegExp(p)),
    // Workbox's runtime as a file beside sw.js on this site (no CDN), minified.
    inlineWorkboxRuntime: false,
    mode: "production",
    sourcemap: false,
    // A new version waits until the page asks it to take over (assets/calc/offline.js), so that a page never runs
    // with one build's files and another's; the old version's precache is removed once the new one is active.
    skipWaiting: false,
    clientsClaim: false,
    cleanupOutdatedCaches: true,
    // The page under the address it is visited at (calculator/, not calculator/index.html): precaching then
    // revalidates the copy the first visit fetched instead of downloading the page again.
    manifestTransforms: [(entries) => ({
      manifest: entries.map((e) => (e.url.endsWith("/index.html") ? { ...e, url: e.url.slice(0, -10) } : e)),
      warnings: [],
    })],
    // Pyodide's WebAssembly is 9.6 MB.
    maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
  });
  if (warnings.length) throw new Error(warnings.join("\n"));
  console.log(JSON.stringify({ count, size }));
} catch (error) {
  console.error(String(error && error.stack ? error.stack : error));
  process.exit(1);
}
