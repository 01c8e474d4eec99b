from __future__ import annotations

from typing import Iterator

from linter import arithmetic as A
from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class Table3Results(Rule):
    """## What it does
    Checks, for each column of table 三, that （七）总计 equals the sum of all
    result rows of 三、本年度办理结果: （一）予以公开, （二）部分公开, the eight
    （三）不予公开 rows, the three （四）无法提供 rows, the five （五）不予处理 rows
    and （六）其他处理 (three sub-rows in era 2021, one row in era 2019)
    (FORMATS.md §3.1, T3-RES). The finding points at the column's （七）总计
    cell and lists the non-zero results. Blanks count as 0 and the message says
    so; unreliable cells (TPL006/TPL004) make the column skipped.

    ## Why is this bad?
    Each application is counted under exactly one result ("区分处理的，只计这一
    情形，不计其他情形", 国办公开办函〔2021〕30号 附件, 表三), so the results add up
    to the total. The printed balance (ARI002) can hold while the results do
    not: Pingtan's 2020 report balances (21 + 0 = 21 + 0) but its 自然人
    results add up to 26 against a total of 20.

    ## Example
    Fails (总计 column: 7 + 6 + 4 + 3 + 3 + 4 = 27, but （七）总计 21):
    ```
    （一）予以公开 … 7
    （二）部分公开 … 6
    …
    （七）总计 … 21
    ```

    Passes: the results add up to the total.
    """

    code = "ARI003"
    name = "table3-results-sum"
    severity = "error"
    eras = ("2019", "2021")
    summary = "表三（七）总计不等于各项办理结果之和"
    documentation_zh = """## 检查内容
    逐列检查表三的（七）总计是否等于三、本年度办理结果下所有结果行之和：（一）予以公开、（二）部分公开、（三）不予公开的八行、（四）无法提供的三行、（五）不予处理的五行，以及（六）其他处理（2021年格式为三个子行，2019年格式为一行）（FORMATS.md §3.1，T3-RES）。问题定位在该列的（七）总计单元格，并列出不为零的各项结果。空白按 0 计算，提示信息会注明这一点；含有不可靠单元格（TPL006/TPL004）的列不作检查。

    ## 为什么要检查
    每件申请只计入一种办理结果（"区分处理的，只计这一情形，不计其他情形"，国办公开办函〔2021〕30号 附件，表三），因此各项结果之和等于总计。表中写明的平衡关系（ARI002）成立时，各项结果之和仍可能不等于总计：平潭2020年的报告满足平衡关系（21 + 0 = 21 + 0），但其自然人列各项结果之和为 26，而总计为 20。

    ## 示例
    不通过（总计列：7 + 6 + 4 + 3 + 3 + 4 = 27，但（七）总计为 21）：
    ```
    （一）予以公开 … 7
    （二）部分公开 … 6
    …
    （七）总计 … 21
    ```

    通过：各项结果之和等于总计。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for table in A.tables(report, "表三"):
            identities = A.table3_result_identities(table, report.era)
            for outcome in A.failures(report, self.code, identities):
                column = outcome.target.column
                yield A.finding(
                    self, outcome,
                    f"表三“{column}”列：（七）总计{A.describe(outcome)}。（七）总计应等于（一）至（六）"
                    "各项办理结果之和，请核对各办理结果或总计",
                    f"表三/（七）总计/{column}",
                )
