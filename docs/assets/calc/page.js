// The 测算 page. Reads the form, hands the application to the calculator (Python in a Web Worker) and shows
// the result. No rule is computed here: every figure and reason comes from the calculator — the county
// figures shown before Python starts were computed by the same calculator when the site was built (figures.js).
// Nothing is sent anywhere and nothing is stored: answers live in the form, in the history entry the page owns
// (history.state: they come back after leaving the page and returning, even when the browser reloads it), and
// in the URL fragment only when the person presses "保存链接". The form has no submit path (method="dialog", no
// submit button), so nothing typed can reach a server whether or not this script has loaded.

import { clause, esc, inChinese, startupStatus } from "../html.js";

const $ = (id) => document.getElementById(id);
const form = $("calc-form");
const statusBox = $("calc-status");
const statusText = $("calc-status-text");
const progressBar = $("calc-progress");
const resultBox = $("calc-result");
const resultActions = $("result-actions");
const priorRows = $("prior-rows");
const assetsURL = new URL("../", import.meta.url);
const LAST_STEP = 4;

// The words for values (county, causes, severities, levels…): calculator/vocabulary.py, put into the page by the
// build (sitebuild/vocabulary_html.py) as JSON; this script keeps no label table of its own.
const WORDS = JSON.parse($("vocabulary").textContent);
// This build's files (sitebuild/offline.py): the worker's downloads, the standards' hash, the revision.
const MANIFEST = JSON.parse($("calc-manifest").textContent);
const FIELD_STEP = { county: 1, date: 1, residence: 1, household_size: 1, is_dibao: 1, is_tekun: 1, type: 2,
  emergency_cause: 2, severity: 2, income_6m: 2, medical_self_paid_6m: 2, education_self_paid_6m: 2,
  special_difficulty: 2, prior_assistance: 3, event: 3, amount: 3 };

// ---------------------------------------------------------------------------------------------- status --
const { show: setStatus, bytes: showBytes } = startupStatus(statusBox, statusText, progressBar);

// ---------------------------------------------------------------------------------------------- worker --
let worker = null;
let calculatorReady = false;
let nextId = 1;
const pending = new Map();

function fallbackText(reason) {
  return reason + "本页第 1 步显示的本县标准和下面的办理途径仍可参考；也可直接向户籍或居住地的乡镇人民政府（街道办事处）咨询、申请。";
}

function startWorker() {
  // The worker was started in <head> by boot.js (falls back to starting it here if boot.js did not run).
  const booted = window.__calcBoot !== undefined;
  const boot = window.__calcBoot || { worker: null, messages: [], error: null };
  window.__calcBoot = boot; // if boot.js runs later, it sees this and starts nothing
  if (!booted && typeof WebAssembly === "object" && typeof Worker === "function") {
    try {
      boot.worker = new Worker(new URL("../../calculator/worker.js", import.meta.url), { type: "module" });
      boot.worker.postMessage({ kind: "manifest", manifest: MANIFEST });
    } catch (error) {
      boot.error = String(error);
    }
  }
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    failed("此浏览器不能运行测算程序（不支持 WebAssembly），所以本页不能估算您家能否获得救助、能获得多少。" +
      "选择县市和申请日期，仍可看到本县的低保标准和救助上限；再选城乡、填家庭人口，还可看到支出型救助的收入条件。" +
      "可换用较新的浏览器再测算。", true);
    return;
  }
  if (!boot.worker) {
    failed("测算程序未能启动。");
    return;
  }
  worker = boot.worker;
  const onMessage = (msg) => {
    if (msg.kind === "progress") setStatus("loading", msg.text);
    else if (msg.kind === "bytes") showBytes(msg.loaded, msg.total, "测算程序");
    else if (msg.kind === "ready") {
      calculatorReady = true;
      keepOffline();
      setStatus("ready", "测算程序已就绪（在本机运行）。");
      // Timings for scripts/bench-page: Python started, and the calculator ready, in ms since the worker began.
      document.documentElement.dataset.pythonMs = Math.round(msg.pythonMs);
      document.documentElement.dataset.readyMs = Math.round(msg.ms);
      document.documentElement.dataset.calculator = "ready";
    } else if (msg.kind === "failed") {
      failed("测算程序未能启动（" + inChinese(msg.text) + "）。");
    } else if (msg.kind === "result") {
      const resolve = pending.get(msg.id);
      pending.delete(msg.id);
      if (resolve) resolve(msg.result);
    }
  };
  worker.onmessage = (event) => onMessage(event.data);
  // A watchdog: if Python is still not ready after 3 minutes (a very slow link, or a browser that stalls
  // compiling WebAssembly), say so while it keeps trying.
  setTimeout(() => {
    if (!calculatorReady && statusBox.dataset.state === "loading") {
      statusText.textContent = "测算程序加载时间较长，仍在尝试。第 1 步中的本县标准可先参考；也可向乡镇（街道）咨询。";
      showFallback();
    }
  }, 180000);
  const onError = (message) => failed("测算程序未能启动（" + (message ? inChinese(message) : "可能是内存不足或被拦截") + "）。");
  worker.onerror = (event) => {
    event.preventDefault();
    onError(event.message);
  };
  // Last, what arrived before this script ran. It may be a failure (a blocked download fails within
  // milliseconds), which ends the use of the worker (worker = null): nothing after this line may need it.
  for (const msg of boot.messages.splice(0)) onMessage(msg);
  if (boot.error) onError(boot.error);
}

