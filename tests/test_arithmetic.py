"""Arithmetic identities (ARI001–ARI004, ARI006, ARI007) and the evaluator behind them.

Findings are checked on real reports: seeds (modified where the seed is
correct) and corpus files with documented defects (manifest.tsv notes,
FORMATS.md §3, §8, §9). Positions of modified cells are computed from the
text itself, not from the parser.
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter import arithmetic as A
from linter.ast import Cell, Row, Span
from linter.engine import lint_bytes, lint_path, parse_source
from linter.source import read_path

from helpers import CORPUS, SEEDS, seed

ARI_TABLE = ("ARI001", "ARI002", "ARI003", "ARI004")


def codes(result, *wanted):
    return [d for d in result.diagnostics if d.code in wanted]


def ari(result):
    return [d for d in result.diagnostics if d.code.startswith("ARI")]


# ---------------------------------------------------------------------------
# Editing a pipe-row seed: values of line N, with their columns
# ---------------------------------------------------------------------------

_PIPE_VALUE = re.compile(r"(?:^|(?<=\| ))[^|\s]+(?= \|)")


def pipe_values(line: str) -> list[re.Match]:
    """The value fields of a pipe row (the trailing run of `| v |` fields)."""
    found = [m for m in _PIPE_VALUE.finditer(line) if re.fullmatch(r"[-+\d./—]+", m.group(0))]
    return found


class Edited:
    """A seed's text with some cells replaced; remembers where they are (1-based)."""

    def __init__(self, path: Path):
        self.lines = path.read_text(encoding="utf-8").split("\n")

    def set(self, line: int, index: int, new: str) -> tuple[int, int]:
        text = self.lines[line - 1]
        match = pipe_values(text)[index]
        self.lines[line - 1] = text[:match.start()] + new + text[match.end():]
        return line, match.start() + 1

    def where(self, line: int, index: int) -> tuple[int, int]:
        return line, pipe_values(self.lines[line - 1])[index].start() + 1

    def lint(self):
        return lint_bytes("\n".join(self.lines).encode("utf-8"), "report.txt")


def at(d) -> tuple[int, int]:
    return d.span.line, d.span.column


# seed 003 (pipe rows, all zero): line numbers from FORMATS.md §8.4 / the file
S3_NEW, S3_OPEN, S3_TOTAL, S3_FORWARD, S3_T4 = 38, 40, 61, 62, 67


# ---------------------------------------------------------------------------
# The evaluator
# ---------------------------------------------------------------------------


def _cell(raw: str, line: int = 1, kind: str | None = None, value=None, run_together=False) -> Cell:
    if kind is None:
        kind, value = ("int", int(raw)) if raw.lstrip("-").isdigit() else ("blank", None)
    return Cell(raw, kind, value, Span(line, 1, line, 1 + len(raw)), run_together=run_together)


def _row(values: list[Cell], expected: int | None = None) -> Row:
    return Row("k", "行", "行", Span(1, 1, 1, 2), cells=values, expected=expected)


def test_evaluate_reports_expected_actual_delta_at_the_target():
    a, b, total = _cell("2", 1), _cell("3", 2), _cell("4", 3)
    identity = A.Identity("a+b=t", [A.Term(a, "a"), A.Term(b, "b")], [A.Term(total, "t")])
    outcome = A.evaluate(identity)
    assert isinstance(outcome, A.Outcome) and not outcome.holds
    assert (outcome.expected, outcome.actual, outcome.delta) == (5, 4, -1)
    assert outcome.target.cell is total
    data = outcome.data()
    assert [c["line"] for c in data["cells"]] == [1, 2, 3]
    assert [c["value"] for c in data["cells"]] == [2, 3, 4]
    assert data["blanks_as_zero"] is False


