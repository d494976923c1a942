"""Compare what users get from two git revisions: the bundle, the built site, every scenario's output, the CLI.

Used by ``scripts/compare-outputs BASE [OTHER]`` (a thin wrapper). Issue 15 (the package restructuring) requires
that nothing changes for users: with ``SITE_AS_OF`` and ``SOURCE_DATE_EPOCH`` fixed, the outputs before and after
are byte-identical apart from asset names and the differences the issue asks for; this module prints those.

Each side is a temporary ``git worktree`` of its revision (for the working tree: a worktree of HEAD with the
checkout's tracked and untracked, not ignored, files copied over it), sharing this checkout's ``.venv`` (the running
interpreter), ``node_modules`` and ``build/pyodide-compiled`` (a content-keyed cache) through symlinks, so nothing
is installed. Every output comes from the public interfaces only, never from importing the project's modules (their
paths change in the restructuring):

* the bundle: ``python scripts/build-standards OUT.json``;
* the site: ``python -m mkdocs build --strict --site-dir DIR``;
* every item of ``tests/scenarios/*.yaml`` (its ``input`` as JSON on stdin) through the CLI contract
  ``python -m calculator assess - --standards BUNDLE.json`` with ``--format json`` and ``--format text``;
* the CLI itself: README's example without ``--standards`` (the checkout's own standards), from a file and from
  stdin, its error cases and its help.

The environment of both sides is fixed (``SITE_AS_OF``, ``SOURCE_DATE_EPOCH``, ``PYTHONHASHSEED``, ``TZ``,
``LC_ALL``, ``COLUMNS``), and the paths of the temporary directories are replaced by ``<checkout>`` and ``<out>``
in every output.

Asset names: a site file that exists on one side only is paired with one on the other side when their names differ
only by a content hash or version (``bundle.a5f9d56c.min.js``, ``honghe_assistance_calculator-0.1.0.zip``), or,
under ``assets/``, when it is the only file of its folder and extension left unpaired on both sides. The OTHER
side's references to such a file are rewritten to BASE's name before text files are compared byte for byte;
``.gz`` files are compared decompressed; other binary files byte for byte (a zip's differences are shown as a list
of its members). The pairs whose contents are identical are listed as "renamed only".
"""

from __future__ import annotations

import difflib
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

SITE_AS_OF = "2026-11-30"
SOURCE_DATE_EPOCH = "1764460800"  # 2025-11-30 00:00 UTC
SCENARIO_GLOB = "tests/scenarios/*.yaml"
SHARED = ("node_modules", ".venv", "build/pyodide-compiled")  # symlinked from the checkout into each side
DIFF_LINES = 40  # lines of unified diff shown per item without --full
ITEMS_SHOWN = 20  # differing items shown per category without --full (the rest are named)
LONG_LINE = 160  # lines longer than this are split for the diff display (never for the comparison)

CATEGORIES = {"bundle": "标准数据包", "site": "网站文件", "scenarios": "情景输出", "cli": "命令行输出"}


class SideError(Exception):
    """A side could not be prepared or built; the message (Chinese) names the side and the step, with the tail of
    the failing command's output."""


# --------------------------------------------------------------------------------------------- preparing a side


def git(repo: Path, *args: str) -> str:
    """``git -C repo ARGS``'s stdout; raises :class:`SideError` with git's message when it fails."""
    proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SideError(f"git {' '.join(args)} 失败：{proc.stderr.strip()}")
    return proc.stdout


def resolve(repo: Path, revision: str) -> str:
    """The full commit id of ``revision``; :class:`SideError` when it names no commit."""
    try:
        return git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").strip()
    except SideError:
        raise SideError(f"“{revision}”不是这个仓库里的 git 版本（提交、分支或标签）。") from None


def add_worktree(repo: Path, commit: str, path: Path) -> None:
    """A detached temporary worktree of ``commit`` at ``path`` (no branch is created)."""
    git(repo, "worktree", "add", "--detach", "--quiet", str(path), commit)


