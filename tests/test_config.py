"""Configuration: selection semantics, nearest file, overrides, severity, config show."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from linter.config import Resolver, Settings

from helpers import ROOT, seed


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env_path = str(ROOT)
    import os

    env = dict(os.environ, PYTHONPATH=env_path)
    return subprocess.run([sys.executable, "-m", "linter", *args], capture_output=True, cwd=cwd, env=env)


def _codes(result: subprocess.CompletedProcess) -> set[str]:
    document = json.loads(result.stdout)
    return {d["code"] for f in document["files"] for d in f["diagnostics"]}


# -- selection semantics (unit level) -------------------------------------------

@pytest.mark.parametrize("select, ignore, code, name, enabled", [
    (("ALL",), (), "ARI001", "table3-row-sum", True),
    (("ARI",), (), "ARI001", "x", True),
    (("ARI",), (), "TPL004", "x", False),
    (("ALL",), ("ARI",), "ARI001", "x", False),
    (("ALL",), ("ARI",), "TPL004", "x", True),
    (("ARI001",), ("ARI",), "ARI001", "x", True),  # the code is more specific than the prefix
    (("ARI",), ("ARI001",), "ARI001", "x", False),
    (("ARI",), ("ARI00",), "ARI010", "x", True),  # longer prefix ARI00 does not match ARI010
    (("ALL",), ("row-cell-count",), "TPL004", "row-cell-count", False),  # by name
    (("row-cell-count",), (), "TPL004", "row-cell-count", True),
    (("ARI",), ("ARI",), "ARI001", "x", False),  # a tie: ignore wins
    (("TPL",), ("ALL",), "PRS001", "unreadable-input", True),  # unreadable files are never hidden
])
def test_selection(select, ignore, code, name, enabled):
    assert Settings(select=select, ignore=ignore).enabled(code, name, "r.txt") is enabled


def test_per_file_ignores_match_paths_below_the_config_root(tmp_path):
    settings = Settings(per_file_ignores=(("archive/*.txt", ("TPL",)), ("*.html", ("SEC005",))), root=str(tmp_path))
    assert not settings.enabled("TPL004", "x", str(tmp_path / "archive" / "a.txt"))
    assert settings.enabled("TPL004", "x", str(tmp_path / "current" / "a.txt"))
    assert not settings.enabled("SEC005", "x", str(tmp_path / "deep" / "page.html"))
    assert settings.enabled("SEC004", "x", str(tmp_path / "deep" / "page.html"))


def test_severity_override_most_specific_wins():
    settings = Settings(severity=(("TPL", "info"), ("TPL004", "warning")))
    assert settings.severity_of("TPL004", "row-cell-count", "error") == "warning"
    assert settings.severity_of("TPL006", "x", "error") == "info"
    assert settings.severity_of("ARI001", "x", "error") == "error"


# -- files: nearest wins, --config, --isolated ------------------------------------

@pytest.fixture
def tree(tmp_path, seeds_dir):
    """root/pyproject.toml selects TPL; root/strict/.xxgk-lint.toml selects TPL004 as a warning."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.xxgk-lint]\nselect = ["TPL"]\n',
                                             encoding="utf-8")
    strict = tmp_path / "strict"
    strict.mkdir()
    (strict / ".xxgk-lint.toml").write_text('select = ["TPL004"]\n[severity]\nTPL004 = "warning"\n',
                                            encoding="utf-8")
    shutil.copy(seed("000"), tmp_path / "a.txt")
    shutil.copy(seed("000"), strict / "b.txt")
    return tmp_path


def test_nearest_configuration_wins(tree):
    result = _cli("check", "--format", "json", str(tree))
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert {d["code"] for d in files["a.txt"]["diagnostics"]} == {"TPL004", "TPL006"}
    assert {(d["code"], d["severity"]) for d in files["b.txt"]["diagnostics"]} == {("TPL004", "warning")}