def test_evaluate_solves_for_a_target_with_terms_on_its_own_side():
    # 一 + 二 = 七 + 四  ->  七 should be 一 + 二 − 四
    new, carried, total, forward = (_cell(v) for v in ("20", "1", "19", "3"))
    identity = A.Identity("bal", [A.Term(new, "一"), A.Term(carried, "二")],
                          [A.Term(total, "七"), A.Term(forward, "四")])
    outcome = A.evaluate(identity)
    assert outcome.target.label == "七"
    assert (outcome.expected, outcome.actual, outcome.delta) == (18, 19, 1)
    assert "一 20" in outcome.expression() and "− 四 3" in outcome.expression()


def test_negative_coefficients_and_decimals_are_exact():
    a = Cell("0.1", "decimal", 0.1, Span(1, 1, 1, 4))
    b = Cell("0.2", "decimal", 0.2, Span(2, 1, 2, 4))
    t = Cell("0.3", "decimal", 0.3, Span(3, 1, 3, 4))
    assert A.evaluate(A.Identity("x", [A.Term(a, "a"), A.Term(b, "b")], [A.Term(t, "t")])).holds
    # t − b == a
    outcome = A.evaluate(A.Identity("y", [A.Term(t, "t"), A.Term(b, "b", sign=-1)], [A.Term(a, "a")]))
    assert outcome.holds and outcome.delta == 0


def test_blank_reads_as_zero_and_says_so():
    blank, part, total = _cell(""), _cell("3"), _cell("3")
    outcome = A.evaluate(A.Identity("staff", [A.Term(total, "总")], [A.Term(blank, "专职"), A.Term(part, "兼职")]))
    assert outcome.holds and outcome.only_with_blanks
    assert outcome.data()["blanks_as_zero"] is True
    assert "专职" in outcome.blank_note() and "按 0" in outcome.blank_note()
    assert outcome.data()["cells"][1]["value"] is None and outcome.data()["cells"][1]["blank"] is True


def test_run_together_cell_skips_the_identity():
    merged = _cell("0000", run_together=True, kind="int", value=0)
    identity = A.Identity("x", [A.Term(merged, "a")], [A.Term(_cell("0"), "t")])
    skipped = A.evaluate(identity)
    assert isinstance(skipped, A.Skipped) and "TPL006" in skipped.reason
    record = skipped.record("ARI001")
    assert record["rule"] == "ARI001" and record["identity"] == "x" and len(record["cells"]) == 2


def test_wrong_row_width_skips_the_identity():
    row = _row([_cell("1"), _cell("1")], expected=7)
    identity = A.Identity("x", [A.term(row, 0)], [A.term(row, 1)])
    skipped = A.evaluate(identity)
    assert isinstance(skipped, A.Skipped) and "TPL004" in skipped.reason


def test_missing_cell_skips_the_identity():
    row = _row([_cell("1")], expected=1)
    skipped = A.evaluate(A.Identity("x", [A.term(row, 0)], [A.term(None, 0, label="缺行")]))
    assert isinstance(skipped, A.Skipped) and "缺行" in skipped.reason


def test_inequalities_give_the_bound():
    channel, total = _cell("950"), _cell("947")
    outcome = A.evaluate(A.Identity("chan", [A.Term(channel, "网站")], [A.Term(total, "总数")], "<="))
    assert not outcome.holds
    assert (outcome.expected, outcome.actual) == (950, 947)
    assert "不应小于 950" in A.describe(outcome)
    with pytest.raises(ValueError):
        A.Identity("bad", [A.Term(channel, "a")], [A.Term(total, "b")], "!=")


_VALUES = st.one_of(st.none(), st.integers(-10 ** 20, 10 ** 20))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_VALUES, st.sampled_from([1, -1])), min_size=1, max_size=5),
       st.lists(st.tuples(_VALUES, st.sampled_from([1, -1])), min_size=1, max_size=5),
       st.sampled_from(A.RELATIONS), st.integers(0, 9))