def copy_working_tree(repo: Path, path: Path) -> int:
    """Make the worktree ``path`` (of ``repo``'s HEAD) hold ``repo``'s working tree: every tracked and untracked,
    not ignored, file is copied over it, and tracked files deleted in ``repo`` are deleted. Returns the number of
    files that differ from HEAD (0: the working tree is clean)."""
    changed = git(repo, "status", "--porcelain", "--untracked-files=all")
    listed = git(repo, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, listed):
        src, dst = repo / name, path / name
        if dst.is_symlink() or dst.is_file():
            dst.unlink()
        if src.is_symlink() or src.is_file():
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst, follow_symlinks=False)
    return len([line for line in changed.splitlines() if line.strip()])


def link_shared(repo: Path, path: Path) -> None:
    """Symlink :data:`SHARED` from the checkout ``repo`` into the side ``path`` (those that exist in ``repo``;
    the compile cache is created when missing so that both sides fill one cache)."""
    (repo / "build" / "pyodide-compiled").mkdir(parents=True, exist_ok=True)
    for name in SHARED:
        src, dst = repo / name, path / name
        if src.exists() and not dst.exists():
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.symlink_to(src.resolve(), target_is_directory=True)


def remove_worktree(repo: Path, path: Path) -> None:
    """Remove the temporary worktree ``path`` and its entry in ``repo``, also when its folder is gone or it is
    still locked by an interrupted ``git worktree add`` (``--force`` twice); never raises. Never ``git worktree
    prune``: the entries of the repository's other worktrees are not this tool's business."""
    subprocess.run(["git", "-C", str(repo), "worktree", "remove", "--force", "--force", str(path)],
                   capture_output=True)
    shutil.rmtree(path, ignore_errors=True)


def side_env(python: str) -> dict[str, str]:
    """The environment of every command of a side: this one, with the interpreter's folder first on PATH, no
    PYTHONPATH, and everything that could make two builds differ fixed."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    env.update(SITE_AS_OF=SITE_AS_OF, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, NO_MKDOCS_2_WARNING="1",
               PYTHONHASHSEED="0", TZ="UTC", LC_ALL="C.UTF-8", COLUMNS="100", PYTHONIOENCODING="utf-8",
               PIP_DISABLE_PIP_VERSION_CHECK="1", PATH=str(Path(python).parent) + os.pathsep + env.get("PATH", ""))
    return env


def _tail(proc: subprocess.CompletedProcess, lines: int = 30) -> str:
    text = (proc.stdout or "") + (proc.stderr or "")
    return "\n".join(text.strip().splitlines()[-lines:])


@dataclass
class Side:
    """One side of the comparison: ``label`` (BASE/OTHER), ``title`` (revision as given and as resolved),
    ``root`` (its worktree), ``out`` (its outputs: bundle.json, site/)."""

    label: str
    title: str
    root: Path
    out: Path

    @property
    def bundle(self) -> Path:
        return self.out / "bundle.json"

    @property
    def site(self) -> Path:
        return self.out / "site"

    def scrub(self, text: str) -> str:
        """``text`` with this side's temporary paths replaced by ``<checkout>`` and ``<out>``."""
        for path, mark in ((self.out, "<out>"), (self.root, "<checkout>")):
            for form in {str(path), str(path.resolve())}:
                text = text.replace(form, mark)
        return text

    def build(self, python: str, env: dict[str, str]) -> None:
        """Build the bundle and the site; :class:`SideError` when either fails."""
        self.out.mkdir(parents=True, exist_ok=True)
        steps = (("scripts/build-standards", [python, "scripts/build-standards", str(self.bundle)]),
                 ("mkdocs build --strict", [python, "-m", "mkdocs", "build", "--strict", "--site-dir", str(self.site)]))
        for step, command in steps:
            try:
                proc = subprocess.run(command, cwd=self.root, env=env, capture_output=True, text=True,
                                      timeout=1200)
            except subprocess.TimeoutExpired:
                raise SideError(f"{self.label}（{self.title}）：{step} 超过 20 分钟仍未完成。") from None
            if proc.returncode != 0:
                raise SideError(f"{self.label}（{self.title}）：{step} 失败（退出码 {proc.returncode}）：\n"
                                + self.scrub(_tail(proc)))


