"""The audit outputs a regulator opens (linter.audit_report): the CSV files in Excel,
the workbook's four sheets, and the self-contained HTML report, which must escape
whatever a report contains and fetch nothing."""
from __future__ import annotations

import csv
import re
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from linter import audit_report
from linter.audit_report import write_findings_csv, write_html, write_units_csv, write_xlsx
from linter.errors import ConfigError

HOSTILE = '<script>alert(1)</script> "&<> 原文'


def _row(index: int, **changes) -> dict:
    row = {"path": f"福州市/2021/报告{index}.pdf", "region": "福州市", "unit": "福州市财政局", "year": 2021,
           "line": 10 + index, "column": 3, "end_line": 10 + index, "end_column": 9, "page": 2,
           "severity": "error", "code": "ARI001", "rule": "table3-row-sum",
           "message": f"表三某行各申请人列之和不等于总计（第 {index} 处）", "provenance": "source",
           "excerpt": "| （三）不予公开 | 2 | 3 | 9 |", "related": None}
    row.update(changes)
    return row


def rows() -> list[dict]:
    return [
        _row(1),
        _row(2, severity="warning", code="TPL005", rule="label-variant", provenance="extraction",
             excerpt=HOSTILE, unit="厦门市<b>生态</b>环境局", region="厦门市"),
        _row(3, severity="info", code="SEC003", rule="heading-variant", provenance="recovered",
             message="=HYPERLINK(\"x\",\"点我\")", unit="@SUM(A1)", column=-3, page=None, excerpt=None,
             related="福州市/2020/报告3.pdf"),
    ]


def units() -> list[dict]:
    return [
        {"region": "福州市", "unit": "福州市财政局", "kind": "department", "level": "市级", "year": 2021,
         "status": "reported", "files": ["福州市/2021/报告1.pdf", "福州市/2021/报告3.pdf"],
         "published": "2022-02-09", "late": True, "errors": 1, "warnings": 0, "infos": 1},
        {"region": "厦门市", "unit": "厦门市<b>生态</b>环境局", "kind": "department", "level": "市级", "year": 2021,
         "status": "reported", "files": ["福州市/2021/报告2.pdf"], "published": "2022-01-20", "late": False,
         "errors": 0, "warnings": 1, "infos": 0},
        {"region": "福州市", "unit": "福州市交通运输局", "kind": "department", "level": "市级", "year": 2021,
         "status": "missing", "files": [], "published": None, "late": None, "errors": 0, "warnings": 0, "infos": 0},
        {"region": "平潭", "unit": "-平潭经济发展局", "kind": None, "level": None, "year": None,
         "status": "unlisted", "files": ["x.txt"], "published": None, "late": None,
         "errors": 0, "warnings": 0, "infos": 0},
    ]


def summary(**changes) -> dict:
    data = {
        "title": "福建省 2021 年度政府信息公开工作年度报告审核", "generated": "2022-04-06T09:30:00",
        "tool_version": "9.9.9", "year": 2021, "roster": "名单.xlsx",
        "files": 5, "reports": 4, "skipped": 1, "not_checked": 0,
        "units_expected": 3, "units_reported": 2, "units_missing": 1,
        "errors": 1234, "warnings": 1, "infos": 1,
        "by_rule": {"ARI001": {"name": "table3-row-sum", "severity": "error", "count": 1234},
                    "TPL005": {"name": "label-variant", "severity": "warning", "count": 1},
                    "SEC003": {"name": "heading-variant", "severity": "info", "count": 1}},
        "published_by_day": {"2022-01-20": {"on_time": 1, "late": 0}, "2022-02-09": {"on_time": 0, "late": 1}},
        "year_on_year": [{"unit": "福州市财政局", "region": "福州市", "metric": "收到申请数", "last": 96, "this": 128},
                         {"unit": "福州市财政局", "region": "福州市", "metric": "上年结转", "last": 0, "this": 9}],
        "interrupted": False,
    }
    data.update(changes)
    return data


EMPTY_SUMMARY = {"title": "空", "generated": "2022-04-06T09:30:00", "tool_version": "1", "year": None,
                 "roster": None, "files": 0, "reports": 0, "skipped": 0, "not_checked": 0,
                 "units_expected": None, "units_reported": 0, "units_missing": 0, "errors": 0, "warnings": 0,
                 "infos": 0, "by_rule": {}, "published_by_day": {}, "year_on_year": [], "interrupted": False}


