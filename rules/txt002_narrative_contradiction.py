from __future__ import annotations

from typing import Iterator

from linter import arithmetic as A
from linter import narrative as N
from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule

#: claim kind -> (quantity whose table cells it denies, what the text says, what the table shows)
CLAIMS = {
    "no_applications": ("new", "未收到政府信息公开申请", "本年新收申请"),
    "all_completed": ("carry_forward", "申请均已办结", "结转下年度继续办理"),
    "no_review": ("review", "未发生政府信息公开行政复议", "行政复议"),
    "no_litigation": ("litigation", "未发生政府信息公开行政诉讼", "行政诉讼"),
    "review_upheld": ("review_not_upheld", "行政复议均被维持", "行政复议结果纠正、其他结果或尚未审结"),
    "litigation_upheld": ("litigation_not_upheld", "行政诉讼均被维持", "行政诉讼结果纠正、其他结果或尚未审结"),
}


class NarrativeContradiction(Rule):
    """## What it does
    Reports a sentence that flatly contradicts the tables: "未收到…申请" while
    the table shows new applications; "均已办结" while applications are
    carried forward to next year; "未发生行政复议" or "未…行政诉讼" while
    table 四 (or the era-2007 统计表) shows cases; "行政复议…均被维持" (or 行政诉讼)
    while table 四 shows cases corrected, with other results or not yet
    decided. Table cells that ran
    together (TPL006) or stand in a row of the wrong width (TPL004) are not
    used.

    ## Why is this bad?
    A statement and a table of the same report cannot both be true; one of
    them misinforms the public (条例 第五十条; 国办公开办函〔2021〕30号 三（四）
    "发布内容不准确"). Unlike a differing number, a denial maps to the table's
    total exactly, so this is an error.

    ## Example
    Fails (table 三 一、本年新收 总计 = 2):
    ```
    2022年我局未收到依申请公开件。
    ```

    Passes: the table's 一、本年新收 row is all 0.
    """

    code = "TXT002"
    name = "narrative-contradicts-table"
    severity = "error"
    summary = "正文表述与表格数据矛盾（如称未收到申请而表格有数）"
    documentation_zh = """## 检查内容
    检出与表格截然矛盾的语句：称"未收到…申请"，而表格显示有新收申请；称"均已办结"，而有申请结转下年度；称"未发生行政复议"或"未…行政诉讼"，而表四（或2007年条例时期的统计表）显示有案件；称"行政复议…均被维持"（或行政诉讼），而表四显示有结果纠正、其他结果或尚未审结的案件。单元格粘连（TPL006）或所在行宽度不符（TPL004）的表格单元格不予使用。

    ## 为什么要检查
    同一份报告中的陈述和表格不可能同时正确；二者必有其一在误导公众（条例第五十条；国办公开办函〔2021〕30号 三（四）"发布内容不准确"）。与数字不一致的情形不同，否定性表述与表格的总计是确切对应的，因此作为错误。

    ## 示例
    不通过（表三 一、本年新收 总计 = 2）：
    ```
    2022年我局未收到依申请公开件。
    ```

    通过：表格的一、本年新收行全部为 0。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        done: set[str] = set()
        for claim in N.claims(report):
            if claim.kind in done:
                continue
            quantity, says, shows = CLAIMS[claim.kind]
            sources = N.table_sources(report, quantity)
            terms = N.resolve(report, sources[0]) if sources else None
            if not terms:
                continue
            reasons = [A.unreliable_row(t.row) or ("缺少单元格" if t.cell is None else None) for t in terms]
            reasons = [r for r in reasons if r]
            identity_id = f"正文“{claim.text}” 与 {'+'.join(t.name for t in terms)}"
            if reasons:
                record = {"rule": self.code, "identity": identity_id, "reason": "；".join(dict.fromkeys(reasons)),
                          "cells": [t.evidence() for t in terms]}
                if record not in report.skipped_identities:
                    report.skipped_identities.append(record)
                continue
            total = sum(t.number() for t in terms)
            if total <= 0:
                continue
            done.add(claim.kind)
            shown = "、".join(f"{t.name} {t.evidence()['value']}" for t in terms)
            yield self.finding(
                f"正文称“{claim.sentence[:80]}”（{says}），但表格{shows}为 {A._plain(total)}（{shown}），"
                "正文与表格矛盾；请核对后更正其中之一",
                claim.span, f"正文/{says}", f"{claim.text}|{A._plain(total)}",
                claim=claim.kind, sentence=claim.sentence, expected=0, actual=A._plain(total),
                delta=A._plain(total), cells=[t.evidence() for t in terms], provenance="source",
            )
