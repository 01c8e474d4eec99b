from __future__ import annotations

from typing import Iterator

from linter import compliance as C
from linter.ast import Report
from linter.diagnostics import Diagnostic, Edit
from linter.labels import fix_for
from linter.rule import Rule


class HeadingVariant(Rule):
    """## What it does
    Reports a part heading written in an accepted variant of the template's
    wording and names the canonical heading: the long forms of the 2021
    notice's own text (`（四）因政府信息公开工作被申请行政复议、提起行政诉讼情况`),
    mixtures such as `四、因政府信息公开被申请行政复议、提起行政诉讼情况`, or
    real-world rewordings (`五、存在问题及改进情况`,
    `四、政府信息公开行政复议和行政诉讼情况`). Width of punctuation and spaces
    are not variants.

    ## Why is this bad?
    国办公开办函〔2021〕30号 (and the 2019 trial format, 国办公开办函〔2019〕60号)
    give the six headings in its template; the long forms in the notice text are
    accepted, but the template's wording is what readers and tools look for.
    This is a signal, not a defect.

    ## Example
    Reported (info): `四、因政府信息公开被申请行政复议、提起行政诉讼情况`

    A heading one character away from an accepted wording (a wrong, added or
    dropped character, e.g. `四、政府信息公开行政法复议、行政诉讼情况`) is read as
    that heading and reported as a likely typo, as a warning.

    Silent: `四、政府信息公开行政复议、行政诉讼情况`
    """

    code = "SEC003"
    name = "heading-variant"
    severity = "info"
    eras = ("2019", "2021")
    summary = "部分标题使用了变体写法或有错别字"
    documentation_zh = """## 检查内容
    检出以模板措辞的可接受变体写成的部分标题，并给出标准标题：2021年通知正文中的长标题写法（`（四）因政府信息公开工作被申请行政复议、提起行政诉讼情况`）、混合写法如 `四、因政府信息公开被申请行政复议、提起行政诉讼情况`，或实际报告中的改写（`五、存在问题及改进情况`、`四、政府信息公开行政复议和行政诉讼情况`）。标点的全角/半角和空格不算变体。

    ## 为什么要检查
    国办公开办函〔2021〕30号（以及2019年试行格式，国办公开办函〔2019〕60号）在模板中给出了六个标题；通知正文中的长标题写法可以接受，但读者和工具查找的是模板的措辞。这只是一个提示信号，不是缺陷。

    ## 示例
    予以提示（提示级别）：`四、因政府信息公开被申请行政复议、提起行政诉讼情况`

    与某一可接受写法只差一个字（错字、多字或漏字，例如 `四、政府信息公开行政法复议、行政诉讼情况`）的标题，按该标题识别，并作为可能的错别字以警告级别报告。

    不提示：`四、政府信息公开行政复议、行政诉讼情况`
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for section in report.sections:
            if not (section.variant or section.typo) or section.misnumbered or section.implied:
                continue  # misnumbered headings are SEC002's, missing ones SEC006's
            canonical = C.canonical_heading(section.part)
            text = section.heading.strip()
            part = f"第{C.NUMERALS[section.part - 1]}部分"
            fixed = fix_for(section.heading, canonical)
            fix = (Edit(section.span, section.heading, fixed),) if fixed else ()
            if section.typo:
                finding = self.finding(
                    f"{part}标题“{text}”疑有错别字（与模板标题相差一个字），模板标题为“{canonical}”，请核对更正",
                    section.span, C.PART_NAMES[section.part], text, fix, part=section.part, canonical=canonical,
                    kind="typo",
                )
                finding.severity = "warning"
                yield finding
                continue
            yield self.finding(
                f"{part}标题“{text}”不是模板的标准写法，模板标题为“{canonical}”，建议统一",
                section.span, C.PART_NAMES[section.part], text, fix, part=section.part, canonical=canonical,
                kind="variant",
            )
