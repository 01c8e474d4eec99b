"""Facts: the little a check across reports needs of each report.

An audit reads tens of thousands of reports; the checks across them (last
year's carry-over, the 历年累计 chain, copied text, identical tables) cannot
keep the reports themselves. Each worker therefore reduces its report to a
small JSON-able dict, made here and nowhere else:

* who and when: agency, its kind and level, report year, era, publication date;
* the cells the cross-report rules compare, with their positions and whether
  they can be trusted (a cell that is run together with its neighbours keeps
  its digits, so that a rule can try every way of splitting them, and never
  a value);
* fingerprints of the paragraphs and statistics tables (:mod:`linter.similarity`);
* a short excerpt of the report around each finding, for the audit's HTML page.

The dict is written to the audit's ``reports.jsonl`` and read back by
``--resume``, so its keys only grow (``FACTS_VERSION``).
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from .arithmetic import unreliable_row
from .ast import Report, Row, Table

FACTS_VERSION = 1

#: Rows the cross-report rules compare, by table kind.
ROWS_OF_INTEREST = {
    "表三": ("t3.new", "t3.carried_over", "t3.carry_forward"),
    "表二": ("t2.rules", "t2.normative"),
}
#: Characters of context on each side of a finding in its excerpt.
EXCERPT_CONTEXT = 60


def report_facts(report: Report, text: str, diagnostics: list) -> dict[str, Any]:
    """The facts of one parsed report (``text``: the text its positions refer to)."""
    from .similarity import paragraph_prints, table_print

    from .structure import is_report

    meta = report.meta
    facts: dict[str, Any] = {
        "version": FACTS_VERSION,
        "report": is_report(report),  # False: not an annual report at all (PRS002); no unit, no comparisons
        "agency": meta.agency,
        "kind": meta.agency_kind,
        "level": meta.agency_level,
        "year": meta.report_year,
        "era": report.era if report.era_source else None,
        "published": meta.published,
        "title": _span(meta.title_span),
        "tables": {},
    }
    prints = []
    for table in report.tables:
        rows = _rows_of_interest(table)
        if rows:
            facts["tables"].setdefault(table.kind, {"columns": list(table.columns), "rows": {}})["rows"].update(rows)
        fingerprint = table_print(list(_table_values(table)))
        if fingerprint is not None:
            prints.append([fingerprint, table.kind, *_span(table.span)])
    facts["table_prints"] = prints
    paragraphs = [(_without_self_description(p.text), p.span.line, p.span.column, p.span.end_line,
                   p.span.end_column) for p in _paragraphs(report)]
    facts["paragraphs"] = [list(p) for p in paragraph_prints(paragraphs)]
    html = report.kind == "html"
    facts["excerpts"] = {d.fingerprint: excerpt(text, d.span.line, d.span.column, html) for d in diagnostics
                         if d.fingerprint}
    return facts


#: Sentences about the report itself (what it contains, its period, where to find
#: it, whom to ask): every year's report repeats them, and rightly so.
_SELF_DESCRIPTION = re.compile(r"本报告|本年度报告|年度报告由|报告包括|统计期限|电子版可在|如对本?报告")
_SENTENCE = re.compile(r"[^。！？；\r\n]*[。！？；\r\n]?")
_NOT_A_BREAK = re.compile(r"[^\r\n]")


def _without_self_description(text: str) -> str:
    """The paragraph with those sentences blanked (spaces keep every position)."""
    if _SELF_DESCRIPTION.search(text) is None:
        return text
    pieces = []
    for sentence in _SENTENCE.finditer(text):
        piece = sentence.group(0)
        pieces.append(_NOT_A_BREAK.sub(" ", piece) if _SELF_DESCRIPTION.search(piece) else piece)
    return "".join(pieces)


def _span(span) -> list[int] | None:
    return None if span is None else [span.line, span.column, span.end_line, span.end_column]


def _paragraphs(report: Report) -> Iterator:
    yield from report.front
    for section in report.sections:
        yield from section.paragraphs


def _rows_of_interest(table: Table) -> dict[str, dict]:
    wanted = ROWS_OF_INTEREST.get(table.kind)
    rows = {}
    for row in table.rows:
        if row.key is None or row.key in rows:
            continue
        if wanted is None and table.profile != "fujian":
            continue
        if wanted is not None and row.key not in wanted:
            continue
        rows[row.key] = row_facts(row)
    return rows


def row_facts(row: Row) -> dict[str, Any]:
    """A row's cells as ``[value, raw, line, column, end_line, end_column, provenance,
    run_together]``; ``value`` is None for a cell that is not a number or cannot be trusted."""
    trusted = unreliable_row(row) is None
    cells = []
    for cell in row.cells:
        value = cell.value if cell.is_number and trusted and not cell.run_together else None
        cells.append([_plain(value), cell.raw, cell.span.line, cell.span.column, cell.span.end_line,
                      cell.span.end_column, cell.provenance, cell.run_together])
    return {"label": row.label, "line": row.span.line, "expected": row.expected, "cells": cells}


def _plain(value: Any) -> Any:
    """Decimals as strings (JSON has no exact decimal); ints as they are."""
    return value if value is None or isinstance(value, int) else str(value)


def _table_values(table: Table) -> Iterator:
    """The table's values in reading order, None for one we cannot trust."""
    for row in table.rows:
        trusted = unreliable_row(row) is None
        for cell in row.cells:
            if cell.run_together or not trusted:
                yield None
            elif cell.is_number:
                yield cell.value
            else:
                yield 0  # a blank or 无: read for certain, and the same in two copies of a table


def excerpt(text: str, line: int, column: int, html: bool = False) -> str:
    """The finding's line, cut to ``EXCERPT_CONTEXT`` characters either side of
    its column (crawler text puts a whole report on one line); from a web page,
    the words around it without the markup."""
    from .source import line_model, offset_of

    start = offset_of(text, line, 1)
    end = line_model(text).find("\n", start)
    end = len(text) if end < 0 else end
    at = start + column - 1
    if html:
        return _page_words(text, at)
    left, right = max(start, at - EXCERPT_CONTEXT), min(end, at + EXCERPT_CONTEXT)
    return ("…" if left > start else "") + text[left:right].strip() + ("…" if right < end else "")


def _page_words(text: str, at: int) -> str:
    import html
    import re

    def words(piece: str) -> str:
        piece = re.sub(r"<[^>]*>", " ", re.sub(r"^[^<]*>", " ", piece))  # (a tag cut at the edge too)
        return " ".join(html.unescape(re.sub(r"<[^>]*$", " ", piece)).split())

    before = words(text[max(0, at - 8 * EXCERPT_CONTEXT):at])[-EXCERPT_CONTEXT:]
    after = words(text[at:at + 8 * EXCERPT_CONTEXT])[:EXCERPT_CONTEXT]
    return f"…{before}{after}…"