def test_integer_sums_give_the_outcome_of_exact_decimal_sums(left, right, relation, target_at):
    """evaluate() sums int cells as ints; the outcome is the one Decimal arithmetic
    gives for the same numbers (the cells written as Decimals take that path)."""
    def identity(as_decimal: bool) -> A.Identity:
        def side(values):
            out = []
            for k, (value, sign) in enumerate(values):
                cell = (_cell("", kind="blank") if value is None else
                        _cell(str(value), kind="int", value=Decimal(value) if as_decimal else value))
                out.append(A.Term(cell, f"c{k}", None, sign))
            return out
        lhs, rhs = side(left), side(right)
        terms = lhs + rhs
        return A.Identity("x", lhs, rhs, relation, terms[target_at % len(terms)])

    by_int, by_decimal = A.evaluate(identity(False)), A.evaluate(identity(True))
    for field in ("holds", "expected", "actual", "delta", "left", "right"):
        got, want = getattr(by_int, field), getattr(by_decimal, field)
        assert (got, type(got)) == (want, type(want)), field
    assert [t.label for t in by_int.blanks] == [t.label for t in by_decimal.blanks]


def test_skipped_identities_are_recorded_once():
    report = parse_source(read_path(str(seed("000"))))
    identities = list(A.table3_balance_identities(report.table("表三")))
    assert list(A.check_identities(report, "ARI002", identities)) == []
    assert list(A.check_identities(report, "ARI002", identities)) == []
    assert len([r for r in report.skipped_identities if r["rule"] == "ARI002"]) == 7


# ---------------------------------------------------------------------------
# Seeds
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_seeds_000_to_003_give_no_ari_error(seeds_dir, prefix):
    result = lint_path(str(seed(prefix)))
    assert [d for d in ari(result) if d.severity == "error"] == []


def test_seed_000_merged_cells_are_skipped_not_reported(seeds_dir):
    result = lint_path(str(seed("000")))
    assert codes(result, "TPL006")  # the layout saw the merges …
    assert ari(result) == []  # … so no identity was computed over them
    rules = {r["rule"] for r in result.skipped_identities}
    assert {"ARI001", "ARI002", "ARI003", "ARI004"} <= rules
    reasons = " ".join(r["reason"] for r in result.skipped_identities)
    assert "TPL006" in reasons and "TPL004" in reasons  # 表三 merges, 表四 10 of 15 values


def test_seed_001_table4_with_16_values_is_skipped(seeds_dir):
    result = lint_path(str(seed("001")))
    skipped = [r for r in result.skipped_identities if r["rule"] == "ARI004"]
    assert len(skipped) == 3 and all("16" in r["reason"] for r in skipped)


def test_skipped_identities_reach_the_json(seeds_dir):
    from linter.output import format_json
    import json

    document = json.loads(format_json([lint_path(str(seed("000")))]))
    (record,) = document["files"]
    assert record["skipped_identities"]
    assert {"rule", "identity", "reason", "cells"} <= set(record["skipped_identities"][0])


# ---------------------------------------------------------------------------
# ARI001 table 三 row sums
# ---------------------------------------------------------------------------


def test_ari001_fires_on_the_row_total_of_a_modified_seed(seeds_dir):
    edit = Edited(seed("003"))
    changed = edit.set(S3_OPEN, 0, "2")  # (一)予以公开 自然人 0 -> 2, 总计 stays 0
    result = edit.lint()
    (finding,) = codes(result, "ARI001")
    assert at(finding) == edit.where(S3_OPEN, 6)  # the row's 总计 cell
    assert finding.severity == "error"
    assert (finding.data["expected"], finding.data["actual"], finding.data["delta"]) == (2, 0, -2)
    assert finding.logical_location == "表三/（一）予以公开/总计"
    assert "2" in finding.message and "总计" in finding.message
    cells = {(c["line"], c["col"]): c for c in finding.data["cells"]}
    assert cells[changed]["value"] == 2 and cells[changed]["column"] == "自然人"


def test_ari001_silent_on_real_consistent_tables(corpus_dir):
    for name in ("042.html", "043.html"):
        assert codes(lint_path(str(CORPUS / name)), "ARI001") == [], name


# ---------------------------------------------------------------------------
# ARI002 table 三 balance
# ---------------------------------------------------------------------------


