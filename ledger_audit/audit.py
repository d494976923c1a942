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

import bisect
import datetime as dt
import gc
from collections.abc import Callable
from fractions import Fraction
from operator import attrgetter

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
BAD = cells.CellError  # stands for a cell that could not be read (already reported)
# How each field's cell is read (ledger_audit.cells); a field the file does not have reads as None.
PARSERS = {
    "date": cells.parse_date, "amount": cells.parse_money, "household_id": cells.parse_text,
    "id_number": cells.parse_id_number, "county": cells.parse_text, "type": cells.parse_type,
    "severity": cells.parse_severity, "approval": cells.parse_approval, "payment": cells.parse_cash,
    "case_by_case": cells.parse_mark, "event": cells.parse_text, "approval_no": cells.parse_text,
    "township": cells.parse_text,
}
FIELD_ORDER = tuple(PARSERS)  # the order Auditor.add unpacks them in
# What an unreadable cell (already reported) stands for: BAD where the row then cannot be checked or the household
# not named; elsewhere None, as an empty cell (no type, severity, level, event or 一事一议 mark).
UNREADABLE_AS = tuple(BAD if key in ("date", "amount", "household_id", "id_number", "county") else None
                      for key in FIELD_ORDER)
_DATE = attrgetter("date")
SCAN = 8  # a household with more assistances than this finds an 审批编号 through a dict (Auditor._index)


class _Place:
    """A county as the ledger writes it (``个旧``, ``个旧市``, ``532501``): the county the bundle knows by that text
    (None: not one of 红河州's), one copy of the text, and the figures that apply there, memoized by date."""

    __slots__ = ("county", "text", "figures")

    def __init__(self, county, text: str):
        self.county = county
        self.text = text
        self.figures: dict[dt.date, dict] = {}


class _Assistance:
    """One approval: its earliest date, total amount (fen), its first row and the later ones (a sorted list, or
    None when paid at once), where it was paid (:class:`_Place`), the codes read from its rows, its 审批编号 (or
    None) and its household's masked name (or None)."""

    __slots__ = ("date", "amount", "row", "more", "place", "event", "type", "severity", "approval", "cash",
                 "case_by_case", "approval_no", "name")

    def __init__(self, date: dt.date, amount: int, row: int, place: _Place, event, kind, severity, approval,
                 cash: bool, case_by_case: bool, approval_no: str | None, name: str | None):
        self.date = date
        self.amount = amount
        self.row = row
        self.more = None
        self.place = place
        self.event = event
        self.type = kind
        self.severity = severity
        self.approval = approval
        self.cash = cash
        self.case_by_case = case_by_case
        self.approval_no = approval_no
        self.name = name

    @property
    def rows(self) -> tuple[int, ...]:
        """All its rows, in file order."""
        return (self.row,) if self.more is None else (self.row, *self.more)

    def add_stage(self, date: dt.date, amount: int, row: int, event, kind, severity, approval, cash: bool,
                  case_by_case: bool) -> None:
        """Another row of the same approval (paid in stages): the earliest date, the sum, the first code read."""
        if date < self.date:
            self.date = date
        self.amount += amount
        if row < self.row:  # rows come in file order; kept sorted all the same
            self.row, row = row, self.row
        if self.more is None:
            self.more = [row]
        else:
            bisect.insort(self.more, row)
        self.cash = self.cash or cash
        self.case_by_case = self.case_by_case or case_by_case
        if self.event is None:
            self.event = event
        if self.type is None:
            self.type = kind
        if self.severity is None:
            self.severity = severity
        if self.approval is None:
            self.approval = approval


