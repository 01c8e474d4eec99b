from __future__ import annotations

from typing import Iterator

from linter.ast import Report, Span
from linter.diagnostics import Diagnostic
from linter.rule import Rule
from linter.structure import is_report


class NotAnAnnualReport(Rule):
    """## What it does
    Reports a file in which nothing identifies a 政府信息公开工作年度报告: no title
    naming one, none of the template's part headings (`一、总体情况` …), and none
    of its statistics tables.

    ## Why is this bad?
    The other rules judge a report against the template of its era
    (国办公开办函〔2019〕60号, 〔2021〕30号). Applied to some other document they
    would only produce noise, so the file gets this one finding and no other
    rule runs on it.

    ## Example
    Fails: a meeting notice saved in the reports folder.

    Passes: any file with the report's title, its part headings or its tables.
    """

    code = "PRS002"
    name = "not-an-annual-report"
    severity = "error"
    summary = "无法识别为政府信息公开工作年度报告"
    documentation_zh = """## 检查内容
    检出没有任何内容表明其为政府信息公开工作年度报告的文件：没有指明是年度报告的标题，没有模板规定的任何部分标题（`一、总体情况` …），也没有模板的任何统计表格。

    ## 为什么要检查
    其他规则按报告所属时期的模板（国办公开办函〔2019〕60号、〔2021〕30号）对报告作出判断。用于其他文件，只会产生无意义的提示，因此该文件只给出这一条检查结果，其他规则均不运行。

    ## 示例
    不通过：存放在报告文件夹中的一份会议通知。

    通过：任何带有年度报告标题、部分标题或统计表格的文件。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if not is_report(report):
            yield self.finding(
                "未能识别为政府信息公开工作年度报告：没有找到报告标题、“一、总体情况”等部分标题或统计表格",
                Span(1, 1, 1, 1), evidence="structure",
            )
        elif report.era_source is None:
            yield self.finding(
                "无法确定报告适用的模板时期：标题、统计期限、发布日期和正文中都没有报告年度，"
                "也没有可识别年报格式的表格标签",
                Span(1, 1, 1, 1), evidence="era",
            )
