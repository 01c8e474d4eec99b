from __future__ import annotations

from typing import Iterator

from linter import quantities as Q
from linter.arithmetic import shown, signed
from linter.ast import Paragraph, Report, Span
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class NarrativePartsSum(Rule):
    """## What it does
    Adds up the parts the prose gives of a whole and compares the sum with the
    whole it states: `共公布政府信息2599条（其中机构职能类信息25条，…，其他应主动公开政府信息856条）`,
    `2012年主动公开政府信息1913条。其中，区直…1397条，占73%。各乡镇…534条，占27%。`, or the
    categories of a quantity stated earlier (`主动公开政府信息的主要类别有：…`).

    Only a list that the prose itself shows to be complete is added up: its last
    part is "其他…", its shares add up to 100%, or its parts are the three kinds
    of government information (主动公开 / 依申请公开 / 不予公开). A list after 其中
    may name some parts only, and then nothing is said. Approximate numbers
    (约, 余, 以上) and numbers in Chinese numerals are not added. When the whole
    is not stated with its parts, it is the quantity stated earlier that counts
    the same thing (主动公开政府信息), and the rule speaks only when the sum matches
    none of the candidates.

    ## Why is this bad?
    A whole and its parts that disagree mean at least one number in the report
    is wrong; 国办公开办函〔2021〕30号 三（四） asks agencies to correct
    "发布内容不准确". Pingtan's 2019 report gives 2599 items while its eleven
    categories add up to 2533.

    ## Example
    Fails:
    ```
    全年共公布政府信息120条（其中政策文件类信息30条，其他信息80条）。
    ```

    Passes: "其他信息90条" (30 + 90 = 120).
    """

    code = "TXT004"
    name = "narrative-parts-sum"
    severity = "warning"
    summary = "正文所列分项之和与所述总数不一致"
    documentation_zh = """## 检查内容
    将正文给出的某一总数的各分项相加，并与正文所述的总数比较：`共公布政府信息2599条（其中机构职能类信息25条，…，其他应主动公开政府信息856条）`、`2012年主动公开政府信息1913条。其中，区直…1397条，占73%。各乡镇…534条，占27%。`，或前文所述某一数量的各个类别（`主动公开政府信息的主要类别有：…`）。

    只对正文本身表明是完整列举的清单求和：最后一项为"其他…"，各项占比之和为 100%，或各项为政府信息的三类（主动公开 / 依申请公开 / 不予公开）。"其中"之后的列举可能只列出部分分项，此时不作判断。约数（约、余、以上）和以中文数字书写的数字不参与相加。总数未与分项一并写出时，以前文所述、统计同一对象（主动公开政府信息）的数量作为总数，且只有当分项之和与所有候选总数都不符时，本规则才报告。

    ## 为什么要检查
    总数与分项不符，说明报告中至少有一个数字是错误的；国办公开办函〔2021〕30号 三（四）要求各机关纠正"发布内容不准确"的问题。平潭2019年的报告称共 2599 条，而其十一个类别之和为 2533。

    ## 示例
    不通过：
    ```
    全年共公布政府信息120条（其中政策文件类信息30条，其他信息80条）。
    ```

    通过："其他信息90条"（30 + 90 = 120）。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        earlier: list[Q.Quantity] = []  # counts stated before, for wholes found by what they count
        for paragraph, found in report.context.quantities:
            for enumeration in found.enumerations:
                first = enumeration.parts[0].start
                before = earlier + [q for q in found.counts() if q.end <= first]
                finding = self._check(paragraph, enumeration, before)
                if finding is not None:
                    yield finding
            earlier += found.counts()

    def _check(self, paragraph: Paragraph, enumeration: Q.Enumeration,
               earlier: list[Q.Quantity]) -> Diagnostic | None:
        parts = enumeration.parts
        if enumeration.complete is None or len(parts) < 2 or not exact(parts):
            return None
        total = sum(p.value for p in parts)  # type: ignore[misc]
        whole = enumeration.whole
        if whole is not None:
            if not exact([whole]) or any(_sum(r) == whole.value for r in enumeration.readings):
                return None
            stated = f"“{whole.subject[-20:]}{whole.value}{whole.unit}”"
        else:
            candidates = [q for q in earlier if q.unit == parts[0].unit and exact([q])
                          and Q.same_noun(enumeration.noun, q) and Q.unqualified(enumeration.noun, q)]
            if not candidates or any(q.value == total for q in candidates):
                return None
            whole = candidates[-1]
            stated = f"前文所述“{whole.subject.removeprefix('其中')}{whole.value}{whole.unit}”"
        terms = " + ".join(str(p.value) for p in parts)
        why = {"other": "列至“其他”一项，应为全部分项", "shares": "各项占比合计 100%，应为全部分项",
               "partition": "主动公开、依申请公开、不予公开三类合起来应为全部信息"}[enumeration.complete]
        span = _span(paragraph, parts[0], parts[-1])
        return self.finding(
            f"正文所列各项之和为 {shown(total)}（{terms if len(terms) <= 120 else terms[:117] + '…'}），"
            f"与{stated}不一致（相差 {signed(total - whole.value)}；{why}）；请核对各项数字或总数",  # type: ignore[operator]
            span, f"正文/{whole.subject or '总数'}", f"{whole.value}|{terms}",
            whole=whole.value, parts=[p.value for p in parts], sum=total, delta=total - whole.value,  # type: ignore[operator]
            complete=enumeration.complete, how=enumeration.how,
        )


def adds_up_wrong(enumeration: Q.Enumeration) -> bool:
    """A complete list of exact parts that, however it is read, differs from the whole stated with it."""
    parts, whole = enumeration.parts, enumeration.whole
    return (enumeration.complete is not None and len(parts) >= 2 and whole is not None and exact(parts + [whole])
            and all(_sum(r) != whole.value for r in enumeration.readings))


def _sum(parts: list[Q.Quantity]):
    return sum(p.value for p in parts) if exact(parts) else None  # type: ignore[misc]


def exact(quantities: list[Q.Quantity]) -> bool:
    """Numbers that can be added: stated exactly, in digits."""
    return all(q.value is not None and not q.approx and not q.numeral for q in quantities)


def _span(paragraph: Paragraph, first: Q.Quantity, last: Q.Quantity) -> Span:
    return paragraph.span_of(first.start, last.end)
