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
 * the download of `what` has arrived (loaded and total in bytes; the total is the files' size as built, which a
 * compressing server sends in fewer bytes, see calc/python.js) while the state is "loading": the bar, and the share
 * in per cent beside the text. The text is the box's live region, so it changes only when there is something new
 * to say (downloading, then starting) and a text put there by someone else stays until then; the share, which
 * changes every 150 ms, is hidden from screen readers, which read the bar instead.
 */
export function startupStatus(box, text, bar) {
  const share = document.createElement("span");
  share.className = "status-share";
  share.setAttribute("aria-hidden", "true");
  text.after(share);
  let said = "";
  const show = (kind, message) => {
    box.dataset.state = kind;
    text.textContent = message;
    share.textContent = "";
    if (kind !== "loading") bar.hidden = true;
  };
  const bytes = (loaded, total, what) => {
    if (box.dataset.state !== "loading" || !(total > 0)) return;
    bar.hidden = false;
    bar.max = total;
    bar.value = Math.min(loaded, total);
    const done = loaded >= total;
    const message = done ? `${what}已下载，正在启动……可以先填写。` : `正在下载${what}，可以先填写。`;
    if (message !== said) {
      said = message;
      text.textContent = message;
    }
    share.textContent = done ? "" : `已完成 ${Math.floor((100 * loaded) / total)}%`;
  };
  return { show, bytes };
}

/** The browser's and Pyodide's start-up failure texts are English: what they mean, with the original kept. */
export function inChinese(text) {
  const said = String(text);
  if (/Content-Type/.test(said)) return "网站服务器没有按 application/wasm 类型提供计算程序文件，浏览器无法运行（需网站管理员调整服务器设置）；" + said;
  if (/fetch|network|HTTP|load/i.test(said)) return "下载失败：网络中断，或文件被网络或浏览器拦截；" + said;
  if (/memory|allocation|RangeError/i.test(said)) return "手机或浏览器内存不足；" + said;
  if (/WebAssembly|wasm|CompileError/i.test(said)) return "浏览器无法运行计算程序；" + said;
  return said;
}
