// Helpers shared by the site's page scripts (测算: calc/page.js, 县市标准配置: config/page.js).

const POLICY = new URL("../policy/", import.meta.url).pathname; // this file is <site root>/assets/html.js

/** Text made safe to put inside HTML (element content or a double-quoted attribute); null/undefined → "". */
export const esc = (text) =>
  String(text ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/** A link to a clause of the policy text: clause("2-3-1") → 第 2-3-1 条, to policy/#2-3-1. */
export const clause = (id) => `<a class="clause" href="${POLICY}#${esc(id)}">第 ${esc(id)} 条</a>`;
