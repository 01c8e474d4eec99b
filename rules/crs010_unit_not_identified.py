from __future__ import annotations

from linter.crossreport import RosterProblem


class NoUnit(RosterProblem):
    """## What it does
    In an audit: a report whose agency could not be read from its title, so it
    cannot be attributed to any unit (and a roster unit may look missing).

    ## Why is this bad?
    A report without its agency's name in the title is incomplete (see PER004),
    and the regulator cannot tell whose it is without opening it.

    ## Example
    A report titled only 2024年政府信息公开工作年度报告.
    """

    code = "CRS010"
    name = "unit-not-identified"
    severity = "info"
    summary = "未能从报告中识别单位名称，无法归属到单位"
    problem_kind = "no-unit"
    documentation_zh = """## 检查内容
    审核时：未能从报告标题中读出机关名称的报告，无法归属到任何单位（名单中的单位因此可能显示为缺报）。

    ## 为什么要检查
    标题中没有机关名称的报告不完整（见 PER004），审核者不打开就无法知道是谁的报告。

    ## 示例
    标题只有“2024年政府信息公开工作年度报告”的报告。
    """
