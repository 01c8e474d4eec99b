"""Output formats. Each takes the sorted file results and returns the text to print.

``text`` is one line per finding, ``path:line:column: severity CODE message``
(severity ``error``/``warning``/``info``, as problem matchers expect), then a
summary; ``json`` is one document; ``json-lines`` one JSON object per file, as
soon as it is known (the same object as in ``json``'s ``files``). The CI
formats (SARIF, GitHub, GitLab, JUnit) are in :mod:`linter.formats_ci`.

The JSON schema is versioned (``xxgk-lint.report/1``) and only grows: fields
are never renamed or removed, so editors and batch tools can rely on it.
"""
from __future__ import annotations

import json
from typing import Callable

from . import __version__
from .ast import json_default, json_plain
from .diagnostics import Diagnostic, path_bytes, printable_path
from .engine import FileResult
from .hookspecs import hookimpl

SCHEMA = "xxgk-lint.report/1"
_SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


def summary(results: list[FileResult]) -> dict[str, int]:
    checked = [r for r in results if r.skipped is None]
    counts = {"files": len(checked), "errors": 0, "warnings": 0, "infos": 0,
              "skipped": len(results) - len(checked)}
    for result in checked:
        for diagnostic in result.diagnostics:
            counts[diagnostic.severity + "s"] += 1
    return counts


def where(path: str, d: Diagnostic) -> str:
    """``path:line:column`` (``path:第3页:line:column`` on a PDF: the line and
    column are those of the text ``xxgk-lint extract`` prints)."""
    page = f"第{d.origin['page']}页:" if d.origin and "page" in d.origin else ""
    return f"{printable_path(path)}:{page}{d.span.line}:{d.span.column}"


def format_text(results: list[FileResult], verbose: bool = False) -> str:
    lines = []
    skipped = [r for r in results if r.skipped is not None]
    for result in results:
        if result.skipped is not None:
            if verbose:
                lines.append(f"{printable_path(result.path)}: 已跳过：{result.skipped}")
            continue
        for d in result.diagnostics:
            lines.append(f"{where(result.path, d)}: {d.severity} {d.code} {d.message}")
    counts = summary(results)
    total = counts["errors"] + counts["warnings"] + counts["infos"]
    with_findings = sum(1 for r in results if r.diagnostics and r.skipped is None)
    if total:
        lines.append(
            f"发现 {total} 个问题（错误 {counts['errors']}，警告 {counts['warnings']}，提示 {counts['infos']}），"
            f"共检查 {counts['files']} 个文件，其中 {with_findings} 个文件有问题。"
        )
    else:
        lines.append(f"共检查 {counts['files']} 个文件，未发现问题。")
    if skipped:
        hint = "" if verbose else "（--verbose 列出）"
        lines.append(f"另有 {len(skipped)} 个文件不是报告，已跳过{hint}：{_kinds(skipped)}。")
    return "\n".join(lines) + "\n"


def _kinds(skipped: list[FileResult]) -> str:
    from collections import Counter

    counts = Counter(r.skipped for r in skipped)
    return "；".join(f"{reason} {n} 个" for reason, n in counts.most_common(5))


def _diagnostic_json(d: Diagnostic) -> dict:
    return {
        "code": d.code,
        "name": d.name,
        "severity": d.severity,
        "message": d.message,
        "location": {"line": d.span.line, "column": d.span.column},
        "end_location": {"line": d.span.end_line, "column": d.span.end_column},
        "logical_location": d.logical_location,
        "data": json_plain(d.data),
        "fingerprint": d.fingerprint,
        "provenance": d.provenance,
        **({"origin": d.origin} if d.origin else {}),
        "fix": fix_json(d),
    }


def fix_json(d: Diagnostic) -> dict | None:
    """``{"applicability": "safe", "message", "edits": [{location, end_location, content}]}`` or None."""
    if not d.fix:
        return None
    return {
        "applicability": "safe",
        "message": "；".join(f"将“{e.original}”改为“{e.replacement}”" for e in d.fix),
        "edits": [{"location": {"line": e.span.line, "column": e.span.column},
                   "end_location": {"line": e.span.end_line, "column": e.span.end_column},
                   "content": e.replacement} for e in d.fix],
    }


def file_json(result: FileResult) -> dict:
    """One file's record. ``path`` is always valid Unicode; a name that is not
    UTF-8 is escaped there and its bytes kept in ``path_bytes`` (base64)."""
    name = {"path": printable_path(result.path)}
    raw = path_bytes(result.path)
    if raw is not None:
        name["path_bytes"] = raw
    if result.skipped is not None:
        return {**name, "status": "skipped", "reason": result.skipped, "diagnostics": []}
    return {
        **name,
        "era": result.era,
        "era_source": result.era_source,
        "report_year": result.report_year,
        "agency": result.agency,
        "published": result.published,
        "status": result.status,
        "diagnostics": [_diagnostic_json(d) for d in result.diagnostics],
        "skipped_identities": json_plain(result.skipped_identities),
    }


def format_json(results: list[FileResult]) -> str:
    document = {
        "schema": SCHEMA,
        "tool": {"name": "xxgk-lint", "version": __version__},
        "files": [file_json(result) for result in results],
        "summary": summary(results),
    }
    return json.dumps(document, ensure_ascii=False, indent=2, default=json_default) + "\n"


def format_json_lines(results: list[FileResult]) -> str:
    return "".join(json.dumps(file_json(result), ensure_ascii=False, default=json_default) + "\n"
                   for result in results)


def _ci(name: str) -> Callable[[list[FileResult]], str]:
    """A CI format, imported when it is used."""
    def format_ci(results: list[FileResult]) -> str:
        from . import formats_ci

        return getattr(formats_ci, name)(results)

    return format_ci


FORMATTERS: dict[str, Callable[[list[FileResult]], str]] = {
    "text": format_text,
    "json": format_json,
    "json-lines": format_json_lines,
    "sarif": _ci("format_sarif"),
    "github": _ci("format_github"),
    "gitlab": _ci("format_gitlab"),
    "junit": _ci("format_junit"),
}


@hookimpl
def xxgk_lint_output_formats() -> dict[str, Callable[[list[FileResult]], str]]:
    return dict(FORMATTERS)