# --------------------------------------------------------------------------------------------- CLI cases


@dataclass(frozen=True)
class Case:
    """One call of ``python -m calculator``: ``args`` after it (``{bundle}`` stands for the side's bundle path,
    ``{input}`` for a file holding ``stdin``), ``stdin`` the bytes sent (``None``: none)."""

    args: tuple[str, ...]
    stdin: bytes | None = None


def scenario_cases(root: Path) -> dict[str, Case]:
    """Two cases (json, text) per item of ``root``'s scenario files, keyed ``FILE #INDEX NAME [format]``.
    Raises :class:`SideError` when a file is not valid YAML or an item has no ``input``."""
    import yaml  # build-time dependency, as everywhere in sitebuild/

    cases: dict[str, Case] = {}
    for path in sorted(root.glob(SCENARIO_GLOB)):
        try:
            items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            raise SideError(f"{path.name}：无法读取情景文件（{error}）。") from None
        for index, item in enumerate(items):
            if not isinstance(item, dict) or not ("input" in item or isinstance(item.get("input_json"), str)):
                raise SideError(f"{path.name} 第 {index + 1} 项没有 input。")
            # input_json: the application as the exact JSON text the CLI reads (a number such as 1000.100 that YAML
            # would not keep as written); input: as YAML data.
            stdin = (item["input_json"] if "input_json" in item else
                     json.dumps(item["input"], ensure_ascii=False, default=str)).encode("utf-8")
            for fmt in ("json", "text"):
                key = f"{path.name} #{index} {item.get('name', '')} [{fmt}]"
                cases[key] = Case(("assess", "-", "--standards", "{bundle}", "--format", fmt), stdin)
    return cases


README_EXAMPLE = re.compile(r"```json\n(.*?)```", re.S)


def cli_cases(root: Path) -> dict[str, Case]:
    """The CLI as README documents it (its first JSON example, with the checkout's own standards, from stdin and
    from a file, json and text), its error cases (bad input, missing files, a broken bundle path) and its help."""
    cases: dict[str, Case] = {}
    try:
        match = README_EXAMPLE.search((root / "README.md").read_text(encoding="utf-8"))
    except OSError:
        match = None
    if match:
        example = match.group(1).encode("utf-8")
        for fmt in ("json", "text"):
            cases[f"README 示例，标准输入，无 --standards [{fmt}]"] = Case(("assess", "-", "--format", fmt), example)
        cases["README 示例，文件，无 --standards [json]"] = Case(("assess", "{input}"), example)
        cases["README 示例，--standards 数据包 [text]"] = Case(
            ("assess", "-", "--standards", "{bundle}", "--format", "text"), example)
        cases["README 示例，--standards 不存在的文件"] = Case(("assess", "-", "--standards", "no-such.json"), example)
    cases.update({
        "输入不是 JSON": Case(("assess", "-", "--standards", "{bundle}"), "不是 JSON".encode()),
        "输入不是 UTF-8": Case(("assess", "-", "--standards", "{bundle}"), b"\xff\xfe{}"),
        "输入是空对象": Case(("assess", "-", "--standards", "{bundle}"), b"{}"),
        "输入文件不存在": Case(("assess", "no-such-application.json", "--standards", "{bundle}")),
        "输入是目录": Case(("assess", "docs", "--standards", "{bundle}")),
        "没有参数": Case(()),
        "--help": Case(("--help",)),
        "assess --help": Case(("assess", "--help")),
        "--format 不认识": Case(("assess", "-", "--format", "xml"), b"{}"),
    })
    return cases


@dataclass(frozen=True)
class Output:
    """What one call printed: ``stdout``, ``stderr`` (paths scrubbed) and its exit ``code`` (``"timeout"``)."""

    stdout: str
    stderr: str
    code: int | str

    def as_text(self) -> str:
        """The output as one text for the comparison and the diff: stdout, then the exit status, then stderr."""
        text = self.stdout + ("" if self.stdout.endswith("\n") or not self.stdout else "\n")
        text += f"[退出码 {self.code}]\n"
        if self.stderr:
            text += "[stderr]\n" + self.stderr + ("" if self.stderr.endswith("\n") else "\n")
        return text


