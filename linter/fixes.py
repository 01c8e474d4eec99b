"""Applying the safe fixes (``xxgk-lint check --fix``) to a report on disk.

Only text, Markdown and HTML files in UTF-8 (with or without BOM) or
GB18030/GBK are changed; PDF and Word files never (their positions refer to
extracted text). The file is decoded with the codec it was read with, each
edit is applied where the file holds exactly the text the edit replaces (an
edit that no longer matches, or overlaps another, is left out), and the result
is encoded with the same codec — so every byte outside the edits stays as it
was. The file is replaced whole (written beside it, then moved into place).
"""
from __future__ import annotations

import os

from .diagnostics import Diagnostic
from .source import offset_of

#: Codecs whose decode → encode round trip gives the same bytes back.
_CODECS = ("utf-8", "utf-8-sig", "gb18030")


class FixRefused(Exception):
    """The file cannot be fixed safely; the message says why (in Chinese)."""


def apply_fixes(path: str, encoding: str, kind: str, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Apply the fixes of ``diagnostics`` to the file; return the findings fixed."""
    if kind not in ("text", "html"):
        raise FixRefused("PDF 和 Word 文件不自动修改，请在原文档中更正")
    if encoding not in _CODECS:
        raise FixRefused(f"{encoding} 编码的文件暂不自动修改")
    with open(path, "rb") as handle:
        data = handle.read()
    text = data.decode(encoding)
    if text.encode(encoding) != data:
        raise FixRefused("文件的编码无法原样写回，未修改")
    candidates = []
    for diagnostic in diagnostics:
        spans = [(offset_of(text, e.span.line, e.span.column), offset_of(text, e.span.end_line, e.span.end_column), e)
                 for e in diagnostic.fix]
        if spans and all(text[start:end] == e.original for start, end, e in spans):
            candidates.append((spans, diagnostic))
    fixed: list[Diagnostic] = []
    pieces: list[tuple[int, int, str]] = []
    for spans, diagnostic in sorted(candidates, key=lambda item: item[0][0][0]):
        if any(start < other_end and other_start < end for start, end, _ in spans for other_start, other_end, _ in pieces):
            continue  # overlaps a fix already taken: left for the next run
        pieces += [(start, end, e.replacement) for start, end, e in spans]
        fixed.append(diagnostic)
    if not fixed:
        return []
    for start, end, replacement in sorted(pieces, reverse=True):
        text = text[:start] + replacement + text[end:]
    _replace(path, text.encode(encoding))
    return fixed


def _replace(path: str, data: bytes) -> None:
    """Write beside the file, keep its permissions, move into place."""
    partial = f"{path}.xxgk-lint-fix"
    mode = os.stat(path).st_mode
    with open(partial, "wb") as handle:
        handle.write(data)
    os.chmod(partial, mode & 0o7777)
    os.replace(partial, path)
