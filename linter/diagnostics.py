"""Findings: what a rule reports, with evidence and a stable fingerprint."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import Any

from .ast import Span

SEVERITIES = ("error", "warning", "info")
PROVENANCES = ("source", "extraction", "recovered")
#: Codes that mean a file was not (fully) checked: unreadable, over its time or
#: memory budget, or our own crash. Never ignored, never baselined, never "clean".
NOT_CHECKED = ("PRS001", "PRS005", "INT001")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``original`` at ``span`` (positions in the original file) with ``replacement``."""

    span: Span
    original: str
    replacement: str


@dataclass(slots=True)
class Diagnostic:
    code: str
    name: str
    severity: str
    message: str  # Chinese, for the report's author
    span: Span
    logical_location: str = ""  # e.g. "表三/一、本年新收政府信息公开申请数量"
    data: dict[str, Any] = field(default_factory=dict)
    #: What the finding is about (cell texts, the reason…); with the code, the
    #: file and the logical location it makes the fingerprint. Not printed.
    evidence: str = ""
    fingerprint: str = ""
    #: "source": the published report is wrong there; "extraction": we could not
    #: read it reliably (never the author's error); "recovered": the finding
    #: rests on cells split out of a run of digits whose split was unique.
    provenance: str = "source"
    #: Where in a PDF or Word file: {"page", "bbox"} or {"paragraph"} or {"table", "row", "cell"}.
    origin: dict[str, Any] | None = None
    #: A safe fix (the template's wording for a variant or a typo), as edits of the
    #: original file; only kept where the file holds exactly ``original`` there
    #: (text, Markdown and HTML files; never PDF or Word).
    fix: tuple[Edit, ...] = ()

    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.line, self.span.column, self.code)


def file_identity(path: str, root: str | None) -> str:
    """A file named relative to ``root`` with ``/`` separators (for fingerprints,
    baselines and per-file-ignores): the same however the path was typed."""
    if path in ("-", "") or root is None:
        return path.replace("\\", "/")
    try:
        return os.path.relpath(os.path.abspath(path), os.path.abspath(root)).replace(os.sep, "/")
    except ValueError:  # another drive (Windows)
        return path.replace("\\", "/")


def printable_path(path: str) -> str:
    """A file name as valid Unicode: bytes of a name that is not UTF-8 (which
    the OS hands Python as surrogate escapes) are written ``\\xNN``."""
    if path.isascii() or not any("\ud800" <= ch <= "\udfff" for ch in path):
        return path
    return _raw_name(path).decode("utf-8", "backslashreplace")


def path_bytes(path: str) -> str | None:
    """The original bytes (base64) of a name :func:`printable_path` had to escape."""
    if printable_path(path) == path:
        return None
    import base64

    return base64.b64encode(_raw_name(path)).decode("ascii")


def _raw_name(path: str) -> bytes:
    try:
        return path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that no byte stands for
        return path.encode("utf-8", "surrogatepass")


def fingerprint(code: str, path: str, logical_location: str, evidence: str) -> str:
    """Stable across re-runs and line shifts: built from what and where, not line numbers."""
    text = "\x1f".join((code, path.replace("\\", "/"), logical_location, evidence))
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]  # (names not in UTF-8)
