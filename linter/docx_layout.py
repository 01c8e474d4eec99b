"""Layout of Word (.docx) files: the document body's paragraphs and tables,
in order, as the same blocks of cells every other format gives.

The Office Open XML is read directly (zip + ElementTree, standard library):
python-docx gives neither list numbering nor merged cells as a grid, and the
direct reading takes a few milliseconds. What Word shows and the XML hides is
rendered:

* automatic list numbering (``numbering.xml``): headings such as 一、 and （一）
  are often numbering, absent from the text runs;
* merged cells: a cell spanning columns (``gridSpan``) is one cell; a cell
  continuing a vertical merge (``vMerge``) is left out, as HTML leaves out the
  rows a ``rowspan`` covers;
* text boxes: their paragraphs follow the paragraph they are anchored in
  (only the DrawingML version: the VML fallback repeats it);
* a table holding tables is page layout: its cells' contents are read as if
  they stood in the body.

Headers and footers (page numbers, running titles) are not read: they are not
part of the report. Deleted tracked changes and field codes are not text.
Positions refer to the extracted text (``xxgk-lint extract``): a paragraph a
line, a table row a line ``| a | b |``; each maps back to its paragraph or
table cell (:class:`linter.source.Origins`).
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from xml.etree import ElementTree as ET

from .layout import Extraction
from .source import Source, UnreadableInput

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
#: Most bytes one part of the package may inflate to (a zip bomb stops here).
MAX_PART = 64 * 1024 * 1024


#: What a damaged package raises: a broken archive, a deflate stream that does
#: not inflate, a compression method or encryption zipfile does not know, an
#: oversized or malformed part.
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError, ValueError,
            KeyError, ET.ParseError)


def _damage(error: Exception) -> str:
    if isinstance(error, zlib.error):
        return "文件已损坏：压缩数据无法解压"
    if isinstance(error, NotImplementedError):
        return "文件使用了不支持的压缩方式"
    if isinstance(error, RuntimeError) and "encrypt" in str(error).lower():
        return "文件已加密，需要密码"
    return f"文件已损坏：{type(error).__name__}"


def is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return "word/document.xml" in package.namelist()
    except _DAMAGED:
        return False


def read_docx(data: bytes, path: str) -> Source:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            document = _xml(package, "word/document.xml")
            numbering = _Numbering(_xml(package, "word/numbering.xml", optional=True),
                                   _xml(package, "word/styles.xml", optional=True))
    except _DAMAGED as error:
        raise UnreadableInput(f"Word 文件无法读取（{_damage(error)}）") from None
    body = document.find(f"{W}body")
    if body is None:
        raise UnreadableInput("Word 文件中没有正文")
    reader = _Reader(numbering)
    reader.body(body)
    return reader.out.source(path, "docx")


def _xml(package: zipfile.ZipFile, name: str, optional: bool = False) -> ET.Element | None:
    try:
        info = package.getinfo(name)
    except KeyError:
        if optional:
            return None
        raise
    if info.file_size > MAX_PART:
        raise ValueError(f"{name} 超过 {MAX_PART // (1024 * 1024)} MB")
    data = package.read(info)
    if b"<!DOCTYPE" in data:  # never in Office XML; a way to smuggle entities (after a long comment, too)
        raise ValueError("DOCTYPE")
    return ET.fromstring(data)


class _Reader:
    def __init__(self, numbering: "_Numbering") -> None:
        self.numbering = numbering
        self.out = Extraction()
        self.paragraphs = 0  # body paragraphs, for origins
        self.tables = 0

    def body(self, parent: ET.Element) -> None:
        for child in parent:
            tag = child.tag
            if tag == f"{W}p":
                self.paragraph(child)
            elif tag == f"{W}tbl":
                self.table(child)
            elif tag == f"{W}sdt":  # a content control: its content stands in the body
                content = child.find(f"{W}sdtContent")
                if content is not None:
                    self.body(content)

    def paragraph(self, element: ET.Element) -> None:
        self.paragraphs += 1
        text = self.numbering.label(element) + _text(element)
        self.out.paragraph(text, {"paragraph": self.paragraphs})
        for box in _text_boxes(element):
            self.body(box)

    def table(self, element: ET.Element) -> None:
        rows = element.findall(f"{W}tr")
        if any(cell.find(f".//{W}tbl") is not None for row in rows for cell in row.findall(f"{W}tc")):
            for row in rows:  # page layout: read the cells' contents as body
                for cell in row.findall(f"{W}tc"):
                    self.body(cell)
            return
        self.tables += 1
        for r, row in enumerate(rows, 1):
            cells = []
            for c, cell in enumerate(row.findall(f"{W}tc"), 1):
                merge = cell.find(f"{W}tcPr/{W}vMerge")
                if merge is not None and merge.get(f"{W}val", "continue") != "restart":
                    continue  # under the cell above (a vertical merge)
                texts = [self.numbering.label(p) + _text(p) for p in cell.findall(f"{W}p")]
                origin = {"table": self.tables, "row": r, "cell": c}
                cells.append(("".join(t.strip() for t in texts), origin, texts))
            filled = [cell for cell in cells if cell[0]]
            if len(filled) <= 1:  # a block header, or one line of text: a paragraph
                for _, origin, texts in filled:
                    for text in texts:
                        if text.strip():
                            self.out.paragraph(text, origin)
                continue
            self.out.row([(text, origin) for text, origin, _ in cells])


def _text(element: ET.Element) -> str:
    """The text Word shows for a paragraph: runs, tabs and breaks, without
    deleted changes, field codes and text boxes (read apart)."""
    out: list[str] = []
    for node in _walk(element):
        tag = node.tag
        if tag == f"{W}t":
            out.append(node.text or "")
        elif tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            out.append(" ")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
    return "".join(out)


_SKIPPED = {f"{W}delText", f"{W}instrText", f"{W}txbxContent", f"{W}pPr", f"{W}rPr", f"{MC}Fallback",
            f"{W}del", f"{W}footnoteReference", f"{W}commentReference"}


def _walk(element: ET.Element):
    for child in element:
        if child.tag in _SKIPPED:
            continue
        yield child
        yield from _walk(child)


def _text_boxes(element: ET.Element) -> list[ET.Element]:
    """The text boxes anchored in a paragraph (DrawingML; the VML fallback repeats them)."""
    boxes = []
    stack = list(element)
    while stack:
        node = stack.pop(0)
        if node.tag == f"{MC}Fallback":
            continue
        if node.tag == f"{W}txbxContent":
            boxes.append(node)
            continue
        stack.extend(node)
    return boxes


# ---------------------------------------------------------------------------
# list numbering

_CHINESE = "〇一二三四五六七八九"


def _chinese(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一 (list numbers stay small)."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else _CHINESE[tens] + "十")) + (_CHINESE[ones] if ones else "")


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _format(n: int, kind: str) -> str:
    if kind in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "japaneseCounting",
                "chineseLegalSimplified", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return _chinese(n)
    if kind in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26)
        return letter if kind == "upperLetter" else letter.lower()
    if kind in ("upperRoman", "lowerRoman"):
        return _roman(n) if kind == "upperRoman" else _roman(n).lower()
    if kind == "decimalEnclosedCircle" or kind == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if kind == "decimalZero":
        return f"{n:02d}"
    return str(n)


class _Numbering:
    """Renders the label Word draws before a numbered paragraph ("一、", "（一）")."""

    def __init__(self, numbering: ET.Element | None, styles: ET.Element | None) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId -> ilvl -> (start, fmt, text)
        self.counters: dict[str, list[int]] = {}
        self.style_numbers: dict[str, tuple[str, int]] = {}
        if numbering is not None:
            abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
            for item in numbering.findall(f"{W}abstractNum"):
                levels = {}
                for level in item.findall(f"{W}lvl"):
                    levels[int(level.get(f"{W}ilvl", "0"))] = (
                        int(_val(level, "start", "1") or 1), _val(level, "numFmt", "decimal"),
                        _val(level, "lvlText", ""))
                abstract[item.get(f"{W}abstractNumId", "")] = levels
            for num in numbering.findall(f"{W}num"):
                levels = dict(abstract.get(_val(num, "abstractNumId", ""), {}))
                for override in num.findall(f"{W}lvlOverride"):
                    level = int(override.get(f"{W}ilvl", "0"))
                    start = _val(override, "startOverride", "")
                    if start and level in levels:
                        levels[level] = (int(start), *levels[level][1:])
                self.levels[num.get(f"{W}numId", "")] = levels
        if styles is not None:
            for style in styles.findall(f"{W}style"):
                number = style.find(f"{W}pPr/{W}numPr")
                if number is not None:
                    self.style_numbers[style.get(f"{W}styleId", "")] = (
                        _val(number, "numId", ""), int(_val(number, "ilvl", "0") or 0))

    def label(self, paragraph: ET.Element) -> str:
        properties = paragraph.find(f"{W}pPr")
        if properties is None:
            return ""
        number = properties.find(f"{W}numPr")
        if number is not None:
            num_id, level = _val(number, "numId", ""), int(_val(number, "ilvl", "0") or 0)
        else:
            style = _val(properties, "pStyle", "")
            if style not in self.style_numbers:
                return ""
            num_id, level = self.style_numbers[style]
        levels = self.levels.get(num_id)
        if not levels or level not in levels or num_id == "0":
            return ""
        counters = self.counters.setdefault(num_id, [0] * 10)
        start, kind, text = levels[level]
        counters[level] = counters[level] + 1 if counters[level] else start
        for deeper in range(level + 1, len(counters)):
            counters[deeper] = 0
        if kind in ("bullet", "none"):
            return ""

        def render(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            start_k, kind_k, _ = levels.get(k, (1, "decimal", ""))
            return _format(counters[k] or start_k, kind_k)

        return re.sub(r"%([1-9])", render, text)


def _val(element: ET.Element, child: str, default: str) -> str:
    node = element.find(f"{W}{child}")
    return node.get(f"{W}val", default) if node is not None else default
