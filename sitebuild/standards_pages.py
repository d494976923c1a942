"""Pages generated at build time from the standards bundle (never edited by hand, never committed).

:func:`generated_pages` returns ``{src_uri: markdown}`` for the MkDocs hook (``hooks/site_assets.py``):

* ``standards/index.md`` — every county's urban and rural dibao standard in force on the reference date, the
  caps they imply, a verified/unverified badge and the last change;
* ``standards/<code>.md`` — one page per county: the standards over time (chart and table), the township
  approval limit year by year, the county's own figures and the provincial floor with their sources, the
  local refinements, and where to correct the data;
* ``standards/province.md`` — the Yunnan provincial floor with its sources.

Which standard applies on a date is decided only by :meth:`calculator.standards.Bundle.dibao`, and every
cap by :mod:`calculator.rules`, so the pages show exactly what the calculator uses.

The reference date (``as_of``) is explicit: the pages never read "today". Without one, it is the newest
effective date found in the data (:func:`newest_effective_date`), so the same data always gives the same pages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from calculator import rules
from calculator.county_figures import CountyFigures, figures_on
from calculator.explain import percent_text
from calculator.money import fen_to_yuan_text
from calculator.standards import (
    RURAL,
    URBAN,
    Bundle,
    County,
    DatedAmount,
    DatedParameter,
    DibaoInForce,
    Series,
    Source,
)
from sitebuild import svgchart
from sitebuild.contacts import contact_section
from sitebuild.markdown_text import html_text, markdown_escape

POLICY = "../policy/index.md"
URBAN_COLOR = "#c62828"
RURAL_COLOR = "#1565c0"
MONTHLY = "元/人·月"
ANNUAL = "元/人·年"


# -- text helpers ---------------------------------------------------------------------------------------------


def yuan(fen: int | Fraction) -> str:
    """A computed amount in 元 with exactly 2 decimals (half-up to the fen): 2678400 → ``26784.00``."""
    return fen_to_yuan_text(fen)



def _badge(verified: bool) -> str:
    if verified:
        return '<span class="badge verified">已核实</span>'
    return '<span class="badge unverified">未核实</span>'


def _ben(county: County) -> str:
    """本市 / 本县, as the county calls itself."""
    return "本市" if county.name.endswith("市") else "本县"


def _as_date(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _source_text(source: Source) -> str:
    """``document（issuer，published 发布）`` and a link when present, for Markdown."""
    parts = [markdown_escape(source.issuer)]
    if source.published:
        parts.append(f"{source.published} 发布")
    text = f"{markdown_escape(source.document)}（{'，'.join(parts)}）"
    if source.url:
        text += f' <a href="{html_text(source.url)}" rel="noopener">原文链接</a>'
    return text


# -- the reference date ---------------------------------------------------------------------------------------


def _effective_dates(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "effective" and isinstance(value, str):
                yield value
            else:
                yield from _effective_dates(value)
    elif isinstance(node, list):
        for item in node:
            yield from _effective_dates(item)


def newest_effective_date(bundle: dict) -> dt.date:
    """The newest ``effective`` date anywhere in the bundle (floor, counties, local rules, prefecture parameters).

    The default reference date of the generated pages: it depends on the data only, never on the build date.
    """
    return max(dt.date.fromisoformat(d) for d in _effective_dates(bundle))


# -- figures, all from the calculator -------------------------------------------------------------------------


def _verified(found: DibaoInForce) -> bool:
    """已核实 only for a county's own figure whose source was read (the provincial floor is always 未核实)."""
    return found.origin == "county" and found.value.status == "verified"


def _all_verified(f: CountyFigures) -> bool:
    return _verified(f.urban) and _verified(f.rural)


@dataclass(frozen=True)
class Period:
    """From ``start`` on (until the next period), the standards the calculator applies."""

    start: dt.date
    urban: DibaoInForce | None
    rural: DibaoInForce | None


def _key(found: DibaoInForce | None) -> tuple | None:
    return None if found is None else (found.value, found.origin)


