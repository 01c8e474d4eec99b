"""Text-scanning helpers shared by the compliance rules (SEC, PER, FEE).

The AST gives sections, paragraphs (text + span) and metadata. The compliance
rules need a few more views of the same material, computed here from the AST
only and never by re-reading the file:

* :func:`parts` — the six parts of a 2019/2021 report, including headings the
  lexer left as paragraphs (Markdown ``## 一、总体情况``, misnumbered
  ``一、主动公开政府信息情况``);
* :func:`title_of` — the title, with a fallback for titles wrapped over two
  short lines by PDF extraction;
* :func:`period_of` — the statistics-period statement, with a fallback that
  reads across line breaks;
* :func:`agency_kind` / :func:`agency_level` — department or government, and
  the administrative level, inferred from the agency's name;
* :func:`sub_span` — the span of a phrase inside a paragraph;
* era-2007 content items of 第三十二条 found by keyword.

Every regular expression here is linear (no nested quantifiers, bounded
repetitions), so a 350 KB crawler line is scanned in a few milliseconds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from . import labels as L
from .ast import Paragraph, Report, Section, Span
from .labels import expected_era

NUMERALS = L.NUMERALS
PART_NAMES = {part: f"第{NUMERALS[part - 1]}部分" for part in range(1, 7)}


def canonical_heading(part: int) -> str:
    return f"{NUMERALS[part - 1]}、{L.HEADINGS[part][0]}"


# --------------------------------------------------------------------------
# positions
# --------------------------------------------------------------------------


def sub_span(paragraph: Paragraph, start: int, end: int) -> Span:
    """The span of ``paragraph.text[start:end]``: exact in text files and in HTML
    (the paragraph keeps the position of each of its characters)."""
    return paragraph.span_of(start, end)


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
# headings and parts (eras 2019 / 2021)
# --------------------------------------------------------------------------

_MARKUP = "#*>　 \t"
_TRAILING = ":：*　 \t。"
_NOTE = re.compile(r"\([^()]{2,60}\)$")


@dataclass(slots=True)
class HeadingHit:
    """A top-level heading: a lexer section, or a paragraph that reads as one."""

    part: int  # the part its text names (二 for 主动公开政府信息情况)
    numeral: int  # the part its numeral says (1..6)
    text: str  # as written
    span: Span
    section: Section | None  # None: found among the paragraphs
    variant: bool = False

    @property
    def misnumbered(self) -> bool:
        return self.part != self.numeral


@dataclass(slots=True)
class Part:
    number: int
    heading: HeadingHit
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@lru_cache(maxsize=None)
def _heading_texts() -> dict[str, tuple[int, bool]]:
    table: dict[str, tuple[int, bool]] = {}
    for part, (canonical, variants) in L.HEADINGS.items():
        table[L.normalize(canonical)] = (part, False)
        for variant in variants:
            table.setdefault(L.normalize(variant), (part, True))
    return table


def heading_in_paragraph(paragraph: Paragraph) -> HeadingHit | None:
    """A paragraph that is exactly a template heading numbered ``X、`` (any numeral).

    Bracketed numerals (``(一)主动公开政府信息情况``) are sub-headings of part 一
    in real reports, so only ``X、``/``X.`` numbering counts here.
    """
    text = paragraph.text
    if len(text) > 80:
        return None
    norm = L.normalize(text).strip(_MARKUP).rstrip(_TRAILING)
    if len(norm) < 4 or norm[0] not in NUMERALS or norm[1] not in "、.":
        return None
    body = _NOTE.sub("", norm[2:]).rstrip(_TRAILING)
    found = _heading_texts().get(body.replace(",", "、"))
    if found is None:
        return None
    part, variant = found
    return HeadingHit(part, NUMERALS.index(norm[0]) + 1, text.strip(), paragraph.span, None, variant)


def headings_in_tables(report: Report) -> list[HeadingHit]:
    """Headings the lexer took for table labels (``## 三、…`` right after a table)."""
    hits = []
    for table in report.tables:
        for row in table.rows:
            if row.key is None:
                hit = heading_in_paragraph(Paragraph(row.raw_label, row.span))
                if hit is not None:
                    hits.append(hit)
        for header in table.headers:
            if header.key is None:
                hit = heading_in_paragraph(Paragraph(header.raw, header.span))
                if hit is not None:
                    hits.append(hit)
    return hits


def _flow(report: Report) -> list[tuple[HeadingHit | None, Paragraph | None]]:
    """Headings and paragraphs in document order."""
    items: list[tuple[HeadingHit | None, Paragraph | None]] = [(None, p) for p in report.front]
    for section in report.sections:
        number = _section_numeral(section)
        hit = HeadingHit(section.part, number, section.heading, section.span, section, section.variant)
        items.append((hit, None))
        items.extend((None, p) for p in section.paragraphs)
    return items


def _section_numeral(section: Section) -> int:
    norm = L.normalize(section.heading).lstrip("(")
    return NUMERALS.index(norm[0]) + 1 if norm and norm[0] in NUMERALS else section.part


def headings(report: Report) -> list[HeadingHit]:
    """Every top-level heading in document order (sections and heading paragraphs)."""
    return _analyse(report)[0]


def parts(report: Report) -> dict[int, Part]:
    """Part number -> its first heading and the paragraphs up to the next heading.

    Content is attributed by the heading's *text*, so a misnumbered heading
    still opens the part it names; a duplicated part collects both bodies.
    """
    return _analyse(report)[1]


#: The last report analysed and its result, as one tuple (replaced atomically):
#: several rules ask about the same report in a row.
_last: tuple = (None, None)


def _analyse(report: Report) -> tuple[list[HeadingHit], dict[int, Part]]:
    global _last
    cached_report, cached = _last
    if cached_report is report:
        return cached
    result = _analyse_uncached(report)
    _last = (report, result)
    return result


def _analyse_uncached(report: Report) -> tuple[list[HeadingHit], dict[int, Part]]:
    hits: list[HeadingHit] = []
    found: dict[int, Part] = {}
    current: Part | None = None
    for hit, paragraph in _flow(report):
        if hit is None and paragraph is not None:
            hit = heading_in_paragraph(paragraph)
            if hit is None:
                if current is not None:
                    current.paragraphs.append(paragraph)
                continue
        assert hit is not None
        hits.append(hit)
        current = found.get(hit.part)
        if current is None:
            current = found[hit.part] = Part(hit.part, hit)
    return hits, found


# --------------------------------------------------------------------------
# narrative text (all eras)
# --------------------------------------------------------------------------


def narrative(report: Report) -> list[Paragraph]:
    """All prose in document order, section headings included (as paragraphs)."""
    out: list[Paragraph] = list(report.front)
    for section in report.sections:
        out.append(Paragraph(section.heading, section.span))
        out.extend(section.paragraphs)
    return out


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
    ContentItem("（五）", "政府信息公开工作存在的主要问题及改进情况",
                (re.compile("问题|不足"), re.compile("改进|措施|整改|下一步|下步|今后"))),
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
# titles
# --------------------------------------------------------------------------

_YEAR = re.compile(r"((?:19|20)\d{2})年")
_TITLE_WORDS = re.compile(r"(?:信息公开|政务公开)[^。]{0,10}?(?:年度报告|年报|工作报告)")
_TITLE_TAIL = re.compile(r"(?:政府信息公开|政务信息公开|政务公开|信息公开).*$")
_TITLE_YEAR = re.compile(r"(?:19|20)\d{2}年度?")


@dataclass(slots=True)
class Title:
    text: str  # normalised (no spaces)
    span: Span
    agency: str | None
    year: int | None


def title_of(report: Report) -> Title | None:
    """The report's title: meta's, else a title-like line (or two short lines) at the top."""
    meta = report.meta
    if meta.title and meta.title_span:
        norm = L.normalize(meta.title).strip(_MARKUP)
        # Our own reading, not meta.agency: the builder reads 政府 as the agency of
        # a title without one ("2022年政府信息公开工作年度报告").
        return Title(norm, meta.title_span, agency_in_title(norm), _title_year(norm))
    front = [p for p in report.front if p.text.strip()][:12]
    for k, paragraph in enumerate(front):
        norm = L.normalize(paragraph.text).strip(_MARKUP)
        if len(norm) > 60 or "。" in norm:
            continue
        candidates = [(norm, paragraph.span)]
        if k + 1 < len(front):
            following = L.normalize(front[k + 1].text).strip(_MARKUP)
            if len(following) <= 30 and "。" not in following:
                candidates.append((norm + following, span_from(paragraph.span, front[k + 1].span)))
        for text, span in candidates:
            if _TITLE_WORDS.search(text):
                return Title(text, span, agency_in_title(text), _title_year(text))
    return None


def _title_year(text: str) -> int | None:
    match = _YEAR.search(text)
    return int(match.group(1)) if match else None


def agency_in_title(text: str) -> str | None:
    """The agency's name in a title: what is left without the year and the report words."""
    text = _TITLE_TAIL.sub("", _TITLE_YEAR.sub("", L.normalize(text).strip(_MARKUP)))
    text = text.strip("：:-—_ ")
    return text if len(text) >= 2 else None


# --------------------------------------------------------------------------
# agencies
# --------------------------------------------------------------------------

_GOVERNMENT_END = re.compile(r"(?:人民政府|人民政府本级|政府)$")
_DEPARTMENT_END = re.compile(
    r"(?:局|委|委员会|办|办公室|办公厅|厅|部|署|中心|院|所|站|队|馆|处|科|室|会|社|台|行|司|分局|支队|大队|集团|公司)$"
)
_ZONE_GOVERNMENT = re.compile(r"(?:管委会|管理委员会|行政公署|行署)$")
_PLACE_END = re.compile(r"(?:省|自治区|市|州|盟|地区|县|旗|区|特区|镇|乡|街道)$")


def agency_kind(name: str | None) -> str | None:
    """``"government"`` for a people's government (or a zone's administration),
    ``"department"`` for a bureau, commission, office…; None when the name says neither."""
    if not name:
        return None
    name = re.sub(r"[(（][^()（）]*[)）]$", "", L.normalize(name)).strip()
    if _GOVERNMENT_END.search(name) or _ZONE_GOVERNMENT.search(name):
        return "government"
    if _DEPARTMENT_END.search(name):
        return "department"
    if _PLACE_END.search(name):  # a place's name alone: its government's report
        return "government"
    return None


_DEV_ZONE = re.compile(r"(?:开发区|实验区|示范区|新区|高新区|园区|试验区|合作区)")


def agency_level(name: str | None) -> str | None:
    """``"county"``, ``"prefecture"`` or ``"province"`` from a government's name; None
    when the name does not say (development zones, 市 that may be county-level).

    ``X市`` is read as a prefecture: a county-level city is then held to the later
    prefecture date, never to an earlier date than its own.
    """
    if not name:
        return None
    place = _GOVERNMENT_END.sub("", L.normalize(name))
    if _DEV_ZONE.search(place):
        return None
    if re.search(r"(?:县|旗|区)$", place) and not re.search(r"(?:自治区|地区)$", place):
        return "county"
    if re.search(r"(?:州|盟|地区|市)$", place):
        return "prefecture"
    if re.search(r"(?:省|自治区)$", place):
        return "province"
    return None


# --------------------------------------------------------------------------
# the statistics period
# --------------------------------------------------------------------------

_PERIOD = re.compile(
    r"(?:统计(?:期限|时限|时间|区间|周期|期间|范围)|报告期)[^。;\d]{0,12}?"
    r"(?P<y1>\d{4})年(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日"
    r"[^。;\d]{0,8}?(?:(?P<y2>\d{4})年)?(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日"
)


@dataclass(slots=True)
class PeriodFound:
    text: str
    start: date
    end: date
    span: Span


def period_of(report: Report) -> PeriodFound | None:
    """The statistics period: meta's, else a statement broken over lines (PDF text)."""
    period = report.meta.period
    if period is not None:
        try:
            return PeriodFound(period.text, date.fromisoformat(period.start), date.fromisoformat(period.end),
                               period.span)
        except ValueError:
            pass
    return _period_across_lines(report)


def _period_across_lines(report: Report) -> PeriodFound | None:
    paragraphs = list(report.front)
    first = report.section(1)
    if first is not None:
        paragraphs += first.paragraphs
    paragraphs = paragraphs[:80]
    pieces: list[str] = []
    where: list[tuple[int, Paragraph, list[int]]] = []  # (offset in joined text, paragraph, index map)
    offset = 0
    for paragraph in paragraphs:
        norm, index = L.normalize_with_map(paragraph.text)
        where.append((offset, paragraph, index))
        pieces.append(norm)
        offset += len(norm)
    joined = "".join(pieces)
    if "统计" not in joined and "报告期" not in joined:
        return None
    for match in _PERIOD.finditer(joined):
        y1, y2 = match.group("y1"), match.group("y2") or match.group("y1")
        try:
            start = date(int(y1), int(match.group("m1")), int(match.group("d1")))
            end = date(int(y2), int(match.group("m2")), int(match.group("d2")))
        except ValueError:
            continue
        return PeriodFound(match.group(0), start, end,
                           span_from(_position(where, match.start()), _position(where, match.end() - 1, True)))
    return None


def _position(where: list[tuple[int, Paragraph, list[int]]], offset: int, end: bool = False) -> Span:
    for begin, paragraph, index in reversed(where):
        if begin <= offset and index:
            local = min(offset - begin, len(index) - 1)
            raw = index[local]
            return sub_span(paragraph, raw + (1 if end else 0), raw + 1)
    return Span(1, 1, 1, 1)


_PERIOD_WORDS = re.compile(r"统计(?:期限|时限|时间|区间|周期|期间)")


def period_words(report: Report) -> tuple[Paragraph, re.Match[str]] | None:
    """Where the text names a statistics period without readable dates
    (``统计期限自至``: a template sentence whose dates were never filled in)."""
    paragraphs = list(report.front)
    first = report.section(1)
    if first is not None:
        paragraphs += first.paragraphs
    for paragraph in paragraphs[:80]:
        match = _PERIOD_WORDS.search(paragraph.text)
        if match is not None:
            return paragraph, match
    return None


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
