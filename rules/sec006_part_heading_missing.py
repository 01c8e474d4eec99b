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
