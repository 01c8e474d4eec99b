"""Build: the Lark tree -> the typed AST (:mod:`linter.ast`).

One Transformer, one method per grammar rule. Tokens carry their chunk (text
and positions) and their label, so every node gets an exact span. Metadata
(title, agency, year, publication date, period statement) is read here from
the title, chrome and narrative tokens the grammar placed.
"""
from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from lark import Transformer

from . import labels as L
from .ast import Cell, Header, Meta, Paragraph, Period, Report, Row, Section, Span, Table
from .layout import NA_CELL, Chunk
from .lexer import CellToken

_NUMBER = re.compile(
    r"^(?P<sign>[+\-－])?(?P<int>\d[\d,，]*)(?P<frac>\.\d+)?\s*(?P<unit>元|万元|件|条|个|次|人|%)?$"
)
_PERIOD = re.compile(
    r"统计(?:期限|时限|时间|区间|周期)[^。；\d]{0,8}?"
    r"(?P<y1>\d{4})\s*年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日"
    r"[^。；\d]{0,8}?(?:(?P<y2>\d{4})\s*年\s*)?(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日"
)
_PUBLISHED = re.compile(
    r"(?:发布日期|发布时间|成文日期|时间)\s*[:：]?\s*(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
)
_YEAR = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年")
_AGENCY_BEFORE_YEAR = re.compile(r"^(?P<agency>.+?)(?:19|20)\d{2}\s*年")
_AGENCY_AFTER_YEAR = re.compile(r"^(?:19|20)\d{2}\s*年度?(?P<agency>.+?)(?:政府信息公开|政务公开|信息公开)")


def span_of(chunk: Chunk) -> Span:
    line, column = chunk.start()
    end_line, end_column = chunk.end()
    return Span(line, column, end_line, end_column)


def classify_cell(token: CellToken) -> Cell:
    raw = token.chunk.text.strip()
    span = span_of(token.chunk)
    if not raw:
        return Cell(raw, "blank", None, span)
    if NA_CELL.match(raw):
        return Cell(raw, "na", None, span)
    match = _NUMBER.match(raw)
    if match is None:
        return Cell(raw, "text", None, span)
    digits = match.group("int").replace(",", "").replace("，", "")
    unit = match.group("unit")
    if match.group("frac"):
        cell = Cell(raw, "decimal", float(digits + match.group("frac")), span, unit)
    else:
        cell = Cell(raw, "int", int(digits), span, unit)
    if match.group("sign"):
        cell.kind = "signed"
        if match.group("sign") != "+":
            cell.value = -cell.value  # type: ignore[operator]
    elif unit in ("元", "万元"):
        cell.kind = "amount"
    # "0000" is four cells run together, never a count with leading zeros.
    cell.run_together = len(digits) > 1 and digits.startswith("0") and not match.group("frac")
    return cell


class _Builder(Transformer):
    def __init__(self) -> None:
        super().__init__(visit_tokens=False)

    # -- tables -------------------------------------------------------------
    def table2(self, children: list) -> Table:
        table = Table("表二", 0, _span_of_children(children))
        block: str | None = None
        for child in children:
            if isinstance(child, Row):
                child.parent = child.parent or block
                table.rows.append(child)
            else:
                if child.type == L.T2_BLOCK:
                    block = child.label.key
                table.headers.append(_header(child))
        return table

    def table2_row(self, children: list) -> Row:
        return self._row(children)

    def table3(self, children: list) -> Table:
        table = Table("表三", 0, _span_of_children(children))
        for child in children:
            if isinstance(child, Row):
                table.rows.append(child)
            else:
                table.headers.append(_header(child))
        return table

    def table3_row(self, children: list) -> Row:
        return self._row(children)

    def table4(self, children: list) -> Table:
        table = Table("表四", 0, _span_of_children(children))
        values = [child for child in children if child.type == "VALUE"]
        table.headers = [_header(child) for child in children if child.type != "VALUE"]
        if values:
            row = Row(L.T4_DATA_ROW, "表四数据", "", span_of(values[0].chunk), expected=15)
            _fill(row, values, L.T4_COLUMNS)
            table.rows.append(row)
        return table

    def _row(self, children: list) -> Row:
        head, values = children[0], children[1:]
        label = head.label
        if label is None:
            row = Row(None, head.chunk.text, head.chunk.text, span_of(head.chunk))
        else:
            row = Row(label.key, label.canonical, head.chunk.text, span_of(head.chunk),
                      variant=head.variant, parent=label.parent, expected=label.values or None)
        columns = L.T3_COLUMNS if label is not None and label.kind in (L.T3_ROW, L.T3_GROUP) else None
        _fill(row, values, columns)
        return row

    def table7(self, children: list) -> Table:
        """Era-2007 statistics table: the profile (national or Fujian) follows from
        the header, and decides how many values a row has and what they are."""
        first = children[0]
        first_chunk = first.head.chunk if isinstance(first, _RawRow) else first.chunk
        table = Table("统计表", 0, span_of(first_chunk))
        raw_rows: list[_RawRow] = []
        for child in children:
            if isinstance(child, _RawRow):
                raw_rows.append(child)
            else:
                table.headers.append(_header(child))
        keys = {header.key for header in table.headers}
        fujian = "t7.h.cumulative" in keys or "t7.h.name" in keys
        table.profile = "fujian" if fujian else "national"
        columns = ("年度", "历年累计") if fujian else ("统计数",)
        total: str | None = None  # the last top-level row (四、行政复议数量 …)
        for raw in raw_rows:
            row = _row7(raw, len(columns), columns, total)
            if row.key is not None and row.parent is None:
                total = row.key
            table.rows.append(row)
        end = table.rows[-1].values_span if raw_rows else table.headers[-1].span
        table.span = Span(table.span.line, table.span.column, end.end_line, end.end_column)
        return table

    def table7_row(self, children: list) -> "_RawRow":
        head = children[0]
        units = [child for child in children[1:] if child.type == "UNIT"]
        values = [child for child in children[1:] if child.type == "VALUE"]
        return _RawRow(head, units, values)

    # -- structure ----------------------------------------------------------
    def front(self, children: list) -> _Part:
        return _Part(None, children)

    def section(self, children: list) -> Section:
        heading, body = children[0], children[1:]
        part = heading.extra
        canonical = f"{L.NUMERALS[part - 1]}、{L.HEADINGS[part][0]}"
        section = Section(part, heading.chunk.text, canonical, span_of(heading.chunk), variant=heading.variant)
        return _Part(section, body)

    def start(self, children: list) -> list:
        return children


