"""The one reader of metadata (linter/meta.py): title, agency, kind and level,
year, publication date, period, table years — and the rules that use it."""
from __future__ import annotations

import pytest

from linter.meta import agency_kind, agency_level

from helpers import CORPUS, findings_of, line_of, parse_text, replace_line, seed_text


def test_the_period_written_as_tongji_qijian_is_read(seeds_dir):
    """Issue reproduction: 统计期间 instead of 统计期限 in seed 003 — the parse shows
    the period and PER001 stays silent (the reader and the rules used different
    patterns before)."""
    text = seed_text("003").replace("统计期限自2022年1月1日起", "统计期间自2022年1月1日起")
    assert "统计期间" in text
    report = parse_text(text)
    assert (report.meta.period.start, report.meta.period.end) == ("2022-01-01", "2022-12-31")
    assert report.meta.period.span.line == 3
    assert findings_of(text, "PER001") == [] and findings_of(text, "PER002") == []


def test_a_period_wrapped_over_lines_is_one_statement(corpus_dir):
    """002.md (PDF text): '…统计周期' / '为 2024 年 1 月 1 日至 12 月 31 日。…'"""
    report = parse_text((CORPUS / "002.md").read_text(encoding="utf-8"), "002.md")
    period = report.meta.period
    assert (period.start, period.end) == ("2024-01-01", "2024-12-31")
    assert (period.span.line, period.span.end_line) == (9, 10)


def test_a_period_left_blank_is_kept_apart(corpus_dir):
    report = parse_text((CORPUS / "008.txt").read_text(encoding="utf-8"), "008.txt")
    assert report.meta.period is None and report.meta.period_blank.text.startswith("统计期限自至")
    (finding,) = findings_of((CORPUS / "008.txt").read_bytes(), "PER001", "008.txt")
    assert finding.data["kind"] == "no-dates"


@pytest.mark.parametrize("name, title, agency, year", [
    ("001.md", "沐阳县人民政府 2025 年 政府信息公开工作年度报告", "沐阳县人民政府", 2025),  # '# ' stripped
    ("002.md", "2024 年上海市科委政府信息公开工作年度报告", "上海市科委", 2024),  # wrapped over two lines
    ("042.html", "平潭综合实验区2021年度政府信息公开工作年度报告", "平潭综合实验区", 2021),  # after the page's navigation
    ("019.txt", "平潭综合实验区2022年度政府信息公开工作年度报告", "平潭综合实验区", 2022),  # the crawler's 标题: line
])
def test_titles_as_real_reports_write_them(corpus_dir, name, title, agency, year):
    meta = parse_text((CORPUS / name).read_text(encoding="utf-8"), name).meta
    assert (meta.title, meta.agency, meta.report_year, meta.year_source) == (title, agency, year, "title")


def test_a_breadcrumb_category_is_not_a_title():
    text = "首页 > 政务公开\n政府信息公开年报\n某某县人民政府2022年政府信息公开工作年度报告\n一、总体情况\n…"
    assert parse_text(text).meta.title == "某某县人民政府2022年政府信息公开工作年度报告"


def test_agency_first_then_the_year_line(seeds_dir):
    meta = parse_text(seed_text("001")).meta
    assert (meta.title, meta.agency, meta.agency_kind) == (
        "盐池县科学技术局2020 年政府信息公开工作年度报告", "盐池县科学技术局", "department")
    assert (meta.title_span.line, meta.title_span.end_line) == (3, 5)


@pytest.mark.parametrize("name, kind, level", [
    ("某某县人民政府", "government", "county"),
    ("杭州市钱塘区经济信息化和科学技术局", "department", None),
    ("平潭综合实验区管委会", "government", None),
    ("淮安市洪泽区人民政府", "government", "county"),
    ("某某市", "government", "prefecture"),
    ("某某省人民政府", "government", "province"),
])
def test_agency_kind_and_level(name, kind, level):
    assert agency_kind(name) == kind
    assert (agency_level(name) if kind == "government" else None) == level


def test_publication_date_from_the_page_chrome_only(seeds_dir):
    meta = parse_text(seed_text("003")).meta
    assert meta.published == "2023-01-28" and meta.published_span.line == 2
    # a sign-off date at the end of the text is a document date, not a publication date
    assert parse_text(seed_text("004")).meta.published is None


def test_table_year_captions_of_a_statistics_table(seeds_dir):
    meta = parse_text(seed_text("004")).meta
    assert [(p.text, p.span.line) for p in meta.table_years] == [("（2017年度）", 46)]
    text = replace_line(seed_text("004"), 46, "（2016年度）")
    (finding,) = findings_of(text, "PER002")
    assert finding.data == {"kind": "table", "table_year": 2016, "report_year": 2017}
    assert line_of(seed_text("004"), 46) == "（2017年度）"
