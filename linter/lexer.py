"""Lexing: layout blocks -> the typed token stream the era grammars parse.

Every serialisation (HTML cells, pipe and tab rows, one cell per line, space
separated rows, crawler text with the cells run together) goes through one
*segmenter*: known labels are found in the normalised text, and what lies
between them becomes value cells (split at whitespace where the serialisation
has no cell marks). So a row is always "a label followed by its values",
whatever the layout, and the grammar never depends on column indexes.

The lexer keeps a little context: the current part of the report (from the
last heading) and the table being read (a label such as ``总计`` belongs to
table 三 or 四 depending on where it stands).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from lark import Token

from . import labels as L
from .layout import NA_CELL, Block, Chunk, is_numeric_cell

#: Token types that are not labels.
TITLE, META, TEXT, VALUE, LABEL, UNIT = "TITLE", "META", "TEXT", "VALUE", "LABEL", "UNIT"

_TABLE_OF = {
    L.T2_BLOCK: "2", L.T2_HEAD: "2", L.T2_ROW: "2",
    L.T3_HEAD: "3", L.T3_GROUP: "3", L.T3_ROW: "3",
    L.T4_HEAD: "4",
    L.T7_HEAD: "7", L.T7_GROUP: "7", L.T7_ROW: "7",
}
_HEAD_OF = {"2": L.T2_HEAD, "3": L.T3_HEAD, "4": L.T4_HEAD, "7": L.T7_HEAD}
#: Label kinds that open a data row.
_ROW_KINDS = (L.T2_ROW, L.T3_ROW, L.T3_GROUP, L.T7_ROW, L.T7_GROUP)
#: A note wrapped onto a line of its own, after its label (seed 004).
_NOTE_ONLY = re.compile(r"^\([^()]{2,60}\)$")

_UNIT_ONLY = re.compile(r"^(?:元|万元)$")
_SENTENCE = re.compile(r"[。;；!！?？,，:：]")
_META = re.compile(
    r"^(?:发布日期|发布时间|成文日期|信息来源|来源|浏览次数|点击数|文号|发布机构|栏目|原文链接|本地目录|页面链接"
    r"|相关附件|附件下载|索引号|主题分类|\[点击查看解读\]|字号|打印|关闭|=+正文=+)"
)
_TITLE_PREFIX = re.compile(r"^标题[:：]\s*")
_TITLE_WORDS = re.compile(r"(?:19|20)\d{2}.*(?:年度报告|年报)|(?:年度报告|年报).*(?:19|20)\d{2}")
_YEAR_FIRST = re.compile(r"^\d{4}\s*年")
_AGENCY_LINE = re.compile(r"^[\u4e00-\u9fff()（）]{2,30}$")
_LONG_LINE = 200
_HEADING_NOTE = re.compile(r"\([^()]{2,60}\)")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+")


class CellToken(Token):
    """A Lark token that also carries its chunk (text + positions) and label."""

    def __new__(cls, type_: str, chunk: Chunk, label: L.Label | None = None, variant: bool = False,
                extra: object = None, explicit: bool = False):
        line, column = chunk.start()
        end_line, end_column = chunk.end()
        token = super().__new__(cls, type_, chunk.text, None, line, column, end_line, end_column, None)
        token.chunk = chunk
        token.label = label
        token.variant = variant
        token.extra = extra
        #: The cell came from a serialisation with cell marks (pipe, tab, HTML).
        token.explicit = explicit
        return token


@dataclass(slots=True)
class Segment:
    kind: str  # "label" | "value" | "unit" | "residue"
    chunk: Chunk
    label: L.Label | None = None
    variant: bool = False


def segment(chunk: Chunk, era: L.Era, split_spaces: bool) -> list[Segment]:
    """Cut a chunk into labels of ``era`` and the values / residue between them."""
    text = chunk.text
    if is_numeric_cell(text):  # most cells are numbers: no label search needed
        return [Segment("value", chunk)]
    exact = era.by_norm.get(L.normalize(text))
    if exact is not None:  # and most others are exactly one label
        return [Segment("label", chunk, exact[0], exact[1])]
    norm, index = L.normalize_with_map(text)
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
            out[-1] = Segment("residue", _joined(previous.chunk, seg.chunk))
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
    if len(words) > 1 and words[-1].kind == "residue" and _META.match(L.normalize(words[-1].chunk.text)):
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
    if not text or is_numeric_cell(text) or NA_CELL.match(text):
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
        marks = _MARKDOWN_HEADING.match(chunk.text)
        if marks:  # "## 一、总体情况" (reports converted to Markdown)
            chunk = chunk.sub(marks.end(), len(chunk.text))
        norm, index = L.normalize_with_map(chunk.text)
        if len(chunk.text) > _LONG_LINE:
            headings = list(L.HEADING_REGEX.finditer(norm))  # crawler text: headings inline
        else:
            first = L.HEADING_REGEX.match(norm)
            headings = [first] if first else []
        done = 0
        for heading in headings:
            begin = index[heading.start()]
            end = index[heading.end() - 1] + 1
            tail = _HEADING_NOTE.match(norm, heading.end())  # 六、其他需要报告的事项（文字描述…）
            if tail:
                end = index[tail.end() - 1] + 1
            part = int((heading.lastgroup or "p0").split("_")[0][1:])
            if begin < done or heading.group("num").strip("()、.") != L.NUMERALS[part - 1]:
                continue  # "(一)主动公开政府信息情况" is a sub-heading of part 一, not part 二
            self._plain_body(chunk.sub(done, begin).strip())
            self._heading(chunk.sub(begin, end), part, heading)
            done = end
        self._plain_body(chunk.sub(done, len(chunk.text)).strip() if done else chunk)

    def _heading(self, chunk: Chunk, part: int, match: re.Match[str]) -> None:
        self._leave_table()
        canonical = L.HEADINGS[part][0]
        numeral = match.group("num")
        text = match.group(0)[len(numeral):]
        variant = numeral != f"{L.NUMERALS[part - 1]}、" or text != L.normalize(canonical)
        self._emit("HEADING", chunk, None, variant, part)
        self.section = part

    def _plain_body(self, chunk: Chunk) -> None:
        if not chunk.text:
            return
        norm = L.normalize(chunk.text)
        if self.table is None and len(norm) <= _LONG_LINE and _META.match(norm):
            self._emit(META, chunk)
            return
        anchors = self.era.anchor_regex
        if anchors is not None and self.table is None and len(chunk.text) > _LONG_LINE:
            # Crawler text: the statistics table starts in the middle of a line.
            # (searched in normalised text: the header may be spaced out, 统　计　指　标)
            spaced, index = L.normalize_with_map(chunk.text)
            found = anchors.search(spaced)
            if found is not None and index[found.start()] > 0:
                begin = index[found.start()]
                self._plain_body(chunk.sub(0, begin).strip())
                self._plain_body(chunk.sub(begin, len(chunk.text)))
                return
        if self.section == 0 and self.table is None:
            title = _TITLE_PREFIX.match(chunk.text)
            if title:
                self._title(chunk.sub(title.end(), len(chunk.text)).strip())
                return
            if len(norm) <= 80 and "。" not in norm and _TITLE_WORDS.search(norm):
                self._title(chunk)
                return
        # Outside a table only a line that starts with a table label can start one.
        if self.section in self.era.table_sections and (self.table or self.era.label_regex.match(norm)):
            segments = segment(chunk, self.era, split_spaces=True)
            if self._is_tabular(segments):
                self._segments(segments, drop_blanks=False, explicit=False)
                return
        self._leave_table()
        self._emit(TEXT, chunk)

    def _title(self, chunk: Chunk) -> None:
        # A title split over two lines, agency first (seeds 001, 004).
        previous = self.tokens[-1] if self.tokens else None
        if (previous is not None and previous.type == TEXT and _YEAR_FIRST.match(L.normalize(chunk.text))
                and _AGENCY_LINE.match(L.normalize(previous.chunk.text))):
            self.tokens[-1] = CellToken(TITLE, previous.chunk)
        self._emit(TITLE, chunk)

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
        if self.section not in self.era.table_sections and self.table is None:
            for cell in cells:
                if cell.text:
                    self._emit(TEXT, cell)
            return
        segments: list[Segment] = []
        for cell in cells:
            if cell.text:
                segments.extend(segment(cell, self.era, split_spaces=False))
            else:
                segments.append(Segment("value", cell))
        if self.table is None and not self._opens_table(segments):
            for cell in cells:
                if cell.text:
                    self._emit(TEXT, cell)
            return
        has_value = any(s.kind == "value" and s.chunk.text for s in segments)
        is_header = any(s.kind == "label" and s.label.kind not in _ROW_KINDS for s in segments)
        self._segments(segments, drop_blanks=is_header and not has_value, explicit=True)

    def _opens_table(self, segments: list[Segment]) -> bool:
        found = [s for s in segments if s.kind == "label"]
        if not self.era.anchored_everywhere:
            return bool(found)
        return any(s.label.key in self.era.anchors for s in found)

    # -- segments -> tokens -----------------------------------------------
    def _segments(self, segments: list[Segment], drop_blanks: bool, explicit: bool) -> None:
        for seg in segments:
            if seg.kind != "residue":
                self._flush_pending()  # decided in the context it appeared in
            if seg.kind == "label":
                self._label(seg)
            elif seg.kind == "value" or (seg.kind == "unit" and self.table != "7"):
                if drop_blanks and not seg.chunk.text:
                    continue
                self._emit(VALUE, seg.chunk, explicit=explicit)
                self.in_rows = True
            elif seg.kind == "unit":
                self._emit(UNIT, seg.chunk, explicit=explicit)
            else:
                self._residue(seg)

    def _label(self, seg: Segment) -> None:
        label = seg.label
        kind = label.kind
        if label.key == "total":
            kind = L.T4_HEAD if self.table == "4" else L.T3_HEAD
        table = _TABLE_OF[kind]
        if table != self.table:
            self._flush_pending()
            line, column = seg.chunk.start()
            self.tokens.append(CellToken(f"_TABLE{table}", Chunk.at("", line, column)))
            self.table = table
            self.in_rows = False
        if kind == L.T2_BLOCK:
            self.in_rows = False
        elif kind in _ROW_KINDS:
            self.in_rows = True
        self._emit(kind, seg.chunk, label, seg.variant)

    def _residue(self, seg: Segment) -> None:
        """Unknown text in a table: a header split over cells (商业 / 企业), a note
        wrapped after its label, page chrome after the table, or an unknown label."""
        norm = L.normalize(seg.chunk.text)
        previous = self.tokens[-1] if self.tokens else None
        if (self.pending is None and previous is not None and previous.type in _ROW_KINDS
                and _NOTE_ONLY.match(norm)):
            self.tokens[-1] = CellToken(previous.type, _joined(previous.chunk, seg.chunk), previous.label,
                                        previous.variant, previous.extra, previous.explicit)
            return
        if _META.match(norm):
            self._leave_table()
            self._emit(META, seg.chunk)
            return
        if self.pending is not None:
            joined = L.normalize(self.pending.chunk.text + seg.chunk.text)
            found = self.era.by_norm.get(joined)
            if found is not None:
                merged = _joined(self.pending.chunk, seg.chunk)
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
        elif self.in_rows:
            self.tokens.append(CellToken(LABEL, seg.chunk))
        else:
            self.tokens.append(CellToken(_HEAD_OF[self.table], seg.chunk))


def _joined(first: Chunk, second: Chunk) -> Chunk:
    """One chunk of two pieces that may stand on different lines."""
    return Chunk(first.text + second.text,
                 first.anchors + tuple((o + len(first.text), l, c) for o, l, c in second.anchors))


def lex(blocks: list[Block], era: L.Era) -> list[CellToken]:
    return ReportLexer(era).run(blocks)
