"""Output formats. Each takes the sorted file results and returns the text to print.

The JSON schema is versioned (``xxgk-lint.report/1``) and only grows: fields
are never renamed or removed, so editors and batch tools can rely on it.
"""
from __future__ import annotations

import json
from typing import Callable

from . import __version__
from .diagnostics import Diagnostic
from .engine import FileResult
from .hookspecs import hookimpl

SCHEMA = "xxgk-lint.report/1"
_SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


def summary(results: list[FileResult]) -> dict[str, int]:
    counts = {"files": len(results), "errors": 0, "warnings": 0, "infos": 0}
    for result in results:
        for diagnostic in result.diagnostics:
            counts[diagnostic.severity + "s"] += 1
    return counts


def format_text(results: list[FileResult]) -> str:
    lines = []
    for result in results:
        for d in result.diagnostics:
            lines.append(f"{result.path}:{d.span.line}:{d.span.column}: {d.code} {d.message}")
    counts = summary(results)
    total = counts["errors"] + counts["warnings"] + counts["infos"]
    with_findings = sum(1 for r in results if r.diagnostics)
    if total:
        lines.append(
            f"发现 {total} 个问题（错误 {counts['errors']}，警告 {counts['warnings']}，提示 {counts['infos']}），"
            f"共检查 {counts['files']} 个文件，其中 {with_findings} 个文件有问题。"
        )
    else:
        lines.append(f"共检查 {counts['files']} 个文件，未发现问题。")
    return "\n".join(lines) + "\n"


def _diagnostic_json(d: Diagnostic) -> dict:
    return {
        "code": d.code,
        "name": d.name,
        "severity": d.severity,
        "message": d.message,
        "location": {"line": d.span.line, "column": d.span.column},
        "end_location": {"line": d.span.end_line, "column": d.span.end_column},
        "logical_location": d.logical_location,
        "data": d.data,
        "fingerprint": d.fingerprint,
        "provenance": d.provenance,
    }


def file_json(result: FileResult) -> dict:
    return {
        "path": result.path,
        "era": result.era,
        "era_source": result.era_source,
        "report_year": result.report_year,
        "agency": result.agency,
        "published": result.published,
        "status": result.status,
        "diagnostics": [_diagnostic_json(d) for d in result.diagnostics],
        "skipped_identities": result.skipped_identities,
    }


def format_json(results: list[FileResult]) -> str:
    document = {
        "schema": SCHEMA,
        "tool": {"name": "xxgk-lint", "version": __version__},
        "files": [file_json(result) for result in results],
        "summary": summary(results),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


FORMATTERS: dict[str, Callable[[list[FileResult]], str]] = {
    "text": format_text,
    "json": format_json,
}


@hookimpl
def xxgk_lint_output_formats() -> dict[str, Callable[[list[FileResult]], str]]:
    return dict(FORMATTERS)
