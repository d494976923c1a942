// The 测算 page's county figures, shown as soon as a county is chosen: before the theme's script, page.js and
// Python have loaded (on a slow connection, seconds before), and when Python cannot start at all. No rule is
// computed here: the figures were computed by the calculator when the site was built (hooks/site_assets.py,
// calculator.county_figures.county_periods) and sit in the page as JSON (#county-periods), one entry per county and
// period; this script only picks the period in force on the application date.
//
// A classic script, not a module, placed right after the JSON (module scripts run only once the whole page is
// parsed, after the theme's script). page.js uses it through window.__calcFigures. Works under the site's CSP.
(() => {
  const source = document.getElementById("county-periods");
  const form = document.getElementById("calc-form");
  const box = document.getElementById("county-figures");
  if (!source || !form || !box) return;
  const data = JSON.parse(source.textContent);
  // The words (calculator/vocabulary.py), which the build puts before the figures as JSON (#vocabulary).
  const words = JSON.parse(document.getElementById("vocabulary").textContent);
  const series = (kind) => words.series[kind];
  const policy = new URL("../../policy/", document.currentScript.src).pathname; // this file is assets/calc/

  // The same markup as assets/html.js (esc, clause), which a classic script cannot import.
  const esc = (text) =>
    String(text ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const clause = (id) => `<a class="clause" href="${policy}#${esc(id)}">第 ${esc(id)} 条</a>`;

  const todayISO = () => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  };

  /** The period of county `code` whose range (from … to, inclusive, ISO dates; to null: open) holds `date`
   * (YYYY-MM-DD), or null. The ranges were computed by the calculator: nothing is decided here. */
  const periodFor = (code, date) => {
    if (!data[code]) return null;
    return data[code].periods.find((p) => p.from <= date && (p.to === null || date <= p.to)) || null;
  };

  const unverifiedWord = words.status.unverified;
  const unverified = (status, origin) => (status === "verified" ? "" :
    `<span class="badge unverified">${origin === "province_floor" ? `按省级指导标准，本县标准${unverifiedWord}` : unverifiedWord}</span>`);

  /** Show the chosen county's figures for the application date (today when none is given), or hide the box.
   * Figures already on screen for the same county and date are left as they are: page.js shows them again when it
   * starts, and redrawing the same box would only make the browser paint it once more. */
  function show() {
    const code = form.elements.county.value;
    const date = form.elements.date.value || todayISO();
    const p = code && periodFor(code, date);
    if (!p) { box.hidden = true; delete box.dataset.shown; return; }
    const key = `${code} ${date}`;
    if (!box.hidden && box.dataset.shown === key) return;
    box.dataset.shown = key;
    box.innerHTML = `
      <p class="figures-title">${esc(data[code].name)} ${esc(date)} 在用的标准（无需等待计算程序）</p>
      <dl class="figures compact">
        <div class="figure"><dt>${esc(series("urban").name)}</dt><dd><span data-pre="urban_monthly">${esc(p.urban_monthly)}</span> ${esc(series("urban").unit)} ${unverified(p.urban_status, p.urban_origin)}</dd></div>
        <div class="figure"><dt>${esc(series("rural").name)}</dt><dd><span data-pre="rural_annual">${esc(p.rural_annual)}</span> ${esc(series("rural").unit)}（每月 ${esc(p.rural_monthly)} 元）${unverified(p.rural_status, p.rural_origin)}</dd></div>
        <div class="figure"><dt>急难型较轻情形</dt><dd><span data-pre="light_emergency_max">${esc(p.light_emergency_max)}</span> 元以下 ${clause("2-3-2")}</dd></div>
        <div class="figure"><dt>单次救助一般最高</dt><dd elementtiming="county-figure"><span data-pre="single_cap">${esc(p.single_cap)}</span> 元 ${clause("2-3-1")}</dd></div>
        <div class="figure"><dt>全年累计最高</dt><dd><span data-pre="year_total_cap">${esc(p.year_total_cap)}</span> 元 ${clause("2-3-1")}</dd></div>
        <div class="figure"><dt>乡镇（街道）可审批</dt><dd><span data-pre="township_limit">${esc(p.township_limit)}</span> 元以内 ${clause("2-2-3")}</dd></div>
      </dl>`;
    box.hidden = false;
  }

  form.addEventListener("change", (e) => { if (e.target.name === "county" || e.target.name === "date") show(); });
  form.addEventListener("input", (e) => { if (e.target.name === "date") show(); });
  // elementtiming (above, and on the county's label in the page): when they were painted, for scripts/bench-page.
  window.__calcFigures = { data, show, todayISO, periodFor };
  form.dataset.figures = "ready"; // for tests and scripts/bench-page: a county chosen from now on shows at once
  show(); // a county the browser kept (back to the page) shows at once
})();
