"""The era-2007 statistics tables: national (seed 004) and Fujian (corpus), in the AST."""
from __future__ import annotations

import pytest

from linter.engine import lint_bytes, parse_source
from linter.source import decode, read_path

from helpers import CORPUS, seed


def _table(path):
    report = parse_source(read_path(str(path)))
    assert report.era == "2007"
    (table,) = [t for t in report.tables if t.kind == "统计表"]
    return report, table


def _values(table):
    return {row.key: [(cell.raw, cell.span.line) for cell in row.cells] for row in table.rows if row.key}


def test_seed_004_national_table_values_and_positions(seeds_dir):
    report, table = _table(seed("004"))
    assert report.problems == []
    assert table.profile == "national"
    assert [h.label for h in table.headers] == ["统计指标", "单位", "统计数"]
    assert len(table.rows) == 65
    assert sum(1 for row in table.rows if row.expected == 1) == 58  # 7 group rows carry no value
    values = _values(table)
    # FORMATS.md §8.5: 947 at line 60, 收到申请数 2 at 141, 按时办结数 2 at 165, the two failing totals
    assert values["t7.proactive.total"] == [("947", 60)]
    assert values["t7.recv"] == [("2", 141)]
    assert values["t7.done.on_time"] == [("2", 165)]
    assert values["t7.done"] == [("0", 161)] and values["t7.answers"] == [("0", 173)]
    assert values["t7.proactive.gazette"] == [("", 76)]  # blank, not 0
    assert table.row("t7.proactive.gazette").cells[0].kind == "blank"
    # the two 被依法纠错数 rows belong to different totals
    assert values["t7.review.corrected"] == [("0", 241)] and values["t7.litigation.corrected"] == [("0", 257)]
    # units and group rows
    assert table.row("t7.fees").unit == "万元" and table.row("t7.proactive").unit == "——"
    assert table.row("t7.proactive").cells == []
    # a note wrapped onto its own line stays part of the label, not a row of its own
    total = table.row("t7.proactive.total")
    assert (total.span.line, total.span.end_line) == (57, 58)


@pytest.mark.parametrize("name, year_cell, cumulative", [
    ("004.txt", ("425", "1516"), "t7.recv.other_forms"),  # 2011, single spaces
    ("010.txt", ("72804", "76424"), "t7f.appeals"),  # 2013
    ("011.txt", ("2543", "78967"), "t7f.fee_waiver"),  # 2014 indicator set
    ("045.html", ("72804", "76424"), "t7f.appeals"),  # the HTML page of 010
])
def test_fujian_table_from_crawler_text_and_html(corpus_dir, name, year_cell, cumulative):
    report, table = _table(CORPUS / name)
    assert table.profile == "fujian"
    assert [h.label for h in table.headers][:2] == ["指标名称", "计量单位"]
    proactive = table.row("t7f.proactive")
    assert tuple(cell.raw for cell in proactive.cells) == year_cell
    assert [cell.column for cell in proactive.cells] == ["年度", "历年累计"]
    assert proactive.unit == "条"
    assert table.row(cumulative) is not None
    assert all(row.key is not None for row in table.rows), [r.raw_label for r in table.rows if r.key is None]


def test_fujian_rows_keep_their_numbers_apart_from_the_numbering(corpus_dir):
    # "…72804 76424 2、政府公报公开": the 4 belongs to 76424, the 2 is the numbering.
    _, table = _table(CORPUS / "011.txt")
    assert [c.raw for c in table.row("t7f.website").cells] == ["2543", "78967"]
    assert [c.raw for c in table.row("t7.answers.agree").cells] == ["1", "1"]


def test_fujian_cells_run_together_are_flagged_not_guessed(corpus_dir):
    _, table = _table(CORPUS / "012.txt")  # 主动公开文件数条294981916 = 2949 | 81916
    (cell,) = table.row("t7f.proactive").cells
    assert cell.raw == "294981916" and cell.run_together
    result = lint_bytes((CORPUS / "012.txt").read_bytes(), "012.txt")
    assert any(d.code == "TPL006" and "294981916" in d.message for d in result.diagnostics)


def test_missing_cell_in_the_fujian_table_is_tpl004(corpus_dir):
    # corpus 010: "2、政府公报公开 条 0" has no 历年累计 (the manifest documents it)
    result = lint_bytes((CORPUS / "010.txt").read_bytes(), "010.txt")
    (finding,) = [d for d in result.diagnostics if d.code == "TPL004"]
    (row,) = finding.data["rows"]
    assert "政府公报公开" in finding.message and (row["label"], row["expected"], row["found"]) == ("政府公报公开数", 2, 1)
    assert (finding.severity, finding.provenance) == ("warning", "extraction")
    # the HTML page of the same report has the cell (blank): no TPL004 there
    html = lint_bytes((CORPUS / "045.html").read_bytes(), "045.html")
    assert not [d for d in html.diagnostics if d.code == "TPL004"]


def test_narrative_only_report_has_no_statistics_table(corpus_dir):
    report = parse_source(read_path(str(CORPUS / "009.txt")))
    assert report.era == "2007" and report.problems == []
    assert [t for t in report.tables if t.kind == "统计表"] == []


def test_a_year_header_in_narrative_does_not_start_a_table(seeds_dir):
    text = seed("004").read_text(encoding="utf-8")
    # a paragraph starting with "2017年度" (the year header's spelling) stays narrative
    text = text.replace("一、情况概述", "一、情况概述\n2017年度 条 3 4", 1)
    report = parse_source(read_path_from_text(text))
    assert len([t for t in report.tables if t.kind == "统计表"]) == 1


def read_path_from_text(text: str):
    from linter.source import decode

    return decode(text.encode("utf-8"), "r.txt")


_SINGLE_COLUMN = """某某县人民政府2013年政府信息公开工作年度报告
本报告所列数据的统计期限自2013年1月1日起至2013年12月31日止。
政府信息公开情况统计表
指标名称 | 计量单位 | {column}
主动公开信息数 | 条 | 120
其中：1.网站公开 | 条 | 100
2.政府公报公开 | 条 | 20
受理依申请公开信息总数 | 件 | {received}
其中：1.当面申请数 | 件 | 1
2.网上申请数 | 件 | 2
"""


@pytest.mark.parametrize("column, name", [("数量", "数量"), ("2013年度", "年度")])
def test_a_statistics_table_with_one_value_column_is_read_as_its_header_says(column, name):
    """Other provinces' tables have one value column under 指标名称: the number of
    values per row comes from the header, not from the Fujian profile's two."""
    text = _SINGLE_COLUMN.format(column=column, received=3)
    report = parse_source(decode(text.encode("utf-8"), "r.txt"))
    (table,) = report.tables
    assert table.columns == [name]
    assert [(row.key, [c.value for c in row.cells]) for row in table.rows][:3] == [
        ("t7f.proactive", [120]), ("t7f.website", [100]), ("t7f.gazette", [20])]
    assert all(row.expected == 1 and row.cells[0].column == name for row in table.rows)
    codes = [d.code for d in lint_bytes(text.encode("utf-8"), "r.txt").diagnostics]
    assert "TPL004" not in codes and "TPL006" not in codes and "ARI005" not in codes
    wrong = lint_bytes(_SINGLE_COLUMN.format(column=column, received=4).encode("utf-8"), "r.txt")
    (finding,) = [d for d in wrong.diagnostics if d.code == "ARI005"]
    assert (finding.data["expected"], finding.data["actual"]) == (3, 4)
