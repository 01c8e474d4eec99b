from __future__ import annotations

from typing import Iterator

import re

from linter.arithmetic import unreliable_row
from linter.ast import Report, Table
from linter.diagnostics import Diagnostic
from linter.labels import ERAS, UNNUMBERED, normalize
from linter.rule import Rule
from linter.rules.tpl007_row_in_other_era_shape import collapsed_groups


class MissingRow(Rule):
    """## What it does
    Reports a row of a statistics table that the template requires but that is
    not in the table, e.g. `（七）总计` or `2.重复申请` in table 三, or the row of
    values under the headers of table 四. Labels are matched tolerantly (width of
    brackets and digits, spaces, numbering style, quotes, appended notes), so a
    row reported here is really absent or unrecognisable.

    ## Why is this bad?
    The rows of the tables are fixed by 国办公开办函〔2021〕30号; a missing row
    leaves a figure unreported and breaks the table's own 勾稽关系.

    ## Example
    Fails (table 三 without its `（七）总计` row):
    ```
    3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    ```

    Passes: the `（七）总计 | 0 | 0 | 0 | 0 | 0 | 0 | 0` row between them.

    Only a table read cleanly is judged: if part of it could not be placed
    (PRS003), has a row with an unknown label, or rows whose cells ran together
    or miscount (TPL006, TPL004), the row may be there unread, and nothing is
    claimed. Nor when the row's words are written in the table's part.
    """

    code = "TPL003"
    name = "missing-row"
    severity = "error"
    eras = ("2019", "2021")
    summary = "统计表格缺少模板规定的行"
    documentation_zh = """## 检查内容
    检出模板要求、但表格中没有的统计表格行，例如表三的 `（七）总计` 或 `2.重复申请`，或表四表头下的数值行。标签采用宽松匹配（括号和数字的全角/半角、空格、编号样式、引号、附加的注释），因此这里报告的行确实缺失或无法识别。

    ## 为什么要检查
    表格的各行由国办公开办函〔2021〕30号规定；缺少一行，就有一项数据未报告，表格自身的勾稽关系也被破坏。

    ## 示例
    不通过（表三缺少 `（七）总计` 行）：
    ```
    3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0
    ```

    通过：两行之间有 `（七）总计 | 0 | 0 | 0 | 0 | 0 | 0 | 0` 行。

    只对读取完整的表格作出判断：如果表格有部分内容无法放置（PRS003）、有标签无法识别的行，或有单元格粘连或个数不符的行（TPL006、TPL004），则该行可能存在但未被读取，因此不作认定。该行的文字写在表格所属部分中时，也不作认定。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        era = ERAS.get(report.era)
        if era is None:
            return
        labels = era.by_key
        for shape in era.tables:
            table = report.table(shape.kind)
            if table is None:
                continue  # TPL002
            if not _read_cleanly(report, table):
                continue
            present = {row.key for row in table.rows}
            collapsed = {row.key for row in collapsed_groups(table, era)}
            for key in shape.rows:
                if key in present or (key in labels and labels[key].parent in collapsed):
                    continue  # TPL007: the group was written as one row (another era's shape)
                label = labels[key].canonical if key in labels else "数据行"
                if key in labels and report.context.mentions(_core(label), table.section):
                    continue  # its words are there, in a line that could not be read as the row
                yield self.finding(
                    f"{shape.kind}缺少“{label}”行（模板要求该行填报 {shape.values[key]} 个数值）",
                    table.span, f"{shape.kind}/{label}", key, table=shape.kind, row=key,
                )


def _read_cleanly(report: Report, table: Table) -> bool:
    """Every line of the table was placed and every row read: no unplaced stretch
    in its part (PRS003), no row with an unknown label, no row whose cells ran
    together or miscount (TPL006, TPL004) — any of which may hold the row."""
    section, read = report.context.part_region(table.section)
    if not read:
        return False
    return all(row.key is not None and unreliable_row(row) is None for row in table.rows)


def _core(label: str) -> str:
    """The words of a label without its numbering and note: 属于国家秘密."""
    core = UNNUMBERED.sub("", normalize(label))
    return re.sub(r"\(.*\)$", "", core)
