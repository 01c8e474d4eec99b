from __future__ import annotations

from typing import Iterator

from linter import compliance as C
from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule

#: Era-2007 statistics-table rows that state the fees: national 2014 table,
#: Fujian table (2015–2016).
_FEE_ROWS = ("t7.fees", "t7f.fee_waiver")


class MissingFeeStatement(Rule):
    """## What it does
    Reports a report that does not state its fees where the law asks for it.

    *Report years 2021 and later* (error): part 六 (`六、其他需要报告的事项`) must
    address the 信息处理费, collected or not. Accepted: any mention of
    `处理费` (信息处理费, 政府信息处理费, 信息公开处理费…), or a disclosure fee
    statement (`未发生政府信息公开收费事项`, `收取…费用`, amounts in 元). A bare
    `无` fails. Without a part 六 (SEC001), the whole text is searched.

    *Report years up to 2018* (warning): the report must state its 收费及减免
    somewhere (第三十二条（三） of the 2007 条例): `收费及减免`, `免费`, `不收费`,
    `收取…费用` in the context of disclosure or applications, or the statistics
    table row `七、依申请公开信息收取的费用` (national table) or
    `政府信息公开收费减免金额` (Fujian table). `行政事业性收费信息` or `免费复印`
    do not count, nor does the sentence that only lists the report's parts.

    *Report years 2019–2020*: nothing is required (the 2019 format has no fee
    rule; part 六 = `无` is fine).

    ## Why is this bad?
    国办公开办函〔2021〕30号 requires that the 信息处理费 collected under the
    《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号) be "在此处专门报告" in part
    六; the template cell reads `六、其他需要报告的事项（文字描述，收取信息处理费情况在此处报告。）`.
    The 2007 条例 第三十二条（三） lists 政府信息公开的收费及减免情况 among the
    contents of every report.

    ## Example
    Fails (error, 2022 report):
    ```
    六、其他需要报告的事项
    无
    ```

    Passes: `六、其他需要报告的事项` / `本年度未收取信息处理费。`
    """

    code = "FEE001"
    name = "missing-fee-statement"
    severity = "error"
    summary = "未按要求说明信息处理费（收费及减免）情况"
    documentation_zh = """## 检查内容
    检出未按法律要求说明收费情况的报告。

    *2021年及以后的报告年度*（错误）：第六部分（`六、其他需要报告的事项`）必须说明信息处理费情况，无论是否收取。可接受的写法：任何提及 `处理费` 的表述（信息处理费、政府信息处理费、信息公开处理费……），或关于政府信息公开收费的说明（`未发生政府信息公开收费事项`、`收取…费用`、以元为单位的金额）。仅写 `无` 不通过。报告没有第六部分时（SEC001），在全文中查找。

    *2018年及以前的报告年度*（警告）：报告必须在某处说明收费及减免情况（2007年条例第三十二条（三））：在政府信息公开或申请的语境中出现 `收费及减免`、`免费`、`不收费`、`收取…费用`，或统计表中有 `七、依申请公开信息收取的费用` 行（全国统一统计表）或 `政府信息公开收费减免金额` 行（福建省统计表）。`行政事业性收费信息` 或 `免费复印` 不算，仅列举报告各组成部分的那句话也不算。

    *2019–2020 报告年度*：不作要求（2019年格式没有关于收费的规定；第六部分写 `无` 亦可）。

    ## 为什么要检查
    国办公开办函〔2021〕30号要求，依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费的情况，须在第六部分"在此处专门报告"；模板中该单元格写明 `六、其他需要报告的事项（文字描述，收取信息处理费情况在此处报告。）`。2007年条例第三十二条（三）将政府信息公开的收费及减免情况列为每份报告都必须包含的内容。

    ## 示例
    不通过（错误，2022年报告）：
    ```
    六、其他需要报告的事项
    无
    ```

    通过：`六、其他需要报告的事项` / `本年度未收取信息处理费。`
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if report.era_source is None:
            return
        era = C.law_era(report)
        if era == "2021":
            yield from self._part6(report)
        elif era == "2007":
            yield from self._fees_2007(report)

    def _part6(self, report: Report) -> Iterator[Diagnostic]:
        part = report.context.parts.get(6)
        if part is not None:
            text = part.text
            if C.FEE_2021.search(text) or any(report.context.unplaced_in(s) for s in part.sections):
                return  # stated, or part of the part could not be read
            span = part.paragraphs[0].span if part.paragraphs else part.heading.span
            shown = C.shorten(text) if text.strip() else "（空）"
            yield self.finding(
                f"第六部分“其他需要报告的事项”未说明信息处理费收取情况（现为“{shown}”），"
                "请按国办公开办函〔2021〕30号写明本年度收取信息处理费的情况（未收取的也应写明）",
                span, C.PART_NAMES[6], C.shorten(text), where="part6",
            )
            return
        if any(C.FEE_2021.search(p.text) for p in C.narrative(report)) or not report.context.read_to_end:
            return  # (part 六 is the last: it may stand in the pages that were not read)
        yield self.finding(
            "报告没有第六部分，也未说明信息处理费收取情况，请在“六、其他需要报告的事项”中写明",
            C.document_start(report), C.PART_NAMES[6], "", where="report",
        )

    def _fees_2007(self, report: Report) -> Iterator[Diagnostic]:
        for table in report.tables:
            if any(table.row(key) is not None for key in _FEE_ROWS):
                return
        for paragraph in C.narrative(report):
            if C.FEE_2007.search(C.blank_outline(paragraph.text)):
                return
        if not report.context.read_to_end:
            return
        finding = self.finding(
            "报告未说明政府信息公开的收费及减免情况（《政府信息公开条例》（2007年）第三十二条（三）），"
            "请补充（未收费的也应写明）",
            C.document_start(report), "第三十二条（三）", "收费及减免", where="report",
        )
        finding.severity = "warning"
        yield finding
