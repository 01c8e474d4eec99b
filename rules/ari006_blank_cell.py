from __future__ import annotations

from typing import Iterator

from linter import arithmetic as A
from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class BlankCell(Rule):
    """## What it does
    Reports a value cell of a statistics table (表二, 表三, 表四, the era-2007
    统计表) that is empty or holds `/`, `—`, `不适用` or other text where the
    template asks for a number. The arithmetic rules read such a cell as 0 and
    say so in their messages; this finding also names the identities the cell
    takes part in and whether they hold only under that reading. Rows whose
    cells could not be separated (TPL006) or have the wrong number of cells
    (TPL004) are left to those rules.

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
    summary = "应填数字的单元格为空白、“/”、“—”或文字"

    def check(self, report: Report) -> Iterator[Diagnostic]:
        involved: dict[int, list[A.Outcome]] = {}
        blanks = [(t, r, i, c) for t, r, i, c in A.checked_cells(report) if not c.is_number]
        if not blanks:
            return
        for _, identity in A.template_identities(report):
            if not any(t.is_blank for t in identity.terms):
                continue
            outcome = A.evaluate(identity)
            if isinstance(outcome, A.Outcome):
                for t in outcome.blanks:
                    involved.setdefault(id(t.cell), []).append(outcome)
        for table, row, index, cell in blanks:
            location = A.cell_location(report, table, row, index)
            shown = "空白" if not cell.raw else f"“{cell.raw}”"
            notes = []
            for outcome in involved.get(id(cell), []):
                state = "仅在按 0 计算时成立" if outcome.holds else "按 0 计算仍不成立"
                notes.append(f"{outcome.identity.id}（{state}）")
            extra = f"该单元格参与的数据校验：{'；'.join(notes)}。" if notes else ""
            yield self.finding(
                f"{location.replace('/', '“', 1).replace('/', '”', 1)}列为{shown}，模板要求填写数字"
                f"（没有发生请填 0）。数据校验时按 0 计算。{extra}",
                cell.span, location, cell.raw,
                cell={"label": A.row_name(table, row), "column": A.column_name(report, table, row, index),
                      "raw": cell.raw, "kind": cell.kind, "line": cell.span.line, "col": cell.span.column},
                identities=[{"identity": o.identity.id, "holds_only_with_blanks": o.only_with_blanks,
                             "holds": o.holds} for o in involved.get(id(cell), [])],
            )