def run_case(side: Side, case: Case, python: str, env: dict[str, str], name: str) -> Output:
    """Run ``case`` with ``python -m calculator`` in ``side``'s worktree; ``name`` makes its input file unique."""
    args = list(case.args)
    if "{input}" in args:
        input_file = side.out / "inputs" / (hashlib.sha256(name.encode()).hexdigest()[:16] + ".json")
        input_file.parent.mkdir(parents=True, exist_ok=True)
        input_file.write_bytes(case.stdin or b"")
        args = [str(input_file) if a == "{input}" else a for a in args]
    args = [str(side.bundle) if a == "{bundle}" else a for a in args]
    try:
        proc = subprocess.run([python, "-m", "calculator", *args], cwd=side.root, env=env, capture_output=True,
                              input=case.stdin if case.stdin is not None else b"", timeout=120)
    except subprocess.TimeoutExpired:
        return Output("", "", "timeout")
    decode = lambda data: side.scrub(data.decode("utf-8", errors="backslashreplace"))  # noqa: E731
    return Output(decode(proc.stdout), decode(proc.stderr), proc.returncode)


# --------------------------------------------------------------------------------------------- comparing


@dataclass
class Item:
    """One compared thing: ``name`` (file or case), ``status`` (``same``, ``renamed`` = same content under
    another name, ``differs``, ``only-base``, ``only-other``), the two texts for the diff, and a ``note``."""

    name: str
    status: str
    base: str = ""
    other: str = ""
    note: str = ""


HASH = re.compile(r"\.[0-9a-f]{8,}(?=\.)")
VERSION = re.compile(r"-\d+(?:\.\d+)+(?=\.[A-Za-z])")


def asset_key(path: str) -> str:
    """``path`` with a content hash (``.1a2b3c4d.`` → ``.HASH.``) and a version (``-0.1.0.`` → ``-VERSION.``)
    in its file name replaced, for pairing files whose names change with their contents or versions."""
    p = PurePosixPath(path)
    return str(p.with_name(VERSION.sub("-VERSION", HASH.sub(".HASH", p.name))))


def _unique_pairs(base: Iterable[str], other: Iterable[str], key: Callable[[str], object | None]) -> dict[str, str]:
    groups: dict[object, tuple[list[str], list[str]]] = {}
    for side, paths in enumerate((base, other)):
        for path in paths:
            k = key(path)
            if k is not None:
                groups.setdefault(k, ([], []))[side].append(path)
    return {o[0]: b[0] for b, o in groups.values() if len(b) == 1 and len(o) == 1}


def _asset_folder_key(path: str) -> tuple[str, str] | None:
    p = PurePosixPath(path)
    if p.parts[0] != "assets" or p.suffix in (".html", ""):
        return None
    return (str(p.parent), "".join(p.suffixes[-2:]) if p.suffix in (".map", ".gz") else p.suffix)


def pair_renamed(base_paths: Iterable[str], other_paths: Iterable[str]) -> dict[str, str]:
    """Which OTHER file is which BASE file under another name: ``{other_path: base_path}`` for the files that
    exist on one side only, paired when exactly one on each side has the same :func:`asset_key`, else when
    exactly one on each side is left in the same folder under ``assets/`` with the same extension."""
    base_set, other_set = set(base_paths), set(other_paths)
    only_base, only_other = sorted(base_set - other_set), sorted(other_set - base_set)
    pairs = _unique_pairs(only_base, only_other, asset_key)
    left_base = [p for p in only_base if p not in pairs.values()]
    left_other = [p for p in only_other if p not in pairs]
    pairs.update(_unique_pairs(left_base, left_other, _asset_folder_key))
    return pairs


def rename_references(text: str, renames: dict[str, str]) -> str:
    """``text`` with every file name of ``renames`` (``{other_path: base_path}``) replaced by its BASE file name,
    as a whole name only (``site.css`` does not touch ``mysite.css``), longest first."""
    names = {PurePosixPath(o).name: PurePosixPath(b).name for o, b in renames.items()}
    names = {o: b for o, b in names.items() if o != b}
    if not names:
        return text
    pattern = re.compile(r"(?<![\w.-])(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                         + r")(?![\w-])")
    return pattern.sub(lambda m: names[m.group(1)], text)


