"""SEC001–SEC005 (required parts, order, heading variants, part 五, part 一 length) on modified real reports."""
from __future__ import annotations

from helpers import CORPUS, findings_of, line_of, parse_text, replace_line, seed_text, seed


# -- SEC001 ---------------------------------------------------------------


def test_sec001_silent_on_complete_reports(seeds_dir):
    for prefix in ("000", "001", "002", "003"):
        assert findings_of(seed(prefix).read_bytes(), "SEC001") == [], prefix


def test_sec001_error_when_part5_heading_is_removed(seeds_dir):
    text = seed_text("003")
    assert line_of(text, 68) == "五、存在的主要问题及改进情况"
    (finding,) = findings_of(replace_line(text, 68, ""), "SEC001")
    assert finding.severity == "error"
    assert finding.data["part"] == 5 and "五、存在的主要问题及改进情况" in finding.message
    assert (finding.span.line, finding.span.column) == (71, 1)  # where it belongs: before part 六
    assert finding.logical_location == "第五部分"


def test_sec001_each_missing_part_once(seeds_dir):
    text = seed_text("003")
    for number in (68, 71):  # parts 五 and 六
        text = replace_line(text, number, "")
    findings = findings_of(text, "SEC001")
    assert sorted(f.data["part"] for f in findings) == [5, 6]
    assert all(f.severity == "error" for f in findings)


def test_a_lost_heading_whose_table_is_there_is_sec006_not_sec001(seeds_dir):
    """Without ``四、…`` table 四 still stands: part 四 is there, its heading is not."""
    text = replace_line(seed_text("003"), 63, "")
    assert findings_of(text, "SEC001") == []
    (finding,) = findings_of(text, "SEC006")
    assert finding.data["part"] == 4 and finding.severity == "warning"
    assert finding.span.line == 65  # where table 四 can first be told apart (未经复议直接起诉)
    assert findings_of(text, "TPL002") == []


def test_part5_after_table4_without_its_heading_is_found_by_its_content(corpus_dir):
    """Corpus 002.md: after table 四, （一）主要问题 / （二）改进情况 with no part 五 heading."""
    (finding,) = findings_of((CORPUS / "002.md").read_bytes(), "SEC006", "002.md")
    assert finding.data["part"] == 5 and finding.span.line == 192
    assert findings_of((CORPUS / "002.md").read_bytes(), "SEC001", "002.md") == []


def test_sec001_era2007_only_info_for_item6_on_seed004(seeds_dir):
    (finding,) = findings_of(seed("004").read_bytes(), "SEC001")
    assert finding.severity == "info" and finding.data["item"] == "（六）"
    # a sentence on 其他需要报告的事项 silences it
    text = replace_line(seed_text("004"), 36, "四、其他需要报告的事项：无。")
    assert findings_of(text, "SEC001") == []


def test_sec001_era2007_error_when_problems_and_improvements_are_gone(seeds_dir):
    text = seed_text("004")
    assert "存在的问题" in line_of(text, 33)
    for number in (33, 35, 37):  # heading, problems, improvements
        text = replace_line(text, number, "")
    findings = {f.data["item"]: f for f in findings_of(text, "SEC001")}
    assert findings["（五）"].severity == "error"
    assert findings["（五）"].span.line == 1  # the title: the report as a whole lacks it
    assert findings["（五）"].logical_location == "第三十二条（五）"


def test_sec001_outline_sentence_does_not_count_as_content(seeds_dir):
    # Line 5 of seed 004 lists the parts; removing the body paragraph on
    # 复议/诉讼 must make item （四） missing although the outline names it.
    text = seed_text("004")
    assert "行政复议" in line_of(text, 29)
    text = replace_line(text, 29, "")
    report = parse_text(text)
    from linter.rules.sec001_missing_section import MissingSection
    items = [f.data["item"] for f in MissingSection().check(report)]
    assert report.table("统计表") is not None  # its labels (四、行政复议数量) are not prose
    assert "（四）" in items


# -- SEC002 ---------------------------------------------------------------


def test_sec002_silent_on_seeds(seeds_dir):
    # seed 000's part 一 has the sub-heading "(一)主动公开政府信息情况": not a heading
    for prefix in ("000", "001", "002", "003"):
        assert findings_of(seed(prefix).read_bytes(), "SEC002") == [], prefix