class Auditor:
    """Folds rows into assistances (:meth:`add`), then checks them (:meth:`report`).

    ``bundle``: the standards; ``as_of``: the audit's reference date (dates after it are findings), or None.

    A household is the list of its assistances in the order their first rows were read; households are kept by
    家庭编号 and by 身份证号 in two dicts (the same text in both columns names two households). An 审批编号 is
    looked for among its household's assistances; a household with more than :data:`SCAN` of them gets a dict of
    its own for that (``_indexes``).
    """

    def __init__(self, bundle: Bundle, columns: dict[str, int], header: list, as_of: dt.date | None = None):
        self.bundle = bundle
        self.columns = columns
        self.names = {key: str(header[i]).strip() for key, i in columns.items()}
        self.as_of = as_of
        self.rows = 0
        self.by_household_id: dict[str, list] = {}
        self.by_id_number: dict[str, list] = {}
        self.unreadable: list[dict] = []
        self.summary: dict[tuple, list] = {}
        self._places: dict[str, _Place] = {}  # the county's text as written -> its _Place
        self._indexes: dict[int, dict[str, _Assistance]] = {}  # id of a large household -> 审批编号 -> assistance
        self._params_cache: dict[dt.date, dict] = {}
        self._texts: dict[str, str] = {}
        self._name_at = columns.get("name")
        self._wanted = [(slot, columns[key], PARSERS[key]) for slot, key in enumerate(FIELD_ORDER) if key in columns]

    # -- reading ---------------------------------------------------------------------------------------------
    def _bad(self, row: int, key: str, message: str) -> None:
        self.unreadable.append({"row": row, "column": self.names.get(key, LABELS[key]), "message": message})

    def add(self, row: int, values: tuple) -> None:
        """Fold one data row (its number and cell values as read, rows in file order) into its household's
        assistances.

        Longer than 60 lines on purpose: it runs once per row of a year's ledger (up to 100,000 rows, see
        scripts/bench-audit); split into calls it measured slower, and it reads top to bottom as one row's path."""
        self.rows += 1
        parsed = [None] * len(FIELD_ORDER)
        count = len(values)
        for slot, index, parse in self._wanted:
            if index < count:
                try:
                    parsed[slot] = parse(values[index])
                except cells.CellError as error:
                    parsed[slot] = UNREADABLE_AS[slot]
                    self._bad(row, FIELD_ORDER[slot], error.message)
        (date, amount, hid, id_number, county_text, kind, severity, approval, cash, mark, event, approval_no,
         township) = parsed
        if date is None or amount is None or county_text is None:
            for key, value in (("date", date), ("amount", amount), ("county", county_text)):
                if value is None:
                    self._bad(row, key, f"缺少{LABELS[key]}")
            date = BAD
        if hid is None or hid is BAD:
            if id_number is None or id_number is BAD:
                if hid is None and id_number is None:
                    key = "household_id" if "household_id" in self.columns else "id_number"
                    self._bad(row, key, "缺少家庭编号和身份证号，无法确定是哪一户")
                return
            households, key = self.by_id_number, id_number
        else:
            households, key = self.by_household_id, hid
        if date is BAD or amount is BAD or county_text is BAD:
            return
        # The row can be checked: household, assistance, summary.
        household = households.get(key)
        if household is None:
            household = households[key] = []
            name_at = self._name_at
            name = cells.masked_name(values[name_at]) if name_at is not None and name_at < count else None
            if name is not None:
                name = self._texts.setdefault(name, name)  # one copy of each masked name
        else:
            name = household[0].name
        place = self._places.get(county_text)
        if place is None:  # the county as the bundle names it (None: not in Honghe) and one copy of the text
            place = self._places[county_text] = _Place(self.bundle.find_county(county_text), county_text)
        if event is not None:
            event = self._texts.setdefault(event, event)  # one copy of each 事由 text
        a = None
        if approval_no is not None and household:  # rows sharing an 审批编号 are one assistance paid in stages
            if len(household) <= SCAN:
                for earlier in household:
                    if earlier.approval_no == approval_no:
                        a = earlier
                        break
            else:
                a = self._index(household).get(approval_no)
        if a is None:  # without an 审批编号 each row is one assistance
            household.append(_Assistance(date, amount, row, place, event, kind, severity, approval, cash is True,
                                         mark is True, approval_no, name))
            if approval_no is not None and len(household) > SCAN:
                self._index(household)[approval_no] = household[-1]
        else:
            a.add_stage(date, amount, row, event, kind, severity, approval, cash is True, mark is True)
        summary_key = (place, township, date.year, date.month, kind)
        total = self.summary.get(summary_key)
        if total is None:
            self.summary[summary_key] = [1, amount]
        else:
            total[0] += 1
            total[1] += amount

    def _index(self, household: list) -> dict[str, _Assistance]:
        """审批编号 -> assistance for a household with many assistances, made when first needed."""
        index = self._indexes.get(id(household))
        if index is None:
            index = self._indexes[id(household)] = {a.approval_no: a for a in household if a.approval_no}
        return index

    # -- checking ---------------------------------------------------------------------------------------------
    def _standards(self, place: _Place, on: dt.date) -> dict:
        """The figures that apply to an assistance on ``on`` in ``place`` (the prefecture parameters alone for a
        county not in 红河州), memoized by place and date. Raises :class:`calculator.rules.StandardMissing`."""
        found = place.figures.get(on)
        if found is None:
            found = place.figures[on] = (self._parameters(on) if place.county is None else
                                         self._county_figures(place.county, on))
        return found

    def _parameters(self, on: dt.date) -> dict:
        """The prefecture parameters the checks use, in force on ``on`` (fen for amounts), memoized by date."""
        params = self._params_cache.get(on)
        if params is None:
            b = self.bundle
            params = self._params_cache[on] = {
                "times": rules.parameter_int(b, "times_per_year", on),
                "light_max": rules.parameter_int(b, "light_emergency_max", on) * 100,
                "cash_max": rules.parameter_int(b, "cash_max", on) * 100,
                "single_multiple": rules.parameter_int(b, "single_cap_multiple", on),
                "total_multiple": rules.parameter_int(b, "year_total_multiple", on),
            }
        return params

    def _county_figures(self, county, on: dt.date) -> dict:
        """The parameters and ``county``'s figures on ``on``: urban annual standard, township limit and how it was
        set, the single and yearly caps (fen)."""
        params = self._parameters(on)
        annual = rules.urban_annual_standard(self.bundle, county, on)
        limit, how = rules.township_limit(self.bundle, county, on)
        return {
            **params, "annual": annual, "limit": _exact(limit), "how": how,
            "single_cap": _exact(rules.general_single_cap(annual, params["single_multiple"])),
            "total_cap": _exact(rules.year_total_cap(annual, params["total_multiple"])),
        }

    def report(self) -> dict:
        """The report as plain data: ``{"rows", "households", "findings", "unreadable", "summary"}`` (issue 20)."""
        findings: list[tuple] = []
        self._out = findings
        for by_household_id, households in ((True, self.by_household_id), (False, self.by_id_number)):
            for key, household in households.items():
                self._who = (by_household_id, key, household)
                if len(household) == 1:
                    self._check_year(household)
                    continue
                # In date order; on the same date by first row, the order they were read in (sorted is stable).
                assistances = sorted(household, key=_DATE)
                start = 0
                for i in range(1, len(assistances) + 1):  # one run per calendar year
                    if i == len(assistances) or assistances[i].date.year != assistances[start].date.year:
                        self._check_year(assistances[start:i])
                        start = i
        # Households come by 家庭编号, then by 身份证号: the findings are put in the order of their rows.
        order = {kind: i for i, kind in enumerate(KINDS)}
        findings.sort(key=lambda f: (f[0], order[f[1]["kind"]]))
        # The month of each finding's assistance ("2024-03"), in the order of the findings: for the page's chart.
        self.finding_months = [f[2] for f in findings]
        summary = [
            {"county": c, "township": t or "（未填）", "month": f"{year:04d}-{month:02d}", "type": TYPE_NAMES[kind],
             "payments": n, "amount": y(fen)}
            for (c, t, year, month, kind), (n, fen) in sorted(self._summary_by_county().items(), key=_summary_order)
        ]
        return {
            "rows": self.rows,
            "households": len(self.by_household_id) + len(self.by_id_number),
            "findings": [f[1] for f in findings],
            "unreadable": sorted(self.unreadable, key=lambda u: u["row"]),
            "summary": summary,
        }

    def _summary_by_county(self) -> dict:
        """The summary with each county under its name in the bundle (``个旧`` and ``532501`` → 个旧市)."""
        out: dict = {}
        for (place, township, year, month, kind), (n, fen) in self.summary.items():
            key = (place.county.name if place.county else place.text, township, year, month, kind)
            total = out.setdefault(key, [0, 0])
            total[0] += n
            total[1] += fen
        return out

    def _finding(self, a: _Assistance, kind: str, text: str) -> None:
        """A finding on assistance ``a`` of the household being checked (:meth:`_check_year`)."""
        rule, clause, _ = KINDS[kind]
        who = f"户主 {a.name}：" if a.name else ""
        self._out.append((a.row, {"kind": kind, "rule": rule, "clause": clause, "household": self._label(),
                                      "rows": list(a.rows), "text": who + text},
                          f"{a.date.year:04d}-{a.date.month:02d}"))

    def _check_year(self, items: list) -> None:
        """Check one household's assistances of one calendar year, ``items`` in date order."""
        running = 0
        seen_events: dict[str, _Assistance] = {}
        for nth, a in enumerate(items, start=1):
            amount, date, place = a.amount, a.date, a.place
            before, running = running, running + amount
            year = date.year
            county = place.county
            if county is None:
                self._finding(a, "county_unknown", f"{_rows_text(a.rows)}的县市“{place.text}”不是红河州的县市"
                              "（红河州 13 个县市的标准数据中没有它），无法按本州标准核查金额和审批。")
            if self.as_of is not None and date > self.as_of:
                self._finding(a, "date_out_of_range", f"{_rows_text(a.rows)}的日期 {date.isoformat()} 晚于核查日期 "
                        f"{self.as_of.isoformat()}，请核对。")
            s = place.figures.get(date)
            if s is None:
                try:
                    s = self._standards(place, date)
                except rules.StandardMissing as missing:
                    self._finding(a, "date_out_of_range", f"{_rows_text(a.rows)}的日期 {date.isoformat()} "
                                  f"没有适用的标准（{missing.what}）：早于标准数据的起始日期，无法核查。")
            if s is not None:
                if not rules.within_times_per_year(nth, s["times"]):
                    dates = "、".join(f"{e.date.isoformat()}（{_rows_text(e.rows)}）" for e in items[:nth - 1])
                    self._finding(a, "times_per_year", f"{year} 年第 {nth} 次临时救助（{date.isoformat()}，"
                            f"{y(amount)} 元）：此前已于 {dates}救助 {nth - 1} 次，一个家庭每年一般不超过 "
                            f"{s['times']} 次（{nth} > {s['times']}）。")
                if a.event and a.event in seen_events:
                    first = seen_events[a.event]
                    self._finding(a, "same_event", f"事由“{a.event}”在 {year} 年已于 {first.date.isoformat()}"
                            f"（{_rows_text(first.rows)}）获救助，{date.isoformat()} 又以同一事由救助 "
                            f"{y(amount)} 元：原则上一事一救，不得以同一事由反复救助。")
                light = a.severity == "light" and a.type in (None, "emergency")
                if light and not rules.light_tier_allowed(amount, s["light_max"]):
                    self._finding(a, "light_tier", f"急难型、困难程度较轻，救助 {y(amount)} 元，超过 "
                            f"{y(s['light_max'])} 元（含）以下的标准（{y(amount)} > {y(s['light_max'])}）："
                            "较重的应参照支出型标准并如实认定困难程度。")
                if a.cash and not rules.cash_allowed(amount, s["cash_max"]):
                    self._finding(a, "cash", f"以现金发放，而本次救助 {y(amount)} 元超过 {y(s['cash_max'])} 元"
                            f"（{y(amount)} > {y(s['cash_max'])}）：只有特殊情况且 {y(s['cash_max'])} 元（含）"
                            "以下才可直接发放现金，其余应支付到个人账户。")
                if county is not None:
                    self._check_amounts(a, s, before, running, year)
            if a.event:
                seen_events.setdefault(a.event, a)

    def _check_amounts(self, a: _Assistance, s: dict, before: int, after: int, year: int) -> None:
        if not a.case_by_case and not rules.within_single_cap(a.amount, s["single_cap"]):
            self._finding(a, "single_cap", f"单次救助 {y(a.amount)} 元，高于城市低保年标准的 {s['single_multiple']} 倍 "
                    f"{s['single_multiple']} × {self._annual_text(a, s)} = {y(s['single_cap'])} 元，"
                    "且台账未标记“一事一议”。")
        if rules.within_year_total(before, s["total_cap"]) and not rules.within_year_total(after, s["total_cap"]):
            self._finding(a, "year_total", f"{year} 年累计救助 {y(before)} + {y(a.amount)} = {y(after)} 元，超过 "
                    f"{a.date.isoformat()} 时城市低保年标准的 {s['total_multiple']} 倍 {s['total_multiple']} × "
                    f"{self._annual_text(a, s)} = {y(s['total_cap'])} 元。")
        if a.approval == "township" and rules.approval_level(a.amount, s["limit"]) == "county":
            self._finding(a, "township_limit", f"由乡镇（街道）审批 {y(a.amount)} 元，超过 {year} 年乡镇（街道）"
                          f"审批额度 {_limit_text(s['how'], s['limit'])}：超过额度的应报县级民政部门审批。")

    def _annual_text(self, a: _Assistance, s: dict) -> str:
        """The urban annual standard of ``a``'s county and date as its arithmetic (for a finding's text)."""
        return _dibao_text(s["annual"], self.bundle, a.place.county, a.date)

    def _label(self) -> str:
        """The household being checked as a finding names it: its 家庭编号, or the last 4 digits of its ID number
        and all its rows."""
        by_household_id, key, household = self._who
        if by_household_id:
            return f"家庭编号 {key}"
        rows = sorted(r for a in household for r in a.rows)
        return f"身份证尾号 {key[-4:]}（{_rows_text(rows)}）"


