// The 县市标准配置 page. Shows a county's dated standards (from the standards bundle that assets/calc-manifest.json
// names, at once), reads the form, and hands it to Python in a Web Worker
// (standards_tools.configurator.evaluate_json): the validator's own checks with their messages, the what-if on the
// reference households, the county's standing, and the county's YAML file with the new entry inserted (from the
// original text in assets/config/standards/). No check or rule is computed here. Nothing is sent anywhere and
// nothing is stored.

import { clause, esc, inChinese, startupStatus } from "../html.js";

const $ = (id) => document.getElementById(id);
const form = $("cf-form");
const statusBox = $("cf-state");
const statusText = $("cf-state-text");
const progressBar = $("cf-progress");
const currentBox = $("cf-current");
const whatIfBox = $("cf-whatif");
const pendingBox = $("cf-pending");
const outputBox = $("cf-output");
const assetsURL = new URL("../", import.meta.url);

const FIELDS = ["effective", "amount", "status", "basis", "ratio", "document", "issuer", "published", "url", "note"];
// The words for values (series, units, statuses, levels) and the form's own labels: calculator/vocabulary.py and
// standards_tools/form_labels.py, put into the page by the build (sitebuild/vocabulary_html.py) as JSON with the
// prefecture-wide values by period; this script keeps no label table of its own.
const WORDS = JSON.parse($("vocabulary").textContent);
const FORM = JSON.parse($("configurator-vocabulary").textContent);
const unitOf = (kind) => WORDS.series[kind].unit;

/** The period of `periods` (from … to inclusive, ISO dates; to null: open) that holds `date`, or null: the
 * build computed the periods (calculator.dated.DatedSeries.periods), nothing is decided here. */
const periodFor = (periods, date) => periods.find((p) => p.from <= date && (p.to === null || date <= p.to)) || null;

const statusBadge = (status) => `<span class="badge ${status === "verified" ? "verified" : "unverified"}">` +
  `${esc(WORDS.status[status] || WORDS.status.unverified)}</span>`;

// ---------------------------------------------------------------------------------------------- status --
const { show: setStatus, bytes: showBytes } = startupStatus(statusBox, statusText, progressBar);

// ---------------------------------------------------------------------------------------------- worker --
let worker = null;
let pythonReady = false;
let nextId = 1;
let latestId = 0;

function startWorker() {
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    failed("此浏览器不支持 WebAssembly，无法在本机运行检查程序（可换用较新的浏览器）。");
    return;
  }
  try {
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  } catch (error) {
    failed("检查程序未能启动。");
    return;
  }
  worker.onmessage = (event) => {
    const msg = event.data;
    if (msg.kind === "progress") setStatus("loading", msg.text);
    else if (msg.kind === "bytes") showBytes(msg.loaded, msg.total, "检查程序");
    else if (msg.kind === "ready") {
      pythonReady = true;
      setStatus("ready", "检查程序已就绪（在本机运行）。填写时逐项检查。");
      document.documentElement.dataset.configurator = "ready";
      evaluate();
    } else if (msg.kind === "failed") {
      failed("检查程序未能启动（" + inChinese(msg.text) + "）。");
    } else if (msg.kind === "result" && msg.id === latestId) {
      render(msg.result);
    }
  };
  worker.onerror = (event) => {
    event.preventDefault();
    failed("检查程序未能启动（" + (event.message ? inChinese(event.message) : "可能是内存不足或被拦截") + "）。");
  };
}

function failed(reason) {
  setStatus("failed", reason + "可以按 standards/README.md 直接编辑文件，再运行 scripts/validate-standards 检查。");
  document.documentElement.dataset.configurator = "failed";
  worker = null;
}

// ------------------------------------------------------------------------------------------ data files --
let bundle = null;
let index = null;
const originals = new Map(); // code -> original YAML text

