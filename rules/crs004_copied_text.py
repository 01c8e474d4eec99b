from __future__ import annotations

from itertools import groupby
from typing import Iterator

from linter.ast import Span
from linter.crossreport import CrossReportRule, ReportSet
from linter.diagnostics import Diagnostic
from linter.rule import Option

#: Copied passages named in one finding's message (all are in its data).
SHOWN = 5


class CopiedText(CrossReportRule):
    """## What it does
    Finds passages copied from the same unit's report of the year before, or
    from another unit's report of the same year (``xxgk-lint audit``). Text is
    compared after removing whitespace, punctuation and every number, so a
    paragraph whose figures alone were updated still counts as copied;
    passages shared by many units (the template's own sentences, boilerplate)
    are never reported. One finding per pair of reports, at the first copied
    passage, listing where each passage stands in both reports.

    ## Why is this bad?
    The annual report must describe the year (条例 第五十条); a report that
    repeats last year's narrative with new figures, or another agency's text,
    describes nothing of its own. A regulator wants to know, and where.

    ## Example
    2017's part 五 repeats 2016's paragraph "一是加大电子政务协同办公平台的推广应用…" word for word.
    """

    code = "CRS004"
    name = "copied-text"
    severity = "warning"
    summary = "与上年报告或其他单位报告的段落雷同"
    options_schema = {
        "min-passages": Option(3, "报告一对报告至少雷同几段才报告", minimum=1, maximum=1000),
        "boilerplate-units": Option(5, "多少个单位都有的段落视为套话（不报告）", minimum=2, maximum=100000),
    }
    documentation_zh = """## 检查内容
    审核时找出与同一单位上一年度报告、或同年度其他单位报告雷同的段落。比较前去掉空白、标点和所有数字，因此只更新了数字的段落仍算雷同；许多单位都有的句子（模板原文、套话）不报告。每一对报告报告一次，位置为第一处雷同段落，并列出各处雷同段落在两份报告中的位置。

    设置项：min-passages（至少雷同几段才报告，默认 3）、boilerplate-units（多少个单位都有的段落视为套话，默认 5）。

    ## 为什么要检查
    年度报告应当反映本年度的工作；照搬上年报告（只换数字）或其他单位的文字，等于没有报告本单位本年度的情况。

    ## 示例
    2017 年报告第五部分与 2016 年报告的段落“一是加大电子政务协同办公平台的推广应用……”逐字相同。
    """

    def check_reports(self, reports: ReportSet) -> Iterator[tuple[str, Diagnostic]]:
        from linter.similarity import LAST_YEAR, copied_paragraphs

        by_path = reports.by_path()
        copies = sorted(copied_paragraphs(reports.prints(), boilerplate_units=self.option("boilerplate-units")),
                        key=lambda c: (c.key, c.source_key, c.kind, c.paragraph[1:5]))
        for (path, source, kind), group in groupby(copies, key=lambda c: (c.key, c.source_key, c.kind)):
            passages = list(group)
            if len(passages) < self.option("min-passages"):
                continue
            first = passages[0].paragraph
            other = by_path[source]
            whose = f"上年（{other.year}年）报告" if kind == LAST_YEAR else f"“{other.unit or '其他单位'}”的报告"
            where = "、".join(f"第{c.paragraph[1]}行第{c.paragraph[2]}列" for c in passages[:SHOWN])
            more = f"等 {len(passages)} 处" if len(passages) > SHOWN else f"共 {len(passages)} 处"
            message = (f"有 {len(passages)} 段文字与{whose}雷同（只有数字不同或完全相同）：{where}{more}"
                       f"（来源：{source}）")
            yield path, self.finding(
                message, Span(*first[1:5]), "正文", f"{kind}:{source}:{len(passages)}", related=source,
                related_line=passages[0].source_paragraph[1], related_column=passages[0].source_paragraph[2],
                kind=kind, passages=[{"line": c.paragraph[1], "column": c.paragraph[2],
                                      "source_line": c.source_paragraph[1], "source_column": c.source_paragraph[2]}
                                     for c in passages])