def read_csv(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


# --------------------------------------------------------------------------
# CSV


def test_findings_csv_has_bom_chinese_headers_and_every_row(tmp_path):
    path = tmp_path / "findings.csv"
    assert write_findings_csv(iter(rows()), str(path)) == 3  # a generator: streamed, not a list
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    table = read_csv(path)
    assert table[0] == ["文件", "地区", "单位", "年度", "行", "列", "页", "严重程度", "规则", "规则名称",
                        "问题说明", "来源", "相关报告", "摘录"]
    assert len(table) == 4
    first, second, third = (dict(zip(table[0], line)) for line in table[1:])
    assert (first["严重程度"], first["来源"], first["规则"], first["行"]) == ("错误", "报告本身", "ARI001", "11")
    assert (second["严重程度"], second["来源"], second["摘录"]) == ("警告", "提取问题", HOSTILE)
    assert (third["严重程度"], third["来源"], third["页"], third["相关报告"]) == \
        ("提示", "恢复读取", "", "福州市/2020/报告3.pdf")


def test_csv_formula_guard_keeps_numbers(tmp_path):
    path = tmp_path / "findings.csv"
    write_findings_csv(rows(), str(path))
    third = dict(zip(*read_csv(path)[0::3]))
    assert third["问题说明"] == "'=HYPERLINK(\"x\",\"点我\")"
    assert third["单位"] == "'@SUM(A1)"
    assert third["列"] == "-3"  # a number in a numeric column, not text
    units_path = tmp_path / "units.csv"
    write_units_csv(units(), str(units_path))
    assert read_csv(units_path)[4][1] == "'-平潭经济发展局"


def test_units_csv(tmp_path):
    path = tmp_path / "units.csv"
    assert write_units_csv(units(), str(path)) == 4
    table = read_csv(path)
    assert table[0] == ["地区", "单位", "单位类型", "层级", "年度", "状态", "报告文件", "发布日期", "是否逾期",
                        "错误", "警告", "提示"]
    assert table[1] == ["福州市", "福州市财政局", "部门", "市级", "2021", "已报送",
                        "福州市/2021/报告1.pdf；福州市/2021/报告3.pdf", "2022-02-09", "是", "1", "0", "1"]
    assert table[2][8] == "否"
    assert table[3][5] == "缺报" and table[3][6] == "" and table[3][8] == ""
    assert table[4][5] == "名单外" and table[4][2] == ""


def test_unwritable_path_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="无法写入"):
        write_findings_csv(rows(), str(tmp_path / "no-such-dir" / "findings.csv"))


# --------------------------------------------------------------------------
# XLSX


def sheet_rows(workbook, name: str) -> list[tuple]:
    return list(workbook[name].iter_rows(values_only=True))


