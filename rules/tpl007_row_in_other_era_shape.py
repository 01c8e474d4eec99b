from __future__ import annotations

from typing import Iterator

from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.labels import ERAS
from linter.rule import Rule


class RowInOtherEraShape(Rule):
    """## What it does
    Reports a table row written in another template era's shape: a group of
    the template that has sub-rows, written instead as one row with values —
    above all table 三's `（六）其他处理` filled in as one row (the 2019 trial
    format) in a report on the 2021 format, whose `（六）` has the three rows
    `1.申请人无正当理由逾期不补正…`, `2.申请人逾期未按收费通知要求缴纳费用…` and
    `3.其他`. The sub-rows are then not reported missing one by one (TPL003).

    ## Why is this bad?
    国办公开办函〔2021〕30号 split （六）其他处理 so that applications dropped
    for unpaid information fees (国办函〔2020〕109号) are counted on their own;
    a single row hides them, and the figures cannot be compared with other
    reports on the 2021 format.

    ## Example
    Fails (warning), a 2024 report:
    ```
    （六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    （七）总计 | 95 | 0 | 0 | 0 | 0 | 0 | 95
    ```

    Passes: （六）其他处理 as a group with its rows 1–3.
    """

    code = "TPL007"
    name = "row-in-other-era-shape"
    severity = "warning"
    eras = ("2021",)
    summary = "表格某行按其他年代模板的形式填写（如2021年格式的（六）其他处理只填一行）"
    documentation_zh = """## 检查内容
    检出按另一时期模板的形式填写的表格行：模板中带有子行的分组，被写成了带数值的一行——主要是在2021年格式的报告中，表三的 `（六）其他处理` 按2019年试行格式填成了一行，而2021年格式的 `（六）` 包括三行：`1.申请人无正当理由逾期不补正…`、`2.申请人逾期未按收费通知要求缴纳费用…` 和 `3.其他`。此时不再逐一报告这些子行缺失（TPL003）。

    ## 为什么要检查
    国办公开办函〔2021〕30号拆分了（六）其他处理，以便单独统计因未缴纳信息处理费（国办函〔2020〕109号）而终止处理的申请；填成一行会掩盖这部分数字，其数据也无法与其他采用2021年格式的报告比较。

    ## 示例
    不通过（警告），2024年报告：
    ```
    （六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    （七）总计 | 95 | 0 | 0 | 0 | 0 | 0 | 95
    ```

    通过：（六）其他处理作为一个分组，含第 1–3 行。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        era = ERAS.get(report.era)
        if era is None:
            return
        for table in report.tables:
            for row in collapsed_groups(table, era):
                children = [label.canonical for label in era.labels if label.parent == row.key]
                shown = "、".join(f"“{name}”" for name in children)
                yield self.finding(
                    f"{table.kind}“{row.label}”填为一行数值（2019年试行格式的写法），本年度应使用的格式把它分为"
                    f"{shown} {len(children)} 行；请按现行格式分行填报",
                    row.span, f"{table.kind}/{row.label}", row.label, row=row.key, sub_rows=children,
                )


def collapsed_groups(table, era) -> list:
    """Group rows of the template given values of their own while none of their
    sub-rows is there."""
    keys = {row.key for row in table.rows}
    found = []
    for row in table.rows:
        children = [label.key for label in era.labels if label.parent == row.key and label.values]
        if row.cells and children and not keys.intersection(children):
            found.append(row)
    return found
