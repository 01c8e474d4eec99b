from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from linter import quantities as Q
from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule

from .txt004_narrative_parts_sum import adds_up_wrong, exact


class NarrativeShare(Rule):
    """## What it does
    Checks each share the prose states for a part (`行政许可类信息145条，占8.05%`)
    against the part and the whole it is a share of: the whole stated with the
    parts (`在…主动公开的1913条政府信息中，…`, `共…N条，其中…`). A share may be rounded
    or cut off at the last place it is written with (`占27%` for 27.9%, `占28%` for
    27.5%); any other value is reported, once per list, naming every share that is off
    and the number each part would need. A share above 100% is reported too.
    When the parts themselves do not add up to the whole (TXT004), the shares
    are not judged again.

    ## Why is this bad?
    A share that does not follow from its numbers means the count, the whole or
    the percentage is wrong; readers compare shares across years and regions.
    Pingtan's 2012 report gives 行政许可类信息 145 of 1913 items as 8.05% (it is
    7.58%; 8.05% would be 154 items).

    ## Example
    Fails:
    ```
    在主动公开的200条政府信息中，政策文件类信息50条，占30%；其他信息150条，占75%。
    ```

    Passes: "占25%" and "占75%".
    """

    code = "TXT005"
    name = "narrative-share"
    severity = "warning"
    summary = "正文所述占比与数量不符"
    documentation_zh = """## 检查内容
    将正文所述某一分项的占比（`行政许可类信息145条，占8.05%`）与该分项及其所属总数核对：总数是与各分项一并写出的数量（`在…主动公开的1913条政府信息中，…`、`共…N条，其中…`）。占比可以按其书写的最后一位四舍五入或直接舍去（27.9% 写作 `占27%`，27.5% 写作 `占28%`）；其他数值都会被报告，每个列举报告一次，列出所有不符的占比以及各分项应有的数量。超过 100% 的占比也会被报告。各分项本身之和与总数不符时（TXT004），不再重复判断占比。

    ## 为什么要检查
    占比与其所依据的数字不相符，说明数量、总数或百分比有误；读者会跨年度、跨地区比较占比。平潭2012年的报告称 1913 条中行政许可类信息 145 条，占 8.05%（实为 7.58%；8.05% 应为 154 条）。

    ## 示例
    不通过：
    ```
    在主动公开的200条政府信息中，政策文件类信息50条，占30%；其他信息150条，占75%。
    ```

    通过："占25%"和"占75%"。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for paragraph, found in report.context.quantities:
            for enumeration in found.enumerations:
                whole = enumeration.whole
                shared = [p for p in enumeration.parts if p.share is not None]
                if whole is None or not shared or not exact([whole] + shared) or not whole.value:
                    continue
                if adds_up_wrong(enumeration):
                    continue  # TXT004 says it
                wrong = [(p, _share(p, whole)) for p in shared if _off(p, whole)]
                if not wrong:
                    continue
                listed = "；".join(
                    f"“{p.subject[-16:]}{p.value}{p.unit}，占{p.share}%”应为 {actual}%"
                    f"（占{p.share}%应约为 {_count(p, whole)}{p.unit}）" for p, actual in wrong[:4])
                more = f"等 {len(wrong)} 处" if len(wrong) > 4 else ""
                first = wrong[0][0]
                yield self.finding(
                    f"正文所述占比与数量不符（以{whole.value}{whole.unit}为总数）：{listed}{more}；请核对数量或占比",
                    paragraph.span_of(first.start, first.end), f"正文/{first.subject[-20:]}",
                    f"{whole.value}|" + "|".join(f"{p.value}:{p.share}" for p, _ in wrong),
                    whole=whole.value, shares=[{"value": p.value, "share": p.share, "actual": actual}
                                               for p, actual in wrong],
                )


def _share(part: Q.Quantity, whole: Q.Quantity) -> Decimal:
    places = Decimal(1).scaleb(-max(part.share_places, 1))
    return (Decimal(part.value) * 100 / Decimal(whole.value)).quantize(places)  # type: ignore[arg-type]


def _off(part: Q.Quantity, whole: Q.Quantity) -> bool:
    """Neither the rounded nor the cut-off share (in the last place written), or above 100%."""
    if part.share is None:
        return False
    if part.share > 100:
        return True
    actual = Decimal(part.value) * 100 / Decimal(whole.value)  # type: ignore[arg-type]
    unit = Decimal(1).scaleb(-part.share_places)
    return not part.share - unit / 2 <= actual < part.share + unit


def _count(part: Q.Quantity, whole: Q.Quantity) -> int:
    return int((Decimal(whole.value) * part.share / 100).to_integral_value())  # type: ignore[arg-type, operator]
