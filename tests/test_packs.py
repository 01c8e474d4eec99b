"""YAML rule packs: the example pack, inline tests, identities, and broken packs (exit 2)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from linter.config import Settings
from linter.engine import lint_bytes

from helpers import ROOT, seed

PACK = ROOT / "examples" / "packs" / "province-example.yaml"


def _lint(text: str, *packs: Path, select: tuple[str, ...] = ("PRV", "PCK")):
    settings = Settings(select=select, rule_packs=tuple(str(p) for p in packs))
    return lint_bytes(text.encode("utf-8"), "r.txt", settings=settings).diagnostics


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "linter", *args], capture_output=True, cwd=ROOT)


def test_example_pack_fires_without_the_required_item_and_not_with_it(seeds_dir):
    text = seed("003").read_text(encoding="utf-8")  # a 2022 report; part 六 only speaks of fees
    (finding,) = [d for d in _lint(text, PACK) if d.code == "PRV001"]
    assert (finding.span.line, finding.severity) == (71, "error")  # at the heading of part 六
    assert "政务公开工作要点落实情况" in finding.message
    fixed = text.replace("本年度未收取信息处理费。", "本年度未收取信息处理费。政务公开工作要点落实情况：已全部完成。")
    assert [d for d in _lint(fixed, PACK) if d.code == "PRV001"] == []


def test_pack_identity_fires_for_every_column_that_breaks_it(seeds_dir):
    text = seed("003").read_text(encoding="utf-8")
    assert _lint(text, PACK, select=("PRV002",)) == []
    # carry 5 applications forward in the 自然人 column although none came in
    broken = text.replace("四、结转下年度继续办理 | 0 | 0 |", "四、结转下年度继续办理 | 5 | 0 |")
    (finding,) = _lint(broken, PACK, select=("PRV002",))
    assert (finding.span.line, finding.span.column) == (62, 15)  # the 5
    assert finding.severity == "warning" and "自然人" in finding.message
    assert finding.data["actual"] == 5 and finding.data["expected"] == 0
    assert {cell["label"] for cell in finding.data["cells"]} >= {"四、结转下年度继续办理"}


def test_pack_deadline_uses_the_publication_date(seeds_dir):
    text = seed("003").read_text(encoding="utf-8")  # 区经济信息化和科学技术局, published 2023-01-28
    (finding,) = _lint(text, PACK, select=("PRV003",))
    assert (finding.span.line, finding.data["deadline"]) == (2, "2023-01-25")
    early = text.replace("发布日期:2023-01-28", "发布日期:2023-01-20")
    assert _lint(early, PACK, select=("PRV003",)) == []


def test_xxgk_lint_test_runs_the_inline_tests():
    result = _cli("test", str(PACK))
    out = result.stdout.decode()
    assert result.returncode == 0, out
    assert out.count("通过（") == 4 and "4 个通过，0 个失败" in out


def test_a_failing_inline_test_exits_1(tmp_path):
    pack = PACK.read_text(encoding="utf-8").replace("expect: [PRV003]", "expect: []", 1)
    path = tmp_path / "pack.yaml"
    path.write_text(pack, encoding="utf-8")
    result = _cli("test", str(path))
    assert result.returncode == 1 and "失败" in result.stdout.decode()


BROKEN = {
    "syntax": ("rules:\n  - code: PCK001\n    name: a: b\n    check: deadline\n", 3, "YAML 语法错误"),
    "unknown kind": ("rules:\n  - code: PCK001\n    name: some-rule\n    check: run-python\n    message: m\n",
                     4, "未知的检查类型“run-python”"),
    "python in an identity": ("rules:\n  - code: PCK001\n    name: some-rule\n    check: identity\n"
                              "    message: m\n    expression: __import__('os').system('true')\n",
                              6, "等式无法解析"),
    "unknown cell": ("rules:\n  - code: PCK001\n    name: some-rule\n    check: identity\n    message: m\n"
                     "    expression: 表三.一.自然人 == 表三.不存在的行.自然人\n", 6, "没有“不存在的行”"),
    "bad code": ("rules:\n  - code: pck1\n    name: some-rule\n    check: deadline\n    message: m\n"
                 "    date: '01-31'\n", 2, "不合规范"),
    "unknown parameter": ("rules:\n  - code: PCK001\n    name: some-rule\n    check: deadline\n    message: m\n"
                          "    date: '01-31'\n    sections: 6\n", 7, "没有参数“sections”"),
    "unknown tag": ("rules:\n  - code: PCK001\n    name: some-rule\n    check: deadline\n    message: !foo bar\n"
                    "    date: '01-31'\n", 5, "无法读取的值"),
    "python tag": ("rules:\n  - code: PCK001\n    name: some-rule\n    check: deadline\n"
                   "    message: !!python/object/apply:os.system ['true']\n    date: '01-31'\n", 5, "无法读取的值"),
    "wildcards of different widths": ("rules:\n  - code: PCK001\n    name: some-rule\n    check: identity\n"
                                      "    message: m\n    expression: 表三.一.* == 表四.*.总计\n", 6, "列数不同"),
    "empty phrase": ("rules:\n  - code: PCK001\n    name: some-rule\n    check: forbidden-phrase\n"
                     "    message: m\n    phrases: ['']\n", 6, "非空文本"),
    "cumulative column of a national row": ("rules:\n  - code: PCK001\n    name: some-rule\n    check: identity\n"
                                            "    message: m\n    expression: 统计表.申请办结数.历年累计 == "
                                            "统计表.按时办结数.历年累计\n", 6, "只有一列“统计数”"),
    "bad date": ("rules:\n  - code: PCK001\n    name: some-rule\n    check: deadline\n    message: m\n"
                 "    date: '13-45'\n", 6, "date 应为"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_pack_is_rejected_with_file_line_and_problem(tmp_path, seeds_dir, case):
    text, line, problem = BROKEN[case]
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    for args in (("check", "--rule-pack", str(path), str(seed("003"))), ("test", str(path)),
                 ("rules", "--rule-pack", str(path))):
        result = _cli(*args)
        stderr = result.stderr.decode()
        assert result.returncode == 2, (args, stderr)
        assert f"{path}:{line}:" in stderr and problem in stderr, stderr
        assert result.stdout == b""


def test_pack_rules_are_listed_with_their_pack(tmp_path):
    result = _cli("rules", "--rule-pack", str(PACK))
    out = result.stdout.decode()
    assert result.returncode == 0
    assert "PRV001" in out and "示例省份年报补充要求" in out
    doc = _cli("rule", "PRV002", "--rule-pack", str(PACK))
    assert "结转到下一年的申请" in doc.stdout.decode()


def test_pack_code_clashing_with_a_builtin_is_rejected(tmp_path, seeds_dir):
    path = tmp_path / "clash.yaml"
    path.write_text("rules:\n  - code: ARI001\n    name: my-sum\n    check: deadline\n    message: m\n"
                    "    date: '01-31'\n", encoding="utf-8")
    result = _cli("check", "--rule-pack", str(path), str(seed("003")))
    assert result.returncode == 2 and "ARI001" in result.stderr.decode()


def _pack(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "kinds.yaml"
    path.write_text("name: 测试规则包\nrules:\n" + body, encoding="utf-8")
    return path


def test_required_section_kind(tmp_path, seeds_dir):
    pack = _pack(tmp_path, "  - code: PCK001\n    name: part-five\n    check: required-section\n    section: 5\n"
                           "    eras: ['2019', '2021']\n    message: 缺少第五部分\n  - code: PCK002\n    name: overview-heading\n"
                           "    check: required-section\n    heading: 情况概述\n    eras: ['2007']\n"
                           "    message: 缺少情况概述\n")
    text = seed("003").read_text(encoding="utf-8")
    assert _lint(text, pack) == []
    lines = text.split("\n")
    assert lines[67] == "五、存在的主要问题及改进情况"
    without = "\n".join(lines[:67] + lines[70:])  # part 五, heading and text
    (finding,) = _lint(without, pack)
    assert finding.code == "PCK001" and finding.span.line == 1  # reported at the title
    old = seed("004").read_text(encoding="utf-8")  # era 2007: 一、情况概述 is a free heading
    assert _lint(old, pack) == []
    (finding,) = _lint(old.replace("情况概述", "基本情况"), pack)
    assert finding.code == "PCK002"


def test_forbidden_phrase_kind_points_at_each_occurrence(tmp_path, seeds_dir):
    pack = _pack(tmp_path, "  - code: PCK003\n    name: no-placeholder\n    check: forbidden-phrase\n"
                           "    phrases: [XX, ××]\n    message: 正文中有未填写的占位符\n")
    text = seed("003").read_text(encoding="utf-8")
    assert _lint(text, pack) == []
    lines = text.split("\n")
    lines[5] = lines[5].replace("100多条", "XX条", 1)
    (finding,) = _lint("\n".join(lines), pack)
    assert (finding.span.line, lines[5][finding.span.column - 1:finding.span.end_column - 1]) == (6, "XX")
    assert "“XX”" in finding.message


def test_identity_rules_apply_only_to_the_eras_that_have_their_tables(tmp_path):
    from linter.packs import load_pack

    pack = _pack(tmp_path, "  - code: PCK004\n    name: reviews\n    check: identity\n    message: m\n"
                           "    expression: 表四.*.总计 >= 表四.*.尚未审结\n"
                           "  - code: PCK005\n    name: fujian\n    check: identity\n    message: m\n"
                           "    expression: 统计表.受理依申请公开信息总数.* >= 统计表.当面申请数.*\n")
    rules = {rule.code: rule for rule in load_pack(str(pack)).rules}
    assert rules["PCK004"].eras == ("2019", "2021") and rules["PCK005"].eras == ("2007",)


def test_the_same_pack_named_twice_counts_once_and_a_clash_between_packs_is_refused(tmp_path, seeds_dir):
    text = seed("003").read_text(encoding="utf-8")
    assert len([d for d in _lint(text, PACK, PACK) if d.code == "PRV001"]) == 1
    other = tmp_path / "other.yaml"
    other.write_text(PACK.read_text(encoding="utf-8").replace("name: 示例省份年报补充要求", "name: 另一个"),
                     encoding="utf-8")
    result = _cli("check", "--rule-pack", str(PACK), "--rule-pack", str(other), str(seed("003")))
    assert result.returncode == 2 and "PRV001" in result.stderr.decode() and "重复" in result.stderr.decode()


def test_inline_test_results_name_the_file_of_a_folder_pack(tmp_path):
    folder = tmp_path / "pack"
    folder.mkdir()
    (folder / "b.yaml").write_text(PACK.read_text(encoding="utf-8"), encoding="utf-8")
    result = _cli("test", str(folder))
    assert result.returncode == 0 and f"{folder / 'b.yaml'}:20: PRV001 通过" in result.stdout.decode()
