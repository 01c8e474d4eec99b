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

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for problem in report.context.unplaced:
            yield self.finding(problem.message, problem.span, f"{problem.data.get('table') or '正文'}/无法放置",
                               "|".join(problem.data.get("texts", ())), **problem.data)