const dataReady = (async () => {
  try {
    // Asked of the server every time: a kept old manifest would name a standards file a newer build replaced.
    const manifest = await (await fetch(new URL("calc-manifest.json", assetsURL), { cache: "no-cache" })).json();
    const [b, i] = await Promise.all([
      fetch(new URL(manifest.standards, assetsURL)).then((r) => r.json()),
      fetch(new URL("config/standards/index.json", assetsURL)).then((r) => r.json()),
    ]);
    bundle = b;
    index = i;
  } catch (error) {
    currentBox.hidden = false;
    currentBox.innerHTML = '<p class="field-error">未能读取各县标准数据，请刷新页面重试。</p>';
  }
})();

async function loadOriginal(code) {
  if (originals.has(code)) return originals.get(code);
  await dataReady;
  const item = index && index.counties[code];
  if (!item) return null;
  const response = await fetch(new URL(`config/standards/${item.file}`, assetsURL), { cache: "no-cache" });
  if (!response.ok) return null;
  const text = await response.text();
  originals.set(code, text);
  return text;
}

// ------------------------------------------------------------------------------------ current standards --
function sourceText(source) {
  if (!source) return "";
  const parts = [esc(source.document), esc(source.issuer)];
  if (source.published) parts.push(`${esc(source.published)} 发布`);
  let html = parts.join(" · ");
  if (source.url) html += ` · <a href="${esc(source.url)}" rel="noopener noreferrer">原文链接</a>`;
  if (source.note) html += `<br><span class="cf-note">${esc(source.note)}</span>`;
  return html;
}

function seriesList(kind, values) {
  if (!values.length) {
    return '<p class="cf-empty">还没有本县市的数（values: []）：测算按省级指导标准进行，并提示“本县标准未核实”。</p>';
  }
  return '<ul class="cf-values">' + values.map((v) => `<li><span class="cf-when">${esc(v.effective)} 起</span>
    <strong>${esc(v.amount)}</strong> ${unitOf(kind)} ${statusBadge(v.status)}
    <div class="cf-source">${sourceText(v.source)}</div></li>`).join("") + "</ul>";
}

/** The Yunnan floor in force today (the value whose period holds today's date), or nothing before the first. */
function floorText(urban, rural) {
  if (!urban || !rural) return "";
  const one = (kind, p) => `${esc(p.amount)} ${unitOf(kind)}（${esc(p.effective)} 起）`;
  return `<p class="help">云南省指导标准（县市标准不得低于同期省级标准）：城市 ${one("urban", urban)}，农村 ${one("rural", rural)}。</p>`;
}

function renderCurrent() {
  const code = form.elements.county.value;
  if (!code || !bundle) { currentBox.hidden = true; return; }
  const county = bundle.counties[code];
  const today = todayISO();
  const floor = (kind) => periodFor(FORM.periods.floor[kind], today);
  const ratioPeriod = periodFor(FORM.periods.township_limit_ratio, today);
  const ratio = ratioPeriod ? ratioPeriod.value : "—";
  const limits = (county.local && county.local.township_limit) || [];
  const limitList = limits.length
    ? '<ul class="cf-values">' + limits.map((v) => `<li><span class="cf-when">${esc(v.effective)} 起</span>
        <strong>${v.basis === "fixed" ? `固定 ${esc(v.amount)} 元` : `上一年12月31日城市低保年标准 × ${esc(v.ratio)}`}</strong>
        ${statusBadge(v.status)}<div class="cf-source">${sourceText(v.source)}</div></li>`).join("") + "</ul>"
    : `<p class="cf-empty">本县市未作规定：按州级默认，上一年12月31日本县市城市低保年标准 × ${esc(ratio)}。</p>`;
  currentBox.innerHTML = `
    <h2 class="cf-current-title">${esc(county.name)}现有的标准 <small>（<code>${esc(county.file)}</code>）</small></h2>
    ${Object.keys(WORDS.series).map((kind) => `<h3>${esc(WORDS.series[kind].name)}（${unitOf(kind)}）</h3>${seriesList(kind, county.dibao[kind].values)}`).join("\n    ")}
    <h3>${esc(FORM.series.township_limit.name)} ${clause("2-2-3")}</h3>${limitList}
    ${floorText(floor("urban"), floor("rural"))}`;
  currentBox.hidden = false;
}

