"""The audit: every assistance of a ledger checked against the rules of 红民社救〔2019〕5号.

**One assistance is one approval** (clause 2-4 “一次审批、分阶段救助”): rows of a household that share an 审批编号
are one assistance paid in stages — its date is the earliest row's, its amount the sum of the rows. Without that
column, or with the cell empty, each row is one assistance. A household is its 家庭编号 when the row has one,
otherwise its 身份证号.

Rows are read once and folded into compact per-assistance records (date, amount in fen, a few codes, row
numbers); nothing of a row is kept beyond them. When the file is read, each household's assistances are taken
year by year in date order and asked of the engine's rules (:mod:`calculator.rules`):

====================  ======  ========  =====================================================================
kind                  rule    clause    finding
====================  ======  ========  =====================================================================
``times_per_year``    I5      2-2       the third (or later) assistance of a calendar year
``same_event``        I5      2-2       the same household and 事由 again in a calendar year
``year_total``        I6      2-3-1     the assistance whose amount takes the year's total above 6 × the urban
                                        annual standard in force on its date
``single_cap``        I6      2-3-1     one assistance above 3 × that standard without a 一事一议 mark
``light_tier``        I7      2-3-2     an emergency assistance judged 较轻 above 1000 元
``township_limit``    I8      2-2-3     approved by the township above that year's township limit
``cash``              I9      2-4-1     paid (in part) in cash although above 1000 元
``date_out_of_range`` I1      2-3       a date with no standard in force (or after the audit's reference date)
``county_unknown``    I1      2-3       a county that is not one of 红河州's 13
====================  ======  ========  =====================================================================

Amounts are integer fen throughout; comparisons are the engine's, exact. Unreadable cells are reported with their
row and column (:data:`Report` ``unreadable``); a row missing its date, amount or household takes no further part.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from fractions import Fraction

from calculator import rules
from calculator.money import fen_to_yuan_text
from calculator.standards import Bundle
from ledger_audit import cells
from ledger_audit.columns import LABELS
from ledger_audit.reader import Ledger

KINDS: dict[str, tuple[str, str, str]] = {
    # kind: (rule, clause, Chinese heading)
    "times_per_year": ("I5", "2-2", "一年内救助次数超过上限"),
    "same_event": ("I5", "2-2", "同一事由一年内重复救助"),
    "year_total": ("I6", "2-3-1", "全年累计金额超过上限"),
    "single_cap": ("I6", "2-3-1", "单次金额超过上限且未标一事一议"),
    "light_tier": ("I7", "2-3-2", "急难型较轻情形金额超过上限"),
    "township_limit": ("I8", "2-2-3", "乡镇（街道）审批超过额度"),
    "cash": ("I9", "2-4-1", "超过限额发放现金"),
    "date_out_of_range": ("I1", "2-3", "日期超出标准数据的范围"),
    "county_unknown": ("I1", "2-3", "县市不是红河州的县市"),
}
TYPE_NAMES = {"emergency": "急难型", "expenditure": "支出型", None: "未填"}
y = fen_to_yuan_text
# How each field's cell is read (ledger_audit.cells); a field the file does not have reads as None.
PARSERS = {
    "date": cells.parse_date, "amount": cells.parse_money, "household_id": cells.parse_text,
    "id_number": cells.parse_id_number, "county": cells.parse_text, "type": cells.parse_type,
    "severity": cells.parse_severity, "approval": cells.parse_approval, "payment": cells.parse_cash,
    "case_by_case": cells.parse_mark, "event": cells.parse_text, "approval_no": cells.parse_text,
    "township": cells.parse_text,
}


class _Assistance:
    """One approval: its earliest date, total and cash-paid amount (fen), the codes read from its rows."""

    __slots__ = ("date", "amount", "cash", "rows", "county", "county_text", "event", "type", "severity",
                 "approval", "case_by_case")

    def __init__(self, date: dt.date, county, county_text: str):
        self.date = date
        self.amount = 0
        self.cash = False
        self.rows: list[int] = []
        self.county = county
        self.county_text = county_text
        self.event = self.type = self.severity = self.approval = None
        self.case_by_case = False


class _Household:
    __slots__ = ("label", "name", "last4", "rows", "assistances")

    def __init__(self, label: str | None, last4: str | None):
        self.label = label
        self.name: str | None = None
        self.last4 = last4
        self.rows: list[int] = []
        self.assistances: dict = {}  # approval key -> _Assistance


class Auditor:
    """Folds rows into assistances (:meth:`add`), then checks them (:meth:`report`).

    ``bundle``: the standards; ``as_of``: the audit's reference date (dates after it are findings), or None.
    """

    def __init__(self, bundle: Bundle, columns: dict[str, int], header: list, as_of: dt.date | None = None):
        self.bundle = bundle
        self.columns = columns
        self.names = {key: str(header[i]).strip() for key, i in columns.items()}
        self.as_of = as_of
        self.rows = 0
        self.households: dict[tuple, _Household] = {}
        self.unreadable: list[dict] = []
        self.summary: dict[tuple, list] = {}
        self._county_cache: dict[str, object] = {}
        self._standards_cache: dict[tuple, object] = {}

    # -- reading ---------------------------------------------------------------------------------------------
    def _bad(self, row: int, key: str, message: str) -> None:
        self.unreadable.append({"row": row, "column": self.names.get(key, LABELS[key]), "message": message})

    def _cell(self, row: int, values: tuple, key: str, parse: Callable):
        index = self.columns.get(key)
        if index is None or index >= len(values):
            return None
        try:
            return parse(values[index])
        except cells.CellError as error:
            self._bad(row, key, error.message)
            return cells.CellError

    def _county(self, text: str):
        if text not in self._county_cache:
            self._county_cache[text] = self.bundle.find_county(text)
        return self._county_cache[text]

    def add(self, row: int, values: tuple) -> None:
        """Fold one data row (its number and cell values as read) into its household's assistances."""
        self.rows += 1
        parsed = {key: self._cell(row, values, key, parse) for key, parse in PARSERS.items()}
        date, amount, county_text = parsed["date"], parsed["amount"], parsed["county"]
        hid, id_number, approval_no = parsed["household_id"], parsed["id_number"], parsed["approval_no"]
        kind, township = parsed["type"], parsed["township"]
        missing = [key for key, value in (("date", date), ("amount", amount), ("county", county_text))
                   if value is None]
        for key in missing:
            self._bad(row, key, f"缺少{LABELS[key]}")
        if hid in (None, cells.CellError) and id_number in (None, cells.CellError):
            if hid is None and id_number is None:
                key = "household_id" if "household_id" in self.columns else "id_number"
                self._bad(row, key, "缺少家庭编号和身份证号，无法确定是哪一户")
            return
        if missing or cells.CellError in (date, amount, county_text):
            return
        # The row can be checked: household, assistance, summary.
        if hid not in (None, cells.CellError):
            key, label, last4 = ("H", hid), f"家庭编号 {hid}", None
        else:
            key, label, last4 = ("I", id_number), None, id_number[-4:]
        household = self.households.get(key)
        if household is None:
            household = self.households[key] = _Household(label, last4)
        household.rows.append(row)
        if household.name is None and "name" in self.columns:
            household.name = cells.masked_name(values[self.columns["name"]] if self.columns["name"] < len(values)
                                               else None)
        group = approval_no if approval_no not in (None, cells.CellError) else ("row", row)
        county = self._county(county_text)
        a = household.assistances.get(group)
        if a is None:
            a = household.assistances[group] = _Assistance(date, county, county_text)
        elif date < a.date:
            a.date = date
        a.amount += amount
        a.rows.append(row)
        a.cash = a.cash or parsed["payment"] is True
        a.case_by_case = a.case_by_case or parsed["case_by_case"] is True
        for attr in ("event", "type", "severity", "approval"):
            value = parsed[attr]
            if getattr(a, attr) is None and value is not cells.CellError:
                setattr(a, attr, value)
        place = (county.name if county else county_text, township if township is not cells.CellError else None,
                 f"{date.year:04d}-{date.month:02d}", TYPE_NAMES.get(kind if kind is not cells.CellError else None))
        total = self.summary.get(place)
        if total is None:
            self.summary[place] = [1, amount]
        else:
            total[0] += 1
            total[1] += amount

    # -- checking ---------------------------------------------------------------------------------------------
    def _standards(self, county, on: dt.date) -> dict:
        """The figures that apply to an assistance on ``on`` in ``county`` (None: unknown county), memoized.
        Raises :class:`calculator.rules.StandardMissing`."""
        key = (county.code if county else None, on)
        found = self._standards_cache.get(key)
        if found is None:
            b = self.bundle
            found = {
                "times": rules.parameter_int(b, "times_per_year", on),
                "light_max": rules.parameter_int(b, "light_emergency_max", on) * 100,
                "cash_max": rules.parameter_int(b, "cash_max", on) * 100,
            }
            if county is not None:
                annual = rules.urban_annual_standard(b, county, on)
                single = rules.parameter_int(b, "single_cap_multiple", on)
                total = rules.parameter_int(b, "year_total_multiple", on)
                limit, how = rules.township_limit(b, county, on)
                found.update(annual=annual, single_multiple=single, total_multiple=total,
                             single_cap=rules.general_single_cap(annual, single),
                             total_cap=rules.year_total_cap(annual, total), limit=limit, how=how)
            self._standards_cache[key] = found
        return found

    def report(self) -> dict:
        """The report as plain data: ``{"rows", "households", "findings", "unreadable", "summary"}`` (issue 20)."""
        findings: list[tuple] = []
        for household in self.households.values():
            by_year: dict[int, list] = {}
            for a in household.assistances.values():
                a.rows.sort()
                by_year.setdefault(a.date.year, []).append(a)
            for year in sorted(by_year):
                items = sorted(by_year[year], key=lambda a: (a.date, a.rows[0]))
                self._check_year(household, year, items, findings)
        findings.sort(key=lambda f: (f[0], list(KINDS).index(f[1]["kind"])))
        summary = [
            {"county": c, "township": t or "（未填）", "month": m, "type": ty, "payments": n, "amount": y(fen)}
            for (c, t, m, ty), (n, fen) in sorted(self.summary.items(), key=lambda i: tuple(x or "" for x in i[0]))
        ]
        return {
            "rows": self.rows,
            "households": len(self.households),
            "findings": [f[1] for f in findings],
            "unreadable": sorted(self.unreadable, key=lambda u: u["row"]),
            "summary": summary,
        }

    def _check_year(self, household: _Household, year: int, items: list, out: list) -> None:
        running = 0
        seen_events: dict[str, _Assistance] = {}
        earlier: list[_Assistance] = []
        for a in items:
            def finding(kind: str, text: str, a=a) -> None:
                rule, clause, _ = KINDS[kind]
                who = f"户主 {household.name}：" if household.name else ""
                out.append((a.rows[0], {"kind": kind, "rule": rule, "clause": clause,
                                        "household": self._household_label(household), "rows": list(a.rows),
                                        "text": who + text}))

            before, running = running, running + a.amount
            rows_text = _rows_text(a.rows)
            if a.county is None:
                finding("county_unknown", f"{rows_text}的县市“{a.county_text}”不是红河州的县市（红河州 13 个县市的"
                        "标准数据中没有它），无法按本州标准核查金额和审批。")
            if self.as_of is not None and a.date > self.as_of:
                finding("date_out_of_range", f"{rows_text}的日期 {a.date.isoformat()} 晚于核查日期 "
                        f"{self.as_of.isoformat()}，请核对。")
            try:
                s = self._standards(a.county, a.date)
            except rules.StandardMissing as missing:
                finding("date_out_of_range", f"{rows_text}的日期 {a.date.isoformat()} 没有适用的标准"
                        f"（{missing.what}）：早于标准数据的起始日期，无法核查。")
                earlier.append(a)
                if a.event:
                    seen_events.setdefault(a.event, a)
                continue
            nth = len(earlier) + 1
            if not rules.within_times_per_year(nth, s["times"]):
                dates = "、".join(f"{e.date.isoformat()}（{_rows_text(e.rows)}）" for e in earlier)
                finding("times_per_year", f"{year} 年第 {nth} 次临时救助（{a.date.isoformat()}，{y(a.amount)} 元）："
                        f"此前已于 {dates} 救助 {nth - 1} 次，一个家庭每年一般不超过 {s['times']} 次"
                        f"（{nth} > {s['times']}）。")
            if a.event and a.event in seen_events:
                first = seen_events[a.event]
                finding("same_event", f"事由“{a.event}”在 {year} 年已于 {first.date.isoformat()}"
                        f"（{_rows_text(first.rows)}）获救助，{a.date.isoformat()} 又以同一事由救助 {y(a.amount)} 元："
                        "原则上一事一救，不得以同一事由反复救助。")
            light = a.severity == "light" and a.type in (None, "emergency")
            if light and not rules.light_tier_allowed(a.amount, s["light_max"]):
                finding("light_tier", f"急难型、困难程度较轻，救助 {y(a.amount)} 元，超过 "
                        f"{y(s['light_max'])} 元（含）以下的标准（{y(a.amount)} > {y(s['light_max'])}）："
                        "较重的应参照支出型标准并如实认定困难程度。")
            if a.cash and not rules.cash_allowed(a.amount, s["cash_max"]):
                finding("cash", f"以现金发放，而本次救助 {y(a.amount)} 元超过 {y(s['cash_max'])} 元"
                        f"（{y(a.amount)} > {y(s['cash_max'])}）：只有特殊情况且 {y(s['cash_max'])} 元（含）以下才可"
                        "直接发放现金，其余应支付到个人账户。")
            if a.county is not None:
                self._check_amounts(a, s, before, running, year, finding)
            earlier.append(a)
            if a.event:
                seen_events.setdefault(a.event, a)

    def _check_amounts(self, a: _Assistance, s: dict, before: int, after: int, year: int, finding) -> None:
        annual_text = _dibao_text(s["annual"], self.bundle, a.county, a.date)
        if not a.case_by_case and not rules.within_single_cap(a.amount, s["single_cap"]):
            finding("single_cap", f"单次救助 {y(a.amount)} 元，高于城市低保年标准的 {s['single_multiple']} 倍 "
                    f"{s['single_multiple']} × {annual_text} = {y(s['single_cap'])} 元，且台账未标记“一事一议”。")
        if rules.within_year_total(before, s["total_cap"]) and not rules.within_year_total(after, s["total_cap"]):
            finding("year_total", f"{year} 年累计救助 {y(before)} + {y(a.amount)} = {y(after)} 元，超过 "
                    f"{a.date.isoformat()} 时城市低保年标准的 {s['total_multiple']} 倍 {s['total_multiple']} × "
                    f"{annual_text} = {y(s['total_cap'])} 元。")
        if a.approval == "township" and rules.approval_level(a.amount, s["limit"]) == "county":
            finding("township_limit", f"由乡镇（街道）审批 {y(a.amount)} 元，超过 {year} 年乡镇（街道）审批额度 "
                    f"{_limit_text(s['how'], s['limit'])}：超过额度的应报县级民政部门审批。")

    def _household_label(self, household: _Household) -> str:
        if household.label:
            return household.label
        return f"身份证尾号 {household.last4}（{_rows_text(sorted(household.rows))}）"