// ------------------------------------------------------------------------------ offline and updates --
// Once the calculator is ready (never before: it would compete with the first visit), offline.js registers the
// page's service worker, which keeps this build's files for visits without a network, and watches for a newer
// build. A newer build is loaded at once, whole (the page, its worker and its standards together): the answers
// stay in this page's history entry, with the build they were given under, and the note below says what changed.
function keepOffline() {
  import("./offline.js").then(({ keepOffline: keep }) => keep(MANIFEST, reloadForUpdate)).catch(() => {});
}

function reloadForUpdate() {
  history.replaceState({ ...history.state, updatedFrom: { standards: MANIFEST.standards_sha256,
    revision: MANIFEST.revision } }, "", location.href);
  location.reload();
}

function showUpdateNote() {
  const from = history.state && history.state.updatedFrom;
  if (!from) return;
  const { updatedFrom, ...rest } = history.state;
  history.replaceState(rest, "", location.href);
  if (from.revision === MANIFEST.revision) return; // the browser still had the same build: nothing changed
  const note = $("update-note");
  note.textContent = from.standards !== MANIFEST.standards_sha256
    ? "县市标准已更新：本页已改用最新发布的各县标准，结果按新标准重新计算。"
    : "网站已更新到最新版本（各县标准未变）。";
  note.hidden = false;
}

// When the calculator cannot run, the family is not walked through answers it cannot use: the form keeps only
// step 1's county, date, residence and household size, which show the county figures and the income line
// (CSS: .figures-only).
function failed(reason, whole) {
  setStatus("failed", whole ? reason + "到哪里申请见下方。" : fallbackText(reason));
  document.documentElement.dataset.calculator = "failed";
  form.classList.add("figures-only");
  if (!resultBox.hidden) { resultBox.hidden = true; resultActions.hidden = true; form.hidden = false; }
  if (step !== 1) showStep(1, false);
  for (const resolve of pending.values()) resolve({ error: { field: "$", message: reason } });
  pending.clear();
  worker = null;
  showFallback();
}

function assessInWorker(application) {
  if (!worker) return Promise.resolve({ error: { field: "$", message: "测算程序未能启动，无法计算。" } });
  return new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    // As JSON text, the form the calculator reads (calculator.page_api.assess_json): any object the page could hold,
    // however odd, reaches Python and gets its answer there (structured cloning fails on very deep objects).
    let text;
    try {
      text = JSON.stringify(application);
    } catch (error) {
      pending.delete(id);
      resolve({ error: { field: "$", message: "输入无法读取（" + error + "）。" } });
      return;
    }
    worker.postMessage({ id, text });
  });
}

// --------------------------------------------------------------------- figures before Python (prebuilt) --
// figures.js (a classic script that ran as soon as the form was parsed) shows the county figures computed when
// the site was built; here only the fallback is added to them. Should it be missing (a broken copy of the site),
// the page still computes.
const figures = window.__calcFigures ?? {
  data: {},
  show: () => {},
  todayISO: () => new Date().toLocaleDateString("sv"), // the local date as YYYY-MM-DD (Swedish format)
};
const todayISO = figures.todayISO;

function showCountyFigures() {
  figures.show();
  if (statusBox.dataset.state === "failed") showFallback();
}

// The county's offices (standards/*.yaml, local.contact: a list), or the note that the bureau has yet to add them
// with a link to the clerks' guide published on the site (standards/contributing.md).
const NO_CONTACT = "本县联系方式待县民政局补充";
function contactHTML(code) {
  const offices = (code && figures.data[code] && figures.data[code].contact) || [];
  if (!offices.length) {
    const guide = new URL("../standards/contributing/", assetsURL).pathname;
    return `<p class="contact none" data-field="contact">${NO_CONTACT}（县市民政局经办人员可按<a href="${guide}">更新指南</a>补充）。</p>`;
  }
  const items = offices.map((o) => `<li>${esc(o.office)}：电话 ${esc(o.phone)}，${esc(o.address)}` +
    `（来源：${esc(o.source.document)}${o.source.published ? "，" + esc(o.source.published) : ""}）</li>`);
  return `<ul class="contact" data-field="contact">${items.join("")}</ul>`;
}

function showFallback() {
  const code = form.elements.county.value;
  const where = "向户籍或居住地的乡镇人民政府（街道办事处）提出申请；急难情况可先行救助，手续事后补办。";
  let box = $("fallback-where");
  if (!box) {
    box = document.createElement("div");
    box.id = "fallback-where";
    box.className = "admonition info";
    statusBox.after(box);
  }
  box.innerHTML = `<p class="admonition-title">到哪里申请</p><p>${where}（${clause("2-2")}、${clause("2-2-1")}）</p>` +
    (code ? contactHTML(code) : "") + `<p>各县市低保标准见<a href="${new URL("../standards/", assetsURL).pathname}">各县标准</a>。</p>`;
}

