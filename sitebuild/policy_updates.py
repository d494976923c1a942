"""The 政策动态 data (``policy/updates.yaml``): read strictly, checked, put into the bundle, and its page.

``policy/updates.yaml`` lists, with sources, the documents after 红民社救〔2019〕5号 that touch temporary assistance,
what each changes as reported, and whether the site holds the full text (``text_kind: full_text``) or only a
report (``report``). An entry may carry a ``warning`` (``from``, ``applies_to``, ``text``) that the calculator adds
to results of that type dated ``from`` or later (:mod:`calculator.policy_updates`, through the bundle's
``policy_updates`` key).

* :func:`check_file` — the problems of the file (:class:`sitebuild.validate.Problem`, Chinese, with file and line);
* :func:`load_updates` — the entries as plain data for the bundle, or :class:`sitebuild.validate.StandardsInvalid`;
* :func:`generated_pages` — ``{"policy/updates.md": markdown}`` for the MkDocs hook.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from calculator.policy_updates import APPLIES_TO
from sitebuild.validate import Problem, StandardsInvalid, read_document
from standards_tools import checks

ROOT = Path(__file__).resolve().parent.parent
UPDATES_FILE = ROOT / "policy" / "updates.yaml"
PAGE = "policy/updates.md"

TEXT_KINDS = {"full_text": "已见全文", "report": "据报道（本站未见全文）"}
APPLIES_TO_NAMES = {"emergency": "急难型救助的测算结果", "expenditure": "支出型救助的测算结果", "all": "所有测算结果"}
ENTRY_KEYS = ("id", "reported", "document", "issuer", "text_kind", "status", "changes", "source", "warning")
REQUIRED = ("id", "reported", "document", "issuer", "text_kind", "status", "changes", "source")
SOURCE_KEYS = ("reported_by", "published", "url", "note")
WARNING_KEYS = ("from", "applies_to", "text")
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_HELP = {
    "id": "英文小写字母、数字和“-”，如 yn-2023-payment", "reported": "报道或公布日期，如 2023-07-26",
    "document": "文件名称", "issuer": "发文机关", "text_kind": "full_text（已见全文）或 report（只见到报道）",
    "status": "文件的状态，如“已印发”", "changes": "改变了什么（列表，每项一句）",
    "source": "出处：reported_by、published，知道时加 url、note", "reported_by": "谁的报道或页面",
    "from": "从哪一天起的申请显示提醒", "applies_to": "emergency、expenditure 或 all", "text": "提醒的原话",
}


def _text(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _keys(entry: dict, allowed: tuple, required: tuple, path: tuple, add) -> None:
    for key in entry:
        if key not in allowed:
            add(path + (key,), checks.unknown_key_message(str(key), allowed))
    for key in required:
        if key not in entry:
            add(path, f"缺少“{key}”（{_HELP.get(key, key)}）。请在这一项下补上 {key}:。")


def check_file(path: Path = UPDATES_FILE) -> list[Problem]:
    """Every problem of the policy-updates file, each with its line; never raises.

    Longer than 60 lines on purpose: one pass over the file's entries with a check per field, each naming the
    entry's line; split up, every piece would need the document and the entry at hand."""
    doc, problems = read_document(path)
    if doc is None:
        return problems

    def add(where: tuple, message: str) -> None:
        problems.append(Problem(doc.file, doc.line_of(where), message))

    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        add((), "文件应以 documents: 开头，下面每一项以“- ”开头（写法见文件开头的说明）。")
        return problems
    _keys(data, ("documents",), (), (), add)
    seen: dict[str, int] = {}
    for index, entry in enumerate(data["documents"]):
        at = ("documents", index)
        if not isinstance(entry, dict):
            add(at, "这一项应是一组“键: 值”（id、reported、document ……）。")
            continue
        _keys(entry, ENTRY_KEYS, REQUIRED, at, add)
        ident = entry.get("id")
        if "id" in entry and not (isinstance(ident, str) and _ID.fullmatch(ident)):
            add(at + ("id",), f"id“{ident}”只能用英文小写字母、数字和“-”，如 yn-2023-payment。")
        elif isinstance(ident, str) and ident in seen:
            add(at + ("id",), f"id“{ident}”与第 {seen[ident] + 1} 项重复。每一项的 id 都要不同。")
        elif isinstance(ident, str):
            seen[ident] = index
        for key in ("document", "issuer", "status"):
            if key in entry and not _text(entry[key]):
                add(at + (key,), f"“{key}”不能是空的（{_HELP[key]}）。")
        if "reported" in entry and checks.date_problem(entry["reported"], what="报道日期"):
            add(at + ("reported",), checks.date_problem(entry["reported"], what="报道日期"))
        if "text_kind" in entry and entry["text_kind"] not in TEXT_KINDS:
            add(at + ("text_kind",), f"“text_kind”只能写 full_text（已见全文）或 report（只见到报道），"
                                     f"这里写的是“{entry['text_kind']}”。")
        changes = entry.get("changes")
        if "changes" in entry and not (isinstance(changes, list) and changes and all(_text(c) for c in changes)):
            add(at + ("changes",), "“changes”要写成列表，每项一句（以“- ”开头），至少一项。")
        source = entry.get("source")
        if "source" in entry:
            if not isinstance(source, dict):
                add(at + ("source",), "“source”应是一组“键: 值”：reported_by、published，知道时加 url、note。")
            else:
                _keys(source, SOURCE_KEYS, ("reported_by",), at + ("source",), add)
                if "published" in source and checks.date_problem(source["published"], what="发布日期"):
                    add(at + ("source", "published"), checks.date_problem(source["published"], what="发布日期"))
                if "url" in source and checks.url_problem(source["url"]):
                    add(at + ("source", "url"), checks.url_problem(source["url"]))
        warning = entry.get("warning")
        if "warning" in entry:
            if not isinstance(warning, dict):
                add(at + ("warning",), "“warning”应是一组“键: 值”：from、applies_to、text。")
                continue
            _keys(warning, WARNING_KEYS, WARNING_KEYS, at + ("warning",), add)
            if "from" in warning and checks.date_problem(warning["from"]):
                add(at + ("warning", "from"), checks.date_problem(warning["from"]))
            if "applies_to" in warning and warning["applies_to"] not in APPLIES_TO:
                add(at + ("warning", "applies_to"), f"“applies_to”只能写 emergency（急难型）、expenditure（支出型）"
                                                    f"或 all（所有结果），这里写的是“{warning['applies_to']}”。")
            if "text" in warning and not _text(warning["text"]):
                add(at + ("warning", "text"), "提醒的原话（text）不能是空的。")
    return problems


