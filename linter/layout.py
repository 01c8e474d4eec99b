"""Layout: decoded text -> blocks of cells that keep their original positions.

A *block* is one line of a text file or one paragraph / table row of an HTML
page. It holds *chunks*: pieces of text that know where each of their
characters sits in the original file. Nothing is invented here: a run of
digits that may be several cells stays one chunk; deciding what a chunk is
(label, number, prose) is the lexer's job.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

#: Characters treated as blank around cells (ASCII and Unicode spaces).
_BLANK = " \t\r\n\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"

_NUMERIC_CELL = re.compile(r"^[+\-－]?\d[\d,，]*(?:\.\d+)?\s*(?:元|万元|件|条|个|次|人|%)?$")
#: Placeholders written where a number is required (FORMATS.md §2.4): "/", "—", 不适用 …
NA_CELL = re.compile(r"^(?:[/／\\\-－—–_＿―]+|不适用|无|空|N/?A|n/?a)$")
_MARKDOWN_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
#: HTML comments left in crawled text, such as Word's <!--[if !supportLists]-->.
_COMMENT = re.compile(r"<!--.{0,300}?-->")


class Chunk:
    """Text plus a map from each character back to (line, column), 1-based.

    ``anchors`` is a sorted tuple of ``(offset, line, column)``: the character at
    ``text[offset]`` sits at ``(line, column)`` and the following characters
    continue on that line until the next anchor.
    """

    __slots__ = ("text", "anchors")

    def __init__(self, text: str, anchors: tuple[tuple[int, int, int], ...]):
        self.text = text
        self.anchors = anchors

    @classmethod
    def at(cls, text: str, line: int, column: int) -> "Chunk":
        return cls(text, ((0, line, column),))

    def pos(self, index: int) -> tuple[int, int]:
        anchors = self.anchors
        if len(anchors) == 1:
            _, line, column = anchors[0]
            return line, column + index
        k = bisect_right(anchors, (index, 1 << 62, 0)) - 1
        offset, line, column = anchors[max(k, 0)]
        return line, column + index - offset

    def start(self) -> tuple[int, int]:
        return self.pos(0)

    def end(self) -> tuple[int, int]:
        """Position just past the last character."""
        if not self.text:
            return self.pos(0)
        line, column = self.pos(len(self.text) - 1)
        return line, column + 1

    def sub(self, begin: int, end: int) -> "Chunk":
        if begin <= 0 and end >= len(self.text):
            return self
        line, column = self.pos(begin)
        anchors = [(0, line, column)]
        anchors.extend((o - begin, l, c) for o, l, c in self.anchors if begin < o < end)
        return Chunk(self.text[begin:end], tuple(anchors))

    def margins(self) -> tuple[int, int]:
        """Where the text without its blank margins starts and ends."""
        text = self.text
        return len(text) - len(text.lstrip(_BLANK)), len(text.rstrip(_BLANK))

    def strip(self) -> "Chunk":
        left, right = self.margins()
        if right <= left:
            line, column = self.pos(0)
            return Chunk.at("", line, column)
        return self.sub(left, right)

    def __repr__(self) -> str:
        return f"Chunk({self.text!r} @ {self.start()})"


def join_chunks(first: Chunk, second: Chunk) -> Chunk:
    """One chunk of two pieces that may stand on different lines."""
    return Chunk(first.text + second.text,
                 first.anchors + tuple((o + len(first.text), l, c) for o, l, c in second.anchors))


@dataclass(slots=True)
class Block:
    """One line (text files) or paragraph / table row (HTML)."""

    cells: list[Chunk]
    #: True when the serialisation marks the cell boundaries (pipe, tab, HTML <td>).
    explicit: bool


def is_numeric_cell(text: str) -> bool:
    return bool(_NUMERIC_CELL.match(text.strip(_BLANK)))


def split_lines(text: str) -> list[str]:
    """Split on newlines the way editors count lines (\\r\\n, \\n, or a lone \\r)."""
    from .source import line_model

    return [line[:-1] if line.endswith("\r") else line for line in line_model(text).split("\n")]


def text_blocks(text: str) -> list[Block]:
    """Blocks of a plain-text or Markdown report, one per non-empty line."""
    blocks: list[Block] = []
    for number, line in enumerate(split_lines(text), 1):
        if "<!--" in line:  # blanked, not removed: every other character keeps its column
            line = _COMMENT.sub(lambda m: " " * len(m.group(0)), line)
        stripped = line.strip(_BLANK)
        if not stripped:
            # `\t` alone is an empty cell in tab-prefixed one-cell-per-line tables (seed 004).
            if "\t" in line:
                blocks.append(Block([Chunk.at("", number, line.index("\t") + 2)], True))
            continue
        if "|" in line:
            if _MARKDOWN_RULE.match(stripped):
                continue
            cells = drop_placeholders_before_numbers(_split_cells(line, "|", number))
        elif "\t" in line:
            cells = drop_placeholders_before_numbers(_split_cells(line, "\t", number))
        else:
            blocks.append(Block([Chunk.at(line, number, 1).strip()], False))
            continue
        cells = _trim_empty_ends(cells)
        if len(cells) == 1:
            blocks.append(Block(cells, False))
        elif cells:
            blocks.append(Block(cells, True))
    return blocks


def _split_cells(line: str, separator: str, number: int) -> list[Chunk]:
    cells = []
    start = 0
    for piece in line.split(separator):
        cells.append(Chunk.at(piece, number, start + 1).strip())
        start += len(piece) + 1
    return cells


def _trim_empty_ends(cells: list[Chunk]) -> list[Chunk]:
    begin, end = 0, len(cells)
    while begin < end and not cells[begin].text:
        begin += 1
    while end > begin and not cells[end - 1].text:
        end -= 1
    return cells[begin:end]


def drop_placeholders_before_numbers(cells: list[Chunk]) -> list[Chunk]:
    """Tab and pipe rows carry row-span placeholders as empty fields before the
    values (seed 001, Markdown grids); only empty fields between numbers are blank values."""
    kept = []
    seen_number = False
    for cell in cells:
        if not cell.text and not seen_number:
            continue
        seen_number = seen_number or is_numeric_cell(cell.text)
        kept.append(cell)
    return kept


class Extraction:
    """The text a reader of laid-out documents (PDF, Word) extracts, built line
    by line with its blocks and the origin of every piece.

    A paragraph is one line; a table row is one line ``| a | b |`` whose cells
    are the block's cells (empty cells kept, cells before the first number that
    stand under a merged label column dropped); pages are separated by a form
    feed. This is the text ``xxgk-lint extract`` prints and every position of a
    finding refers to.
    """

    def __init__(self) -> None:
        from .source import Origins

        self.lines: list[str] = []
        self.blocks: list[Block] = []
        self.origins = Origins()

    def paragraph(self, text: str, origin: dict) -> None:
        text = text.replace("\n", " ").replace("\r", " ")
        line = len(self.lines) + 1
        self.lines.append(text)
        chunk = Chunk.at(text, line, 1).strip()
        if chunk.text:
            self.blocks.append(Block([chunk], False))
        self.origins.add(line, 1, len(text) + 1, origin)

    def row(self, cells: list[tuple[str, dict]]) -> None:
        line = len(self.lines) + 1
        text, chunks = "|", []
        for cell, origin in cells:
            cell = cell.replace("\n", " ").replace("\r", " ").replace("|", "｜")
            text += " "
            chunks.append(Chunk.at(cell, line, len(text) + 1).strip())
            self.origins.add(line, len(text) + 1, len(text) + 1 + max(len(cell), 1), origin)
            text += cell + " |"
        self.lines.append(text)
        kept = drop_placeholders_before_numbers(chunks)
        if kept:
            self.blocks.append(Block(kept, len(kept) > 1))

    def page_break(self) -> None:
        self.lines.append("\f")

    def source(self, path: str, kind: str, notes: tuple[str, ...] = ()):
        from .source import Source

        return Source(path, "\n".join(self.lines), kind, kind, tuple(self.blocks), self.origins, notes)
