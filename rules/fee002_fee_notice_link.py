from __future__ import annotations

from typing import Iterator

from linter import compliance as C
from linter.ast import Cell, Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule

_ROW = "t3.other.2"


class FeeNoticeLink(Rule):
    """## What it does
    Reports a 2021-format report whose table 三 row
    `（六）2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请`
    is above zero in some column while part 六 does not mention fee notices
    (收费通知, 缴费通知, 通知…缴纳): it says nothing about fees, or only that no
    fee was collected. A count in this row means fee notices were sent, so
    part 六 should say so.

    Cells the extractor was unsure of are used only for what is certain: a run
    of digits that could not be split (`2000002`) holds a non-zero cell if it
    holds a non-zero digit; the finding says it was read that way.
    Table 二 `行政事业性收费` is an agency's general administrative fees, not the
    信息处理费: it is never linked to part 六.

    ## Why is this bad?
    Under the 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号) an applicant who
    does not pay within the period of a fee notice is treated as having
    withdrawn the application, which table 三 counts in （六）2;
    国办公开办函〔2021〕30号 asks for the 信息处理费 to be reported in part 六. A part 六
    that says "no fee was collected" while applications were dropped for
    unpaid fees is incomplete, and one that says no notice was issued
    contradicts the table.

    ## Example
    Fails (warning): （六）2 = 2 in the 总计 column, part 六
    `2025年，无收取信息处理费情况。`

    Passes: `2025年，发出收费通知2件，申请人均未缴纳，未实际收取信息处理费。`
    """

    code = "FEE002"
    name = "fee-notice-link"
    severity = "warning"
    eras = ("2021",)
    summary = "表三有因逾期未缴费而终止的申请，但第六部分未说明收费通知情况"
    documentation_zh = """## 检查内容
    检出2021年格式的报告中，表三
    `（六）2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请`
    行在某一列大于零，而第六部分未提及收费通知（收费通知、缴费通知、通知…缴纳）的情形：第六部分对收费只字未提，或只说未收取费用。该行有数，说明发出过收费通知，第六部分应当予以说明。

    对于提取程序无法确定的单元格，只采用其中确定的信息：一串无法拆分的数字（`2000002`）只要含有非零数字，就说明其中有非零单元格；提示信息会注明是这样读取的。
    表二中的 `行政事业性收费` 是机关一般的行政事业性收费，不是信息处理费，始终不与第六部分关联。

    ## 为什么要检查
    根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），申请人未在收费通知规定的期限内缴费的，视为撤回申请，表三在（六）2 中统计这类申请；国办公开办函〔2021〕30号要求在第六部分报告信息处理费情况。有申请因未缴费而终止、第六部分却只说"未收取费用"的，说明不完整；说未发出过收费通知的，则与表格相矛盾。

    ## 示例
    不通过（警告）：总计列中（六）2 = 2，第六部分写
    `2025年，无收取信息处理费情况。`

    通过：`2025年，发出收费通知2件，申请人均未缴纳，未实际收取信息处理费。`
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        table = report.table("表三")
        row = table.row(_ROW) if table is not None else None
        if row is None:
            return
        how = _above_zero(row.cells)
        if how is None:
            return
        part = report.context.parts.get(6)
        text = part.text if part is not None else ""
        if C.FEE_NOTICE.search(text):
            return
        if C.FEE_NONE.search(text):
            said = "只说明未收取费用，未说明收费通知的发出和缴纳情况"
        elif text.strip():
            said = "未提及收费通知和信息处理费"
        else:
            said = "没有内容" if part is not None else "缺失"
        figures = "|".join(cell.raw for cell in row.cells)
        shown = {"run": f"有数字“{figures}”（无法拆分的数字串，按其中含非零数字判断）",
                 "recovered": f"为“{figures}”（由粘连的数字串唯一拆分而得）"}.get(how, f"为“{figures}”")
        if part is not None:
            span = part.paragraphs[0].span if part.paragraphs else part.heading.span
        else:
            span = row.span
        yield self.finding(
            f"表三“（六）2.申请人逾期未按收费通知要求缴纳费用…”{shown}（第{row.span.line}行），说明本年度发出过收费通知，"
            f"但第六部分{said}；请在第六部分写明收费通知的发出、缴纳和信息处理费收取情况",
            span, C.PART_NAMES[6], figures, row_line=row.span.line, row_values=figures,
            provenance="source" if how == "source" else "recovered",
        )


def _above_zero(cells: list[Cell]) -> str | None:
    """How a cell above zero was read: "source", "recovered" (split out of a run),
    "run" (a digit run that could not be split holds a non-zero digit); None
    when no cell is above zero."""
    for cell in cells:
        if cell.run_together:
            continue
        if cell.is_number and cell.value is not None and cell.value > 0:
            return cell.provenance
    for cell in cells:
        if cell.run_together and any(ch in "123456789" for ch in cell.raw):
            return "run"
    return None
