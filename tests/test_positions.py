"""Phrase positions inside paragraphs are exact in HTML too (tags and entities skipped)."""
from __future__ import annotations

from linter.config import Settings
from linter.engine import lint_bytes, parse_source
from linter.source import read_path

from helpers import CORPUS


def _at(lines: list[str], line: int, column: int, length: int) -> str:
    return lines[line - 1][column - 1:column - 1 + length]


def test_narrative_numbers_in_a_web_page_point_at_the_digits(corpus_dir):
    page = CORPUS / "045.html"
    lines = page.read_text(encoding="utf-8").split("\n")
    result = lint_bytes(page.read_bytes(), str(page), settings=Settings(select=("TXT001",)))
    assert len(result.diagnostics) == 2
    for finding in result.diagnostics:
        span = finding.span
        stated = str(finding.data.get("stated", finding.data.get("text_value", "")))
        width = span.end_column - span.column
        assert span.line == span.end_line and width >= 1
        assert _at(lines, span.line, span.column, width).isdigit()
        assert stated == "" or _at(lines, span.line, span.column, width) == stated


def test_paragraph_span_of_maps_through_tags_and_entities(corpus_dir):
    page = CORPUS / "042.html"
    lines = page.read_text(encoding="utf-8").split("\n")
    report = parse_source(read_path(str(page)))
    checked = 0
    for paragraph in report.paragraphs():
        at = paragraph.text.find("政府信息公开")
        if at < 0:
            continue
        span = paragraph.span_of(at, at + 6)
        if span.line == span.end_line:
            assert _at(lines, span.line, span.column, 6) == "政府信息公开"
            checked += 1
    assert checked >= 5
