"""Layout of PDF files: paragraphs and ruled tables, in reading order, as the
same blocks of cells every other format gives.

Text comes from PDFium (``pypdfium2``): it reads the text layer right where
pdfminer (under pdfplumber) returns one placeholder character for every CJK
glyph of LibreOffice's PDFs (corpus ``derived/*.pdf``), and it is about 30
times faster (2 ms a page against 65). Tables come from the page's ruling
lines: PDFium gives the path objects (stroked paths, and filled bars a rule
wide; a filled area is a background or a highlight, not a rule), and
pdfplumber's edge algebra (snap and join edges, intersections, cells, tables)
turns them into cells; no text strategy, no guessing from whitespace.

What a page gives, top to bottom:

* a table row with two or more filled cells becomes an explicit row of
  cells (a label wrapped over lines inside its cell is joined; a cell covered
  by a merged neighbour is left out; an empty cell stays an empty cell);
* a row with a single filled cell — a block header such as 第二十条第（一）项,
  or prose inside a rectangle framing the whole page (WPS draws one, corpus
  046.pdf) — becomes plain lines, one per text line: a frame is not a table;
* text outside tables becomes plain lines; page numbers (``- 1 -``,
  ``第 1 页``) in the top or bottom margin are dropped.

The extracted text (what ``xxgk-lint extract`` prints) is one line per block,
tables as ``| a | b |`` rows, pages separated by a form feed; every position a
finding gives refers to it, and :class:`Origins` maps it back to the page and
the box on the page.
"""
from __future__ import annotations

import re
import time
from dataclasses import dataclass

from .layout import Extraction
from .source import Source, UnreadableInput

#: Most pages read from one file (a report has 5 to 30), and the time they may take.
MAX_PAGES = 300
TIME_BUDGET = 60.0
_PAGE_NUMBER = re.compile(r"^[-—–－_\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*/\s*共?\s*\d{1,4}\s*页?)?[-—–－_\s]*$")
_MARGIN = 0.1  # share of the page's height at the top and the bottom where page numbers stand


@dataclass(slots=True)
class _Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    space: bool  # PDFium saw a word space before it (it knows the font's spacing; boxes do not)


@dataclass(slots=True)
class _Line:
    text: str
    box: tuple[float, float, float, float]  # x0, top, x1, bottom (PDF points, top-left origin)


@dataclass(slots=True)
class _Item:
    """Something the page shows at a height: a plain line or a table row."""

    top: float
    x0: float
    cells: list[_Line]  # one: a plain line; more: a table row (text "" for an empty cell)
    row: bool
    cell: tuple[float, float, float, float] | None = None  # the table cell a plain line was read from


