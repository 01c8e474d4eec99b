from __future__ import annotations

from linter.crossreport import RosterProblem


class DuplicateReport(RosterProblem):
    """## What it does
    Two reports of one unit for the audited year: the first by path counts,
    each other one is named here with the one that counts.

    ## Why is this bad?
    Two different versions of one report (a web page and a PDF that differ, a
    corrected re-issue) leave the regulator unsure which is the report; copies
    of the same report are harmless but worth knowing.

    ## Example
    ``2013/010.txt`` and ``2013/045.html``, both 平潭综合实验区 2013.
    """

    code = "CRS008"
    name = "duplicate-report"
    severity = "info"
    summary = "同一单位同一年度有多份报告"
    problem_kind = "duplicate"
    documentation_zh = """## 检查内容
    同一单位在审核年度有两份以上报告：按路径排序的第一份计为该单位的报告，其余各份在此列出，并注明计入的是哪一份。

    ## 为什么要检查
    同一报告的不同版本（内容不同的网页和 PDF、更正后重发）会让审核者不知以哪份为准；完全相同的副本无害，但值得知道。

    ## 示例
    `2013/010.txt` 与 `2013/045.html`，都是平潭综合实验区 2013 年度报告。
    """
