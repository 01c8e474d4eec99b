from __future__ import annotations

import re
from typing import Iterator

from linter import compliance as C
from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule

_SUBJECT = r"(?:我们|我局|我委|我办|我厅|我区|我县|我市|我镇|我乡|我街道|我中心|我院|我单位|我部门|我机关|本局|本委|本办|本厅|本单位|本机关|本部门)"
#: Where a sentence starts: after a stop, or after a sub-heading that crawled
#: text ran into it ("（一）主动公开情况2022年，我局…").
_START = (r"(?:^|(?<=[。；;！!？?：:）)\s])"
          r"|(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)[^，,。；;：:（）()\d]{2,24}?(?<=[况作面题施项]))")
#: "YYYY年，(我们)将…": plans for a year, at the start of a sentence.
_PLAN = re.compile(
    _START + r"((?:19|20)\d{2})\s*年度?\s*[，,]?\s*(?:" + _SUBJECT + r"\s*)?(?:将|要|计划|拟|准备|力争)"
)
#: "YYYY年，我局…": a work year told in the first person, at the start of a sentence.
_DONE = re.compile(
    _START + r"((?:19|20)\d{2})\s*年度?\s*[，,]?\s*" + _SUBJECT + r"(?!\s*(?:将|要|计划|拟|准备|力争))"
)
#: What both need, searched first: _START has no literal to search for, so the
#: two patterns would be tried at every character of every paragraph.
_YEAR_THEN = re.compile(r"(?:19|20)\d{2}\s*年度?\s*[，,]?\s*(?:" + _SUBJECT + r"|将|要|计划|拟|准备|力争)")
#: The most characters _START can take before the year: a sub-heading of
#: （ + three numerals + ） and 24 words (tests hold the two to the same matches).
_START_WIDTH = 29


def _starts(text: str) -> list[int]:
    """Where a match of _PLAN or _DONE can start: within _START_WIDTH characters before a year."""
    return sorted({start for year in _YEAR_THEN.finditer(text)
                   for start in range(max(0, year.start() - _START_WIDTH), year.start() + 1)})


def _matches(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for _PLAN and _DONE, tried only at ``starts``
    (:func:`_starts`; they never match empty)."""
    end = 0
    for start in starts:
        if start < end:
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            end = match.end()


class StaleYear(Rule):
    """## What it does
    Reports narrative that treats another year as the current one, the
    classic trace of last year's text copied into this year's report:

    * plans announced for the report year or an earlier one, e.g. a 2016
      report saying `2016年，我们将采取以下措施加以改进` (the plans of a 2016
      report are for 2017);
    * the year before the report year told as the agency's own work year, at
      the start of a sentence: a 2023 report saying `2022年，我局…`.

    Only sentence-initial phrases are read (a sub-heading that crawled text ran
    into the sentence, `（一）主动公开情况2022年，我局…`, still ends before it), so comparisons (`较2022年增长`,
    `自2020年以来`) are not reported. The finding quotes the phrase.

    ## Why is this bad?
    The report covers one calendar year (条例 第四十九、五十条). 国办公开办函
    〔2019〕60号 and 〔2021〕30号 name "内容雷同" among the faults to be corrected,
    and the 2021 notice forbids 年年雷同 text in part 五; a stale year is the
    plainest sign of it, and misleads readers about what was done when.

    ## Example
    Fails (warning), in a 2016 report: `2016年，我们将采取以下措施加以改进：`

    Passes: `2017年，我们将采取以下措施加以改进：`
    """

    code = "PER005"
    name = "stale-year"
    severity = "warning"
    summary = "正文把其他年份当作本年度（疑似沿用往年文字）"
    documentation_zh = """## 检查内容
    检出正文把其他年份当作当前年度来叙述的情形，这是把上年文字照搬进本年报告的典型痕迹：

    * 针对报告年度或更早年度提出的工作计划，例如2016年报告中写 `2016年，我们将采取以下措施加以改进`（2016年报告中的计划应针对2017年）；
    * 在句首把报告年度的上一年当作本机关的工作年度来叙述：2023年报告中写 `2022年，我局…`。

    只识别句首的短语（爬取的文本中与句子连在一起的小标题，如 `（一）主动公开情况2022年，我局…`，仍视为在该短语之前结束），因此比较性表述（`较2022年增长`、`自2020年以来`）不会被报告。提示信息会引用该短语。

    ## 为什么要检查
    年度报告覆盖一个自然年度（条例第四十九、五十条）。国办公开办函〔2019〕60号和〔2021〕30号将"内容雷同"列为需要纠正的问题，2021年的通知还禁止第五部分年年雷同；年份陈旧是最明显的迹象，也会使读者误解各项工作发生的时间。

    ## 示例
    不通过（警告），2016年报告中：`2016年，我们将采取以下措施加以改进：`

    通过：`2017年，我们将采取以下措施加以改进：`
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        year = C.report_year(report)
        if report.era_source is None or year is None:
            return
        for paragraph in C.narrative(report):
            text = paragraph.text
            starts = _starts(text)
            if not starts:
                continue
            for match in _matches(_PLAN, text, starts):
                said = int(match.group(1))
                if said <= year:
                    yield self._finding(paragraph, match, said, year, "plan")
            for match in _matches(_DONE, text, starts):
                said = int(match.group(1))
                if said == year - 1:
                    yield self._finding(paragraph, match, said, year, "done")

    def _finding(self, paragraph, match: re.Match[str], said: int, year: int, kind: str) -> Diagnostic:
        start = match.start(1)
        end = min(len(paragraph.text), max(match.end(), start + 20))
        stop = re.search(r"[。；;！!？?\n]", paragraph.text[start:end])
        if stop:
            end = start + stop.start()
        phrase = paragraph.text[start:end].strip()
        if kind == "plan":
            message = (f"{year}年度报告中写有“{phrase}”：改进计划应针对{year + 1}年，"
                       f"疑似沿用往年报告文字，请核对年份")
        else:
            message = (f"{year}年度报告中写有“{phrase}”，把{said}年当作本年度叙述，"
                       f"疑似沿用上一年度报告文字，请核对年份")
        return self.finding(message, paragraph.span_of(start, start + len(phrase)), "正文/年份", phrase,
                            kind=kind, year_said=said, report_year=year)