class _RawRow(NamedTuple):
    """A statistics-table row before its table's profile is known."""

    head: CellToken
    units: list[CellToken]
    values: list[CellToken]


def _row7(raw: _RawRow, width: int, columns: tuple[str, ...], total: str | None) -> Row:
    head = raw.head
    label = head.label
    if label is None:
        row = Row(None, head.chunk.text, head.chunk.text, span_of(head.chunk))
    else:
        key = L.RENAMES_2007.get((total or "", label.key), label.key)
        row = Row(key, label.canonical, head.chunk.text, span_of(head.chunk), variant=head.variant,
                  parent=total if key != label.key else label.parent)
    group = label is not None and label.kind == L.T7_GROUP
    values = [v for v in raw.values if v.chunk.text.strip()] if group else raw.values
    row.expected = None if group else width
    if raw.units:
        row.unit = raw.units[0].chunk.text.strip()
    _fill(row, values, columns)
    if row.unit:
        for cell in row.cells:
            cell.unit = cell.unit or row.unit
    return row


class _Part(NamedTuple):
    """A section with the tokens of its body, kept until the metadata is read."""

    section: Section | None
    body: list


def _fill_body(part: _Part, number: int) -> list[Table]:
    """Sort a body into paragraphs and tables (merging split tables); return the tables."""
    tables: list[Table] = []
    for item in part.body:
        if isinstance(item, Table):
            item.section = number
            previous = next((t for t in tables if t.kind == item.kind), None)
            if previous is not None:  # a table interrupted by a note or a page break
                previous.headers += item.headers
                previous.rows += item.rows
                previous.span = Span(previous.span.line, previous.span.column, item.span.end_line,
                                     item.span.end_column)
            else:
                tables.append(item)
        elif item.type == "TEXT" and part.section is not None:
            part.section.paragraphs.append(Paragraph(item.chunk.text, span_of(item.chunk), item.chunk))
    if part.section is not None:
        part.section.tables = tables
    return tables


def _header(token: CellToken) -> Header:
    label = token.label
    return Header(label.key if label else None, label.canonical if label else token.chunk.text,
                  token.chunk.text, span_of(token.chunk), token.variant)


def _fill(row: Row, values: list[CellToken], columns: tuple[str, ...] | None) -> None:
    """Type the row's cells, name their columns when the row is complete, and flag
    digit runs that may hold the missing cells."""
    row.cells = [classify_cell(token) for token in values]
    if row.expected and len(row.cells) == row.expected and columns and len(columns) == len(row.cells):
        for cell, name in zip(row.cells, columns):
            cell.column = name
    missing = (row.expected or 0) - len(row.cells)
    for cell, token in zip(row.cells, values):
        if missing > 0 and not token.explicit and cell.kind == "int" and len(cell.raw) > missing:
            # Text without cell marks (crawler pages): "1000001" may be 1|0|0|0|0|0|1.
            cell.run_together = True


