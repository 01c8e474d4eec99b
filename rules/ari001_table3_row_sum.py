from __future__ import annotations

from typing import Iterator

from linter import arithmetic as A
from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class Table3RowSum(Rule):
    """## What it does
    Checks every data row of table 三 (收到和处理政府信息公开申请情况): the six
    applicant columns 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构 and
    其他 must add up to the row's 总计 (FORMATS.md §3.1, T3-ROW). The finding
    points at the 总计 cell and gives the sum, the value written and the
    difference. Blank cells are read as 0 and the message says so; rows whose
    cells ran together (TPL006) or have the wrong number of cells (TPL004) are
    not checked and are listed under ``skipped_identities``.

    ## Why is this bad?
    The 总计 column of the template (国办公开办函〔2021〕30号 附件, 表三) is
    the sum of the applicant columns. A row that does not add up is 数据不准确,
    the defect named first in 国办公开办函〔2019〕60号 and 〔2021〕30号
    三（四） ("发布内容不准确不全面"), and cannot be published as is.

    ## Example
    Fails (（一）予以公开: 6 + 0 + 0 + 0 + 0 + 1 = 7, but 8 written):
    ```
    （一）予以公开 | 6 | 0 | 0 | 0 | 0 | 1 | 8 |
    ```

    Passes:
    ```
    （一）予以公开 | 6 | 0 | 0 | 0 | 0 | 1 | 7 |
    ```
    """

    code = "ARI001"
    name = "table3-row-sum"
    severity = "error"
    eras = ("2019", "2021")
    summary = "表三某行各申请人列之和不等于总计"
    documentation_zh = """## 检查内容
    检查表三（收到和处理政府信息公开申请情况）的每一数据行：自然人、商业企业、科研机构、社会公益组织、法律服务机构和其他这六个申请人列之和，必须等于该行的总计（FORMATS.md §3.1，T3-ROW）。问题定位在总计单元格，并给出各列之和、所填数值及二者之差。空白单元格按 0 计算，提示信息会注明这一点；单元格粘连（TPL006）或单元格个数不符（TPL004）的行不作检查，列入 ``skipped_identities``。

    ## 为什么要检查
    模板（国办公开办函〔2021〕30号 附件，表三）中的总计列是各申请人列之和。某行加总不符即属数据不准确，这是国办公开办函〔2019〕60号和〔2021〕30号 三（四）（"发布内容不准确不全面"）中首先指出的问题，不能照此发布。

    ## 示例
    不通过（（一）予以公开：6 + 0 + 0 + 0 + 0 + 1 = 7，但填写为 8）：
    ```
    （一）予以公开 | 6 | 0 | 0 | 0 | 0 | 1 | 8 |
    ```

    通过：
    ```
    （一）予以公开 | 6 | 0 | 0 | 0 | 0 | 1 | 7 |
    ```
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for table in A.tables(report, "表三"):
            for outcome in A.failures(report, self.code, A.table3_row_identities(table)):
                row = outcome.target.label
                yield A.finding(
                    self, outcome,
                    f"表三“{row}”一行：自然人至其他六列之和为 {A.shown(outcome.expected)}（{outcome.expression()}），"
                    f"但“总计”列填报 {A.shown(outcome.actual)}，相差 {A.signed(outcome.delta)}{outcome.blank_note()}。"
                    "“总计”应等于前六列之和，请核对该行数据",
                    f"表三/{row}/总计",
                )
