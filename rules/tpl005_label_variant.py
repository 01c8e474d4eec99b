from __future__ import annotations

from typing import Iterator

from linter.ast import Report
from linter.diagnostics import Diagnostic, Edit
from linter.labels import fix_for
from linter.rule import Rule


class LabelVariant(Rule):
    """## What it does
    Reports a table label written in a non-standard spelling that xxgk-lint
    accepted as the template's label, e.g. `商业机构` for `商业企业` or
    `现有有效件数` for `现行有效件数`, and names the canonical label. A label that
    matches no accepted spelling but misspells one label of its table by about
    a character in four (`2.其他法律行政止公开` for `2.其他法律行政法规禁止公开`)
    is read as that row and reported as a likely typo. Width of brackets and
    digits, spaces, numbering style and quotes are not variants: they are
    normalised silently.

    ## Why is this bad?
    The statistics tables are fixed by the format notices (国办公开办函〔2019〕60号,
    〔2021〕30号); a reworded label makes readers and automatic tools wonder
    whether the figure means the same thing.

    ## Example
    Fails (warning): `信息内容 | 本年制发件数 | 本年废止件数 | 现有有效件数 |`

    Passes: `信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |`
    """

    code = "TPL005"
    name = "label-variant"
    severity = "warning"
    eras = ("2019", "2021")
    summary = "表格标签不是模板的标准写法（已按标准标签识别）"
    documentation_zh = """## 检查内容
    检出以非标准写法书写、但已被 xxgk-lint 按模板标签识别的表格标签，例如以 `商业机构` 代替 `商业企业`，或以 `现有有效件数` 代替 `现行有效件数`，并给出标准标签。不符合任何可接受写法、但与所在表格的某一标签相比大约每四个字错一个字的标签（`2.其他法律行政止公开` 对应 `2.其他法律行政法规禁止公开`），按该行识别，并作为可能的错别字报告。括号和数字的全角/半角、空格、编号样式和引号不算变体：这些差异会被静默规范化。

    ## 为什么要检查
    统计表格由格式通知（国办公开办函〔2019〕60号、〔2021〕30号）规定；改写过的标签会让读者和自动化工具怀疑该数字的含义是否不变。

    ## 示例
    不通过（警告）：`信息内容 | 本年制发件数 | 本年废止件数 | 现有有效件数 |`

    通过：`信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |`
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for table in report.tables:
            labels = [(h.raw, h.label, h.span, h.typo) for h in table.headers if h.variant]
            labels += [(r.raw_label, r.label, r.span, r.typo) for r in table.rows if r.variant]
            for raw, canonical, span, typo in labels:
                fixed = fix_for(raw, canonical)  # (kept only where the file holds exactly the label there)
                fix = (Edit(span, raw, fixed),) if fixed else ()
                if typo:
                    yield self.finding(
                        f"{table.kind}标签“{raw}”与模板标签“{canonical}”相差 {typo} 个字，疑有错字或漏字，"
                        f"已按“{canonical}”识别；请核对更正",
                        span, f"{table.kind}/{canonical}", raw, fix, label=raw, canonical=canonical, kind="typo",
                        characters=typo,
                    )
                    continue
                yield self.finding(
                    f"{table.kind}标签“{raw}”不是模板的标准写法，已按“{canonical}”识别，建议改为“{canonical}”",
                    span, f"{table.kind}/{canonical}", raw, fix, label=raw, canonical=canonical, kind="variant",
                )
