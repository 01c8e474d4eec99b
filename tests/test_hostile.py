"""Hostile input (tests/fuzz/hostile.py): every file gets exactly one record,
within its bounds, with the right exit status; never a traceback, never a
lost file, never output that is not UTF-8 JSON."""
from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from linter.ast import json_default
from linter.batch import Budget, check_bounded
from linter.engine import lint_bytes
from linter.layout import split_lines

sys.path.insert(0, str(Path(__file__).parent / "fuzz"))
from hostile import cases  # noqa: E402

from helpers import seed  # noqa: E402

CLI = [sys.executable, "-m", "linter"]
CASES = {name: (suffix, data) for name, suffix, data in cases()}
#: What each adversarial file must give (besides: one record, no crash).
EXPECTED = {
    "numerals": {"PRS002"},
    "spans": {"PRS002"},
    "wide-row": {"PRS002"},
    "deep-html": {"PRS002"},
    "unclosed-tables": {"PRS002"},
    "table-rows-20mb": {"PRS001"},  # beyond limits.max-chars: refused, and it says so
    "one-long-line": {"PRS001"},
    "huge-integer": {"ARI001", "ARI002"},
    "huge-decimal-count": {"ARI007", "ARI001", "ARI002"},
    "many-headings": {"SEC002"},
    "controls": {"PRS001"},
    "mixed-encodings": {"PRS001"},
    "nul-bytes": {"PRS001"},
    "zip-bomb-like": {"PRS001"},
    "pdf-garbage": {"PRS001"},
    "empty": {"PRS002"},
}


def _lint(name: str):
    suffix, data = CASES[name]
    return check_bounded(f"{name}{suffix}", lambda path: lint_bytes(data, path), Budget())


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_adversarial_file_gets_one_honest_record(name):
    result = _lint(name)
    codes = {d.code for d in result.diagnostics}
    assert not codes & {"INT001", "PRS005"}, [d.message for d in result.diagnostics][:2]
    assert EXPECTED.get(name, set()) <= codes, codes
    json.dumps([d.data for d in result.diagnostics], default=json_default)  # always serialisable
    suffix, data = CASES[name]
    if "PRS001" not in codes and suffix == ".txt":  # every position is inside the text it names
        lines = split_lines(data.decode("utf-8"))
        for d in result.diagnostics:
            assert 1 <= d.span.line <= len(lines) and 1 <= d.span.column <= len(lines[d.span.line - 1]) + 1


def test_a_number_of_thousands_of_digits_is_read_exactly():
    finding = next(d for d in _lint("huge-integer").diagnostics if d.code == "ARI001")
    assert finding.data["actual"] == 0 and finding.data["expected"] == Decimal("9" * 4301)
    assert json.loads(json.dumps(finding.data, default=json_default))["expected"] == "9" * 4301  # exact, as text
    assert "共 4301 位数字" in finding.message and len(finding.message) < 400


def test_a_decimal_beyond_float_range_is_a_fraction_not_an_overflow():
    finding = next(d for d in _lint("huge-decimal-count").diagnostics if d.code == "ARI007")
    assert finding.data["value"] == Decimal("9" * 400 + ".5")


# ---------------------------------------------------------------------------
# whole runs


def _run(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + list(args), capture_output=True, env={**os.environ, **(env or {})}, **kwargs)