// ------------------------------------------------------------------------------------------------ form --
const touched = new Set(); // fields the person has left (blur) — "missing" messages show only for those
let showAll = false;

function series() {
  return form.elements.series.value || "urban";
}

function readForm() {
  const out = {};
  for (const name of FIELDS) {
    const el = form.elements[name];
    if (!el) continue;
    out[name] = el.value;
  }
  return out;
}

function todayISO() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function updateLayout() {
  const kind = series();
  const township = kind === "township_limit";
  const fixed = form.elements.basis.value === "fixed";
  $("cf-basis-box").hidden = !township;
  $("cf-ratio-box").hidden = !township || fixed;
  $("cf-amount-box").hidden = township && !fixed;
  const seriesWords = FORM.series[kind];
  $("cf-amount-label").textContent = seriesWords.amount_label;
  $("cf-amount-help").textContent = seriesWords.amount_help;
  $("cf-amount").placeholder = seriesWords.amount_placeholder;
  const on = Boolean(form.elements.county.value);
  $("cf-edit").disabled = !on;
  $("cf-source").disabled = !on;
}

let timer = null;
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(evaluate, 120);
}

async function evaluate() {
  const code = form.elements.county.value;
  if (!code) { hideResults(); return; }
  if (!pythonReady || !worker) {
    pendingBox.hidden = false;
    pendingBox.innerHTML = '<p class="help">检查程序准备好后，这里立即显示检查结果、对参考家庭的影响和修改后的文件。</p>';
    return;
  }
  const original = await loadOriginal(code);
  const id = nextId++;
  latestId = id;
  worker.postMessage({ id, request: { county: code, series: series(), form: readForm(), original, today: todayISO() } });
}

function hideResults() {
  whatIfBox.hidden = true;
  pendingBox.hidden = true;
  outputBox.hidden = true;
  for (const el of form.querySelectorAll("[data-error-for], [data-warning-for]")) el.textContent = "";
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
}

// ---------------------------------------------------------------------------------------------- render --
function fieldVisible(name) {
  if (showAll || touched.has(name) || name === "file") return true;
  const el = form.elements[name];
  return Boolean(el && !(el instanceof RadioNodeList) && el.value.trim() !== "");
}

function render(result) {
  if (result.fatal) {
    pendingBox.hidden = false;
    pendingBox.innerHTML = `<p class="field-error">${esc(result.fatal)}</p>`;
    return;
  }
  const errors = result.errors || {};
  const warnings = result.warnings || {};
  for (const el of form.querySelectorAll("[data-error-for]")) {
    const name = el.dataset.errorFor;
    const message = errors[name] && fieldVisible(name) ? errors[name] : "";
    el.textContent = message;
    const input = form.elements[name];
    if (input && !(input instanceof RadioNodeList)) {
      if (message) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    }
  }
  for (const el of form.querySelectorAll("[data-warning-for]")) {
    el.textContent = warnings[el.dataset.warningFor] ? "提醒：" + warnings[el.dataset.warningFor] : "";
  }
  renderWhatIf(result.what_if);
  renderPending(result);
  renderOutput(result.file);
}

const yesNo = (v) => (v === true ? "是" : v === false ? "否" : "—");
const ROWS = [
  ["eligible", "符合救助条件", yesNo],
  ["dibao_standard_monthly", "适用的低保标准（元/人·月）", (v) => v ?? "—"],
  ["single_cap", "单次救助一般最高（元）", (v) => v ?? "—"],
  ["year_total_cap", "全年累计最高（元）", (v) => v ?? "—"],
  ["township_limit", "乡镇（街道）审批额度（元）", (v) => v ?? "—"],
  ["approval_level", "拟救助金额由谁审批", (v) => WORDS.approval_office[v] || "—"],
];

