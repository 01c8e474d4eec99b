"""A third-party xxgk-lint plugin, as small as one can be."""
from __future__ import annotations

from typing import Iterator

from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.hookspecs import hookimpl
from linter.rule import Rule


class TestWord(Rule):
    """## What it does
    Reports the word 测试专用词 in the narrative.

    ## Why is this bad?
    It is a placeholder that must not be published.

    ## Example
    Fails: `本年度测试专用词。` Passes: `本年度工作正常。`
    """

    code = "XMP001"
    name = "test-word"
    severity = "warning"
    summary = "正文含有测试专用词"

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for paragraph in report.paragraphs():
            if "测试专用词" in paragraph.text:
                yield self.finding("正文含有“测试专用词”，请删除", paragraph.span, "正文", paragraph.text)


@hookimpl
def xxgk_lint_rules():
    return [TestWord]


@hookimpl
def xxgk_lint_output_formats():
    return {"codes": lambda results: "".join(f"{d.code}\n" for r in results for d in r.diagnostics)}
