from __future__ import annotations

from typing import Iterator

from linter.ast import Report, Row, Span
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class RunTogetherCells(Rule):
    """## What it does
    Reports a table row in which several cells visibly ran together into one,
    such as `0000` standing for four zeros (seed 000) or crawler text like
    `1000001` where a row of seven values is one digit run, or `4251516` in
    an era-2007 Fujian table row whose 年度 and 历年累计 ran together. A run is
    split only when the split is provably unique (as many digits as cells, or
    exactly one split that satisfies the row's own identity, see
    ``linter/recovery.py``); the other rows' values are unreliable, and no
    identity that uses them is evaluated. One finding per table gives the
    counts; it is a problem of reading the file (``provenance: extraction``),
    a warning, or information when every row could be split.

    ## Why is this bad?
    Seven digits for seven cells can only be read one way, but whether
    `4251516` is 425 | 1516 or 4251 | 516 cannot be known from the text.
    Guessing could invent or hide a 数据不准确 finding; the honest result is to
    say which rows could not be checked until the table is published with its
    cells separated.

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
    severity = "warning"
    provenance = "extraction"
    summary = "表格单元格粘连（能唯一拆分的已拆分，其余不参与数据校验）"
    documentation_zh = """## 检查内容
    检出多个单元格明显粘连成一个的表格行，例如以 `0000` 表示四个零（seed 000 样本），或爬取文本中像 `1000001` 这样一行七个数值连成一串数字的情形，或2007年条例时期福建省统计表某行的年度和历年累计连在一起成为 `4251516`。只有在拆分方式可证明唯一时才拆分（数字个数与单元格个数相同，或恰好只有一种拆分方式满足该行自身的勾稽关系，见 ``linter/recovery.py``）；其他行的数值不可靠，凡用到这些数值的勾稽关系都不作计算。每张表一条，给出计数；这属于文件读取问题（``provenance: extraction``），级别为警告，所有行都能拆分时为提示。

    ## 为什么要检查
    七个数字对应七个单元格只有一种读法，但 `4251516` 究竟是 425 | 1516 还是 4251 | 516，无法从文本中得知。猜测可能凭空制造或掩盖一个数据不准确的问题；如实的做法是说明哪些行无法检查，直至表格以单元格分开的形式发布。

    ## 示例
    不通过（每行一个单元格，四个单元格合并在一起）：
    ```
    一、本年新收政府信息公开申请数量

    0000

    0
    ```

    通过：七个数值各占一行或各占一个单元格。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for table in report.tables:
            unsplit = [row for row in table.rows if any(cell.run_together for cell in row.cells)]
            split = [row for row in table.rows if any(cell.provenance == "recovered" for cell in row.cells)]
            if not unsplit and not split:
                continue
            rows = sorted(unsplit + split, key=lambda row: (row.span.line, row.span.column))
            total = len(rows)
            if unsplit:
                examples = "、".join(f"“{_name(row)}”的“{_merged(row)}”" for row in unsplit[:2])
                done = f"{len(split)} 行已唯一拆分，" if split else ""
                outcome = f"{done}{len(unsplit)} 行无法可靠拆分、未做数据校验（如{examples}）"
            else:
                outcome = "均已唯一拆分（拆分后的单元格参与数据校验，相关问题会注明）"
            first, last = rows[0].span, rows[-1].values_span
            finding = self.finding(
                f"{table.kind} {total} 行单元格粘连（数字连在一起，没有分隔）：{outcome}。"
                "请以单元格分明的表格发布",
                Span(first.line, first.column, last.end_line, last.end_column),
                f"{table.kind}/单元格粘连",
                "|".join(f"{_name(row)}:{_merged(row)}" for row in unsplit),
                rows=total, recovered=len(split), unsplit=len(unsplit),
                cells=[{"label": _name(row), "raw": _merged(row), "line": row.span.line} for row in unsplit],
            )
            if not unsplit:
                finding.severity = "info"
            yield finding


def _name(row: Row) -> str:
    return row.label if row.raw_label else "数据行"


def _merged(row: Row) -> str:
    return "、".join(cell.raw for cell in row.cells if cell.run_together)