def test_command_line_overrides_the_file_and_isolated_ignores_it(tree):
    only = _cli("check", "--format", "json", "--select", "TPL006", str(tree / "strict" / "b.txt"))
    assert _codes(only) == {"TPL006"}
    isolated = _cli("check", "--format", "json", "--isolated", str(tree / "strict" / "b.txt"))
    assert {"TPL004", "TPL006", "PER001"} <= _codes(isolated)
    chosen = _cli("check", "--format", "json", "--config", str(tree / "pyproject.toml"), str(tree / "strict" / "b.txt"))
    assert _codes(chosen) == {"TPL004", "TPL006"}


def test_resolver_caches_per_directory_and_reports_the_source(tree):
    resolver = Resolver()
    settings = resolver.for_path(str(tree / "strict" / "b.txt"))
    assert settings.source == str(tree / "strict" / ".xxgk-lint.toml") and settings.select == ("TPL004",)
    assert resolver.for_path(str(tree / "strict" / "other.txt")) is settings
    assert resolver.for_path(str(tree / "a.txt")).source == str(tree / "pyproject.toml")


def test_config_show_prints_the_resolved_configuration(tree):
    result = _cli("config", "show", str(tree / "strict"), "--extend-select", "ARI")
    out = result.stdout.decode()
    assert result.returncode == 0
    assert f"# 配置来源：{tree / 'strict' / '.xxgk-lint.toml'}" in out
    assert 'select = ["TPL004"]' in out and 'extend-select = ["ARI"]' in out
    assert 'severity = { "TPL004" = "warning" }' in out


@pytest.mark.parametrize("content, problem", [
    ('selekt = ["TPL"]\n', "未知的配置项“selekt”"),
    ('select = "TPL"\n', "配置项“select”应为列表"),
    ('select = [1, 2]\n', "每一项都应为非空文本"),
    ('rule-packs = [1]\n', "每一项都应为非空文本"),
    ('[per-file-ignores]\n"*.txt" = [1]\n', "应为规则代码的列表"),
    ('tool = 5\n[tool.x]\n', "TOML 语法错误，位于第 2 行"),
    ('[tool]\nxxgk-lint = 5\n', "[tool.xxgk-lint] 应为表"),
    ('[rule-options]\nSEC = { min-chars = 5 }\n', "rule-options 中的“SEC”不是任何规则的代码或名称"),
    ('select = ["NOPE"]\n', "“NOPE”不是任何规则"),
    ('[severity]\nTPL004 = "fatal"\n', "应为 error、warning 或 info"),
    ('select = [\n', "TOML 语法错误"),
])
def test_a_bad_configuration_exits_2_naming_the_problem(tmp_path, seeds_dir, content, problem):
    (tmp_path / ".xxgk-lint.toml").write_text(content, encoding="utf-8")
    if content.startswith("[tool]"):
        (tmp_path / ".xxgk-lint.toml").rename(tmp_path / "pyproject.toml")
    shutil.copy(seed("003"), tmp_path / "r.txt")
    result = _cli("check", str(tmp_path / "r.txt"))
    assert result.returncode == 2 and problem in result.stderr.decode(), result.stderr.decode()


def test_exit_zero_and_statistics(seeds_dir):
    paths = (str(seed("000")), str(seed("001")))
    result = _cli("check", "--select", "TPL", "--statistics", "--exit-zero", *paths)
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    assert lines[0].split() == ["代码", "规则", "数量"]
    table = {line.split()[0]: (line.split()[1], int(line.split()[2])) for line in lines[2:]}
    # the same counts as the findings themselves
    document = json.loads(_cli("check", "--select", "TPL", "--format", "json", *paths).stdout)
    findings = [(d["code"], d["name"]) for f in document["files"] for d in f["diagnostics"]]
    assert table == {code: (name, findings.count((code, name))) for code, name in set(findings)}
    assert (table["TPL006"][1], table["TPL004"][1]) == (1, 2)  # once per table: 三 of 000; 四 of 000 and 001
    counts = [count for _, count in table.values()]
    assert counts == sorted(counts, reverse=True)


