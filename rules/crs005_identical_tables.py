from __future__ import annotations

from typing import Iterator

from linter.ast import Span
from linter.crossreport import CrossReportRule, ReportSet, title_span
from linter.diagnostics import Diagnostic


class IdenticalTables(CrossReportRule):
    """## What it does
    Finds two reports of different units whose statistics tables hold the
    same values cell for cell (``xxgk-lint audit``). Only distinctive tables
    are compared — at least five non-zero values, every value read reliably —
    so two tables of zeros are not "identical".

    ## Why is this bad?
    Two agencies do not receive, answer and carry over exactly the same
    numbers of requests; identical tables mean one copied the other's, or both
    report one body's figures twice.

    ## Example
    平潭综合实验区 2011 and 平潭县人民政府 2011 publish the same 统计表 (425, 1516,
    418, 1509, 7, 7, …).
    """

    code = "CRS005"
    name = "identical-tables"
    severity = "warning"
    summary = "与其他单位报告的统计表数值完全相同"
    documentation_zh = """## 检查内容
    审核时找出不同单位的两份报告中逐格相同的统计表。只比较有区分度的表格（至少五个非零数值，且每个数值都可靠读取），全为 0 的表格不算相同。

    ## 为什么要检查
    两个机关的申请数、办理结果和结转数不可能完全一样；表格相同，说明一方照抄了另一方，或两份报告重复报送了同一主体的数字。

    ## 示例
    平潭综合实验区 2011 年与平潭县人民政府 2011 年的统计表数值相同（425、1516、418、1509、7、7……）。
    """

    def check_reports(self, reports: ReportSet) -> Iterator[tuple[str, Diagnostic]]:
        from linter.similarity import identical_tables

        by_path = reports.by_path()
        for later, earlier in identical_tables(reports.prints()):
            this, other = by_path[later], by_path[earlier]
            shared = {t[0] for t in other.facts.get("table_prints") or ()}
            table = next((t for t in this.facts.get("table_prints") or () if t[0] in shared), None)
            span = Span(*table[2:6]) if table is not None else title_span(this)
            kind = table[1] if table is not None else "统计表"
            message = (f"{kind}的数值与“{other.unit or '另一单位'}”（{other.year or '年度不详'}年）报告的{kind}逐格相同："
                       f"请核实是否照抄或重复报送（另一报告：{earlier}）")
            yield later, self.finding(message, span, kind, f"{kind}:{earlier}", related=earlier)
