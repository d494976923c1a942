// Helpers shared by the site's page scripts (测算: calc/page.js, 县市标准配置: config/page.js).

const POLICY = new URL("../policy/", import.meta.url).pathname; // this file is <site root>/assets/html.js

/** Text made safe to put inside HTML (element content or a double-quoted attribute); null/undefined → "". */
export const esc = (text) =>
  String(text ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/** A link to a clause of the policy text: clause("2-3-1") → 第 2-3-1 条, to policy/#2-3-1. */
export const clause = (id) => `<a class="clause" href="${POLICY}#${esc(id)}">第 ${esc(id)} 条</a>`;

/**
 * The Python start-up status of a page: `box` (its data-state is "loading", "ready" or "failed"), its `text`
 * element and its progress `bar`. Returns {show(kind, text), bytes(loaded, total, what)}: bytes shows how much of
 * the download of `what` has arrived (loaded and total in bytes, shown as a share: the total is the files' size
 * as built, which a compressing server sends in fewer bytes, see calc/python.js) while the state is "loading".
 */
export function startupStatus(box, text, bar) {
  const show = (kind, message) => {
    box.dataset.state = kind;
    text.textContent = message;
    if (kind !== "loading") bar.hidden = true;
  };
  const bytes = (loaded, total, what) => {
    if (box.dataset.state !== "loading" || !(total > 0)) return;
    bar.hidden = false;
    bar.max = total;
    bar.value = loaded;
    const percent = Math.floor((100 * Math.min(loaded, total)) / total);
    text.textContent = percent < 100 ? `正在下载${what}：已完成 ${percent}%。可以先填写。`
      : `${what}已下载，正在启动……可以先填写。`;
  };
  return { show, bytes };
}

/** The browser's and Pyodide's start-up failure texts are English: what they mean, with the original kept. */
export function inChinese(text) {
  const said = String(text);
  if (/fetch|network|HTTP|load/i.test(said)) return "下载失败：网络中断，或文件被网络或浏览器拦截；" + said;
  if (/memory|allocation|RangeError/i.test(said)) return "手机或浏览器内存不足；" + said;
  if (/WebAssembly|wasm|CompileError/i.test(said)) return "浏览器无法运行计算程序；" + said;
  return said;
}
