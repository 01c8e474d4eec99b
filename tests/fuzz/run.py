"""The long fuzz run, for release checks (the short one runs in CI, tests/test_fuzz.py).

    python3 tests/fuzz/run.py [--mutants 3000] [--scale 1] [--seed 1] [--keep]

1. the adversarial files of tests/fuzz/hostile.py, each linted by the CLI in a
   process of its own: wall time, peak memory (RSS), exit status, records;
2. mutants of the real reports (seeds, corpus, its PDF and Word copies): byte
   flips, truncations, spliced encodings, control characters, line endings,
   long runs of digits or numerals, deep or broken HTML — all in one directory
   run with --jobs 2; every file must have a record and the JSON must parse.

Prints one line per adversarial file and a summary: inputs, crashes (INT001 or
exit codes other than 0/1), files stopped by their budget (PRS005), the
slowest file and the largest memory. ``--keep`` copies every mutant that
crashed into tests/fuzz/regressions/, where tests/test_fuzz.py runs it from
then on (rename it for what broke once it is fixed).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(HERE))

from hostile import cases  # noqa: E402
from mutate import mutants  # noqa: E402

CLI = [sys.executable, "-m", "linter"]


def _measure(path: Path) -> tuple[float, float, int, int, str]:
    """(seconds, peak MB of this child alone, exit status, records, codes) of one CLI run."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(CLI + ["check", "--format", "json", str(path)], stdout=out,
                                 stderr=subprocess.DEVNULL, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        out.seek(0)
        text = out.read()
    try:
        files = json.loads(text)["files"]
    except ValueError:
        files = []
    codes = ",".join(sorted({d["code"] for f in files for d in f["diagnostics"]}))
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), len(files), codes


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mutants", type=int, default=3000)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="copy crashing mutants to tests/fuzz/regressions/")
    args = parser.parse_args()
    failures = 0
    worst_time, worst_memory = (0.0, ""), (0.0, "")
    with tempfile.TemporaryDirectory() as folder:
        for name, suffix, data in cases(args.scale):
            path = Path(folder) / f"{name}{suffix}"
            path.write_bytes(data)
            seconds, memory, status, records, codes = _measure(path)
            ok = status in (0, 1) and records == 1 and "INT001" not in codes
            failures += not ok
            worst_time = max(worst_time, (seconds, name))
            worst_memory = max(worst_memory, (memory, name))
            print(f"{'ok ' if ok else 'BAD'} {name:20} {len(data) / 1e6:8.2f} MB {seconds:7.2f} s "
                  f"{memory:8.0f} MB peak  exit {status}  records {records}  {codes}")
            path.unlink()
        sources = (sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("0*"))
                   + sorted((SHARED / "corpus" / "derived").glob("*.*")))
        rng = random.Random(args.seed)
        tree = Path(folder) / "mutants"
        tree.mkdir()
        count = 0
        for count, (name, data) in enumerate(mutants(sources, args.mutants, rng), 1):
            (tree / name).write_bytes(data)
        start = time.perf_counter()
        done = subprocess.run(CLI + ["check", "--format", "json", "--jobs", "2", str(tree)], capture_output=True,
                              cwd=ROOT)
        elapsed = time.perf_counter() - start
        document = json.loads(done.stdout)
        crashed = [f["path"] for f in document["files"]
                   if any(d["code"] == "INT001" for d in f["diagnostics"])]
        stopped = [f["path"] for f in document["files"]
                   if any(d["code"] == "PRS005" for d in f["diagnostics"])]
        missing = count - len(document["files"])
        failures += bool(crashed) + bool(missing) + (done.returncode not in (0, 1))
        print(f"mutants: {count} files in {elapsed:.1f} s, exit {done.returncode}, records "
              f"{len(document['files'])}, crashes {len(crashed)} {crashed[:5]}, over budget {len(stopped)} "
              f"{stopped[:5]}")
        if args.keep:
            for path in crashed:
                shutil.copy(path, HERE / "regressions" / Path(path).name)
    print(f"slowest adversarial file {worst_time[1]} {worst_time[0]:.2f} s; largest memory "
          f"{worst_memory[1]} {worst_memory[0]:.0f} MB; failures {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
