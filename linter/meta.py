"""Metadata: the one reader of a report's title, agency, year, publication date
and statistics period.

The builder hands over the paragraphs the grammar placed (the front matter,
the page chrome such as ``发布日期:…``, the narrative) and the statistics
tables; this module returns :class:`linter.ast.Meta`. Rules read ``report.meta``
and never look for these things themselves.

* **title**: a line of the front matter that names a disclosure report and a
  year, or two short lines that do so together (agency above the year, or a
  title wrapped by PDF extraction); among several (a breadcrumb repeats the
  title) the shortest; a crawler's ``标题:`` line;
* **agency** from the title, and its **kind** (people's government or
  department) and **level** (county, prefecture, province) from its name;
* **report year**: the title's, else the period's, else the first year the
  front matter or part 一 speaks of, else the year before publication;
* **published**: the page's ``发布日期``/``发布时间`` (a sign-off date at the end
  of the text is a document date, not a publication date);
* **period**: ``统计期限自…至…`` and its variants, also when a PDF wrapped the
  statement over lines; a statement whose dates were left blank (``统计期限自至``)
  is kept apart;
* **table years**: the year captioning an era-2007 statistics table.

Every pattern is linear (bounded repetitions, no nested quantifiers).
"""
from __future__ import annotations

import re
from datetime import date

from . import labels as L
from .ast import Meta, Paragraph, Period, Phrase, Span, Table

#: Web-page chrome and crawler header lines (on normalised text).
CHROME = re.compile(
    r"^(?:发布日期|发布时间|成文日期|信息来源|来源|浏览次数|点击数|文号|发布机构|栏目|原文链接|本地目录|页面链接"
    r"|相关附件|附件下载|索引号|主题分类|\[点击查看解读\]|字号|打印|关闭|=+正文=+)"
)


def is_chrome(norm: str) -> bool:
    """A line of page chrome (normalised text): 发布日期…, 附件下载, 浏览次数…"""
    return CHROME.match(norm) is not None


_MARKUP = "#*>"
_TITLE_PREFIX = re.compile(r"^标题[:：]\s*")
_REPORT_WORDS = re.compile(r"年度报告|年报|工作报告")
_DISCLOSURE = re.compile(r"信息公开|政务公开")
_YEAR = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年")
_STARTS_WITH_YEAR = re.compile(r"^(?:19|20)\d{2}年")
_AGENCY_LINE = re.compile(r"^[\u4e00-\u9fff()]{2,30}$")
_TITLE_TAIL = re.compile(r"(?:政府信息公开|政务信息公开|政务公开|信息公开).*$")
_TITLE_YEAR = re.compile(r"(?:19|20)\d{2}年度?")
#: How many front paragraphs may precede the title (a web page's navigation,
#: breadcrumbs, crawler headers), and a title without a year or wrapped over lines.
_TITLE_WINDOW = 60
_WRAPPED_TITLE_WINDOW = 12


def read(front: list[Paragraph], chrome: list[Paragraph], body: list[Paragraph],
         tables: list[Table]) -> Meta:
    """The metadata of a report from its placed paragraphs and tables."""
    meta = Meta()
    title = _title(front)
    if title is not None:
        meta.title, meta.title_span = title.text, title.span
        meta.agency = agency_in_title(title.text)
    meta.agency_kind = agency_kind(meta.agency)
    meta.agency_level = agency_level(meta.agency) if meta.agency_kind == "government" else None
    meta.published, meta.published_span = _published(chrome)
    narrative = (front + body)[:80]
    meta.period, meta.period_blank = _period(narrative)
    meta.table_years = _table_years(front + body, tables)
    if meta.title and (year := _YEAR.search(L.normalize(meta.title))):
        meta.report_year, meta.year_source = int(year.group("y")), "title"
    elif meta.period is not None:
        meta.report_year, meta.year_source = int(meta.period.start[:4]), "period"
    elif year := next((m for p in narrative if (m := _YEAR.search(p.text))), None):
        # No title (seed 002): the first year the front matter or part 一 speaks of.
        meta.report_year, meta.year_source = int(year.group("y")), "text"
    elif meta.published:
        meta.report_year, meta.year_source = int(meta.published[:4]) - 1, "published"
    return meta


