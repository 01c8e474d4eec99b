"""Batch benchmark (issue 15): a region's worth of reports through the CLI.

    python3 benchmarks/batch.py [--files 20000] [--jobs 1 2] [--audit]

Lays out N reports (hard links to the shared seeds and corpus text reports,
named so that they sort in a mixed order), then for each ``--jobs`` value runs
``xxgk-lint check --format json-lines DIR`` with its output on a pipe and
reports: wall time, reports per second, the time to the first output line,
and the peak resident memory of every process of the run (the parent and each
worker, sampled from /proc every 50 ms), plus the load average before the
run, to say how idle the machine was. With ``--audit`` the same for
``xxgk-lint audit`` (whose last phase, the checks across reports, holds the
facts of every report).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from bench import console_script  # (run as a script: benchmarks/ is on sys.path)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def lay_out(folder: Path, count: int) -> None:
    sources = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("0*.txt"))
    for k in range(count):
        source = sources[k % len(sources)]
        target = folder / f"{(k * 7919) % count:06d}_{source.name}"
        os.link(source, target)


def _tree(pid: int) -> list[int]:
    """The process and its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                parent = int(handle.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo.extend(children.get(current, ()))
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class PeakMemory(threading.Thread):
    """Peak RSS of every process in a tree, and of the tree at once."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peaks, self.total, self.running = pid, {}, 0, True

    def run(self) -> None:
        while self.running:
            now = 0
            for pid in _tree(self.pid):
                rss = _rss_kb(pid)
                now += rss
                self.peaks[pid] = max(self.peaks.get(pid, 0), rss)
            self.total = max(self.total, now)
            time.sleep(0.05)


def measure(command: list[str], count: int, label: str) -> None:
    load = os.getloadavg()[0]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    sampler = PeakMemory(process.pid)
    sampler.start()
    first = None
    lines = 0
    assert process.stdout is not None
    for _ in process.stdout:
        if first is None:
            first = time.perf_counter() - start
        lines += 1
    process.wait()
    elapsed = time.perf_counter() - start
    sampler.running = False
    sampler.join()
    peaks = sorted(sampler.peaks.values(), reverse=True)
    shown = ", ".join(f"{kb / 1024:.0f}" for kb in peaks[:6])
    print(f"{label}: {elapsed:6.1f} s, {count / elapsed:5.0f} reports/s, first output after "
          f"{first if first is not None else float('nan'):.2f} s, {lines} lines; peak RSS per process (MB): {shown}; "
          f"all processes at once {sampler.total / 1024:.0f} MB; load average before {load:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=20000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--audit", action="store_true")
    args = parser.parse_args()
    tool = console_script()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        folder.mkdir()
        lay_out(folder, args.files)
        print(f"{args.files} reports (seeds + corpus text reports, 5-17 KB each), {os.cpu_count()} cores")
        for jobs in args.jobs:
            measure(tool + ["check", "--format", "json-lines", "--jobs", str(jobs), str(folder)], args.files,
                    f"check --jobs {jobs}")
        if args.audit:
            for jobs in args.jobs:
                out = Path(tmp) / f"audit{jobs}"
                measure(tool + ["audit", str(folder), "--output-dir", str(out), "--jobs", str(jobs), "--quiet"],
                        args.files, f"audit --jobs {jobs}")


if __name__ == "__main__":
    main()
