from __future__ import annotations

from typing import Iterator

from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class SyntaxTrouble(Rule):
    """## What it does
    Reports a stretch of the file that the template grammar of the report's era
    could not place: numbers standing in a table before any row label, stray
    cells left over when a PDF table was converted, text where a table row
    should be. One finding per stretch, naming its lines and how many cells or
    lines were skipped. The parser repairs what it can without guessing (a
    table continued after a page break, a repeated header, a row out of
    template order are read normally); only what cannot be placed is skipped.

    No rule claims that a table, row or part is missing from a stretch that was
    skipped, and no identity is computed over it: the finding says which checks
    were therefore not run. It is a problem of reading the file
    (``provenance: extraction``), a warning, and does not make the run fail
    (``--severity PRS003=error`` makes it do so).

    ## Why is this bad?
    The statistics tables of 国办公开办函〔2021〕30号 have a fixed structure;
    cells that cannot be placed in it cannot be checked. Most often the table
    was broken when the report was converted from PDF or pasted; sometimes the
    published table itself has lost its labels.

    ## Example
    Fails (table 三, a row of values with its label lost):
    ```
    三、收到和处理政府信息公开申请情况
    申请人情况 | …
    | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
    ```

    Passes: every row of values starts with its label.
    """

    code = "PRS003"
    name = "syntax-error"
    severity = "warning"
    provenance = "extraction"
    summary = "报告的部分内容（表格或标题）无法按模板语法放置，已跳过"
    documentation_zh = """## 检查内容
    检出文件中无法按报告所属时期的模板语法放置的片段：出现在任何行标签之前的表格数字、PDF 表格转换后残留的零散单元格、本应是表格行的位置出现的文字。每个片段一条，注明其所在行以及跳过了多少单元格或行。解析器在不作猜测的前提下尽量修复（分页后续接的表格、重复的表头、未按模板顺序排列的行都能正常读取）；只跳过无法放置的内容。

    对于被跳过的片段，任何规则都不会据此认定其中缺少表格、行或部分，也不会在其上计算勾稽关系：提示信息会说明因此未执行哪些检查。这属于文件读取问题（``provenance: extraction``），级别为警告，不会导致运行失败（使用 ``--severity PRS003=error`` 可使其导致失败）。

    ## 为什么要检查
    国办公开办函〔2021〕30号规定的统计表格结构固定；无法放入这一结构的单元格就无法检查。最常见的原因是报告从 PDF 转换或粘贴时表格被破坏；有时已发布的表格本身就丢失了标签。

    ## 示例
    不通过（表三，一行数值丢失了标签）：
    ```
    三、收到和处理政府信息公开申请情况
    申请人情况 | …
    | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
    ```

    通过：每一行数值都以其标签开头。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for problem in report.context.unplaced:
            yield self.finding(problem.message, problem.span, f"{problem.data.get('table') or '正文'}/无法放置",
                               "|".join(problem.data.get("texts", ())), **problem.data)
