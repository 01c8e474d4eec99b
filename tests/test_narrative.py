"""ARI005 (era-2007 statistics tables) and TXT001–TXT003 (narrative vs tables), on real reports."""
from __future__ import annotations

import pytest

from linter.engine import lint_bytes, lint_path, parse_source
from linter import narrative as N
from linter.source import read_path

from helpers import CORPUS, seed


def codes(result, *wanted):
    return [d for d in result.diagnostics if d.code in wanted]


def lines_of(path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def lint_lines(lines: list[str]):
    return lint_bytes("\n".join(lines).encode("utf-8"), "report.txt")


def set_cell_line(lines: list[str], line: int, value: str) -> None:
    """Seed 004 writes each cell on its own line, prefixed with a tab."""
    assert lines[line - 1].startswith("\t")
    lines[line - 1] = "\t" + value


# ---------------------------------------------------------------------------
# ARI005
# ---------------------------------------------------------------------------


def test_ari005_seed_004_exactly_two_errors(seeds_dir):
    """FORMATS.md §8.5: 申请办结数 0 ≠ 2 + 0 (line 161); 申请答复数 0 ≠ 2 (line 173)."""
    findings = codes(lint_path(str(seed("004"))), "ARI005")
    assert [(d.span.line, d.span.column, d.severity) for d in findings] == [(161, 2, "error"), (173, 2, "error")]
    done, answers = findings
    assert (done.data["expected"], done.data["actual"], done.data["delta"]) == (2, 0, -2)
    assert (answers.data["expected"], answers.data["actual"]) == (2, 0)
    assert sorted(c["line"] for c in done.data["cells"]) == [161, 165, 169]
    assert len(answers.data["cells"]) == 9 and "申请答复数" in answers.message


def test_ari005_silent_once_seed_004_is_corrected(seeds_dir):
    lines = lines_of(seed("004"))
    set_cell_line(lines, 161, "2")
    set_cell_line(lines, 173, "2")
    assert codes(lint_lines(lines), "ARI005") == []


def test_ari005_staff_total_with_a_blank_part(seeds_dir):
    lines = lines_of(seed("004"))
    set_cell_line(lines, 285, "4")  # 从事…人员数 4, but 专职 (blank) + 兼职 3
    staff = [d for d in codes(lint_lines(lines), "ARI005") if d.span.line == 285]
    (finding,) = staff
    assert finding.data["expected"] == 3 and finding.data["actual"] == 4
    assert "按 0" in finding.message and finding.data["blanks_as_zero"]


def test_ari005_channel_above_total_is_a_warning(seeds_dir):
    lines = lines_of(seed("004"))
    set_cell_line(lines, 80, "950")  # 政府网站公开 950 > 主动公开 947 (line 60)
    (finding,) = [d for d in codes(lint_lines(lines), "ARI005") if d.severity == "warning"]
    assert finding.span.line == 60 and "950" in finding.message and "947" in finding.message


def test_ari005_fujian_table_total(corpus_dir):
    lines = lines_of(CORPUS / "007.txt")
    old = "受理依申请公开信息总数 条 0 0"
    assert old in lines[9]
    column = lines[9].index(old) + len("受理依申请公开信息总数 条 ") + 1
    lines[9] = lines[9].replace(old, "受理依申请公开信息总数 条 3 0")
    (finding,) = codes(lint_lines(lines), "ARI005")
    assert (finding.span.line, finding.span.column) == (10, column)
    assert finding.data["expected"] == 0 and finding.data["actual"] == 3 and "年度" in finding.message


@pytest.mark.parametrize("name", ["004.txt", "007.txt", "010.txt", "011.txt", "045.html"])
def test_ari005_silent_on_consistent_fujian_tables(corpus_dir, name):
    assert codes(lint_path(str(CORPUS / name)), "ARI005") == []


def test_ari006_on_seed_004_names_the_staff_identity(seeds_dir):
    (blanks,) = codes(lint_path(str(seed("004"))), "ARI006")
    assert "A-STAFF" in blanks.message and "仅在按 0 计算时成立" in blanks.message
    (staff,) = [cell for cell in blanks.data["cells"] if cell["line"] == 289]
    assert [i["holds_only_with_blanks"] for i in staff["identities"]] == [True]


# ---------------------------------------------------------------------------
# Narrative extraction
# ---------------------------------------------------------------------------


def test_statements_of_pingtan_2021(corpus_dir):
    """manifest 042.html: narrative '收到70件，办结69件，1件结转'."""
    found = {(s.quantity, s.value) for s in N.statements(parse_source(read_path(str(CORPUS / "042.html"))))}
    assert {("new", 70), ("completed", 69), ("carry_forward", 1)} <= found


def test_statements_ignore_other_business(corpus_dir):
    # 011.txt: 行政服务中心 "共受理申请121510件"; 007.txt: "累计办结9542件"
    for name, value in (("011.txt", 121510), ("007.txt", 9542)):
        values = {s.value for s in N.statements(parse_source(read_path(str(CORPUS / name))))}
        assert value not in values, name


# ---------------------------------------------------------------------------
# TXT001
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name, line", [("045.html", None), ("010.txt", 10)])
def test_txt001_pingtan_2013_narrative_vs_table(corpus_dir, name, line):
    """manifest 045.html/010.txt: 主动公开4970条 vs table 72804; 收到1份行政复议申请 vs 行政复议数 0."""
    findings = {d.data["quantity"]: d for d in codes(lint_path(str(CORPUS / name)), "TXT001")}
    assert set(findings) == {"proactive", "review"}
    assert (findings["proactive"].data["stated"], findings["proactive"].data["table"]) == (4970, 72804)
    assert (findings["review"].data["stated"], findings["review"].data["table"]) == (1, 0)
    assert all(d.severity == "warning" for d in findings.values())
    assert "4970" in findings["proactive"].message and "72804" in findings["proactive"].message
    if line is not None:
        text = lines_of(CORPUS / name)[line - 1]
        d = findings["proactive"]
        assert d.span.line == line and text[d.span.column - 1:].startswith("4970")


def test_txt001_pingtan_2012_proactive(corpus_dir):
    """manifest 007.txt: narrative 主动公开1913 but table 739."""
    (finding,) = codes(lint_path(str(CORPUS / "007.txt")), "TXT001")
    assert (finding.data["stated"], finding.data["table"]) == (1913, 739)


def test_txt001_on_a_modified_seed(seeds_dir):
    lines = lines_of(seed("004"))
    assert "收到依申请公开信息2件" in lines[26]
    lines[26] = lines[26].replace("收到依申请公开信息2件", "收到依申请公开信息3件")
    (finding,) = codes(lint_lines(lines), "TXT001")
    assert finding.span.line == 27 and lines[26][finding.span.column - 1] == "3"
    assert finding.data["table"] == 2 and finding.data["stated"] == 3


@pytest.mark.parametrize("name", ["042.html", "043.html", "004.txt", "011.txt"])
def test_txt001_silent_where_text_and_table_agree(corpus_dir, name):
    assert codes(lint_path(str(CORPUS / name)), "TXT001") == []


def test_txt_silent_on_seeds(seeds_dir):
    for prefix in ("000", "001", "002", "003", "004"):
        assert codes(lint_path(str(seed(prefix))), "TXT001", "TXT002", "TXT003") == [], prefix


# ---------------------------------------------------------------------------
# TXT002
# ---------------------------------------------------------------------------

S3_NEW, S3_OPEN, S3_TOTAL, S3_FORWARD, S3_T4 = 38, 40, 61, 62, 67


def _pipe_set(lines: list[str], line: int, values: dict[int, str]) -> None:
    label, *cells = lines[line - 1].split(" | ")
    numbers = [k for k, c in enumerate(cells) if c.strip(" |").isdigit()]
    if label.strip().isdigit():  # table 四: no label
        cells.insert(0, label)
        numbers = [k for k, c in enumerate(cells) if c.strip(" |").isdigit()]
        label = None
    for index, value in values.items():
        k = numbers[index]
        cells[k] = cells[k].replace(cells[k].strip(" |"), value, 1)
    lines[line - 1] = " | ".join(([label] if label is not None else []) + cells)


def test_txt002_no_applications_but_table_has_some(seeds_dir):
    lines = lines_of(seed("003"))
    for line in (S3_NEW, S3_OPEN, S3_TOTAL):  # a consistent table with one application
        _pipe_set(lines, line, {0: "1", 6: "1"})
    result = lint_lines(lines)
    assert [d for d in result.diagnostics if d.code.startswith("ARI")] == []
    (finding,) = codes(result, "TXT002")
    assert finding.span.line == 8 and finding.severity == "error"
    assert lines[7][finding.span.column - 1:].startswith("未收到依申请公开")
    assert finding.data["actual"] == 1


@pytest.mark.parametrize("sentence", [
    "依申请公开工作中,对于未收到补正材料的申请,按规定不再处理。",  # about a supplement, not applications
    "依申请公开工作中,如未收到申请人补正的,视为放弃申请。",  # a condition
    "依申请公开工作中,均在收到申请后15个工作日内答复。",  # a deadline, not a number of applications
])
def test_txt_no_false_alarm_from_supplements_conditions_and_deadlines(seeds_dir, sentence):
    lines = lines_of(seed("003"))
    for line in (S3_NEW, S3_OPEN, S3_TOTAL):  # a consistent table with one application
        _pipe_set(lines, line, {0: "1", 6: "1"})
    lines[7] = lines[7].replace("2022年我局未收到依申请公开件", "2022年我局收到依申请公开件1件")
    lines.insert(8, sentence)
    result = lint_lines(lines)
    assert codes(result, "TXT001", "TXT002", "TXT003") == []
    # the same table with the denial the report really makes is a contradiction
    lines[7] = lines[7].replace("2022年我局收到依申请公开件1件", "2022年我局未收到依申请公开件")
    assert [d.code for d in codes(lint_lines(lines), "TXT002")] == ["TXT002"]


def test_txt002_no_review_but_table4_has_one(seeds_dir):
    lines = lines_of(seed("003"))
    _pipe_set(lines, S3_T4, {0: "1", 4: "1"})
    (finding,) = codes(lint_lines(lines), "TXT002")
    assert finding.span.line == 8 and finding.data["claim"] == "no_review"


@pytest.mark.parametrize("results, fires", [
    ({0: "1", 4: "1"}, False),  # one case, upheld
    ({1: "1", 4: "1"}, True),  # one case, corrected
    ({3: "1", 4: "1"}, True),  # one case, not yet decided
])
def test_txt002_reviews_said_to_be_upheld(seeds_dir, results, fires):
    lines = lines_of(seed("003"))
    lines[7] = lines[7].replace("2022年我局未收到依申请公开件,全年未发生政府信息公开的行政复议、行政诉讼",
                                "2022年我局未收到依申请公开件,政府信息公开行政复议案件均被维持")
    _pipe_set(lines, S3_T4, results)
    found = codes(lint_lines(lines), "TXT002")
    assert [d.data["claim"] for d in found] == (["review_upheld"] if fires else [])


def test_txt002_all_completed_but_one_carried_forward(seeds_dir):
    lines = lines_of(seed("003"))
    lines[7] = lines[7].replace("2022年我局未收到依申请公开件", "2022年我局收到依申请公开件1件,均已办结")
    _pipe_set(lines, S3_NEW, {0: "1", 6: "1"})
    _pipe_set(lines, S3_FORWARD, {0: "1", 6: "1"})
    result = lint_lines(lines)
    assert [d for d in result.diagnostics if d.code.startswith("ARI")] == []
    (finding,) = codes(result, "TXT002")
    assert finding.data["claim"] == "all_completed" and "均已办结" in finding.message


@pytest.mark.parametrize("name", ["004.txt", "007.txt", "010.txt", "012.txt", "042.html"])
def test_txt002_silent_on_real_reports(corpus_dir, name):
    assert codes(lint_path(str(CORPUS / name)), "TXT002") == []


# ---------------------------------------------------------------------------
# TXT003
# ---------------------------------------------------------------------------


def test_txt003_same_quantity_twice(seeds_dir):
    lines = lines_of(seed("004"))
    assert lines[30].startswith("4.政府信息公开的收费及减免情况")
    lines[30] += "本年度共收到依申请公开信息3件。"
    result = lint_lines(lines)
    (finding,) = codes(result, "TXT003")
    assert finding.span.line == 31 and finding.data["expected"] == 2 and finding.data["actual"] == 3
    assert [s["line"] for s in finding.data["statements"]] == [27, 31]


@pytest.mark.parametrize("name", ["007.txt", "010.txt", "022.txt", "042.html"])
def test_txt003_silent_on_real_reports(corpus_dir, name):
    assert codes(lint_path(str(CORPUS / name)), "TXT003") == []