def file_text(path: Path) -> tuple[bytes, str | None]:
    """A site file's bytes (decompressed for ``.gz``) and its text when it is UTF-8 without NUL, else ``None``."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data, None
    return data, (None if "\0" in text else text)


def binary_summary(data: bytes) -> str:
    """A binary file as text for the diff: a zip's members (name, size, CRC) one per line, else size and hash."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "".join(f"{i.filename}  {i.file_size} 字节  crc {i.CRC:08x}\n" for i in z.infolist())
    except zipfile.BadZipFile:
        return f"{len(data)} 字节  sha256 {hashlib.sha256(data).hexdigest()}\n"


def _site_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def compare_sites(base: Side, other: Side) -> list[Item]:
    """Every file of the two built sites, paired (:func:`pair_renamed`) and compared (see the module's doc)."""
    base_files, other_files = _site_files(base.site), _site_files(other.site)
    renames = pair_renamed(base_files, other_files)
    by_base = {b: o for o, b in renames.items()}
    other_set = set(other_files)
    items = []
    for name in base_files:
        other_name = by_base.get(name, name if name in other_set else None)
        if other_name is None:
            items.append(Item(name, "only-base"))
            continue
        base_bytes, base_text = file_text(base.site / name)
        other_bytes, other_text = file_text(other.site / other_name)
        label = name if other_name == name else f"{name} → {PurePosixPath(other_name).name}"
        if base_text is not None and other_text is not None:
            a, b = base.scrub(base_text), rename_references(other.scrub(other_text), renames)
            same = a == b
        else:
            same = base_bytes == other_bytes
            a, b = binary_summary(base_bytes), binary_summary(other_bytes)
            if a == b and not same:  # a zip whose members are the same but whose bytes are not (dates)
                a, b = a + "（zip 的其他字节不同）\n", b
        status = "same" if same and other_name == name else "renamed" if same else "differs"
        items.append(Item(label, status, a, b))
    items += [Item(name, "only-other") for name in other_files if name not in renames and name not in base_files]
    return items


def compare_outputs(base: dict[str, Output], other: dict[str, Output],
                    base_cases: dict[str, Case], other_cases: dict[str, Case]) -> list[Item]:
    """Items for the outputs of the same cases on both sides (missing on one side: ``only-…``); a case whose input
    differs between the sides says so in its note."""
    items = []
    for key in list(base) + [k for k in other if k not in base]:
        if key not in other or key not in base:
            items.append(Item(key, "only-base" if key in base else "only-other"))
            continue
        a, b = base[key].as_text(), other[key].as_text()
        note = ""
        if key in base_cases and key in other_cases and base_cases[key] != other_cases[key]:
            note = "两边的输入不同，各用自己的输入"
        items.append(Item(key, "same" if a == b else "differs", a, b, note))
    return items


# --------------------------------------------------------------------------------------------- report


def readable_lines(text: str, name: str) -> list[str]:
    """``text`` as lines for a diff: JSON pretty-printed (one value a line), lines longer than :data:`LONG_LINE`
    split after ``>``, ``,`` and ``;`` (the search index and the 测算 page's embedded data are single lines)."""
    if name.split(" ")[0].endswith(".json"):
        try:
            text = json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n"
        except ValueError:
            pass
    lines = []
    for line in text.splitlines():
        if len(line) <= LONG_LINE:
            lines.append(line)
        else:
            lines += [part for part in re.split(r"(?<=[>,;])", line) if part]
    return lines


def unified(item: Item) -> list[str]:
    """The unified diff of ``item`` (BASE → OTHER), with :func:`readable_lines`."""
    return list(difflib.unified_diff(readable_lines(item.base, item.name), readable_lines(item.other, item.name),
                                     "BASE", "OTHER", lineterm="", n=2))


