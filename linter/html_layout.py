"""Layout of HTML pages: paragraphs and <table> rows, with original positions.

The standard library's tolerant ``html.parser`` is enough: it reports the
line and column of every tag and text run, which is what the positions need,
and it never raises on broken markup. Character references are decoded one
by one (``convert_charrefs=False``) so each keeps its own position.
"""
from __future__ import annotations

import html
from html.parser import HTMLParser

from .layout import Block, Chunk

_SKIPPED = {"script", "style", "head", "noscript", "template", "select", "textarea", "svg"}
_BREAKS = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section",
    "article", "header", "footer", "blockquote", "pre", "hr", "dd", "dt", "caption", "form",
}
_VOID = {"br", "hr", "img", "input", "meta", "link", "col", "area", "base", "wbr"}


class _TextBuilder:
    __slots__ = ("parts", "anchors", "length")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.anchors: list[tuple[int, int, int]] = []
        self.length = 0

    def add(self, data: str, line: int, column: int) -> None:
        pieces = data.split("\n")
        for k in range(len(pieces) - 1):  # the \r of a \r\n ends the line: it is not text
            if pieces[k].endswith("\r"):
                pieces[k] = pieces[k][:-1]
        for k, piece in enumerate(pieces):
            if k:
                self._append(" ")
                line, column = line + 1, 1
            if piece:
                self.anchors.append((self.length, line, column))
                self._append(piece)
                column += len(piece)

    def space(self) -> None:
        if self.length:
            self._append(" ")

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def take(self, line: int, column: int) -> Chunk:
        """The accumulated text as a stripped chunk (empty chunks sit at ``line``/``column``)."""
        text = "".join(self.parts)
        anchors = tuple(self.anchors) or ((0, line, column),)
        if anchors[0][0] != 0:
            anchors = ((0,) + anchors[0][1:],) + anchors
        self.parts, self.anchors, self.length = [], [], 0
        return Chunk(text, anchors).strip()


class _Table:
    """A table being read. Its cells are kept in order, row by row; the grid a
    rowspan or colspan would give is not built (the lexer finds labels, not
    columns), so ``<td rowspan=1000 colspan=1000>`` costs what ``<td>`` does."""

    __slots__ = ("layout", "row", "cell", "cell_pos")

    def __init__(self) -> None:
        self.layout = False  # a table holding tables is page layout, not data
        self.row: list[Chunk] | None = None
        self.cell: _TextBuilder | None = None
        self.cell_pos = (1, 1)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[Block] = []
        self.text = _TextBuilder()
        self.tables: list[_Table] = []
        self.skip_depth = 0
        self.skip_tag = ""

    # -- text -----------------------------------------------------------
    def _sink(self) -> _TextBuilder:
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None and not table.layout:
            return table.cell
        return self.text

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        line, offset = self.getpos()
        self._sink().add(data, line, offset + 1)

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name};")

    def _reference(self, raw: str) -> None:
        if self.skip_depth:
            return
        line, offset = self.getpos()
        self._sink().add(html.unescape(raw), line, offset + 1)

    def flush(self) -> None:
        line, offset = self.getpos()
        chunk = self.text.take(line, offset + 1)
        if chunk.text:
            self.blocks.append(Block([chunk], False))

    # -- tags -----------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip_depth:
            if tag == self.skip_tag:
                self.skip_depth += 1
            return
        if tag in _SKIPPED:
            self.skip_tag, self.skip_depth = tag, 1
            return
        if tag == "table":
            self._start_table()
        elif tag == "tr":
            self._start_row()
        elif tag in ("td", "th"):
            self._start_cell()
        elif tag in _BREAKS:
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skip_depth and tag in _BREAKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if self.skip_depth:
            if tag == self.skip_tag:
                self.skip_depth -= 1
            return
        if tag == "table":
            self._end_table()
        elif tag == "tr":
            self._end_row()
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag in _BREAKS and tag not in _VOID:
            self._break()

    def _break(self) -> None:
        sink = self._sink()
        if sink is self.text:
            self.flush()
        else:
            sink.space()

    # -- tables ---------------------------------------------------------
    def _start_table(self) -> None:
        if self.tables:
            for table in self.tables:
                if not table.layout:
                    table.layout = True
                    self._end_cell()
        self.flush()
        self.tables.append(_Table())

    def _end_table(self) -> None:
        if not self.tables:
            return
        self._end_row()
        self.tables.pop()
        self.flush()

    def _start_row(self) -> None:
        if not self.tables:
            self._start_table()
        self._end_row()
        self.tables[-1].row = []

    def _end_row(self) -> None:
        if not self.tables:
            return
        table = self.tables[-1]
        self._end_cell()
        row, table.row = table.row, None
        if table.layout:
            self.flush()
        elif row and any(cell.text for cell in row):
            self.blocks.append(Block(row, True))

    def _start_cell(self) -> None:
        if not self.tables:
            self._start_table()
        table = self.tables[-1]
        if table.row is None:
            self._start_row()
        self._end_cell()
        if table.layout:
            self.flush()
            return
        line, offset = self.getpos()
        table.cell = _TextBuilder()
        table.cell_pos = (line, offset + 1)

    def _end_cell(self) -> None:
        table = self.tables[-1] if self.tables else None
        if table is None:
            return
        if table.layout:
            self.flush()
            return
        if table.cell is None:
            return
        chunk = table.cell.take(*table.cell_pos)
        table.cell = None
        if table.row is None:
            table.row = []
        table.row.append(chunk)

    def close(self) -> None:
        super().close()
        while self.tables:
            self._end_table()
        self.flush()


def html_blocks(text: str) -> list[Block]:
    """Blocks of an HTML page: paragraphs and data-table rows in document order."""
    from .source import line_model

    parser = _PageParser()
    parser.feed(line_model(text))  # html.parser counts lines at \n only
    parser.close()
    return parser.blocks