# ---------------------------------------------------------------------------
# title and agency


def _title(front: list[Paragraph]) -> Phrase | None:
    lines: list[Paragraph] = []
    texts: list[str] = []
    for paragraph in front:  # the first lines that are not page chrome, each normalised once
        if len(lines) == _TITLE_WINDOW:
            break
        if not paragraph.text.strip():
            continue
        norm = L.normalize(paragraph.text)
        if not is_chrome(norm):
            lines.append(paragraph)
            texts.append(norm.strip(_MARKUP))
    for paragraph, norm in zip(lines, texts):
        prefix = _TITLE_PREFIX.match(paragraph.text.strip())
        if prefix:  # a crawler's header line names the title
            start = paragraph.text.index(prefix.group(0)) + prefix.end()
            return Phrase(paragraph.text[start:].strip(), paragraph.span_of(start, len(paragraph.text.rstrip())))
    single = [(len(norm), k) for k, norm in enumerate(texts)
              if len(norm) <= 80 and "。" not in norm and _is_title(norm, with_year=True)]
    if single:
        _, k = min(single)  # a breadcrumb repeats the title among other words
        if k > 0 and _STARTS_WITH_YEAR.match(texts[k]) and _AGENCY_LINE.match(texts[k - 1]):
            return _joined(lines[k - 1], lines[k])  # agency above the year (seeds 001, 004)
        return _phrase(lines[k])
    for with_year in (True, False):
        for k in range(min(len(texts), _WRAPPED_TITLE_WINDOW)):  # a title wrapped over two short lines (PDF text), or one without a year
            pairs = [(texts[k], lines[k:k + 1])]
            if k + 1 < len(texts) and len(texts[k]) <= 60 and len(texts[k + 1]) <= 30:
                pairs.insert(0, (texts[k] + texts[k + 1], lines[k:k + 2]))
            for text, parts in pairs:
                if len(text) <= 80 and "。" not in text and _is_title(text, with_year):
                    if with_year or agency_in_title(text):
                        return _joined(parts[0], parts[-1]) if len(parts) == 2 else _phrase(parts[0])
    return None


def _is_title(norm: str, with_year: bool) -> bool:
    if not _REPORT_WORDS.search(norm):
        return False
    return bool(_YEAR.search(norm)) if with_year else bool(_DISCLOSURE.search(norm))


def _phrase(paragraph: Paragraph) -> Phrase:
    text = paragraph.text.strip()
    left = len(paragraph.text) - len(paragraph.text.lstrip())
    return Phrase(text.strip(_MARKUP + " "), paragraph.span_of(left, left + len(text)))


def _joined(first: Paragraph, second: Paragraph) -> Phrase:
    a, b = _phrase(first), _phrase(second)
    return Phrase(a.text + b.text, Span(a.span.line, a.span.column, b.span.end_line, b.span.end_column))


def agency_in_title(title: str | None) -> str | None:
    """The agency's name in a title: what is left without the year and the report
    words (``2022年政府信息公开工作年度报告`` names none)."""
    if not title:
        return None
    text = _TITLE_TAIL.sub("", _TITLE_YEAR.sub("", L.normalize(title).strip(_MARKUP)))
    text = text.strip("：:-—_ ")
    if text.endswith("人民"):  # 某县人民政府信息公开…: 政府 is the agency's, not 政府信息公开's
        text += "政府"
    return text if len(text) >= 2 and text not in ("政府", "本") else None


_GOVERNMENT_END = re.compile(r"(?:人民政府|人民政府本级|政府)$")
_DEPARTMENT_END = re.compile(
    r"(?:局|委|委员会|办|办公室|办公厅|厅|部|署|中心|院|所|站|队|馆|处|科|室|会|社|台|行|司|分局|支队|大队|集团|公司)$"
)
_ZONE_GOVERNMENT = re.compile(r"(?:管委会|管理委员会|行政公署|行署)$")
_PLACE_END = re.compile(r"(?:省|自治区|市|州|盟|地区|县|旗|区|特区|镇|乡|街道)$")
_DEV_ZONE = re.compile(r"(?:开发区|实验区|示范区|新区|高新区|园区|试验区|合作区)")


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


# ---------------------------------------------------------------------------
# dates

