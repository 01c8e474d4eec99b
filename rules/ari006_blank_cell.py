from __future__ import annotations

from typing import Iterator

from linter import arithmetic as A
from linter.ast import Cell, Report, Row, Span, Table
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class BlankCell(Rule):
    """## What it does
    Reports the value cells of a statistics table (表二, 表三, 表四, the era-2007
    统计表) that are empty or hold `/`, `—`, `不适用` or other text where the
    template asks for a number: one finding per table, listing the cells. The
    arithmetic rules read such a cell as 0 and say so in their messages; this
    finding also names the identities the cells take part in and whether they
    hold only under that reading. A total left blank while its parts are filled
    is said here with the sum of its parts ("总计未填写，各项之和为 X"), not
    reported as an arithmetic error. Rows whose cells could not be separated
    (TPL006) or have the wrong number of cells (TPL004) are left to those rules.

    ## Why is this bad?
    The templates (国办公开办函〔2019〕60号, 〔2021〕30号; the 2014 statistics
    table of 国办发〔2014〕32号) ask for a figure in every cell; a blank cannot be
    told apart from a figure left out, and "0" is what a nil return looks like
    (FORMATS.md §2.4). A blank that makes an identity hold only when read as 0
    hides whether the report is complete.

    ## Example
    Fails (seed 004, line 289, 专职人员数 left empty):
    ```
    	1.专职人员数（不包括政府公报及政府网站工作人员数）
    	人
    	
    ```

    Passes: the cell holds `0`.
    """

    code = "ARI006"
    name = "blank-number-cell"
    severity = "warning"
    summary = "应填数字的单元格为空白、“/”、“—”或文字（每表一条）"
    documentation_zh = """## 检查内容
    检出统计表格（表二、表三、表四、2007年条例时期的统计表）中，模板要求填写数字、但为空白或填写了 `/`、`—`、`不适用` 等文字的数值单元格：每张表一条，列出这些单元格。算术类规则将此类单元格按 0 计算，并在提示信息中注明；本规则的提示还会列出这些单元格所参与的勾稽关系，以及这些关系是否只有在按 0 计算时才成立。总计未填而各分项已填的，在此处说明并给出各分项之和（"总计未填写，各项之和为 X"），不作为算术错误报告。单元格无法分开（TPL006）或单元格个数不符（TPL004）的行交由相应规则处理。

    ## 为什么要检查
    各模板（国办公开办函〔2019〕60号、〔2021〕30号；国办发〔2014〕32号的2014年统计表）要求每个单元格都填写数字；空白无法与漏填的数字区分，而没有发生相关事项时应填"0"（FORMATS.md §2.4）。某个空白只有按 0 计算才能使勾稽关系成立时，就无法判断报告是否完整。

    ## 示例
    不通过（seed 004 样本，第 289 行，专职人员数为空）：
    ```
    	1.专职人员数（不包括政府公报及政府网站工作人员数）
    	人
    	
    ```

    通过：该单元格填写 `0`。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        blanks = [(t, r, i, c) for t, r, i, c in A.checked_cells(report) if not c.is_number]
        if not blanks:
            return
        involved: dict[int, list[A.Outcome]] = {}
        for _, identity in A.template_identities(report):
            if not any(t.is_blank for t in identity.terms):
                continue
            outcome = A.evaluate(identity)
            if isinstance(outcome, A.Outcome):
                for t in outcome.blanks:
                    involved.setdefault(id(t.cell), []).append(outcome)
        by_table: dict[int, list[tuple[Table, Row, int, Cell]]] = {}
        for item in blanks:
            by_table.setdefault(id(item[0]), []).append(item)
        for items in by_table.values():
            yield self._table_finding(report, items, involved)

    def _table_finding(self, report: Report, items: list, involved: dict[int, list[A.Outcome]]) -> Diagnostic:
        table = items[0][0]
        cells, shown, totals, notes = [], [], [], []
        for _, row, index, cell in items:
            name = f"{A.row_name(table, row)}/{A.column_name(report, table, row, index)}"
            what = "空白" if not cell.raw else f"“{cell.raw}”"
            shown.append(f"{name}（第{cell.span.line}行，{what}）")
            outcomes = involved.get(id(cell), [])
            for outcome in outcomes:
                if outcome.target.cell is cell and outcome.expected != 0:
                    totals.append(f"“{name}”未填写，各项之和为 {A.shown(outcome.expected)}")
                elif outcome.target.cell is not cell:
                    state = "仅在按 0 计算时成立" if outcome.holds else "按 0 计算仍不成立"
                    notes.append(f"{outcome.identity.id}（{state}）")
            cells.append({"label": A.row_name(table, row), "column": A.column_name(report, table, row, index),
                          "raw": cell.raw, "kind": cell.kind, "line": cell.span.line, "col": cell.span.column,
                          "identities": [{"identity": o.identity.id, "holds_only_with_blanks": o.only_with_blanks,
                                          "holds": o.holds} for o in outcomes]})
        listed = "、".join(shown[:6]) + (f"等 {len(shown)} 个" if len(shown) > 6 else "")
        message = f"{table.kind}有 {len(items)} 个应填数字的单元格为空白或非数字：{listed}。模板要求填写数字（没有发生请填 0）"
        if totals:
            message += "；" + "；".join(dict.fromkeys(totals)) + "（合计数未填写，未作为数据错误报告）"
        if notes:
            message += "。数据校验时按 0 计算：" + "；".join(dict.fromkeys(notes[:4]))
        first, last = items[0][3].span, items[-1][3].span
        return self.finding(
            message + "。", Span(first.line, first.column, last.end_line, last.end_column),
            f"{table.kind}/空白单元格", "|".join(f"{c['label']}/{c['column']}" for c in cells),
            cells=cells, blank_totals=list(dict.fromkeys(totals)),
        )
