from __future__ import annotations

from typing import Iterator

from linter import narrative as N
from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class NarrativeStatedTwice(Rule):
    """## What it does
    Reports a quantity the narrative states twice with different numbers —
    applications received, completed, carried over or forward, 行政复议 or
    行政诉讼 cases, or (era 2007) items published proactively. The finding
    points at the second number and quotes both sentences.

    ## Why is this bad?
    At least one of the two statements is wrong, and the reader cannot tell
    which (国办公开办函〔2021〕30号 三（四） "发布内容不准确"). Real example: 杨凌示范区
    审计局's 2022 report gives the same figure as 20条 and as 16条
    (FORMATS.md §3.7, §9 #2).

    ## Example
    Fails:
    ```
    全年共收到政府信息公开申请12件。……本年度收到政府信息公开申请10件，均已按期答复。
    ```

    Passes: both sentences say 12件.
    """

    code = "TXT003"
    name = "narrative-stated-twice"
    severity = "warning"
    summary = "正文对同一数量前后表述不一致"

    def check(self, report: Report) -> Iterator[Diagnostic]:
        first: dict[str, N.Statement] = {}
        reported: set[tuple[str, int]] = set()
        for statement in N.statements(report):
            earlier = first.setdefault(statement.quantity, statement)
            if earlier.value == statement.value or (statement.quantity, statement.value) in reported:
                continue
            reported.add((statement.quantity, statement.value))
            what = N.QUANTITIES[statement.quantity]
            yield self.finding(
                f"正文两处表述的{what}不一致：“{earlier.sentence[:60]}”为 {earlier.value}，"
                f"“{statement.sentence[:60]}”为 {statement.value}；请核对并统一",
                statement.span, f"正文/{what}", f"{earlier.value}|{statement.value}",
                quantity=statement.quantity, expected=earlier.value, actual=statement.value,
                delta=statement.value - earlier.value,
                statements=[{"value": s.value, "sentence": s.sentence, "line": s.span.line, "col": s.span.column}
                            for s in (earlier, statement)],
            )
