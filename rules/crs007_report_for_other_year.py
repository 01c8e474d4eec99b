from __future__ import annotations

from linter.crossreport import RosterProblem


class WrongYear(RosterProblem):
    """## What it does
    In an audit, a report whose year is not the one its place says: the year
    of its year folder (``…/2017/report.pdf``), or outside year folders the
    audited year (``audit --year``, else the latest report year). It does not
    count as its unit's report for that year.

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
    审核时，指出年度与其所在位置不符的报告：位于年度目录（如 …/2017/报告.pdf）中的报告应为该年度的报告，不在年度目录中的报告应为审核年度（audit --year，默认为报告中最新的年度）的报告。这样的报告不计为该单位该年度的报告。

    ## 为什么要检查
    重复上报上一年的报告（或误报其他年度）的单位，实际上没有报送本年度报告。

    ## 示例
    2017 年度审核的文件夹中有一份 2016 年度报告。
    """
