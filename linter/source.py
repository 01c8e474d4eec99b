"""Reading: bytes on disk (or stdin) -> a :class:`Source`, or a reason why not.

Text files: the encodings found in published reports form a closed set
(UTF-8 with or without BOM, GB18030/GBK, UTF-16 with BOM), so detection is a
fixed order of strict decodes rather than a statistical guess: a statistical
detector confuses short GBK texts with Big5 or Shift-JIS, a strict decode
cannot. PDF and Word files are recognised by their first bytes, whatever
their name, and read by :mod:`linter.pdf_layout` and :mod:`linter.docx_layout`;
older office formats are converted by LibreOffice when it is installed
(:mod:`linter.office`). Every reader gives the same kind of Source, so nothing
downstream knows the file type.
"""
from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

from .errors import os_error_text

#: File suffixes of reports (matched without regard to case).
TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
PDF_SUFFIXES = (".pdf",)
WORD_SUFFIXES = (".docx",)
#: Office formats read through a LibreOffice conversion to .docx.
OFFICE_SUFFIXES = (".doc", ".wps", ".rtf", ".odt", ".docm", ".dotx", ".wpt")
SUFFIXES = TEXT_SUFFIXES + PDF_SUFFIXES + WORD_SUFFIXES + OFFICE_SUFFIXES

#: Refuse to read more than this; a report is a few hundred KB at most (a PDF a few MB).
MAX_BYTES = 64 * 1024 * 1024
#: Refuse to check more text than this: the longest real report has some 20,000
#: characters; a million is a file no check could finish in seconds.
MAX_CHARS = 1_000_000


@dataclass(frozen=True, slots=True)
class Limits:
    """What reading one file may cost (configuration key ``limits``)."""

    max_bytes: int = MAX_BYTES
    max_chars: int = MAX_CHARS  # characters of text (extracted from a PDF or Word file)
    max_pages: int = 300  # PDF pages read
    seconds: float = 10.0  # time a reader (PDF, office conversion) may take

    @classmethod
    def of(cls, settings: Any) -> "Limits":
        if settings is None:
            return cls()
        return cls(settings.limit("max-file-size") * 1024 * 1024, settings.limit("max-chars"),
                   settings.limit("max-pages"), float(settings.limit("read-seconds")))


class Origins:
    """Where the extracted text of a PDF or Word file came from: for a line and
    column of that text, the page and box (PDF) or the paragraph or table cell
    (Word) it was read from."""

    __slots__ = ("_lines",)

    def __init__(self) -> None:
        self._lines: dict[int, list[tuple[int, int, dict[str, Any]]]] = {}

    def add(self, line: int, start: int, end: int, origin: dict[str, Any]) -> None:
        self._lines.setdefault(line, []).append((start, end, origin))

    def at(self, line: int, column: int) -> dict[str, Any] | None:
        entries = self._lines.get(line)
        if not entries:
            return None
        k = bisect_right([start for start, _, _ in entries], column) - 1
        return entries[max(k, 0)][2]


@dataclass(frozen=True, slots=True)
class Source:
    """A file read for linting: its text (for PDF and Word, the extracted text
    that ``xxgk-lint extract`` prints, which every position refers to)."""

    path: str
    text: str
    encoding: str  # of a text file; "pdf" / "docx" for the extracted text of those
    kind: str  # "text" | "html" | "pdf" | "docx"
    #: The cells of a PDF or Word file, as its reader laid them out (None: lay out ``text``).
    blocks: tuple[Any, ...] | None = field(default=None, compare=False)
    origins: Origins | None = field(default=None, compare=False)
    #: What the reader could not read (pages beyond the limit …), for the PRS rules.
    notes: tuple[str, ...] = ()


class UnreadableInput(Exception):
    """The input cannot be turned into text; ``reason`` is for the user (Chinese)."""

    def __init__(self, reason: str, line: int = 1, column: int = 1):
        super().__init__(reason)
        self.reason = reason
        self.line = line
        self.column = column


def kind_of(path: str) -> str:
    return "html" if path.lower().endswith((".html", ".htm")) else "text"


def decode(data: bytes, path: str) -> Source:
    """Decode ``data``; raise :class:`UnreadableInput` when it is not text."""
    kind = kind_of(path)
    if data.startswith(codecs.BOM_UTF8):
        return Source(path, _strict(data[3:], "utf-8", "UTF-8 (BOM)"), "utf-8-sig", kind)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Source(path, _strict(data, "utf-16", "UTF-16"), "utf-16", kind)
    if len(data) >= 4 and _looks_utf16_without_bom(data):
        codec = "utf-16-le" if data[1] == 0 else "utf-16-be"
        return Source(path, _strict(data, codec, "UTF-16"), codec, kind)
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = line_column(data, nul)
        raise UnreadableInput(f"文件含有空字节（第 {nul} 字节），是二进制文件而不是文本", line, column)
    try:
        text = data.decode("utf-8")
        encoding = "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
            encoding = "gb18030"
        except UnicodeDecodeError:
            line, column = line_column(data, utf8_error.start)
            raise UnreadableInput(
                f"无法识别文件编码：既不是 UTF-8，也不是 GB18030/GBK（第 {utf8_error.start} 字节处无效）",
                line,
                column,
            ) from None
    _reject_control_characters(text)
    return Source(path, text, encoding, kind)


