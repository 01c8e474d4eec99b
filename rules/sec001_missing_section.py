from __future__ import annotations

from typing import Iterator

from linter import compliance as C
from linter.ast import Report, Span
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class MissingSection(Rule):
    """## What it does
    Reports a part the law requires that the report does not contain.

    *Eras 2019 and 2021*: the six parts of the format, found by their headings
    `一、总体情况` … `六、其他需要报告的事项` (accepted long forms included; a
    heading with the wrong numeral still counts as present, SEC002 reports the
    numbering). The finding points where the part should have stood (the next
    part's heading). When the parser had to skip an unreadable stretch of the
    file exactly there, the heading may have been lost in extraction: the
    finding is then a warning marked `provenance: uncertain`.

    *Era 2007*: headings were free, so the content items of 第三十二条 of the
    old 条例 are looked for by their words anywhere in the text: （一）主动公开,
    （二）依申请公开, （四）行政复议/行政诉讼, （五）problems and improvements,
    （六）其他需要报告的事项 (info only). The sentence that merely lists the parts
    (`本报告由概述、主动公开…组成`) does not count. Item （三） 收费及减免 is checked
    by FEE001.

    ## Why is this bad?
    条例 第五十条 (2019 revision) lists what every annual report must contain,
    and the formats of 国办公开办函〔2019〕60号 and 〔2021〕30号 fix it as six parts;
    for reports up to 2018, 第三十二条 of the 2007 条例 lists six content items.
    A report without one of them is incomplete by law (the notices name
    "发布内容不准确不全面" among the faults to be corrected).

    ## Example
    Fails (error): a 2022 report that goes from table 四 straight to
    `六、其他需要报告的事项`, without `五、存在的主要问题及改进情况`.

    Passes: the same report with part 五 and its text.
    """

    code = "SEC001"
    name = "missing-section"
    severity = "error"
    summary = "报告缺少法定必须包含的部分"

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if report.era_source is None:
            return  # not recognised as a report (PRS002)
        if report.era == "2007":
            yield from self._items_2007(report)
        else:
            yield from self._parts(report)

    def _parts(self, report: Report) -> Iterator[Diagnostic]:
        hits = C.headings(report)
        present = {hit.part for hit in hits} | {hit.part for hit in C.headings_in_tables(report)}
        for part in range(1, 7):
            if part in present:
                continue
            before = [h for h in hits if h.part < part]
            after = [h for h in hits if h.part > part]
            where = min(after, key=lambda h: (h.span.line, h.span.column)).span if after else None
            previous = max(before, key=lambda h: (h.span.line, h.span.column)).span if before else None
            heading = C.canonical_heading(part)
            skipped = _skipped_between(report, previous, where)
            if skipped is not None:
                finding = self.finding(
                    f"未找到第{C.NUMERALS[part - 1]}部分“{heading}”；第{skipped.line}行附近有无法识别的内容，"
                    "该标题可能在转换中丢失，请核对原文是否包含此部分",
                    where or previous or C.document_start(report), C.PART_NAMES[part], heading,
                    part=part, heading=heading, provenance="uncertain",
                )
                finding.severity = "warning"
                yield finding
                continue
            yield self.finding(
                f"报告缺少第{C.NUMERALS[part - 1]}部分“{heading}”，请按年度报告格式补充该部分及其内容",
                where or previous or C.document_start(report), C.PART_NAMES[part], heading,
                part=part, heading=heading, provenance="source",
            )

    def _items_2007(self, report: Report) -> Iterator[Diagnostic]:
        text = "\n".join(C.blank_outline(p.text) for p in C.narrative(report))
        if report.meta.title:
            text = report.meta.title + "\n" + text
        for item in C.ITEMS_2007:
            if all(pattern.search(text) for pattern in item.patterns):
                continue
            optional = item.number == "（六）"
            finding = self.finding(
                f"未找到《政府信息公开条例》（2007年）第三十二条{item.number}“{item.name}”的内容"
                + ("（如无其他事项，可写明“无”）" if optional else "，请补充该项内容"),
                C.document_start(report), f"第三十二条{item.number}", item.name,
                item=item.number, name=item.name, provenance="source",
            )
            if optional:
                finding.severity = "info"
            yield finding


def _skipped_between(report: Report, previous: Span | None, following: Span | None) -> Span | None:
    """A parse problem between two headings (the missing one may be inside it)."""
    low = (previous.line, previous.column) if previous else (0, 0)
    high = (following.line, following.column) if following else (1 << 30, 0)
    for problem in report.problems:
        where = (problem.span.line, problem.span.column)
        if problem.code == "PRS003" and low <= where <= high:
            return problem.span
    return None
