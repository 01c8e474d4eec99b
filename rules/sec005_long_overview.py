from __future__ import annotations

from typing import Iterator

from linter import compliance as C
from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Option, Rule


class LongOverview(Rule):
    """## What it does
    Reports part 一 (`一、总体情况`) of a 2021-format report whose text is
    longer than `max-chars` characters (default 1000; spaces and tables are
    not counted). Option: `max-chars` (integer).

    ## Why is this bad?
    国办公开办函〔2021〕30号 asks that part 一 summarise 主动公开, 依申请公开,
    政府信息管理, 平台建设 and 监督保障 in "篇幅原则上不超过一千字". The limit is a
    principle, not a statute, so this is only a signal.

    ## Example
    Reported (info): a part 一 of 1 300 characters listing every news item of
    the year.

    Silent: a part 一 of 800 characters.
    """

    code = "SEC005"
    name = "long-overview"
    severity = "info"
    eras = ("2021",)
    summary = "第一部分（总体情况）超过约一千字"
    options_schema = {"max-chars": Option(1000, "第一部分超过这么多字（不计空白）即提示", 1, 1_000_000)}
    documentation_zh = """## 检查内容
    检出2021年格式报告的第一部分（`一、总体情况`）文字超过 `max-chars` 个字（默认 1000；不计空格和表格）的情形。选项：`max-chars`（整数）。

    ## 为什么要检查
    国办公开办函〔2021〕30号要求第一部分概述主动公开、依申请公开、政府信息管理、平台建设和监督保障情况，"篇幅原则上不超过一千字"。这一限制是原则性要求，不是法律规定，因此仅作为提示信号。

    ## 示例
    予以提示（提示级别）：第一部分长达 1 300 字，罗列了全年的每一条新闻动态。

    不提示：第一部分为 800 字。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        part = report.context.parts.get(1)
        if part is None:
            return
        limit = self.option("max-chars")
        length = sum(1 for ch in part.text if not ch.isspace())
        if length <= limit:
            return
        yield self.finding(
            f"第一部分“总体情况”约 {length} 字，超过《年度报告格式》（国办公开办函〔2021〕30号）"
            f"“原则上不超过一千字”的要求，建议精简",
            part.heading.span, C.PART_NAMES[1], part.heading.heading.strip(), characters=length, limit=limit,
        )