def periods(standards: Bundle, county: County) -> list[Period]:
    """Every period in which the applied urban and rural standards stay the same, oldest first."""
    dates: set[dt.date] = set()
    for series in (standards.floor_urban, standards.floor_rural, county.urban, county.rural):
        dates.update(v.effective for v in series.values)
    out: list[Period] = []
    for day in sorted(dates):
        urban, rural = standards.dibao(county, URBAN, day), standards.dibao(county, RURAL, day)
        if urban is None and rural is None:
            continue
        if out and (_key(out[-1].urban), _key(out[-1].rural)) == (_key(urban), _key(rural)):
            continue
        out.append(Period(day, urban, rural))
    return out


def _floor_periods(standards: Bundle) -> list[tuple[dt.date, DatedAmount | None, DatedAmount | None]]:
    dates = sorted({v.effective for s in (standards.floor_urban, standards.floor_rural) for v in s.values})
    return [(d, standards.floor_urban.in_force(d), standards.floor_rural.in_force(d)) for d in dates]


def _floor_since(county_periods: list[Period], residence: str, on: dt.date) -> dt.date | None:
    """The first day of the unbroken run of provincial-floor periods that includes ``on`` (None if the county's
    own figure applies on ``on``)."""
    since = None
    for period in county_periods:
        if period.start > on:
            break
        found = period.urban if residence == URBAN else period.rural
        if found is not None and found.origin == "province_floor":
            since = since or period.start
        else:
            since = None
    return since


def _last_change(f: CountyFigures) -> list[tuple[str, DibaoInForce]]:
    """The applied value(s) that changed last on or before the reference date: ``[(城市|农村|城乡, value)]``
    (one entry when urban and rural changed the same day by the same document)."""
    latest = max(f.urban.value.effective, f.rural.value.effective)
    changed = [(w, x) for w, x in (("城市", f.urban), ("农村", f.rural)) if x.value.effective == latest]
    if len(changed) == 2:
        (_, u), (_, r) = changed
        same = (u.value.source.document, u.value.source.issuer) == (r.value.source.document, r.value.source.issuer)
        if same and u.origin == r.origin:
            return [("城乡", u)]
    return changed


def _origin_word(found: DibaoInForce, county: County) -> str:
    return "省级指导标准" if found.origin == "province_floor" else f"{_ben(county)}标准"


def _status_phrase(found: DibaoInForce, county: County, county_periods: list[Period], on: dt.date) -> str:
    """Why this figure applies and how sure it is, in one Markdown sentence."""
    ben = _ben(county)
    if found.origin == "province_floor":
        since = _floor_since(county_periods, found.residence, on) or found.value.effective
        own = found.county_value
        if own is None:
            series = county.urban if found.residence == URBAN else county.rural
            why = (
                f"{ben}尚未录入自有标准"
                if not series.values
                else f"{ben}录入的标准从 {series.values[0].effective.isoformat()} 起才生效"
            )
        else:
            why = (
                f"{ben}录入的最新标准 {markdown_escape(own.text)} {MONTHLY if found.residence == URBAN else ANNUAL}"
                f"（{own.effective.isoformat()} 起）低于同期省级指导标准，可能尚未更新"
            )
        return f"{since.isoformat()} 起按省级指导标准，{ben}标准未核实：{why}。"
    if found.value.status == "verified" and _inferred(found.value):
        return f"{ben}标准，{found.value.effective.isoformat()} 起执行，金额来源已核实，{_inferred(found.value)}"
    if found.value.status == "verified":
        return f"{ben}标准，{found.value.effective.isoformat()} 起执行，来源已核实。"
    return f"{ben}标准，{found.value.effective.isoformat()} 起执行，来源未核实（转引或推定，见下方出处）。"


