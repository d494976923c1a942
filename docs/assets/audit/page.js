// The 台账核查 page. Reads the chosen file in the browser and hands its bytes to Python in a Web Worker
// (worker.js: ledger_audit.web, the same audit as scripts/audit-ledger). Shows rows done / total while it runs,
// then a chart of the findings by kind and by month (SVG), the findings with their clauses, the unreadable cells,
// and the report to download in each format. No rule is computed here; nothing is sent anywhere or stored.

import { clause, esc, inChinese, startupStatus } from "../html.js";

const $ = (id) => document.getElementById(id);
const form = $("au-form");
const fileInput = $("au-file");
const runButton = $("au-run");
const errorBox = $("au-error");
const rowsBox = $("au-rows-box");
const rowsBar = $("au-rows");
const rowsText = $("au-rows-text");
const resultBox = $("au-result");
const { show: setStatus, bytes: showBytes } = startupStatus($("au-state"), $("au-state-text"), $("au-progress"));
const SVG = "http://www.w3.org/2000/svg";

let worker = null;
let nextId = 1;
let current = null; // {id, name, result, xlsx}

function failed(reason) {
  setStatus("failed", reason + "也可以在本机用命令行 scripts/audit-ledger 核查。");
  document.documentElement.dataset.audit = "failed";
  runButton.disabled = true;
}

function startWorker() {
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    failed("此浏览器不支持 WebAssembly，无法在本机运行核查程序（可换用较新的浏览器）。");
    return;
  }
  try {
    worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  } catch (error) {
    failed("核查程序未能启动。");
    return;
  }
  worker.onmessage = (event) => {
    const msg = event.data;
    if (msg.kind === "progress") setStatus("loading", msg.text);
    else if (msg.kind === "bytes") showBytes(msg.loaded, msg.total, "核查程序");
    else if (msg.kind === "ready") {
      setStatus("ready", "核查程序已就绪：选择台账文件后点“开始核查”。文件只在本机处理。");
      document.documentElement.dataset.audit = "ready";
    } else if (msg.kind === "failed") failed("核查程序未能启动（" + inChinese(msg.text) + "）。");
    else if (msg.kind === "rows" && current && msg.id === current.id) showRows(msg.done, msg.total);
    else if (msg.kind === "result" && current && msg.id === current.id) showResult(msg.result, msg.xlsx);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    failed("核查程序未能启动（" + (event.message ? inChinese(event.message) : "可能是内存不足或被拦截") + "）。");
  };
}

function showRows(done, total) {
  rowsBox.hidden = false;
  rowsBar.max = Math.max(total, 1);
  rowsBar.value = Math.min(done, total);
  rowsText.textContent = `${done.toLocaleString("zh-CN")} / ${total.toLocaleString("zh-CN")} 行`;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  errorBox.textContent = "";
  const file = fileInput.files && fileInput.files[0];
  if (!file) {
    errorBox.textContent = "请先选择台账文件（.xlsx 或 .csv）。";
    fileInput.focus();
    return;
  }
  if (!worker) return;
  const bytes = await file.arrayBuffer(); // read here, in this browser; handed to the worker, never sent
  current = { id: nextId++, name: file.name };
  resultBox.hidden = true;
  runButton.disabled = true;
  showRows(0, 0);
  rowsText.textContent = "正在读取……";
  document.documentElement.dataset.audit = "running";
  worker.postMessage({ id: current.id, name: file.name, bytes, asOf: $("au-asof").value }, [bytes]);
});

function showResult(result, xlsx) {
  runButton.disabled = false;
  document.documentElement.dataset.audit = "done";
  if (result.error) {
    rowsBox.hidden = true;
    errorBox.textContent = result.error.message;
    return;
  }
  current.result = result;
  current.xlsx = xlsx;
  const report = result.report;
  $("au-totals").innerHTML = `共 <strong>${report.rows}</strong> 行、<strong>${report.households}</strong> 户；`
    + `发现问题 <strong>${report.findings.length}</strong> 条，无法读取的单元格 <strong>${report.unreadable.length}</strong> 个。`;
  resultBox.hidden = false; // first, so that the chart can take the box's width
  drawChart(result);
  const rows = report.findings.map((f, i) => {
    const kind = result.kinds[f.kind];
    return `<tr><td>${i + 1}</td><td>${esc(kind.label)}</td><td>${clause(f.clause)}（${esc(f.rule)}）</td>`
      + `<td>${esc(f.household)}</td><td>${esc(f.rows.join("、"))}</td><td>${esc(f.text)}</td></tr>`;
  });
  $("au-findings").tBodies[0].innerHTML = rows.join("")
    || '<tr><td colspan="6">没有发现不符合规则的救助。</td></tr>';
  $("au-unreadable").innerHTML = report.unreadable.length
    ? "<ul>" + report.unreadable.map((u) => `<li>第 ${u.row} 行“${esc(u.column)}”：${esc(u.message)}</li>`).join("")
      + "</ul>"
    : "<p>全部单元格都已读取。</p>";
  resultBox.hidden = false;
  $("results").focus({ preventScroll: false });
}

