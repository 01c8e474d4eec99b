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
    numbering). A part whose heading is lost but whose content is recognised
    (its table, or part 五's problems after table 四) is present (SEC006 reports
    the heading). The finding points where the part should have stood (the
    next part's heading). When the file holds a stretch that could not be read
    exactly there (PRS003), the heading may be inside it, and nothing is
    claimed.

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
    documentation_zh = """## 检查内容
    检出报告缺少法律要求的某个部分。

    *2019年和2021年格式*：格式规定的六个部分，按其标题 `一、总体情况` … `六、其他需要报告的事项` 查找（包括可接受的长标题写法；编号错误的标题仍视为存在，编号问题由 SEC002 报告）。标题丢失但内容可以识别的部分（其表格，或表四之后第五部分的问题内容）视为存在（标题问题由 SEC006 报告）。问题定位在该部分本应出现的位置（下一部分的标题）。如果文件在该位置恰有一段无法读取的片段（PRS003），标题可能就在其中，因此不作认定。

    *2007年条例时期*：标题不固定，因此按关键词在全文中查找原条例第三十二条规定的内容项：（一）主动公开、（二）依申请公开、（四）行政复议/行政诉讼、（五）存在的问题和改进措施、（六）其他需要报告的事项（仅作提示）。仅列举报告各组成部分的语句（`本报告由概述、主动公开…组成`）不算。第（三）项收费及减免由 FEE001 检查。

    ## 为什么要检查
    条例第五十条（2019年修订）列明了每份年度报告必须包含的内容，国办公开办函〔2019〕60号和〔2021〕30号的格式将其固定为六个部分；对于2018年及以前的报告，2007年条例第三十二条列明了六项内容。缺少其中任何一项，报告依法即不完整（相关通知将"发布内容不准确不全面"列为需要纠正的问题）。

    ## 示例
    不通过（错误）：2022年报告从表四直接跳到 `六、其他需要报告的事项`，没有 `五、存在的主要问题及改进情况`。

    通过：同一报告含有第五部分及其内容。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if report.era_source is None:
            return  # not recognised as a report (PRS002)
        if report.era == "2007":
            yield from self._items_2007(report)
        else:
            yield from self._parts(report)

    def _parts(self, report: Report) -> Iterator[Diagnostic]:
        sections = report.sections
        present = {section.part for section in sections}  # implied parts too (SEC006)
        for part in range(1, 7):
            if part in present:
                continue
            before = [s.span for s in sections if s.part < part]
            after = [s.span for s in sections if s.part > part]
            following = min(after, key=lambda span: (span.line, span.column)) if after else None
            previous = max(before, key=lambda span: (span.line, span.column)) if before else None
            if _unplaced_between(report, previous, following):
                continue  # the part may stand in what could not be read (PRS003)
            heading = C.canonical_heading(part)
            yield self.finding(
                f"报告缺少第{C.NUMERALS[part - 1]}部分“{heading}”，请按年度报告格式补充该部分及其内容",
                following or previous or C.document_start(report), C.PART_NAMES[part], heading,
                part=part, heading=heading,
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
                item=item.number, name=item.name,
            )
            if optional:
                finding.severity = "info"
            yield finding


def _unplaced_between(report: Report, previous: Span | None, following: Span | None) -> bool:
    """A stretch the grammar could not place between two headings (the missing
    part's heading may be inside it)."""
    low = (previous.line, previous.column) if previous else (0, 0)
    high = (following.line, following.column) if following else (1 << 30, 0)
    return any(low <= (p.span.line, p.span.column) <= high for p in report.context.unplaced)
