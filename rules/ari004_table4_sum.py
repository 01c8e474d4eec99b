from __future__ import annotations

from typing import Iterator

from linter import arithmetic as A
from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class Table4Sum(Rule):
    """## What it does
    Checks table 四 (政府信息公开行政复议、行政诉讼情况) in each of its three groups
    行政复议, 未经复议直接起诉 and 复议后起诉: 结果维持 + 结果纠正 + 其他结果 +
    尚未审结 = 总计 (FORMATS.md §3.2, T4-SUM). The finding points at the group's
    总计 cell. Blanks count as 0 and the message says so; a row of the wrong
    width (TPL004) or with cells run together (TPL006) is not checked.

    ## Why is this bad?
    Every case has exactly one state at the end of the year — upheld,
    corrected, other, or still pending — so the four add up to the total
    (国办公开办函〔2021〕30号 附件, 表四). A group that does not add up misstates
    the number of 行政复议 or 行政诉讼 cases.

    ## Example
    Fails (行政复议: 1 + 0 + 2 + 0 = 3, but 4 written):
    ```
    1 0 2 0 4 12 0 0 0 12 0 0 0 0 0
    ```

    Passes: `1 0 2 0 3 12 0 0 0 12 0 0 0 0 0`.
    """

    code = "ARI004"
    name = "table4-sum"
    severity = "error"
    eras = ("2019", "2021")
    summary = "表四某组结果维持、结果纠正、其他结果、尚未审结之和不等于总计"
    documentation_zh = """## 检查内容
    检查表四（政府信息公开行政复议、行政诉讼情况）的三组——行政复议、未经复议直接起诉、复议后起诉——是否各自满足：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计（FORMATS.md §3.2，T4-SUM）。问题定位在该组的总计单元格。空白按 0 计算，提示信息会注明这一点；宽度不符（TPL004）或单元格粘连（TPL006）的行不作检查。

    ## 为什么要检查
    每一案件在年末都恰好处于一种状态——结果维持、结果纠正、其他结果或尚未审结——因此四项之和等于总计（国办公开办函〔2021〕30号 附件，表四）。某组加总不符，即行政复议或行政诉讼案件的数量表述有误。

    ## 示例
    不通过（行政复议：1 + 0 + 2 + 0 = 3，但填写为 4）：
    ```
    1 0 2 0 4 12 0 0 0 12 0 0 0 0 0
    ```

    通过：`1 0 2 0 3 12 0 0 0 12 0 0 0 0 0`。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for table in A.tables(report, "表四"):
            for outcome in A.failures(report, self.code, A.table4_identities(table)):
                group = outcome.target.label
                yield A.finding(
                    self, outcome,
                    f"表四“{group}”：总计{A.describe(outcome)}。总计应等于结果维持、结果纠正、"
                    "其他结果、尚未审结四项之和，请核对",
                    f"表四/{group}/总计",
                )
