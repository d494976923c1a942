// The 测算 page: reads the form, hands the application to the calculator (Python in a Web Worker) and shows
// the result. No rule is computed here: every figure and reason comes from the calculator.
const form = document.getElementById("calc-form");
const statusBox = document.getElementById("calc-status");
const statusText = document.getElementById("calc-status-text");
const resultBox = document.getElementById("calc-result");
const priorRows = document.getElementById("prior-rows");
const POLICY = new URL("../policy/", document.baseURI).pathname;

const LEVELS = { township: "乡镇（街道）审批", county: "县级民政部门审批" };

function setStatus(kind, text) {
  statusBox.dataset.state = kind;
  statusText.textContent = text;
}

let worker = null;
let nextId = 1;
const pending = new Map();

function startWorker() {
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    setStatus("failed", "此浏览器不支持 WebAssembly，无法在本机运行测算程序。请换用较新的浏览器，或查看下方各县标准并向乡镇（街道）咨询。");
    return;
  }
  worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  worker.onmessage = (event) => {
    const msg = event.data;
    if (msg.kind === "progress") setStatus("loading", msg.text);
    else if (msg.kind === "ready") setStatus("ready", "测算程序已就绪。");
    else if (msg.kind === "failed") setStatus("failed", "测算程序未能启动（" + msg.text + "）。可查看各县标准并向乡镇（街道）咨询。");
    else if (msg.kind === "result") {
      const resolve = pending.get(msg.id);
      pending.delete(msg.id);
      if (resolve) resolve(msg.result);
    }
  };
  worker.onerror = (event) => setStatus("failed", "测算程序未能启动（" + (event.message || "未知错误") + "）。");
}

function assessInWorker(application) {
  return new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    worker.postMessage({ id, application });
  });
}

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
    county: value("county"),
    date: value("date"),
    residence: value("residence"),
    household_size: value("household_size") === null ? null : Number(value("household_size")),
    type,
    is_dibao: value("is_dibao"),
    is_tekun: value("is_tekun"),
    event: value("event"),
    amount: value("amount"),
    prior_assistance: [],
  };
  if (type === "expenditure") {
    app.income_6m = value("income_6m");
    app.medical_self_paid_6m = value("medical_self_paid_6m");
    app.education_self_paid_6m = value("education_self_paid_6m");
    app.special_difficulty = value("special_difficulty");
  } else {
    app.emergency_cause = value("emergency_cause");
    app.severity = value("severity");
    app.income_6m = value("income_6m");
  }
  for (const row of priorRows.querySelectorAll(".prior-row")) {
    const get = (k) => row.querySelector(`[data-prior=${k}]`).value.trim() || null;
    if (get("date") || get("amount") || get("event")) {
      app.prior_assistance.push({ date: get("date"), amount: get("amount"), event: get("event") });
    }
  }
  for (const key of Object.keys(app)) if (app[key] === null) delete app[key];
  return app;
}

function clearErrors() {
  for (const el of form.querySelectorAll(".field-error")) el.textContent = "";
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
}