def read_pdf(data: bytes, path: str, max_pages: int = MAX_PAGES, budget: float = TIME_BUDGET) -> Source:
    """The report in a PDF as a :class:`Source` with its own blocks and origins."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except Exception as error:  # PdfiumError on damaged or encrypted files
        raise UnreadableInput(f"PDF 文件无法打开（{_reason(error)}）") from None
    start = time.monotonic()
    pages: list[list[_Item]] = []
    chars = 0
    damaged = None
    try:
        count = len(document)
        for number in range(min(count, max_pages)):
            if time.monotonic() - start > budget:
                break
            try:
                page = document[number]
                try:
                    items, found = _page_items(page)
                finally:
                    page.close()
            except Exception:  # PdfiumError: a damaged page; what follows it is not read either,
                damaged = number + 1  # so that the unread stretch is the end of the text
                break
            if pages:
                _continue_row(pages[-1], items)
            pages.append(items)
            chars += found
    finally:
        document.close()
    if chars == 0 and damaged is not None:
        raise UnreadableInput(f"PDF 第 {damaged} 页已损坏，无法读取")
    if chars == 0:
        raise UnreadableInput(
            "PDF 没有文字层（多为扫描件或图片），无法读取其中的文字；请提供带文字的 PDF 或 Word 文件，"
            "或先用文字识别（OCR）软件转换后再检查")
    notes = []
    if damaged is not None:
        notes.append(f"PDF 第 {damaged} 页已损坏，只读取了前 {len(pages)} 页（共 {count} 页）")
    elif len(pages) < count:
        notes.append(f"只读取了前 {len(pages)} 页（共 {count} 页；超过页数或时间上限）")
    return _source(path, pages, notes)


def _reason(error: Exception) -> str:
    text = str(error)
    if "password" in text.lower():
        return "文件已加密，需要密码"
    return "文件已损坏或不是 PDF"


def _page_items(page) -> tuple[list[_Item], int]:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        chars = _chars(textpage, height)
    finally:
        textpage.close()
    tables = _tables(page, height)
    inside: dict[int, list[_Char]] = {}
    outside: list[_Char] = []
    cells = [cell for table in tables for cell in table]
    bands = _bands(cells, height)
    for char in chars:
        cx, cy = (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2
        found = next((k for k in bands.get(int(cy // _BAND), ())
                      if cells[k][0] <= cx <= cells[k][2] and cells[k][1] <= cy <= cells[k][3]), None)
        if found is None:
            outside.append(char)
        else:
            inside.setdefault(found, []).append(char)
    items: list[_Item] = []
    for line in _lines(outside):
        x0, top, x1, bottom = line.box
        if (top < height * _MARGIN or bottom > height * (1 - _MARGIN)) and _PAGE_NUMBER.match(line.text):
            continue  # a page number in the margin
        items.append(_Item(top, x0, [line], False))
    offset = 0
    for table in tables:
        index: dict[tuple, int] = {}
        for k, cell in enumerate(table):
            index.setdefault(tuple(cell), k)
        for row in _rows(table):
            texts = []
            for cell in row:
                if cell is None:
                    texts.append(None)  # covered by a merged neighbour
                    continue
                lines = _lines(inside.get(offset + index[tuple(cell)], []))
                texts.append((cell, lines))
            items += _row_items(texts)
        offset += len(table)
    items.sort(key=lambda item: (round(item.top, 1), item.x0))
    return items, len(chars)


#: Height (points) of the horizontal bands cells are indexed by, so that finding
#: a character's cell looks at the cells of its band, not at every cell.
_BAND = 12.0


def _bands(cells: list[tuple[float, float, float, float]], height: float) -> dict[int, list[int]]:
    bands: dict[int, list[int]] = {}
    last = int(max(height, 0.0) // _BAND)
    for k, (_, top, _, bottom) in enumerate(cells):  # (clamped to the page: a damaged file's boxes may not be)
        for band in range(max(0, int(max(top, 0.0) // _BAND)), min(last, int(min(bottom, height) // _BAND)) + 1):
            bands.setdefault(band, []).append(k)
    return bands


def _continue_row(previous: list[_Item], items: list[_Item]) -> None:
    """A row broken by a page break: the rest of a label at the top of the next
    page, alone in the cell under the same column, belongs to the row the
    previous page ended with (derived/042.pdf: …其政府信息 / 公开申请)."""
    if not previous or not items or not previous[-1].row or items[0].row or items[0].cell is None:
        return
    x0, _, x1, _ = items[0].cell
    for k, cell in enumerate(previous[-1].cells):
        if abs(cell.box[0] - x0) <= 3 and abs(cell.box[2] - x1) <= 3 and cell.text:
            previous[-1].cells[k] = _Line(_join([cell.text, items[0].cells[0].text]), cell.box)
            del items[0]
            return


def _row_items(row: list) -> list[_Item]:
    filled = [(cell, lines) for cell, lines in (c for c in row if c is not None) if lines]
    if len(filled) <= 1:  # a block header, or prose in a frame: plain lines
        return [_Item(line.box[1], line.box[0], [line], False, tuple(cell))
                for cell, lines in filled for line in lines]
    cells = []
    for entry in row:
        if entry is None:
            continue
        box, lines = entry
        cells.append(_Line(_join([line.text for line in lines]), tuple(box)))
    top = min(cell.box[1] for cell in cells)
    return [_Item(top, cells[0].box[0], cells, True)]


def _chars(textpage, height: float) -> list[_Char]:
    out = []
    space = False
    for index in range(textpage.count_chars()):
        text = textpage.get_text_range(index, 1)
        if not text or text.isspace():
            space = space or text == " "
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        out.append(_Char(text, left, height - top, right, height - bottom, space))
        space = False
    return out


def _lines(chars: list[_Char]) -> list[_Line]:
    """Characters grouped into lines (by vertical overlap), left to right."""
    lines: list[list[_Char]] = []
    extents: list[list[float]] = []  # [top, bottom] of each line so far (kept, not recomputed: linear)
    for char in sorted(chars, key=lambda c: (c.top, c.x0)):
        middle = (char.top + char.bottom) / 2
        for line, extent in zip(reversed(lines[-3:]), reversed(extents[-3:])):
            if extent[0] <= middle <= extent[1]:
                line.append(char)
                extent[0], extent[1] = min(extent[0], char.top), max(extent[1], char.bottom)
                break
        else:
            lines.append([char])
            extents.append([char.top, char.bottom])
    out = []
    for line in lines:
        line.sort(key=lambda c: c.x0)
        text = line[0].text
        for char in line[1:]:
            text += (" " if char.space else "") + char.text
        box = (min(c.x0 for c in line), min(c.top for c in line), max(c.x1 for c in line),
               max(c.bottom for c in line))
        out.append(_Line(text, box))
    out.sort(key=lambda line: (line.box[1], line.box[0]))
    return out


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _join(lines: list[str]) -> str:
    """A cell's lines as one text: a label wrapped inside its cell is one label."""
    text = ""
    for line in lines:
        if text and line and _latin(text[-1]) and _latin(line[0]) and not (text[-1].isdigit() and line[0].isdigit()):
            text += " "  # two words; a number wrapped in a narrow cell stays one number
        text += line
    return text


# ---------------------------------------------------------------------------
# ruled tables


