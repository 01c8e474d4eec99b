from __future__ import annotations

from typing import Iterator

from linter import compliance as C
from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class PartHeadingMissing(Rule):
    """## What it does
    Reports a part whose content is there but whose heading is not: a table
    that stands outside its part (table 三 before any `三、收到和处理政府信息公开
    申请情况`), or part 五's problems and improvements written after table 四
    without `五、存在的主要问题及改进情况`. The part counts as present (SEC001 does
    not report it); the finding points where its content starts.

    Headings are often lost when a report is converted from PDF or Word, so
    this is a warning: check the published report, and add the heading if it
    is missing there too.

    ## Why is this bad?
    The format of 国办公开办函〔2021〕30号 (〔2019〕60号 before it) gives every
    part its heading; a reader looking for part 五 should find it by its
    heading, and tools that file reports by part need it.

    ## Example
    Fails: table 四, then `（一）主要问题` and `（二）改进情况` with no part 五 heading.

    Passes: `五、存在的主要问题及改进情况` above them.
    """

    code = "SEC006"
    name = "part-heading-missing"
    severity = "warning"
    eras = ("2019", "2021")
    summary = "某部分有内容但缺少其标题"
    documentation_zh = """## 检查内容
    检出有内容但缺少标题的部分：位于所属部分之外的表格（表三出现在任何 `三、收到和处理政府信息公开申请情况` 标题之前），或表四之后写有第五部分的问题和改进内容，却没有 `五、存在的主要问题及改进情况` 标题。该部分视为存在（SEC001 不报告）；问题定位在其内容开始处。

    报告从 PDF 或 Word 转换时，标题经常丢失，因此仅作警告：请核对已发布的报告，如果其中也缺少该标题，请予以补充。

    ## 为什么要检查
    国办公开办函〔2021〕30号（此前为〔2019〕60号）的格式为每个部分规定了标题；读者查找第五部分时，应能通过标题找到它，按部分归档报告的工具也需要标题。

    ## 示例
    不通过：表四之后是 `（一）主要问题` 和 `（二）改进情况`，没有第五部分标题。

    通过：其上方有 `五、存在的主要问题及改进情况`。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for section in report.sections:
            if not section.implied:
                continue
            heading = C.canonical_heading(section.part)
            what = "统计表格" if section.tables else "内容"
            yield self.finding(
                f"第{C.NUMERALS[section.part - 1]}部分的{what}从此处开始，但缺少标题“{heading}”，请补上该标题",
                section.span, C.PART_NAMES[section.part], heading, part=section.part, heading=heading,
            )
