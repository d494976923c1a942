"""The standards report of a pull request: what changed in ``standards/`` between two git revisions, what it does
to the fixed reference households, and what a reviewer should look at twice.

Used by ``scripts/standards-diff BASE HEAD`` (a thin wrapper) and by the CI workflow, which appends the report to
the pull request's job summary. Reads nothing from the working tree: both revisions come from git
(``git ls-tree`` / ``git cat-file``), so the report depends only on the two commits and is reproducible. (One
exception, inherited from the validator: when HEAD has no readable province file, the floor check of the validator
falls back to ``standards/yunnan-floor.yaml`` of the code running the report.)

Steps:

1. every ``standards/*.yaml`` at BASE and at HEAD is read strictly (:mod:`sitebuild.yamlstrict`, through the
   validator's own reader so that a broken file gives the validator's Chinese message, never a traceback);
2. HEAD's documents go through the validator's :func:`sitebuild.validate.check_documents` (the whole directory);
   its errors head the report;
3. every dated value is matched by (file kind, county, series or parameter, effective date): added, edited and
   deleted values are listed (dibao standards, prefecture parameters, local refinements);
4. both revisions become bundles (:func:`sitebuild.bundle.make_bundle`) and the reference households of
   :mod:`standards_tools.reference_households` are assessed with each on the effective date of every change that
   moves a number,
   plus the township limit of 1 January of the following year (it uses the standard of 31 December);
5. flags — warnings for the reviewer, each a Chinese sentence: a step of more than 30 % against the previous value
   of the series; a county figure below the provincial floor in force on its date; an effective date before its
   document's ``published`` date, or more than 12 months after the HEAD commit's date (the commit date, not today:
   the same commits give the same report); a monthly/annual mix-up
   (:func:`standards_tools.checks.check_unit_plausibility`); a value that existed at BASE edited or deleted at
   HEAD without a stated reason (the word “更正” in a ``source.note`` written in this change); any change to a
   prefecture parameter; a step of more than 30 % in a parameter or a local rule (township limit, emergency tiers),
   or in an edited amount; every reminder of the validator at HEAD that BASE did not have (the bounds of
   :mod:`standards_tools.checks`). The heading never says “没有” while a flag or an error stands.

The flags never fail anything by themselves: figures below the floor and unit mix-ups are already errors of the
validator, which ``scripts/check`` runs on every pull request.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path, PurePosixPath

from calculator import vocabulary
from calculator.dated import DatedSeries, DatedValue, add_months
from calculator.standards import Bundle, BundleError
from sitebuild.bundle import make_bundle
from sitebuild.validate import Problem, check_documents, read_document
from sitebuild.yamlstrict import Document
from standards_tools import checks
from standards_tools.reference_households import REFERENCE_HOUSEHOLDS, assess_reference

STANDARDS = "standards"
JUMP_PERCENT = 30
FUTURE_MONTHS = 12
CORRECTION_WORD = "更正"

SCOPE_PROVINCE = "province"
SCOPE_PREFECTURE = "prefecture"
SERIES_NAMES = tuple(vocabulary.SERIES_NAMES)
LOCAL_LISTS = ("township_limit", "emergency_tiers", "property_rules")
LOCAL_LABEL = {
    "township_limit": "乡镇审批额度",
    "emergency_tiers": "急难型救助分档",
    "property_rules": "家庭财产认定办法",
    "contact": "受理办公室",
}
KIND_WORD = {"added": "新增", "edited": "修改", "deleted": "删除"}


class RevisionError(Exception):
    """A revision (or the repository) that git cannot read; the message is Chinese."""


# --------------------------------------------------------------------------- reading a revision


@dataclass
class Revision:
    """The standards files of one commit: documents read, and the files that could not be read."""

    name: str
    commit: str
    date: dt.date
    docs: list[Document]
    problems: list[Problem]


def _git(repo: Path, *args: str) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except OSError as exc:
        raise RevisionError(f"无法运行 git（{exc.strerror or exc}）。") from None
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(detail[-1] if detail else f"git {' '.join(args)} 失败")
    return result.stdout


def read_revision(repo: Path, rev: str) -> Revision:
    """Read ``standards/*.yaml`` at ``rev`` of the repository ``repo``. Raises :class:`RevisionError`."""
    if not rev or rev.startswith("-"):
        raise RevisionError(f"“{rev}”不是一个版本（提交、分支或标签）。")
    try:
        commit = _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except RevisionError:
        raise RevisionError(f"在仓库 {repo} 中找不到版本“{rev}”（提交、分支或标签）。") from None
    day = dt.date.fromisoformat(_git(repo, "log", "-1", "--format=%cs", commit).decode().strip())
    listing = _git(repo, "ls-tree", "-z", "--full-tree", "--name-only", commit, "--", f"{STANDARDS}/")
    names = sorted(
        name for name in listing.decode("utf-8", "replace").split("\0")
        if name.endswith(".yaml") and PurePosixPath(name).parent == PurePosixPath(STANDARDS)
    )
    docs: list[Document] = []
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="standards-diff-") as tmp:
        for name in names:
            raw = _git(repo, "cat-file", "blob", f"{commit}:{name}")
            doc, found = _read_blob(raw, name, Path(tmp))
            problems += found
            if doc is not None:
                docs.append(doc)
    return Revision(rev, commit, day, docs, problems)


def _read_blob(raw: bytes, name: str, tmp: Path) -> tuple[Document | None, list[Problem]]:
    """Read one file's bytes exactly as the validator reads a file (same checks, same Chinese messages)."""
    path = tmp / PurePosixPath(name).name
    path.write_bytes(raw)
    doc, problems = read_document(path)
    shown = str(path)
    problems = [Problem(name if p.file == shown else p.file, p.line, p.message, p.severity) for p in problems]
    if doc is not None:
        doc = Document(file=name, data=doc.data, lines=doc.lines)
    return doc, problems


def build_bundle(docs: list[Document]) -> tuple[Bundle | None, str | None]:
    """(bundle, None) or (None, the reason) — never raises, whatever the documents hold."""
    try:
        return Bundle.from_dict(make_bundle(docs)), None
    except (BundleError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return None, str(exc) or type(exc).__name__


# --------------------------------------------------------------------------- dated items


@dataclass(frozen=True)
class Item:
    """One dated value of a standards file, as written."""

    scope: str  # "province", "prefecture" or a county code
    section: str  # "dibao", "parameter" or "local"
    name: str  # "urban"/"rural", a parameter key, a local key
    effective: str  # as written ("" for the contact, which is not dated)
    seq: int  # 0, or the rank of a repeated effective date (an error the validator reports)
    entry: dict
    unit: str
    label: str

    @property
    def key(self) -> tuple:
        return (self.scope, self.section, self.name, self.effective, self.seq)

    @property
    def day(self) -> dt.date | None:
        return checks.to_date(self.effective)

    @property
    def amount(self) -> Decimal | None:
        return checks.to_decimal(self.entry.get("amount" if self.section != "parameter" else "value"))

    @property
    def text(self) -> str:
        value = self.entry.get("amount" if self.section != "parameter" else "value")
        return value if isinstance(value, str) else "?"

    @property
    def source(self) -> dict:
        source = self.entry.get("source")
        return source if isinstance(source, dict) else {}

    @property
    def note(self) -> str:
        note = self.source.get("note")
        return note if isinstance(note, str) else ""


def _scope_of(data: object, file: str) -> str | None:
    kind = checks.kind_of(data)
    if kind == "province":
        return SCOPE_PROVINCE
    if kind == "prefecture":
        return SCOPE_PREFECTURE
    if kind == "county":
        county = data.get("county")
        code = county.get("code") if isinstance(county, dict) else None
        if isinstance(code, str) and code:
            return code
        return PurePosixPath(file).name.split("-", 1)[0]
    return None


def _dated(entries: object, scope: str, section: str, name: str, unit: str, label: str) -> list[Item]:
    items = []
    seen: dict[str, int] = {}
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        effective = entry.get("effective")
        effective = effective if isinstance(effective, str) else "?"
        seq = seen.get(effective, 0)
        seen[effective] = seq + 1
        items.append(Item(scope, section, name, effective, seq, entry, unit, label))
    return items


def collect_items(docs: list[Document]) -> tuple[dict[tuple, Item], dict[str, str]]:
    """Every dated value of ``docs`` by its key, and a display name for every scope."""
    items: dict[tuple, Item] = {}
    names: dict[str, str] = {}
    for doc in docs:
        data = doc.data
        scope = _scope_of(data, doc.file)
        if scope is None or not isinstance(data, dict):
            continue
        found: list[Item] = []
        if scope == SCOPE_PREFECTURE:
            names[scope] = "州级参数"
            parameters = data.get("parameters")
            for key, parameter in (parameters if isinstance(parameters, dict) else {}).items():
                if not isinstance(parameter, dict):
                    continue
                unit = parameter.get("unit") if isinstance(parameter.get("unit"), str) else ""
                label = parameter.get("label") if isinstance(parameter.get("label"), str) else key
                found += _dated(parameter.get("values"), scope, "parameter", key, unit, label)
        else:
            if scope == SCOPE_PROVINCE:
                names[scope] = "云南省指导标准"
            else:
                county = data.get("county") if isinstance(data.get("county"), dict) else {}
                given = county.get("name")
                name = given if isinstance(given, str) else vocabulary.COUNTY_NAMES.get(scope, "")
                names[scope] = f"{name}（{scope}）" if name else scope
            for kind in SERIES_NAMES:
                found += _dated(checks.series_values(data, kind), scope, "dibao", kind, vocabulary.SERIES_UNITS[kind],
                                vocabulary.SERIES_NAMES[kind])
            local = data.get("local") if isinstance(data.get("local"), dict) else {}
            for key in LOCAL_LISTS:
                found += _dated(local.get(key), scope, "local", key, "", LOCAL_LABEL[key])
            contacts = local.get("contact") if isinstance(local.get("contact"), list) else []
            for seq, contact in enumerate(contacts):
                if isinstance(contact, dict):
                    found.append(Item(scope, "local", "contact", "", seq, contact, "", LOCAL_LABEL["contact"]))
        for item in found:
            items.setdefault(item.key, item)
    return items, names


def _series(items: dict[tuple, Item], scope: str, name: str, section: str = "dibao") -> list[Item]:
    """The well-dated values of one series (a dibao series, a parameter, a local list), by effective date.

    For dibao standards and parameters, values whose amount is malformed are left out."""
    out = [i for i in items.values() if i.scope == scope and i.section == section and i.name == name
           and i.day is not None and (section == "local" or i.amount is not None)]
    return sorted(out, key=lambda i: (i.day, i.seq))


def _in_force(series: list[Item], on: dt.date) -> Item | None:
    """The item of ``series`` (sorted by date, as :func:`_series` gives it) in force on ``on``, by the one rule of
    :class:`calculator.dated.DatedSeries`."""
    found = DatedSeries(tuple(DatedValue(item.day, item) for item in series)).in_force(on)
    return None if found is None else found.value


def _previous(series: list[Item], item: Item) -> Item | None:
    before = [i for i in series if (i.day, i.seq) < (item.day, item.seq)]
    return before[-1] if before else None


# --------------------------------------------------------------------------- changes


@dataclass
class Change:
    """A value added, edited or deleted between BASE and HEAD."""

    kind: str  # "added" | "edited" | "deleted"
    base: Item | None
    head: Item | None
    fields: list[str] = field(default_factory=list)
    corrected: bool = False  # a reason (“更正”) is stated in this change

    @property
    def item(self) -> Item:
        return self.head or self.base

    @property
    def moves_numbers(self) -> bool:
        """True when the change can change a computed figure (not only a source or a status)."""
        if self.kind != "edited":
            return True
        return any(f in self.fields for f in ("金额", "参数值", "额度", "分档"))


_FIELD_WORDS = {
    "amount": "金额", "value": "参数值", "status": "核实状态", "source": "来源", "basis": "额度", "ratio": "额度",
    "tiers": "分档", "text": "文字", "office": "办公室", "address": "地址", "phone": "电话",
}


def _changed_fields(base: dict, head: dict, section: str) -> list[str]:
    words = []
    for key in sorted(set(base) | set(head)):
        if base.get(key) != head.get(key):
            word = _FIELD_WORDS.get(key, key)
            if section == "local" and key == "amount":
                word = "额度"
            if word not in words:
                words.append(word)
    return words


def _has_reason(base: Item | None, head: Item | None) -> bool:
    """A reason is stated when HEAD's note contains “更正” and was written (or rewritten) in this change."""
    if head is None or CORRECTION_WORD not in head.note:
        return False
    return base is None or base.note != head.note


def compare(base_items: dict[tuple, Item], head_items: dict[tuple, Item]) -> list[Change]:
    """Every added, edited and deleted value, in a stable order (province, prefecture, counties; date)."""
    changes = []
    for key in set(base_items) | set(head_items):
        base, head = base_items.get(key), head_items.get(key)
        if base is None:
            changes.append(Change("added", None, head))
        elif head is None:
            changes.append(Change("deleted", base, None))
        elif base.entry != head.entry:
            fields = _changed_fields(base.entry, head.entry, head.section)
            changes.append(Change("edited", base, head, fields, _has_reason(base, head)))
    for change in changes:
        if change.kind == "deleted":
            item = change.base
            change.corrected = any(
                other.kind == "added" and other.head.scope == item.scope and other.head.section == item.section
                and other.head.name == item.name and _has_reason(None, other.head)
                for other in changes
            )
    return sorted(changes, key=lambda c: _order(c.item))


def _order(item: Item) -> tuple:
    scope_rank = {SCOPE_PROVINCE: "0", SCOPE_PREFECTURE: "1"}.get(item.scope, "2" + item.scope)
    section_rank = {"dibao": 0, "parameter": 1, "local": 2}[item.section]
    name_rank = SERIES_NAMES.index(item.name) if item.section == "dibao" else 0
    return (scope_rank, section_rank, name_rank, item.name, item.effective, item.seq)


# --------------------------------------------------------------------------- numbers and text


def percent(old: Decimal, new: Decimal) -> str:
    """``+3.5 %``: (new − old) ÷ old, exact, rounded half away from zero to 1 decimal place."""
    ratio = (Fraction(new) - Fraction(old)) * 100 / Fraction(old)
    tenths = abs(ratio) * 10
    rounded = int(tenths) + (1 if tenths - int(tenths) >= Fraction(1, 2) else 0)
    sign = "-" if ratio < 0 and rounded else "+"
    return f"{sign}{rounded // 10}.{rounded % 10} %"


def _over_limit(old: Decimal, new: Decimal) -> bool:
    return abs((Fraction(new) - Fraction(old)) * 100 / Fraction(old)) > JUMP_PERCENT


def _cell(text: object) -> str:
    """Text from the data for a Markdown table cell."""
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ").strip()


def _amount_text(item: Item | None) -> str:
    if item is None:
        return "—"
    return f"{item.text} {item.unit}".strip()


def _local_summary(item: Item | None) -> str:
    if item is None:
        return "—"
    entry = item.entry
    if item.name == "township_limit":
        if entry.get("basis") == "fixed":
            return f"固定 {entry.get('amount', '?')} 元"
        return f"上一年城市低保年标准 × {entry.get('ratio', '?')}"
    if item.name == "emergency_tiers":
        tiers = entry.get("tiers") if isinstance(entry.get("tiers"), list) else []
        amounts = [t.get("max_amount", "?") for t in tiers if isinstance(t, dict)]
        return "分档上限 " + "、".join(str(a) for a in amounts) + " 元" if amounts else "（无分档）"
    if item.name == "property_rules":
        text = entry.get("text") if isinstance(entry.get("text"), str) else ""
        return text if len(text) <= 30 else text[:30] + "……"
    if item.name == "contact":
        return "，".join(str(entry[k]) for k in ("office", "phone") if isinstance(entry.get(k), str))
    return "—"


def _as_written(item: Item) -> str:
    """An item as written, for values the report cannot interpret (malformed date or amount)."""
    if item.section == "local":
        return _local_summary(item)
    return f"“{item.text}” {item.unit}".strip()


def _document(item: Item) -> str:
    source = item.source
    document = source.get("document") if isinstance(source.get("document"), str) else "（未写文件）"
    published = source.get("published")
    extra = f"，{published} 发布" if isinstance(published, str) else ""
    status = {"verified": "已核实", "unverified": "未核实"}.get(item.entry.get("status"), "")
    inferred = item.entry.get("effective_inferred_from") if item.entry.get("effective_basis") == "inferred" else None
    basis = f"生效日期按{inferred}推定" if isinstance(inferred, str) else ""
    tail = "；".join(x for x in (extra.lstrip("，"), status, basis) if x)
    return _cell(document) + (f"（{_cell(tail)}）" if tail else "")


def _where(item: Item, names: dict[str, str]) -> str:
    """The place and the item, as the subject of a flag: 蒙自市（532503）城市低保标准."""
    place = names.get(item.scope, item.scope)
    if item.scope == SCOPE_PROVINCE:
        return f"云南省{item.label}（省级指导标准）"
    if item.section == "parameter":
        return f"{place}“{item.label}”"
    return f"{place}{item.label}"


# --------------------------------------------------------------------------- flags


def _unit_problem(item: Item) -> str | None:
    findings = checks.check_unit_plausibility([item.entry], (), item.name)
    return findings[0].message if findings else None


Flag = tuple[tuple, str]  # (place and kind, for the order; the Chinese sentence)


def _flag(item: Item, rank: int, text: str) -> Flag:
    return (_order(item) + (rank,), text)


def _series_step_flags(base_items: dict, head_items: dict, names: dict) -> list[Flag]:
    """A step of more than 30 % between two consecutive values of a dibao series that is new at HEAD."""
    flags = []
    scopes = {(i.scope, i.name) for i in head_items.values() if i.section == "dibao"}
    for scope, name in sorted(scopes):
        head_series = _series(head_items, scope, name)
        base_series = _series(base_items, scope, name)
        base_pairs = {(a.effective, a.text, b.effective, b.text)
                      for a, b in zip(base_series, base_series[1:], strict=False)}
        for prev, cur in zip(head_series, head_series[1:], strict=False):
            if (prev.effective, prev.text, cur.effective, cur.text) in base_pairs:
                continue
            if not prev.amount or _unit_problem(prev) or _unit_problem(cur) or not _over_limit(prev.amount, cur.amount):
                continue
            word = "提高" if cur.amount > prev.amount else "降低"
            step = percent(prev.amount, cur.amount).lstrip("+-")
            flags.append(_flag(cur, 1, f"{_where(cur, names)}：{cur.effective} 起的 {_amount_text(cur)} 比上一段"
                                       f"（{prev.effective} 起 {_amount_text(prev)}）{word} {step}，变动超过 "
                                       f"{JUMP_PERCENT} %。请对照原文核对金额、单位和生效日期。"))
    return flags


def _below_floor(items: dict) -> dict:
    """County figures below the provincial floor in force on their date: signature → (item, floor item)."""
    out = {}
    for item in items.values():
        if item.section != "dibao" or item.scope in (SCOPE_PROVINCE, SCOPE_PREFECTURE):
            continue
        if item.day is None or item.amount is None or _unit_problem(item):
            continue
        floor = _in_force(_series(items, SCOPE_PROVINCE, item.name), item.day)
        if floor is not None and item.amount < floor.amount:
            out[(item.key, item.text, floor.effective, floor.text)] = (item, floor)
    return out


def _below_floor_flags(base_items: dict, head_items: dict, names: dict) -> list[Flag]:
    """A county figure below the provincial floor in force on its date, new at HEAD."""
    base_below = _below_floor(base_items)
    return [
        _flag(item, 2, f"{_where(item, names)}：{item.effective} 起的 {_amount_text(item)} 低于当日执行的"
                       f"云南省指导标准 {_amount_text(floor)}（{floor.effective} 起）。"
                       "县市标准不得低于同期省级标准，测算会改按省级标准：请核对金额和生效日期。")
        for signature, (item, floor) in _below_floor(head_items).items() if signature not in base_below
    ]


def _date_and_unit_flags(change: Change, names: dict, head_date: dt.date) -> list[Flag]:
    """For a value added or edited: a monthly/annual mix-up, an effective date before the document's publication,
    or more than 12 months after the HEAD commit."""
    item, flags = change.item, []
    if item.section == "dibao" and (change.kind == "added" or "金额" in change.fields):
        problem = _unit_problem(item)
        if problem:
            flags.append(_flag(item, 3, f"{_where(item, names)}（{item.effective} 起）：{problem}"))
    published = checks.to_date(item.source.get("published"))
    base_published = change.base.source.get("published") if change.base else None
    if (item.day and published and item.day < published
            and (change.kind == "added" or base_published != item.source.get("published"))):
        flags.append(_flag(item, 4, f"{_where(item, names)}：生效日期 {item.effective} 早于文件的发布日期 {published}"
                                    f"（{item.source.get('document', '')}）。请核对两个日期是否写错、写反；"
                                    "如果文件确实规定追溯执行，请在 source.note 中写明。"))
    if item.day and item.day > add_months(head_date, FUTURE_MONTHS):
        flags.append(_flag(item, 5, f"{_where(item, names)}：生效日期 {item.effective} 比本次提交的日期 {head_date} 晚 "
                                    f"{FUTURE_MONTHS} 个月以上。请核对年份是否写错。"))
    return flags


def _history_flags(change: Change, names: dict) -> list[Flag]:
    """History edited or deleted without a stated reason (the contact is not dated history)."""
    item = change.item
    if change.kind not in ("edited", "deleted") or item.name == "contact" or change.corrected:
        return []
    if change.kind == "edited":
        fields = "、".join(change.fields)
        return [_flag(item, 6, f"{_where(item, names)}：修改了已有的 {item.effective} 起的数据（{fields}），"
                               "但没有说明原因。修改历史数据必须在这一条的 source.note 中写明"
                               f"“{CORRECTION_WORD}：……”（为什么改、依据什么）。")]
    what = _amount_text(item) if item.section != "local" else _local_summary(item)
    return [_flag(item, 6, f"{_where(item, names)}：删除了已有的 {item.effective} 起的数据（{what}），没有说明原因。"
                           "历史数据不要删除；如果它确实是错的，请改正这一条，并在它的 source.note 中写明"
                           f"“{CORRECTION_WORD}：……”。")]


def _step_flags(change: Change, base_items: dict, head_items: dict, names: dict) -> list[Flag]:
    """Any change to a prefecture parameter (it moves every household); a change of more than 30 % in a parameter
    or a local rule against the value it replaces (edited) or the previous value of its series (added); an edited
    dibao amount that moves more than 30 % against the amount it replaces."""
    item, flags = change.item, []
    if item.section == "parameter":
        before = change.base if change.base is not None else _previous(
            _series(base_items, item.scope, item.name, item.section), item) if item.day else None
        old = _amount_text(before) if before is not None else "（无）"
        new = _amount_text(change.head) if change.head is not None else "（删除）"
        flags.append(_flag(item, 0, f"{_where(item, names)}：{KIND_WORD[change.kind]} {item.effective} 起的值"
                                    f"（{old} → {new}）。州级参数改变全州每一户的测算结果：请对照原文核对文号、条款和"
                                    "数值，并在合并请求中说明依据。"))
    if change.kind != "deleted" and item.section in ("parameter", "local") and item.name != "contact":
        if change.kind == "edited":
            before = change.base
        else:
            before = _previous(_series(head_items, item.scope, item.name, item.section), item) if item.day else None
        step = _largest_step(before, change.head)
        if step is not None:
            against = "改动前" if change.kind == "edited" else f"上一段（{before.effective} 起）"
            flags.append(_flag(item, 1, f"{_where(item, names)}：{item.effective} 起的 {_value_words(change.head)} 比"
                                        f"{against}的 {_value_words(before)} 变动 {step}，超过 {JUMP_PERCENT} %。"
                                        "请对照原文核对。"))
    if change.kind == "edited" and item.section == "dibao" and "金额" in change.fields:
        step = _largest_step(change.base, change.head)
        if step is not None and not _unit_problem(change.head):
            flags.append(_flag(item, 1, f"{_where(item, names)}：{item.effective} 起的金额由 "
                                        f"{_amount_text(change.base)} 改为 {_amount_text(change.head)}，变动 {step}，"
                                        f"超过 {JUMP_PERCENT} %。请对照原文核对。"))
    return flags


def find_flags(changes: list[Change], base_items: dict, head_items: dict, names: dict, head_date: dt.date) -> list[str]:
    """The reviewer's flags, each a Chinese sentence (order: by place, then kind)."""
    flags = _series_step_flags(base_items, head_items, names) + _below_floor_flags(base_items, head_items, names)
    for change in changes:
        if change.kind != "deleted":
            flags += _date_and_unit_flags(change, names, head_date)
        flags += _history_flags(change, names) + _step_flags(change, base_items, head_items, names)
    return [text for _key, text in sorted(flags, key=lambda f: f[0])]


def _numbers(item: Item | None) -> tuple | None:
    """The numbers of a value, with their kind, for comparing two values of one series: a parameter's value, a
    township limit's amount or ratio (compared only with the same basis), the tiers' maximum amounts."""
    if item is None:
        return None
    entry = item.entry
    if item.section != "local":
        return ("value", item.amount) if item.amount is not None else None
    if item.name == "township_limit":
        key = "amount" if entry.get("basis") == "fixed" else "ratio"
        number = checks.to_decimal(entry.get(key))
        return (key, number) if number is not None else None
    if item.name == "emergency_tiers" and isinstance(entry.get("tiers"), list):
        amounts = [checks.to_decimal(t.get("max_amount")) if isinstance(t, dict) else None for t in entry["tiers"]]
        return ("tiers", *amounts) if amounts and None not in amounts else None
    return None


def _largest_step(before: Item | None, after: Item | None) -> str | None:
    """The largest relative step between the numbers of two values, as ``+33.3 %``, when it exceeds 30 %."""
    old, new = _numbers(before), _numbers(after)
    if old is None or new is None or len(old) != len(new) or old[0] != new[0]:
        return None
    steps = [(a, b) for a, b in zip(old[1:], new[1:], strict=True) if a and _over_limit(a, b)]
    if not steps:
        return None
    a, b = max(steps, key=lambda ab: abs(Fraction(ab[1]) - Fraction(ab[0])) / Fraction(ab[0]))
    return percent(a, b)


def _value_words(item: Item) -> str:
    return _local_summary(item) if item.section == "local" else _amount_text(item)


def reminder_flags(base_problems: list[Problem], head_problems: list[Problem]) -> list[str]:
    """The validator's reminders at HEAD that BASE did not have (same file and message), as flags: a reminder is
    printed by the check, and a reviewer sees it here."""
    seen = {(PurePosixPath(p.file).name, p.message) for p in base_problems if p.severity != "error"}
    out = []
    for p in _unique([p for p in head_problems if p.severity != "error"]):
        if (PurePosixPath(p.file).name, p.message) not in seen:
            where = f"{p.file}:{p.line}" if p.line else p.file
            out.append(f"检查提醒（{where}）：{p.message}")
    return out


# --------------------------------------------------------------------------- effect on the reference households


@dataclass
class Effect:
    """The reference households of some counties on one date, before and after."""

    day: dt.date
    counties: list[str]
    base_rows: list[dict]
    head_rows: list[dict]
    jan_base: str
    jan_head: str

    @property
    def unchanged(self) -> bool:
        return self.base_rows == self.head_rows and self.jan_base == self.jan_head


def _jan_limit(bundle: Bundle, county: str, day: dt.date) -> str:
    rows = assess_reference(bundle, county, dt.date(day.year + 1, 1, 1))
    row = rows[0]
    return row["township_limit"] if "error" not in row else "无法测算"


def _missing_rows(message: str) -> list[dict]:
    return [{"id": h["id"], "label": h["label"], "error": message} for h in REFERENCE_HOUSEHOLDS]


def effects(changes: list[Change], base: Bundle, head: Bundle) -> tuple[list[Effect], list[tuple[dt.date, bool]]]:
    """The effects, grouped by date and identical outcome; and (date, all counties?) of every date assessed."""
    wanted: dict[dt.date, set[str] | None] = {}
    for change in changes:
        item = change.item
        if item.day is None or not change.moves_numbers:
            continue
        if item.section == "local" and item.name != "township_limit":
            continue
        if item.scope in (SCOPE_PROVINCE, SCOPE_PREFECTURE):
            wanted[item.day] = None  # every county
        elif item.day not in wanted or wanted[item.day] is not None:
            wanted.setdefault(item.day, set()).add(item.scope)
    out: list[Effect] = []
    dates = []
    for day in sorted(wanted):
        codes = sorted(set(base.counties) | set(head.counties)) if wanted[day] is None else sorted(wanted[day])
        dates.append((day, wanted[day] is None))
        groups: dict[str, Effect] = {}
        for code in codes:
            rows = []
            for bundle in (base, head):
                if code in bundle.counties:
                    rows.append((assess_reference(bundle, code, day), _jan_limit(bundle, code, day)))
                else:
                    rows.append((_missing_rows("没有这个县市的文件"), "无法测算"))
            (base_rows, jan_base), (head_rows, jan_head) = rows
            signature = repr((base_rows, head_rows, jan_base, jan_head))
            if signature in groups:
                groups[signature].counties.append(code)
            else:
                groups[signature] = Effect(day, [code], base_rows, head_rows, jan_base, jan_head)
        out += groups.values()
    return out, dates


_EFFECT_COLUMNS = (
    ("dibao_standard_monthly", "低保标准（元/人·月）"),
    ("eligible", "能否救助"),
    ("single_cap", "单次上限（元）"),
    ("year_total_cap", "年度累计上限（元）"),
    ("township_limit", "乡镇审批额度（元）"),
)


def _value(row: dict, key: str) -> str:
    if "error" in row:
        return "无法测算"
    value = row.get(key)
    if key == "eligible":
        return "是" if value else "否"
    return "—" if value is None else str(value)


def _before_after(old: str, new: str) -> str:
    return old if old == new else f"{old} → {new}"


def _effect_lines(effect: Effect, names: dict[str, str], every: int = 0) -> list[str]:
    """Markdown of one effect; ``every``: the number of counties assessed when the change concerns them all."""
    if every > 1 and len(effect.counties) == every:
        places = f"全州 {every} 个县市（结果相同）"
    else:
        places = "、".join(names.get(code, code) for code in effect.counties)
    lines = [f"### {places}：{effect.day}", ""]
    if effect.unchanged:
        return lines + ["参考家庭的测算结果不变。", ""]
    errors = {row.get("error") for row in effect.base_rows + effect.head_rows}
    if all("error" in row for row in effect.base_rows + effect.head_rows) and len(errors) == 1:
        lines += [f"这一天无法测算：{errors.pop()}", ""]
    else:
        lines += ["| 参考家庭 | " + " | ".join(title for _k, title in _EFFECT_COLUMNS) + " |",
                  "|---|" + "---|" * len(_EFFECT_COLUMNS)]
        for before, after in zip(effect.base_rows, effect.head_rows, strict=True):
            cells = [_before_after(_value(before, key), _value(after, key)) for key, _t in _EFFECT_COLUMNS]
            lines.append(f"| {_cell(before['label'])} | " + " | ".join(cells) + " |")
        problems = sorted({row["error"] for row in effect.base_rows + effect.head_rows if "error" in row})
        lines += [""] + [f"无法测算的原因：{p}" for p in problems] + ([""] if problems else [])
    following = dt.date(effect.day.year + 1, 1, 1)
    lines += [f"次年 1 月 1 日（{following}）起的乡镇审批额度按 {effect.day.year}-12-31 的城市低保年标准计算："
              f"{_before_after(effect.jan_base, effect.jan_head)} 元。", ""]
    return lines


# --------------------------------------------------------------------------- the report


def _change_row(change: Change, base_items: dict, head_items: dict, names: dict[str, str]) -> str:
    item = change.item
    place = _cell(names.get(item.scope, item.scope))
    what = _cell(item.label)
    kind = KIND_WORD[change.kind]
    if change.kind == "edited":
        kind += f"（{'、'.join(change.fields)}）"
    if change.kind != "added" and change.corrected:
        kind += "，已说明更正原因"
    step = "—"
    if item.name == "contact":  # not dated
        old, new = _local_summary(change.base), _local_summary(change.head)
        values = f"{old if change.base else '（无）'} → {new if change.head else '（无）'}"
    elif item.day is None or (change.head is not None and item.section != "local" and change.head.amount is None):
        old = _as_written(change.base) if change.base else "（无）"
        new = _as_written(change.head) if change.head else "（无）"
        values = f"{old} → {new}（写法有误，见上面的错误）"
    else:
        # What applies on this date, before and after: for an added value, "before" is the previous one.
        before = _in_force(_series(base_items, item.scope, item.name, item.section), item.day)
        after = _in_force(_series(head_items, item.scope, item.name, item.section), item.day)
        if item.section == "local":
            none = "（未规定，按州级规定）" if item.name == "township_limit" else "（未规定）"
            values = f"{_local_summary(before) if before else none} → {_local_summary(after) if after else none}"
        else:
            if before is not None and after is not None:
                values = f"{before.text} → {after.text} {item.unit}".strip()
                step = percent(before.amount, after.amount) if before.amount else "—"
            else:
                none = "（无，按省级标准）" if item.section == "dibao" and item.scope != SCOPE_PROVINCE else "（无）"
                values = f"{_amount_text(before) if before else none} → {_amount_text(after) if after else none}"
    day = item.effective or "—"
    return f"| {place} | {what} | {_cell(day)} | {kind} | {_cell(values)} | {step} | {_document(item)} |"


def report(base: Revision, head: Revision) -> str:
    """The Markdown report (Chinese) comparing the standards of two revisions.

    Longer than 60 lines on purpose: it is the report's template, section by section in the order the reviewer
    reads it; the changes, flags and households are computed by functions of their own."""
    base_items, base_names = collect_items(base.docs)
    head_items, head_names = collect_items(head.docs)
    names = {**base_names, **head_names}
    changes = compare(base_items, head_items)
    lines = ["# 低保标准和救助参数：本次改动的检查报告", "",
             f"比较 `{_cell(base.name)}`（{base.commit[:10]}）→ `{_cell(head.name)}`（{head.commit[:10]}，"
             f"提交日期 {head.date}），只看 `standards/` 中的数据文件。", ""]

    problems = list(head.problems) + check_documents(head.docs, complete=True, directory=Path(STANDARDS))
    errors = _unique([p for p in problems if p.severity == "error"])
    if errors:
        lines += [f"## ❌ 数据检查没有通过（{len(errors)} 个错误）", "",
                  "这些错误必须改正，合并请求才能通过检查（`scripts/validate-standards` 给出同样的说明）：", ""]
        lines += [f"- `{_cell(p.file)}{':' + str(p.line) if p.line else ''}`：{_cell(p.message)}" for p in errors]
        lines.append("")
    if base.problems:
        lines += ["BASE 中有文件无法读取，按不存在处理：" + "；".join(
            f"`{p.file}`" for p in _unique(base.problems)) + "。", ""]

    if not changes:
        lines += ["`standards/` 中的数值没有改动。", ""]
        return "\n".join(lines).rstrip() + "\n"

    base_checked = list(base.problems) + check_documents(base.docs, complete=True, directory=Path(STANDARDS))
    flags = find_flags(changes, base_items, head_items, names, head.date) + reminder_flags(base_checked, problems)
    if flags:
        lines += [f"## ⚠️ 请审核人特别注意（{len(flags)} 条）", ""]
        lines += [f"{n}. {_cell(text)}" for n, text in enumerate(flags, start=1)]
        lines.append("")
    elif errors:  # never "没有" while something stands: the errors above must be corrected first
        lines += ["## 需要特别注意的地方", "", f"先改正上面的 {len(errors)} 个错误；改正后报告会重新检查其余各项。", ""]
    else:
        lines += ["## 需要特别注意的地方", "", "没有。（检查了：州级参数的改动、涨跌超过 30 %（含州级参数和本地规定）、"
                  "低于省级标准、生效日期早于发布日期或晚于提交日期 12 个月以上、月/年标准混淆、未说明原因修改或删除"
                  "已有数据、数据检查的提醒。）", ""]

    lines += [f"## 改动的数值（{len(changes)} 项）", "",
              "“原 → 新”是这一生效日期执行的值在改动前后的对比（新增一条时，“原”是此前执行的上一段）；"
              "“幅度”是相对“原”的变化。", "",
              "| 地区 | 项目 | 生效日期 | 改动 | 原 → 新 | 幅度 | 依据文件 |", "|---|---|---|---|---|---|---|"]
    lines += [_change_row(c, base_items, head_items, names) for c in changes]
    lines.append("")

    lines += ["## 对参考家庭的影响", "",
              "固定的几户参考家庭（示例，不是真实的人）分别按改动前、后的数据测算，日期取每项改动的生效日期。", ""]
    base_bundle, _base_reason = build_bundle(base.docs)
    head_bundle, _head_reason = build_bundle(head.docs)
    if base_bundle is None or head_bundle is None:
        which = "改动前（BASE）" if base_bundle is None else "改动后（HEAD）"
        lines += [f"{which}的数据有错误或不完整，无法测算参考家庭。请先改正上面的错误。", ""]
        return "\n".join(lines).rstrip() + "\n"
    try:
        found, dates = effects(changes, base_bundle, head_bundle)
    except Exception as exc:  # noqa: BLE001 - data the validator refuses may upset the calculator: say so, go on
        lines += [f"改动后的数据有错误，无法测算（{type(exc).__name__}）。请先改正上面的错误。", ""]
        return "\n".join(lines).rstrip() + "\n"
    if not dates:
        lines += ["这些改动不影响测算中的数（只改了来源、核实状态或说明）。", ""]
    for day, every in dates:
        group = [e for e in found if e.day == day]
        shown = [e for e in group if not (every and e.unchanged)]
        if every:
            lines += [f"{day} 的改动涉及全州（省级指导标准或州级参数）：逐县测算，结果相同的县市合并列出"
                      + ("；其余县市的结果不变。" if len(shown) < len(group) else "。"), ""]
        if every and not shown:
            lines += [f"{day}：所有县市参考家庭的测算结果都不变。", ""]
        total = sum(len(e.counties) for e in group) if every else 0
        for effect in shown:
            lines += _effect_lines(effect, names, total)
    return "\n".join(lines).rstrip() + "\n"


def _unique(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        key = (p.file, p.line, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def diff(repo: Path, base_rev: str, head_rev: str) -> str:
    """The report for ``base_rev`` → ``head_rev`` of ``repo``. Raises :class:`RevisionError`."""
    try:
        top = _git(Path(repo), "rev-parse", "--show-toplevel").decode().strip()
    except RevisionError:
        raise RevisionError(f"{repo} 不在一个 git 仓库中。请在仓库里运行，或用 --repo 指定仓库。") from None
    return report(read_revision(Path(top), base_rev), read_revision(Path(top), head_rev))
