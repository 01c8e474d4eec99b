from __future__ import annotations

from typing import Iterator

from linter import compliance as C
from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class IncompleteTitle(Rule):
    """## What it does
    Reports a report without a title, or whose title lacks the agency's name
    or the report year. The title is the first line that reads as one
    (`…政府信息公开工作年度报告`, `…年报`), possibly wrapped over two short lines
    or split agency-first (`温州市科学技术局` / `2017年度政府信息公开工作年度报告`).

    ## Why is this bad?
    The report is published by a named 行政机关 for a named year (条例
    第四十九、五十条; 2007 条例 第三十一、三十二条); 国办公开办函〔2019〕60号 and
    〔2021〕30号 title the format `中华人民共和国政府信息公开工作年度报告`, which each
    agency completes with its name and year. Without them, a report found in a
    list or a search cannot be attributed, and year-on-year comparison fails.

    ## Example
    Fails (warning): a file that opens directly with `一、总体情况`, or a title
    `政府信息公开工作年度报告`.

    Passes: `钱塘区经济信息化和科学技术局2022年政府信息公开工作年度报告`.
    """

    code = "PER004"
    name = "incomplete-title"
    severity = "warning"
    summary = "报告缺少标题，或标题缺少机关名称或年度"
    documentation_zh = """## 检查内容
    检出没有标题、或标题缺少机关名称或报告年度的报告。标题是第一个看起来像标题的行（`…政府信息公开工作年度报告`、`…年报`），可能折成两个短行，或机关名称在前、单独成行（`温州市科学技术局` / `2017年度政府信息公开工作年度报告`）。

    ## 为什么要检查
    年度报告由特定的行政机关就特定的年度发布（条例第四十九、五十条；2007年条例第三十一、三十二条）；国办公开办函〔2019〕60号和〔2021〕30号将格式的标题定为 `中华人民共和国政府信息公开工作年度报告`，由各机关填入本机关名称和年度。缺少这些内容，在列表或搜索结果中找到的报告就无法确定归属，也无法进行逐年比较。

    ## 示例
    不通过（警告）：文件直接以 `一、总体情况` 开头，或标题为 `政府信息公开工作年度报告`。

    通过：`钱塘区经济信息化和科学技术局2022年政府信息公开工作年度报告`。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if report.era_source is None:
            return
        meta = report.meta
        if meta.title is None or meta.title_span is None:
            first = report.sections[0].span if report.sections else C.document_start(report)
            yield self.finding(
                "报告没有标题，请在开头写明“机关名称＋年度＋政府信息公开工作年度报告”",
                first, "标题", "", missing=["title"],
            )
            return
        missing = []
        if meta.agency is None:
            missing.append("机关名称")
        if meta.year_source != "title":
            missing.append("报告年度")
        if missing:
            title = "".join(meta.title.split())
            yield self.finding(
                f"标题“{title}”缺少{'和'.join(missing)}，请补充完整",
                meta.title_span, "标题", title,
                missing=["agency" if m == "机关名称" else "year" for m in missing],
            )
