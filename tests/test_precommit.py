"""The pre-commit hook (.pre-commit-hooks.yaml), tried as a user would: `pre-commit
try-repo` on a throwaway repository holding a report with a defect, a clean
report and a README."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, seed

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _pre_commit() -> list[str]:
    try:
        import pre_commit  # noqa: F401
    except ImportError:
        pytest.skip("pre-commit is not installed (pip install '.[test]')")
    return [sys.executable, "-m", "pre_commit"]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, seeds_dir):
    repo = tmp_path_factory.mktemp("repo")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    shutil.copy(seed("004"), repo / "年报-有误.TXT")  # a real report with arithmetic errors; the suffix in capitals
    shutil.copy(seed("003"), repo / "clean.txt")  # a real report without errors
    (repo / "README.md").write_text("# 说明\n\n本仓库存放本单位的政府信息公开工作年度报告。\n", encoding="utf-8")
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    cache = tmp_path_factory.mktemp("pre-commit-cache")
    return repo, cache


def _try(workspace, *files: str) -> subprocess.CompletedProcess:
    repo, cache = workspace
    env = {**os.environ, "PRE_COMMIT_HOME": str(cache), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(_pre_commit() + ["try-repo", str(ROOT), "xxgk-lint", "--files", *files],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def test_a_report_with_a_defect_fails_the_commit(workspace):
    done = _try(workspace, "年报-有误.TXT", "clean.txt", "README.md")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "年报-有误.TXT:" in done.stdout and "ARI005" in done.stdout
    assert "README.md:" not in done.stdout and "clean.txt:" not in done.stdout
    assert done.stdout.count("共检查") == 1  # one run, one summary


def test_a_clean_report_and_a_readme_pass(workspace):
    done = _try(workspace, "clean.txt", "README.md")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout
