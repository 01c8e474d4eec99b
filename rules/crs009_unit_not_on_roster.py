from __future__ import annotations

from linter.crossreport import RosterProblem


class UnlistedUnit(RosterProblem):
    """## What it does
    With a roster (``audit --roster``): a report whose unit is not on it (or
    could not be told apart from two units of the same name in other regions).

    ## Why is this bad?
    Either the roster lacks a unit, or the report names its agency in a way
    that matches none — both need a person's look before the audit is final.

    ## Example
    A report of 平潭综合实验区地方税务局 when the roster lists only 平潭综合实验区.
    """

    code = "CRS009"
    name = "unit-not-on-roster"
    severity = "info"
    summary = "报告的单位不在名单中"
    problem_kind = "unlisted"
    documentation_zh = """## 检查内容
    提供名单（audit --roster）时：报告的单位不在名单中（或与其他地区的同名单位无法区分）。

    ## 为什么要检查
    要么名单缺少这个单位，要么报告中的机关名称与名单都对不上，审核定稿前都需要人工确认。

    ## 示例
    名单只列了平潭综合实验区，而有一份平潭综合实验区地方税务局的报告。
    """
