"""Benchmarks for the performance targets (run by hand, not by the test suite).

    python3 benchmarks/bench.py [--reports 2000]

1. in-process lint time of each seed report (median of 30 runs, tool already loaded);
   then the time the compliance rules (SEC, PER, FEE) take per report over the seeds
   and the text/HTML corpus (target: well under 20 ms);
   then reading PDF and Word files: ms per PDF page, ms per .docx (median of 5, readers loaded);
2. wall time of `xxgk-lint check <one file>` including interpreter start (median of 15);
3. throughput of `xxgk-lint check <dir>` on a directory of N reports (copies of the seeds
   and the corpus), reports per second.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def in_process(files: list[Path]) -> None:
    from linter.engine import lint_source
    from linter.source import read_path

    print("1. in-process lint time per report (median of 30 runs)")
    for path in files:
        source = read_path(str(path))
        lint_source(source)
        times = []
        for _ in range(30):
            start = time.perf_counter()
            lint_source(source)
            times.append(time.perf_counter() - start)
        size = len(path.read_bytes())
        print(f"   {path.name:32} {size / 1024:7.1f} KB  {statistics.median(times) * 1000:6.2f} ms")


def compliance_rules(files: list[Path]) -> None:
    from linter.engine import parse_source
    from linter.rules import RULES
    from linter.source import read_path

    mine = [rule for rule in RULES if rule.code[:3] in ("SEC", "PER", "FEE")]
    reports = [parse_source(read_path(str(path))) for path in files]
    start = time.perf_counter()
    for report in reports:
        for rule in mine:
            if rule.applies_to(report.era):
                list(rule().check(report))
    per_report = (time.perf_counter() - start) / len(reports)
    print(f"   compliance rules: {per_report * 1000:.2f} ms per report over {len(reports)} reports")


def readers() -> None:
    from linter.source import read_path

    documents = [SHARED / "corpus" / "046.pdf"] + sorted((SHARED / "corpus" / "derived").glob("*.*"))
    for path in documents:
        if path.suffix not in (".pdf", ".docx"):
            continue
        read_path(str(path))
        times = []
        for _ in range(5):
            start = time.perf_counter()
            source = read_path(str(path))
            times.append(time.perf_counter() - start)
        pages = source.text.count("\f") + 1 if path.suffix == ".pdf" else 1
        unit = f"{statistics.median(times) * 1000 / pages:6.1f} ms/page ({pages} pages)" if path.suffix == ".pdf" \
            else f"{statistics.median(times) * 1000:6.1f} ms/file"
        print(f"   read {path.name:12} {unit}")


def _median_wall(command: list[str], runs: int) -> float:
    subprocess.run(command, capture_output=True)  # warm the grammar cache, the .pyc files and the page cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def console_script() -> list[str]:
    """The installed ``xxgk-lint`` beside this interpreter (a version manager's
    shim found first on PATH would add its own start-up), else ``-m linter``."""
    beside = Path(sys.executable).with_name("xxgk-lint")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("xxgk-lint")
    return [found] if found else [sys.executable, "-m", "linter"]


def one_file_wall(path: Path, runs: int = 15) -> None:
    """Start-up side by side (issue 14's targets): one report ≤ 1.5 × `import lark`,
    `--version` ≤ 1.2 × `python -c pass` + 10 ms; and the first run on a machine
    (an empty cache: the grammar's analysis, patterns and dataclass methods are
    made and kept)."""
    tool = console_script()
    bare = _median_wall([sys.executable, "-c", "pass"], runs)
    lark = _median_wall([sys.executable, "-c", "import lark"], runs)
    version = _median_wall(tool + ["--version"], runs)
    check = _median_wall(tool + ["check", str(path)], runs)
    print(f"2. start-up, median wall of {runs}: python -c pass {bare * 1000:.0f} ms, import lark {lark * 1000:.0f} ms, "
          f"xxgk-lint --version {version * 1000:.0f} ms ({version / bare:.2f}× pass), "
          f"xxgk-lint check {path.name} {check * 1000:.0f} ms ({check / lark:.2f}× import lark)")
    firsts = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as cache:
            start = time.perf_counter()
            subprocess.run(tool + ["check", str(path)], capture_output=True,
                           env=dict(os.environ, XXGK_LINT_CACHE_DIR=cache))
            firsts.append(time.perf_counter() - start)
    print(f"   first run with an empty cache: {statistics.median(firsts) * 1000:.0f} ms (median of 3)")


def directory(count: int, with_pages: bool) -> None:
    sources = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("0*"))
    if not with_pages:
        sources = [path for path in sources if path.suffix != ".html"]
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(count):
            src = sources[k % len(sources)]
            shutil.copyfile(src, Path(tmp) / f"{k:05d}_{src.name}")
        command = console_script() + ["check", "--format", "json", tmp]
        start = time.perf_counter()
        subprocess.run(command, capture_output=True)
        elapsed = time.perf_counter() - start
    kind = "seeds + corpus incl. its three 90-360 KB web pages" if with_pages else "seeds + corpus text reports"
    print(f"3. directory of {count} reports ({kind}): {elapsed:.2f} s, {count / elapsed:.0f} reports/s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=2000)
    args = parser.parse_args()
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    in_process(seeds + [SHARED / "corpus" / "018.txt", SHARED / "corpus" / "042.html"])
    compliance_rules(seeds + sorted(p for p in (SHARED / "corpus").glob("0*") if p.suffix in (".txt", ".md", ".html")))
    readers()
    one_file_wall(seeds[3])
    directory(args.reports, with_pages=False)
    directory(args.reports, with_pages=True)


if __name__ == "__main__":
    main()