def _tables(page, height: float) -> list[list[tuple[float, float, float, float]]]:
    """The cells of each ruled table on the page, from its path objects.

    Rules are stroked paths and filled bars a rule wide. A filled area counts
    only where the rules alone close no cell around it: WPS draws a table's
    vertical borders as its cells' backgrounds (corpus 046.pdf), LibreOffice
    highlights text inside cells that its rules already close (derived/*.pdf).
    """
    rules, areas = _paths(page, height)
    cells = _cells(rules)
    inside = [area for area in areas if any(_within(area, cell) for cell in cells)]
    extra = [edge for area in areas if area not in inside for edge in _rect_edges(area)]
    if extra:
        cells = _cells(rules + extra)
    from pdfplumber.table import cells_to_tables

    return [sorted(table, key=lambda c: (c[1], c[0])) for table in cells_to_tables(cells)]


def _cells(edges: list[dict]) -> list[tuple[float, float, float, float]]:
    from pdfplumber.table import edges_to_intersections, intersections_to_cells, merge_edges

    if len(edges) < 4:
        return []
    edges = [e for e in merge_edges(edges, 3, 3, 3, 3) if max(e["width"], e["height"]) >= 3]
    return intersections_to_cells(edges_to_intersections(edges, 3, 3))


def _within(box: tuple[float, float, float, float], cell: tuple[float, float, float, float]) -> bool:
    return (box[0] >= cell[0] - 2 and box[1] >= cell[1] - 2 and box[2] <= cell[2] + 2
            and box[3] <= cell[3] + 2)


def _rect_edges(box: tuple[float, float, float, float]) -> list[dict]:
    x0, top, x1, bottom = box
    edges: list[dict] = []
    _add_edges(edges, [(x0, top), (x1, top), (x1, bottom), (x0, bottom), (x0, top)])
    return edges


def _paths(page, height: float) -> tuple[list[dict], list[tuple[float, float, float, float]]]:
    """The page's rules as edges (top-left origin), and its filled areas as boxes."""
    import ctypes

    import pypdfium2.raw as raw

    rules: list[dict] = []
    areas: list[tuple[float, float, float, float]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=4):
        raw.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
        if not stroke.value:
            left, bottom, right, top = obj.get_bounds()
            if min(right - left, top - bottom) > 2:  # a filled area: a background or a highlight
                areas.append((left, height - top, right, height - bottom))
                continue
        matrix = obj.get_matrix()
        points = []
        for index in range(raw.FPDFPath_CountSegments(obj.raw)):
            segment = raw.FPDFPath_GetPathSegment(obj.raw, index)
            raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
            kind = raw.FPDFPathSegment_GetType(segment)
            px = matrix.a * x.value + matrix.c * y.value + matrix.e
            py = height - (matrix.b * x.value + matrix.d * y.value + matrix.f)
            if kind == raw.FPDF_SEGMENT_MOVETO and points:
                _add_edges(rules, points)
                points = []
            points.append((px, py))
            if raw.FPDFPathSegment_GetClose(segment):
                points.append(points[0])
        _add_edges(rules, points)
    return rules, areas


def _add_edges(edges: list[dict], points: list[tuple[float, float]]) -> None:
    """Axis-aligned segments of a path (top-left origin) as pdfplumber edges."""
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        top, bottom = min(y0, y1), max(y0, y1)
        left, right = min(x0, x1), max(x0, x1)
        if abs(y1 - y0) < 0.5 and right - left >= 1:
            edges.append({"x0": left, "x1": right, "top": top, "bottom": top, "width": right - left,
                          "height": 0.0, "orientation": "h", "object_type": "line"})
        elif abs(x1 - x0) < 0.5 and bottom - top >= 1:
            edges.append({"x0": left, "x1": left, "top": top, "bottom": bottom, "width": 0.0,
                          "height": bottom - top, "orientation": "v", "object_type": "line"})


def _rows(table: list[tuple[float, float, float, float]]) -> list[list[tuple | None]]:
    """The table's cells by row, each row as long as the table has columns
    (None where a merged cell covers the column)."""
    columns = sorted({cell[0] for cell in table})
    rows: dict[float, dict[float, tuple]] = {}
    for cell in table:
        rows.setdefault(cell[1], {})[cell[0]] = cell
    return [[row.get(x) for x in columns] for _, row in sorted(rows.items())]


# ---------------------------------------------------------------------------
# the extracted text, its blocks and their origins


def _source(path: str, pages: list[list[_Item]], notes: list[str]) -> Source:
    out = Extraction()
    for number, items in enumerate(pages, 1):
        if number > 1:
            out.page_break()
        for item in items:
            if item.row:
                out.row([(cell.text, {"page": number, "bbox": _box(cell.box)}) for cell in item.cells])
            else:
                (line,) = item.cells
                out.paragraph(line.text, {"page": number, "bbox": _box(line.box)})
    return out.source(path, "pdf", tuple(notes))


def _box(box: tuple[float, float, float, float]) -> list[float]:
    return [round(value, 1) for value in box]
