"""Third-party plugins: installed from a wheel, found through the xxgk_lint entry-point group."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers import ROOT

EXAMPLE = ROOT / "tests" / "plugin_example"


def _wheel(tmp: Path, package: str, entry_point: str) -> Path:
    """A minimal, valid wheel of one package directory (what a build backend would make)."""
    name, version = package.replace("_", "-"), "0.1"
    dist_info = f"{package}-{version}.dist-info"
    files = {f"{package}/{path.name}": path.read_bytes() for path in (EXAMPLE / package).glob("*.py")}
    files[f"{dist_info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    files[f"{dist_info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files[f"{dist_info}/entry_points.txt"] = f"[xxgk_lint]\n{entry_point} = {package}\n".encode()
    record = []
    for path, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(data)}")
    record.append(f"{dist_info}/RECORD,,")
    files[f"{dist_info}/RECORD"] = ("\n".join(record) + "\n").encode()
    wheel = tmp / f"{package}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, data in files.items():
            archive.writestr(path, data)
    return wheel


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A directory with both example plugins pip-installed into it."""
    tmp = tmp_path_factory.mktemp("plugins")
    target = tmp / "site"
    wheels = [_wheel(tmp, "xxgk_tiny_plugin", "tiny"), _wheel(tmp, "xxgk_broken_plugin", "broken")]
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-index", "--no-deps",
                    "--target", str(target), *map(str, wheels)], check=True)
    return target


def _run(site: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), str(ROOT)]))
    return subprocess.run([sys.executable, "-m", "linter", *args], input=stdin, capture_output=True, env=env,
                          cwd=ROOT)


def test_plugin_rule_is_listed_and_documented(site):
    result = _run(site, "rules", "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    rules = {rule["code"]: rule for rule in json.loads(result.stdout)}
    assert rules["XMP001"]["source"] == "tiny" and rules["XMP001"]["name"] == "test-word"
    assert rules["TPL004"]["source"] == "builtin-rules"  # the built-ins come through the same group
    doc = _run(site, "rule", "test-word")
    assert doc.returncode == 0 and "XMP001" in doc.stdout.decode() and "placeholder" in doc.stdout.decode()


def test_plugin_rule_fires_and_plugin_format_is_offered(site):
    report = "示例县财政局2023年政府信息公开工作年度报告\n一、总体情况\n本年度测试专用词。\n".encode()
    result = _run(site, "check", "--select", "XMP", "-", "--stdin-filename", "r.txt", stdin=report)
    assert "r.txt:3:1: warning XMP001 " in result.stdout.decode()
    codes = _run(site, "check", "--format", "codes", "--select", "XMP", "-", "--stdin-filename", "r.txt",
                 stdin=report)
    assert codes.stdout.decode() == "XMP001\n"
    clean = _run(site, "check", "--select", "XMP", "-", "--stdin-filename", "r.txt",
                 stdin=report.replace("测试专用词".encode(), "工作正常".encode()))
    assert clean.returncode == 0 and "未发现问题" in clean.stdout.decode()


def test_a_plugin_that_fails_to_import_is_named_and_skipped(site):
    result = _run(site, "check", "--select", "TPL", str(ROOT / "examples"))
    stderr = result.stderr.decode()
    assert "broken" in stderr and "xxgk_broken_plugin" in stderr and "已跳过" in stderr
    assert result.returncode == 0  # the seeds' TPL findings are warnings: the run went on
    assert "TPL004" in result.stdout.decode()


def test_a_plugin_reusing_a_builtin_code_is_refused_and_the_builtin_kept():
    from linter.plugins import Registry, add_rule
    from linter.rules import RULES

    found = Registry()
    builtin = next(rule for rule in RULES if rule.code == "TPL004")
    assert add_rule(found, builtin, "builtin-rules") is None
    impostor = type("Impostor", (builtin,), {"name": "impostor"})
    assert "TPL004" in add_rule(found, impostor, "other")
    assert found.rules["TPL004"] is builtin and "other" in found.warnings[-1]
    bad = type("Bad", (builtin,), {"code": "T4", "name": "bad"})
    assert "不合规范" in add_rule(found, bad, "other")


def test_a_plugin_answering_nonsense_is_skipped_with_a_warning(tmp_path, seeds_dir):
    from helpers import seed

    package = tmp_path / "xxgk_nonsense_plugin"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from linter.hookspecs import hookimpl\n\n@hookimpl\ndef xxgk_lint_rules():\n    return 5\n\n"
        "@hookimpl\ndef xxgk_lint_check_kinds():\n    return ['not', 'a', 'mapping']\n", encoding="utf-8")
    dist = tmp_path / "xxgk_nonsense_plugin-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: xxgk-nonsense-plugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[xxgk_lint]\nnonsense = xxgk_nonsense_plugin\n")
    result = _run(tmp_path, "check", "--select", "TPL", str(seed("003")))
    assert result.returncode == 0, result.stderr.decode()
    stderr = result.stderr.decode()
    assert "nonsense 的 xxgk_lint_rules 出错" in stderr and "nonsense 的 xxgk_lint_check_kinds 出错" in stderr


def test_an_era_from_a_plugin_can_be_chosen_everywhere(tmp_path, seeds_dir):
    from helpers import seed

    package = tmp_path / "xxgk_era_plugin"
    package.mkdir()
    (package / "__init__.py").write_text(
        "import dataclasses\n"
        "from linter.eras import GRAMMAR_DIR, EraPlugin\n"
        "from linter.hookspecs import hookimpl\n"
        "from linter.labels import ERA_2021\n\n"
        "@hookimpl\n"
        "def xxgk_lint_eras():\n"
        "    era = dataclasses.replace(ERA_2021, id='2030', years='2030 年及以后', basis='某新格式通知')\n"
        "    return [EraPlugin(era, GRAMMAR_DIR / '2021.lark', ('只在新格式中出现的标签',))]\n",
        encoding="utf-8")
    dist = tmp_path / "xxgk_era_plugin-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: xxgk-era-plugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[xxgk_lint]\nnew-era = xxgk_era_plugin\n")
    assert "2030" in _run(tmp_path, "eras").stdout.decode()
    result = _run(tmp_path, "check", "--format", "json", "--era", "2030", str(seed("003")))
    record = json.loads(result.stdout)["files"][0]
    assert (record["era"], record["era_source"]) == ("2030", "option")
    codes = {d["code"] for d in record["diagnostics"]}
    assert "TPL002" not in codes  # an era-2021 rule does not judge an era-2030 report
    pack = tmp_path / "pack.yaml"
    pack.write_text("rules:\n  - code: NEW001\n    name: new-era-rule\n    check: required-phrase\n"
                    "    phrases: [不存在的说法]\n    eras: ['2030']\n    message: 新格式要求的说法\n", encoding="utf-8")
    fired = _run(tmp_path, "check", "--era", "2030", "--rule-pack", str(pack), "--select", "NEW", str(seed("003")))
    assert "NEW001" in fired.stdout.decode()
    unknown = _run(tmp_path, "check", "--era", "2099", str(seed("003")))
    assert unknown.returncode == 2 and "2099" in unknown.stderr.decode()