def _township_basis(setting: dict | None, short: bool = False) -> str:
    """How :func:`calculator.rules.township_limit` set the limit: ``735 × 12 × 50%`` (``short``) or with the
    day and the standard named."""
    if setting is None:
        return "上一年12月31日没有可用的标准"
    if setting["basis"] == "fixed":
        return f"县市规定的固定额度（{setting['entry']['effective']} 起）"
    found: DibaoInForce = setting["dibao"]
    formula = f"{markdown_escape(found.value.text)} × 12 × {percent_text(setting['ratio'])}"
    who = "（比例为县市规定）" if setting["set_by"] == "county" else ""
    if short:
        return formula + who
    return (
        f"{setting['last_day'].isoformat()} 城市低保 {markdown_escape(found.value.text)} {MONTHLY} × 12 × "
        f"{percent_text(setting['ratio'])}{who}"
    )


# -- overview -------------------------------------------------------------------------------------------------


def _reference_note(as_of: dt.date, newest: dt.date) -> str:
    if as_of == newest:
        why = f"{as_of.isoformat()} 是数据中最新的生效日期"
    else:
        why = f"参考日期在构建网站时指定；数据中最新的生效日期是 {newest.isoformat()}"
    return (
        f"本页列出按 {as_of.isoformat()} 在用的标准（{why}）。本页在构建网站时由仓库 `standards/` 中的数据生成，"
        "同一份数据总是得到同一页面，不随浏览的日期变化；数据更新后网站重新构建，本页随之更新。"
        "测算按申请日期选用当日在用的标准，可能与本页不同。"
    )


def _card_status(county: County, f: CountyFigures) -> str:
    ben = _ben(county)
    u, r = f.urban, f.rural
    if u.origin == r.origin == "province_floor":
        return f"按省级指导标准，{ben}标准未核实"
    if u.origin == r.origin == "county":
        return f"{ben}标准，来源已核实" if _all_verified(f) else f"{ben}标准，来源未核实"
    parts = []
    for word, found in (("城市", u), ("农村", r)):
        if found.origin == "province_floor":
            parts.append(f"{word}按省级指导标准（未核实）")
        else:
            parts.append(f"{word}按{ben}标准（{'已核实' if _verified(found) else '来源未核实'}）")
    return "，".join(parts)


def _card(county: County, f: CountyFigures) -> list[str]:
    u, r = f.urban, f.rural
    township = "—" if f.township is None else f"{yuan(f.township)} 元"
    changes = "；".join(
        f"{word}标准，{markdown_escape(c.value.source.document)}（{_origin_word(c, county)}）"
        for word, c in _last_change(f)
    )
    last_day = max(u.value.effective, r.value.effective).isoformat()
    return [
        '<div class="card" markdown>',
        "",
        f"### [{markdown_escape(county.name)}]({county.code}.md) {{ #c{county.code} }}",
        "",
        f"{_badge(_all_verified(f))} {county.code} · {_card_status(county, f)}",
        "",
        '<dl class="std-figures">',
        f"<dt>城市低保</dt><dd>{html_text(u.value.text)} {MONTHLY}</dd>",
        f"<dt>农村低保</dt><dd>{html_text(r.value.text)} {ANNUAL}</dd>",
        f"<dt>单次救助上限</dt><dd>{yuan(f.single_cap)} 元</dd>",
        f"<dt>全年累计上限</dt><dd>{yuan(f.year_cap)} 元</dd>",
        f"<dt>乡镇审批额度</dt><dd>{township}</dd>",
        "</dl>",
        "",
        f"最近调整：{last_day}，{changes}",
        "",
        "</div>",
    ]


def standards_overview(bundle: dict, as_of: dt.date | str | None = None) -> str:
    """``standards/index.md``: every county's standards on ``as_of`` and the caps they imply, as cards.

    Longer than 60 lines on purpose: it is the page's template, written top to bottom in the order the page reads;
    every part is a line or two, and the parts that compute are functions of their own."""
    standards = Bundle.from_dict(bundle)
    newest = newest_effective_date(bundle)
    on = newest if as_of is None else _as_date(as_of)
    fu, fr = standards.floor_urban.in_force(on), standards.floor_rural.in_force(on)
    all_figures = {code: figures_on(standards, c, on) for code, c in standards.counties.items()}
    single_multiple = rules.parameter_int(standards, "single_cap_multiple", on)
    year_multiple = rules.parameter_int(standards, "year_total_multiple", on)
    times = rules.parameter_int(standards, "times_per_year", on)
    ratio = percent_text(rules.parameter_fraction(standards, "township_limit_ratio", on))
    prev = dt.date(on.year - 1, 12, 31).isoformat()
    own = [
        f"{c.name}（{'来源已核实' if _all_verified(all_figures[code]) else '来源未核实'}）"
        for code, c in standards.counties.items()
        if "county" in (all_figures[code].urban.origin, all_figures[code].rural.origin)
    ]
    below = [
        c.name
        for code, c in standards.counties.items()
        if any(
            x.origin == "province_floor" and x.county_value is not None
            for x in (all_figures[code].urban, all_figures[code].rural)
        )
    ]
    summary = f"{len(standards.counties)} 个县市中，{len(own)} 个按本县市录入的标准测算"
    summary += f"：{'、'.join(own)}" if own else ""
    summary += "；其余按省级指导标准，标为“未核实”"
    if below:
        summary += f"（其中{'、'.join(below)}录入的标准已低于同期省级指导标准）"
    summary += "。点县市名称查看历年标准、出处和变化图。"
    lines = [
        "# 各县市低保标准 {#top}",
        "",
        f"按 **{on.isoformat()}** 在用的标准（[参考日期的说明](#as-of)）。城市低保标准按 {MONTHLY}，"
        f"农村低保标准按 {ANNUAL}（云南省的发布口径）；金额上限的算法见[下文](#how)。",
        "",
    ]
    if fu is not None and fr is not None:
        lines += [
            f"省级指导标准（全省最低）：城市 {markdown_escape(fu.text)} {MONTHLY}（{fu.effective.isoformat()} 起），"
            f"农村 {markdown_escape(fr.text)} {ANNUAL}（{fr.effective.isoformat()} 起），"
            f"{markdown_escape(fu.source.document)}。"
            "[历年省级指导标准和出处](province.md)",
            "",
        ]
    lines += [summary, "", '<div class="grid std-cards" markdown>', ""]
    for code, county in standards.counties.items():
        lines += _card(county, all_figures[code])
        lines.append("")
    lines += [
        "</div>",
        "",
        "## 金额上限怎么算 {#how}",
        "",
        f"- **单次救助上限** = {single_multiple} × 当地城市低保年标准（城市低保月标准 × 12），"
        f"条款 [2-3-1]({POLICY}#2-3-1)：城乡申请人都按城市标准（就高不就低）。特别困难的可“一事一议”适当提高。",
        f"- **全年累计上限** = {year_multiple} × 当地城市低保年标准，同一家庭一年内最多救助 {times} 次，"
        f"条款 [2-3-1]({POLICY}#2-3-1)。",
        f"- **乡镇审批额度** = {ratio} × 上一年12月31日的城市低保年标准，条款 [2-2-3]({POLICY}#2-2-3)："
        f"{on.year} 年内的申请按 {prev} 的标准计算，每年1月1日更新（各县市页面列出每一年的额度）。"
        "超过额度的由县级民政部门审批。",
        "- **未核实**：本县市没有核实过的自有标准时，测算按[省级指导标准](province.md)进行"
        "（县市标准不得低于同期省级标准）。这些数字可能低于本县市实际执行的标准，以县市民政部门公布的为准。",
        "",
        "## 参考日期 {#as-of}",
        "",
        _reference_note(on, newest),
        "",
        "## 数据有误怎么办 {#corrections}",
        "",
        "每个县市页面的最后写明它的数据文件（如 `standards/532503-mengzi.yaml`）。县市民政局发现数字、日期或出处"
        "有误，或有了新的调标文件，请修改该文件并以 pull request 提交，写法见仓库中的 `standards/README.md`；"
        "提交时会自动检查。合并后网站重新构建，本页和测算随之更新。",
        "",
    ]
    return "\n".join(lines)


# -- county pages ---------------------------------------------------------------------------------------------