def _summary_order(item: tuple) -> tuple:
    county, township, year, month, kind = item[0]
    return county, township or "", year, month, TYPE_NAMES[kind]


def _rows_text(rows: list[int]) -> str:
    return "第 " + "、".join(str(r) for r in rows) + " 行"


def _exact(value: Fraction) -> int | Fraction:
    """A whole number of fen as an ``int`` (faster to compare, the same value), any other value unchanged."""
    return int(value) if value.denominator == 1 else value


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
    return run(auditor, ledger, progress, every)


def run(auditor: Auditor, ledger: Ledger, progress: Callable[[int, int], None] | None = None,
        every: int = 2000) -> dict:
    """Fold every row of ``ledger`` into ``auditor`` and return its report (as :func:`audit`, which this is
    the body of; the page keeps the Auditor for ``finding_months``)."""
    done = 0
    # The audit makes many small objects and no reference cycles: the cyclic garbage collector would only walk
    # them again and again (a third of the time of 100,000 rows). Paused while auditing, as it was afterwards.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for number, values in ledger.rows():
            auditor.add(number, values)
            done += 1
            if progress is not None and done % every == 0:
                progress(done, max(done, ledger.total))
        if progress is not None:
            progress(done, done)
        return auditor.report()
    finally:
        if collecting:
            gc.enable()


def parse_rows(ledger: Ledger) -> int:
    """Read every row of ``ledger`` and parse every cell the audit reads, as :func:`audit` does (dates, exact
    money, the codes), without folding or checking anything: the baseline of ``scripts/bench-audit``. Returns
    the number of cells that could not be read."""
    wanted = [(ledger.columns[key], parse) for key, parse in PARSERS.items() if key in ledger.columns]
    bad = 0
    for _, values in ledger.rows():
        for index, parse in wanted:
            try:
                parse(values[index] if index < len(values) else None)
            except cells.CellError:
                bad += 1
    return bad