def test_a_folder_of_hostile_files_and_real_reports_gives_a_record_for_each(tmp_path, corpus_dir, seeds_dir):
    for name, (suffix, data) in CASES.items():
        (tmp_path / f"{name}{suffix}").write_bytes(data)
    real = sorted(p for p in corpus_dir.iterdir() if p.is_file() and p.name[:3].isdigit())
    real += sorted(p for p in seeds_dir.iterdir() if p.suffix == ".txt")
    for path in real:
        shutil.copy(path, tmp_path / f"{path.parent.name}-{path.name}")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "blocked.txt")  # opening it would block forever
    done = _run("check", "--format", "json", "--jobs", "2", str(tmp_path), timeout=600)
    document = json.loads(done.stdout.decode("utf-8"))
    records = {Path(f["path"]).name: f for f in document["files"]}
    assert len(records) == len(CASES) + len(real) + hasattr(os, "mkfifo")
    assert len(real) >= 30 and done.returncode == 1, done.stderr.decode()
    assert not any(d["code"] in ("INT001", "PRS005") for f in document["files"] for d in f["diagnostics"])
    if hasattr(os, "mkfifo"):
        assert records["blocked.txt"]["status"] == "skipped"


def test_a_fifo_named_on_the_command_line_is_not_opened(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(tmp_path / "pipe.txt")
    done = _run("check", "--format", "json", str(tmp_path / "pipe.txt"), timeout=60)
    (record,) = json.loads(done.stdout)["files"]
    assert [d["code"] for d in record["diagnostics"]] == ["PRS001"] and done.returncode == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="file names as bytes, /proc")
