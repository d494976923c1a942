"""The interpretation register (``policy/interpretations.yaml``): read, checked, indexed for the bundle and published.

The register is the one source of every reading of 红民社救〔2019〕5号 the project applies (rule ids ``I1`` …). It is
read at build time only:

* :func:`bundle_index` — ``{id: {"title", "clauses"}}``, put into the standards bundle (``"register"``) by
  :func:`sitebuild.bundle.make_bundle`; the engine's reasons take each rule's title and clause from it;
* :func:`generated_pages` — the page 本站如何理解和计算 (``policy/interpretations.md``, one heading ``{#i3}`` per
  rule), linked both ways with the clause notes beside the policy text (:mod:`sitebuild.policy_notes`);
* :func:`scenarios_by_rule` — the scenarios that test each rule: those whose name ends with a parenthesis naming
  it (``（第2-2条，I5、I6）``) or whose ``expect.reason_rules`` lists it.

:func:`load_register` refuses a malformed register with :class:`RegisterError` (Chinese message naming the entry).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from sitebuild import scenarios
from sitebuild.markdown_text import markdown_prose

try:  # reported by ``mkdocs build`` as a clean error message, without a traceback
    from mkdocs.exceptions import BuildError as _BuildError
except ImportError:  # pragma: no cover - mkdocs is always installed where the site is built
    _BuildError = ValueError

ROOT = Path(__file__).resolve().parent.parent
REGISTER_FILE = ROOT / "policy" / "interpretations.yaml"
POLICY_TEXT = ROOT / "policy" / "honghe-2019-5.txt"
PAGE = "policy/interpretations.md"
PAGE_TITLE = "本站如何理解和计算"
KEYS = ("title", "clauses", "quotes", "reading", "alternatives", "parameters")
OPTIONAL = ("decided",)
RULE_ID = re.compile(r"I[1-9][0-9]?")


class RegisterError(_BuildError):
    """The register is malformed; the message names the entry and the key."""


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _unfold(text: object) -> object:
    """YAML's folded text (``>-``) joins lines with a space; between two Chinese characters that space is not
    part of the sentence."""
    if not isinstance(text, str):
        return text
    return re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", text.strip())


def load_register(path: Path = REGISTER_FILE) -> dict[str, dict]:
    """The register as ``{id: entry}`` in file order, every entry checked: the keys of the file's head comment, a
    title, clause ids of the form ``2-3-1``, quotes found word for word in ``policy/honghe-2019-5.txt`` (spaces
    aside), alternatives each with ``reading`` and ``rejected``. Raises :class:`RegisterError`."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not data:
        raise RegisterError(f"{path.name}：应为以规则编号（I1、I2 …）为键的映射")
    policy = _squeeze(POLICY_TEXT.read_text(encoding="utf-8"))
    problems = []
    for rule, entry in data.items():
        where = f"{path.name} {rule}"
        if not isinstance(rule, str) or not RULE_ID.fullmatch(rule):
            problems.append(f"{where}：规则编号应写成 I 加数字，如 I3")
            continue
        if not isinstance(entry, dict):
            problems.append(f"{where}：应为一个映射")
            continue
        for key in KEYS:
            if key not in entry:
                problems.append(f"{where}：缺少 {key}")
        for key in entry:
            if key not in KEYS + OPTIONAL:
                problems.append(f"{where}：不认识的键 {key}（可用：{'、'.join(KEYS + OPTIONAL)}）")
        if not str(entry.get("title") or "").strip() or not str(entry.get("reading") or "").strip():
            problems.append(f"{where}：title 和 reading 不能为空")
        for clause in entry.get("clauses") or []:
            if not re.fullmatch(r"[1-9](-[1-9]){0,2}", str(clause)):
                problems.append(f"{where}：条款编号 {clause!r} 应写成 2-3-1 这样")
        for quote in entry.get("quotes") or []:
            if _squeeze(str(quote)) not in policy:
                problems.append(f"{where}：引文不在政策原文中（须逐字摘录）：{quote}")
        if entry.get("clauses") and not entry.get("quotes"):
            problems.append(f"{where}：有条款就要摘录条文（quotes）")
        for i, alt in enumerate(entry.get("alternatives") or []):
            if not isinstance(alt, dict) or set(alt) != {"reading", "rejected"}:
                problems.append(f"{where}：alternatives[{i}] 应有 reading 和 rejected 两项")
    if problems:
        raise RegisterError("解读登记（policy/interpretations.yaml）有误：\n" + "\n".join(f"  - {p}" for p in problems))
    for entry in data.values():
        entry["reading"] = _unfold(entry["reading"])
        entry["alternatives"] = [{k: _unfold(v) for k, v in alt.items()} for alt in entry["alternatives"]]
    return data


def bundle_index(register: dict[str, dict] | None = None) -> dict[str, dict]:
    """``{id: {"title", "clauses"}}``: what the engine needs of the register (it stays stdlib-only)."""
    register = load_register() if register is None else register
    return {rule: {"title": entry["title"], "clauses": [str(c) for c in entry["clauses"]]}
            for rule, entry in register.items()}


