from __future__ import annotations

from typing import Iterator

from linter import arithmetic as A
from linter.ast import Report, Table
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class ImplausibleValues(Rule):
    """## What it does
    Plausibility checks (warnings): table values that no template identity
    forbids but that can hardly all be right.

    * Table 二, era 2021 (规章, 行政规范性文件): 本年制发件数 ≤ 现行有效件数 + 本年废止件数 —
      what was issued this year is in force unless it was repealed;
      `本年制发 5, 本年废止 0, 现行有效 0` is reported.
    * Table 二, era 2019: 本年新公开数量 ≤ 对外公开总数量 — the total published
      includes this year's.
    * Statistics table, era 2007: （二）申请办结数 and （三）申请答复数 ≤ （一）收到申请数
      (national table); 对申请的答复总数 ≤ 受理依申请公开信息总数 (Fujian table, per
      column). Answers may include applications carried over from the year
      before, so this stays a warning: the text should then say so.

    Cells that could not be read reliably (TPL004, TPL006) are skipped and
    listed in `skipped_identities`, as for every identity.

    ## Why is this bad?
    Each of these is possible only through an error in the table or a
    circumstance the report should explain; 国办公开办函〔2021〕30号 三（四）
    names 数据不准确 among the faults to correct.

    ## Example
    Fails (era 2021, table 二):
    ```
    行政规范性文件 | 5 | 0 | 0
    ```

    Passes: `行政规范性文件 | 5 | 0 | 37`.
    """

    code = "ARI008"
    name = "implausible-values"
    severity = "warning"
    summary = "表格数值不合常理（合理性检查）"
    documentation_zh = """## 检查内容
    合理性检查（警告）：没有哪条模板勾稽关系禁止、但很难全部正确的表格数值。

    * 表二，2021年格式（规章、行政规范性文件）：本年制发件数 ≤ 现行有效件数 + 本年废止件数——本年制发的文件，除非已被废止，否则应当现行有效；`本年制发 5, 本年废止 0, 现行有效 0` 会被报告。
    * 表二，2019年格式：本年新公开数量 ≤ 对外公开总数量——公开总数包含本年新公开的数量。
    * 统计表，2007年条例时期：（二）申请办结数和（三）申请答复数 ≤ （一）收到申请数（全国统一统计表）；对申请的答复总数 ≤ 受理依申请公开信息总数（福建省统计表，按列检查）。答复数可能包含上年结转的申请，因此仅作警告：此时正文应当予以说明。

    无法可靠读取的单元格（TPL004、TPL006）不作检查，并列入 `skipped_identities`，与所有勾稽关系的处理相同。

    ## 为什么要检查
    上述情况只有在表格有误、或存在报告应当说明的特殊情况时才可能出现；国办公开办函〔2021〕30号 三（四）将数据不准确列为需要纠正的问题之一。

    ## 示例
    不通过（2021年格式，表二）：
    ```
    行政规范性文件 | 5 | 0 | 0
    ```

    通过：`行政规范性文件 | 5 | 0 | 37`。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        identities = []
        for table in A.tables(report, "表二"):
            identities += list(_table2(report.era, table))
        for table in A.tables(report, "统计表"):
            identities += list(_table7(table))
        for outcome in A.failures(report, self.code, identities):
            target = outcome.target
            yield A.finding(
                self, outcome,
                f"{outcome.identity.id.split(': ')[0]}：“{target.label}”{target.column or ''}{A.describe(outcome)}；"
                f"{_WHY.get(outcome.identity.id.split(': ')[1], '')}请核对",
                outcome.identity.id, check=outcome.identity.id.split(": ")[1],
            )


_WHY = {
    "issued<=in_force+repealed": "本年制发的文件若未废止应计入现行有效件数，",
    "new<=total": "对外公开总数量应包含本年新公开的数量，",
    "done<=received": "办结或答复的申请多于收到的申请，如含上年结转的申请，应在正文中说明；",
}


def _table2(era: str, table: Table) -> Iterator[A.Identity]:
    columns = A.T2_COLUMNS.get(era, {}).get("t2.item1", ())
    for key in ("t2.rules", "t2.normative"):
        row = table.row(key)
        if row is None or len(columns) != 3:
            continue
        label = A.row_name(table, row)
        cells = [A.term(row, k, label, columns[k]) for k in range(3)]
        if era == "2021":  # 本年制发 ≤ 现行有效 + 本年废止
            yield A.Identity(f"表二/{label}: issued<=in_force+repealed", [cells[0]], [cells[2], cells[1]], "<=",
                             target=cells[2])
        elif era == "2019":  # 本年新公开 ≤ 对外公开总数
            yield A.Identity(f"表二/{label}: new<=total", [cells[1]], [cells[2]], "<=", target=cells[2])


def _table7(table: Table) -> Iterator[A.Identity]:
    pairs = (("t7.recv", ("t7.done", "t7.answers")), ("t7f.recv", ("t7f.answers",)))
    for total_key, answer_keys in pairs:
        received = table.row(total_key)
        if received is None:
            continue
        for key in answer_keys:
            answered = table.row(key)
            if answered is None:
                continue
            for index, column in enumerate(table.columns or [None]):
                total = A.term(received, index, A.row_name(table, received), column)
                part = A.term(answered, index, A.row_name(table, answered), column)
                yield A.Identity(f"统计表/{A.row_name(table, answered)}: done<=received", [part], [total], "<=",
                                 target=total)
