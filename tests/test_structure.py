"""The one reader of structure (linter/structure.py), the grammar's placement of
parts and tables, and the parser's repairs (linter/parser.py)."""
from __future__ import annotations

import pytest

from linter.structure import find_headings, match_heading, opens_problems_part

from helpers import CORPUS, findings_of, line_of, parse_text, replace_line, seed_text


# -- headings -----------------------------------------------------------------


@pytest.mark.parametrize("line, part, numeral, variant, typo", [
    ("一、总体情况", 1, 1, False, False),
    ("## 二、主动公开政府信息情况", 2, 2, False, False),
    ("**三、收到和处理政府信息公开申请情况**", 3, 3, False, False),
    ("一、主动公开政府信息情况", 2, 1, False, False),  # misnumbered: its words name part 二
    ("（四）因政府信息公开工作被申请行政复议、提起行政诉讼情况", 4, 4, True, False),  # the notice's long form
    ("四、政府信息公开行政法复议、行政诉讼情况", 4, 4, False, True),  # one character added
    ("五、存在的主要问题及改进情况：", 5, 5, False, False),
    ("六、其他需要报告的事项（文字描述，收取信息处理费情况在此处报告。）", 6, 6, False, False),
])
def test_a_heading_names_its_part_by_its_words(line, part, numeral, variant, typo):
    found = match_heading(line)
    assert found is not None
    assert (found.part, found.numeral, found.variant, found.typo) == (part, numeral, variant, typo)
    assert line[found.begin:found.end].lstrip("#* ").startswith(line.lstrip("#* ")[:2])


@pytest.mark.parametrize("line", [
    "(一)主动公开政府信息情况",  # a sub-heading of part 一 (seed 000 line 13)
    "(一)主动公开情况",
    "四部分信息公开发布不及时",  # no separator after 四 (seed 004 line 35)
    "一、本年新收政府信息公开申请数量",  # a table 三 row
    "五、存在的主要问题及改进措施",  # two characters off: not a heading
    "总体情况",  # no numeral
])
def test_what_is_not_a_heading(line):
    assert match_heading(line) is None


def test_headings_inside_a_crawler_line_need_agreeing_numerals():
    line = ("2022年，我区……（一）主动公开政府信息情况方面，……二、主动公开政府信息情况 （一）规章……"
            "四、政府信息公开行政法复议、行政诉讼情况 本年度…")
    found = find_headings(line)
    assert [(h.part, h.typo) for h in found] == [(2, False), (4, True)]
    assert line[found[0].begin:found[0].end] == "二、主动公开政府信息情况"


@pytest.mark.parametrize("cut", [1, 2, 3])
def test_a_line_ending_inside_a_heading_never_matches_past_its_end(cut):
    """Found by the fuzzer (tests/fuzz/regressions/heading-typo-at-end-of-text.txt):
    a line cut inside a heading's words matched "one character substituted"
    beyond the end of the line."""
    line = "本年度工作如下。" * 40 + "二、主动公开政府信息情况"[:-cut]
    for heading in find_headings(line) + [match_heading(line[320:])]:
        assert heading is None or heading.end <= len(line)


def test_a_problems_line_after_table4_opens_part5():
    assert opens_problems_part("（一）主要问题")
    assert opens_problems_part("存在的不足")
    assert not opens_problems_part("本年度未发生行政复议、行政诉讼。")


def test_seed001_typo_in_a_heading_is_sec003_warning(corpus_dir):
    """019.txt writes 行政法复议 in part 四's heading (a crawler line): read as part
    四, reported as a likely typo naming the template heading."""
    (finding,) = findings_of((CORPUS / "019.txt").read_bytes(), "SEC003", "019.txt")
    assert finding.severity == "warning" and finding.data["kind"] == "typo"
    assert "行政法复议" in finding.message and "四、政府信息公开行政复议、行政诉讼情况" in finding.message


# -- parts and tables placed by the grammar -------------------------------------


def test_every_seed_and_corpus_report_has_its_parts_and_tables_placed(seeds_dir, corpus_dir):
    """`parse` shows parts and tables where the grammar placed them: in eras 2019
    and 2021 table 二 in part 二, 三 in 三, 四 in 四, parts in order."""
    from linter.engine import parse_source
    from linter.source import read_path

    paths = sorted(seeds_dir.glob("*.txt")) + sorted(p for p in corpus_dir.glob("0*")
                                                     if p.suffix in (".txt", ".md", ".html"))
    for path in paths:
        report = parse_source(read_path(str(path)))
        if report.era == "2007":
            assert report.tables == [] or {t.kind for t in report.tables} == {"统计表"}, path.name
            continue
        placed = {(t.kind, t.section) for t in report.tables}
        assert placed == {("表二", 2), ("表三", 3), ("表四", 4)}, path.name
        assert [s.part for s in report.sections] == [1, 2, 3, 4, 5, 6], path.name
        for section in report.sections:
            assert all(t.section == section.part for t in section.tables)