function renderWhatIf(w) {
  if (!w) { whatIfBox.hidden = true; return; }
  if (w.error) {
    whatIfBox.hidden = false;
    whatIfBox.innerHTML = `<p class="field-error">${esc(w.error)}</p>`;
    return;
  }
  const cards = w.households.map((h) => {
    const rows = ROWS.filter(([key]) => key !== "approval_level" || h.before[key] || h.after[key]).map(([key, label, fmt]) => {
      const changed = h.changed.includes(key);
      return `<div data-field="${key}" class="${changed ? "changed" : ""}"><dt>${label}</dt><dd>
        <span class="before">${esc(fmt(h.before[key]))}</span><span class="arrow" aria-label="改为">→</span><span class="after">${esc(fmt(h.after[key]))}</span></dd></div>`;
    }).join("");
    const err = h.after.error ? `<p class="field-error">${esc(h.after.error)}</p>` : "";
    return `<article class="cf-household" data-household="${esc(h.id)}"><h3>${esc(h.label)}</h3>${err}<dl>${rows}</dl></article>`;
  }).join("");
  const s = w.standing;
  let standing = "";
  if (s && s.after) {
    const unit = unitOf(s.kind);
    const tie = (x) => (x.tied_with.length ? `，与${x.tied_with.length === 12 ? "其余 12 个县市" : esc(x.tied_with.join("、"))}并列` : "");
    const table = s.after.table.map((r) => `<li class="${r.code === form.elements.county.value ? "own" : ""}">
      <span class="rank">第 ${r.rank} 位</span> <span class="name">${esc(r.name)}</span>
      <span class="amount">${esc(r.amount)}</span><span class="src">${r.origin === "province_floor" ? '<span class="badge unverified">省级标准</span>' : ""}</span></li>`).join("");
    standing = `<div class="cf-standing" data-field="standing">
      <h3>在全州 13 个县市中的位次（${esc(s.date)}，${esc(WORDS.series[s.kind].name)}）</h3>
      <p>修改前：${esc(s.before.amount)} ${unit}，第 <strong data-rank="before">${s.before.rank}</strong> 位${tie(s.before)}。<br>
      修改后：${esc(s.after.amount)} ${unit}，第 <strong data-rank="after">${s.after.rank}</strong> 位${tie(s.after)}。</p>
      <details><summary>13 个县市的${esc(WORDS.series[s.kind].name)}（修改后，${unit}）</summary><ol class="cf-ranking">${table}</ol></details>
    </div>`;
  }
  let next = "";
  if (w.township_limit_next && w.township_limit_next.before !== w.township_limit_next.after) {
    const t = w.township_limit_next;
    next = `<p class="cf-next" data-field="township_limit_next">乡镇（街道）审批额度按<strong>上一年12月31日</strong>的城市低保年标准计算（${clause("2-2-3")}），所以这一改动从 ${esc(t.date)} 起才影响它：${esc(t.before)} 元 → <strong>${esc(t.after)}</strong> 元。</p>`;
  }
  const opened = whatIfBox.querySelector(".cf-standing details[open]") !== null; // keep it open while typing
  whatIfBox.innerHTML = `<h2>对参考家庭的影响（${esc(w.date)} 申请）</h2>
    <p class="help">同几户示意家庭（不是真实人员），按现行标准（箭头左边）和加上这一条之后（右边）测算；有变化的项标出。</p>
    <div class="cf-households">${cards}</div>${next}${standing}`;
  const details = whatIfBox.querySelector(".cf-standing details");
  if (details && opened) details.open = true;
  whatIfBox.hidden = false;
}

