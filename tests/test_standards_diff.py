"""scripts/standards-diff tells a reviewer what a pull request does to standards/, and the CI files run it.

Each test makes a temporary git repository holding a copy of the real ``standards/`` directory (with a fixed
蒙自市 file, so that the figures asserted here do not move when the real data is updated), commits it as the base,
commits one change as the head, and runs ``scripts/standards-diff BASE HEAD`` as CI does. The commit dates are
fixed: the "far in the future" flag is judged against the head commit's date, never against today.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable
DIFF = str(ROOT / "scripts" / "standards-diff")
VALIDATE = str(ROOT / "scripts" / "validate-standards")
BASE_DATE = "2026-06-01T10:00:00+08:00"
HEAD_DATE = "2026-06-25T10:00:00+08:00"
MENGZI_FILE = "standards/532503-mengzi.yaml"

MENGZI = """\
# 蒙自市 城乡最低生活保障标准（测试用的固定副本）

county:
  code: "532503"
  name: 蒙自市

dibao:
  urban:
    unit: 元/人·月
    values:
      - effective: 2025-07-01
        amount: 744
        status: unverified
        source:
          document: 蒙自市2025年度社会救助工作总结（市政府网站）
          issuer: 蒙自市人民政府
          note: 报告称2025年末城市低保标准为744元/人·月。
  rural:
    unit: 元/人·年
    values:
      - effective: 2025-07-01
        amount: 6720
        status: unverified
        source:
          document: 蒙自市2025年度社会救助工作总结（市政府网站）
          issuer: 蒙自市人民政府
          note: 报告称2025年末农村低保标准为6720元/人·年。
"""
URBAN_2025 = """\
      - effective: 2025-07-01
        amount: 744
        status: unverified
        source:
          document: 蒙自市2025年度社会救助工作总结（市政府网站）
          issuer: 蒙自市人民政府
          note: 报告称2025年末城市低保标准为744元/人·月。
