"""The rules across reports, on facts made by hand: each fires on a bad pair
and stays silent on a good one."""
from __future__ import annotations

from linter.crossreport import ReportFacts, ReportSet, run_cross_rules
from linter.config import Resolver
from rules.crs001_carry_over_mismatch import CarryOverMismatch
from rules.crs002_stock_roll_forward import StockRollForward
from rules.crs003_cumulative_break import CumulativeBreak, readings
from rules.crs004_copied_text import CopiedText
from rules.crs005_identical_tables import IdenticalTables
from rules.crs006_summary_vs_departments import SummaryVsDepartments


def cell(value, line=30, column=5, raw=None, run_together=False):
    return [value, raw if raw is not None else str(value), line, column, line, column + 2, "source", run_together]


def row(*cells, label="行"):
    return {"label": label, "line": cells[0][2] if cells else 1, "expected": len(cells), "cells": list(cells)}


def report(path, year, era="2021", unit="甲县", tables=None, parent=None, paragraphs=(), table_prints=()):
    facts = {"era": era, "year": year, "agency": unit, "tables": tables or {}, "paragraphs": list(paragraphs),
             "table_prints": list(table_prints), "title": [1, 1, 1, 20]}
    return ReportFacts(path, unit, unit, "地区", year, facts, parent)


def table3(carried_over=None, carry_forward=None, new=None):
    rows = {}
    for key, values in (("t3.carried_over", carried_over), ("t3.carry_forward", carry_forward), ("t3.new", new)):
        if values is not None:
            rows[key] = row(*(cell(v, column=5 + 3 * k) for k, v in enumerate(values)))
    return {"表三": {"columns": [], "rows": rows}}


def found(rule, *reports):
    return list(rule().check_reports(ReportSet(list(reports))))


def test_carry_over_must_equal_last_years_carry_forward():
    last = report("2023.txt", 2023, tables=table3(carry_forward=[1, 0, 0, 0, 0, 0, 1]))
    good = report("2024.txt", 2024, tables=table3(carried_over=[1, 0, 0, 0, 0, 0, 1]))
    bad = report("2024.txt", 2024, tables=table3(carried_over=[0, 0, 0, 0, 0, 0, 0]))
    assert found(CarryOverMismatch, last, good) == []
    findings = found(CarryOverMismatch, last, bad)
    assert [(path, d.logical_location) for path, d in findings] == [
        ("2024.txt", "表三/二、上年结转/自然人"), ("2024.txt", "表三/二、上年结转/总计")]
    assert findings[0][1].data["related"] == "2023.txt"
    # a cell that could not be read is not compared; another unit's report is not last year's
    unread = report("2024.txt", 2024, tables=table3(carried_over=[None, 0, 0, 0, 0, 0, 0]))
    assert [d.logical_location for _, d in found(CarryOverMismatch, last, unread)] == ["表三/二、上年结转/总计"]
    assert found(CarryOverMismatch, last, report("2024.txt", 2024, unit="乙县", tables=bad.facts["tables"])) == []


def table2(rules):
    return {"表二": {"columns": [], "rows": {"t2.rules": row(*(cell(v) for v in rules), label="规章")}}}


def test_stock_of_documents_rolls_forward():
    last = report("2023.txt", 2023, tables=table2([1, 0, 10]))
    assert found(StockRollForward, last, report("2024.txt", 2024, tables=table2([3, 1, 12]))) == []
    (path, finding), = found(StockRollForward, last, report("2024.txt", 2024, tables=table2([3, 1, 30])))
    assert path == "2024.txt" and finding.data["expected"] == 12 and finding.severity == "warning"
    # the 2019 template has no 现行有效件数: not compared
    assert found(StockRollForward, report("a", 2019, era="2019", tables=table2([1, 0, 10])),
                 report("b", 2020, era="2019", tables=table2([3, 1, 30]))) == []


def fujian(*cells):
    return {"统计表": {"columns": ["年度", "历年累计"], "rows": {"t7f.proactive": row(*cells, label="主动公开文件数")}}}


def test_readings_of_glued_cells():
    assert readings(row(cell(2122), cell(10037)), 1) == [(2122, 10037)]
    glued = readings(row(cell(None, raw="212210037", run_together=True)), 1)
    assert (2122, 10037) in glued and (21221, 37) not in glued  # 年度 ≤ 历年累计; no leading zeros
    assert readings(row(cell(None, raw="01", run_together=True)), 1) == [(0, 1)]


def test_cumulative_must_continue_last_years():
    last = report("2016.txt", 2016, era="2007", tables=fujian(cell(3460), cell(85376)))
    good = report("2017.txt", 2017, era="2007", tables=fujian(cell(2122), cell(87498)))
    assert found(CumulativeBreak, last, good) == []
    glued_good = report("2017.txt", 2017, era="2007", tables=fujian(cell(None, raw="212287498", run_together=True)))
    assert found(CumulativeBreak, last, glued_good) == []  # one cut continues the total: no claim
    glued_bad = report("2017.txt", 2017, era="2007", tables=fujian(cell(None, raw="212210037", run_together=True)))
    (_, finding), = found(CumulativeBreak, last, glued_bad)
    assert (finding.data["found"], finding.data["expected"]) == (10037, 87498)
    assert finding.provenance == "recovered"


