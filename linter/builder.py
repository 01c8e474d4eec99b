"""Build: the Lark trees -> the typed AST (:mod:`linter.ast`).

The grammar has placed every part and table; this module only names what it
placed. Tokens carry their chunk (text and positions) and their label, so
every node gets an exact span. A table read in fragments is joined, per part,
into one :class:`Table`; digit runs that hold several cells are split where
the split is provably unique (:mod:`linter.recovery`). The metadata is read by
:mod:`linter.meta` from the paragraphs the grammar placed.
"""
from __future__ import annotations

import re
from decimal import Decimal

from lark import Tree

from . import labels as L
from . import meta as M
from . import recovery
from .ast import INT_DIGITS, Cell, Header, Paragraph, Report, Row, Section, Span, Table
from .context import ReportContext
from .layout import NA_CELL, Chunk
from .lexer import CellToken
from .structure import canonical_heading

_NUMBER = re.compile(
    r"^(?P<sign>[+\-－])?(?P<int>\d[\d,，]*)(?P<frac>\.\d+)?\s*(?P<unit>元|万元|件|条|个|次|人|%)?$"
)
_TABLE_KINDS = {"table_2": "表二", "table_3": "表三", "table_4": "表四", "stat_table": "统计表"}
#: Names of the value columns of an era-2007 statistics table, by header terminal.
_STAT_COLUMNS = {"H7_COUNT": "统计数", "H7_YEAR": "年度", "H7_CUMULATIVE": "历年累计"}


def span_of(chunk: Chunk) -> Span:
    line, column = chunk.start()
    end_line, end_column = chunk.end()
    return Span(line, column, end_line, end_column)


def token_span(token: CellToken) -> Span:
    """``span_of(token.chunk)``, from the positions the token was made with."""
    return Span(token.line, token.column, token.end_line, token.end_column)


def classify_cell(chunk: Chunk, span: Span | None = None) -> Cell:
    """The cell of a chunk (``span``: the chunk's, when known)."""
    raw = chunk.text.strip()
    span = span or span_of(chunk)
    if not raw:
        return Cell(raw, "blank", None, span)
    if NA_CELL.match(raw):
        return Cell(raw, "na", None, span)
    match = _NUMBER.match(raw)
    if match is None:
        # "2648-18538": cells with signs run together (crawler text)
        return Cell(raw, "text", None, span, run_together=recovery.is_run(raw))
    digits = match.group("int").replace(",", "").replace("，", "")
    unit = match.group("unit")
    if match.group("frac"):
        cell = Cell(raw, "decimal", Decimal(digits + match.group("frac")), span, unit)
    elif len(digits) <= INT_DIGITS:
        cell = Cell(raw, "int", int(digits), span, unit)
    else:  # exact at any length (int() of a long run is slow, and limited)
        cell = Cell(raw, "int", Decimal(digits), span, unit)
    if match.group("sign"):
        cell.kind = "signed"
        if match.group("sign") != "+":  # (copy_negate: exact, unlike unary minus in a context)
            cell.value = -cell.value if isinstance(cell.value, int) else cell.value.copy_negate()
    elif unit in ("元", "万元"):
        cell.kind = "amount"
    # "0000" is four cells run together, never a count with leading zeros.
    cell.run_together = len(digits) > 1 and digits.startswith("0") and not match.group("frac")
    return cell


# ---------------------------------------------------------------------------
# tables


def _cells(tokens: list[CellToken]) -> list[Cell]:
    return [classify_cell(token.chunk, token_span(token)) for token in tokens]


def _typo(token: CellToken) -> int:
    """How many characters a misspelt label is off (linter.labels.near_miss)."""
    return token.extra.get("typo", 0) if isinstance(token.extra, dict) else 0


def _header(token: CellToken) -> Header:
    label = token.label
    return Header(label.key if label else None, label.canonical if label else token.chunk.text,
                  token.chunk.text, token_span(token), token.variant, _typo(token))