def test_ari002_fires_per_column_on_the_total_row(seeds_dir):
    edit = Edited(seed("003"))
    edit.set(S3_NEW, 0, "1")  # 一、本年新收: 自然人 1, 总计 1 (the row itself adds up)
    edit.set(S3_NEW, 6, "1")
    result = edit.lint()
    assert codes(result, "ARI001") == []
    findings = codes(result, "ARI002")
    assert sorted(at(d) for d in findings) == sorted([edit.where(S3_TOTAL, 0), edit.where(S3_TOTAL, 6)])
    for d in findings:
        assert (d.data["expected"], d.data["actual"], d.data["delta"]) == (1, 0, -1)
        assert len(d.data["cells"]) == 4
    assert {d.logical_location for d in findings} == {"表三/（七）总计/自然人", "表三/（七）总计/总计"}


def test_ari002_silent_where_the_balance_holds(corpus_dir):
    # Pingtan 2020 (043.html): 21 + 0 = 21 + 0 holds; only the results are wrong (ARI003)
    assert codes(lint_path(str(CORPUS / "043.html")), "ARI002") == []
    assert codes(lint_path(str(CORPUS / "042.html")), "ARI002") == []


# ---------------------------------------------------------------------------
# ARI003 table 三 results vs （七）总计
# ---------------------------------------------------------------------------


def test_ari003_finds_pingtan_2020_results_not_adding_up(corpus_dir):
    """manifest.tsv 043.html: (一)7+(二)6+(四)7+(五)3+(六)4 = 27 != （七）总计 21 (自然人 26 vs 20)."""
    result = lint_path(str(CORPUS / "043.html"))
    findings = {d.logical_location: d for d in codes(result, "ARI003")}
    assert set(findings) == {"表三/（七）总计/自然人", "表三/（七）总计/总计"}
    person, total = findings["表三/（七）总计/自然人"], findings["表三/（七）总计/总计"]
    assert (person.data["expected"], person.data["actual"], person.data["delta"]) == (26, 20, -6)
    assert (total.data["expected"], total.data["actual"], total.data["delta"]) == (27, 21, -6)
    # each points at its （七）总计 cell, where 20 and 21 stand (digits split over <span>s)
    lines = (CORPUS / "043.html").read_text(encoding="utf-8").split("\n")
    for d, value in ((person, "20"), (total, "21")):
        text = "\n".join(lines[d.span.line - 1:d.span.end_line])
        end = len(text) - len(lines[d.span.end_line - 1]) + d.span.end_column - 1
        written = text[d.span.column - 1:end]
        assert re.sub(r"<[^>]*>|&nbsp;|\s", "", written) == value
    assert len(person.data["cells"]) == 1 + 19  # era 2019: the total and 19 result rows
    assert "26" in person.message and "20" in person.message


def test_ari003_finds_the_same_error_in_the_crawler_text_of_the_same_report(corpus_dir):
    """017.txt is 043.html's crawler text. Its table 三 rows are digit runs that split
    one way only (seven digits for seven cells; （七）总计 "20 0 00 0 121" only as
    20|0|0|0|0|1|21 under its own row sum), so the same T3-RES error is found, and
    the findings say they rest on recovered cells."""
    result = lint_path(str(CORPUS / "017.txt"))
    findings = {d.logical_location: d for d in codes(result, "ARI003")}
    assert set(findings) == {"表三/（七）总计/自然人", "表三/（七）总计/总计"}
    person, total = findings["表三/（七）总计/自然人"], findings["表三/（七）总计/总计"]
    assert (person.data["expected"], person.data["actual"]) == (26, 20)
    assert (total.data["expected"], total.data["actual"]) == (27, 21)
    for finding in (person, total):
        assert finding.provenance == "recovered" and finding.data["recovered_cells"]
        assert "唯一拆分" in finding.message
    line = (CORPUS / "017.txt").read_text(encoding="utf-8").split("\n")[total.span.line - 1]
    assert line[total.span.column - 1:total.span.end_column - 1] == "21"  # the exact digits of the cell
    assert codes(result, "ARI001", "ARI002", "ARI004") == []