def _span_of_children(children: list) -> Span:
    first = children[0]
    last = children[-1]
    start = first.span if not isinstance(first, CellToken) else span_of(first.chunk)
    end = last.span if not isinstance(last, CellToken) else span_of(last.chunk)
    if isinstance(last, Row):
        end = last.values_span
    return Span(start.line, start.column, end.end_line, end.end_column)


# ---------------------------------------------------------------------------
# metadata


def _tokens(parts: list[_Part], type_: str) -> list[CellToken]:
    return [item for part in parts for item in part.body if isinstance(item, CellToken) and item.type == type_]


def _meta(parts: list[_Part]) -> Meta:
    meta = Meta()
    titles = _best_title(parts[0].body if parts else [])
    if titles:
        meta.title = "".join(t.chunk.text.strip() for t in titles)
        first, last = span_of(titles[0].chunk), span_of(titles[-1].chunk)
        meta.title_span = Span(first.line, first.column, last.end_line, last.end_column)
        meta.agency = _agency([t.chunk.text for t in titles])
    for token in _tokens(parts, "META"):
        match = _PUBLISHED.search(token.chunk.text)
        if match and _valid_date(match.group("y"), match.group("m"), match.group("d")):
            meta.published = _iso(match.group("y"), match.group("m"), match.group("d"))
            meta.published_span = span_of(token.chunk.sub(match.start(), match.end()))
            break
    texts = _tokens(parts, "TEXT")
    meta.period = _period(texts)
    if meta.title and (year := _YEAR.search(meta.title)):
        meta.report_year, meta.year_source = int(year.group("y")), "title"
    elif meta.period is not None:
        meta.report_year, meta.year_source = int(meta.period.start[:4]), "period"
    elif year := next((m for t in _tokens(parts[:2], "TEXT") if (m := _YEAR.search(t.chunk.text))), None):
        # No title (seed 002): the first year the front matter or part 一 speaks of.
        meta.report_year, meta.year_source = int(year.group("y")), "text"
    elif meta.published:
        meta.report_year, meta.year_source = int(meta.published[:4]) - 1, "published"
    return meta


def _best_title(front: list) -> list[CellToken]:
    """Web pages repeat the title in breadcrumbs (首页 > … > 年报 > title): among the
    runs of adjacent title lines, the shortest is the title itself."""
    runs: list[list[CellToken]] = []
    previous_was_title = False
    for item in front:
        is_title = isinstance(item, CellToken) and item.type == "TITLE"
        if is_title:
            if previous_was_title:
                runs[-1].append(item)
            else:
                runs.append([item])
        previous_was_title = is_title
    if not runs:
        return []
    return min(runs, key=lambda run: sum(len(t.chunk.text.strip()) for t in run))


def _period(texts: list[CellToken]) -> Period | None:
    for token in texts:
        chunk = token.chunk
        match = _PERIOD.search(chunk.text)
        if match is None:
            continue
        y1 = match.group("y1")
        y2 = match.group("y2") or y1
        if not (_valid_date(y1, match.group("m1"), match.group("d1"))
                and _valid_date(y2, match.group("m2"), match.group("d2"))):
            continue
        return Period(match.group(0), _iso(y1, match.group("m1"), match.group("d1")),
                      _iso(y2, match.group("m2"), match.group("d2")),
                      span_of(chunk.sub(match.start(), match.end())))
    return None


def _agency(lines: list[str]) -> str | None:
    text = "".join(line.strip() for line in lines)
    text = re.sub(r"\s+", "", text).lstrip("#*")  # Markdown heading / bold marks
    match = _AGENCY_BEFORE_YEAR.match(text)
    if match:
        return match.group("agency").strip("：:")
    match = _AGENCY_AFTER_YEAR.match(text)
    if match:
        agency = match.group("agency")
        if agency.endswith("人民"):  # 某县人民政府信息公开…: 政府 is the agency's, not 政府信息公开's
            agency += "政府"
        return agency if agency not in ("政府", "本") else None  # "2022年政府信息公开工作年度报告"
    return None


def _valid_date(y: str, m: str, d: str) -> bool:
    try:
        date(int(y), int(m), int(d))
    except ValueError:
        return False
    return True


def _iso(y: str, m: str, d: str) -> str:
    return date(int(y), int(m), int(d)).isoformat()


def build(tree, era: L.Era, path: str, encoding: str, kind: str) -> Report:
    parts: list[_Part] = list(_Builder().transform(tree))
    report = Report(path, era.id, encoding, kind, _meta(parts))
    for number, part in enumerate(parts):
        tables = _fill_body(part, part.section.part if part.section else 0)
        if part.section is None:
            report.front = [Paragraph(t.chunk.text, span_of(t.chunk), t.chunk) for t in _tokens([part], "TEXT")]
        else:
            report.sections.append(part.section)
        report.tables += tables
    return report
