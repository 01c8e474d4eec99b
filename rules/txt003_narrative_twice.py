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
    points at the second number and quotes both sentences. A claim that every
    application was completed (`所有申请均已办结`) next to a stated number carried
    forward to next year (`转下一年度办理的有 1 件`) is the same contradiction.

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
    documentation_zh = """## 检查内容
    检出正文对同一数量前后两次表述、但数字不同的情形——收到、办结、上年结转或结转下年度的申请数，行政复议或行政诉讼案件数，或（2007年条例时期）主动公开的信息条数。问题定位在第二个数字，并引用两句话。声称所有申请均已办结（`所有申请均已办结`），同时又写明有结转下年度的数量（`转下一年度办理的有 1 件`），属于同样的矛盾。

    ## 为什么要检查
    两处表述中至少有一处是错误的，而读者无法判断是哪一处（国办公开办函〔2021〕30号 三（四）"发布内容不准确"）。真实案例：杨凌示范区审计局2022年的报告对同一数字分别写作20条和16条（FORMATS.md §3.7、§9 #2）。

    ## 示例
    不通过：
    ```
    全年共收到政府信息公开申请12件。……本年度收到政府信息公开申请10件，均已按期答复。
    ```

    通过：两句都写12件。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        yield from self._numbers(report)
        yield from self._all_completed(report)

    def _all_completed(self, report: Report) -> Iterator[Diagnostic]:
        """"均已办结" says nothing is carried forward; a stated carry-forward says otherwise."""
        claim = next((c for c in N.claims(report) if c.kind == "all_completed"), None)
        forward = next((s for s in N.statements(report) if s.quantity == "carry_forward" and s.value > 0), None)
        if claim is None or forward is None:
            return
        what = N.QUANTITIES["carry_forward"]
        yield self.finding(
            f"正文称“{claim.sentence[:60]}”（即没有结转下年度的申请），但又称“{forward.clause[:60]}”，"
            f"{what}为 {forward.value}；请核对并统一",
            claim.span, f"正文/{what}", f"{claim.text}|{forward.value}",
            quantity="carry_forward", expected=0, actual=forward.value, delta=forward.value,
            statements=[{"value": 0, "sentence": claim.sentence, "line": claim.span.line, "col": claim.span.column},
                        {"value": forward.value, "sentence": forward.sentence, "line": forward.span.line,
                         "col": forward.span.column}],
        )

    def _numbers(self, report: Report) -> Iterator[Diagnostic]:
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
