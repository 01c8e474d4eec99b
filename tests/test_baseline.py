"""Baseline: record today's findings, then see only new ones."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from helpers import ROOT, seed


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "linter", *args], capture_output=True, cwd=ROOT)


def test_baseline_round_trip(tmp_path, seeds_dir):
    report = tmp_path / "r.txt"
    shutil.copy(seed("001"), report)
    baseline = tmp_path / "baseline.json"
    written = _cli("check", "--isolated", "--write-baseline", str(baseline), str(report))
    assert written.returncode == 0
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    assert recorded["schema"] == "xxgk-lint.baseline/1" and len(recorded["findings"]) >= 3

    again = _cli("check", "--isolated", "--format", "json", "--baseline", str(baseline), str(report))
    assert again.returncode == 0
    assert json.loads(again.stdout)["files"][0]["diagnostics"] == []

    # Insert lines at the top (every finding moves) and change one number of table 三.
    text = report.read_text(encoding="utf-8")
    lines = text.split("\n")
    row = next(i for i, line in enumerate(lines) if line.startswith("一、本年新收政府信息公开申请数量"))
    cells = lines[row].split("\t")
    first_value = next(i for i, cell in enumerate(cells) if cell.strip().isdigit())
    cells[first_value] = str(int(cells[first_value]) + 1)
    lines[row] = "\t".join(cells)
    report.write_text("\n\n" + "\n".join(lines), encoding="utf-8")
    new = _cli("check", "--isolated", "--format", "json", "--baseline", str(baseline), str(report))
    findings = json.loads(new.stdout)["files"][0]["diagnostics"]
    assert findings, "the changed number must surface"
    assert {d["code"] for d in findings} <= {"ARI001", "ARI002"}
    # each new finding involves the changed cell (two lines were inserted above it)
    assert all(any(cell["line"] == row + 3 for cell in d["data"]["cells"]) for d in findings)


def test_a_broken_baseline_file_is_a_usage_error(tmp_path, seeds_dir):
    bad = tmp_path / "baseline.json"
    bad.write_text("not json", encoding="utf-8")
    result = _cli("check", "--baseline", str(bad), str(seed("003")))
    assert result.returncode == 2 and "基线文件" in result.stderr.decode()


def test_baseline_holds_across_path_spellings_and_never_hides_an_unreadable_file(tmp_path, seeds_dir):
    import os

    shutil.copy(seed("001"), tmp_path / "r.txt")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    baseline = tmp_path / "baseline.json"
    _cli("check", "--isolated", "--write-baseline", str(baseline), str(tmp_path))
    relative = subprocess.run([sys.executable, "-m", "linter", "check", "--isolated", "--format", "json",
                               "--baseline", str(baseline), "."], capture_output=True, cwd=tmp_path,
                              env=dict(os.environ, PYTHONPATH=str(ROOT)))
    files = {f["path"].rsplit("/", 1)[-1]: f for f in json.loads(relative.stdout)["files"]}
    assert files["r.txt"]["diagnostics"] == []  # typed differently, still known
    assert [d["code"] for d in files["bad.txt"]["diagnostics"]] == ["PRS001"]  # never hidden