def test_rule_options_reach_the_rule_from_file_and_flag(tmp_path, seeds_dir):
    # seed 000's part 一 is about 1292 characters: SEC005 (limit 1000) fires by default
    shutil.copy(seed("000"), tmp_path / "r.txt")
    default = _cli("check", "--format", "json", "--select", "SEC005", str(tmp_path / "r.txt"))
    assert _codes(default) == {"SEC005"}
    (tmp_path / ".xxgk-lint.toml").write_text('[rule-options]\nlong-overview = { max-chars = 1500 }\n',
                                              encoding="utf-8")
    relaxed = _cli("check", "--format", "json", "--select", "SEC005", str(tmp_path / "r.txt"))
    assert _codes(relaxed) == set()
    strict = _cli("check", "--format", "json", "--select", "SEC005", "--rule-option", "SEC005:max-chars=1200",
                  str(tmp_path / "r.txt"))
    assert _codes(strict) == {"SEC005"}
    unknown = _cli("check", "--rule-option", "NOPE001:x=1", str(tmp_path / "r.txt"))
    assert unknown.returncode == 2 and "NOPE001" in unknown.stderr.decode()


def test_deadline_flag_overrides_the_agency_kind(tmp_path, seeds_dir):
    # seed 003: a 局 published 2023-01-28, inside the department deadline 01-31
    report = tmp_path / "r.txt"
    shutil.copy(seed("003"), report)
    assert _codes(_cli("check", "--format", "json", "--select", "PER003", str(report))) == set()
    early = _cli("check", "--format", "json", "--select", "PER003", "--deadline", "department=01-20", str(report))
    assert _codes(early) == {"PER003"}


def test_a_byte_order_mark_is_accepted_and_non_utf8_is_refused(tmp_path, seeds_dir):
    shutil.copy(seed("003"), tmp_path / "r.txt")
    (tmp_path / ".xxgk-lint.toml").write_bytes("\ufeffselect = [\"TPL\"]\n".encode("utf-8"))
    assert _cli("check", str(tmp_path / "r.txt")).returncode == 0
    (tmp_path / ".xxgk-lint.toml").write_bytes(b"select = [\"\xff\"]\n")
    result = _cli("check", str(tmp_path / "r.txt"))
    assert result.returncode == 2 and "不是 UTF-8" in result.stderr.decode()


def test_config_show_refuses_a_missing_path(tmp_path):
    result = _cli("config", "show", str(tmp_path / "nope"))
    assert result.returncode == 2 and "路径不存在" in result.stderr.decode()


# -- rule settings are checked before any report is read ------------------------------------


@pytest.mark.parametrize("flags, words", [
    (["--rule-option", "SEC004:min-chars=abc"], ["SEC004", "min-chars", "整数"]),
    (["--rule-option", "SEC004:min-chars=0"], ["SEC004", "min-chars", "1 到 10000"]),
    (["--rule-option", "SEC004:bogus=1"], ["SEC004", "bogus", "min-chars"]),
    (["--deadline", "agency-kind=bogus"], ["deadlines.agency-kind"]),
    (["--deadline", "department=13-45"], ["deadlines.department"]),
    (["--stdin-filename", "x.txt"], ["--stdin-filename"]),
])
def test_wrong_settings_are_a_usage_error_naming_them(seeds_dir, flags, words):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "linter", "check", *flags, str(seed("003"))], capture_output=True)
    err = done.stderr.decode()
    assert done.returncode == 2 and err.count("\n") == 1 and all(w in err for w in words), err


def test_wrong_settings_in_a_configuration_file_name_the_file(tmp_path, seeds_dir):
    import shutil
    import subprocess
    import sys

    shutil.copy(seed("003"), tmp_path / "r.txt")
    (tmp_path / ".xxgk-lint.toml").write_text('rule-options = { SEC005 = { max-chars = "long" } }\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "linter", "check", "r.txt"], cwd=tmp_path, capture_output=True)
    err = done.stderr.decode()
    assert done.returncode == 2 and ".xxgk-lint.toml" in err and "SEC005" in err and "max-chars" in err, err
    (tmp_path / ".xxgk-lint.toml").write_text("rule-options = { SEC005 = { max-chars = 50 } }\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "linter", "check", "--select", "SEC005", "r.txt"], cwd=tmp_path,
                          capture_output=True)
    assert done.returncode == 0 and b"SEC005" in done.stdout  # the setting is used: part 一 is over 50 characters