def _row(tree: Tree, width: int | None = None) -> Row:
    """A row: its label, then its cells; ``width`` (era-2007 tables: from the
    header) overrides the number of values the label's template row has."""
    head, values = tree.children[0], [t for t in tree.children[1:] if t.type == "VALUE"]
    label = head.label
    if label is None:
        row = Row(None, head.chunk.text, head.chunk.text, token_span(head), expected=width)
    else:
        row = Row(label.key, label.canonical, head.chunk.text, token_span(head), variant=head.variant,
                  parent=label.parent, expected=width if width is not None else label.values or None,
                  typo=_typo(head))
    row.cells = _cells(values)
    for cell, token in zip(row.cells, values):
        cell.run_together = cell.run_together or _may_hold_cells(token, row, len(values))
    if label is not None and label.kind in (L.T3_ROW, L.T3_GROUP) and row.expected:
        _name_columns(row, L.T3_COLUMNS)
    units = [t for t in tree.children[1:] if t.type == "UNIT"]
    if units:
        row.unit = units[0].chunk.text.strip()
    return row


def _may_hold_cells(token: CellToken, row: Row, found: int) -> bool:
    """Text without cell marks (crawler pages): "1000001" may be 1|0|0|0|0|0|1."""
    missing = (row.expected or 0) - found
    digits = token.chunk.text.strip()
    return missing > 0 and not token.explicit and digits.isdigit() and len(digits) > 1


def _name_columns(row: Row, columns: tuple[str, ...] | list[str]) -> None:
    if row.expected and len(row.cells) == row.expected == len(columns):
        for cell, name in zip(row.cells, columns):
            cell.column = name


def _table(tree: Tree) -> Table:
    kind = _TABLE_KINDS[tree.data]
    tokens = [t for t in tree.scan_values(lambda v: isinstance(v, CellToken))]
    table = Table(kind, 0, token_span(tokens[0]) if tokens else Span(1, 1, 1, 1))
    if kind == "表四":
        _table4(tree, table)
    elif kind == "统计表":
        _stat_table(tree, table)
    else:
        for child in tree.children:
            if isinstance(child, Tree) and _is_row(child):
                table.rows.append(_row(child))
            elif isinstance(child, Tree):  # a 第二十条 block: its header, then its column headers
                table.headers += [_header(t) for t in child.children]
            elif not child.type.startswith("_"):
                table.headers.append(_header(child))
    if tokens:
        last = token_span(tokens[-1])
        table.span = Span(table.span.line, table.span.column, last.end_line, last.end_column)
    return table


def _is_row(tree: Tree) -> bool:
    head = tree.children[0] if tree.children else None
    if not isinstance(head, CellToken):
        return False
    return head.type == "LABEL" or (head.label is not None and head.label.kind in (L.T2_ROW, L.T3_ROW, L.T3_GROUP))


def _table4(tree: Tree, table: Table) -> None:
    values: list[CellToken] = []
    for child in tree.children:
        if isinstance(child, Tree) and child.data == "t4_values":
            values += child.children
        elif isinstance(child, Tree):
            table.headers += [_header(t) for t in child.children]
    if values:
        row = Row(L.T4_DATA_ROW, "表四数据", "", token_span(values[0]), expected=15)
        row.cells = _cells(values)
        table.rows.append(row)


def _stat_table(tree: Tree, table: Table) -> None:
    """Era-2007 statistics table: the header names the value columns; the anchor
    (统计指标 or 指标名称) the profile whose row list and identities apply."""
    rows: list[Tree] = []
    for child in tree.children:
        if isinstance(child, Tree) and child.data == "stat_header":
            for token in child.scan_values(lambda v: isinstance(v, CellToken)):
                table.headers.append(_header(token))
                if token.type in _STAT_COLUMNS or token.type == "T7_HEAD":
                    table.columns.append(_STAT_COLUMNS.get(token.type, token.chunk.text.strip()))
        elif isinstance(child, Tree):
            rows.append(child)
    keys = {header.key for header in table.headers}
    table.profile = "fujian" if keys & {"t7.h.name", "t7.h.cumulative"} else "national"
    if not table.columns:  # a header without value columns: the profile's own
        table.columns = ["年度", "历年累计"] if "t7.h.cumulative" in keys else ["统计数"]
    for raw in rows:
        table.rows.append(_stat_row(raw, table))


