"""Per-file budgets and supervised workers (linter.batch): a file that hangs,
eats memory or kills its worker costs only its own record."""
from __future__ import annotations

import os
import signal
import sys
import time

import pytest

from linter.batch import Budget, check_bounded, lint_ordered
from linter.engine import FileResult, lint_bytes, progress

from helpers import seed

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork, /proc and RLIMIT_AS are Linux's")


def _clean(path: str) -> FileResult:
    return FileResult(path)


def _spin(path: str) -> FileResult:
    progress.stage = "规则 XYZ001"
    while True:  # a pure-Python loop: the alarm interrupts it
        pass


def _greedy(path: str) -> FileResult:
    hoard = []
    while True:
        hoard.append(bytearray(64 * 1024 * 1024))


def _misbehaving(path: str) -> FileResult:
    """What a hostile file might do to the process checking it, by name."""
    name = os.path.basename(path)
    if name.startswith("kill"):
        os.kill(os.getpid(), signal.SIGKILL)
    if name.startswith("stuck"):  # stuck where no alarm reaches (say, in C code)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    if name.startswith("greedy"):
        return _greedy(path)
    return FileResult(path, era="2021")


def _only(result: FileResult) -> str:
    assert len(result.diagnostics) == 1, result.diagnostics
    return result.diagnostics[0].code


def test_a_file_over_its_time_budget_gets_a_record_naming_how_far_it_got():
    result = check_bounded("a.txt", _spin, Budget(seconds=0.3))
    assert _only(result) == "PRS005"
    finding = result.diagnostics[0]
    assert finding.data["limit"] == "time" and finding.data["stage"] == "规则 XYZ001"
    assert "检查超时" in finding.message and "规则 XYZ001" in finding.message
    assert finding.severity == "error" and finding.provenance == "extraction"
    assert result.status == "error"


@linux
def test_a_file_over_its_memory_budget_gets_a_record_and_the_process_goes_on():
    result = check_bounded("a.txt", _greedy, Budget(seconds=30, memory_mb=256))
    assert _only(result) == "PRS005" and result.diagnostics[0].data["limit"] == "memory"
    assert "内存" in result.diagnostics[0].message
    # the limit is lifted afterwards: a large allocation works again
    assert len(bytearray(512 * 1024 * 1024)) == 512 * 1024 * 1024


def test_the_budget_does_not_touch_an_ordinary_report(seeds_dir):
    data = seed("000").read_bytes()
    bounded = check_bounded("000.txt", lambda name: lint_bytes(data, name), Budget())
    assert [d.code for d in bounded.diagnostics] == [d.code for d in lint_bytes(data, "000.txt").diagnostics]
    assert bounded.diagnostics and "PRS005" not in {d.code for d in bounded.diagnostics}


def test_serial_runs_keep_going_after_a_file_over_budget():
    results = list(lint_ordered(["a.txt", "b.txt"], lambda p: _spin(p) if p == "a.txt" else _clean(p),
                                lambda p: Budget(seconds=0.3), jobs=1))
    assert [r.path for r in results] == ["a.txt", "b.txt"]
    assert _only(results[0]) == "PRS005" and results[1].diagnostics == []


@linux
def test_a_worker_killed_or_stuck_costs_only_its_file():
    paths = [f"ok{k:02d}.txt" for k in range(12)]
    paths[3], paths[7], paths[9] = "kill-9.txt", "stuck.txt", "greedy.txt"
    results = list(lint_ordered(paths, _misbehaving, lambda p: Budget(seconds=0.5, memory_mb=256), jobs=2))
    assert [r.path for r in results] == paths  # every file, in order
    by_path = {r.path: r for r in results}
    killed = by_path["kill-9.txt"].diagnostics[0]
    assert killed.code == "PRS005" and killed.data["limit"] == "crash" and "信号 9" in killed.message
    stuck = by_path["stuck.txt"].diagnostics[0]
    assert stuck.code == "PRS005" and stuck.data["limit"] == "time" and "终止" in stuck.message
    assert by_path["greedy.txt"].diagnostics[0].data["limit"] in ("memory", "crash")
    assert all(by_path[p].era == "2021" and not by_path[p].diagnostics for p in paths if p.startswith("ok"))