def load_updates(path: Path = UPDATES_FILE) -> list[dict]:
    """The entries of ``path`` for the bundle's ``policy_updates`` key, sorted by ``reported`` date.

    Raises :class:`sitebuild.validate.StandardsInvalid` listing every problem.
    """
    problems = check_file(path)
    if problems:
        raise StandardsInvalid(problems)
    doc, _ = read_document(path)
    return sorted(doc.data["documents"], key=lambda e: (e["reported"], e["id"]))


def _m(text: object) -> str:
    """Text from the data for Markdown (no markup, no HTML)."""
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", str(text)).replace("\n", " ")


def page(entries: list[dict]) -> str:
    """The 政策动态 page (Chinese Markdown): one section per document, newest first, with its source, whether the
    site holds its full text, what it changes as reported, and the warning the calculator adds because of it."""
    lines = ["# 政策动态：2019年以后的相关文件 {#policy-updates}", "",
             "本站的测算依据是[红河州临时救助实施方案（红民社救〔2019〕5号）](index.md)。此后又有下列文件涉及临时救助。"
             "本站**尚未据这些文件修改计算**；其中几项会在测算结果中作为提醒列出。内容据所注来源，"
             "标明“据报道”的，本站没有见到文件全文：请以文件原文和当地民政部门的解释为准。", ""]
    for entry in sorted(entries, key=lambda e: (e["reported"], e["id"]), reverse=True):
        source = entry["source"]
        lines += [f"## {entry['reported']}　{_m(entry['document'])} {{#{entry['id']}}}", "",
                  f"- **发文机关**：{_m(entry['issuer'])}",
                  f"- **状态**：{_m(entry['status'])}",
                  f"- **本站掌握的文本**：{TEXT_KINDS[entry['text_kind']]}"]
        where = _m(source["reported_by"]) + (f"，{source['published']}" if source.get("published") else "")
        if source.get("url"):
            where += f' <a href="{source["url"]}" rel="noopener">链接</a>'
        lines.append(f"- **来源**：{where}")
        if source.get("note"):
            lines.append(f"- **说明**：{_m(source['note'])}")
        lines += ["", "据来源，这份文件：", ""] + [f"1. {_m(c)}" for c in entry["changes"]] + [""]
        warning = entry.get("warning")
        if warning:
            which = APPLIES_TO_NAMES[warning["applies_to"]]
            lines += [f"测算结果中的提醒：申请日期在 {warning['from']} 或以后的{which}显示："
                      f"“{_m(warning['text'])}”", ""]
    return "\n".join(lines).rstrip() + "\n"


def generated_pages(bundle: dict, as_of: dt.date | None = None) -> dict[str, str]:
    """``{"policy/updates.md": markdown}`` from the bundle's ``policy_updates`` (``as_of`` is not used: the page
    depends on the data only)."""
    return {PAGE: page(bundle.get("policy_updates") or [])}