def test_ari003_silent_on_pingtan_2021(corpus_dir):
    assert codes(lint_path(str(CORPUS / "042.html")), "ARI003") == []


def test_ari003_fires_on_a_modified_seed_whose_balance_holds(seeds_dir):
    edit = Edited(seed("003"))
    for line in (S3_NEW, S3_TOTAL):  # 一 = （七） = 1 in 自然人 and 总计: rows and balance hold
        edit.set(line, 0, "1")
        edit.set(line, 6, "1")
    result = edit.lint()
    assert codes(result, "ARI001", "ARI002") == []
    findings = codes(result, "ARI003")
    assert sorted(at(d) for d in findings) == sorted([edit.where(S3_TOTAL, 0), edit.where(S3_TOTAL, 6)])
    assert all(d.data["expected"] == 0 and d.data["actual"] == 1 for d in findings)


# ---------------------------------------------------------------------------
# ARI004 table 四
# ---------------------------------------------------------------------------


def test_ari004_fires_on_the_group_total(seeds_dir):
    edit = Edited(seed("003"))
    edit.set(S3_T4, 7, "3")  # 未经复议直接起诉 其他结果 (8th of 15) 0 -> 3
    result = edit.lint()
    (finding,) = codes(result, "ARI004")
    assert at(finding) == edit.where(S3_T4, 9)
    assert finding.logical_location == "表四/未经复议直接起诉/总计"
    assert (finding.data["expected"], finding.data["actual"], finding.data["delta"]) == (3, 0, -3)


def test_ari004_silent_on_real_table4(corpus_dir, seeds_dir):
    # 042.html: 复议 1+0+2+0 = 3, 直接起诉 12+0+0+0 = 12
    assert codes(lint_path(str(CORPUS / "042.html")), "ARI004") == []
    assert codes(lint_path(str(seed("003"))), "ARI004") == []


# ---------------------------------------------------------------------------
# ARI006 blanks
# ---------------------------------------------------------------------------


def test_ari006_on_seed_004_blank_cells(seeds_dir):
    """One finding for the table, listing both blank cells (FORMATS.md §8.5)."""
    (finding,) = codes(lint_path(str(seed("004"))), "ARI006")
    assert [cell["line"] for cell in finding.data["cells"]] == [76, 289]
    assert (finding.span.line, finding.span.end_line) == (76, 289)
    assert finding.severity == "warning"
    assert "政府公报公开政府信息数" in finding.message and "专职人员数" in finding.message


def test_ari006_on_pingtan_2013_blank_cumulative_cell(corpus_dir):
    """manifest.tsv 045.html: one BLANK value cell (&nbsp;) for 政府公报公开 历年累计."""
    (finding,) = codes(lint_path(str(CORPUS / "045.html")), "ARI006")
    (cell,) = finding.data["cells"]
    assert "政府公报公开" in cell["label"] and cell["column"] == "历年累计"


def test_ari006_a_blank_total_is_said_with_its_sum_not_as_an_arithmetic_error(seeds_dir):
    """A total left blank while its parts are filled: one ARI006 that gives the sum
    ("总计未填写，各项之和为 X"), not an ARI005 error. Seed 004's （二）申请办结数 (line
    161, written 0 against 按时办结数 2) blanked."""
    lines = seed("004").read_text(encoding="utf-8").split("\n")
    assert lines[160] == "\t0"
    lines[160] = "\t"
    result = lint_bytes("\n".join(lines).encode("utf-8"), "report.txt")
    (finding,) = codes(result, "ARI006")
    assert "“（二）申请办结数/统计数”未填写，各项之和为 2" in finding.message
    assert 161 in [cell["line"] for cell in finding.data["cells"]]
    assert [d.span.line for d in codes(result, "ARI005")] == [173]  # the other error stays


