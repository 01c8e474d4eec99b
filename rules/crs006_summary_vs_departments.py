from __future__ import annotations

from typing import Iterator

from linter.crossreport import CrossReportRule, ReportSet, span_of
from linter.diagnostics import Diagnostic

#: (table, row key, cell index, what it is) compared between a government and its departments.
FIGURES = (
    ("表三", "t3.new", 6, "本年新收政府信息公开申请数量（总计）"),
    ("统计表", "t7f.proactive", 0, "主动公开文件数（年度）"),
)


class SummaryVsDepartments(CrossReportRule):
    """## What it does
    Where the roster names a unit's parent (``audit --roster``, column 上级):
    compares a government's report with the sum of its departments' reports
    of the same year — 本年新收政府信息公开申请数量 (总计) on the 2019/2021
    template, 主动公开文件数 (年度) on the Fujian 2007 table — and states any
    difference as information. Only when every department's figure was read.

    ## Why is this bad?
    It need not be: a government's own report may cover only its own offices.
    Where a region's summary report is meant to add up its departments', a
    difference shows a department left out or a figure changed on the way.

    ## Example
    平潭综合实验区 2021: 70 new requests; its departments' reports add up to 64.
    """

    code = "CRS006"
    name = "summary-vs-departments"
    severity = "info"
    summary = "政府报告的数字与下属部门报告之和不同（提示）"
    documentation_zh = """## 检查内容
    名单的“上级”列写明单位的上级时：把政府的报告与其下属部门同年度报告之和相比——2019/2021 年格式比较“本年新收政府信息公开申请数量”（总计），福建 2007 年统计表比较“主动公开文件数”（年度）——不同之处作为提示列出。只在每个部门的数字都已读出时比较。

    ## 为什么要检查
    不一定有错：政府本级报告可能只包括本级机关。但如果本地区的汇总报告应当是各部门之和，差额说明漏了部门或数字在汇总时被改动。

    ## 示例
    平潭综合实验区 2021 年新收申请 70 件，而下属部门报告之和为 64 件。
    """

    def check_reports(self, reports: ReportSet) -> Iterator[tuple[str, Diagnostic]]:
        children = reports.children()
        for (unit, year), parent in sorted(reports.by_unit_year.items()):
            departments = [r for r in children.get(unit, ()) if r.year == year]
            if not departments:
                continue
            for table, key, index, what in FIGURES:
                own = parent.count(table, key, index)
                parts = [d.count(table, key, index) for d in departments]
                if own is None or any(p is None for p in parts):
                    continue
                total = sum(p[0] for p in parts)
                if total == own[0]:
                    continue
                message = (f"{what}为 {own[0]}，下属 {len(departments)} 个部门报告之和为 {total}"
                           f"（{'、'.join(d.unit or d.path for d in departments[:5])}{'等' if len(departments) > 5 else ''}）；"
                           f"如本报告应为汇总数，请核对")
                yield parent.path, self.finding(message, span_of(own), f"{table}/{what}", f"{what}:{own[0]}:{total}",
                                                departments=[d.path for d in departments], found=own[0], expected=total)
