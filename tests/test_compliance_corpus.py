"""The compliance rules on every real report: no crash, fast, and the seeds' expected results."""
from __future__ import annotations


import pytest

from linter.engine import lint_bytes, lint_path, parse_source
from linter.source import decode, read_path
from linter.rules import RULES

from helpers import CORPUS, SEEDS, seed

MINE = tuple(rule for rule in RULES if rule.code[:3] in ("SEC", "PER", "FEE"))
CODES = {rule.code for rule in MINE}


def _files():
    return sorted(p for p in list(SEEDS.glob("*")) + list(CORPUS.glob("*")) if p.suffix in (".txt", ".md", ".html"))


def test_all_compliance_rules_are_registered():
    assert CODES == {f"SEC00{n}" for n in range(1, 7)} | {f"PER00{n}" for n in range(1, 6)} | {"FEE001", "FEE002"}


def test_every_rule_documents_itself_in_three_parts():
    for rule in MINE:
        doc = rule.documentation("en")
        for part in ("## What it does", "## Why is this bad?", "## Example"):
            assert part in doc, (rule.code, part)
        assert any(source in doc for source in ("条例", "国办公开办函")), rule.code
        assert rule.severity in ("error", "warning", "info") and rule.summary


def test_every_built_in_rule_is_documented_in_chinese_too():
    import linter.rules as R

    for rule in R.RULES:
        doc = rule.documentation("zh")
        assert all(part in doc for part in ("## 检查内容", "## 为什么要检查", "## 示例")), rule.code
        assert rule.code in {r.code for r in R.RULES} and doc != rule.documentation("en")


def test_no_internal_error_on_any_real_report(seeds_dir, corpus_dir):
    files = _files()
    assert len(files) >= 25
    for path in files:
        result = lint_path(str(path))
        assert not result.crashed, (path.name, result.diagnostics[0].message)
        assert not [d for d in result.diagnostics if d.code == "INT001"], path.name


def test_rules_run_directly_on_every_report_without_raising(seeds_dir, corpus_dir):
    """Each rule on each report, whatever era the engine would pick (odd input on purpose)."""
    for path in _files():
        report = parse_source(read_path(str(path)))
        for rule in MINE:
            for finding in rule().check(report):
                assert finding.code == rule.code
                assert finding.message and finding.span.line >= 1 and finding.span.column >= 1
                assert finding.logical_location  # feeds the fingerprint, never a line number
                assert finding.severity in ("error", "warning", "info")


def _mine(prefix: str) -> dict[str, list]:
    found: dict[str, list] = {}
    for d in lint_path(str(seed(prefix))).diagnostics:
        if d.code in CODES:
            found.setdefault(d.code, []).append(d)
    return found


@pytest.mark.parametrize("prefix, expected", [
    ("000", {"PER001"}),
    ("001", {"PER001"}),
    ("002", {"PER001", "PER004", "SEC003"}),
])
def test_seed_acceptance_expected_rules_fire(seeds_dir, prefix, expected):
    assert expected <= set(_mine(prefix))


def test_seed003_none_of_the_compliance_rules_fires(seeds_dir):
    assert _mine("003") == {}


def test_seed004_era2007_only_item6_info(seeds_dir):
    found = _mine("004")
    assert "FEE001" not in found and "PER003" not in found
    assert set(found) <= {"SEC001"}
    assert [d.severity for d in found.get("SEC001", [])] == ["info"]


ODD_INPUTS = [
    "",
    "一、总体情况",
    "2022年政府信息公开工作年度报告\n统计期限自2022年13月45日起至2022年2月30日止\n发布日期:2023-02-30",
    "某某局2022年政府信息公开工作年度报告\n发布日期:2019-01-01\n一、主动公开政府信息情况\n一、主动公开政府信息情况\n六、\n五、",
    "## 六、其他需要报告的事项\n" * 3 + "2022年，我们将" * 500,
    "某某人民政府2017年政府信息公开工作年度报告\n" + "统计期限" * 2000,
]


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_odd_input_never_crashes_the_compliance_rules(text):
    result = lint_bytes(text.encode("utf-8"), "odd.txt")
    assert not result.crashed, result.diagnostics[0].message
    report = parse_source(decode(text.encode("utf-8"), "odd.txt"))
    for rule in MINE:
        list(rule().check(report))
