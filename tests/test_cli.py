"""The command line: exit codes, formats, stdin, directories."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

from helpers import seed

CLI = [sys.executable, "-m", "linter"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(CLI + list(args), input=stdin, capture_output=True)


def test_clean_report_exits_0_and_says_so(seeds_dir):
    result = run("check", str(seed("003")))
    assert result.returncode == 0, result.stdout.decode()
    assert "未发现问题" in result.stdout.decode()


def test_findings_exit_1_with_path_line_column_code(seeds_dir):
    result = run("check", "--select", "ARI005", str(seed("004")))
    assert result.returncode == 1
    lines = result.stdout.decode().splitlines()
    assert lines[0].startswith(f"{seed('004')}:161:2: error ARI005 ")
    assert lines[-1].startswith("发现 2 个问题（错误 2，")


def test_extraction_findings_do_not_fail_a_run_unless_asked(seeds_dir):
    """Seed 000's cells ran together (TPL006) and its table 四 is short (TPL004): we
    could not read it, which is not the author's error, so exit 0 — unless the
    user raises them with --severity."""
    result = run("check", "--select", "TPL,PRS", str(seed("000")))
    assert result.returncode == 0, result.stdout.decode()
    lines = result.stdout.decode().splitlines()
    assert lines[0].startswith(f"{seed('000')}:121:1: warning TPL006 ") and "25 行无法可靠拆分" in lines[0]
    assert lines[-1].startswith("发现 2 个问题（错误 0，警告 2，")
    strict = run("check", "--select", "TPL,PRS", "--severity", "TPL006=error", str(seed("000")))
    assert strict.returncode == 1


def test_missing_path_is_a_usage_error_naming_it(tmp_path):
    missing = tmp_path / "nope.txt"
    result = run("check", str(missing))
    assert result.returncode == 2
    assert str(missing) in result.stderr.decode()
    assert result.stdout == b""


def test_directory_json_is_sorted_and_complete(seeds_dir, tmp_path):
    for prefix in ("003", "000"):
        shutil.copy(seed(prefix), tmp_path / seed(prefix).name)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.html").write_text("<p>hello</p>", encoding="utf-8")
    (tmp_path / "sub" / "b.bin").write_bytes(b"\x00\x01")  # not a report: a record that says it was skipped
    (tmp_path / "sub" / "c.txt").write_bytes(b"\x00\x01binary")
    result = run("check", "--format", "json", "--select", "TPL,PRS", str(tmp_path))
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["schema"] == "xxgk-lint.report/1"
    assert document["tool"]["name"] == "xxgk-lint"
    paths = [f["path"] for f in document["files"]]
    assert paths == sorted(paths) and len(paths) == 5
    by_name = {p.rsplit("/", 1)[-1]: f for p, f in zip(paths, document["files"])}
    assert by_name["b.bin"] == {"path": str(tmp_path / "sub" / "b.bin"), "status": "skipped",
                                "reason": "不是报告文件（.bin）", "diagnostics": []}
    assert by_name["c.txt"]["status"] == "error"
    assert by_name["c.txt"]["diagnostics"][0]["code"] == "PRS001"
    assert by_name["a.html"]["diagnostics"][0]["code"] == "PRS002"
    clean = by_name[seed("003").name]
    assert (clean["status"], clean["era"], clean["report_year"]) == ("ok", "2021", 2022)
    assert clean["published"] == "2023-01-28"
    merged = by_name[seed("000").name]["diagnostics"][0]
    assert set(merged) == {"code", "name", "severity", "message", "location", "end_location",
                           "logical_location", "data", "fingerprint", "provenance", "fix"}
    assert merged["fix"] is None  # (cells that ran together have no safe fix)
    assert clean["skipped_identities"] == []
    assert (merged["code"], merged["provenance"], merged["severity"]) == ("TPL006", "extraction", "warning")
    assert merged["location"] == {"line": 121, "column": 1}  # the first row whose cells ran together …
    assert merged["end_location"] == {"line": 299, "column": 2}  # … to the last one's values
    assert merged["logical_location"] == "表三/单元格粘连"
    assert merged["data"]["unsplit"] == 25 and merged["data"]["cells"][0] == {
        "label": "一、本年新收政府信息公开申请数量", "raw": "0000", "line": 121}
    assert document["summary"] == {"files": 4, "errors": 2, "warnings": 2, "infos": 0, "skipped": 1}


def test_stdin_with_filename_reads_html(corpus_dir):
    page = (corpus_dir / "042.html").read_bytes()
    # (part 一 of this report is long: SEC005, an info, is not what this test is about)
    result = run("check", "--format", "json", "--ignore", "SEC005", "-", "--stdin-filename", "page.html",
                 stdin=page)
    document = json.loads(result.stdout)
    (record,) = document["files"]
    assert record["path"] == "page.html" and record["report_year"] == 2021
    assert record["status"] == "ok" and result.returncode == 0


def test_output_is_identical_across_runs_and_job_counts(corpus_dir):
    first = run("check", "--format", "json", "--jobs", "1", str(corpus_dir))
    second = run("check", "--format", "json", "--jobs", "2", str(corpus_dir))
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout


def test_parse_prints_the_ast(seeds_dir):
    result = run("parse", str(seed("002")))
    assert result.returncode == 0
    ast = json.loads(result.stdout)
    assert ast["type"] == "Report" and ast["meta"]["report_year"] == 2023
    assert [s["part"] for s in ast["sections"]] == [1, 2, 3, 4, 5, 6]


def test_pre_commit_hook_definition():
    import yaml

    from helpers import ROOT

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "xxgk-lint" and hook["language"] == "python"
    assert hook["entry"] == "xxgk-lint check --skip-non-reports" and hook["require_serial"] is True
    import re
    for name in ("a.txt", "b.md", "c.html", "d.htm", "E.TXT", "f.pdf", "g.DOCX", "h.doc"):
        assert re.search(hook["files"], name), name
    for name in ("e.png", "f.py", "g.txt.bak"):
        assert not re.search(hook["files"], name), name


def test_help_and_usage_errors_are_in_chinese():
    top = run("--help")
    assert top.returncode == 0 and "用法：xxgk-lint" in top.stdout.decode() and "检查报告" in top.stdout.decode()
    sub = run("check", "--help").stdout.decode()
    assert "选项" in sub and "输出格式" in sub and "show this help" not in sub
    wrong = run("check", "--jobs", "x")
    err = wrong.stderr.decode()
    assert wrong.returncode == 2 and err.count("\n") == 1 and "不是有效的整数" in err and "xxgk-lint check --help" in err


def test_each_command_is_built_with_its_own_arguments_only_when_named():
    """The parser builds only the command named (a start-up saving); --help still
    lists every command, each command's --help its arguments, a misspelt command
    the choices, and an option placed before the command still works."""
    from linter.cli import _COMMANDS, _parser

    top = run("--help").stdout.decode()
    assert all(name in top for name in _COMMANDS)
    for name, expected in (("check", "--skip-non-reports"), ("audit", "--roster"), ("rule", "--english"),
                           ("parse", "--stdin-filename"), ("test", "PACK"), ("config", "show")):
        assert expected in run(name, "--help").stdout.decode(), name
    wrong = run("chek", "x.txt").stderr.decode()
    assert "无效的选项" in wrong and all(f"'{name}'" in wrong for name in _COMMANDS)
    args = _parser(["--debug", "check", "--format", "json", "a.txt"]).parse_args(
        ["--debug", "check", "--format", "json", "a.txt"])
    assert (args.debug, args.command, args.format, args.paths) == (True, "check", "json", ["a.txt"])
    assert run("--debug", "eras").returncode == 0


def test_rule_documentation_in_chinese_and_english(seeds_dir):
    chinese = run("rule", "ARI001").stdout.decode()
    english = run("rule", "ARI001", "--english").stdout.decode()
    assert "## 检查内容" in chinese and "## What it does" in english