def test_sec002_parts_shifted_to_one_through_five(seeds_dir):
    text = seed_text("003")
    for number, numeral in ((19, "一"), (34, "二"), (63, "三"), (68, "四"), (71, "五")):
        line = line_of(text, number)
        text = replace_line(text, number, numeral + line[1:])
    findings = findings_of(text, "SEC002")
    assert [f.span.line for f in findings] == [19, 34, 63, 68, 71]
    assert all(f.data["kind"] == "misnumbered" for f in findings)
    assert "应为“二、主动公开政府信息情况”" in findings[0].message
    # the parts are still there, only misnumbered
    assert findings_of(text, "SEC001") == []


def test_sec002_duplicate_and_out_of_order(seeds_dir):
    text = replace_line(seed_text("003"), 18, "一、总体情况")
    (duplicate,) = findings_of(text, "SEC002")
    assert (duplicate.span.line, duplicate.data["kind"]) == (18, "duplicate")

    text = seed_text("003")
    four, five = line_of(text, 63), line_of(text, 68)
    text = replace_line(replace_line(text, 63, five), 68, four)
    (order,) = findings_of(text, "SEC002")
    assert (order.span.line, order.data["kind"]) == (68, "order")


def test_sec002_corpus_report_with_parts_numbered_from_one(corpus_dir):
    # 002.md numbers parts 二–六 as 一–五 after its 一、总体情况 (a real report)
    findings = findings_of((CORPUS / "002.md").read_bytes(), "SEC002", "002.md")
    assert [f.span.line for f in findings] == [73, 91, 180, 205]


# -- SEC003 ---------------------------------------------------------------


def test_sec003_names_the_canonical_heading(seeds_dir):
    (finding,) = findings_of(seed("002").read_bytes(), "SEC003")
    assert (finding.span.line, finding.severity) == (50, "info")
    assert "四、政府信息公开行政复议、行政诉讼情况" in finding.message


def test_sec003_long_form_in_a_modified_report(seeds_dir):
    text = replace_line(seed_text("003"), 68, "五、政府信息公开工作存在的主要问题及改进情况")
    (finding,) = findings_of(text, "SEC003")
    assert finding.span.line == 68 and finding.data["canonical"] == "五、存在的主要问题及改进情况"
    assert findings_of(seed("003").read_bytes(), "SEC003") == []


# -- SEC004 ---------------------------------------------------------------


def test_sec004_silent_on_a_specific_part5(seeds_dir):
    for prefix in ("000", "001", "002", "003"):
        assert findings_of(seed(prefix).read_bytes(), "SEC004") == [], prefix


def test_sec004_part5_that_says_nothing(seeds_dir):
    text = replace_line(replace_line(seed_text("003"), 69, "无。"), 70, "")
    (finding,) = findings_of(text, "SEC004")
    assert (finding.span.line, finding.data["kind"]) == (69, "nothing")
    assert finding.logical_location == "第五部分"


def test_sec004_one_sentence(seeds_dir):
    text = replace_line(replace_line(seed_text("003"), 69, "我局将继续做好政府信息公开工作。"), 70, "")
    (finding,) = findings_of(text, "SEC004")
    assert (finding.span.line, finding.data["kind"]) == (69, "one-sentence")


def test_sec004_empty_part5(seeds_dir):
    text = replace_line(replace_line(seed_text("003"), 69, ""), 70, "")
    (finding,) = findings_of(text, "SEC004")
    assert (finding.span.line, finding.data["kind"]) == (68, "empty")  # the heading


# -- SEC005 ---------------------------------------------------------------


def test_sec005_silent_on_a_short_part1(seeds_dir):
    assert findings_of(seed("003").read_bytes(), "SEC005") == []


def test_sec005_long_part1(seeds_dir):
    text = seed_text("003")
    text = replace_line(text, 6, line_of(text, 6) + "做好信息发布工作。" * 40)
    (finding,) = findings_of(text, "SEC005")
    assert (finding.span.line, finding.severity) == (4, "info")
    assert finding.data["characters"] > 1000


def test_sec005_limit_from_options(seeds_dir):
    from linter.rules.sec005_long_overview import LongOverview

    report = parse_text(seed_text("003"))
    assert list(LongOverview().check(report)) == []
    (finding,) = LongOverview(options={"max-chars": 500}).check(report)
    assert finding.data["limit"] == 500
    assert LongOverview.option_problems({"max-chars": "oops"})  # refused before any report is read (exit 2)