function showError(error) {
  const field = error.field || "$";
  const top = field.split(/[.[]/)[0];
  let slot = form.querySelector(`[data-error-for="${top}"]`);
  if (top === "prior_assistance") slot = form.querySelector('[data-error-for="$"]');
  if (!slot) slot = form.querySelector('[data-error-for="$"]');
  slot.textContent = error.message + (top === "prior_assistance" ? `（已获救助第 ${Number((field.match(/\[(\d+)\]/) || [0, 0])[1]) + 1} 条）` : "");
  const input = form.elements[top];
  if (input && input.setAttribute) {
    input.setAttribute("aria-invalid", "true");
    input.focus();
  }
  slot.scrollIntoView({ block: "center" });
}

const esc = (text) => String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const clause = (id) => `<a class="clause" href="${POLICY}#${id}">第 ${id} 条</a>`;

function figure(label, field, val, unit) {
  if (val === null || val === undefined) return "";
  return `<div class="figure"><dt>${label}</dt><dd><span data-field="${field}">${esc(val)}</span> ${unit}</dd></div>`;
}

function render(r) {
  const verdict = r.eligible ? "可能符合临时救助条件" : "按所填情况，暂不符合临时救助条件";
  const html = [];
  html.push(`<h2 class="verdict ${r.eligible ? "yes" : "no"}" data-field="eligible" data-value="${r.eligible}">${verdict}</h2>`);
  html.push(`<p class="meta">${esc(r.county.name)} · ${esc(r.type_name)}救助 · 申请日期 ${esc(r.date)}</p>`);
  if (r.warnings.length) {
    html.push('<div class="admonition warning"><p class="admonition-title">请注意</p><ul>');
    for (const w of r.warnings) html.push(`<li data-warning="${esc(w.kind)}">${esc(w.text)}</li>`);
    html.push("</ul></div>");
  }
  html.push('<dl class="figures">');
  html.push(figure("月人均可支配收入（已扣除自付支出）", "per_capita_monthly_income", r.per_capita_monthly_income, "元"));
  html.push(figure("低保标准（每人每月）", "dibao_standard_monthly", r.dibao_standard_monthly, "元"));
  html.push(figure("本次救助一般最高", "single_cap", r.single_cap, "元"));
  html.push(figure("“一事一议”最高可至", "case_by_case_max", r.case_by_case_max, "元"));
  html.push(figure("全年累计最高", "year_total_cap", r.year_total_cap, "元"));
  html.push(figure("今年还可获得", "year_remaining", r.year_remaining, "元"));
  html.push(figure("今年还可申请（含本次）", "times_remaining", r.times_remaining, "次"));
  html.push(figure("乡镇（街道）可审批的最高额", "township_limit", r.township_limit, "元"));
  if (!r.eligible && r.qualifying_income_6m_max !== null) {
    html.push(figure("6 个月收入不超过此数即符合", "qualifying_income_6m_max", r.qualifying_income_6m_max, "元"));
  }
  if (r.amount !== null) {
    html.push(`<div class="figure"><dt>拟申请 ${esc(r.amount)} 元由谁审批</dt><dd data-field="approval_level">${LEVELS[r.approval_level]}</dd></div>`);
    html.push(`<div class="figure"><dt>可否发放现金</dt><dd data-field="cash_allowed">${r.cash_allowed ? "特殊情况下可以" : "不可以，须打到个人账户"}</dd></div>`);
  }
  html.push("</dl>");
  html.push("<h3>为什么</h3><ol class=\"reasons\">");
  for (const x of r.reasons) html.push(`<li>${esc(x.text)} <span class="cite">${clause(x.clause)} · ${esc(x.rule)}</span></li>`);
  html.push("</ol>");
  html.push("<h3>怎么办理</h3><ol class=\"procedure\">");
  for (const s of r.procedure) html.push(`<li>${esc(s.step)} <span class="cite">${clause(s.clause)}</span></li>`);
  html.push("</ol>");
  html.push(`<p><strong>发放方式：</strong>${esc(r.payment.text)} <span class="cite">${clause(r.payment.clause)}</span></p>`);
  if (r.referrals.length) {
    html.push("<h3>还可以申请</h3><ul class=\"referrals\">");
    for (const x of r.referrals) html.push(`<li><strong>${esc(x.scheme)}</strong>：${esc(x.why)} <span class="cite">${clause(x.clause)}</span></li>`);
    html.push("</ul>");
  }
  html.push("<details class=\"standards-used\"><summary>所用标准和参数</summary><ul>");
  for (const s of r.standards_used) {
    html.push(`<li>${esc(s.name)}：${esc(s.value)} ${esc(s.unit)}（${esc(s.effective)} 起，${esc(s.source.document || "")}` +
      `${s.status === "verified" ? "" : "，未核实"}）</li>`);
  }
  html.push("</ul></details>");
  html.push('<p class="disclaimer">本结果为按政策文件的测算，实际以乡镇（街道）和县级民政部门审核审批为准。</p>');
  resultBox.innerHTML = html.join("");
  resultBox.hidden = false;
}

function syncType() {
  const emergency = value("type") === "emergency";
  document.getElementById("emergency-fields").hidden = !emergency;
  for (const name of ["medical_self_paid_6m", "education_self_paid_6m", "special_difficulty"]) {
    form.elements[name].closest("label, div").hidden = false;
  }
  document.getElementById("expenditure-fields").dataset.mode = emergency ? "emergency" : "expenditure";
}

function addPriorRow() {
  const row = document.getElementById("prior-row-template").content.firstElementChild.cloneNode(true);
  row.querySelector(".remove-prior").addEventListener("click", () => row.remove());
  priorRows.appendChild(row);
  return row;
}

form.addEventListener("change", (e) => { if (e.target.name === "type") syncType(); });
document.getElementById("add-prior").addEventListener("click", addPriorRow);
form.addEventListener("reset", () => {
  setTimeout(() => { priorRows.innerHTML = ""; resultBox.hidden = true; resultBox.innerHTML = ""; clearErrors(); syncType(); });
});
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  clearErrors();
  if (!worker) return;
  const button = document.getElementById("calc-submit");
  button.disabled = true;
  const before = statusBox.dataset.state;
  if (before !== "ready") setStatus("loading", "测算程序仍在启动，启动后自动计算……");
  const result = await assessInWorker(readForm());
  button.disabled = false;
  if (result.error) {
    resultBox.hidden = true;
    showError(result.error);
    return;
  }
  render(result);
  resultBox.scrollIntoView({ block: "start" });
});

syncType();
startWorker();
