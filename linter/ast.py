"""The typed AST of a report. Rules and formatters see only these classes.

Every node carries a :class:`Span` in the original file: 1-based line and
column in Unicode code points; ``end_*`` points just past the last character.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any, Iterator


@dataclass(frozen=True, slots=True)
class Span:
    line: int
    column: int
    end_line: int
    end_column: int

    def to_json(self) -> dict[str, int]:
        return {"line": self.line, "column": self.column, "end_line": self.end_line, "end_column": self.end_column}


@dataclass(slots=True)
class Cell:
    """One value cell, typed as FORMATS.md §2.4 asks (never a silent 0 for a blank)."""

    raw: str
    kind: str  # "int" | "signed" | "decimal" | "amount" | "blank" | "na" | "text"
    #: int for counts of up to 18 digits; Decimal for decimals and longer runs
    #: (exact at any length: no float overflow, no int-string limit).
    value: int | Decimal | None
    span: Span
    unit: str | None = None
    #: The layout could not separate this cell from its neighbours (``0000``,
    #: crawler digit runs): its value must not be trusted.
    run_together: bool = False
    #: The column this cell stands in, when the row is complete (e.g. ``自然人``).
    column: str | None = None
    #: "source": read as written; "recovered": split out of a digit run whose
    #: split is provably unique (linter.recovery), its span the exact digits.
    provenance: str = "source"

    @property
    def is_number(self) -> bool:
        return self.kind in ("int", "signed", "decimal", "amount")


@dataclass(slots=True)
class Row:
    key: str | None  # stable label key from linter.labels, None when the label is unknown
    label: str  # canonical label (raw text when unknown)
    raw_label: str
    span: Span
    cells: list[Cell] = field(default_factory=list)
    variant: bool = False  # an accepted non-canonical spelling
    parent: str | None = None  # group (table 三) or block (table 二) key
    expected: int | None = None  # value cells the template requires
    unit: str | None = None  # unit column of the era-2007 tables (条, 件, 万元; —— on group rows)
    #: Characters by which the label misspells its template label (0: it does not).
    typo: int = 0

    @property
    def values_span(self) -> Span:
        """From the first cell to the last (the label when there are none)."""
        if not self.cells:
            return self.span
        first, last = self.cells[0].span, self.cells[-1].span
        return Span(first.line, first.column, last.end_line, last.end_column)


@dataclass(slots=True)
class Header:
    key: str | None
    label: str
    raw: str
    span: Span
    variant: bool = False
    typo: int = 0  # characters by which it misspells the template label


@dataclass(slots=True)
class Table:
    kind: str  # "表二" | "表三" | "表四" | "统计表" (era 2007)
    section: int  # part the table stands in (0 = before part 一)
    span: Span
    #: Era-2007 statistics tables: "national" (统计指标|单位|统计数, 2014 table) or
    #: "fujian" (指标名称|计量单位|年度|历年累计); None for the other tables.
    profile: str | None = None
    headers: list[Header] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    #: Era-2007 statistics tables: the value columns its header names
    #: (统计数; 年度, 历年累计; or another table's own), in order.
    columns: list[str] = field(default_factory=list)
    #: How many pieces the table was read in (a page break, a note, a repeated
    #: header or a row out of template order start a new fragment).
    fragments: int = 1

    def row(self, key: str) -> Row | None:
        for row in self.rows:
            if row.key == key:
                return row
        return None


@dataclass(slots=True)
class Paragraph:
    text: str
    span: Span
    #: Where each character of ``text`` came from (a layout ``Chunk``); HTML
    #: paragraphs lose characters to tags and entities, so offsets need it.
    source: Any = field(default=None, repr=False, compare=False, metadata={"json": False})

    def span_of(self, start: int, end: int) -> Span:
        """The span of ``text[start:end]`` in the original file."""
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        if self.source is None:  # made by hand (rules, tests): one character per column
            return Span(self.span.line, self.span.column + start, self.span.line, self.span.column + end)
        piece = self.source.sub(start, end)
        (line, column), (end_line, end_column) = piece.start(), piece.end()
        return Span(line, column, end_line, end_column)


@dataclass(slots=True)
class Section:
    part: int  # 1..6, the part its heading's words name
    heading: str  # as written ("" when implied)
    canonical: str  # the template heading, e.g. "二、主动公开政府信息情况"
    span: Span
    variant: bool = False  # an accepted wording other than the template's
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    #: The part its numeral says (0 for an implied heading); differs from
    #: ``part`` when the heading is misnumbered (一、主动公开政府信息情况).
    numeral: int = 0
    typo: bool = False  # one character away from an accepted wording (行政法复议)
    #: No heading: the part was recognised by its content (its table, or part
    #: 五's problems after table 四); ``span`` is where that content starts.
    implied: bool = False

    @property
    def misnumbered(self) -> bool:
        return bool(self.numeral) and self.numeral != self.part


@dataclass(slots=True)
class Period:
    """The statistics-period statement, e.g. 统计期限自2022年1月1日起至2022年12月31日止."""

    text: str
    start: str  # ISO date
    end: str  # ISO date
    span: Span


@dataclass(slots=True)
class Phrase:
    """A piece of the report's text and where it stands."""

    text: str
    span: Span


