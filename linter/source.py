"""Reading: bytes on disk (or stdin) -> decoded text, or a reason why not.

The encodings found in published reports form a closed set (UTF-8 with or
without BOM, GB18030/GBK, UTF-16 with BOM), so detection is a fixed order of
strict decodes rather than a statistical guess: a statistical detector
confuses short GBK texts with Big5 or Shift-JIS, a strict decode cannot.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass

#: File suffixes the linter reads when walking a directory.
SUFFIXES = (".txt", ".md", ".html", ".htm")

#: Refuse to read more than this; a report is a few hundred KB at most.
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Source:
    """A decoded input file."""

    path: str
    text: str
    encoding: str
    kind: str  # "text" or "html"


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


def _reject_control_characters(text: str) -> None:
    """Text whose share of C0 control characters is high is binary data that decoded by luck."""
    sample = text[:65536]
    if not sample:
        return
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v")
    if controls > 8 and controls > 0.02 * len(sample):
        raise UnreadableInput(f"文件含有大量控制字符（{controls} 个），不是文本文件")


def line_column(buffer: str | bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset: code points in text; bytes (an
    approximation) in data that could not be decoded."""
    newline = "\n" if isinstance(buffer, str) else b"\n"
    line = buffer.count(newline, 0, offset) + 1
    column = offset - buffer.rfind(newline, 0, offset)
    return line, column


def read_path(path: str) -> Source:
    """Read and decode a file; raise :class:`UnreadableInput` on failure."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise UnreadableInput(f"无法读取文件：{error.strerror or error}") from None
    if len(data) > MAX_BYTES:
        raise UnreadableInput(f"文件超过 {MAX_BYTES // (1024 * 1024)} MB，不像是一份年度报告")
    return decode(data, path)
