from __future__ import annotations

from typing import Iterator

from linter import arithmetic as A
from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class CountNotInteger(Rule):
    """## What it does
    Reports a negative or fractional number in a cell that counts something
    (documents, decisions, applications, cases, people). Allowed exceptions:
    the signed `本年增/减` column of era-2019 table 二 (`+3`, `-18`), and the
    money cells — `本年收费金额（单位：万元）` (era 2021), `采购总金额` (era 2019)
    and the 万元/元 rows of the era-2007 统计表 — which may be decimal but not
    negative. Rows whose cells ran together (TPL006) or have the wrong number
    of cells (TPL004) are not judged.

    ## Why is this bad?
    Counts are non-negative integers by nature and by template (FORMATS.md
    §3.1 T3-INT, §3.2 T4-INT, §3.3 T2-INT, §3.4 T2B-SIGNED). A value such as
    `2.5` applications or `-3` lawsuits is a typing or conversion error that
    makes the table 数据不准确.

    ## Example
    Fails (table 三, 自然人 -1):
    ```
    （一）予以公开 | -1 | 0 | 0 | 0 | 0 | 0 | -1 |
    ```

    Passes: `（一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |`; and in era 2019
    `行政处罚 | 2648 | -18 | 538` (本年增/减 may be negative).
    """

    code = "ARI007"
    name = "count-not-integer"
    severity = "error"
    summary = "计数单元格出现负数或小数"
    documentation_zh = """## 检查内容
    检出计数类单元格（文件、决定、申请、案件、人员等的数量）中出现的负数或小数。允许的例外：2019年格式表二中带正负号的 `本年增/减` 列（`+3`、`-18`），以及金额类单元格——`本年收费金额（单位：万元）`（2021年格式）、`采购总金额`（2019年格式）和2007年条例时期统计表中以万元/元计的行——可以是小数，但不能为负数。单元格粘连（TPL006）或单元格个数不符（TPL004）的行不作判断。

    ## 为什么要检查
    计数无论从性质上还是按模板要求都应为非负整数（FORMATS.md §3.1 T3-INT、§3.2 T4-INT、§3.3 T2-INT、§3.4 T2B-SIGNED）。诸如 `2.5` 件申请或 `-3` 件诉讼这样的数值，是录入或转换错误，使表格数据不准确。

    ## 示例
    不通过（表三，自然人为 -1）：
    ```
    （一）予以公开 | -1 | 0 | 0 | 0 | 0 | 0 | -1 |
    ```

    通过：`（一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |`；以及2019年格式中的 `行政处罚 | 2648 | -18 | 538`（本年增/减可以为负数）。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for table, row, index, cell in A.checked_cells(report):
            if not cell.is_number or cell.value is None:
                continue
            negative = cell.value < 0
            fractional = not isinstance(cell.value, int) and cell.value != cell.value.to_integral_value()
            if negative and A.may_be_signed(report, table, row, index):
                continue
            if not negative and (not fractional or A.may_be_decimal(report, table, row, index)):
                continue
            location = A.cell_location(report, table, row, index)
            what = "负数" if negative else "小数"
            allowed = "非负数" if A.may_be_decimal(report, table, row, index) else "非负整数"
            yield self.finding(
                f"{location.replace('/', '“', 1).replace('/', '”', 1)}列填报“{A.shown(cell.raw)}”，为{what}；"
                f"该单元格应为{allowed}，请核对",
                cell.span, location, cell.raw,
                value=cell.value, raw=cell.raw, expected=allowed,
                cell={"label": A.row_name(table, row), "column": A.column_name(report, table, row, index),
                      "value": cell.value, "line": cell.span.line, "col": cell.span.column},
            )