def _cut(lines: list[str], limit: int | None, what: str) -> list[str]:
    if limit is None or len(lines) <= limit:
        return lines
    return lines[:limit] + [f"…（还有 {len(lines) - limit} {what}，用 --full 查看全部）"]


def group_differences(items: list[Item]) -> list[tuple[list[Item], list[str]]]:
    """The differing items with their diffs, those whose diffs remove and add the same lines (whatever the lines
    around them) taken together, so that one change that shows in many outputs is shown once: ``[(items, diff
    of the first)]`` in the order of each group's first item. Items only on one side have no diff and stay alone."""
    groups: dict[object, tuple[list[Item], list[str]]] = {}
    for index, item in enumerate(items):
        diff = unified(item) if item.status == "differs" else []
        key = tuple(line for line in diff[2:] if line[:1] in "+-") if diff else index
        groups.setdefault(key, ([], diff))[0].append(item)
    return list(groups.values())


STATUS_WORDS = {"differs": "不同", "only-base": "只在 BASE", "only-other": "只在 OTHER"}


@dataclass
class Category:
    """The items of one category (a key of :data:`CATEGORIES`)."""

    key: str
    items: list[Item] = field(default_factory=list)

    def count(self, *statuses: str) -> int:
        return sum(item.status in statuses for item in self.items)

    @property
    def differences(self) -> list[Item]:
        return [item for item in self.items if item.status not in ("same", "renamed")]


def _heading(title: str, item: Item) -> str:
    return f"--- {title} {STATUS_WORDS[item.status]}：{item.name}" + (f"（{item.note}）" if item.note else "")


def format_report(categories: list[Category], full: bool = False) -> tuple[str, int]:
    """The report (Chinese) and the exit status: 0 when every item is the same (renamed assets included), 1
    otherwise. Per category: the counts, the renamed assets, then each difference with its unified diff, the
    items with the same diff named under it (:func:`group_differences`; without ``full``: :data:`DIFF_LINES`
    lines a diff, :data:`ITEMS_SHOWN` groups a category, as many names a group), and at the end a one-line
    summary."""
    limit = None if full else DIFF_LINES
    out: list[str] = []
    found = []
    for cat in categories:
        title = CATEGORIES[cat.key]
        counts = [f"{cat.count('same', 'renamed')} 项相同"]
        if cat.count("renamed"):
            counts[0] += f"（其中 {cat.count('renamed')} 项只是文件名不同）"
        counts += [f"{cat.count(s)} 项{w}" for s, w in STATUS_WORDS.items() if cat.count(s)]
        out.append(f"== {title}：" + "，".join(counts))
        out += [f"   只是文件名不同：{item.name}" for item in cat.items if item.status == "renamed"]
        groups = group_differences(cat.differences)
        shown = groups if full else groups[:ITEMS_SHOWN]
        for items, diff in shown:
            out += ["", _heading(title, items[0])]
            if len(items) > 1:
                out.append(f"（另有 {len(items) - 1} 项的改动与此相同，列在改动之后）")
            out += _cut(diff, limit, "行")
            out += _cut([f"   同样的改动：{item.name}" + (f"（{item.note}）" if item.note else "")
                         for item in items[1:]], None if full else ITEMS_SHOWN, "项")
        rest = [item for items, _diff in groups[len(shown):] for item in items]
        if rest:
            out += ["", f"另有 {len(rest)} 项{title}不同（用 --full 查看）："]
            out += [f"   {STATUS_WORDS[item.status]}：{item.name}" for item in rest]
        if cat.differences:
            out.append("")
            found.append(f"{title} {len(cat.differences)} 项")
    if found:
        out.append("结论：有差异：" + "，".join(found) + "。")
    else:
        same = "，".join(f"{CATEGORIES[c.key]} {c.count('same', 'renamed')} 项" for c in categories)
        out.append(f"结论：完全相同（{same}）。")
    return "\n".join(out) + "\n", 1 if found else 0


# --------------------------------------------------------------------------------------------- the whole run