def case_rules(case: dict) -> set[str]:
    """The rule ids a scenario names: in the parenthesis that ends its name, and in ``expect.reason_rules``."""
    found = re.search(r"（([^（）]*)）\s*$", case["name"])
    named = {f"I{n}" for n in re.findall(r"I(\d{1,2})", found.group(1))} if found else set()
    return named | set((case.get("expect") or {}).get("reason_rules") or [])


def scenarios_by_rule(register: dict[str, dict], cases: list[dict] | None = None) -> dict[str, list[dict]]:
    """``{id: [scenario, ...]}`` for every rule of the register, the scenarios in file order."""
    cases = scenarios.load_scenarios() if cases is None else cases
    return {rule: [c for c in cases if rule in case_rules(c)] for rule in register}


def anchor(rule: str) -> str:
    """The stable heading id of a rule on the register page: ``I3`` → ``i3``."""
    return rule.lower()


def _clause_links(clauses: list[str]) -> str:
    return "、".join(f"[{c}](index.md#{c})" for c in clauses)


def _scenario_line(case: dict) -> str:
    if "anchor" in case:  # a training case: the training section lists it under this rule (by-rule index)
        return f"- {markdown_prose(case['name'])}（培训案例 `{case['anchor']}`）"
    return f"- {markdown_prose(case['name'])}（`tests/scenarios/{case['file']}`）"


def register_page(register: dict[str, dict], by_rule: dict[str, list[dict]]) -> str:
    """The Markdown of 本站如何理解和计算: an index table, then one section per rule."""
    out = [
        f"# {PAGE_TITLE} {{#top}}",
        "",
        "实施方案（红民社救〔2019〕5号）有些地方没有写死：比如“每年”是自然年还是任意 12 个月，“低于”含不含等于，"
        "急难型没选困难程度时显示什么。本页逐条写明本站测算的理解：依据的条文（原文摘录）、本站怎样理解、考虑过哪些"
        "别的理解、为什么不采用、用到哪些参数，以及检验这条理解的案例。测算结果中每一条理由都标着这里的编号"
        "（如“I3”）；[政策原文](index.md)每一条旁的“本站测算怎样理解这一条”也链接到这里。",
        "",
        "编号发布后不改、不重用。对某条理解有不同意见的，请向维护人员或县市民政部门反映；实际以乡镇（街道）和县级"
        "民政部门的审核审批为准。",
        "",
        "| 编号 | 理解 | 条款 | 案例数 |",
        "|---|---|---|---|",
    ]
    for rule, entry in register.items():
        clauses = _clause_links(entry["clauses"]) if entry["clauses"] else "（输入约定）"
        out.append(f"| [{rule}](#{anchor(rule)}) | {markdown_prose(entry['title'])} | {clauses} | "
                   f"{len(by_rule[rule])} |")
    out.append("")
    for rule, entry in register.items():
        out += [f"## {rule}　{markdown_prose(entry['title'])} {{#{anchor(rule)}}}", ""]
        if entry["clauses"]:
            out += [f"**条款**：{_clause_links(entry['clauses'])}（原文旁有本站的说明）", ""]
            out += [f"> {markdown_prose(str(q))}" + ("\n>" if i < len(entry["quotes"]) - 1 else "")
                    for i, q in enumerate(entry["quotes"])]
            out.append("")
        else:
            out += ["**条款**：不是政策条款的解读，是本站读取填写内容的约定。", ""]
        out += ["**本站的理解**：" + markdown_prose(entry["reading"].strip()), ""]
        if entry.get("decided"):
            out += [f"（最近一次修正：{entry['decided']}）", ""]
        if entry["alternatives"]:
            out += ["**考虑过的其他理解**：", ""]
            out += [f"- {markdown_prose(a['reading'])} **不采用**：{markdown_prose(a['rejected'])}"
                    for a in entry["alternatives"]]
            out.append("")
        params = "、".join(f"`{p}`" if re.fullmatch(r"[a-z_]+", str(p)) else str(p) for p in entry["parameters"])
        out += [f"**用到的参数**：{params or '无'}" + ("（州级参数见 `standards/honghe-prefecture.yaml`）"
                                                     if any(re.fullmatch(r"[a-z_]+", str(p)) for p in
                                                            entry["parameters"]) else ""), ""]
        training = any("anchor" in c for c in by_rule[rule])
        out += [f"**检验这条理解的案例**（{len(by_rule[rule])} 个" + (f"；培训案例见[按规则索引]"
                f"(../training/by-rule.md#{anchor(rule)})" if training else "") + "）：", ""]
        out += [_scenario_line(c) for c in by_rule[rule]]
        out.append("")
    return "\n".join(out)


def generated_pages(bundle: dict, as_of: dt.date | None = None) -> dict[str, str]:
    """``{"policy/interpretations.md": markdown}`` (``bundle`` and ``as_of`` are not used: the register does not
    depend on the standards). Raises :class:`RegisterError` for a malformed register."""
    register = load_register()
    return {PAGE: register_page(register, scenarios_by_rule(register))}
