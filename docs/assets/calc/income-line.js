// The 测算 page's income line (issue 18): once the county, the date, the residence and the household size are
// chosen, the largest six-month income with which the family meets the expenditure type's income condition
// (clause 2-1-2), shown beside the county figures, before Python has loaded and when it cannot load at all.
// No rule is computed here: the calculator computed every line for every county, period, residence and household
// size 1–30 when the site was built (calculator.county_figures.income_lines, put into the page as JSON,
// #income-lines, by sitebuild/income_line_html.py), with its sentence (INCOME_LINE); this script only looks up
// the entry and fills the sentence in. A classic script, right after figures.js; works under the site's CSP.
(() => {
  const source = document.getElementById("income-lines");
  const form = document.getElementById("calc-form");
  const figures = document.getElementById("county-figures");
  if (!source || !form || !figures) return;
  const { template, counties } = JSON.parse(source.textContent);
  const line = document.createElement("p");
  line.id = "income-line";
  line.className = "income-line";
  line.hidden = true;
  line.setAttribute("aria-live", "polite");
  line.setAttribute("elementtiming", "income-line"); // when it was painted, for scripts/bench-page
  figures.after(line);

  const todayISO = () => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  };
  const checked = (name) => {
    const el = form.querySelector(`input[name="${name}"]:checked`);
    return el ? el.value : "";
  };

  /** The sentence for county `code`, date `date` (YYYY-MM-DD), residence `residence` (urban | rural) and household
   * size `sizeText` (the field's text), or null when one is missing or outside the table. */
  const lookup = (code, date, residence, sizeText) => {
    const periods = counties[code];
    if (!periods || !/^\d{1,2}$/.test(sizeText)) return null;
    const p = periods.find((q) => q.from <= date && (q.to === null || date <= q.to));
    const income = p && p[residence] && p[residence][Number(sizeText) - 1];
    if (!income) return null;
    return template.replace("{size}", String(Number(sizeText))).replace("{months}", String(p.months))
      .replace("{income}", income);
  };

  function show() {
    const text = lookup(form.elements.county.value, form.elements.date.value || todayISO(), checked("residence"),
      String(form.elements.household_size.value || "").trim());
    line.textContent = text || "";
    line.hidden = !text;
  }

  for (const kind of ["change", "input"]) form.addEventListener(kind, show);
  window.__calcIncomeLine = { lookup, show };
  show(); // values the browser kept (back to the page) show at once
})();