def _rows_text(rows: list[int]) -> str:
    return "第 " + "、".join(str(r) for r in rows) + " 行"


def _dibao_text(annual: Fraction, bundle: Bundle, county, on: dt.date) -> str:
    """The urban annual standard as its arithmetic: ``744 × 12`` for a monthly figure."""
    found = bundle.dibao(county, "urban", on)
    return f"{found.value.text} × 12" if found.unit == "元/人·月" else y(annual)


def _limit_text(how: dict, limit: Fraction) -> str:
    if how.get("basis") == "fixed":
        return f"{y(limit)} 元（县市规定）"
    ratio = how["ratio"]
    percent = ratio * 100
    share = f"{percent.numerator}%" if percent.denominator == 1 else f"{ratio}"
    return (f"{share} × {how['dibao'].value.text} × 12 = {y(limit)} 元（按 {how['last_day'].isoformat()} 的城市低保"
            "标准）")


def audit(ledger: Ledger, bundle: Bundle, *, as_of: dt.date | None = None,
          progress: Callable[[int, int], None] | None = None, every: int = 2000) -> dict:
    """Audit an opened ledger against the standards bundle. Returns the report as plain data::

        {"rows": N, "households": H,
         "findings": [{"kind", "rule", "clause", "household", "rows": [..], "text"}],
         "unreadable": [{"row", "column", "message"}],
         "summary": [{"county", "township", "month", "type", "payments", "amount"}]}

    ``rows`` counts the data rows read (empty rows aside); ``households`` those identified; finding kinds as in
    the module docstring, sorted by their first row; amounts in the summary are 元 with two decimals.
    ``as_of``: dates after it are findings. ``progress(rows_done, total)`` is called every ``every`` rows and at
    the end. Raises :class:`ledger_audit.reader.LedgerError` when the file breaks off unreadably.
    """
    auditor = Auditor(bundle, ledger.columns, ledger.header, as_of)
    done = 0
    for number, values in ledger.rows():
        auditor.add(number, values)
        done += 1
        if progress is not None and done % every == 0:
            progress(done, max(done, ledger.total))
    if progress is not None:
        progress(done, done)
    return auditor.report()