def _chart(standards: Bundle, name: str, chart_id: str, per: list[Period], on: dt.date) -> str:
    """The step chart of the applied urban monthly standard and the rural annual standard ÷ 12."""
    urban_steps, rural_steps = [], []
    for p in per:
        if p.urban is not None:
            urban_steps.append((p.start, p.urban.monthly / 100, p.urban.value.text))
        if p.rural is not None:
            rural_steps.append((p.start, p.rural.monthly / 100, yuan(p.rural.monthly)))
    start = per[0].start
    end = dt.date(on.year + 1, 1, 1)
    desc = [f"{name}测算所用的低保标准，{start.isoformat()} 至 {on.isoformat()}。城市低保（{MONTHLY}）："]
    desc.append("，".join(f"{d.isoformat()} 起 {t}" for d, _, t in urban_steps if d <= on) + "。")
    desc.append(f"农村低保年标准 ÷ 12（{MONTHLY}）：")
    desc.append("，".join(f"{d.isoformat()} 起 {t}" for d, _, t in rural_steps if d <= on) + "。")
    title = f"{name}低保标准变化（{MONTHLY}），{start.isoformat()} 至 {on.isoformat()}"
    svg = svgchart.step_chart(
        chart_id,
        title,
        "".join(desc),
        [
            svgchart.Line("城市（月标准）", URBAN_COLOR, tuple(urban_steps)),
            svgchart.Line("农村（年标准÷12）", RURAL_COLOR, tuple(rural_steps)),
        ],
        start,
        end,
        on,
    )
    caption = (
        f"实线：测算所用的标准，至参考日期 {on.isoformat()}（竖虚线）；其后的虚线表示按现有数据继续执行。"
        "农村标准按年标准 ÷ 12 折算为每月。右侧数字为参考日期的标准。"
    )
    return "\n".join(['<figure class="std-chart">', svg, f"<figcaption>{html_text(caption)}</figcaption>", "</figure>"])


def _cell(found: DibaoInForce | None, county: County) -> str:
    if found is None:
        return "—"
    where = "省级" if found.origin == "province_floor" else _ben(county)
    return f"{markdown_escape(found.value.text)}（{where}）"


def _marks(v: DatedAmount) -> str:
    """（未核实） for an amount not sourced, （生效日期推定） for a date inferred: the two are recorded apart."""
    unverified = "" if v.status == "verified" else "（未核实）"
    return unverified + ("（生效日期推定）" if v.effective_basis == "inferred" else "")


def _floor_rows(rows) -> list[str]:
    """Table rows ``| date | urban | rural |`` of the provincial floor's periods, each amount with its marks."""
    def cell(value: DatedAmount | None) -> str:
        return f"{markdown_escape(value.text)}{_marks(value)}" if value else "—"

    return [f"| {day.isoformat()} | {cell(u)} | {cell(r)} |" for day, u, r in rows]


def _inferred(v: DatedAmount | DatedParameter) -> str:
    """“生效日期按……推定。” for a value whose effective date is inferred, else ``""``."""
    return f"生效日期按{markdown_escape(v.effective_inferred_from)}推定。" if v.effective_basis == "inferred" else ""


def _value_items(series: Series, unit: str) -> list[str]:
    if not series.values:
        return ["- 尚未录入（`values: []`）", ""]
    out = []
    for v in series.values:
        out += [
            f"- **{v.effective.isoformat()} 起 {markdown_escape(v.text)} {unit}** {_badge(v.status == 'verified')}",
            "",
            f"    出处：{_source_text(v.source)}",
            "",
        ]
        if _inferred(v):
            out += [f"    {_inferred(v)}", ""]
        if v.source.note:
            out += [f"    说明：{markdown_escape(v.source.note)}", ""]
    return out


