"""FEE001 (fee statements) and FEE002 (table 三 （六）2 vs part 六) on modified real reports."""
from __future__ import annotations

from helpers import CORPUS, findings_of, line_of, replace_line, seed_text, seed


# -- FEE001 ---------------------------------------------------------------


def test_fee001_silent_on_the_real_phrasings(seeds_dir):
    # 000 政府信息处理费, 002 信息公开处理费, 003 信息处理费, 004 全部免费 (era 2007),
    # 001 part 六 "无" (era 2019: nothing required)
    for prefix in ("000", "001", "002", "003", "004"):
        assert findings_of(seed(prefix).read_bytes(), "FEE001") == [], prefix


def test_fee001_error_for_a_bare_none_in_part6(seeds_dir):
    text = seed_text("003")
    assert line_of(text, 72) == "本年度未收取信息处理费。"
    (finding,) = findings_of(replace_line(text, 72, "无"), "FEE001")
    assert finding.severity == "error"
    assert (finding.span.line, finding.span.column) == (72, 1)
    assert finding.logical_location == "第六部分" and "信息处理费" in finding.message


def test_fee001_amounts_in_yuan_are_a_statement(seeds_dir):
    text = replace_line(seed_text("003"), 72, "2022年全区实际收取信息处理费共计400元。")
    assert findings_of(text, "FEE001") == []


def test_fee001_part6_missing_and_no_statement_anywhere(seeds_dir):
    text = replace_line(replace_line(seed_text("003"), 71, ""), 72, "")
    (finding,) = findings_of(text, "FEE001")
    assert finding.data["where"] == "report" and finding.span.line == 1


def test_fee001_era2019_needs_nothing(seeds_dir):
    assert line_of(seed_text("001"), 102) == "无"
    assert findings_of(seed("001").read_bytes(), "FEE001") == []


def test_fee001_era2007_statement_in_prose_or_in_the_fujian_fee_row(corpus_dir):
    # Pingtan 2015 states it under its own heading and in its Fujian table row
    # 政府信息公开收费减免金额; either is enough, neither is a finding.
    text = (CORPUS / "012.txt").read_text(encoding="utf-8")
    assert findings_of(text, "FEE001", "012.txt") == []
    sentence = "四、政府信息公开的收费及减免情况2015年我区各级工作部门依申请提供政府信息暂不收费"
    row = "政府信息公开收费减免金额"
    assert sentence in text and row in text
    assert findings_of(text.replace(sentence, ""), "FEE001", "012.txt") == []
    assert findings_of(text.replace(row, "其他事项金额"), "FEE001", "012.txt") == []
    (finding,) = findings_of(text.replace(sentence, "").replace(row, "其他事项金额"), "FEE001", "012.txt")
    assert finding.severity == "warning" and finding.span.line == 1


def test_fee001_era2007_warning_when_pingtan_2017_dropped_it(corpus_dir):
    text = (CORPUS / "014.txt").read_text(encoding="utf-8")
    (finding,) = findings_of(text, "FEE001", "014.txt")
    assert finding.severity == "warning" and finding.logical_location == "第三十二条（三）"
    assert finding.span.line == 1  # the title line
    # 行政事业性收费信息 and 免费 elsewhere are not fee statements; a real one silences it
    assert "行政事业性收费信息" in text
    fixed = text.replace("四、因政府信息公开申请行政复议", "2017年我区依申请提供政府信息不收费。四、因政府信息公开申请行政复议", 1)
    assert findings_of(fixed, "FEE001", "014.txt") == []


def test_fee001_era2007_seed004_sentence_removed_keeps_the_table_row(seeds_dir):
    text = seed_text("004")
    assert "收费及减免" in line_of(text, 31)
    assert findings_of(replace_line(text, 31, ""), "FEE001") == []  # row 七、依申请公开信息收取的费用


# -- FEE002 ---------------------------------------------------------------

_ROW = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||"


def _with_dropped_for_fees(text: str) -> str:
    assert line_of(text, 59) == _ROW
    return replace_line(text, 59, _ROW.replace("| 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| 1 | 0 | 0 | 0 | 0 | 0 | 1 |"))


def test_fee002_silent_when_no_application_was_dropped_for_fees(seeds_dir):
    for prefix in ("000", "002", "003"):
        assert findings_of(seed(prefix).read_bytes(), "FEE002") == [], prefix


def test_fee002_part6_says_only_that_nothing_was_collected(seeds_dir):
    text = _with_dropped_for_fees(seed_text("003"))
    (finding,) = findings_of(text, "FEE002")
    assert finding.severity == "warning"
    assert (finding.span.line, finding.span.column) == (72, 1)  # part 六, what to fix
    assert finding.data["row_line"] == 59 and finding.data["provenance"] == "source"
    assert "只说明未收取费用" in finding.message


def test_fee002_silent_when_part6_reports_the_notice(seeds_dir):
    text = _with_dropped_for_fees(seed_text("003"))
    text = replace_line(text, 72, "本年度发出收费通知1件，申请人逾期未缴纳，未收取信息处理费。")
    assert findings_of(text, "FEE002") == []


def test_fee002_is_not_tied_to_table2_fees(seeds_dir):
    # table 二 行政事业性收费 is the agency's general fees, not 信息处理费
    text = seed_text("003")
    assert line_of(text, 33) == "行政事业性收费 | 0 |"
    text = replace_line(text, 33, "行政事业性收费 | 5.2 |")
    assert findings_of(text, "FEE002") == [] and findings_of(text, "FEE001") == []


def test_fee002_pingtan_2025_digit_run_split_one_way(corpus_dir):
    """022.txt's （六）2 is the run 2000002: seven digits for seven cells, so 2|0|0|0|0|0|2."""
    text = (CORPUS / "022.txt").read_text(encoding="utf-8")
    (finding,) = findings_of(text, "FEE002", "022.txt")
    assert finding.provenance == "recovered" and "2|0|0|0|0|0|2" in finding.message and "唯一拆分" in finding.message
    fixed = text.replace("2025年，无收取信息处理费情况。", "2025年，发出收费通知2件，申请人均未缴纳，无收取信息处理费情况。")
    assert fixed != text
    assert findings_of(fixed, "FEE002", "022.txt") == []


def test_fee002_digit_run_that_cannot_be_split_but_holds_a_nonzero_digit(corpus_dir):
    """A run that splits no way that adds up (20000002: 20|0|0|0|0|0|2 is not a row
    sum) stays one cell; it still shows a cell above zero."""
    text = (CORPUS / "022.txt").read_text(encoding="utf-8")
    run = "政府信息公开申请 2000002"
    assert text.count(run) == 1
    (finding,) = findings_of(text.replace(run, "政府信息公开申请 20000002"), "FEE002", "022.txt")
    assert finding.provenance == "recovered" and "20000002" in finding.message and "无法拆分" in finding.message
