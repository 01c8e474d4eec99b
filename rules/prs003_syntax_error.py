from __future__ import annotations

from typing import Iterator

from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class SyntaxTrouble(Rule):
    """## What it does
    Reports a place where the report's structure does not follow its template
    grammar, e.g. numbers standing in a table before any row label, or a table
    label where no table can be. Parsing skips to the next heading or table and
    goes on; the message says what was found, the data which lines were skipped.

    ## Why is this bad?
    The statistics tables of 国办公开办函〔2021〕30号 have a fixed structure;
    cells that cannot be placed in it cannot be checked, and are often a sign of
    a table broken when the report was converted or pasted.

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
    severity = "error"
    summary = "报告结构（表格或标题）无法按模板语法识别"

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for problem in report.problems:
            if problem.code == self.code:
                yield self.finding(problem.message, problem.span, "", f"{problem.data.get('text', '')}",
                                   **problem.data)