def _local_section(county: County) -> list[str]:
    local = county.local
    ben = _ben(county)
    lines = ["## 本地细化规定 {#local-rules}", ""]
    if not (local.township_limit.values or local.emergency_tiers or local.property_rules or local.contact):
        return lines + [
            f"{ben}的数据文件没有 `local:` 部分：乡镇审批额度、急难型救助分档等按州级参数"
            f"（[红民社救〔2019〕5号]({POLICY})）执行。{ben}民政局在政策授权范围内另有规定的，"
            "可按 `standards/README.md` 补充。",
            "",
        ]
    for entry in (rule.entry for rule in local.township_limit.values):
        what = (
            f"固定额度 {yuan(_fen(entry['amount']))} 元"
            if entry.get("basis") == "fixed"
            else f"上一年12月31日城市低保年标准 × {percent_text(Fraction(entry['ratio']))}"
        )
        lines += [
            f"- **乡镇（街道）审批额度**，{entry['effective']} 起：{what} "
            f"{_badge(entry.get('status') == 'verified')}（条款 [2-2-3]({POLICY}#2-2-3)）",
            "",
            f"    出处：{_source_text(Source.from_dict(entry['source'], 'local'))}",
            "",
        ]
    for entry in local.emergency_tiers:
        tiers = "；".join(
            f"{yuan(_fen(t['max_amount']))} 元以下：{markdown_escape(t['description'])}" for t in entry["tiers"]
        )
        lines += [
            f"- **急难型救助分档**，{entry['effective']} 起：{tiers} {_badge(entry.get('status') == 'verified')}"
            f"（条款 [2-3-2]({POLICY}#2-3-2)）",
            "",
            f"    出处：{_source_text(Source.from_dict(entry['source'], 'local'))}",
            "",
        ]
    for entry in local.property_rules:
        lines += [
            f"- **家庭财产认定**，{entry['effective']} 起：{markdown_escape(entry['text'])} "
            f"{_badge(entry.get('status') == 'verified')}（条款 [2-1]({POLICY}#2-1)）",
            "",
            f"    出处：{_source_text(Source.from_dict(entry['source'], 'local'))}",
            "",
        ]
    return lines


def _fen(text: str) -> int:
    from calculator.money import amount_text_to_fen

    return amount_text_to_fen(text)


