"""The Gitee Go pipeline (.workflow/check.yml) runs the same scripts/check as the GitHub workflow, on every pull
request, with Python 3.11 and Node 20. Gitee Go cannot run here: its YAML is parsed and its essentials checked."""

from __future__ import annotations

import re

import yaml
from conftest import ROOT

PIPELINE = ROOT / ".workflow" / "check.yml"


def _pipeline() -> dict:
    return yaml.safe_load(PIPELINE.read_text(encoding="utf-8"))


def _steps(pipeline: dict) -> list[dict]:
    return [step for stage in pipeline["stages"] for step in stage["steps"]]


def test_the_pipeline_is_gitee_go_yaml_version_1_0_with_a_name_and_stages():
    pipeline = _pipeline()
    assert pipeline["version"] == "1.0"
    assert re.fullmatch(r"[a-z0-9_-]+", pipeline["name"])
    assert all({"name", "displayName", "steps"} <= set(stage) for stage in pipeline["stages"])
    assert all({"step", "name", "displayName", "commands"} <= set(step) for step in _steps(pipeline))


def test_every_pull_request_triggers_it_whatever_its_target_branch():
    triggers = _pipeline()["triggers"]
    assert triggers["trigger"] == "auto"
    assert triggers["pr"]["branches"]["prefix"] == [""]  # an empty prefix matches every target branch
    assert triggers["push"]["branches"]["precise"] == ["main"]


def test_it_runs_scripts_check_with_python_3_11_and_node_20():
    steps = _steps(_pipeline())
    assert [s["step"] for s in steps] == ["build@python"]
    assert steps[0]["pythonVersion"] == "3.11"
    commands = steps[0]["commands"]
    assert commands[-1].endswith("bash scripts/check")
    assert 'export PATH="/tmp/node/bin:$PATH"' in commands[-1]
    node = next(c for c in commands if "node-v" in c)
    assert re.search(r"/node/v20\.[0-9]+\.[0-9]+/node-v20\.[0-9]+\.[0-9]+-linux-x64\.tar\.xz", node)


def test_the_github_workflow_and_the_gitee_pipeline_run_the_same_check():
    github = (ROOT / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8")
    assert "run: bash scripts/test" in github
    assert "bash scripts/check" in (ROOT / "scripts" / "test").read_text(encoding="utf-8")
    assert "python-version: \"3.11\"" in github and "node-version: \"20\"" in github
