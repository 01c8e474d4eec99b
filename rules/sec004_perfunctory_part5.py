from __future__ import annotations

import re
from typing import Iterator

from linter import compliance as C
from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Option, Rule

#: Text that says nothing: 无, 暂无, 没有, 无问题… (after spaces and punctuation are removed).
_NOTHING = re.compile(r"^(?:无|暂无|没有|无问题|暂无问题|没有问题|无相关情况|略)$")
_SENTENCE_END = re.compile(r"[。！!？?；;]")
_BLANKS = re.compile(r"\s+")
_PUNCT = re.compile(r"[。！!？?；;，,、:：\s.]")


class PerfunctoryPart5(Rule):
    """## What it does
    Reports part 五 (`五、存在的主要问题及改进情况`) of a 2019/2021 report when
    it is empty, says only `无` (or 暂无, 没有…), is a single sentence, or is
    shorter than `min-chars` characters (default 40, punctuation and spaces not counted).
    Option: `min-chars` (integer).

    ## Why is this bad?
    条例 第五十条 requires every report to state the main problems of the work
    and how they are being improved. 国办公开办函〔2019〕60号 and
    〔2021〕30号 ask for specific content and name "内容雷同、敷衍塞责" among the
    faults to be corrected; the 2021 notice forbids 年年雷同 text in this part.
    A line such as `无` or one stock sentence does not report anything.

    ## Example
    Fails (warning):
    ```
    五、存在的主要问题及改进情况
    无。
    ```

    Passes: a part 五 that names the problems found this year and the measures
    taken or planned, in several sentences.
    """

    code = "SEC004"
    name = "perfunctory-part5"
    severity = "warning"
    eras = ("2019", "2021")
    summary = "第五部分（存在的主要问题及改进情况）为空或过于简单"
    options_schema = {"min-chars": Option(40, "第五部分少于这么多字（不计标点和空白）即视为过于简单", 1, 10_000)}
    documentation_zh = """## 检查内容
    检出2019/2021年格式报告的第五部分（`五、存在的主要问题及改进情况`）为空、只写 `无`（或暂无、没有……）、只有一句话，或短于 `min-chars` 个字（默认 40，不计标点和空白）的情形。选项：`min-chars`（整数）。

    ## 为什么要检查
    条例第五十条要求每份报告说明工作中存在的主要问题及改进情况。国办公开办函〔2019〕60号和〔2021〕30号要求写出具体内容，并将"内容雷同、敷衍塞责"列为需要纠正的问题；2021年的通知还禁止本部分年年雷同。`无` 这样一行字或一句套话，等于什么也没有报告。

    ## 示例
    不通过（警告）：
    ```
    五、存在的主要问题及改进情况
    无。
    ```

    通过：第五部分用若干句话写明本年度发现的问题，以及已采取或计划采取的措施。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        part = report.context.parts.get(5)
        if part is None:
            return  # missing: SEC001
        minimum = self.option("min-chars")
        text = _BLANKS.sub("", part.text)
        bare = _PUNCT.sub("", text)
        sentences = [s for s in _SENTENCE_END.split(text) if _PUNCT.sub("", s)]
        if not bare:
            problem, kind = "没有内容", "empty"
        elif _NOTHING.match(bare):
            problem, kind = f"只写了“{text}”", "nothing"
        elif len(sentences) <= 1:
            problem, kind = "只有一句话", "one-sentence"
        elif len(bare) < minimum:
            problem, kind = f"只有 {len(bare)} 个字", "short"
        else:
            return
        span = part.paragraphs[0].span if part.paragraphs else part.heading.span
        yield self.finding(
            f"第五部分“存在的主要问题及改进情况”{problem}，请具体写明本年度工作存在的主要问题和改进措施",
            span, C.PART_NAMES[5], C.shorten(text), kind=kind, characters=len(bare),
        )
