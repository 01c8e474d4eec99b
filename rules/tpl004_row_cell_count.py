from __future__ import annotations

from typing import Iterator

from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class RowCellCount(Rule):
    """## What it does
    Reports a table row whose number of value cells differs from the template:
    7 in every data row of table 三, 15 in table 四, 3 or 1 in the rows of
    table 二; in the era-2007 statistics table 1 value per row (national table,
    统计数) or 2 (Fujian table, 年度 and 历年累计). The message gives the
    number expected and the number found.
    Rows whose cells ran together (TPL006) are reported there instead.

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
    severity = "error"
    summary = "表格行的数值个数与模板不符"

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for table in report.tables:
            for row in table.rows:
                if row.expected is None or len(row.cells) == row.expected:
                    continue
                if any(cell.run_together for cell in row.cells):
                    continue  # TPL006
                found = len(row.cells)
                name = row.label if row.raw_label else "数据行"
                yield self.finding(
                    f"{table.kind}“{name}”应有 {row.expected} 个数值，实际识别到 {found} 个"
                    f"（{'多' if found > row.expected else '少'} {abs(found - row.expected)} 个），"
                    "请核对该行是否缺失或多出单元格",
                    row.span if row.raw_label else row.values_span,
                    f"{table.kind}/{name}",
                    "|".join(cell.raw for cell in row.cells),
                    expected=row.expected, found=found, provenance="extraction",
                )
