from __future__ import annotations

from typing import Iterator

from linter.ast import Report, Row, Span
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class RowCellCount(Rule):
    """## What it does
    Reports a table row whose number of value cells differs from the template:
    7 in every data row of table 三, 15 in table 四, 3 or 1 in the rows of
    table 二; in the era-2007 statistics table 1 value per row (national table,
    统计数) or 2 (Fujian table, 年度 and 历年累计). The message gives the
    number expected and the number found.
    Rows whose cells ran together (TPL006) are reported there instead. One
    finding per table lists the rows; it is a problem of reading the table
    (``provenance: extraction``), a warning, since a cell is most often lost
    when a table is converted or copied; none of those rows takes part in an
    identity, and no row is claimed missing from such a table (TPL003).

    ## Why is this bad?
    A row with a cell too many or too few cannot be read column by column: the
    figures can no longer be attributed to 自然人, 商业企业 … or to 行政复议 and
    行政诉讼, and none of the table's identities can be checked. It is usually
    a cell lost or added when the table was converted or pasted.

    ## Example
    Fails (table 四 with 16 values, seed 001):
    ```
    0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0
    ```

    Passes: the same row with 15 values.
    """

    code = "TPL004"
    name = "row-cell-count"
    severity = "warning"
    provenance = "extraction"
    summary = "表格行的数值个数与模板不符（该行不参与数据校验）"
    documentation_zh = """## 检查内容
    检出数值单元格个数与模板不符的表格行：表三每一数据行 7 个，表四 15 个，表二各行 3 个或 1 个；2007年条例时期的统计表每行 1 个数值（全国统一统计表，统计数）或 2 个（福建省统计表，年度和历年累计）。提示信息给出应有个数和实际个数。
    单元格粘连的行（TPL006）改由该规则报告。每张表一条，列出相关各行；这属于表格读取问题（``provenance: extraction``），级别为警告，因为单元格最常是在表格转换或复制时丢失的；这些行都不参与任何勾稽关系，也不会认定此类表格缺少任何行（TPL003）。

    ## 为什么要检查
    多一个或少一个单元格的行无法逐列读取：数字无法再对应到自然人、商业企业……或行政复议和行政诉讼，表格的各项勾稽关系都无法检查。这通常是表格转换或粘贴时丢失或多出了一个单元格。

    ## 示例
    不通过（表四有 16 个数值，seed 001 样本）：
    ```
    0	0	0	0	0	0	0	0	0	0	0	0	0	0	0	0
    ```

    通过：同一行有 15 个数值。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for table in report.tables:
            rows = [row for row in table.rows
                    if row.expected is not None and len(row.cells) != row.expected
                    and not any(cell.run_together for cell in row.cells)]  # those are TPL006's
            if not rows:
                continue
            described = [f"“{_name(row)}”应有 {row.expected} 个、识别到 {len(row.cells)} 个" for row in rows]
            shown = "；".join(described[:3]) + (f"等 {len(rows)} 行" if len(rows) > 3 else "")
            first, last = rows[0].span, rows[-1].values_span
            yield self.finding(
                f"{table.kind}有 {len(rows)} 行的数值个数与模板不符：{shown}。这些行可能缺失或多出单元格"
                "（常见于转换或转录时丢失的空白单元格），不参与数据校验和缺行判断，请核对原表",
                Span(first.line, first.column, last.end_line, last.end_column),
                f"{table.kind}/数值个数",
                "|".join(f"{_name(row)}:{len(row.cells)}" for row in rows),
                rows=[{"label": _name(row), "expected": row.expected, "found": len(row.cells),
                       "line": row.span.line, "cells": [cell.raw for cell in row.cells]} for row in rows],
            )


def _name(row: Row) -> str:
    return row.label if row.raw_label else "数据行"
