from __future__ import annotations

from linter.crossreport import RosterProblem


class WrongYear(RosterProblem):
    """## What it does
    In an audit for one year (``audit --year``, or the year most reports are
    for), a report for another year is named: it does not count as its unit's
    report for the audited year.

    ## Why is this bad?
    A unit that filed last year's report again (or next year's by mistake) has
    in fact not reported for the year audited.

    ## Example
    A 2016 report in the folder of the 2017 audit.
    """

    code = "CRS007"
    name = "report-for-other-year"
    severity = "warning"
    summary = "报告年度与审核年度不符，不计为该单位本年度的报告"
    problem_kind = "wrong-year"
    documentation_zh = """## 检查内容
    按某一年度审核（audit --year，或多数报告的年度）时，指出年度不同的报告：它不计为该单位本年度的报告。

    ## 为什么要检查
    重复上报上一年的报告（或误报其他年度）的单位，实际上没有报送本年度报告。

    ## 示例
    2017 年度审核的文件夹中有一份 2016 年度报告。
    """
