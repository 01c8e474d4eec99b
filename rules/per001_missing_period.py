from __future__ import annotations

from typing import Iterator

from linter import compliance as C
from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class MissingPeriod(Rule):
    """## What it does
    Reports a report that never states the period its figures cover, i.e. no
    sentence such as `本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止`
    (keywords 统计期限 / 统计时限 / 统计时间 / 统计周期 / 报告期 followed by two
    dates; the statement may be broken over lines, as in PDF text). A
    statement whose dates were left blank (`本报告所列数据的统计期限自至。`, a
    real template left unfilled) is reported at that phrase.

    ## Why is this bad?
    Annual reports cover the calendar year (条例 第四十九、五十条; the 2007 条例
    第三十一条), and 国办公开办函〔2021〕30号 fixes the table 二 figures at 12月31日 of
    the report year. Neither national format prescribes the sentence, but
    without it a reader cannot tell which period the numbers cover; provincial
    standards (e.g. Sichuan DB51/T 2660—2019) require it. Hence a warning.

    ## Example
    Fails (warning): a report whose preamble says only
    `根据《中华人民共和国政府信息公开条例》第五十条之规定，制作本报告。`

    Passes: `本报告所列数据统计期限为2022年1月1日至2022年12月31日。`
    """

    code = "PER001"
    name = "missing-period"
    severity = "warning"
    summary = "报告未说明统计期限"
    documentation_zh = """## 检查内容
    检出从未说明数据统计期限的报告，即没有类似 `本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止` 的语句（关键词 统计期限 / 统计时限 / 统计时间 / 统计周期 / 报告期，后接两个日期；该语句可以跨行，如 PDF 提取的文本）。日期留空的语句（`本报告所列数据的统计期限自至。`，即未填写完整的真实模板）在该短语处报告。

    ## 为什么要检查
    年度报告覆盖一个自然年度（条例第四十九、五十条；2007年条例第三十一条），国办公开办函〔2021〕30号将表二数据的统计时点定为报告年度的12月31日。两种全国格式都没有规定这句话，但缺少它，读者就无法判断数据所覆盖的期间；一些省级标准（如四川省 DB51/T 2660—2019）要求写明。因此仅作警告。

    ## 示例
    不通过（警告）：报告的开头只写
    `根据《中华人民共和国政府信息公开条例》第五十条之规定，制作本报告。`

    通过：`本报告所列数据统计期限为2022年1月1日至2022年12月31日。`
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        meta = report.meta
        if report.era_source is None or meta.period is not None:
            return
        if meta.period_blank is None and not report.context.read_to_end:
            return  # the statement may stand in the pages that were not read
        year = C.report_year(report)
        example = f"{year}年1月1日至{year}年12月31日" if year else "报告年度1月1日至12月31日"
        if meta.period_blank is not None:  # "统计期限自至": the dates were never filled in
            phrase = meta.period_blank.text
            yield self.finding(
                f"统计期限的说明“{phrase}”没有写明起止日期，请写明“{example}”",
                meta.period_blank.span, "统计期限", phrase, report_year=year, kind="no-dates",
            )
            return
        yield self.finding(
            f"报告未说明所列数据的统计期限，建议在开头写明“本报告所列数据统计期限为{example}”",
            C.document_start(report), "统计期限", "", report_year=year, kind="missing",
        )