"""
NOTICE_2026 = "蒙自市民政局关于提高2026年城乡低保标准的通知"


def urban_value(effective: str, amount: str, *, published: str | None = "2026-06-20", note: str | None = None) -> str:
    """A new urban value for the 蒙自市 file, with a proper source."""
    text = (f"      - effective: {effective}\n        amount: {amount}\n        status: verified\n        source:\n"
            f"          document: {NOTICE_2026}\n          issuer: 蒙自市民政局\n")
    if published:
        text += f"          published: {published}\n"
    if note:
        text += f"          note: {note}\n"
    return text


class StandardsRepo:
    """A temporary git repository with a copy of standards/: edit, commit, run the report."""

    def __init__(self, path: Path):
        self.path = path

    def git(self, *args: str, date: str = BASE_DATE) -> None:
        env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_CONFIG_NOSYSTEM": "1"}
        subprocess.run(["git", "-c", "user.name=测试", "-c", "user.email=test@example.invalid",
                        "-c", "commit.gpgsign=false", *args], cwd=self.path, env=env, check=True,
                       capture_output=True)

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.path / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    def add_urban(self, value: str) -> None:
        self.edit(MENGZI_FILE, "  rural:\n", value + "  rural:\n")

    def commit(self, message: str = "head", date: str = HEAD_DATE) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message, date=date)

    def diff(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        argv = list(args) or ["--repo", str(self.path), "HEAD~1", "HEAD"]
        result = subprocess.run([PYTHON, DIFF, *argv], cwd=cwd or ROOT, capture_output=True, text=True, timeout=120)
        assert "Traceback" not in result.stdout + result.stderr, result.stdout + result.stderr
        return result

    def report(self) -> str:
        result = self.diff()
        assert result.returncode == 0, result.stderr
        return result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> StandardsRepo:
    shutil.copytree(ROOT / "standards", tmp_path / "standards")
    (tmp_path / MENGZI_FILE).write_text(MENGZI, encoding="utf-8")
    repo = StandardsRepo(tmp_path)
    repo.git("init", "-q", "-b", "main")
    repo.commit("base", date=BASE_DATE)
    return repo


def flags_of(report: str) -> list[str]:
    """The numbered flag sentences of a report."""
    if "## ⚠️ 请审核人特别注意" not in report:
        return []
    section = report.split("## ⚠️ 请审核人特别注意", 1)[1].split("\n## ", 1)[0]
    return [re.sub(r"^\d+\. ", "", line) for line in section.splitlines() if re.match(r"^\d+\. ", line)]


# --------------------------------------------------------------------------- the clean case


def test_a_clean_new_year_update_lists_the_new_value_and_its_effect_on_the_reference_households_without_flags(repo):
    repo.add_urban(urban_value("2026-07-01", "770"))
    repo.commit()
    report = repo.report()
    row = (f"| 蒙自市（532503） | 城市低保标准 | 2026-07-01 | 新增 | 744 → 770 元/人·月 | +3.5 % | "
           f"{NOTICE_2026}（2026-06-20 发布；已核实） |")
    assert row in report
    assert flags_of(report) == []
    assert "## 需要特别注意的地方\n\n没有。" in report
    assert "❌" not in report
    effect = report.split("### 蒙自市（532503）：2026-07-01", 1)[1]
    # single cap 3 × 744 × 12 → 3 × 770 × 12; yearly total 6 × …; the township limit of the day is unchanged
    # (it uses 31 December of the year before), the one of 1 January 2027 uses 770.
    assert "| 城市三口之家，6 个月收入 12000 元，自付医疗 3000 元（支出型） | 744.00 → 770.00 | 是 | " \
           "26784.00 → 27720.00 | 53568.00 → 55440.00 | 4464.00 |" in effect
    assert ("次年 1 月 1 日（2027-01-01）起的乡镇审批额度按 2026-12-31 的城市低保年标准计算："
            "4464.00 → 4620.00 元。") in effect
    assert "比较 `HEAD~1`" in report and "提交日期 2026-06-25" in report


def test_the_report_reads_the_repository_of_the_current_directory_when_no_repo_is_given(repo):
    repo.add_urban(urban_value("2026-07-01", "770"))
    repo.commit()
    result = repo.diff("HEAD~1", "HEAD", cwd=repo.path)
    assert result.returncode == 0, result.stderr
    assert "744 → 770 元/人·月 | +3.5 %" in result.stdout


def test_a_change_that_touches_no_value_says_so(repo):
    (repo.path / "README.txt").write_text("不是标准文件\n", encoding="utf-8")
    repo.commit()
    report = repo.report()
    assert "`standards/` 中的数值没有改动。" in report
    assert "## 改动的数值" not in report


# --------------------------------------------------------------------------- one test per flag


def test_a_jump_of_more_than_30_percent_is_flagged_with_both_figures(repo):
    repo.add_urban(urban_value("2026-07-01", "1000"))
    repo.commit()
    report = repo.report()
    assert "| 744 → 1000 元/人·月 | +34.4 % |" in report
    assert flags_of(report) == [
        "蒙自市（532503）城市低保标准：2026-07-01 起的 1000 元/人·月 比上一段（2025-07-01 起 744 元/人·月）"
        "提高 34.4 %，变动超过 30 %。请对照原文核对金额、单位和生效日期。"
    ]


def test_a_figure_below_the_provincial_floor_is_flagged_and_the_validator_error_heads_the_report(repo):
    repo.add_urban(urban_value("2026-07-01", "740"))
    repo.commit()
    report = repo.report()
    assert report.index("## ❌ 数据检查没有通过（1 个错误）") < report.index("## ⚠️")
    assert (f"- `{MENGZI_FILE}:19`：城市低保标准 740 元/人·月 低于 2025-07-01 起执行的云南省指导标准 744 元/人·月。"
            in report)
    assert flags_of(report) == [
        "蒙自市（532503）城市低保标准：2026-07-01 起的 740 元/人·月 低于当日执行的云南省指导标准 744 元/人·月"
        "（2025-07-01 起）。县市标准不得低于同期省级标准，测算会改按省级标准：请核对金额和生效日期。"
    ]
    # The calculator keeps using the floor (744), so the reference households do not change.
    assert "### 蒙自市（532503）：2026-07-01\n\n参考家庭的测算结果不变。" in report


def test_an_effective_date_before_the_documents_publication_date_is_flagged(repo):
    repo.add_urban(urban_value("2026-01-01", "760", published="2026-03-10"))
    repo.commit()
    report = repo.report()
    assert flags_of(report) == [
        f"蒙自市（532503）城市低保标准：生效日期 2026-01-01 早于文件的发布日期 2026-03-10（{NOTICE_2026}）。"
        "请核对两个日期是否写错、写反；如果文件确实规定追溯执行，请在 source.note 中写明。"
    ]


def test_an_effective_date_more_than_12_months_after_the_head_commit_is_flagged(repo):
    repo.add_urban(urban_value("2027-07-01", "770"))
    repo.commit(date=HEAD_DATE)
    report = repo.report()
    assert flags_of(report) == [
        "蒙自市（532503）城市低保标准：生效日期 2027-07-01 比本次提交的日期 2026-06-25 晚 12 个月以上。"
        "请核对年份是否写错。"
    ]


def test_an_effective_date_exactly_12_months_after_the_head_commit_is_not_flagged(repo):
    repo.add_urban(urban_value("2027-06-25", "770"))
    repo.commit(date=HEAD_DATE)
    assert flags_of(repo.report()) == []


def test_a_monthly_annual_mix_up_is_flagged_with_the_validators_explanation_and_not_as_a_jump(repo):
    repo.add_urban(urban_value("2026-07-01", "9240"))
    repo.commit()
    report = repo.report()
    flags = flags_of(report)
    assert len(flags) == 1
    assert flags[0].startswith("蒙自市（532503）城市低保标准（2026-07-01 起）："
                               "城市低保标准的单位是 元/人·月，9240 这个数像是年标准")
    assert "月标准是 9240 ÷ 12 ≈ 770.00 元" in flags[0]
    assert "❌ 数据检查没有通过" in report


def test_a_rural_figure_entered_per_month_is_flagged(repo):
    repo.edit(MENGZI_FILE, "          note: 报告称2025年末农村低保标准为6720元/人·年。\n",
              "          note: 报告称2025年末农村低保标准为6720元/人·年。\n"
              "      - effective: 2026-07-01\n        amount: 580\n        status: verified\n        source:\n"
              f"          document: {NOTICE_2026}\n          issuer: 蒙自市民政局\n")
    repo.commit()
    flags = flags_of(repo.report())
    assert len(flags) == 1
    assert "580 这个数像是月标准" in flags[0] and "请填年标准 580 × 12 = 6960 元" in flags[0]


def test_an_edited_past_value_without_a_reason_is_flagged(repo):
    repo.edit(MENGZI_FILE, "        amount: 744\n", "        amount: 745\n")
    repo.commit()
    report = repo.report()
    assert "| 蒙自市（532503） | 城市低保标准 | 2025-07-01 | 修改（金额） | 744 → 745 元/人·月 | +0.1 % |" in report
    assert flags_of(report) == [
        "蒙自市（532503）城市低保标准：修改了已有的 2025-07-01 起的数据（金额），但没有说明原因。"
        "修改历史数据必须在这一条的 source.note 中写明“更正：……”（为什么改、依据什么）。"
    ]


def test_an_edited_past_value_with_a_correction_note_is_listed_but_not_flagged(repo):
    repo.edit(MENGZI_FILE, "        amount: 744\n", "        amount: 745\n")
    repo.edit(MENGZI_FILE, "          note: 报告称2025年末城市低保标准为744元/人·月。\n",
              "          note: 更正：原录入744元有误，蒙自市民政局通知原文为745元/人·月。\n")
    repo.commit()
    report = repo.report()
    assert "| 2025-07-01 | 修改（金额、来源），已说明更正原因 | 744 → 745 元/人·月 | +0.1 % |" in report
    assert flags_of(report) == []


def test_an_old_correction_note_does_not_excuse_a_new_edit(repo):
    repo.edit(MENGZI_FILE, "          note: 报告称2025年末城市低保标准为744元/人·月。\n",
              "          note: 更正：补充来源说明。\n")
    repo.commit("first correction")
    repo.edit(MENGZI_FILE, "        amount: 744\n", "        amount: 746\n")
    repo.commit("second edit")
    flags = flags_of(repo.report())
    assert len(flags) == 1 and "修改了已有的 2025-07-01 起的数据（金额），但没有说明原因" in flags[0]


def test_a_deleted_past_value_is_flagged(repo):
    repo.edit(MENGZI_FILE, URBAN_2025, "")
    repo.edit(MENGZI_FILE, "    unit: 元/人·月\n    values:\n", "    unit: 元/人·月\n    values: []\n")
    repo.commit()
    report = repo.report()
    assert "| 蒙自市（532503） | 城市低保标准 | 2025-07-01 | 删除 | 744 元/人·月 → （无，按省级标准） | — |" in report
    assert flags_of(report) == [
        "蒙自市（532503）城市低保标准：删除了已有的 2025-07-01 起的数据（744 元/人·月），没有说明原因。"
        "历史数据不要删除；如果它确实是错的，请改正这一条，并在它的 source.note 中写明“更正：……”。"
    ]


def test_a_value_moved_to_another_date_with_a_correction_note_is_not_flagged(repo):
    repo.edit(MENGZI_FILE, URBAN_2025, urban_value("2025-06-01", "744", published=None,
                                                   note="更正：原文规定自2025年6月1日起执行，原录入的日期有误。"))
    repo.commit()
    report = repo.report()
    assert "| 2025-06-01 | 新增 |" in report and "| 2025-07-01 | 删除，已说明更正原因 |" in report
    assert flags_of(report) == []


# --------------------------------------------------------------------------- other files and failures


def test_a_prefecture_parameter_change_is_assessed_in_every_county_with_equal_results_grouped(repo):
    repo.edit("standards/honghe-prefecture.yaml", """  year_total_multiple:""", """\
      - effective: 2026-07-01
        value: 4
        status: verified
        source:
          document: 红民社救〔2026〕1号
          issuer: 红河州民政局、红河州财政局
          note: 测试用的假想文件。
  year_total_multiple:""")
    repo.commit()
    report = repo.report()
    assert ("| 州级参数 | 单次救助金额上限（当地城市低保年标准的倍数） | 2026-07-01 | 新增 | 3 → 4 倍 | +33.3 % |"
            in report)
    assert "2026-07-01 的改动涉及全州" in report
    # 3 × 744 × 12 → 4 × 744 × 12, in all 13 counties (all on 744 that day: the floor or their own figure).
    assert "### 全州 13 个县市（结果相同）：2026-07-01" in report
    assert "26784.00 → 35712.00" in report


def test_a_local_township_limit_is_listed_and_its_effect_shown(repo):
    (repo.path / MENGZI_FILE).write_text(MENGZI + """