def _strict(data: bytes, codec: str, label: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise UnreadableInput(f"文件声明为 {label} 编码，但第 {error.start} 字节处解码失败") from None
    text = text.lstrip("\ufeff")
    _reject_control_characters(text)
    return text


def _looks_utf16_without_bom(data: bytes) -> bool:
    """ASCII-heavy UTF-16 without BOM: every other byte of the head is NUL."""
    head = data[:200]
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    half = len(head) // 2
    return max(even_nuls, odd_nuls) > 0.4 * half and min(even_nuls, odd_nuls) == 0


#: C0 control characters other than the white space ones (\t \n \v \f \r).
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f]")


def _reject_control_characters(text: str) -> None:
    """Text whose share of C0 control characters is high is binary data that decoded by luck."""
    sample = text[:65536]
    if not sample:
        return
    controls = len(_CONTROLS.findall(sample))
    if controls > 8 and controls > 0.02 * len(sample):
        raise UnreadableInput(f"文件含有大量控制字符（{controls} 个），不是文本文件")


def line_model(text: str) -> str:
    """``text`` with every lone carriage return made a line feed: the same
    length, and its lines are those editors show (a line ends at \\n, \\r\\n or
    a lone \\r). Every reader and every position goes through it."""
    return _LONE_CR.sub("\n", text) if "\r" in text else text


_LONE_CR = re.compile(r"\r(?!\n)")
_LONE_CR_BYTES = re.compile(rb"\r(?!\n)")


def line_column(buffer: str | bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset, lines as editors count them:
    code points in text; bytes (an approximation) in data that could not be decoded."""
    if isinstance(buffer, str):
        head, newline = line_model(buffer[:offset]), "\n"
    else:
        head, newline = _LONE_CR_BYTES.sub(b"\n", buffer[:offset]), b"\n"
    line = head.count(newline) + 1
    column = offset - head.rfind(newline)
    return line, column


def offset_of(text: str, line: int, column: int) -> int:
    """The offset in ``text`` of a 1-based line and column (the inverse of :func:`line_column`)."""
    model = line_model(text)
    start = 0
    for _ in range(line - 1):
        start = model.find("\n", start) + 1
        if start == 0:
            return len(text)
    return min(start + column - 1, len(text))


def read_path(path: str, limits: Limits = Limits()) -> Source:
    """Read a file; raise :class:`UnreadableInput` on failure. Only regular
    files are opened: a FIFO or a device would block or never end."""
    import os
    import stat

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise UnreadableInput("不是普通文件（目录、管道、设备或套接字），未读取")
        with open(path, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except OSError as error:
        raise UnreadableInput(f"无法读取文件：{os_error_text(error)}") from None
    return read_bytes(data, path, limits)


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps, .xls (OLE compound file)


def read_bytes(data: bytes, path: str, limits: Limits = Limits()) -> Source:
    """A file's bytes as a Source, by what they are (PDF, Word, older office
    formats, text or HTML); raise :class:`UnreadableInput` when they cannot be read."""
    source = _read(data, path, limits)
    if len(source.text) > limits.max_chars:
        raise UnreadableInput(f"文件正文超过 {limits.max_chars} 字（配置项 limits.max-chars），"
                              "远超任何年度报告，未检查")
    return source


def _read(data: bytes, path: str, limits: Limits) -> Source:
    if len(data) > limits.max_bytes:
        raise UnreadableInput(f"文件超过 {limits.max_bytes // (1024 * 1024)} MB（配置项 limits.max-file-size），"
                              "不像是一份年度报告，未读取")
    suffix = path.lower().rsplit(".", 1)[-1] if "." in path else ""
    head = data[:1024]
    if b"%PDF-" in head:
        from .pdf_layout import read_pdf

        return read_pdf(data, path, limits.max_pages, limits.seconds)
    if data.startswith(b"PK\x03\x04") and suffix not in ("txt", "md", "html", "htm"):
        from .docx_layout import read_docx, is_docx

        if is_docx(data):
            return read_docx(data, path)
        if f".{suffix}" not in OFFICE_SUFFIXES:
            raise UnreadableInput("文件是压缩包或其他办公文档，不是年度报告的文本、PDF 或 Word 文件")
    if data.startswith(_OLE) or f".{suffix}" in OFFICE_SUFFIXES or data.startswith(b"{\\rtf"):
        from .office import read_office

        return read_office(data, path, limits)
    return decode(data, path)