def county_page(bundle: dict, code: str, as_of: dt.date | str | None = None) -> str:
    """``standards/<code>.md``: one county's standards over time, with sources, chart and where to correct them.

    Longer than 60 lines on purpose: it is the page's template, written top to bottom in the order the page reads;
    every part is a line or two, and the parts that compute are functions of their own."""
    standards = Bundle.from_dict(bundle)
    on = newest_effective_date(bundle) if as_of is None else _as_date(as_of)
    county = standards.counties[code]
    ben = _ben(county)
    f = figures_on(standards, county, on)
    per = periods(standards, county)
    ratio = percent_text(rules.parameter_fraction(standards, "township_limit_ratio", on))
    lines = [
        f"# {markdown_escape(county.name)}低保标准 {{#top}}",
        "",
        f"{_badge(_all_verified(f))} 代码 {county.code} · 数据文件 `{county.file}` · [各县市一览](index.md)",
        "",
        f"按 **{on.isoformat()}** 在用的标准（参考日期的说明见[各县市一览](index.md)）。"
        f"这些数字由 `{county.file}` 和[省级指导标准](province.md)在构建网站时算出，与测算所用的完全一致。",
        "",
        f"## {on.isoformat()} 在用的标准和金额上限 {{#in-force}}",
        "",
        "| 项目 | 金额 |",
        "|---|---|",
        f"| 城市低保标准 | {markdown_escape(f.urban.value.text)} {MONTHLY} {_badge(_verified(f.urban))} |",
        f"| 农村低保标准 | {markdown_escape(f.rural.value.text)} {ANNUAL}（折合 {yuan(f.rural.monthly)} {MONTHLY}）"
        f"{_badge(_verified(f.rural))} |",
        f"| 单次救助上限 | {yuan(f.single_cap)} 元"
        f"（{f.single_multiple} × {markdown_escape(f.urban.value.text)} × 12）|",
        f"| 全年累计上限 | {yuan(f.year_cap)} 元（{f.year_multiple} × {markdown_escape(f.urban.value.text)} × 12）|",
        f"| 乡镇审批额度（{on.year} 年） | {'—' if f.township is None else yuan(f.township) + ' 元'}"
        f"（{_township_basis(f.township_how)}）|",
        "",
        f"- 城市低保：{_status_phrase(f.urban, county, per, on)}",
        f"- 农村低保：{_status_phrase(f.rural, county, per, on)}",
        f"- 上限的依据见条款 [2-3-1]({POLICY}#2-3-1)（单次、全年累计，城乡都按城市标准）和 "
        f"[2-2-3]({POLICY}#2-2-3)（乡镇审批额度）。",
        "",
        "## 标准变化图 {#chart}",
        "",
        _chart(standards, county.name, f"chart-{county.code}", per, on),
        "",
        "## 测算所用的标准（逐段） {#periods}",
        "",
        f"某一日期没有{ben}标准、或{ben}标准低于同期省级指导标准时，测算按省级指导标准进行"
        "（标“省级”，即未核实）。每一行从起始日期执行到下一行的前一天。",
        "",
        f"| 起始日期 | 城市（{MONTHLY}） | 农村（{ANNUAL}） |",
        "|---|---|---|",
    ]
    for p in per:
        later = "（参考日期之后）" if p.start > on else ""
        lines.append(f"| {p.start.isoformat()}{later} | {_cell(p.urban, county)} | {_cell(p.rural, county)} |")
    lines += [
        "",
        "## 乡镇审批额度（逐年） {#township-limits}",
        "",
        f"条款 [2-2-3]({POLICY}#2-2-3)：某一年内的申请，乡镇（街道）可审批的最高额度按上一年12月31日"
        f"{ben}城市低保年标准的一定比例计算（州定 {ratio}，县市另有规定的按其规定），超过的报县级民政部门审批。",
        "",
        f"| 申请年份 | 上一年12月31日城市低保（{MONTHLY}）× 12 × 比例 | 额度（元） |",
        "|---|---|---|",
    ]
    for year in range(standards.first_date().year, on.year + 2):
        try:
            limit, setting = rules.township_limit(standards, county, dt.date(year, 1, 1))
        except rules.StandardMissing:
            continue
        label = f"{year}（按现有数据）" if year > on.year else str(year)
        lines.append(f"| {label} | {_township_basis(setting, short=True)} | {yuan(limit)} |")
    lines += [
        "",
        f"## {ben}录入的标准和省级指导标准 {{#entered}}",
        "",
        '<div class="grid" markdown>',
        "",
        '<div class="card" markdown>',
        "",
        f"### {ben}录入的标准 {{#entered-county}}",
        "",
        f"城市低保（{MONTHLY}）：",
        "",
        *_value_items(county.urban, MONTHLY),
        f"农村低保（{ANNUAL}）：",
        "",
        *_value_items(county.rural, ANNUAL),
        "</div>",
        "",
        '<div class="card" markdown>',
        "",
        "### 省级指导标准 {#entered-province}",
        "",
        f"全省最低标准，{ben}标准不得低于同期省级标准。城市 {MONTHLY}，农村 {ANNUAL}；"
        "出处见[省级指导标准](province.md)。",
        "",
        "| 生效日期 | 城市 | 农村 |",
        "|---|---|---|",
    ]
    lines += _floor_rows(_floor_periods(standards))
    lines += [
        "",
        "</div>",
        "",
        "</div>",
        "",
        *_local_section(county),
        *contact_section(county),
        "## 更正数据 {#corrections}",
        "",
        f"本页由 `{county.file}` 生成。数字、日期或出处有误，或有了新的调标文件：请修改该文件，"
        "以 pull request 提交，写法见仓库中的 `standards/README.md`（提交时会自动检查）。"
        "看过文件原文的，把 `status` 写成 `verified` 并填写文号、发文机关、发布日期和网址。",
        "",
    ]
    return "\n".join(lines)


# -- the provincial floor -------------------------------------------------------------------------------------


