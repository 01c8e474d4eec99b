from __future__ import annotations

from typing import Iterator

from linter import compliance as C
from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class SectionOrder(Rule):
    """## What it does
    Reports top-level headings of a 2019/2021 report that are misnumbered,
    repeated or out of order:

    * a heading whose text names one part and whose numeral another, e.g.
      `一、主动公开政府信息情况` (the text of part 二) — typically parts 二–六
      shifted to 一–五, or a second `一、`; such a line is a heading only if it
      is exactly a template heading (bracketed sub-headings such as
      `(一)主动公开政府信息情况` inside part 一 are not headings);
    * a part whose heading appears a second time;
    * a part that comes after a later one (`四、` before `三、`).

    ## Why is this bad?
    The formats of 国办公开办函〔2019〕60号 and 〔2021〕30号 fix the six parts and
    their order (after 条例 第五十条); readers, evaluators and tools find each
    part by its number. A shifted or repeated numbering makes part 五 look like
    part 六, and the statistics of one part get read as another's.

    ## Example
    Fails (warning):
    ```
    一、总体情况
    …
    一、主动公开政府信息情况
    二、收到和处理政府信息公开申请情况
    ```

    Passes: `二、主动公开政府信息情况`, `三、收到和处理政府信息公开申请情况`.
    """

    code = "SEC002"
    name = "section-order"
    severity = "warning"
    eras = ("2019", "2021")
    summary = "部分标题顺序错误、重复或编号错误"
    documentation_zh = """## 检查内容
    检出2019/2021年格式报告中编号错误、重复或顺序错乱的一级标题：

    * 标题文字属于一个部分而编号属于另一个部分，例如 `一、主动公开政府信息情况`（第二部分的标题文字）——通常是第二至第六部分被错移为一至五，或出现第二个 `一、`；此类行只有与模板标题完全一致时才视为标题（第一部分内带括号的小标题，如 `(一)主动公开政府信息情况`，不是标题）；
    * 某部分的标题第二次出现；
    * 某部分出现在编号更靠后的部分之后（`四、` 出现在 `三、` 之前）。

    ## 为什么要检查
    国办公开办函〔2019〕60号和〔2021〕30号的格式（依据条例第五十条）规定了六个部分及其顺序；读者、评估人员和工具都按编号查找各部分。编号错移或重复，会使第五部分看起来像第六部分，一个部分的统计数据也会被当作另一个部分的数据读取。

    ## 示例
    不通过（警告）：
    ```
    一、总体情况
    …
    一、主动公开政府信息情况
    二、收到和处理政府信息公开申请情况
    ```

    通过：`二、主动公开政府信息情况`、`三、收到和处理政府信息公开申请情况`。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        seen: dict[int, int] = {}  # part -> line of its first heading
        highest = 0
        for section in report.sections:
            if section.implied:
                continue  # no heading to number (SEC006)
            text = section.heading.strip()
            canonical = C.canonical_heading(section.part)
            if section.misnumbered:
                yield self.finding(
                    f"标题“{text}”的编号有误：该标题属于第{C.NUMERALS[section.part - 1]}部分，"
                    f"应为“{canonical}”",
                    section.span, C.PART_NAMES[section.part], text,
                    kind="misnumbered", part=section.part, numeral=section.numeral, canonical=canonical,
                )
            elif section.part in seen:
                yield self.finding(
                    f"第{C.NUMERALS[section.part - 1]}部分标题“{text}”重复出现（第{seen[section.part]}行已有），"
                    "请合并或删除重复的部分",
                    section.span, C.PART_NAMES[section.part], text, kind="duplicate", part=section.part,
                )
            elif section.part < highest:
                yield self.finding(
                    f"第{C.NUMERALS[section.part - 1]}部分“{text}”出现在第{C.NUMERALS[highest - 1]}部分之后，"
                    "请按一至六的顺序排列各部分",
                    section.span, C.PART_NAMES[section.part], text, kind="order", part=section.part,
                    after=highest,
                )
            seen.setdefault(section.part, section.span.line)
            highest = max(highest, section.part)