_PUBLISHED = re.compile(
    r"(?:发布日期|发布时间|成文日期|时间)\s*[:：]?\s*(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
)


def _published(chrome: list[Paragraph]) -> tuple[str | None, Span | None]:
    for paragraph in chrome:
        match = _PUBLISHED.search(paragraph.text)
        if match and (day := _date(match.group("y"), match.group("m"), match.group("d"))):
            return day.isoformat(), paragraph.span_of(match.start(), match.end())
    return None, None


_PERIOD = re.compile(
    r"(?:统计(?:期限|时限|时间|区间|周期|期间|范围)|报告期)[^。;\d]{0,12}?"
    r"(?P<y1>\d{4})年(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日"
    r"[^。;\d]{0,8}?(?:(?P<y2>\d{4})年)?(?P<m2>\d{1,2})月(?P<d2>\d{1,2})日"
)
_PERIOD_WORDS = re.compile(r"统计(?:期限|时限|时间|区间|周期|期间)")


def _period(paragraphs: list[Paragraph]) -> tuple[Period | None, Phrase | None]:
    """The period statement, read across line breaks (PDF text wraps it), and a
    statement without readable dates (``统计期限自至``) when there is no other."""
    pieces: list[str] = []
    where: list[tuple[int, Paragraph, int]] = []  # (offset in joined text, paragraph, normalised length)
    offset = 0
    for paragraph in paragraphs:
        norm = L.normalize(paragraph.text)
        where.append((offset, paragraph, len(norm)))
        pieces.append(norm)
        offset += len(norm)
    joined = "".join(pieces)
    if "统计" not in joined and "报告期" not in joined:
        return None, None
    for match in _PERIOD.finditer(joined):
        y1, y2 = match.group("y1"), match.group("y2") or match.group("y1")
        start = _date(y1, match.group("m1"), match.group("d1"))
        end = _date(y2, match.group("m2"), match.group("d2"))
        if start is None or end is None:
            continue
        span = _joined_span(where, match.start(), match.end())
        return Period(match.group(0), start.isoformat(), end.isoformat(), span), None
    for paragraph in paragraphs:
        words = _PERIOD_WORDS.search(paragraph.text)
        if words is not None:
            phrase = paragraph.text[words.start():words.end() + 12].split("。")[0]
            return None, Phrase(phrase, paragraph.span_of(words.start(), words.start() + len(phrase)))
    return None, None


def _joined_span(where: list[tuple[int, Paragraph, int]], start: int, end: int) -> Span:
    maps: dict[int, list[int]] = {}  # offset maps, made only for the paragraphs the span touches
    first, last = _position(where, start, maps), _position(where, end - 1, maps)
    return Span(first.line, first.column, last.end_line, last.end_column)


def _position(where: list[tuple[int, Paragraph, int]], offset: int, maps: dict[int, list[int]]) -> Span:
    for k in range(len(where) - 1, -1, -1):
        begin, paragraph, length = where[k]
        if begin <= offset and length:
            if k not in maps:
                maps[k] = L.normalize_with_map(paragraph.text)[1]
            raw = maps[k][min(offset - begin, length - 1)]
            return paragraph.span_of(raw, raw + 1)
    return Span(1, 1, 1, 1)


def _date(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


_TABLE_YEAR = re.compile(r"^\(?((?:19|20)\d{2})年度?\)?$")


def _table_years(paragraphs: list[Paragraph], tables: list[Table]) -> list[Phrase]:
    """Years captioning a statistics table (era 2007): a caption line such as
    ``（2017年度）``, or a header cell such as ``2015年度``."""
    found = []
    if any(table.kind == "统计表" for table in tables):
        found += [Phrase(p.text.strip(), p.span) for p in paragraphs
                  if len(p.text) <= 12 and _TABLE_YEAR.match(L.normalize(p.text))]
    for table in tables:
        found += [Phrase(h.raw.strip(), h.span) for h in table.headers
                  if len(h.raw) <= 12 and _TABLE_YEAR.match(L.normalize(h.raw))]
    return found


def year_of(phrase: Phrase) -> int:
    """The year a table-year phrase states."""
    return int(_TABLE_YEAR.match(L.normalize(phrase.text)).group(1))  # type: ignore[union-attr]