def test_ari006_on_a_slash_and_identity_messages_say_blank_is_zero(seeds_dir):
    edit = Edited(seed("003"))
    where = edit.set(S3_OPEN, 6, "/")  # (一)予以公开 总计 -> "/"
    result = edit.lint()
    (finding,) = codes(result, "ARI006")
    assert at(finding) == where and "/" in finding.message
    assert [d for d in ari(result) if d.severity == "error"] == []  # 0 was the value: all hold
    (cell,) = finding.data["cells"]
    assert cell["identities"] and all(i["holds_only_with_blanks"] for i in cell["identities"])
    # a blank part of an identity that then fails: its message says the blank was read as 0
    edit.set(S3_OPEN, 6, "2")
    edit.set(S3_OPEN, 0, "/")
    result = edit.lint()
    (row_sum,) = codes(result, "ARI001")
    assert "按 0" in row_sum.message and row_sum.data["blanks_as_zero"] is True


@pytest.mark.parametrize("prefix", ["002", "003"])
def test_ari006_silent_on_complete_seeds(seeds_dir, prefix):
    assert codes(lint_path(str(seed(prefix))), "ARI006") == []


# ---------------------------------------------------------------------------
# ARI007 negative or fractional counts
# ---------------------------------------------------------------------------


def test_ari007_fraction_in_table3(seeds_dir):
    edit = Edited(seed("003"))
    where = edit.set(S3_OPEN, 0, "1.5")
    total = edit.set(S3_OPEN, 6, "1.5")  # the row still adds up: only the fractions are reported
    result = edit.lint()
    findings = codes(result, "ARI007")
    assert sorted(at(d) for d in findings) == sorted([where, total])
    assert all("1.5" in d.message and d.severity == "error" for d in findings)
    assert codes(result, "ARI001") == []


def test_ari007_negative_count_but_not_signed_change(seeds_dir):
    text = seed("001").read_text(encoding="utf-8")
    line35 = text.split("\n")[34]
    assert line35.startswith("其他对外管理服务事项") and "+3" in line35  # FORMATS.md §8.2
    allowed = text.replace("其他对外管理服务事项\t3\t+3", "其他对外管理服务事项\t3\t-3", 1)
    assert codes(lint_bytes(allowed.encode("utf-8"), "r.txt"), "ARI007") == []
    wrong = text.replace("其他对外管理服务事项\t3\t+3", "其他对外管理服务事项\t-3\t+3", 1)
    (finding,) = codes(lint_bytes(wrong.encode("utf-8"), "r.txt"), "ARI007")
    assert finding.span.line == 35 and "-3" in finding.message
    assert finding.logical_location == "表二/其他对外管理服务事项/上一年项目数量"


def test_ari007_silent_on_real_signed_and_money_cells(corpus_dir):
    # 043.html: 本年增/减 -18 and -15, 采购总金额 73802895.90元; 042.html: 24252.311082 万元
    for name in ("042.html", "043.html"):
        assert codes(lint_path(str(CORPUS / name)), "ARI007") == [], name


# ---------------------------------------------------------------------------
# Robustness over every real file
# ---------------------------------------------------------------------------


def _real_files() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt")) + sorted(p for p in CORPUS.glob("*.*") if p.suffix in (".txt", ".md", ".html"))
    return [p for p in files if p.name != "README.md"]


@pytest.mark.parametrize("path", _real_files(), ids=lambda p: p.name)
def test_no_crash_and_no_arithmetic_over_unreliable_rows(path):
    result = lint_path(str(path))
    assert not result.crashed and not codes(result, "INT001")
    report = parse_source(read_path(str(path)))
    unreliable = set()
    for table in report.tables:
        for row in table.rows:
            if any(c.run_together for c in row.cells) or (row.expected is not None and len(row.cells) != row.expected):
                unreliable.update((c.span.line, c.span.column) for c in row.cells)
    for d in ari(result):
        cells = d.data.get("cells") or [d.data.get("cell")]
        positions = {(c["line"], c["col"]) for c in cells if c}
        assert not positions & unreliable, (d.code, d.message)
        assert (d.span.line, d.span.column) not in unreliable