// --------------------------------------------------------------------------------------------- answers --
function value(name) {
  const el = form.elements[name];
  if (!el) return null;
  if (el instanceof RadioNodeList) return el.value || null;
  if (el.type === "checkbox") return el.checked;
  const text = el.value.trim();
  return text === "" ? null : text;
}

function readForm() {
  const type = value("type");
  const app = {
    county: value("county"), date: value("date"), residence: value("residence"),
    household_size: value("household_size"), type,
    is_dibao: value("is_dibao"), is_tekun: value("is_tekun"),
    income_6m: value("income_6m"), event: value("event"), amount: value("amount"), prior_assistance: [],
  };
  if (app.household_size !== null && /^\d+$/.test(app.household_size)) app.household_size = Number(app.household_size);
  // With no type chosen (a link without one), both groups go: the calculator decides the type (decide_type).
  if (type !== "emergency") {
    app.medical_self_paid_6m = value("medical_self_paid_6m");
    app.education_self_paid_6m = value("education_self_paid_6m");
    app.special_difficulty = value("special_difficulty");
  }
  if (type !== "expenditure") {
    app.emergency_cause = value("emergency_cause");
    app.severity = value("severity");
  }
  for (const row of priorRows.querySelectorAll(".prior-row")) {
    const get = (k) => row.querySelector(`[data-prior=${k}]`).value.trim() || null;
    if (get("date") || get("amount") || get("event")) {
      app.prior_assistance.push({ date: get("date"), amount: get("amount"), event: get("event") });
    }
  }
  for (const key of Object.keys(app)) if (app[key] === null || app[key] === false) delete app[key];
  if (!app.prior_assistance.length) delete app.prior_assistance;
  return app;
}

// Fragment format: #county=532501&date=2020-08-01&...&prior=2020-03-02~1500~火灾 (repeated). Never sent to
// a server: browsers do not send the fragment.
function toFragment(app) {
  const params = new URLSearchParams();
  for (const [key, val] of Object.entries(app)) {
    if (key === "prior_assistance") for (const p of val) params.append("prior", [p.date || "", p.amount || "", p.event || ""].join("~"));
    else params.set(key, val === true ? "1" : String(val));
  }
  return "#" + params.toString();
}

// Free text (事由) from a link is cut to this many characters: it is shown only as the family's own answer.
const FREE_TEXT_MAX = 40;
const shorten = (text) => (text.length > FREE_TEXT_MAX ? text.slice(0, FREE_TEXT_MAX) + "…" : text);

// Fields whose value came from a link and has not been changed since: an error about them never repeats the
// value (a link can carry any text), and free text from it is shown under the shared-link notice.
const fromLink = new Set();

function fillForm(params) {
  form.reset();
  priorRows.innerHTML = "";
  for (const [key, val] of params) {
    if (key === "prior") {
      const [date = "", amount = "", ...event] = val.split("~");
      const row = addPriorRow();
      row.querySelector("[data-prior=date]").value = date;
      row.querySelector("[data-prior=amount]").value = amount;
      row.querySelector("[data-prior=event]").value = shorten(event.join("~"));
      continue;
    }
    const el = form.elements[key];
    if (!el) continue;
    if (el instanceof RadioNodeList) el.value = val;
    else if (el.type === "checkbox") el.checked = val === "1";
    else el.value = key === "event" ? shorten(val) : val;
  }
  // A link without a type leaves it unchosen: the calculator decides it, and the form shows its answer (compute).
  if (!params.get("type")) for (const radio of form.elements.type) radio.checked = false;
}