def test_xlsx_has_the_four_sheets_in_order(tmp_path):
    path = tmp_path / "audit.xlsx"
    write_xlsx(summary(), units(), iter(rows()), str(path))
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["概览", "单位", "问题明细", "缺报单位"]

    overview = sheet_rows(workbook, "概览")
    assert overview[0][0] == "福建省 2021 年度政府信息公开工作年度报告审核"
    pairs = {line[0]: line[1] for line in overview if line and line[0]}
    assert pairs["错误"] == 1234  # from the summary, not from the three rows
    assert pairs["缺报单位"] == 1 and pairs["应报单位"] == 3 and pairs["运行状态"] == "已完成"
    table_start = next(i for i, line in enumerate(overview) if line[0] == "规则")
    assert overview[table_start][:4] == ("规则", "规则名称", "严重程度", "问题数")
    assert overview[table_start + 1][:4] == ("ARI001", "table3-row-sum", "错误", 1234)

    unit_lines = sheet_rows(workbook, "单位")
    assert unit_lines[0][:6] == ("地区", "单位", "单位类型", "层级", "年度", "状态")
    assert len(unit_lines) == 5 and unit_lines[3][5] == "缺报"

    findings = sheet_rows(workbook, "问题明细")
    assert findings[0][0] == "文件" and findings[0][-1] == "摘录"
    assert len(findings) == 4
    assert findings[2][13] == HOSTILE
    assert findings[3][10] == "=HYPERLINK(\"x\",\"点我\")"  # kept as text ...
    assert workbook["问题明细"].cell(row=4, column=11).data_type == "s"  # ... not run as a formula
    assert findings[3][5] == -3

    assert sheet_rows(workbook, "缺报单位") == [("地区", "单位", "单位类型", "层级"),
                                             ("福州市", "福州市交通运输局", "部门", "市级")]
    sheet = workbook["问题明细"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:N4"
    assert sheet["A1"].font.bold


def test_xlsx_stops_at_the_row_limit_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setattr(audit_report, "XLSX_FINDINGS_LIMIT", 5)
    path = tmp_path / "audit.xlsx"
    write_xlsx(summary(), units(), (_row(i) for i in range(12)), str(path))
    workbook = load_workbook(path)
    findings = sheet_rows(workbook, "问题明细")
    assert len(findings) == 1 + 5  # the header, four findings, the note
    assert [line[4] for line in findings[1:5]] == [10, 11, 12, 13]
    assert "其余 8 条未列出" in findings[5][0]
    overview = {line[0]: line[1] for line in sheet_rows(workbook, "概览") if line and line[0]}
    assert "其余 8 条未列出" in overview["问题明细"]


def test_xlsx_limit_exactly_reached_loses_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(audit_report, "XLSX_FINDINGS_LIMIT", 5)
    path = tmp_path / "audit.xlsx"
    write_xlsx(summary(), units(), (_row(i) for i in range(5)), str(path))
    workbook = load_workbook(path)
    findings = sheet_rows(workbook, "问题明细")
    assert len(findings) == 6 and findings[5][4] == 14
    assert "问题明细" not in {line[0] for line in sheet_rows(workbook, "概览") if line}


def test_xlsx_survives_characters_xml_cannot_hold(tmp_path):
    path = tmp_path / "audit.xlsx"
    write_xlsx(summary(), units(), [_row(1, excerpt="前\x00\x07后\ud800", message="#N/A")], str(path))
    findings = sheet_rows(load_workbook(path), "问题明细")
    assert findings[1][13] == "前\ufffd\ufffd后\ufffd"
    assert findings[1][10] == "#N/A"


# --------------------------------------------------------------------------
# HTML


class _Collector(HTMLParser):
    """Tags, attributes and text as a browser would see them."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.script_text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.script_text if self._in_script else self.text).append(data)


def parse(path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector


def test_html_escapes_everything_and_fetches_nothing(tmp_path):
    path = tmp_path / "audit.html"
    write_html(summary(), units(), iter(rows()), str(path))
    page = path.read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "<b>生态</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&amp;&lt;&gt; 原文" in page
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "http://" not in page and "https://" not in page
    assert "@import" not in page and "url(" not in page

    parsed = parse(path)
    assert [tag for tag, _ in parsed.tags].count("script") == 1  # only the page's own filter script
    assert all(not attrs.get("src") for _, attrs in parsed.tags)
    assert all(attrs.get("href", "#").startswith("#") for _, attrs in parsed.tags)
    text = "".join(parsed.text)
    assert HOSTILE in text  # shown as the text it is
    assert "福州市交通运输局" in text  # the missing unit
    assert "1,234" in text  # the summary's total, not the three embedded rows
    assert "ARI001" in text and "收到申请数" in text
    assert "本次审核运行被中断" not in text
    excerpts = [attrs for tag, attrs in parsed.tags if tag == "details"]
    assert len(excerpts) == 2  # the finding without an excerpt has none


def test_html_leaves_rows_out_beyond_max_rows_and_says_so(tmp_path):
    path = tmp_path / "audit.html"
    write_html(summary(), units(), (_row(i) for i in range(10)), str(path), max_rows=4)
    text = "".join(parse(path).text)
    assert "只列出前 4 条问题，另有 6 条未列出" in text
    assert "findings.csv 与 audit.xlsx 中有全部问题" in text
    page = path.read_text(encoding="utf-8")
    assert page.count('<tr data-sev="error"') == 4


def test_html_shows_an_interrupted_run(tmp_path):
    path = tmp_path / "audit.html"
    write_html(summary(interrupted=True), units(), rows(), str(path))
    assert "本次审核运行被中断" in "".join(parse(path).text)


def test_html_is_deterministic_but_for_the_time(tmp_path):
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    write_html(summary(), units(), rows(), str(first))
    write_html(summary(generated="2023-01-01T00:00:00"), units(), rows(), str(second))
    a, b = first.read_text(encoding="utf-8"), second.read_text(encoding="utf-8")
    assert a != b
    assert a.replace("2022-04-06 09:30", "T") == b.replace("2023-01-01 00:00", "T")


def test_html_charts_handle_zero_data(tmp_path):
    path = tmp_path / "audit.html"
    zero = summary(by_rule={"ARI001": {"name": "x", "severity": "error", "count": 0}},
                   published_by_day={"2022-01-01": {"on_time": 0, "late": 0}},
                   year_on_year=[{"unit": "u", "region": "r", "metric": "m", "last": 0, "this": 0},
                                 {"unit": "u", "region": "r", "metric": "n", "last": "?", "this": None}])
    quiet = [dict(unit, errors=0, warnings=0, infos=0) for unit in units()]
    write_html(zero, quiet, [], str(path))
    text = "".join(parse(path).text)
    assert text.count("无数据") == 3  # by rule, by unit, by day; the 0 → 0 change is a real (flat) row
    assert "持平" in text


# --------------------------------------------------------------------------
# nothing at all


def test_empty_inputs_work_for_every_format(tmp_path):
    assert write_findings_csv([], str(tmp_path / "f.csv")) == 0
    assert read_csv(tmp_path / "f.csv") == [list(audit_report.FINDINGS_HEADERS)]
    assert write_units_csv([], str(tmp_path / "u.csv")) == 0
    assert read_csv(tmp_path / "u.csv") == [list(audit_report.UNITS_HEADERS)]

    write_xlsx(EMPTY_SUMMARY, [], [], str(tmp_path / "a.xlsx"))
    workbook = load_workbook(tmp_path / "a.xlsx")
    assert workbook.sheetnames == ["概览", "单位", "问题明细", "缺报单位"]
    assert sheet_rows(workbook, "缺报单位") == [("地区", "单位", "单位类型", "层级")]
    overview = {line[0]: line[1] for line in sheet_rows(workbook, "概览") if line and line[0]}
    assert overview["应报单位"] == "未提供单位名单"

    write_html(EMPTY_SUMMARY, [], [], str(tmp_path / "a.html"))
    text = "".join(parse(tmp_path / "a.html").text)
    assert text.count("无数据") == 4
    assert "未提供单位名单" in text and "没有发现问题" in text
