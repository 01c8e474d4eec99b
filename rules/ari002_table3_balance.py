from __future__ import annotations

from typing import Iterator

from linter import arithmetic as A
from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class Table3Balance(Rule):
    """## What it does
    Checks the identity printed in table 三's top-left cell, for each of the
    seven columns: 一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理
    (FORMATS.md §3.1, T3-BAL). The finding points at the column's （七）总计
    cell, says what it should be and by how much it differs. Blank cells are
    read as 0 and the message says so; columns with a cell that ran together
    (TPL006) or a row of the wrong width (TPL004) are skipped and listed under
    ``skipped_identities``.

    ## Why is this bad?
    The template itself states it: "本列数据的勾稽关系为：第一项加第二项之和，
    等于第三项加第四项之和" (国办公开办函〔2021〕30号 附件, 表三; the same in
    〔2019〕60号). Every application received or carried over is either
    completed this year or carried forward; a column that does not balance
    has lost or invented applications (数据不准确).

    ## Example
    Fails (自然人: 20 + 0 ≠ 19 + 0):
    ```
    一、本年新收政府信息公开申请数量 | 20 | …
    二、上年结转政府信息公开申请数量 | 0 | …
    （七）总计 | 19 | …
    四、结转下年度继续办理 | 0 | …
    ```

    Passes: （七）总计 20.
    """

    code = "ARI002"
    name = "table3-balance"
    severity = "error"
    eras = ("2019", "2021")
    summary = "表三某列不满足“第一项加第二项之和等于第三项加第四项之和”"
    documentation_zh = """## 检查内容
    对表三的七列逐列检查表三左上角单元格中写明的勾稽关系：一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理（FORMATS.md §3.1，T3-BAL）。问题定位在该列的（七）总计单元格，说明其应有数值及相差多少。空白单元格按 0 计算，提示信息会注明这一点；含有粘连单元格（TPL006）或宽度不符的行（TPL004）的列不作检查，列入 ``skipped_identities``。

    ## 为什么要检查
    模板本身就写明了这一点："本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和"（国办公开办函〔2021〕30号 附件，表三；〔2019〕60号同）。本年新收或上年结转的每一件申请，要么在本年办结，要么结转下年度；某列不平衡，说明有申请被漏计或凭空多出（数据不准确）。

    ## 示例
    不通过（自然人：20 + 0 ≠ 19 + 0）：
    ```
    一、本年新收政府信息公开申请数量 | 20 | …
    二、上年结转政府信息公开申请数量 | 0 | …
    （七）总计 | 19 | …
    四、结转下年度继续办理 | 0 | …
    ```

    通过：（七）总计为 20。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for table in A.tables(report, "表三"):
            for outcome in A.failures(report, self.code, A.table3_balance_identities(table)):
                column = outcome.target.column
                yield A.finding(
                    self, outcome,
                    f"表三“{column}”列不满足勾稽关系（第一项加第二项之和，等于第三项加第四项之和）："
                    f"（七）总计{A.describe(outcome)}。请核对该列的本年新收、上年结转、办理结果总计和结转下年度数据",
                    f"表三/（七）总计/{column}",
                )