local:
  township_limit:
    - effective: 2026-01-01
      status: verified
      basis: fixed
      amount: 5000
      source: {document: 蒙自市临时救助实施细则, issuer: 蒙自市民政局, published: 2025-12-20}
""", encoding="utf-8")
    repo.commit()
    report = repo.report()
    assert ("| 蒙自市（532503） | 乡镇审批额度 | 2026-01-01 | 新增 | （未规定，按州级规定） → 固定 5000 元 | — |"
            in report)
    assert "| 4464.00 → 5000.00 |" in report
    assert flags_of(report) == []


def test_a_file_that_no_longer_parses_is_reported_with_the_validators_message_not_a_traceback(repo):
    repo.edit(MENGZI_FILE, "        amount: 744\n", "\tamount: 744\n")
    repo.commit()
    report = repo.report()
    assert "## ❌ 数据检查没有通过" in report
    assert f"- `{MENGZI_FILE}:12`：这一行用了制表符（Tab）缩进。YAML 只能用空格缩进：请把 Tab 换成空格。" in report
    if "## ⚠️ 请审核人特别注意" not in report:  # an error stands: the heading never says “没有”
        assert "## 需要特别注意的地方\n\n先改正上面的" in report
    assert "## 需要特别注意的地方\n\n没有" not in report


def test_a_value_written_wrongly_is_listed_as_written_and_broken_data_is_not_assessed(repo):
    repo.add_urban(urban_value("2026/07/01", "770"))
    repo.commit()
    report = repo.report()
    assert "生效日期“2026/07/01”的写法不对：要写成 年-月-日，月和日都写两位数。请写成 2026-07-01。" in report
    assert "| 2026/07/01 | 新增 | （无） → “770” 元/人·月（写法有误，见上面的错误） | — |" in report
    assert "改动后（HEAD）的数据有错误或不完整，无法测算参考家庭。请先改正上面的错误。" in report


def test_an_unknown_revision_exits_1_and_wrong_usage_exits_2(repo):
    result = repo.diff("--repo", str(repo.path), "no-such-branch", "HEAD")
    assert result.returncode == 1
    assert "找不到版本“no-such-branch”" in result.stderr
    assert repo.diff("--repo", str(repo.path), "HEAD").returncode == 2
    outside = repo.path / "standards"  # inside the repository: fine; a directory outside any repository is not
    assert repo.diff("--repo", str(outside), "HEAD", "HEAD").returncode == 0
    not_a_repo = repo.path.parent / "not-a-repo"
    not_a_repo.mkdir()
    result = repo.diff("--repo", str(not_a_repo), "HEAD", "HEAD")
    assert result.returncode == 1 and "不在一个 git 仓库中" in result.stderr


# --------------------------------------------------------------------------- CI files and the clerk's guide


def test_the_workflow_is_valid_yaml_and_runs_scripts_test_and_the_standards_report():
    """GitHub Actions cannot run here: the workflow's YAML is parsed and its essentials are checked."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    uses = {step["uses"] for step in steps if "uses" in step}
    assert {"actions/checkout@v4", "actions/setup-python@v5", "actions/setup-node@v4"} <= uses
    assert all(re.search(r"@v\d+$", u) for u in uses)
    assert any(step.get("with", {}).get("python-version") == "3.11" for step in steps)
    assert any(str(step.get("with", {}).get("node-version")) == "20" for step in steps)
    assert any(step.get("with", {}).get("fetch-depth") == 0 for step in steps)
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "scripts/test" in runs and "fonts-noto-cjk" in runs
    assert 'scripts/standards-diff "origin/$BASE_REF" HEAD >> "$GITHUB_STEP_SUMMARY"' in runs
    assert all(job.get("runs-on") == "ubuntu-latest" for job in workflow["jobs"].values())