// The words of a field, from its own label in the page (the site's text, never the link's).
function fieldWords(field) {
  const top = field.split(/[.[]/)[0];
  const index = field.match(/^prior_assistance\[(\d+)\]\.(\w+)/);
  if (index) return `已获救助第 ${Number(index[1]) + 1} 条的${{ date: "日期", amount: "金额", event: "事由" }[index[2]] || "内容"}`;
  const el = form.elements[top];
  const input = el instanceof RadioNodeList ? el[0] : el;
  const group = input && input.closest("[aria-labelledby]");
  const label = (group && $(group.getAttribute("aria-labelledby"))) || (input && input.labels && input.labels[0]);
  return label ? label.textContent.trim().replace(/（.*$/, "") : "其中一项";
}
const linkFieldMessage = (field) => `链接中的“${fieldWords(field)}”一项无效，请重新填写或选择。`;

// Values the form cannot hold (a date 2020-13-01, a county or choice that does not exist) are dropped by the
// browser: say which field it was, without repeating what the link said.
function linkProblems(params) {
  const problems = [];
  for (const [key, val] of params) {
    const el = form.elements[key];
    if (key === "prior" || !el || val === "") continue;
    const held = el instanceof RadioNodeList ? el.value : el.type === "checkbox" ? (el.checked ? "1" : "0") : el.value;
    if (held !== (key === "event" ? shorten(val) : val)) problems.push([key, linkFieldMessage(key)]);
  }
  priorRows.querySelectorAll(".prior-row").forEach((row, i) => {
    const wanted = params.getAll("prior")[i].split("~")[0];
    if (wanted && row.querySelector("[data-prior=date]").value !== wanted) {
      problems.push([`prior_assistance[${i}].date`, linkFieldMessage(`prior_assistance[${i}].date`)]);
    }
  });
  return problems;
}

function summary(app) {
  const rows = [];
  const county = form.elements.county.selectedOptions[0];
  const add = (label, text) => rows.push(`<div><dt>${label}</dt><dd>${esc(text)}</dd></div>`);
  add("县市", app.county ? county.textContent : "未填");
  add("申请日期", app.date || "未填");
  add("低保标准类别", WORDS.residence[app.residence] || "未填");
  add("家庭人口", app.household_size ? `${app.household_size} 人` : "未填");
  if (app.is_dibao) add("低保家庭", "是");
  if (app.is_tekun) add("特困人员", "是");
  add("困难类型", WORDS.type[app.type] || "未填");
  if (app.type === "emergency") {
    add("遭遇的事件", WORDS.emergency_cause[app.emergency_cause] || "未填");
    add("困难程度", WORDS.severity[app.severity] || "不确定");
  }
  if (app.income_6m !== undefined) add("6 个月家庭收入", `${app.income_6m} 元`);
  if (app.medical_self_paid_6m !== undefined) add("自付医疗费用", `${app.medical_self_paid_6m} 元`);
  if (app.education_self_paid_6m !== undefined) add("自付教育费用", `${app.education_self_paid_6m} 元`);
  if (app.special_difficulty) add("一事一议", "申请");
  for (const p of app.prior_assistance || []) add("已获救助", `${p.date || "?"}　${p.amount || "?"} 元　${shorten(p.event || "")}`);
  if (app.event) add("本次事由", shorten(app.event));
  if (app.amount) add("打算申请", `${app.amount} 元`);
  return rows.join("");
}

// ----------------------------------------------------------------------------------------------- steps --
let step = 1;
// The step tabs are buttons (made here: without this script there is no form to step through); the current one
// has aria-current="step". A tab goes back to any earlier step, or forward when the steps before it are filled.
for (const li of form.querySelectorAll("[data-step-tab]")) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "step-tab";
  button.dataset.goStep = li.dataset.stepTab;
  button.append(...li.childNodes);
  li.append(button);
}
// Each step's legend takes the focus when the step is shown (tabindex -1: not a tab stop of its own).
for (const legend of form.querySelectorAll("[data-step] > legend")) legend.tabIndex = -1;

function showStep(n, push, focus) {
  step = form.classList.contains("figures-only") ? 1 : Math.max(1, Math.min(LAST_STEP, n));
  for (const fs of form.querySelectorAll("[data-step]")) fs.hidden = Number(fs.dataset.step) !== step;
  for (const li of form.querySelectorAll("[data-step-tab]")) {
    const current = Number(li.dataset.stepTab) === step;
    li.classList.toggle("current", current);
    if (current) li.firstElementChild.setAttribute("aria-current", "step");
    else li.firstElementChild.removeAttribute("aria-current");
  }
  $("step-back").hidden = step === 1;
  $("step-next").hidden = step === LAST_STEP;
  $("calc-submit").hidden = step !== LAST_STEP;
  if (step === LAST_STEP) $("answers-summary").innerHTML = summary(readForm());
  if (push) history.pushState({ ...history.state, step, result: false }, "", location.href);
  else remember();
  if (focus) form.querySelector(`[data-step="${step}"] > legend`).focus();
}

// Go to step `n` (a tab, 下一步): forward only once each step before it has what it needs.
function goToStep(n) {
  clearErrors();
  for (let k = step; k < n; k++) {
    const missing = missingOnStep(k);
    if (missing.length) {
      for (const [field, message] of missing.reverse()) showFieldError(field, message);
      return;
    }
  }
  if (n !== step) showStep(n, true, true);
  form.scrollIntoView({ block: "start" });
}

// Presence checks only (the calculator checks every value): a step is not left with a required field empty.
function missingOnStep(n) {
  const app = readForm();
  const need = [];
  if (n === 1) {
    if (!app.county) need.push(["county", "请选择县市"]);
    if (!app.date) need.push(["date", "请填写申请日期"]);
    if (!app.residence) need.push(["residence", "请选择城市或农村"]);
    if (app.household_size === undefined) need.push(["household_size", "请填写家庭人口"]);
  }
  if (n === 2) {
    if (app.type === "emergency" && !app.emergency_cause) need.push(["emergency_cause", "请选择遭遇的事件"]);
    if (app.type === "expenditure" && app.income_6m === undefined) need.push(["income_6m", "请填写 6 个月家庭收入；没有收入请填 0"]);
  }
  return need;
}