def test_a_repeated_header_row_is_a_fragment_not_a_skip(seeds_dir):
    """A page break repeats table 三's header rows between two data rows: the
    table is read in two fragments, joined, with nothing skipped."""
    text = seed_text("003")
    assert line_of(text, 43).startswith("2.其他法律行政法规禁止公开")
    header = "\n".join(text.split("\n")[34:37])  # the three header lines of table 三
    edited = replace_line(text, 43, header + "\n" + line_of(text, 43))
    report = parse_text(edited)
    table = report.table("表三")
    assert table.fragments == 2 and report.problems == []
    assert len([r for r in table.rows if r.cells]) == 25
    assert findings_of(edited, "TPL003") == [] and findings_of(edited, "PRS003") == []


def test_values_without_a_row_are_one_prs003_naming_their_lines(seeds_dir):
    text = seed_text("003")
    orphan = "| 9 | 9 | 9 | 9 | 9 | 9 | 9 |"
    edited = replace_line(text, 45, line_of(text, 45) + "\n" + orphan + "\n" + orphan)
    (finding,) = findings_of(edited, "PRS003")
    assert (finding.severity, finding.provenance) == ("warning", "extraction")
    assert (finding.span.line, finding.span.end_line) == (46, 47)
    assert "第46–47行" in finding.message and "表三" in finding.message
    assert finding.data["tokens"] == 14
    # the rows after the stretch are read, and nothing is claimed missing from the table
    report = parse_text(edited)
    assert report.table("表三").row("t3.carry_forward") is not None
    assert findings_of(edited, "TPL003") == []
    # and the unplaced values were not counted anywhere
    assert [d for d in findings_of(edited, "ARI001")] == []


def test_a_part_out_of_order_is_kept_and_reported(seeds_dir):
    """Part 六 written before part 五: the parse restarts at the out-of-order
    heading, both parts are there, SEC002 says the order is wrong."""
    text = seed_text("003")
    lines = text.split("\n")
    assert lines[67].startswith("五、") and lines[70].startswith("六、")
    moved = "\n".join(lines[:67] + lines[70:72] + lines[67:70] + lines[72:])
    report = parse_text(moved)
    assert [s.part for s in report.sections] == [1, 2, 3, 4, 6, 5]
    (order,) = findings_of(moved, "SEC002")
    assert order.data["kind"] == "order" and order.data["part"] == 5
    assert findings_of(moved, "SEC001") == []


def test_a_report_that_is_not_one_gets_one_finding():
    result = findings_of("会议通知\n请各单位于下周一参加培训。\n", "PRS002")
    assert len(result) == 1
    from linter.engine import lint_bytes

    assert [d.code for d in lint_bytes("会议通知\n请各单位于下周一参加培训。\n".encode(), "n.txt").diagnostics] == [
        "PRS002"]


def test_a_stream_parsed_in_one_go_gives_the_trees_the_token_by_token_parse_gives(corpus_dir):
    """parse_tokens lets Lark parse a report that needs no repair in one go; the
    trees are those of the repairing, token-by-token parse."""
    from linter.engine import parse_source
    from linter.layout import text_blocks
    from linter.lexer import lex
    from linter.parser import get_parser, parse_with_repairs
    from linter.plugins import registry
    from linter.source import read_path

    eras = registry().eras
    in_one_go = 0
    for path in sorted(corpus_dir.glob("0*.txt")) + sorted((corpus_dir.parent / "seeds").glob("*.txt")):
        source = read_path(str(path))
        plugin = eras[parse_source(source).era]
        tokens = lex(text_blocks(source.text), plugin.era)
        parser = get_parser(plugin.grammar)
        trees, problems = parse_with_repairs(tokens, parser)
        try:
            whole = parser.parse(tokens)
        except Exception:  # (a report that needs a repair: the one path there is)
            continue
        in_one_go += 1
        assert (trees, problems) == ([whole], []), path.name
    assert in_one_go >= 15  # (22 of the 24 today)
