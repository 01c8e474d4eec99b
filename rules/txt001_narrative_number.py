from __future__ import annotations

from typing import Iterator

from linter import arithmetic as A
from linter import narrative as N
from linter.ast import Cell, Report
from linter.diagnostics import Diagnostic
from linter.quantities import clause_before
from linter.rule import Rule


class NarrativeNumber(Rule):
    """## What it does
    Compares the numbers the narrative states — applications received (收到),
    carried over (上年结转), completed (办结), carried forward (结转下年度),
    行政复议 and 行政诉讼 cases, and in era-2007 reports the number of items
    published proactively (主动公开 N 条) — with the table cell that holds the
    same quantity, and reports a difference, quoting the sentence and the
    table value. "收到N件" is accepted as 新收 or as 新收 + 上年结转. Table
    cells that ran together (TPL006) or stand in a row of the wrong width
    (TPL004) are not compared (see ``skipped_identities``).

    ## Why is this bad?
    The 条例 (第五十条) asks the report to state these figures; the text and the
    tables are the same report, and a reader cannot tell which one is right.
    国办公开办函〔2021〕30号 三（四） names "发布内容不准确" among the problems to
    be corrected. Pingtan's 2013 report says "2013年主动公开政府信息4970条"
    while its table says 72804, and mentions one 行政复议 the table omits.

    ## Example
    Fails (table 三 一、本年新收 总计 = 69):
    ```
    本年度全区共收到70件申请，及时依法依规办结69件。
    ```

    Passes: "共收到69件申请".
    """

    code = "TXT001"
    name = "narrative-number-mismatch"
    severity = "warning"
    summary = "正文所述数字与表格不一致"
    documentation_zh = """## 检查内容
    将正文所述的数字——申请的收到（收到）、上年结转（上年结转）、办结（办结）、结转下年度（结转下年度）件数，行政复议和行政诉讼案件数，以及2007年条例时期报告中主动公开的信息条数（主动公开 N 条）——与表格中表示同一数量的单元格比较，如有差异则报告，并引用该句话和表格数值。"收到N件"既可对应新收，也可对应新收 + 上年结转。单元格粘连（TPL006）或所在行宽度不符（TPL004）的表格单元格不作比较（见 ``skipped_identities``）。

    ## 为什么要检查
    条例（第五十条）要求报告说明这些数据；正文和表格属于同一份报告，二者不一致时，读者无法判断哪一个正确。国办公开办函〔2021〕30号 三（四）将"发布内容不准确"列为需要纠正的问题。平潭2013年的报告称"2013年主动公开政府信息4970条"，而其表格中为 72804，并且提到了一件表格中遗漏的行政复议。

    ## 示例
    不通过（表三 一、本年新收 总计 = 69）：
    ```
    本年度全区共收到70件申请，及时依法依规办结69件。
    ```

    通过："共收到69件申请"。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        yield from self._quantities(report)
        yield from self._ties(report)

    def _ties(self, report: Report) -> Iterator[Diagnostic]:
        """Counts named by a table's own words: ``网上申请数3条``, ``现行有效行政规范性文件393件``."""
        for tie in N.table_ties(report):
            quantity, row = tie.quantity, tie.row
            span = tie.paragraph.span_of(quantity.start, quantity.end)
            clause = clause_before(tie.paragraph.text, quantity)
            where = f"{tie.table.kind}“{tie.label}”{tie.column}"
            run = _single_run(row)
            if run is not None:  # the row's digits ran together: test what any split allows
                first, last = tie.index == 0, tie.index == row.expected - 1
                digits, value = run, str(quantity.value)
                if (first and not digits.startswith(value)) or (last and not digits.endswith(value)):
                    yield self.finding(
                        f"正文称“{clause}”，但表格{where}所在行的数字粘连为“{digits}”，"
                        f"无论如何拆分，{tie.column}都不可能是 {value}（应为该串{'开头' if first else '末尾'}的数字）；"
                        "请核对正文或表格，使二者一致",
                        span, f"正文/{where}", f"{value}|{digits}", stated=quantity.value, table_run=digits,
                        column=tie.column, provenance="recovered",
                    )
                continue
            table_term = A.term(row, tie.index, tie.label, tie.column)
            stated = A.Term(Cell(str(quantity.value), "int", quantity.value, span), "正文", tie.column)
            outcome = A.evaluate(A.Identity(f"正文“{clause}” = {where}", [table_term], [stated], target=stated))
            if isinstance(outcome, A.Skipped) or outcome.holds:
                continue
            yield A.finding(
                self, outcome,
                f"正文称“{clause}”，但表格{where}为 {outcome.expected}"
                f"{outcome.blank_note()}；请核对正文或表格，使二者一致",
                f"正文/{where}", quantity="table-row", stated=quantity.value, table=outcome.expected,
                sentence=clause,
            )

    def _quantities(self, report: Report) -> Iterator[Diagnostic]:
        seen: set[tuple[str, int]] = set()
        for statement in N.statements(report):
            if (statement.quantity, statement.value) in seen:
                continue
            seen.add((statement.quantity, statement.value))
            alternatives = N.table_sources(report, statement.quantity)
            resolved = [N.resolve(report, sources) for sources in alternatives]
            resolved = [terms for terms in resolved if terms]
            if not resolved:
                continue
            stated = A.Term(Cell(str(statement.value), "int", statement.value, statement.span),
                            "正文", N.QUANTITIES[statement.quantity])
            outcomes = []
            for terms in resolved:
                identity = A.Identity(f"正文“{statement.text}” = {'+'.join(t.name for t in terms)}",
                                      terms, [stated], target=stated)
                outcomes.append(identity)
            results = [A.evaluate(identity) for identity in outcomes]
            if any(isinstance(r, A.Outcome) and r.holds for r in results):
                continue
            first = results[0]
            if isinstance(first, A.Skipped):
                record = first.record(self.code)
                if record not in report.skipped_identities:
                    report.skipped_identities.append(record)
                continue
            table_value = first.expected
            where = "、".join(t.name for t in first.identity.left)
            yield A.finding(
                self, first,
                f"正文称“{statement.clause[:80]}”，{N.QUANTITIES[statement.quantity]}为 {statement.value}，"
                f"但表格{where}为 {table_value}{first.blank_note()}；请核对正文或表格，使二者一致",
                f"正文/{N.QUANTITIES[statement.quantity]}",
                quantity=statement.quantity, stated=statement.value, table=table_value,
                sentence=statement.sentence,
            )


def _single_run(row) -> str | None:
    """The digits of a row read as one run of several cells (TPL006), or None."""
    if row.expected is None or row.expected < 2 or len(row.cells) != 1 or not row.cells[0].run_together:
        return None
    digits = "".join(ch for ch in row.cells[0].raw if ch.isdigit())
    return digits if len(digits) >= row.expected else None