function renderPending(result) {
  const errors = Object.entries(result.errors || {});
  if (result.file || (!errors.length && !result.edit_error)) { pendingBox.hidden = true; return; }
  const label = (name) => (name === "amount" ? FORM.series[series()].amount_label.replace(/（.*/, "") : FORM.fields[name] || name);
  let html = "";
  if (result.edit_error) html += `<p class="field-error">${esc(result.edit_error)}</p>`;
  if (errors.length) {
    html += `<h2>还需填写或改正 ${errors.length} 项，改好后生成文件</h2><ul class="cf-todo">` +
      errors.map(([name, message]) => `<li data-todo="${esc(name)}"><strong>${esc(label(name))}</strong>：${esc(message)}</li>`).join("") +
      "</ul>";
  }
  pendingBox.innerHTML = html;
  pendingBox.hidden = false;
}

let fileInfo = null;
function renderOutput(file) {
  fileInfo = file;
  if (!file) { outputBox.hidden = true; return; }
  for (const el of outputBox.querySelectorAll("[data-fill]")) el.textContent = file[el.dataset.fill];
  $("cf-file").value = file.text;
  $("cf-diff").innerHTML = file.diff.split("\n").filter((line, i, all) => line || i < all.length - 1).map((line) => {
    const kind = line.startsWith("+++") || line.startsWith("---") ? "head" : line.startsWith("@@") ? "hunk"
      : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "ctx";
    return `<span class="${kind}">${esc(line) || " "}</span>`;
  }).join("");
  $("cf-copy-note").textContent = "";
  outputBox.hidden = false;
}

// --------------------------------------------------------------------------------------------- actions --
async function copyFile() {
  if (!fileInfo) return;
  const note = $("cf-copy-note");
  try {
    await navigator.clipboard.writeText(fileInfo.text);
    note.textContent = "已复制全文。";
  } catch (error) {
    const area = $("cf-file");
    area.focus();
    area.select();
    const ok = document.execCommand && document.execCommand("copy");
    note.textContent = ok ? "已复制全文。" : "浏览器不允许自动复制：文件全文已选中，请按 Ctrl+C（手机上长按选择“复制”）。";
  }
}

function downloadFile() {
  if (!fileInfo) return;
  const blob = new Blob([fileInfo.text], { type: "application/x-yaml;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileInfo.name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  $("cf-copy-note").textContent = `已下载 ${fileInfo.name}。`;
}

form.addEventListener("input", (event) => {
  if (event.target.name === "county") return;
  schedule();
});
form.addEventListener("change", async (event) => {
  const name = event.target.name;
  if (name === "county") {
    // a new county starts a new entry: figures and sources of another county must not carry over
    for (const field of FIELDS) if (field !== "basis" && form.elements[field]) form.elements[field].value = "";
    touched.clear();
    showAll = false;
    updateLayout();
    await dataReady;
    renderCurrent();
    hideResults();
    loadOriginal(form.elements.county.value).then(schedule, schedule);
    return;
  }
  if (name === "series" || name === "basis") updateLayout();
  if (name === "status" || name === "series" || name === "basis") touched.add(name);
  schedule();
});
form.addEventListener("focusout", (event) => {
  const name = event.target.name;
  if (name && FIELDS.includes(name)) {
    touched.add(name);
    schedule();
  }
});
// 检查并生成文件 is a plain button (the form has no submit path: nothing typed here can reach a server).
function generate(event) {
  event.preventDefault();
  showAll = true;
  evaluate();
  const first = () => form.querySelector("[aria-invalid=true]");
  setTimeout(() => {
    const el = first();
    if (el) el.focus();
    else if (!outputBox.hidden) outputBox.scrollIntoView({ behavior: "smooth", block: "start" });
  }, 400);
}
form.addEventListener("submit", generate);
$("cf-generate").addEventListener("click", generate);
$("cf-reset").addEventListener("click", () => {
  const county = form.elements.county.value;
  form.reset();
  form.elements.county.value = county;
  touched.clear();
  showAll = false;
  updateLayout();
  hideResults();
  schedule();
});
$("cf-copy").addEventListener("click", copyFile);
$("cf-download").addEventListener("click", downloadFile);

updateLayout();
startWorker();
dataReady.then(() => {
  if (form.elements.county.value) {
    updateLayout();
    renderCurrent();
    schedule();
  }
});