def test_copied_text_needs_enough_passages_and_names_the_source():
    pieces = [(1000 + k, 10, 5 + 100 * k, 10, 60 + 100 * k, 70) for k in range(4)]
    last = report("2016.txt", 2016, paragraphs=pieces)
    copy = report("2017.txt", 2017, paragraphs=[(p[0], 12, p[2], 12, p[4], 70) for p in pieces])
    (path, finding), = found(CopiedText, last, copy)
    assert path == "2017.txt" and finding.data["related"] == "2016.txt" and len(finding.data["passages"]) == 4
    assert (finding.span.line, finding.span.column) == (12, 5)
    two = report("2017.txt", 2017, paragraphs=[(p[0], 12, p[2], 12, p[4], 70) for p in pieces[:2]])
    assert found(CopiedText, last, two) == []  # fewer than min-passages (3)
    assert found(CopiedText, last, report("2017.txt", 2017, paragraphs=[(9, 1, 1, 1, 9, 70)])) == []


def test_identical_tables_of_different_units():
    table = [(77, "统计表", 40, 1, 60, 5)]
    one = report("a.txt", 2011, unit="平潭综合实验区", table_prints=table)
    other = report("b.txt", 2011, unit="平潭县", table_prints=table)
    (path, finding), = found(IdenticalTables, one, other)
    assert path == "b.txt" and finding.data["related"] == "a.txt" and finding.span.line == 40
    assert found(IdenticalTables, one, report("b.txt", 2011, unit="平潭综合实验区", table_prints=table)) == []
    assert found(IdenticalTables, one, report("b.txt", 2011, unit="平潭县", table_prints=[(78, "统计表", 4, 1, 6, 5)])) == []


def test_summary_against_departments_is_information():
    government = report("gov.txt", 2024, unit="甲县", tables=table3(new=[5, 0, 0, 0, 0, 0, 70]))
    parts = [report(f"d{k}.txt", 2024, unit=f"甲县{k}局", parent="甲县", tables=table3(new=[0, 0, 0, 0, 0, 0, 32]))
             for k in range(2)]
    (path, finding), = found(SummaryVsDepartments, government, *parts)
    assert path == "gov.txt" and finding.severity == "info" and finding.data["expected"] == 64
    parts[1].facts["tables"]["表三"]["rows"]["t3.new"]["cells"][6][0] = 38
    assert found(SummaryVsDepartments, government, *parts) == []


def test_selection_and_fingerprints_apply_to_cross_findings(tmp_path):
    last = report(str(tmp_path / "2016.txt"), 2016, era="2007", tables=fujian(cell(3460), cell(85376)))
    bad = report(str(tmp_path / "2017.txt"), 2017, era="2007", tables=fujian(cell(2122), cell(10037)))
    rules = [CumulativeBreak, CopiedText]
    by_path = run_cross_rules(ReportSet([last, bad]), rules, Resolver(isolated=True))
    (diagnostic,) = by_path[bad.path]
    assert diagnostic.code == "CRS003" and diagnostic.fingerprint
    quiet = run_cross_rules(ReportSet([last, bad]), rules, Resolver(isolated=True, overrides=[("ignore", ["CRS003"])]))
    assert quiet == {}


class _Broken(CopiedText):
    code = "CRS999"
    name = "broken-for-the-test"

    def check_reports(self, reports):
        raise RuntimeError("a bug")
        yield  # (a generator, as rules are)


def test_a_rule_across_reports_that_raises_costs_its_own_findings_only(tmp_path):
    last = report(str(tmp_path / "2016.txt"), 2016, era="2007", tables=fujian(cell(3460), cell(85376)))
    bad = report(str(tmp_path / "2017.txt"), 2017, era="2007", tables=fujian(cell(2122), cell(10037)))
    by_path = run_cross_rules(ReportSet([last, bad]), [_Broken, CumulativeBreak], Resolver(isolated=True))
    assert [d.code for d in by_path[bad.path]] == ["CRS003"]
    (failure,) = by_path[last.path]  # on the first report, naming the rule
    assert failure.code == "INT001" and failure.data["rule"] == "CRS999"


def test_the_rosters_verdicts_become_findings_on_their_report_and_nowhere_else():
    from rules.crs007_report_for_other_year import WrongYear
    from rules.crs008_duplicate_report import DuplicateReport
    from rules.crs009_unit_not_on_roster import UnlistedUnit
    from rules.crs010_unit_not_identified import NoUnit

    reports = [report("a.txt", 2024), report("b.txt", 2024), report("c.txt", 2024)]
    problems = {"b.txt": [{"path": "b.txt", "kind": "duplicate", "message": "重复", "other": "a.txt"}],
                "c.txt": [{"path": "c.txt", "kind": "unlisted", "message": "名单外", "other": None}]}
    verdicts = ReportSet(reports, problems)
    (path, finding), = DuplicateReport().check_reports(verdicts)
    assert path == "b.txt" and finding.data["related"] == "a.txt" and finding.span.line == 1
    assert [p for p, _ in UnlistedUnit().check_reports(verdicts)] == ["c.txt"]
    assert list(WrongYear().check_reports(verdicts)) == [] and list(NoUnit().check_reports(verdicts)) == []
    assert list(DuplicateReport().check_reports(ReportSet(reports))) == []  # no verdicts, no findings
