from __future__ import annotations

from datetime import date
from typing import Iterator

from linter import compliance as C
from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.meta import year_of
from linter.rule import Rule


class WrongPeriod(Rule):
    """## What it does
    Reports a stated statistics period that is not 1 January – 31 December of
    the report year, and years that disagree: the title's year, the period
    statement's, and the year printed with an era-2007 statistics table
    (`（2017年度）` or a `2015年度` column). The report year is the title's;
    without a title year only the shape of the period is checked.

    ## Why is this bad?
    The annual report covers the previous calendar year (条例 第四十九、五十条;
    2007 条例 第三十一条); 国办公开办函〔2021〕30号 fixes the figures at 12月31日 of
    the report year. A period of another year, or a partial year, means the
    figures are not the report year's, or that the statement was copied from
    last year's report without being updated.

    ## Example
    Fails (error): title `…2022年政府信息公开工作年度报告`, statement
    `统计期限自2021年1月1日起至2021年12月31日止`.

    Passes: `统计期限自2022年1月1日起至2022年12月31日止`.
    """

    code = "PER002"
    name = "wrong-period"
    severity = "error"
    summary = "统计期限不是报告年度的1月1日至12月31日，或各处年份不一致"
    documentation_zh = """## 检查内容
    检出所述统计期限不是报告年度1月1日至12月31日的情形，以及各处年份不一致的情形：标题中的年份、统计期限语句中的年份，以及2007年条例时期统计表所标注的年份（`（2017年度）` 或 `2015年度` 列）。报告年度以标题中的年份为准；标题中没有年份时，只检查统计期限的形式。

    ## 为什么要检查
    年度报告覆盖上一个自然年度（条例第四十九、五十条；2007年条例第三十一条）；国办公开办函〔2021〕30号将数据的统计时点定为报告年度的12月31日。统计期限属于其他年度或不是完整年度，说明数据不是报告年度的数据，或者该语句是从上年报告中照抄而未更新。

    ## 示例
    不通过（错误）：标题为 `…2022年政府信息公开工作年度报告`，统计期限语句为
    `统计期限自2021年1月1日起至2021年12月31日止`。

    通过：`统计期限自2022年1月1日起至2022年12月31日止`。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if report.era_source is None:
            return
        meta = report.meta
        year = meta.report_year if meta.year_source == "title" else None
        period = meta.period
        if period is not None:
            start, end = date.fromisoformat(period.start), date.fromisoformat(period.end)
            expected_year = year if year is not None else start.year
            expected = (date(expected_year, 1, 1), date(expected_year, 12, 31))
            if (start, end) != expected:
                if year is not None and (start, end) == (date(start.year, 1, 1), date(start.year, 12, 31)):
                    detail = f"为{start.year}年全年，与标题中的报告年度{year}年不一致"
                else:
                    detail = f"为{C.chinese_date(start)}至{C.chinese_date(end)}"
                yield self.finding(
                    f"统计期限{detail}，应为{expected_year}年1月1日至{expected_year}年12月31日，请核对并更正",
                    period.span, "统计期限", period.text, kind="period",
                    start=period.start, end=period.end, report_year=expected_year,
                )
            if year is None:
                year = expected_year
        if year is None:
            return
        for phrase in meta.table_years:
            found = year_of(phrase)
            if found != year:
                yield self.finding(
                    f"统计表标注的年度“{phrase.text}”与报告年度{year}年不一致，请核对统计表是否为本年度数据",
                    phrase.span, "统计表/年度", phrase.text, kind="table", table_year=found, report_year=year,
                )