// ----------------------------------------------------------------------------------------------- chart --
function el(name, attrs, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Two bar charts in one SVG: findings by kind (horizontal) and by month (vertical). */
function drawChart(result) {
  const box = $("au-chart");
  box.textContent = "";
  const findings = result.report.findings;
  if (!findings.length) {
    box.textContent = "没有问题。";
    return;
  }
  const byKind = new Map();
  for (const f of findings) byKind.set(f.kind, (byKind.get(f.kind) || 0) + 1);
  const byMonth = new Map();
  for (const m of [...result.months].sort()) byMonth.set(m, (byMonth.get(m) || 0) + 1);
  // As wide as the box (at most 640), so that the labels keep their size on a phone rather than shrink.
  const width = Math.max(300, Math.min(640, box.clientWidth || 640));
  const rowH = 22;
  const kindH = byKind.size * rowH + 30;
  const monthH = 170;
  const svg = el("svg", { viewBox: `0 0 ${width} ${kindH + monthH}`, role: "img", "aria-labelledby": "au-chart-title au-chart-desc", class: "au-svg" });
  const summary = [...byKind].map(([k, n]) => `${result.kinds[k].label} ${n} 条`).join("，");
  svg.append(el("title", { id: "au-chart-title" }, "问题按类别和月份的分布"));
  svg.append(el("desc", { id: "au-chart-desc" }, `按类别：${summary}。按月份：`
    + [...byMonth].map(([m, n]) => `${m} ${n} 条`).join("，") + "。"));
  svg.append(el("text", { x: 0, y: 16, class: "au-chart-heading" }, "按类别"));
  const maxKind = Math.max(...byKind.values());
  const labelW = Math.min(230, Math.round(width * 0.55));
  [...byKind].forEach(([k, n], i) => {
    const y = 26 + i * rowH;
    const w = Math.max(2, ((width - labelW - 50) * n) / maxKind);
    svg.append(el("text", { x: labelW - 6, y: y + 14, "text-anchor": "end", class: "au-chart-label" },
      result.kinds[k].label));
    svg.append(el("rect", { x: labelW, y: y + 3, width: w, height: rowH - 6, class: "au-bar" }));
    svg.append(el("text", { x: labelW + w + 4, y: y + 14, class: "au-chart-value" }, String(n)));
  });
  const top = kindH + 10;
  svg.append(el("text", { x: 0, y: top + 6, class: "au-chart-heading" }, "按月份（救助日期）"));
  const months = [...byMonth];
  const maxMonth = Math.max(...byMonth.values());
  const plotH = 100;
  const slot = (width - 20) / Math.max(months.length, 1);
  months.forEach(([m, n], i) => {
    const h = Math.max(2, (plotH * n) / maxMonth);
    const x = 10 + i * slot;
    const base = top + 20 + plotH;
    svg.append(el("rect", { x: x + slot * 0.15, y: base - h, width: slot * 0.7, height: h, class: "au-bar" }));
    svg.append(el("text", { x: x + slot / 2, y: base - h - 3, "text-anchor": "middle", class: "au-chart-value" }, String(n)));
    if (i % Math.max(1, Math.ceil(56 / slot)) === 0) { // a label every ~56 px
      svg.append(el("text", { x: x + slot / 2, y: base + 14, "text-anchor": "middle", class: "au-chart-label" }, m));
    }
  });
  box.append(svg);
}

// -------------------------------------------------------------------------------------------- downloads --
function download(data, type, name) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
const stem = () => (current.name.replace(/\.[^.]*$/, "") || "台账") + "-核查报告";
$("au-dl-md").addEventListener("click", () => download(current.result.markdown, "text/markdown;charset=utf-8", stem() + ".md"));
$("au-dl-json").addEventListener("click", () => download(JSON.stringify(current.result.report, null, 2) + "\n",
  "application/json;charset=utf-8", stem() + ".json"));
$("au-dl-xlsx").addEventListener("click", () => download(current.xlsx,
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", stem() + ".xlsx"));

$("results").setAttribute("tabindex", "-1");
startWorker();