function clearErrors() {
  for (const el of form.querySelectorAll(".field-error")) el.textContent = "";
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
}

function showFieldError(field, message) {
  const top = field.split(/[.[]/)[0];
  if (fromLink.has(top)) message = linkFieldMessage(field); // never repeat what a link said
  const slot = form.querySelector(`[data-error-for="${top}"]`) || form.querySelector('[data-error-for="$"]');
  const index = field.match(/^prior_assistance\[(\d+)\]/);
  slot.textContent = message + (index ? `（已获救助第 ${Number(index[1]) + 1} 条）` : "");
  showStep(FIELD_STEP[top] || LAST_STEP, false);
  let input = form.elements[top];
  if (index) input = priorRows.querySelectorAll(".prior-row")[Number(index[1])]?.querySelector(`[data-prior=${field.split(".")[1]}]`);
  if (input instanceof RadioNodeList) input = input[0];
  if (input && input.setAttribute) {
    input.setAttribute("aria-invalid", "true");
    input.focus();
  }
}

// ---------------------------------------------------------------------------------------------- result --
function figure(label, field, val, unit) {
  if (val === null || val === undefined) return "";
  return `<div class="figure"><dt>${label}</dt><dd><span data-field="${field}">${esc(val)}</span> ${unit}</dd></div>`;
}

// A reason may quote the family's 事由; when it came from a link, the site's own sentence does not repeat it (it
// is shown under "您填写的情况", as the family's answer).
function unquoteLinkText(text, app) {
  if (!fromLink.has("event") || !app.event) return text;
  return text.split(`“${app.event}”`).join("（见“您填写的情况”）");
}

function render(r, app) {
  // The same verdict as the CLI text (calculator/explain.py verdict_text; register I6, I7): both emergency tiers
  // when the severity is not judged, and an amount above the cap said in the verdict itself.
  const unjudged = r.type === "emergency" && !r.severity;
  const top = r.case_by_case_max || r.single_cap;
  let verdict = !r.eligible ? "按所填情况，暂不符合临时救助条件" : unjudged ? "可能符合，视困难程度" : "可能符合临时救助条件";
  if (r.eligible && r.amount_within_cap === false) verdict += `；拟救助 ${r.amount} 元超过上限 ${top} 元`;
  const html = [];
  html.push(`<p class="slip-title">红河州临时救助测算结果单</p>`);
  html.push(`<h2 class="verdict ${r.eligible ? "yes" : "no"}" id="calc-verdict" tabindex="-1" data-field="eligible" data-value="${r.eligible}">${verdict}</h2>`);
  html.push(`<p class="meta">${esc(r.county.name)} · ${esc(r.type_name)}救助 · 申请日期 ${esc(r.date)} · 测算于 ${esc(todayISO())}</p>`);
  if (r.warnings.length) {
    html.push('<div class="admonition warning"><p class="admonition-title">请注意</p><ul>');
    for (const w of r.warnings) html.push(`<li data-warning="${esc(w.kind)}">${esc(w.text)}</li>`);
    html.push("</ul></div>");
  }
  html.push('<dl class="figures">');
  // A negative figure reads as a misprint: say what it means (register I3); the exact figure is in the reasons.
  if (r.per_capita_monthly_income !== null && r.per_capita_monthly_income.startsWith("-")) {
    html.push(`<div class="figure"><dt>月人均可支配收入（已扣除自付支出）</dt><dd data-field="per_capita_monthly_income" data-value="${esc(r.per_capita_monthly_income)}">自付支出超过收入</dd></div>`);
  } else {
    html.push(figure("月人均可支配收入（已扣除自付支出）", "per_capita_monthly_income", r.per_capita_monthly_income, "元"));
  }
  html.push(figure("低保标准（每人每月）", "dibao_standard_monthly", r.dibao_standard_monthly, "元"));
  html.push("</dl>");
  // Caps are what the policy allows if the household qualifies: say so when it does not (yet).
  html.push(r.eligible ? '<dl class="figures">' : '<p class="caps-note">以下是符合条件时的上限，供参考：</p><dl class="figures conditional">');
  if (unjudged) html.push(figure("困难程度较轻时", "light_emergency_max", r.light_emergency_max, "元以下"));
  html.push(figure(unjudged ? "困难程度较重时一般最高" : "本次救助一般最高", "single_cap", r.single_cap, "元"));
  html.push(figure("“一事一议”最高可至", "case_by_case_max", r.case_by_case_max, "元"));
  html.push(figure("全年累计最高", "year_total_cap", r.year_total_cap, "元"));
  html.push(figure("今年还可获得", "year_remaining", r.year_remaining, "元"));
  html.push(figure("今年还可申请（含本次）", "times_remaining", r.times_remaining, "次"));
  html.push(figure("乡镇（街道）可审批的最高额", "township_limit", r.township_limit, "元"));
  if (r.amount !== null && (!r.eligible || r.amount_within_cap === false)) {
    // An amount that cannot be given is never shown with an approver (register I6).
    const dt = r.eligible ? `申请 ${esc(r.amount)} 元（上限 ${esc(top)} 元）` : `申请 ${esc(r.amount)} 元`;
    html.push(`<div class="figure"><dt>${dt}</dt><dd data-field="approval_level" data-value="none">${r.eligible ? "超过上限，不能给予" : "不符合条件，不能给予"}</dd></div>`);
  } else if (r.amount !== null) {
    html.push(`<div class="figure"><dt>申请 ${esc(r.amount)} 元由谁审批</dt><dd data-field="approval_level" data-value="${r.approval_level}">${esc(WORDS.approval_level[r.approval_level])}</dd></div>`);
    html.push(`<div class="figure"><dt>可否领取现金</dt><dd data-field="cash_allowed" data-value="${r.cash_allowed}">${r.cash_allowed ? "特殊情况下可以" : "不可以，打到个人账户"}</dd></div>`);
  }
  html.push("</dl>");
  const noSpending = r.reasons.some((x) => x.rule === "I3" && x.text.includes("没有个人自付的医疗、教育支出"));
  if (noSpending && r.times_remaining > 0 && !r.same_event) {
    // Register I3: without necessary spending no income qualifies; only the spending line applies.
    html.push(`<p class="distance" data-field="distance">没有个人自付的医疗、教育支出，不属于支出型救助对象：收入低的可申请低保，遭遇突发事件的可按急难型申请。` +
      `按现在的收入，个人自付医疗、教育支出合计至少 <strong data-field="qualifying_self_paid_6m_min">${esc(r.qualifying_self_paid_6m_min)}</strong> 元才符合。${clause("2-1-2")}</p>`);
  } else if (r.type === "expenditure" && r.per_capita_monthly_income !== null && !r.eligible && r.times_remaining > 0 && !r.same_event) {
    html.push(`<p class="distance" data-field="distance">差多少：按现在的自付支出，6 个月家庭收入不超过 <strong data-field="qualifying_income_6m_max">${esc(r.qualifying_income_6m_max)}</strong> 元才符合；` +
      `或按现在的收入，个人自付医疗、教育支出合计至少 <strong data-field="qualifying_self_paid_6m_min">${esc(r.qualifying_self_paid_6m_min)}</strong> 元才符合。${clause("2-1-2")}</p>`);
  }
  html.push('<h3>为什么</h3><ol class="reasons">');
  for (const x of r.reasons) html.push(`<li>${esc(unquoteLinkText(x.text, app))} <span class="cite">${clause(x.clause)} · ${esc(x.rule)}</span></li>`);
  html.push("</ol>");
  html.push('<h3>接下来怎么办</h3><ol class="procedure">');
  for (const s of r.procedure) html.push(`<li>${esc(s.step)} <span class="cite">${clause(s.clause)}</span></li>`);
  html.push("</ol>");
  html.push(`<p><strong>怎么发放：</strong>${esc(r.payment.text)} <span class="cite">${clause(r.payment.clause)}</span></p>`);
  html.push("<h3>联系县市民政局</h3>" + contactHTML(r.county.code));
  if (r.referrals.length) {
    html.push('<h3>还可以申请</h3><ul class="referrals">');
    for (const x of r.referrals) html.push(`<li><strong>${esc(x.scheme)}</strong>：${esc(x.why)} <span class="cite">${clause(x.clause)}</span></li>`);
    html.push("</ul>");
  }
  html.push('<details class="standards-used" open><summary>所用标准和参数</summary><ul>');
  for (const s of r.standards_used) {
    html.push(`<li>${esc(s.name)}：${esc(s.value)} ${esc(s.unit)}（${esc(s.effective)} 起；${esc(s.source.document || "")}` +
      `${s.status === "verified" ? "" : `；<strong>${esc(WORDS.status[s.status] || s.status)}</strong>`}` +
      `${s.effective_basis === "inferred" ? `；生效日期按${esc(s.effective_inferred_from)}推定` : ""}）</li>`);
  }
  html.push("</ul></details>");
  html.push(`<details class="answers-used"><summary>您填写的情况</summary><dl class="answers">${summary(app)}</dl></details>`);
  html.push('<p class="disclaimer">本结果为按红民社救〔2019〕5号的测算，仅供参考，实际以乡镇（街道）和县级民政部门审核审批为准。</p>');
  resultBox.innerHTML = html.join("");
  resultBox.hidden = false;
  resultActions.hidden = false;
}

async function compute() {
  clearErrors();
  const app = readForm();
  const button = $("calc-submit");
  button.disabled = true;
  if (!calculatorReady && worker) setStatus("loading", "测算程序仍在下载启动，完成后自动计算……");
  const result = await assessInWorker(app);
  button.disabled = false;
  if (calculatorReady) setStatus("ready", "测算程序已就绪（在本机运行）。");
  if (result.error) {
    resultBox.hidden = true;
    resultActions.hidden = true;
    showFieldError(result.error.field || "$", result.error.message);
    return;
  }
  if (!value("type")) { // a link without a type: show the type the calculator decided
    form.elements.type.value = result.type;
    syncType();
  }
  showResult(result, app);
  // The result is a step of its own in the browser history: Back returns to 核对. The entry holds the answers and
  // the result, so both come back after leaving the page (a clause link) and returning, even without bfcache.
  if (!(history.state && history.state.result)) history.pushState({ ...history.state, step: LAST_STEP, result: true }, "", location.href);
  remember(result);
  $("calc-verdict").focus({ preventScroll: true });
  resultBox.scrollIntoView({ block: "start" });
}

function showResult(result, app) {
  render(result, app);
  form.hidden = true;
}

// ------------------------------------------------------------------------------------- history entry --
// The answers (in the saved-link format), the step, whether they came from a link, and the last result live in
// history.state of the entry this page owns: never in localStorage, sessionStorage, IndexedDB, caches or cookies.
let lastResult = null;
let rememberTimer = 0;
function remember(result) {
  if (result !== undefined) lastResult = result;
  clearTimeout(rememberTimer);
  const state = history.state || {};
  history.replaceState({ ...state, step: state.result ? state.step : step, answers: toFragment(readForm()).slice(1),
    fromLink: [...fromLink], resultData: lastResult, standards: MANIFEST.standards_sha256 }, "", location.href);
}
const rememberSoon = () => { clearTimeout(rememberTimer); rememberTimer = setTimeout(remember, 250); };

// -------------------------------------------------------------------------------------------- controls --
function syncType() {
  const emergency = value("type") === "emergency";
  $("emergency-fields").hidden = !emergency;
  $("expenditure-fields").hidden = emergency;
  form.classList.toggle("is-emergency", emergency);
}

function addPriorRow() {
  const row = $("prior-row-template").content.firstElementChild.cloneNode(true);
  row.querySelector(".remove-prior").addEventListener("click", () => row.remove());
  priorRows.appendChild(row);
  return row;
}

// 清空全部 clears at once and offers 撤销 (the answers, step and result before it, kept in memory only).
let undoable = null;
function clearAll() {
  undoable = { answers: new URLSearchParams(toFragment(readForm()).slice(1)), step, result: form.hidden ? lastResult : null,
    fromLink: [...fromLink], hash: location.hash };
  form.reset();
  priorRows.innerHTML = "";
  resultBox.hidden = true;
  resultBox.innerHTML = "";
  resultActions.hidden = true;
  $("save-note").hidden = true;
  form.hidden = false;
  fromLink.clear();
  lastResult = null;
  showLinkNotice();
  clearErrors();
  syncType();
  form.elements.date.value = todayISO();
  history.replaceState({ step: 1 }, "", location.pathname + location.search);
  showCountyFigures();
  showStep(1, false);
  showUndo();
}

function showUndo() {
  let box = $("clear-undo");
  if (!box) {
    box = document.createElement("div");
    box.id = "clear-undo";
    box.className = "clear-undo";
    box.setAttribute("role", "status");
    box.innerHTML = '<span>已清空全部答案。</span> <button type="button" class="md-button" id="undo-clear">撤销</button>';
    form.before(box);
    $("undo-clear").addEventListener("click", undoClear);
  }
  box.hidden = false;
  $("undo-clear").focus();
}

function hideUndo() {
  undoable = null;
  if ($("clear-undo")) $("clear-undo").hidden = true;
}

function undoClear() {
  const saved = undoable;
  hideUndo();
  if (!saved) return;
  fillForm(saved.answers);
  for (const name of saved.fromLink) fromLink.add(name);
  showLinkNotice();
  syncType();
  showCountyFigures();
  if (saved.hash) history.replaceState(history.state, "", location.pathname + location.search + saved.hash);
  if (saved.result) {
    showStep(LAST_STEP, false);
    showResult(saved.result, readForm());
    history.replaceState({ ...history.state, result: true }, "", location.href);
    remember(saved.result);
    $("calc-verdict").focus();
  } else {
    showStep(saved.step, false, true);
  }
}

// The notice above the form while answers that came from a link are shown (the site's words; the link's text
// appears only in the answers themselves).
function showLinkNotice() {
  let box = $("link-notice");
  if (!fromLink.size) {
    if (box) box.hidden = true;
    return;
  }
  if (!box) {
    box = document.createElement("div");
    box.id = "link-notice";
    box.className = "admonition note link-notice";
    box.innerHTML = '<p class="admonition-title">本页由分享的链接打开</p><p>表格中的答案来自这个链接，是填写者自己的回答，' +
      "不是本网站或民政部门的内容。请逐项核对；本网站不会通过链接发出任何通知。</p>";
    statusBox.after(box);
  }
  box.hidden = false;
}

form.addEventListener("change", (e) => { // figures.js shows the county figures itself
  if (e.target.name === "type") syncType();
  remember();
  if (e.target.name === "county" && statusBox.dataset.state === "failed") showFallback();
});
form.addEventListener("input", (e) => {
  fromLink.delete(e.target.name || (e.target.dataset.prior ? "prior_assistance" : ""));
  if (undoable) hideUndo();
  rememberSoon();
});
// Enter in a field (a phone keyboard's 前往 key) goes to the next step, or computes on the last: the form itself
// has no submit path.
form.addEventListener("keydown", (e) => {
  if (e.key !== "Enter" || e.isComposing || !(e.target instanceof HTMLInputElement) || e.target.type === "checkbox" || e.target.type === "radio") return;
  e.preventDefault();
  if (step === LAST_STEP) compute();
  else goToStep(step + 1);
});
form.addEventListener("click", (e) => {
  const tab = e.target.closest("[data-go-step]");
  if (tab) goToStep(Number(tab.dataset.goStep));
});
window.addEventListener("pagehide", () => remember());
$("add-prior").addEventListener("click", () => addPriorRow().querySelector("input").focus());
$("step-next").addEventListener("click", () => goToStep(step + 1));
$("step-back").addEventListener("click", () => history.back());
window.addEventListener("popstate", (e) => {
  const onResult = e.state && e.state.result && resultBox.innerHTML !== "";
  form.hidden = onResult;
  resultBox.hidden = !onResult;
  resultActions.hidden = !onResult;
  if (!onResult) showStep(e.state && e.state.step ? e.state.step : 1, false, true);
  else $("calc-verdict").focus({ preventScroll: true });
  (onResult ? resultBox : form).scrollIntoView({ block: "start" });
});
form.addEventListener("submit", (event) => { event.preventDefault(); compute(); });
$("calc-submit").addEventListener("click", compute);
$("calc-clear").addEventListener("click", clearAll);
$("clear-all").addEventListener("click", clearAll);
$("edit-answers").addEventListener("click", () => {
  form.hidden = false;
  resultBox.hidden = true;
  resultActions.hidden = true;
  showStep(1, true, true);
});
$("print-result").addEventListener("click", () => window.print());
$("save-link").addEventListener("click", async () => {
  const fragment = toFragment(readForm());
  history.replaceState(history.state, "", location.pathname + location.search + fragment);
  const note = $("save-note");
  note.hidden = false;
  note.textContent = "答案已写进本页链接（# 之后的部分，浏览器不会把它发送给网站）。收藏本页或复制地址栏即可保存、分享；清空全部会一并清除。";
  try {
    await navigator.clipboard.writeText(location.href);
    note.textContent += " 链接已复制。";
  } catch (error) { /* clipboard unavailable: the address bar holds the link */ }
});

// For scripts/bench-page: one assessment round trip through the worker (nothing leaves the page).
window.__calcAssess = assessInWorker;

// ----------------------------------------------------------------------------------------------- start --
syncType();
startWorker();
function openSavedAnswers() {
  const params = new URLSearchParams(location.hash.slice(1));
  fillForm(params);
  fromLink.clear();
  for (const key of params.keys()) fromLink.add(key === "prior" ? "prior_assistance" : key);
  lastResult = null;
  showLinkNotice();
  syncType();
  showCountyFigures();
  showStep(LAST_STEP, false);
  const problems = linkProblems(params);
  if (problems.length) {
    clearErrors();
    for (const [field, message] of problems.reverse()) showFieldError(field, message);
    return;
  }
  compute();
}

// Back to this page after leaving it (a clause link, another site), reloaded by the browser: the answers, the
// step and the result come back from the history entry (the browser's own form restoring misses the amounts
// and the rows of 已获救助).
function restoreFromHistory(state) {
  fillForm(new URLSearchParams(state.answers));
  for (const name of state.fromLink || []) fromLink.add(name);
  showLinkNotice();
  syncType();
  showCountyFigures();
  // A result is shown again only if it was computed with this page's standards; one computed with another build's
  // (the site was updated since, offline.js) is computed again, never shown beside the new figures.
  if (state.result && state.resultData && state.standards === MANIFEST.standards_sha256) {
    lastResult = state.resultData;
    showStep(LAST_STEP, false);
    showResult(state.resultData, readForm());
  } else if (state.result) {
    showStep(LAST_STEP, false);
    compute();
  } else {
    showStep(state.step || 1, false);
  }
}

const hasSavedAnswers = () => location.hash.length > 1 && location.hash.includes("=");
// A saved link opened while the page is already open changes only the fragment: no reload, so listen.
window.addEventListener("hashchange", () => { if (hasSavedAnswers()) openSavedAnswers(); });
showUpdateNote();
if (history.state && typeof history.state.answers === "string") {
  restoreFromHistory(history.state);
} else if (hasSavedAnswers()) {
  history.replaceState({ step: LAST_STEP }, "", location.href);
  openSavedAnswers();
} else {
  // Keep a date the person typed before this script arrived (the form is usable from the start), or the
  // browser restored (back to the page).
  if (!form.elements.date.value) form.elements.date.value = todayISO();
  showStep(1, false);
}
showCountyFigures();
$("step-actions").hidden = false; // the step buttons work from now on (hidden in the page until this script runs)
