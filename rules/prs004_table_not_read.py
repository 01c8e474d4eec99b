from __future__ import annotations

from typing import Iterator

from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.labels import ERAS, normalize
from linter.rule import Rule


class TableNotRead(Rule):
    """## What it does
    Reports a statistics table whose words are written in the report (a
    第二十条 block header, the table 三 row `本年新收政府信息公开申请数量`, the table
    四 column `未经复议直接起诉` …) but that could not be read as a table: its
    cells were flattened into prose, or its lines could not be placed. The
    finding names where the table's words stand and says that the checks of
    that table (missing rows, cell counts, identities) were not run.

    It is a problem of reading the file (``provenance: extraction``), a
    warning, never a claim that the report lacks the table (TPL002 stays
    silent).

    ## Why is this bad?
    A table that cannot be read cannot be checked; the regulator should know
    that silence about it is not a clean bill. Republishing the table as a real
    table (HTML `<table>`, Word or a ruled PDF) makes it checkable.

    ## Example
    Fails: part 三 holds `一、本年新收政府信息公开申请数量 三、本年度办理结果 …` as a
    paragraph, with no cells.

    Passes: the table 三 grid with its rows and values.
    """

    code = "PRS004"
    name = "table-not-read"
    severity = "warning"
    provenance = "extraction"
    eras = ("2019", "2021")
    summary = "报告中有统计表格的内容，但未能读取为表格（未做该表的检查）"
    documentation_zh = """## 检查内容
    检出报告中写有某张统计表格的文字（第二十条表块的表头、表三的 `本年新收政府信息公开申请数量` 行、表四的 `未经复议直接起诉` 列……），但该表格无法读取为表格的情形：其单元格被压平成了段落文字，或其各行无法放置。提示信息会指出表格文字所在的位置，并说明该表的各项检查（缺行、单元格个数、勾稽关系）未执行。

    这属于文件读取问题（``provenance: extraction``），级别为警告，绝不表示报告缺少该表格（TPL002 不会报告）。

    ## 为什么要检查
    无法读取的表格就无法检查；监管人员应当知道，对该表没有提示并不代表该表没有问题。将表格重新以真正的表格形式发布（HTML `<table>`、Word 或带表格线的 PDF），即可对其进行检查。

    ## 示例
    不通过：第三部分以一个段落的形式写有 `一、本年新收政府信息公开申请数量 三、本年度办理结果 …`，没有单元格。

    通过：带有各行及其数值的表三表格。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        era = ERAS.get(report.era)
        if era is None:
            return
        for shape in era.tables:
            if report.table(shape.kind) is not None:
                continue
            for paragraph in report.context.narrative:
                text = normalize(paragraph.text)
                found = next((mark for mark in shape.marks if mark in text), None)
                if found is None:
                    continue
                yield self.finding(
                    f"报告中有{shape.kind}的内容（“{found}”），但未能读取为表格，{shape.kind}的缺行、"
                    "数值个数和数据校验均未进行；请以表格形式发布该表",
                    paragraph.span, f"{shape.kind}/未读取", found, table=shape.kind, words=found,
                )
                break

