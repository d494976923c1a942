"""Figures that are well formed but implausible: a future publication date, an effective date years ahead, a
rural annual figure above the urban annual one. Checked through scripts/validate-standards as a clerk runs it."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

MENGZI = (ROOT / "standards" / "532503-mengzi.yaml").read_text(encoding="utf-8")


def validate(tmp_path, text: str, today: str = "2026-11-29"):
    path = tmp_path / "standards" / "532503-mengzi.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate-standards"), "--today", today, str(path)],
                          capture_output=True, text=True, cwd=ROOT)
    return proc, str(path)


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_publication_date_after_today_is_refused_with_its_line(tmp_path):
    issuer = "          issuer: 蒙自市人民政府\n"
    text = MENGZI.replace(issuer, issuer + "          published: 2062-06-20\n", 1)
    proc, path = validate(tmp_path, text)
    assert proc.returncode == 1
    assert f"{path}:{_line_of(text, '2062-06-20')}: 错误：发布日期 2062-06-20 晚于今天（2026-11-29）" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_an_effective_date_more_than_a_year_ahead_is_a_reminder_not_an_error(tmp_path):
    text = MENGZI.replace("effective: 2025-07-01\n        amount: 744", "effective: 2035-07-01\n        amount: 744", 1)
    proc, path = validate(tmp_path, text)
    assert proc.returncode == 0
    line = _line_of(text, "2035-07-01")
    assert f"{path}:{line}: 提醒：生效日期 2035-07-01 比今天（2026-11-29）晚了 12 个月以上" in proc.stdout
    ok = MENGZI.replace("effective: 2025-07-01\n        amount: 744", "effective: 2027-11-29\n        amount: 744", 1)
    proc, _ = validate(tmp_path, ok)  # exactly 12 months ahead: no reminder
    assert "晚了 12 个月以上" not in proc.stdout


def test_a_rural_figure_ten_times_too_large_is_pointed_out(tmp_path):
    text = MENGZI.replace("amount: 6720", "amount: 67200", 1)
    proc, path = validate(tmp_path, text)
    # 67200 > 744 × 12 = 8928: a rural annual standard above the urban annual one
    line = _line_of(text, "67200")
    assert f"{path}:{line}: 提醒：农村低保年标准 67200 元高于同期城市低保年标准（744 × 12 = 8928 元" in proc.stdout
    proc, _ = validate(tmp_path, MENGZI.replace("amount: 6720", "amount: 8928", 1))  # equal: no reminder
    assert "高于同期城市低保年标准" not in proc.stdout
