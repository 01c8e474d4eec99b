"""Lexing: layout blocks -> the typed token stream the era grammars parse.

Every serialisation (HTML cells, pipe and tab rows, one cell per line, space
separated rows, crawler text with the cells run together) goes through one
*segmenter*: known labels are found in the normalised text, and what lies
between them becomes value cells (split at whitespace where the serialisation
has no cell marks). So a row is always "a label followed by its values",
whatever the layout, and the grammar never depends on column indexes.

Each label is emitted as its own grammar terminal (``T3_WITHHELD_1`` for
``1.属于国家秘密``, see ``Label.terminal``); headings as ``HEADING_1`` …
``HEADING_6``, found by :mod:`linter.structure`; page chrome as ``META``
(:func:`linter.meta.is_chrome`); prose as ``TEXT``. The lexer keeps a little
context: the current part (from the last heading) and the table being read (a
label such as ``总计`` belongs to table 三 or 四 depending on where it stands).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lark import Token

from . import labels as L
from . import structure
from .layout import NA_CELL, Block, Chunk, is_numeric_cell, join_chunks
from .meta import is_chrome
from .recovery import is_run

#: Token types that are not labels. STRAY: values of a table row without a
#: label; no grammar has a place for them (the parser reports them, PRS003).
META, TEXT, VALUE, LABEL, UNIT, STRAY = "META", "TEXT", "VALUE", "LABEL", "UNIT", "STRAY"

_TABLE_OF = {
    L.T2_BLOCK: "2", L.T2_HEAD: "2", L.T2_ROW: "2",
    L.T3_HEAD: "3", L.T3_GROUP: "3", L.T3_ROW: "3",
    L.T4_HEAD: "4",
    L.T7_HEAD: "7", L.T7_GROUP: "7", L.T7_ROW: "7",
}
#: The part each table of the national template stands in.
_PART_OF = {"2": 2, "3": 3, "4": 4}
#: The header-cell terminal of each table (header rows, unknown header text).
HEAD_OF = {"2": L.T2_HEAD, "3": L.T3_HEAD, "4": L.T4_HEAD, "7": L.T7_HEAD}
#: Label kinds that open a data row.
_ROW_KINDS = (L.T2_ROW, L.T3_ROW, L.T3_GROUP, L.T7_ROW, L.T7_GROUP)
#: A note wrapped onto a line of its own, after its label (seed 004).
_NOTE_ONLY = re.compile(r"^\([^()]{2,60}\)$")

_UNIT_ONLY = re.compile(r"^(?:元|万元)$")
_SENTENCE = re.compile(r"[。;；!！?？,，:：]")
_LONG_LINE = 200
_MARKDOWN_MARKS = re.compile(r"^(?:#{1,6}[ \t]+|\*\*(?=.*\*\*$))")
#: A line that is nothing but Markdown or list markup.
_ONLY_MARKS = re.compile(r"^[#*>\s]*$")
#: Text with a word in it (not only brackets and punctuation).
_WORDY = re.compile(r"[\w\u4e00-\u9fff]")


class CellToken(Token):
    """A Lark token that also carries its chunk (text + positions) and label."""

    __slots__ = ("chunk", "label", "variant", "extra", "explicit")

    def __new__(cls, type_: str, chunk: Chunk, label: L.Label | None = None, variant: bool = False,
                extra: object = None, explicit: bool = False):
        # Token's fields set here rather than through Token.__new__, whose
        # keyword handling costs as much as the rest (a report makes hundreds).
        token = str.__new__(cls, chunk.text)
        token.type = type_
        token.value = chunk.text
        token.start_pos = token.end_pos = None
        token.line, token.column = chunk.start()
        token.end_line, token.end_column = chunk.end()
        token.chunk = chunk
        token.label = label
        token.variant = variant
        token.extra = extra
        #: The cell came from a serialisation with cell marks (pipe, tab, HTML).
        token.explicit = explicit
        return token


def table_marker(table: str, chunk: Chunk) -> CellToken:
    """The zero-width ``_TABLEk`` token that opens table ``k`` (or a fragment of it)."""
    line, column = chunk.start()
    return CellToken(f"_TABLE{table}", Chunk.at("", line, column))


def table_of_token(token_type: str) -> str | None:
    """Which table a token belongs to ("2", "3", "4", "7"), from its terminal name."""
    if token_type.startswith("_TABLE"):
        return token_type[-1]
    if len(token_type) > 2 and token_type[0] in "TH" and token_type[1] in "2347" and token_type[2] == "_":
        return token_type[1]
    return None


@dataclass(slots=True)
class Segment:
    kind: str  # "label" | "value" | "unit" | "residue"
    chunk: Chunk
    label: L.Label | None = None
    variant: bool = False


def segment(chunk: Chunk, era: L.Era, split_spaces: bool,
            normalized: tuple[str, list[int]] | None = None) -> list[Segment]:
    """Cut a chunk into labels of ``era`` and the values / residue between them
    (``normalized``: the chunk's ``normalize_with_map``, when it is known)."""
    text = chunk.text
    if is_numeric_cell(text):  # most cells are numbers: no label search needed
        return [Segment("value", chunk)]
    exact = era.by_norm.get(L.normalize(text) if normalized is None else normalized[0])
    if exact is not None:  # and most others are exactly one label
        return [Segment("label", chunk, exact[0], exact[1])]
    norm, index = L.normalize_with_map(text) if normalized is None else normalized
    segments: list[Segment] = []
    done = 0  # offset in ``text`` up to which everything is segmented
    by_group = era.labels
    for match in era.label_regex.finditer(norm):
        begin = index[match.start()]
        end = index[match.end() - 1] + 1
        while end < len(text) and text[end] in _CLOSING_QUOTES:  # 危及“三安全一稳定”
            end += 1
        _gap(chunk, done, begin, split_spaces, segments, era)
        group = match.lastgroup or ""
        variant = group.startswith("v")
        label = by_group[int(group[1:].split("_")[0])]
        segments.append(Segment("label", chunk.sub(begin, end), label, variant))
        done = end
    _gap(chunk, done, len(text), split_spaces, segments, era)
    if split_spaces:
        return _absorb_partial_labels(segments)
    if len(segments) > 1 and any(s.kind == "residue" for s in segments):
        # A cell is one thing: "其他对外管理服务事项" is an unknown label, not 其他 + residue.
        return [Segment("residue", chunk)]
    return segments


def _absorb_partial_labels(segments: list[Segment]) -> list[Segment]:
    """A label glued to following words is part of a longer, unknown label
    (其他 + 对外管理服务事项), not a label of its own."""
    out: list[Segment] = []
    for seg in segments:
        previous = out[-1] if out else None
        if (seg.kind == "residue" and previous is not None and previous.kind == "label"
                and previous.chunk.end() == seg.chunk.start() and _is_cjk(seg.chunk.text[0])):
            out[-1] = Segment("residue", join_chunks(previous.chunk, seg.chunk))
        else:
            out.append(seg)
    return out


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


_CLOSING_QUOTES = "”’」』\"'"
_WORD = re.compile(r"[^\s\u00a0\u3000]+")


def _gap(chunk: Chunk, begin: int, end: int, split_spaces: bool, out: list[Segment], era: L.Era) -> None:
    if begin >= end:
        return
    piece = chunk.sub(begin, end).strip()
    if not piece.text:
        return
    units = era.unit_regex
    if units is not None:
        glued = units.match(piece.text)
        if glued and glued.end() < len(piece.text) and piece.text[glued.end()].isdigit():
            # "条4251516": a unit glued to the digits after it (crawler text).
            out.append(Segment("unit", piece.sub(0, glued.end())))
            _gap(piece, glued.end(), len(piece.text), split_spaces, out, era)
            return
    if not split_spaces or not any(ch.isspace() for ch in piece.text):
        out.append(_classify(piece, units))
        return
    spans: list[list[int]] = []
    for word in _WORD.finditer(piece.text):
        # A lone unit after a number belongs to it: "251000 元".
        if spans and _UNIT_ONLY.match(word.group()) and is_numeric_cell(piece.text[spans[-1][0]:spans[-1][1]]):
            spans[-1][1] = word.end()
        else:
            spans.append([word.start(), word.end()])
    words = [_classify(piece.sub(a, b), units) for a, b in spans]
    if len(words) > 1 and words[-1].kind == "residue" and is_chrome(L.normalize(words[-1].chunk.text)):
        chrome = words.pop()  # "0 0 附件下载": the page's chrome right after the table's last row
        if not any(word.kind == "residue" for word in words):
            out.extend(words)
            out.append(chrome)
            return
        words.append(chrome)
    if any(word.kind == "residue" for word in words):
        out.append(_classify(piece, units))  # prose or a label we do not know: keep it whole
    else:
        out.extend(words)


def _classify(piece: Chunk, units: re.Pattern[str] | None) -> Segment:
    text = piece.text.strip()
    if units is not None and units.fullmatch(text):
        return Segment("unit", piece)
    # is_run: digits glued with signs ("2648-18538", a row with a negative value):
    # one value chunk, split later if it can be (linter.recovery)
    if not text or is_numeric_cell(text) or NA_CELL.match(text) or is_run(text):
        return Segment("value", piece)
    return Segment("residue", piece)


class ReportLexer:
    """Turns layout blocks into tokens for one era's grammar."""

    def __init__(self, era: L.Era):
        self.era = era
        self.tokens: list[CellToken] = []
        self.section = 0
        self.table: str | None = None
        self.in_rows = False
        self.pending: Segment | None = None
        #: Tables seen since the last heading (part 五 may follow table 四 headless).
        self.tables_here: set[str] = set()
        #: Eras with the national template's six parts (not era 2007's free headings).
        self.template_parts = not era.anchored_everywhere

    # -- entry point -------------------------------------------------------
    def run(self, blocks: list[Block]) -> list[CellToken]:
        for block in blocks:
            if block.explicit:
                self._row(block.cells)
            else:
                self._plain(block.cells[0])
        self._flush_pending()
        return self.tokens

    # -- emitting ---------------------------------------------------------
    def _emit(self, type_: str, chunk: Chunk, label: L.Label | None = None, variant: bool = False,
              extra: object = None, explicit: bool = False) -> None:
        self._flush_pending()
        self.tokens.append(CellToken(type_, chunk, label, variant, extra, explicit))

    def _leave_table(self) -> None:
        self._flush_pending()
        self.table = None
        self.in_rows = False

    # -- plain lines ------------------------------------------------------
    def _plain(self, chunk: Chunk) -> None:
        if not chunk.text:
            return
        marks = _MARKDOWN_MARKS.match(chunk.text)
        if marks:  # "## 一、总体情况", "**标题**" (reports converted to Markdown)
            chunk = chunk.sub(marks.end(), len(chunk.text))
        text = chunk.text
        normalized = None
        if len(text) > _LONG_LINE:  # crawler text: headings inline; the line is normalised once
            normalized = L.normalize_with_map(text)
            headings = structure.find_headings(text, normalized)
        else:
            first = structure.match_heading(text)
            headings = [first] if first else []
        done = 0
        for heading in headings:
            self._plain_body(*_stripped_part(chunk, done, heading.begin, normalized))
            self._heading(chunk.sub(heading.begin, heading.end), heading)
            done = heading.end
        if done:
            self._plain_body(*_stripped_part(chunk, done, len(text), normalized))
        else:
            self._plain_body(chunk, normalized)

    def _heading(self, chunk: Chunk, heading: structure.HeadingMatch) -> None:
        self._leave_table()
        self._emit(f"HEADING_{heading.part}", chunk, None, heading.variant, heading)
        self.section = heading.part
        self.tables_here = set()

    def _plain_body(self, chunk: Chunk, normalized: tuple[str, list[int]] | None = None) -> None:
        """A line (or what is left of it beside headings); ``normalized``: its
        ``normalize_with_map`` when known."""
        if not chunk.text or _ONLY_MARKS.match(chunk.text):
            return
        anchors = self.era.anchor_regex
        crawled = anchors is not None and self.table is None and len(chunk.text) > _LONG_LINE
        if crawled and normalized is None:
            normalized = L.normalize_with_map(chunk.text)
        norm = L.normalize(chunk.text) if normalized is None else normalized[0]
        if self.table is None and len(norm) <= _LONG_LINE and is_chrome(norm):
            self._emit(META, chunk)
            return
        if crawled:
            # Crawler text: the statistics table starts in the middle of a line.
            # (searched in normalised text: the header may be spaced out, 统　计　指　标)
            found = anchors.search(norm)
            begin = normalized[1][found.start()] if found is not None else 0
            if begin > 0:
                self._plain_body(chunk.sub(0, begin).strip())
                self._plain_body(chunk.sub(begin, len(chunk.text)),
                                 L.normalized_part(normalized, begin, len(chunk.text)))
                return
        if (self.template_parts and self.section == 4 and "4" in self.tables_here
                and structure.opens_problems_part(chunk.text)):
            # Part 五's heading was lost (PDF conversion, corpus 002.md): after
            # table 四 the template has nothing but part 五 to follow.
            self._heading(Chunk.at("", *chunk.start()), structure.HeadingMatch(5, 0, 0, 0, implied=True))
        # Outside a table only a line that starts with a table label can start one.
        if self.section in self.era.table_sections and (self.table or self.era.label_regex.match(norm)):
            segments = segment(chunk, self.era, split_spaces=True, normalized=normalized)
            if self._is_tabular(segments):
                self._segments(segments, explicit=False)
                return
        self._leave_table()
        self._emit(TEXT, chunk)

    def _is_tabular(self, segments: list[Segment]) -> bool:
        if not segments:
            return False
        first = segments[0]
        if self.table is None:
            if first.kind != "label":
                return False
            if (self.section == 0 or self.era.anchored_everywhere) and first.label.key not in self.era.anchors:
                return False
        residue = [s for s in segments if s.kind == "residue"]
        if any(len(s.chunk.text) > 30 or _SENTENCE.search(s.chunk.text) for s in residue):
            return False
        return sum(len(s.chunk.text) for s in residue) <= 60

    # -- explicit rows ----------------------------------------------------
    def _row(self, cells: list[Chunk]) -> None:
        filled = [cell for cell in cells if cell.text]
        if len(filled) == 1 and structure.match_heading(filled[0].text) is not None:
            self._plain(filled[0])  # a heading set in a table cell (page-layout tables)
            return
        if self.section not in self.era.table_sections and self.table is None:
            self._texts(filled)
            return
        segments: list[Segment] = []
        for cell in cells:
            if cell.text:
                segments.extend(segment(cell, self.era, split_spaces=False))
            else:
                segments.append(Segment("value", cell))
        if self.table is None and not self._opens_table(segments):
            self._texts(filled)
            return
        has_value = any(s.kind == "value" and s.chunk.text for s in segments)
        header = not has_value and any(
            s.kind == "residue" or (s.kind == "label" and s.label.kind not in _ROW_KINDS) for s in segments)
        if header and len(filled) > 1:
            # A header row: its labels are column names even where they spell a
            # row's label (｜项目｜予以公开｜部分公开｜…｜总计｜, corpus 001.md).
            segments = [s for s in segments if s.chunk.text]
            self._segments(segments, explicit=True, header=True)
            return
        if (self.table in ("2", "3", "7") and not any(s.kind in ("label", "residue") for s in segments)
                and sum(1 for s in segments if s.chunk.text) > 1):
            # A row of values with no label (its label lost in conversion, corpus
            # 002.md): a row of its own, not more values of the row above.
            for seg in segments:
                if seg.chunk.text:
                    self._emit(STRAY, seg.chunk, explicit=True)
            return
        drop_blanks = not has_value and any(s.kind == "label" and s.label.kind not in _ROW_KINDS for s in segments)
        if drop_blanks:
            segments = [s for s in segments if s.kind != "value" or s.chunk.text]
        self._segments(segments, explicit=True)

    def _texts(self, cells: list[Chunk]) -> None:
        for cell in cells:
            self._leave_table()
            self._emit(TEXT, cell)

    def _opens_table(self, segments: list[Segment]) -> bool:
        found = [s for s in segments if s.kind == "label"]
        if not self.era.anchored_everywhere:
            return bool(found)
        return any(s.label.key in self.era.anchors for s in found)

    # -- segments -> tokens -----------------------------------------------
    def _segments(self, segments: list[Segment], explicit: bool, header: bool = False) -> None:
        for seg in segments:
            if seg.kind != "residue":
                self._flush_pending()  # decided in the context it appeared in
            if seg.kind == "label":
                self._label(seg, header)
            elif header and self.table is not None:
                self._emit(HEAD_OF[self.table], seg.chunk, explicit=explicit)
            elif seg.kind == "value" or (seg.kind == "unit" and self.table != "7"):
                self._emit(VALUE, seg.chunk, explicit=explicit)
                self.in_rows = True
            elif seg.kind == "unit":
                self._emit(UNIT, seg.chunk, explicit=explicit)
            else:
                self._residue(seg)

    def _label(self, seg: Segment, header: bool = False) -> None:
        label = seg.label
        kind = label.kind
        if label.key == "total":  # 总计 heads a column of table 三 and of table 四
            kind = L.T4_HEAD if self.table == "4" or (self.table is None and self.section == 4) else L.T3_HEAD
        table = _TABLE_OF[kind]
        if table != self.table and not self._may_open(label, kind, table):
            # A column name of another table (其他, 总计): text of the table being
            # read, or prose between tables.
            if self.table is None:
                self._emit(TEXT, seg.chunk)
            elif header:
                self._emit(HEAD_OF[self.table], seg.chunk)
            else:
                self._residue(seg)
            return
        if table != self.table:
            self._flush_pending()
            self.tokens.append(table_marker(table, seg.chunk))
            self.table = table
            self.tables_here.add(table)
            self.in_rows = False
        if header and kind in _ROW_KINDS:
            self._emit(HEAD_OF[table], seg.chunk, label, seg.variant)
            return
        if kind == L.T2_BLOCK:
            self.in_rows = False
        elif kind in _ROW_KINDS:
            self.in_rows = True
        terminal = HEAD_OF[table] if label.key == "total" else label.terminal
        self._emit(terminal, seg.chunk, label, seg.variant)

    def _may_open(self, label: L.Label, kind: str, table: str) -> bool:
        """A table starts on a row label or a strong header (第二十条第（一）项,
        本列数据的勾稽关系…); a bare column name (总计, 其他, 结果维持) starts one
        only in the table's own part."""
        if kind in _ROW_KINDS or kind == L.T2_BLOCK or label.key in self.era.anchors:
            return True
        return self.era.anchored_everywhere or _PART_OF.get(table) == self.section

    def _residue(self, seg: Segment) -> None:
        """Unknown text in a table: a header split over cells (商业 / 企业), a note
        wrapped after its label, page chrome after the table, or an unknown label."""
        norm = L.normalize(seg.chunk.text)
        if not _WORDY.search(norm):
            return  # brackets or punctuation left between labels: "行政诉讼（未经复议直接起诉）"
        previous = self.tokens[-1] if self.tokens else None
        if (self.pending is None and previous is not None and previous.label is not None
                and previous.label.kind in _ROW_KINDS and _NOTE_ONLY.match(norm)):
            self.tokens[-1] = CellToken(previous.type, join_chunks(previous.chunk, seg.chunk), previous.label,
                                        previous.variant, previous.extra, previous.explicit)
            return
        if is_chrome(norm):
            self._leave_table()
            self._emit(META, seg.chunk)
            return
        if self.pending is not None:
            joined = L.normalize(self.pending.chunk.text + seg.chunk.text)
            found = self.era.by_norm.get(joined)
            if found is not None:
                merged = join_chunks(self.pending.chunk, seg.chunk)
                self.pending = None
                label, variant = found
                self._label(Segment("label", merged, label, variant))
                return
            self._flush_pending()
        self.pending = seg

    def _flush_pending(self) -> None:
        seg, self.pending = self.pending, None
        if seg is None:
            return
        if self.table is None:
            self.tokens.append(CellToken(TEXT, seg.chunk))
            return
        rows = self.in_rows and self.table != "4"  # table 四 has no row labels: text there is a header
        kinds = tuple(k for k, t in _TABLE_OF.items() if t == self.table and (k in _ROW_KINDS) == rows)
        near = L.near_miss(self.era, L.normalize(seg.chunk.text), kinds)
        if near is not None:  # a misspelt label (2.其他法律行政止公开): the row it means, marked
            label, distance = near
            token = CellToken(HEAD_OF[self.table] if label.kind not in _ROW_KINDS else label.terminal,
                              seg.chunk, label, True, {"typo": distance})
            self.tokens.append(token)
        elif rows:
            self.tokens.append(CellToken(LABEL, seg.chunk))
        else:
            self.tokens.append(CellToken(HEAD_OF[self.table], seg.chunk))


def _stripped_part(chunk: Chunk, begin: int, end: int, normalized: tuple[str, list[int]] | None
                   ) -> tuple[Chunk, tuple[str, list[int]] | None]:
    """``chunk.sub(begin, end).strip()``, and its ``normalize_with_map`` cut from
    the chunk's (``normalized``) when that is known."""
    piece = chunk.sub(begin, end)
    stripped = piece.strip()
    if normalized is None or not stripped.text:
        return stripped, None
    start = begin + piece.margins()[0]
    return stripped, L.normalized_part(normalized, start, start + len(stripped.text))


def lex(blocks: list[Block], era: L.Era) -> list[CellToken]:
    return ReportLexer(era).run(blocks)
