"""Findings: what a rule reports, with evidence and a stable fingerprint."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import Any

from .ast import Span

SEVERITIES = ("error", "warning", "info")
PROVENANCES = ("source", "extraction", "recovered")


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


def fingerprint(code: str, path: str, logical_location: str, evidence: str) -> str:
    """Stable across re-runs and line shifts: built from what and where, not line numbers."""
    text = "\x1f".join((code, path.replace("\\", "/"), logical_location, evidence))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
