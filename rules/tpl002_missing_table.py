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
    documentation_zh = """## 检查内容
    检出报告所属时期模板要求、但无法找到的统计表格：第二部分的表二（主动公开）、第三部分的表三（收到和处理申请）、第四部分的表四（行政复议、行政诉讼）。

    ## 为什么要检查
    国办公开办函〔2021〕30号（此前为〔2019〕60号）规定的报告格式包括这些表格；缺少这些表格的报告，没有提供条例（第五十条）要求其提供的数据。

    ## 示例
    不通过：第四部分只有一句 `本年度未发生行政复议、行政诉讼。`

    通过：第四部分有表四表格（行政复议 | 行政诉讼 …）及其 15 个数值，即使全部为 0。

    对于无法读取的区域（PRS003），不认定其中缺少任何表格；报告中写有表格本身的文字（第二十条表块、未经复议直接起诉之类的列），但这些文字无法读取为表格时（由 PRS004 说明），也不认定缺表。
    """

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
