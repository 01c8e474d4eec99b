from __future__ import annotations

from typing import Iterator

from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class RunTogetherCells(Rule):
    """## What it does
    Reports a table row in which several cells visibly ran together into one,
    such as `0000` standing for four zeros (seed 000) or crawler text like
    `1000001` where a row of seven values is one digit run, or `4251516` in
    an era-2007 Fujian table row whose 年度 and 历年累计 ran together. The cells are not
    guessed apart: the row's values are unreliable, so no identity that uses
    them is evaluated.

    ## Why is this bad?
    Whether `1000001` is 1|0|0|0|0|0|1 or a million cannot be known from the
    text. Reading it either way could invent or hide a 数据不准确 finding; the
    honest result is to say the table cannot be checked until it is published
    with its cells separated.

    ## Example
    Fails (one cell per line, four cells merged):
    ```
    一、本年新收政府信息公开申请数量

    0000

    0
    ```

    Passes: the seven values on their own lines or in their own cells.
    """

    code = "TPL006"
    name = "run-together-cells"
    severity = "error"
    summary = "表格单元格粘连，数值无法可靠拆分"

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for table in report.tables:
            for row in table.rows:
                merged = [cell for cell in row.cells if cell.run_together]
                if not merged:
                    continue
                name = row.label if row.raw_label else "数据行"
                shown = "、".join(f"“{cell.raw}”" for cell in merged[:3])
                expected = f"应有 {row.expected} 个数值，" if row.expected else ""
                yield self.finding(
                    f"{table.kind}“{name}”的单元格 {shown} 疑似多个数值粘连在一起"
                    f"（{expected}识别到 {len(row.cells)} 个单元格），无法可靠拆分，本行不参与数据校验",
                    merged[0].span,
                    f"{table.kind}/{name}",
                    "|".join(cell.raw for cell in row.cells),
                    expected=row.expected, found=len(row.cells), cells=[cell.raw for cell in merged],
                    provenance="extraction",
                )
