from __future__ import annotations

from typing import Iterator

from linter.ast import Report, Span
from linter.diagnostics import Diagnostic
from linter.labels import ERAS, NUMERALS
from linter.rule import Rule


class MissingTable(Rule):
    """## What it does
    Reports a statistics table that the template of the report's era requires
    but that cannot be found: table 二 (主动公开) in part 二, table 三 (收到和处理
    申请) in part 三, table 四 (行政复议、行政诉讼) in part 四.

    ## Why is this bad?
    国办公开办函〔2021〕30号 (and 〔2019〕60号 before it) fixes the report format
    including these tables; a report without them does not give the figures
    the 条例 (第五十条) requires it to give.

    ## Example
    Fails: part 四 holds only the sentence `本年度未发生行政复议、行政诉讼。`

    Passes: part 四 holds the table 四 grid (行政复议 | 行政诉讼 …) with its 15
    values, even when all of them are 0.

    Nothing is claimed missing from a region that could not be read (PRS003),
    nor when the table's own words (a 第二十条 block, a column such as
    未经复议直接起诉) are written in the report but could not be read as a table
    (PRS004 says so).
    """

    code = "TPL002"
    name = "missing-table"
    severity = "error"
    eras = ("2019", "2021")
    summary = "缺少模板要求的统计表格"

    def check(self, report: Report) -> Iterator[Diagnostic]:
        era = ERAS.get(report.era)
        if era is None:
            return
        context = report.context
        for shape in era.tables:
            if report.table(shape.kind) is not None:
                continue
            section, read = context.part_region(shape.section)
            if not read or any(context.mentions(mark) for mark in shape.marks):
                continue  # not read there (PRS003), or written but not readable as a table (PRS004)
            span = section.span if section else Span(1, 1, 1, 1)
            part = f"{NUMERALS[shape.section - 1]}、"
            where = f"第{part[0]}部分" if section else f"报告中（未找到“{part}”部分标题）"
            yield self.finding(
                f"缺少{shape.kind}：{where}应有模板规定的{shape.kind}统计表格",
                span, shape.kind, shape.kind, table=shape.kind, section=shape.section,
            )