def compare(repo: Path, base_rev: str, other_rev: str | None, *, full: bool = False, jobs: int = 2,
            python: str | None = None, say: Callable[[str], None] = print) -> int:
    """Build both sides in temporary worktrees of ``repo``, compare them and ``say`` the report (progress lines
    first). ``other_rev`` ``None``: ``repo``'s working tree. Returns the exit status: 0 identical, 1 differences;
    raises :class:`SideError` when a side cannot be built. The worktrees are removed in every case.

    Longer than 60 lines on purpose: one ``try``/``finally`` that owns both temporary worktrees, so that they are
    removed whatever step fails; each step inside it is a function of its own."""
    python = python or sys.executable
    env = side_env(python)
    base_commit = resolve(repo, base_rev)
    other_commit = resolve(repo, other_rev or "HEAD")
    tmp = Path(tempfile.mkdtemp(prefix="compare-outputs-"))
    # Unique folder names: git names a worktree's entry in the repository after its folder.
    base = Side("BASE", f"{base_rev}，{base_commit[:10]}", tmp / f"{tmp.name}-base", tmp / "base-out")
    if other_rev is None:
        other = Side("OTHER", f"{repo} 的工作区，HEAD {other_commit[:10]}", tmp / f"{tmp.name}-other",
                     tmp / "other-out")
    else:
        other = Side("OTHER", f"{other_rev}，{other_commit[:10]}", tmp / f"{tmp.name}-other", tmp / "other-out")
    try:
        for side, commit in ((base, base_commit), (other, other_commit)):
            add_worktree(repo, commit, side.root)
            if side is other and other_rev is None:
                changed = copy_working_tree(repo, side.root)
                side.title += f" 加 {changed} 个未提交的改动" if changed else "（没有未提交的改动）"
            link_shared(repo, side.root)
        say(f"BASE  = {base.title}\nOTHER = {other.title}\n"
            f"SITE_AS_OF={SITE_AS_OF} SOURCE_DATE_EPOCH={SOURCE_DATE_EPOCH}")
        for side in (base, other):
            say(f"… 构建 {side.label}：标准数据包和网站")
            side.build(python, env)
        cases = {}
        for side in (base, other):
            cases[side.label] = ({"scenarios": scenario_cases(side.root), "cli": cli_cases(side.root)})
        results: dict[str, dict[str, dict[str, Output]]] = {"BASE": {}, "OTHER": {}}
        tasks = []
        for cat in ("scenarios", "cli"):
            keys = list(cases["BASE"][cat]) + [k for k in cases["OTHER"][cat] if k not in cases["BASE"][cat]]
            for side, mine, theirs in ((base, "BASE", "OTHER"), (other, "OTHER", "BASE")):
                results[mine][cat] = {}
                for key in keys:
                    case = cases[mine][cat].get(key) or cases[theirs][cat][key]
                    tasks.append((side, cat, key, case))
        say(f"… 运行命令行 {len(tasks)} 次（{jobs} 个并行）")
        pool = ThreadPoolExecutor(max_workers=max(1, jobs))
        try:  # on an interrupt, the calls not yet started are cancelled rather than run
            outputs = pool.map(lambda t: run_case(t[0], t[3], python, env, f"{t[1]}:{t[2]}"), tasks)
            for (side, cat, key, _case), output in zip(tasks, outputs, strict=True):
                results[side.label][cat][key] = output
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        base_bundle, other_bundle = base.bundle.read_bytes(), other.bundle.read_bytes()
        bundle_item = Item("bundle.json", "same" if base_bundle == other_bundle else "differs",
                           base_bundle.decode("utf-8", "backslashreplace"),
                           other_bundle.decode("utf-8", "backslashreplace"))
        categories = [Category("bundle", [bundle_item]), Category("site", compare_sites(base, other))]
        for cat in ("scenarios", "cli"):
            categories.append(Category(cat, compare_outputs(results["BASE"][cat], results["OTHER"][cat],
                                                            cases["BASE"][cat], cases["OTHER"][cat])))
        report, status = format_report(categories, full)
        say("")
        say(report.rstrip("\n"))
        return status
    finally:
        for side in (base, other):
            remove_worktree(repo, side.root)
        shutil.rmtree(tmp, ignore_errors=True)
