"""Text helpers shared by the compliance rules (SEC, PER, FEE).

Structure (parts, headings) is read by :mod:`linter.structure` and placed by
the grammar; metadata (title, agency, year, dates, period) by
:mod:`linter.meta`. What is left here is what the compliance rules say about
the text: the report year whose law applies, the era-2007 content items of
第三十二条, the fee statements, and dates in configuration.

Every regular expression here is linear (no nested quantifiers, bounded
repetitions), so a 350 KB crawler line is scanned in a few milliseconds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .ast import Paragraph, Report, Span
from .labels import expected_era
from .structure import NUMERALS, PART_NAMES, canonical_heading  # noqa: F401  (the rules' names for parts)


# --------------------------------------------------------------------------
# positions
# --------------------------------------------------------------------------


def span_from(first: Span, last: Span) -> Span:
    return Span(first.line, first.column, last.end_line, last.end_column)


def document_start(report: Report) -> Span:
    """Where to report something the report lacks as a whole: the title, else line 1."""
    return report.meta.title_span or Span(1, 1, 1, 1)


def shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------
# the report year, and the era whose law applies
# --------------------------------------------------------------------------


def report_year(report: Report) -> int | None:
    """The report year, unless it was only guessed from the publication date."""
    if report.meta.year_source in ("title", "period", "text"):
        return report.meta.report_year
    return None


def law_era(report: Report) -> str:
    """The era whose rules bind the report: the one its year requires (the
    template it used may be wrong, which TPL001 reports), else the detected one."""
    year = report_year(report)
    return expected_era(year) if year is not None else report.era


# --------------------------------------------------------------------------
# narrative text (all eras)
# --------------------------------------------------------------------------


def narrative(report: Report) -> list[Paragraph]:
    """All prose in document order, section headings included (as paragraphs)."""
    return report.context.narrative


#: A sentence that lists the report's parts ("本报告由概述、主动公开…组成"): its
#: words name the items without reporting on them.
_OUTLINE = re.compile(r"(?:本报告|本年度报告|报告全文|全文)(?:由|包括|分为|共分)[^。]{0,200}?(?:组成|部分|事项)[^。]{0,40}")


def blank_outline(text: str) -> str:
    """``text`` with outline sentences replaced by spaces (offsets are kept)."""
    if "报告" not in text and "全文" not in text:
        return text
    return _OUTLINE.sub(lambda m: " " * len(m.group(0)), text)


# --------------------------------------------------------------------------
# era 2007: the content items of 第三十二条
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ContentItem:
    number: str  # （一）…（六）
    name: str
    patterns: tuple[re.Pattern[str], ...]  # all must match somewhere


#: 条例2007 第三十二条. Item （三） (收费及减免) is FEE001's, so it is listed in FEE_2007.
ITEMS_2007: tuple[ContentItem, ...] = (
    ContentItem("（一）", "行政机关主动公开政府信息的情况", (re.compile("主动公开"),)),
    ContentItem("（二）", "行政机关依申请公开政府信息和不予公开政府信息的情况",
                (re.compile("依申请|公开申请|申请公开|信息申请"),)),
    ContentItem("（四）", "因政府信息公开申请行政复议、提起行政诉讼的情况", (re.compile("行政复议|行政诉讼"),)),
    # The problems and the improvements said together, not two words far apart
    # ("热点问题" … "保密措施", corpus 009.txt).
    ContentItem("（五）", "政府信息公开工作存在的主要问题及改进情况", (re.compile(
        r"(?:存在|主要)[^。；]{0,6}?(?:问题|不足|差距)|不足之处|问题[^。；]{0,12}?(?:改进|整改|对策)"
        r"|(?:改进|整改)(?:措施|情况|方向|工作)|下一步(?:工作)?(?:打算|计划|安排|重点|措施)|努力方向"),)),
    ContentItem("（六）", "其他需要报告的事项", (re.compile("其[他它]需[要]?报告"),)),
)

#: 第三十二条（三） in prose: 收费及减免, 免费, 不收费, 收取…费用 — in the context of
#: disclosure, so 行政事业性收费信息 or 免费自助复印 do not count.
FEE_2007 = re.compile(
    r"收费[及和与、]减免|减免情况|收费情况"
    r"|(?:信息公开|依申请|公开申请|申请人|提供政府信息|提供信息)[^。；;]{0,24}?(?:免费|不收费|不收取|暂不收|未收取|收取|收费|减免)"
    r"|(?:免费|不收费|未收取|收取)[^。；;]{0,12}?(?:信息公开|依申请|公开申请)"
)


# --------------------------------------------------------------------------
# fee statements (era 2021, part 六)
# --------------------------------------------------------------------------

#: 信息处理费 and its real spellings (政府信息处理费, 信息公开处理费…), or a
#: disclosure fee statement without the word (未发生政府信息公开收费事项).
FEE_2021 = re.compile(r"处理费|收费|收取[^。；;]{0,15}?费|缴费|缴纳[^。；;]{0,6}?费")
#: A statement that fee notices were issued (or not).
FEE_NOTICE = re.compile(r"收费通知|缴费通知|通知[^。；;]{0,10}?缴[纳费]|缴纳[^。；;]{0,10}?通知")
FEE_NONE = re.compile(r"未收取|没有收取|无收取|不收取|未产生|没有产生|未发生|没有发生|暂未|免费|不收费|未收费|为0|为零")


# --------------------------------------------------------------------------
# dates in configuration
# --------------------------------------------------------------------------

_MONTH_DAY = re.compile(r"^\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def parse_month_day(value: object) -> tuple[int, int] | None:
    """``"01-31"``, ``"1/31"``, ``"1月31日"`` -> (1, 31); None when not a valid month-day."""
    if isinstance(value, date):
        return value.month, value.day
    if not isinstance(value, str):
        return None
    match = _MONTH_DAY.match(value)
    if not match:
        return None
    month, day = int(match.group(1)), int(match.group(2))
    try:
        date(2000, month, day)  # a leap year: 02-29 is accepted
    except ValueError:
        return None
    return month, day


def deadline_date(year: int, month_day: tuple[int, int]) -> date:
    month, day = month_day
    if (month, day) == (2, 29):
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 2, 28)
    return date(year, month, day)


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
