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