def _stat_row(tree: Tree, table: Table) -> Row:
    label = tree.children[0].label
    group = label is not None and label.kind == L.T7_GROUP  # 一、主动公开情况 …: unit ——, no value
    row = _row(tree, None if group else len(table.columns))
    if group:
        row.cells = [cell for cell in row.cells if cell.raw]
    total = next((r.key for r in reversed(table.rows) if r.key is not None and r.parent is None), None)
    if label is not None:
        renamed = L.RENAMES_2007.get((total or "", label.key), label.key)
        if renamed != label.key:  # 被依法纠错数 under 五、行政诉讼数量 is the lawsuits' part
            row.key, row.parent = renamed, total
    _name_columns(row, table.columns)
    if row.unit:
        for cell in row.cells:
            cell.unit = cell.unit or row.unit
    return row


def _join(tables: list[Table]) -> list[Table]:
    """One table per kind: fragments joined in order. A row read twice (a label
    repeated at a page break, or a label line above the row's values) is kept
    once, with the values."""
    joined: dict[str, Table] = {}
    for table in tables:
        first = joined.get(table.kind)
        if first is None:
            joined[table.kind] = table
            continue
        first.fragments += 1
        first.headers += table.headers
        if not first.columns:
            first.columns = table.columns
        for row in table.rows:
            same = first.row(row.key) if row.key is not None else None
            if same is not None and not row.cells:
                continue
            if same is not None and not same.cells:
                first.rows[first.rows.index(same)] = row
                continue
            if first.kind == "表四" and same is not None:  # 15 values given group by group
                same.cells += row.cells
                continue
            first.rows.append(row)
        first.span = Span(first.span.line, first.span.column, table.span.end_line, table.span.end_column)
    return list(joined.values())


# ---------------------------------------------------------------------------
# parts


class _Reader:
    """Walks the trees in document order, collecting sections, paragraphs and tables."""

    def __init__(self) -> None:
        self.front: list[Paragraph] = []
        self.chrome: list[Paragraph] = []
        self.sections: list[Section] = []
        self.tables: list[Table] = []

    def read(self, tree: Tree) -> None:
        for child in tree.children:
            if not isinstance(child, Tree):
                continue
            if child.data == "front":
                self._body(child.children, None)
            elif child.data.startswith("part_") or child.data == "section":
                heading = child.children[0]
                section = _section(heading)
                self.sections.append(section)
                self._body(child.children[1:], section)

    def _body(self, items: list, section: Section | None) -> None:
        tables: list[Table] = []
        for item in items:
            if isinstance(item, Tree):
                tables.append(_table(item))
            elif item.type == "META":
                self.chrome.append(_paragraph(item))
            elif item.type == "TEXT":
                (section.paragraphs if section is not None else self.front).append(_paragraph(item))
        tables = _join(tables)
        number = section.part if section is not None else 0
        for table in tables:
            table.section = number
            recovery.recover_table(table)
        if section is not None:
            section.tables = tables
        self.tables += tables


def _paragraph(token: CellToken) -> Paragraph:
    return Paragraph(token.chunk.text, token_span(token), token.chunk)


def _section(token: CellToken) -> Section:
    match = token.extra
    part = int(token.type[-1])
    return Section(part, token.chunk.text, canonical_heading(part), token_span(token), variant=token.variant,
                   numeral=match.numeral, typo=match.typo, implied=match.implied)


def build(trees: list[Tree], era: L.Era, path: str, encoding: str, kind: str) -> Report:
    reader = _Reader()
    for tree in trees:
        reader.read(tree)
    body = [p for section in reader.sections for p in section.paragraphs]
    meta = M.read(reader.front, reader.chrome, body, reader.tables)
    report = Report(path, era.id, encoding, kind, meta)
    report.front = reader.front
    report.sections = reader.sections
    report.tables = reader.tables
    report.context = ReportContext(report)
    return report