@dataclass(slots=True)
class Meta:
    """Read once, by :mod:`linter.meta`."""

    title: str | None = None
    title_span: Span | None = None
    agency: str | None = None
    agency_kind: str | None = None  # "government" | "department" (from the agency's name)
    agency_level: str | None = None  # "county" | "prefecture" | "province" (governments)
    report_year: int | None = None
    year_source: str | None = None  # "title" | "period" | "text" | "published"
    published: str | None = None  # ISO date from 发布日期/发布时间
    published_span: Span | None = None
    period: Period | None = None
    #: A period statement whose dates were left blank ("统计期限自至").
    period_blank: Phrase | None = None
    #: Years captioning an era-2007 statistics table ("（2017年度）", a 2015年度 column).
    table_years: list[Phrase] = field(default_factory=list)


@dataclass(slots=True)
class Problem:
    """Trouble met while reading or parsing (reported by the PRS rules)."""

    code: str
    message: str
    span: Span
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Report:
    path: str
    era: str
    encoding: str
    kind: str  # "text" | "html"
    meta: Meta
    #: How the era was decided: "labels" (fingerprint labels), "year" (the era the
    #: report year requires), "option" (--era); None when nothing identifies it.
    era_source: str | None = None
    #: Fingerprint labels found, per era (FORMATS.md §1), for the template rules.
    fingerprints: dict[str, list[str]] = field(default_factory=dict)
    #: Where each fingerprint label first appears (when written as in the template).
    fingerprint_spans: dict[str, Span] = field(default_factory=dict)
    front: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Identities the arithmetic rules did not evaluate, and why (unreliable
    #: cells, wrong row shape): [{"rule", "identity", "reason", "cells"}].
    skipped_identities: list[dict[str, Any]] = field(default_factory=list)
    #: Views of this report the rules share, each computed once on first use
    #: (:class:`linter.context.ReportContext`, attached by the builder).
    context: Any = field(default=None, repr=False, compare=False, metadata={"json": False})

    def table(self, kind: str) -> Table | None:
        for table in self.tables:
            if table.kind == kind:
                return table
        return None

    def section(self, part: int) -> Section | None:
        for section in self.sections:
            if section.part == part:
                return section
        return None

    def paragraphs(self) -> Iterator[Paragraph]:
        yield from self.front
        for section in self.sections:
            yield from section.paragraphs


#: Integers up to this many digits are plain ints (and JSON numbers).
INT_DIGITS = 18


def json_number(value: int | Decimal) -> int | float | str:
    """A number as JSON data: an int or float when JSON readers hold it exactly,
    else its exact digits as a string (a 400-digit cell must not become
    ``Infinity``, which is not JSON, nor a rounded float)."""
    if isinstance(value, int):
        return value
    if value == value.to_integral_value():
        return int(value) if value.adjusted() < INT_DIGITS else str(value)
    exact = len(value.as_tuple().digits) <= 15 and abs(value.adjusted()) < 300
    return float(value) if exact else str(value)


def json_plain(value: Any) -> Any:
    """Findings' data as plain JSON values (Decimals as :func:`json_number`)."""
    if isinstance(value, Decimal):
        return json_number(value)
    if isinstance(value, dict):
        return {key: json_plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_plain(item) for item in value]
    return value


def json_default(value: Any) -> Any:
    """``default=`` for json.dumps: Decimals (cell values, sums) as :func:`json_number`."""
    if isinstance(value, Decimal):
        return json_number(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def to_json(node: Any) -> Any:
    """Plain JSON data for any AST node (for ``xxgk-lint parse``)."""
    if isinstance(node, Span):
        return node.to_json()
    if isinstance(node, list):
        return [to_json(item) for item in node]
    if isinstance(node, dict):
        return {key: to_json(value) for key, value in node.items()}
    if hasattr(node, "__dataclass_fields__"):
        out = {"type": type(node).__name__}
        for f in fields(node):
            if f.metadata.get("json", True):
                out[f.name] = to_json(getattr(node, f.name))
        return out
    if isinstance(node, Decimal):
        return json_number(node)
    return node
