"""scripts/compare-outputs (sitebuild/compare_outputs.py): asset names, the site comparison, the report.

The whole run (two builds and ~700 CLI calls, about a minute) is not repeated here; these tests cover the parts
that decide what counts as the same: pairing renamed assets, rewriting their references, reading ``.gz`` files,
the working-tree side, and how the report groups, cuts and sums up the differences.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
from pathlib import Path

import pytest

from sitebuild.compare_outputs import (
    DIFF_LINES,
    Category,
    Item,
    Output,
    Side,
    SideError,
    add_worktree,
    asset_key,
    compare_sites,
    copy_working_tree,
    format_report,
    pair_renamed,
    readable_lines,
    remove_worktree,
    rename_references,
    scenario_cases,
)


def test_a_content_hash_and_a_version_in_a_file_name_are_replaced_by_placeholders():
    assert asset_key("assets/javascripts/bundle.a5f9d56c.min.js") == "assets/javascripts/bundle.HASH.min.js"
    assert asset_key("assets/javascripts/bundle.a5f9d56c.min.js.map") == "assets/javascripts/bundle.HASH.min.js.map"
    assert asset_key("assets/py/honghe_assistance_calculator-0.1.0.zip") == \
        "assets/py/honghe_assistance_calculator-VERSION.zip"
    assert asset_key("standards/532501/index.html") == "standards/532501/index.html"


def test_files_whose_names_differ_only_by_hash_or_version_are_paired_other_to_base():
    base = ["index.html", "assets/javascripts/bundle.a5f9d56c.min.js", "assets/py/calc-0.1.0.zip"]
    other = ["index.html", "assets/javascripts/bundle.0badcafe.min.js", "assets/py/calc-0.2.0.zip"]
    assert pair_renamed(base, other) == {"assets/javascripts/bundle.0badcafe.min.js":
                                         "assets/javascripts/bundle.a5f9d56c.min.js",
                                         "assets/py/calc-0.2.0.zip": "assets/py/calc-0.1.0.zip"}


def test_the_last_unpaired_asset_of_a_folder_and_extension_is_paired_but_pages_and_ambiguous_files_are_not():
    base = ["assets/py/engine.zip", "assets/a.css", "assets/b.css", "old/index.html"]
    other = ["assets/py/calculator.zip", "assets/c.css", "assets/d.css", "new/index.html"]
    assert pair_renamed(base, other) == {"assets/py/calculator.zip": "assets/py/engine.zip"}


def test_a_new_asset_beside_a_versioned_one_stays_new():
    base = ["assets/py/calc-0.1.0.zip"]
    other = ["assets/py/calc-0.2.0.zip", "assets/py/tools-0.2.0.zip"]
    assert pair_renamed(base, other) == {"assets/py/calc-0.2.0.zip": "assets/py/calc-0.1.0.zip"}


def test_references_to_a_renamed_file_are_rewritten_as_whole_names_only():
    renames = {"assets/bundle.0badcafe.min.js": "assets/bundle.a5f9d56c.min.js", "assets/s2.css": "assets/s.css"}
    text = ('<script src="bundle.0badcafe.min.js"></script><link href="s2.css"><link href="ss2.css">'
            "//# sourceMappingURL=bundle.0badcafe.min.js.map")
    assert rename_references(text, renames) == ('<script src="bundle.a5f9d56c.min.js"></script><link href="s.css">'
                                                '<link href="ss2.css">//# sourceMappingURL=bundle.a5f9d56c.min.js.map')


def _side(tmp: Path, label: str, files: dict[str, bytes]) -> Side:
    side = Side(label, label, tmp / label.lower(), tmp / f"{label.lower()}-out")
    for name, data in files.items():
        (side.site / name).parent.mkdir(parents=True, exist_ok=True)
        (side.site / name).write_bytes(data)
    return side


def test_the_site_comparison_ignores_asset_names_and_gzip_dates_and_reports_what_differs(tmp_path):
    script = b"console.log(1)"
    base = _side(tmp_path, "BASE", {
        "index.html": b'<script src="assets/bundle.a5f9d56c.min.js"></script>',
        "assets/bundle.a5f9d56c.min.js": script,
        "sitemap.xml.gz": gzip.compress(b"<urlset/>", mtime=1),
        "faq/index.html": "一次性救助".encode(),
        "assets/logo.png": b"\x89PNG\0\1",
        "gone.txt": b"x",
    })
    other = _side(tmp_path, "OTHER", {
        "index.html": b'<script src="assets/bundle.0badcafe.min.js"></script>',
        "assets/bundle.0badcafe.min.js": script,
        "sitemap.xml.gz": gzip.compress(b"<urlset/>", mtime=2),
        "faq/index.html": "一次性的救助".encode(),
        "assets/logo.png": b"\x89PNG\0\2",
        "new.txt": b"y",
    })
    items = {item.name: item.status for item in compare_sites(base, other)}
    assert items == {
        "assets/bundle.a5f9d56c.min.js → bundle.0badcafe.min.js": "renamed",
        "assets/logo.png": "differs",
        "faq/index.html": "differs",
        "gone.txt": "only-base",
        "index.html": "same",
        "new.txt": "only-other",
        "sitemap.xml.gz": "same",
    }


def test_json_is_pretty_printed_and_long_lines_are_split_for_the_diff_display():
    assert readable_lines('{"a":1,"b":[2]}', "search/search_index.json") == \
        ["{", ' "a": 1,', ' "b": [', "  2", " ]", "}"]
    assert readable_lines("<p>" + "字" * 200 + "</p><p>b</p>", "x.html") == ["<p>", "字" * 200 + "</p>", "<p>", "b</p>"]


def test_an_output_shows_stdout_then_the_exit_status_then_stderr():
    assert Output('{"error": 1}', "", 2).as_text() == '{"error": 1}\n[退出码 2]\n'
    assert Output("", "usage", 2).as_text() == "[退出码 2]\n[stderr]\nusage\n"


def test_a_report_without_differences_says_so_and_exits_0_counting_renamed_assets_as_identical():
    report, status = format_report([Category("bundle", [Item("bundle.json", "same")]),
                                    Category("site", [Item("index.html", "same"), Item("a.js → b.js", "renamed")])])
    assert status == 0
    assert report == ("== 标准数据包：1 项相同\n"
                      "== 网站文件：2 项相同（其中 1 项只是文件名不同）\n"
                      "   只是文件名不同：a.js → b.js\n"
                      "结论：完全相同（标准数据包 1 项，网站文件 2 项）。\n")


def test_outputs_with_the_same_change_are_shown_once_with_their_names_and_the_summary_counts_each_item():
    items = [Item(f"s.yaml #{i} 案例{i} [text]", "differs", f"第{i}户\n本结果为测算\n", f"第{i}户\n本结果是测算\n")
             for i in range(3)]
    items += [Item("cli", "only-other")]
    report, status = format_report([Category("scenarios", items)])
    assert status == 1
    assert report == ("== 情景输出：0 项相同，3 项不同，1 项只在 OTHER\n"
                      "\n"
                      "--- 情景输出 不同：s.yaml #0 案例0 [text]\n"
                      "（另有 2 项的改动与此相同，列在改动之后）\n"
                      "--- BASE\n"
                      "+++ OTHER\n"
                      "@@ -1,2 +1,2 @@\n"
                      " 第0户\n"
                      "-本结果为测算\n"
                      "+本结果是测算\n"
                      "   同样的改动：s.yaml #1 案例1 [text]\n"
                      "   同样的改动：s.yaml #2 案例2 [text]\n"
                      "\n"
                      "--- 情景输出 只在 OTHER：cli\n"
                      "\n"
                      "结论：有差异：情景输出 4 项。\n")


def test_a_long_diff_is_cut_unless_full_is_asked_for():
    item = Item("bundle.json", "differs", "".join(f"{i}\n" for i in range(100)), "".join(f"{i}!\n" for i in range(100)))
    cut, _ = format_report([Category("bundle", [item])])
    whole, _ = format_report([Category("bundle", [item])], full=True)
    assert f"…（还有 {2 + 1 + 200 - DIFF_LINES} 行，用 --full 查看全部）" in cut
    assert "+99!" in whole and "+99!" not in cut


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def test_the_working_tree_side_holds_uncommitted_edits_untracked_files_and_deletions_but_not_ignored_files(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    for name, text in {"kept.txt": "a\n", "edited.txt": "old\n", "deleted.txt": "d\n", ".gitignore": "*.log\n"}.items():
        (repo / name).write_text(text)
    _git(repo, "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    (repo / "edited.txt").write_text("new\n")
    (repo / "deleted.txt").unlink()
    (repo / "sub").mkdir()
    (repo / "sub" / "untracked.txt").write_text("u\n")
    (repo / "ignored.log").write_text("i\n")
    side = tmp_path / "side"
    add_worktree(repo, _git(repo, "rev-parse", "HEAD").strip(), side)
    try:
        assert copy_working_tree(repo, side) == 3
        files = sorted(p.relative_to(side).as_posix() for p in side.rglob("*") if p.is_file() and ".git" not in p.parts)
        assert files == [".gitignore", "edited.txt", "kept.txt", "sub/untracked.txt"]
        assert (side / "edited.txt").read_text() == "new\n"
    finally:
        remove_worktree(repo, side)
    assert not side.exists()
    assert _git(repo, "worktree", "list").count("\n") == 1


def test_removing_a_worktree_whose_folder_is_already_gone_drops_only_its_own_entry(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / "f.txt").write_text("f\n")
    _git(repo, "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    head = _git(repo, "rev-parse", "HEAD").strip()
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    add_worktree(repo, head, mine)
    add_worktree(repo, head, theirs)
    shutil.rmtree(mine)
    shutil.rmtree(theirs)  # someone else's stale entry: not ours to prune
    remove_worktree(repo, mine)
    listing = _git(repo, "worktree", "list")
    assert str(mine) not in listing and str(theirs) in listing


def test_a_scenario_given_as_exact_json_text_is_sent_to_the_cli_as_that_text_and_one_without_input_is_refused(
        tmp_path):
    scenarios = tmp_path / "tests" / "scenarios"
    scenarios.mkdir(parents=True)
    (scenarios / "a.yaml").write_text(
        '- name: text\n  input_json: \'{"income_6m": 1000.100}\'\n- name: data\n  input: {"household_size": 3}\n',
        encoding="utf-8")
    cases = scenario_cases(tmp_path)
    assert cases["a.yaml #0 text [json]"].stdin == b'{"income_6m": 1000.100}'  # as written, not 1000.1
    assert cases["a.yaml #1 data [text]"].stdin == b'{"household_size": 3}'
    (scenarios / "b.yaml").write_text("- name: nothing\n", encoding="utf-8")
    with pytest.raises(SideError, match="b.yaml 第 1 项没有 input"):
        scenario_cases(tmp_path)
