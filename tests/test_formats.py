"""Output formats: each one on the same two reports (a label typo and a heading
typo that have safe fixes, and arithmetic errors), against a stored snapshot,
and each against what its reader expects: SARIF against the official 2.1.0
schema, GitHub's workflow-command syntax, a JUnit file that parses, a GitLab
Code Quality list, JSON Lines.

To refresh the snapshots after a deliberate change: XXGK_LINT_UPDATE_SNAPSHOTS=1 python3 -m pytest tests/test_formats.py
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from linter import __version__

from helpers import line_of, replace_line, seed, seed_text

SNAPSHOTS = Path(__file__).parent / "snapshots"
FORMATS = ("text", "json", "json-lines", "sarif", "github", "gitlab", "junit")
SUFFIX = {"text": "txt", "json": "json", "json-lines": "jsonl", "sarif": "sarif", "github": "txt",
          "gitlab": "json", "junit": "xml"}


@pytest.fixture(scope="module")
def reports(tmp_path_factory, seeds_dir) -> Path:
    folder = tmp_path_factory.mktemp("formats")
    text = seed_text("003")
    text = replace_line(text, 19, "二、主动公开政府信息的情况")  # a heading typo
    text = replace_line(text, 40, line_of(text, 40).replace("(一)予以公开", "(一)予以公开的", 1))  # a label typo
    (folder / "a.txt").write_text(text, encoding="utf-8")
    shutil.copy(seed("004"), folder / "b.txt")  # ARI005 errors
    return folder


def output(reports: Path, format: str) -> str:
    done = subprocess.run([sys.executable, "-m", "linter", "check", "--select", "ARI005,TPL005,SEC003",
                           "--format", format, "a.txt", "b.txt"], cwd=reports, capture_output=True)
    assert done.returncode == 1, done.stderr.decode()
    return done.stdout.decode("utf-8")


@pytest.mark.parametrize("format", FORMATS)
def test_snapshot(reports, format):
    text = output(reports, format)
    text = text.replace(f'"{__version__}"', '"VERSION"')  # the tool's version is not part of the format
    snapshot = SNAPSHOTS / f"{format}.{SUFFIX[format]}"
    if os.environ.get("XXGK_LINT_UPDATE_SNAPSHOTS"):
        SNAPSHOTS.mkdir(exist_ok=True)
        snapshot.write_text(text, encoding="utf-8")
    assert text == snapshot.read_text(encoding="utf-8")


def test_text_lines_carry_severity_for_problem_matchers(reports):
    pattern = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info) "
                         r"(?P<code>[A-Z]{2,5}\d{3}) (?P<message>.+)$")
    lines = output(reports, "text").splitlines()
    found = [pattern.match(line) for line in lines[:-1]]
    assert all(found) and {m["severity"] for m in found} == {"error", "warning"}


def test_github_workflow_commands(reports):
    command = re.compile(r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,"
                         r"title=[A-Z]{2,5}\d{3} [a-z0-9-]+::[A-Z]{2,5}\d{3} [^\n]+$")
    lines = output(reports, "github").splitlines()
    assert len(lines) == 4 and all(command.match(line) for line in lines), lines


def test_junit_parses(reports):
    root = ET.fromstring(output(reports, "junit").encode("utf-8"))
    assert root.tag == "testsuites" and root.get("tests") == "4" and root.get("failures") == "4"
    assert [suite.get("name") for suite in root] == ["a.txt", "b.txt"]
    assert all(case.find("failure") is not None for case in root.iter("testcase"))


def test_gitlab_code_quality(reports):
    issues = json.loads(output(reports, "gitlab"))
    assert len(issues) == 4 and len({i["fingerprint"] for i in issues}) == 4
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["path"] in ("a.txt", "b.txt") and issue["location"]["positions"]["begin"]["line"] > 0


def test_json_lines_one_record_per_file(reports):
    records = [json.loads(line) for line in output(reports, "json-lines").splitlines()]
    assert [r["path"] for r in records] == ["a.txt", "b.txt"]
    (fix,) = [d["fix"] for d in records[0]["diagnostics"] if d["code"] == "TPL005"]
    assert fix["edits"] == [{"location": {"line": 40, "column": 13}, "end_location": {"line": 40, "column": 21},
                             "content": "(一)予以公开"}]  # only the extra 的 goes: the author's brackets stay


def test_output_file_is_written_whole(reports, tmp_path):
    target = tmp_path / "out" / "findings.sarif"
    done = subprocess.run([sys.executable, "-m", "linter", "check", "--format", "sarif", "-o", str(target), "a.txt"],
                          cwd=reports, capture_output=True)
    assert done.returncode == 2 and "无法写入输出文件" in done.stderr.decode() and "不存在" in done.stderr.decode()
    target.parent.mkdir()
    done = subprocess.run([sys.executable, "-m", "linter", "check", "--format", "sarif", "-o", str(target), "a.txt"],
                          cwd=reports, capture_output=True)
    assert done.returncode == 0 and done.stdout == b""
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"


# -- SARIF against the official schema ---------------------------------------------------------


def _sarif_schema() -> dict:
    """The SARIF 2.1.0 JSON schema, as Microsoft's SARIF Multitool ships it (npm), cached."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "xxgk-lint-tests"
    schema = cache / "sarif-2.1.0.json"
    if not schema.exists():
        if shutil.which("npm") is None:
            pytest.skip("npm is needed to fetch the SARIF schema")
        cache.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(["npm", "pack", "--silent", "@microsoft/sarif-multitool-linux@5.7.0"], cwd=cache,
                              capture_output=True, text=True, timeout=600)
        if done.returncode != 0:
            pytest.skip(f"the SARIF schema could not be fetched: {done.stderr[-200:]}")
        package = cache / done.stdout.strip().splitlines()[-1]
        with tarfile.open(package) as archive:
            schema.write_bytes(archive.extractfile("package/sarif-2.1.0.json").read())  # type: ignore[union-attr]
        package.unlink()
    return json.loads(schema.read_text(encoding="utf-8"))


def test_sarif_validates_against_the_official_schema(reports):
    jsonschema = pytest.importorskip("jsonschema")
    schema = _sarif_schema()
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    document = json.loads(output(reports, "sarif"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
    run = document["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    assert [r["ruleId"] for r in run["results"]] == ["SEC003", "TPL005", "ARI005", "ARI005"]
    assert sum(1 for r in run["results"] if "fixes" in r) == 2
    broken = json.loads(json.dumps(document).replace('"level": "error"', '"level": "fatal"'))
    assert list(validator.iter_errors(broken))  # (the validator does reject a wrong document)