def test_a_file_name_that_is_not_utf8_is_escaped_and_kept(tmp_path, seeds_dir):
    raw = b"\xb1\xa8\xb8\xe6-\xff.txt"  # GBK for 报告, and a byte no encoding has
    with open(os.path.join(os.fsencode(tmp_path), raw), "wb") as handle:
        handle.write(seed("000").read_bytes())  # a report with findings
    for env in ({}, {"PYTHONIOENCODING": "ascii"}):  # whatever the locale says
        done = _run("check", "--format", "json", str(tmp_path), env=env, timeout=60)
        (record,) = json.loads(done.stdout.decode("utf-8"))["files"]
        assert "\\xb1\\xa8" in record["path"] and "\\xff" in record["path"]
        assert base64.b64decode(record["path_bytes"]) == os.fsencode(tmp_path) + b"/" + raw
        text = _run("check", str(tmp_path), env=env, timeout=60)
        text.stdout.decode("utf-8")
        assert text.returncode == done.returncode and b"\\xff.txt:" in text.stdout


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(child) for child in handle.read().split()]
    except OSError:
        return []


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs /proc to find the workers")
def test_kill_9_of_a_worker_loses_no_file(tmp_path, corpus_dir):
    real = sorted(p for p in corpus_dir.iterdir() if p.is_file() and p.name[:3].isdigit() and p.suffix != ".pdf")
    for k in range(3):  # enough work that the workers are busy when one is killed
        for path in real:
            shutil.copy(path, tmp_path / f"{k}-{path.name}")
    process = subprocess.Popen(CLI + ["check", "--format", "json", "--jobs", "2", str(tmp_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while not workers and time.monotonic() < deadline and process.poll() is None:
        workers = _children(process.pid)
        time.sleep(0.05)
    assert workers, "no worker process was seen"
    time.sleep(0.3)
    os.kill(workers[0], signal.SIGKILL)
    out, err = process.communicate(timeout=600)
    document = json.loads(out)
    assert len(document["files"]) == 3 * len(real)
    assert process.returncode == 1, err.decode()
    lost = [f for f in document["files"] if any(d["code"] == "PRS005" for d in f["diagnostics"])]
    assert len(lost) <= 1 and all("信号 9" in f["diagnostics"][0]["message"] for f in lost)
    assert not any(d["code"] == "INT001" for f in document["files"] for d in f["diagnostics"])


def test_a_pdf_with_a_damaged_page_is_read_up_to_it_and_nothing_after_is_claimed_absent():
    data = (Path(__file__).parent / "fuzz" / "regressions" / "pdf-damaged-page.pdf").read_bytes()
    result = lint_bytes(data, "report.pdf")
    notes = [d for d in result.diagnostics if d.code == "PRS003" and "已损坏" in d.message]
    assert len(notes) == 1 and "第 4 页" in notes[0].message and notes[0].severity == "warning"
    codes = {d.code for d in result.diagnostics}
    assert not codes & {"FEE001", "PER001", "SEC001", "TPL002", "INT001"}, codes
    assert result.status != "error"


# ---------------------------------------------------------------------------
# configuration and rule packs: refused with one line and exit 2, whatever they hold


def _laughs(levels: int = 9) -> str:
    """A flow list that expands to 9**levels strings ("billion laughs")."""
    items = ['&a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for k in range(1, levels):
        items.append(f"&{chr(97 + k)} [" + ",".join([f"*{chr(96 + k)}"] * 9) + "]")
    return "[" + ", ".join(items) + "]"


_RULE = "rules:\n  - code: ABC001\n    name: abc\n    check: required-phrase\n    message: x\n"
#: name -> (pack text, what the refusal must name)
HOSTILE_PACKS = {
    "nested": ("rules: " + "[" * 5000 + "]" * 5000 + "\n", "嵌套层数过多"),
    "huge-integer": (_RULE + "    phrases: [" + "9" * 5000 + "]\n", "整数位数过多"),
    "nul": ("name: x\x00\nrules: []\n", "U+0000"),
    "alias-bomb": (_RULE + "    phrases: " + _laughs() + "\n", "别名展开"),
    "alias-bomb-as-key": (_RULE + "    ? " + _laughs() + "\n    : 1\n", "别名展开"),
    "alias-cycle": ("rules: &r\n  - *r\n", "引用了自身"),
}
HOSTILE_CONFIGS = {
    "nested-arrays": "[tool.xxgk-lint]\nlimits = " + "[" * 5000 + "]" * 5000 + "\n",
    "nested-tables": "[tool.xxgk-lint]\nrule-options = " + "{a=" * 3000 + "1" + "}" * 3000 + "\n",
    "huge-integer": "[tool.xxgk-lint]\nlimits = { max-pages = " + "9" * 5000 + " }\n",
    "limit-out-of-range": "[tool.xxgk-lint]\nlimits = { check-seconds = 0 }\n",
}


def _one_line_refusal(done: subprocess.CompletedProcess) -> str:
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2, (done.returncode, err[-300:])
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith("xxgk-lint: 错误："), err[-300:]
    return err


@pytest.mark.parametrize("name", sorted(HOSTILE_PACKS))
def test_hostile_rule_packs_are_refused_by_every_command(tmp_path, seeds_dir, name):
    pack = tmp_path / f"{name}.yaml"
    text, reason = HOSTILE_PACKS[name]
    pack.write_text(text, encoding="utf-8")
    for command in (["check", "--rule-pack", str(pack), str(seed("003"))], ["rules", "--rule-pack", str(pack)],
                    ["test", str(pack)]):
        assert reason in _one_line_refusal(_run(*command, timeout=120))


@pytest.mark.parametrize("name", sorted(HOSTILE_CONFIGS))
def test_hostile_configuration_is_refused_by_every_command(tmp_path, seeds_dir, name):
    config = tmp_path / "xxgk.toml"
    config.write_text(HOSTILE_CONFIGS[name], encoding="utf-8")
    for command in (["check", str(seed("003"))], ["config", "show"], ["rules"]):
        err = _one_line_refusal(_run(*command[:1], "--config", str(config), *command[1:], timeout=60))
        assert "xxgk.toml" in err


@pytest.mark.parametrize("flag", ["--rule-option=SEC004:min-chars=", "--deadline=agency-kind=", "--jobs="])
def test_numbers_of_thousands_of_digits_in_flags_are_not_a_crash(seeds_dir, flag):
    done = _run("check", flag + "9" * 5000, str(seed("003")), timeout=60)
    assert done.returncode in (0, 2) and b"Traceback" not in done.stderr
    if done.returncode == 2:
        _one_line_refusal(done)


def test_a_usage_error_is_one_chinese_line():
    err = _one_line_refusal(_run("check", "--no-such-flag", timeout=60))
    assert "--help" in err