def province_page(bundle: dict, as_of: dt.date | str | None = None) -> str:
    """``standards/province.md``: the Yunnan provincial floor over time, with its sources and a chart.

    Longer than 60 lines on purpose: it is the page's template, written top to bottom in the order the page reads;
    every part is a line or two, and the parts that compute are functions of their own."""
    standards = Bundle.from_dict(bundle)
    on = newest_effective_date(bundle) if as_of is None else _as_date(as_of)
    prov = bundle["province"]
    rows = _floor_periods(standards)
    urban_steps = tuple((d, Fraction(u.fen, 100), u.text) for d, u, _ in rows if u is not None)
    rural_steps = tuple((d, Fraction(r.fen, 1200), yuan(Fraction(r.fen, 12))) for d, _, r in rows if r is not None)
    start, end = rows[0][0], dt.date(on.year + 1, 1, 1)
    desc = (
        f"云南省低保省级指导标准，{start.isoformat()} 至 {on.isoformat()}。城市（{MONTHLY}）："
        + "，".join(f"{d.isoformat()} 起 {t}" for d, _, t in urban_steps if d <= on)
        + f"。农村年标准 ÷ 12（{MONTHLY}）："
        + "，".join(f"{d.isoformat()} 起 {t}" for d, _, t in rural_steps if d <= on)
        + "。"
    )
    svg = svgchart.step_chart(
        "chart-province",
        f"云南省低保省级指导标准变化（{MONTHLY}）",
        desc,
        [
            svgchart.Line("城市（月标准）", URBAN_COLOR, urban_steps),
            svgchart.Line("农村（年标准÷12）", RURAL_COLOR, rural_steps),
        ],
        start,
        end,
        on,
    )
    lines = [
        f"# {markdown_escape(prov['name'])}低保省级指导标准 {{#top}}",
        "",
        f"数据文件 `{standards.province_file}` · [各县市一览](index.md)",
        "",
        "省级指导标准是全省的最低标准：各县市的城乡低保标准不得低于同期省级标准。某县市没有核实过的自有标准，"
        "或其录入的标准低于同期省级标准时，本站测算按省级指导标准进行，并提示“按省级指导标准，本县标准未核实”。"
        f"城市标准按 {MONTHLY}，农村标准按 {ANNUAL}（云南省的发布口径）。",
        "",
        f"按 **{on.isoformat()}** 在用的标准（参考日期的说明见[各县市一览](index.md)）。",
        "",
        '<figure class="std-chart">',
        svg,
        "<figcaption>"
        f"{html_text('实线至参考日期 ' + on.isoformat() + '（竖虚线）；农村标准按年标准 ÷ 12 折算为每月。')}"
        "</figcaption>",
        "</figure>",
        "",
        f"| 生效日期 | 城市（{MONTHLY}） | 农村（{ANNUAL}） |",
        "|---|---|---|",
    ]
    lines += _floor_rows(rows)
    lines += [
        "",
        "## 出处 {#sources}",
        "",
        f"### 城市低保（{MONTHLY}） {{#sources-urban}}",
        "",
        *_value_items(standards.floor_urban, MONTHLY),
        f"### 农村低保（{ANNUAL}） {{#sources-rural}}",
        "",
        *_value_items(standards.floor_rural, ANNUAL),
        "## 更正数据 {#corrections}",
        "",
        f"本页由 `{standards.province_file}` 生成。发现错误或有了新的省级通知，请修改该文件并以 pull request 提交，"
        "写法见仓库中的 `standards/README.md`。",
        "",
    ]
    return "\n".join(lines)


def generated_pages(bundle: dict, as_of: dt.date | str | None = None) -> dict[str, str]:
    """All generated pages, ``{src_uri: markdown}``, for the standards in force on ``as_of``.

    ``as_of`` (a date or ``YYYY-MM-DD``) is the reference date the pages state; ``None`` means the newest
    effective date in the bundle (:func:`newest_effective_date`), so that a build never depends on today's date.
    Raises :class:`calculator.rules.StandardMissing` when ``as_of`` is before the first standard.
    """
    on = newest_effective_date(bundle) if as_of is None else _as_date(as_of)
    pages = {"standards/index.md": standards_overview(bundle, on), "standards/province.md": province_page(bundle, on)}
    for code in sorted(bundle["counties"]):
        pages[f"standards/{code}.md"] = county_page(bundle, code, on)
    return pages
