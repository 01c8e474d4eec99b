"""PER001–PER005 (period statement, period and years, deadlines, title, stale years) on modified real reports."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.engine import lint_bytes
from linter.rules.per003_late_publication import LatePublication

from helpers import CORPUS, findings_of, line_of, parse_text, replace_line, seed_text, seed


def _replaced(prefix: str, old: str, new: str) -> str:
    text = seed_text(prefix)
    assert old in text
    return text.replace(old, new, 1)


# -- PER001 ---------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "001", "002"])
def test_per001_warns_on_seeds_without_a_period_statement(seeds_dir, prefix):
    (finding,) = findings_of(seed(prefix).read_bytes(), "PER001")
    assert finding.severity == "warning" and finding.logical_location == "统计期限"


def test_per001_silent_with_a_statement_and_fires_without_it(seeds_dir):
    assert findings_of(seed("003").read_bytes(), "PER001") == []
    assert findings_of(seed("004").read_bytes(), "PER001") == []
    text = _replaced("003", "统计期限自2022年1月1日起至2022年12月31日止", "")
    (finding,) = findings_of(text, "PER001")
    assert finding.span.line == 1 and "2022年1月1日至2022年12月31日" in finding.message


def test_per001_statement_with_blank_dates(corpus_dir):
    # Pingtan county 2013: "本报告所列数据的统计期限自至。" (template never filled in)
    text = (CORPUS / "008.txt").read_text(encoding="utf-8")
    (finding,) = findings_of(text, "PER001", "008.txt")
    assert finding.data["kind"] == "no-dates" and finding.span.line == 10
    line = text.split("\n")[9]
    assert line[finding.span.column - 1:].startswith("统计期限自至")
    fixed = text.replace("统计期限自至", "统计期限自2013年1月1日起至2013年12月31日止")
    assert findings_of(fixed, "PER001", "008.txt") == []


def test_per001_statement_broken_over_pdf_lines(corpus_dir):
    # 002.md: "…统计周期" / "为 2024 年 1 月 1 日至 12 月 31 日" on two lines
    assert findings_of((CORPUS / "002.md").read_bytes(), "PER001", "002.md") == []


# -- PER002 ---------------------------------------------------------------


def test_per002_silent_on_matching_periods(seeds_dir):
    for prefix in ("000", "001", "002", "003", "004"):
        assert findings_of(seed(prefix).read_bytes(), "PER002") == [], prefix


def test_per002_period_of_last_year(seeds_dir):
    text = _replaced("003", "统计期限自2022年1月1日起至2022年12月31日止", "统计期限自2021年1月1日起至2021年12月31日止")
    (finding,) = findings_of(text, "PER002")
    assert finding.severity == "error"
    assert (finding.span.line, finding.span.column) == (3, 148)
    assert "2021年全年" in finding.message and "2022年" in finding.message


def test_per002_partial_year(seeds_dir):
    text = _replaced("003", "至2022年12月31日止", "至2022年6月30日止")
    (finding,) = findings_of(text, "PER002")
    assert finding.data["end"] == "2022-06-30" and finding.span.line == 3


def test_per002_statistics_table_of_another_year(seeds_dir):
    text = seed_text("004")
    assert line_of(text, 46) == "（2017年度）"
    (finding,) = findings_of(replace_line(text, 46, "（2016年度）"), "PER002")
    assert (finding.span.line, finding.data["table_year"], finding.data["report_year"]) == (46, 2016, 2017)


# -- PER003 ---------------------------------------------------------------


def _late(text: str, options: dict | None = None):
    return list(LatePublication(options=options).check(parse_text(text)))


def test_per003_department_on_time_and_late(seeds_dir):
    assert _late(seed_text("000")) == []  # 市科技局, 2022-01-20
    (finding,) = _late(_replaced("000", "发布日期:2022-01-20", "发布日期:2022-02-15"))
    assert finding.severity == "error" and (finding.span.line, finding.span.column) == (3, 1)
    assert "2022年1月31日" in finding.message and "政府部门" in finding.message
    assert finding.data["agency_kind"] == "department" and finding.data["days_late"] == 15


def test_per003_date_within_the_report_year(seeds_dir):
    (finding,) = _late(_replaced("000", "发布日期:2022-01-20", "发布日期:2021-12-20"))
    assert finding.data["kind"] == "early" and finding.severity == "error"


def test_per003_county_government_schedule_and_statute(seeds_dir):
    text = _replaced("003", "钱塘区经济信息化和科学技术局2022年", "钱塘区人民政府2022年")
    assert _late(text.replace("发布日期:2023-01-28", "发布日期:2023-02-18")) == []
    (warning,) = _late(text.replace("发布日期:2023-01-28", "发布日期:2023-02-25"))
    assert warning.severity == "warning" and "2023年2月20日" in warning.message
    assert warning.data["agency_level"] == "county"
    (error,) = _late(text.replace("发布日期:2023-01-28", "发布日期:2023-04-02"))
    assert error.severity == "error" and "2023年3月31日" in error.message


def test_per003_prefecture_government_schedule(seeds_dir):
    text = _replaced("003", "钱塘区经济信息化和科学技术局2022年", "杭州市人民政府2022年")
    assert _late(text.replace("发布日期:2023-01-28", "发布日期:2023-03-08")) == []
    (warning,) = _late(text.replace("发布日期:2023-01-28", "发布日期:2023-03-20"))
    assert warning.severity == "warning" and "2023年3月10日" in warning.message


def test_per003_era2007_every_agency_by_march_31(seeds_dir):
    text = seed_text("004")
    assert line_of(text, 2) == ""
    dated = replace_line(text, 2, "发布日期:2018-04-03")
    (finding,) = _late(dated)
    assert finding.span.line == 2 and "2018年3月31日" in finding.message and "2007年" in finding.message
    assert _late(replace_line(text, 2, "发布日期:2018-03-30")) == []


def test_per003_sign_off_date_is_not_a_publication_date(seeds_dir):
    result = lint_bytes(seed("004").read_bytes(), "r.txt")
    assert result.published is None
    assert [d for d in result.diagnostics if d.code == "PER003"] == []


def test_per003_missing_date_reports_nothing(seeds_dir):
    result = lint_bytes(seed("001").read_bytes(), "r.txt")
    assert result.published is None
    assert [d for d in result.diagnostics if d.code == "PER003"] == []


def test_per003_configuration_overrides(seeds_dir):
    late = _replaced("000", "发布日期:2022-01-20", "发布日期:2022-02-15")
    # the agency says it is a government: 3月31日 applies
    assert _late(late, {"deadlines": {"agency-kind": "government"}}) == []
    # a later local date for departments
    assert _late(late, {"deadlines": {"department": "02-28"}}) == []
    (finding,) = _late(late, {"deadlines": {"department": "2月10日"}})
    assert "2022年2月10日" in finding.message and "配置项 deadlines.department" in finding.message
    # government + county level: the county schedule (2月20日) is met on 02-15
    assert _late(late, {"deadlines": {"agency-kind": "government", "agency-level": "county"}}) == []
    (summary,) = _late(late, {"deadlines": {"agency-kind": "government", "agency-level": "county",
                                            "county-summary": "02-10"}})
    assert summary.severity == "warning" and "2022年2月10日" in summary.message
    # era 2007 date from configuration
    dated = replace_line(seed_text("004"), 2, "发布日期:2018-03-30")
    (old,) = _late(dated, {"deadlines": {"era-2007": "03-15"}})
    assert "2018年3月15日" in old.message


def test_per003_invalid_options_fall_back_to_defaults(seeds_dir):
    late = _replaced("000", "发布日期:2022-01-20", "发布日期:2022-02-15")
    (finding,) = _late(late, {"deadlines": {"department": "13-45", "agency-kind": "ministry", "typo": 1}})
    assert "2022年1月31日" in finding.message
    assert sorted(finding.data["ignored_options"]) == ["agency-kind", "department", "typo"]
    assert len(_late(late, {"deadlines": "not a table"})) == 1


def test_per003_unknown_agency_kind_uses_the_latest_statutory_date(seeds_dir):
    text = "发布日期:2024-04-05\n" + seed_text("002")  # seed 002 has no title, so no agency
    (finding,) = _late(text)
    assert "2024年3月31日" in finding.message and "未能从名称判断" in finding.message
    assert _late("发布日期:2024-03-05\n" + seed_text("002")) == []


def test_per003_corpus_late_era2007_reports(corpus_dir):
    for name, published in (("004.txt", "2012-04-11"), ("005.txt", "2012-04-18")):
        (finding,) = findings_of((CORPUS / name).read_bytes(), "PER003", name)
        assert finding.data["published"] == published and finding.span.line == 2
    assert findings_of((CORPUS / "006.txt").read_bytes(), "PER003", "006.txt") == []


# -- PER004 ---------------------------------------------------------------


def test_per004_seed_without_title(seeds_dir):
    (finding,) = findings_of(seed("002").read_bytes(), "PER004")
    assert finding.data["missing"] == ["title"] and finding.span.line == 1


def test_per004_silent_on_titled_seeds(seeds_dir):
    for prefix in ("000", "001", "003", "004"):  # 001 and 004: title split over two lines
        assert findings_of(seed(prefix).read_bytes(), "PER004") == [], prefix


def test_per004_title_without_agency(seeds_dir):
    text = _replaced("003", "钱塘区经济信息化和科学技术局2022年政府信息公开工作年度报告", "2022年政府信息公开工作年度报告")
    (finding,) = findings_of(text, "PER004")
    assert finding.span.line == 1 and finding.data["missing"] == ["agency"]
    assert "机关名称" in finding.message


def test_per004_title_without_year(seeds_dir):
    text = _replaced("003", "钱塘区经济信息化和科学技术局2022年政府信息公开工作年度报告",
                     "钱塘区经济信息化和科学技术局政府信息公开工作年度报告")
    (finding,) = findings_of(text, "PER004")
    assert finding.span.line == 1 and finding.data["missing"] == ["year"]


def test_per004_title_wrapped_by_pdf_extraction(corpus_dir):
    # 002.md / 003.md: "2024 年上海市科委政府信息公开工作" / "年度报告"
    for name in ("002.md", "003.md"):
        assert findings_of((CORPUS / name).read_bytes(), "PER004", name) == [], name


# -- PER005 ---------------------------------------------------------------


def test_per005_silent_on_seeds(seeds_dir):
    for prefix in ("000", "001", "002", "003", "004"):
        assert findings_of(seed(prefix).read_bytes(), "PER005") == [], prefix


def test_per005_plans_for_the_report_year_in_pingtan_2016(corpus_dir):
    text = (CORPUS / "013.txt").read_text(encoding="utf-8")
    (finding,) = findings_of(text, "PER005", "013.txt")
    assert finding.span.line == 10
    assert "2016年，我们将采取以下措施加以改进" in finding.message
    assert text.split("\n")[9][finding.span.column - 1:].startswith("2016年，我们将")
    fixed = text.replace("2016年，我们将采取", "2017年，我们将采取")
    assert findings_of(fixed, "PER005", "013.txt") == []


def test_per005_last_year_told_as_this_year(seeds_dir):
    text = seed_text("003")
    assert line_of(text, 18).startswith("2022年我局上下齐心协力")
    (finding,) = findings_of(replace_line(text, 18, line_of(text, 18).replace("2022年", "2021年", 1)), "PER005")
    assert (finding.span.line, finding.span.column) == (18, 1)
    assert finding.data == {"kind": "done", "year_said": 2021, "report_year": 2022}
    assert "2021年我局上下齐心协力" in finding.message


def test_per005_plan_inside_part5(seeds_dir):
    text = seed_text("003")
    line = line_of(text, 70)
    text = replace_line(text, 70, line + "2022年，我局将进一步加强政策解读。")
    (finding,) = findings_of(text, "PER005")
    assert (finding.span.line, finding.span.column) == (70, len(line) + 1)
    assert finding.data["kind"] == "plan"
    # next year's plans are what part 五 should hold
    text = replace_line(seed_text("003"), 70, line + "2023年，我局将进一步加强政策解读。")
    assert findings_of(text, "PER005") == []


def test_per005_year_run_into_a_sub_heading_by_crawled_text(seeds_dir):
    """Crawler text keeps no line break after a sub-heading: "（一）主动公开情况2021年，我局…"."""
    text = seed_text("003")
    line = line_of(text, 70)
    crawled = replace_line(text, 70, line + "（一）主动公开工作情况2021年，我局坚持以公开为常态。")
    (finding,) = findings_of(crawled, "PER005")
    assert finding.data["kind"] == "done" and finding.data["year_said"] == 2021
    column = len(line) + len("（一）主动公开工作情况") + 1
    assert (finding.span.line, finding.span.column) == (70, column)
    # a comparison after a sub-heading is not a work year told as this year
    compared = replace_line(text, 70, line + "（一）主动公开工作情况较2021年，我局公开数量增长。")
    assert findings_of(compared, "PER005") == []


# ---------------------------------------------------------------------------
# PER005 looks for its two patterns only near a year: the same matches as a
# scan of every character


_PER005_SENTENCE = st.tuples(
    st.sampled_from(["", "。", "；", "：", "）", " ", "\n", "推进"]),
    st.sampled_from(["", "（一）", "（十二）", "二、", "三十、"]),
    st.text("工作公开推进主要措施情", max_size=26).map(lambda words: words + "情况"),
    st.sampled_from(["2016", "2017", "1999", "20", "9"]),
    st.sampled_from(["年", "年度", " 年", ""]),
    st.sampled_from(["", "，", ","]),
    st.sampled_from(["", "我们", "我局", "本单位"]),
    st.sampled_from(["", "将", "计划", "继续"]),
).map("".join)
_PER005_TEXT = st.lists(_PER005_SENTENCE, max_size=6).map("".join)


@settings(max_examples=400, deadline=None)
@given(_PER005_TEXT)
def test_stale_year_patterns_are_found_near_years_as_everywhere(text):
    from linter.rules import per005_stale_year as R

    for pattern in (R._PLAN, R._DONE):
        assert [m.span() for m in R._matches(pattern, text, R._starts(text))] == \
            [m.span() for m in pattern.finditer(text)]