def test_the_pull_request_template_is_a_chinese_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for words in ("县市", "文号", "生效日期", "单位", "source", "报告", "更正"):
        assert words in text
    assert text.count("- [ ]") >= 6


def test_the_messages_quoted_in_contributing_are_the_validators_real_messages():
    """Every message in CONTRIBUTING.md's table (first column; “……” marks an omission) is printed by the
    validator: the errors for one of the bad fixtures, the reminder for 弥勒市's 2018 figures."""
    def validate(*args: str) -> str:
        result = subprocess.run([PYTHON, VALIDATE, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert "Traceback" not in result.stdout
        return result.stdout

    output = validate("tests/fixtures/standards/") + validate("--today", "2026-11-29", "standards/532504-mile.yaml")
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = text.split("<!-- messages -->", 1)[1].split("\n## ", 1)[0]
    cells = [line.split(" | ")[0].lstrip("| ") for line in table.splitlines() if re.match(r"^\| (错误|提醒)：", line)]
    assert len(cells) >= 20
    for cell in cells:
        label, message = cell.split("：", 1)
        for part in message.strip("`").split("……"):
            printed = any(f"{label}：" in line and part.strip() in line for line in output.splitlines())
            assert printed, f"{label}：{part!r} is not printed by scripts/validate-standards"


def test_the_worked_example_in_contributing_passes_the_validator(tmp_path):
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = text.split("<!-- example: standards/532501-gejiu.yaml -->", 1)[1]
    example = block.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert "published" not in example.replace("故不填 published", "") and "url:" not in example
    path = tmp_path / "532501-gejiu.yaml"
    path.write_text(example, encoding="utf-8")
    result = subprocess.run([PYTHON, VALIDATE, str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1] == "共检查 1 个文件：没有错误。"


# --------------------------------------------------------------------------- bounds, parameters, local rules


def _heading_of(report: str) -> str:
    """The report from the flags' (or “需要特别注意的地方”) heading on."""
    start = report.index("## ⚠️ 请审核人特别注意" if "## ⚠️ 请审核人特别注意" in report else "## 需要特别注意的地方")
    return report[start:].split("\n## ", 1)[0]


def test_the_careless_single_cap_multiple_of_300_is_an_error_and_flagged_and_never_under_a_heading_saying_none(repo):
    repo.edit("standards/honghe-prefecture.yaml", "  single_cap_multiple:\n", "  single_cap_multiple:\n")
    path = repo.path / "standards" / "honghe-prefecture.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("  single_cap_multiple:")
    path.write_text(text[:at] + text[at:].replace("        value: 3\n", "        value: 300\n", 1), encoding="utf-8")
    repo.commit()
    report = repo.report()
    assert "## ❌ 数据检查没有通过" in report
    assert "单次救助上限的倍数 300 倍 超出合理范围 (0, 12] 倍" in report
    flags = flags_of(report)
    subject = "州级参数“单次救助金额上限（当地城市低保年标准的倍数）”"
    assert any(f.startswith(f"{subject}：修改 2019-01-01 起的值（3 倍 → 300 倍）") for f in flags), flags
    assert any("比改动前的 3 倍 变动 +9900.0 %，超过 30 %" in f for f in flags), flags
    assert _heading_of(report).startswith("## ⚠️ 请审核人特别注意")
    assert "## 需要特别注意的地方\n\n没有" not in report


def test_a_prefecture_parameter_change_within_its_bounds_is_still_flagged(repo):
    repo.edit("standards/honghe-prefecture.yaml", "  cash_max:", """\
      - effective: 2026-07-01
        value: 1200
        status: verified
        source:
          document: 红民社救〔2026〕1号
          issuer: 红河州民政局、红河州财政局
          note: 测试用的假想文件。
  cash_max:""")  # appended to the values of light_emergency_max, the parameter before cash_max
    repo.commit()
    flags = flags_of(repo.report())
    assert len(flags) == 1, flags
    assert "新增 2026-07-01 起的值（1000 元 → 1200 元）" in flags[0]
    assert "州级参数改变全州每一户的测算结果" in flags[0]


def local_limit(amount: str, note: str = "细则第5条") -> str:
    """A ``local:`` part for the 蒙自市 file: a fixed township limit from 2026-01-01."""
    return f"""
local:
  township_limit:
    - effective: 2026-01-01
      status: verified
      basis: fixed
      amount: {amount}
      source: {{document: 蒙自市临时救助实施细则, issuer: 蒙自市民政局, published: 2025-12-20, note: {note}}}
"""


def test_a_local_township_limit_raised_by_more_than_30_percent_is_flagged(repo):
    (repo.path / MENGZI_FILE).write_text(MENGZI + local_limit("5000"), encoding="utf-8")
    repo.commit("base 2")
    (repo.path / MENGZI_FILE).write_text(MENGZI + local_limit("6501", "更正：原文为6501元"),
                                         encoding="utf-8")
    repo.commit()
    flags = flags_of(repo.report())
    assert flags == ["蒙自市（532503）乡镇审批额度：2026-01-01 起的 固定 6501 元 比改动前的 固定 5000 元 变动 +30.0 %，"
                     "超过 30 %。请对照原文核对。"]


def test_a_local_township_limit_raised_by_exactly_30_percent_is_not_flagged(repo):
    (repo.path / MENGZI_FILE).write_text(MENGZI + local_limit("5000"), encoding="utf-8")
    repo.commit("base 2")
    (repo.path / MENGZI_FILE).write_text(MENGZI + local_limit("6500", "更正：原文为6500元"),
                                         encoding="utf-8")
    repo.commit()
    assert flags_of(repo.report()) == []


def test_a_validator_reminder_new_at_head_is_flagged_and_the_careless_446400_limit_is_an_error(repo):
    (repo.path / MENGZI_FILE).write_text(MENGZI + local_limit("9000"), encoding="utf-8")
    repo.commit()
    report = repo.report()
    assert "❌" not in report
    flags = flags_of(report)
    assert len(flags) == 1 and flags[0].startswith(f"检查提醒（{MENGZI_FILE}:")
    assert "固定的乡镇审批额度 9000 元超过按州级规定计算的额度" in flags[0]

    (repo.path / MENGZI_FILE).write_text(MENGZI + local_limit("446400"), encoding="utf-8")
    repo.commit("446400")
    report = repo.report()
    assert "## ❌ 数据检查没有通过" in report
    assert "固定的乡镇审批额度 446400 元高于 2026-01-01 时1年内累计救助的上限 6 × 744 × 12 = 53568 元" in report
    assert _heading_of(report).startswith("## ⚠️ 请审核人特别注意")
    assert "## 需要特别注意的地方\n\n没有" not in report
