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

from typing import Callable

from . import __version__
from .ast import json_default, json_plain
from .diagnostics import Diagnostic, path_bytes, printable_path
from .engine import FileResult
from .hookspecs import hookimpl

SCHEMA = "xxgk-lint.report/1"
_SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}


class Tally:
    """The run's counts, kept as files stream past (nothing else is held)."""

    def __init__(self) -> None:
        self.files = self.errors = self.warnings = self.infos = self.with_findings = 0
        self.crashed = 0
        self.skipped: dict[str, int] = {}  # reason -> files

    @staticmethod
    def of(result: FileResult) -> tuple:
        """What one file adds, small enough to cross a pipe: (skipped reason, errors, warnings, infos, crashed)."""
        counts = {"error": 0, "warning": 0, "info": 0}
        for d in result.diagnostics:
            counts[d.severity] = counts.get(d.severity, 0) + 1
        return result.skipped, counts["error"], counts["warning"], counts["info"], result.crashed

    def add(self, counts: tuple) -> None:
        skipped, errors, warnings, infos, crashed = counts
        if skipped is not None:
            self.skipped[skipped] = self.skipped.get(skipped, 0) + 1
            return
        self.files += 1
        self.errors += errors
        self.warnings += warnings
        self.infos += infos
        self.with_findings += bool(errors or warnings or infos)
        self.crashed += bool(crashed)

    def summary(self) -> dict[str, int]:
        return {"files": self.files, "errors": self.errors, "warnings": self.warnings, "infos": self.infos,
                "skipped": sum(self.skipped.values())}


def tally(results: list[FileResult]) -> Tally:
    counts = Tally()
    for result in results:
        counts.add(Tally.of(result))
    return counts


def where(path: str, d: Diagnostic) -> str:
    """``path:line:column`` (``path:第3页:line:column`` on a PDF: the line and
    column are those of the text ``xxgk-lint extract`` prints)."""
    page = f"第{d.origin['page']}页:" if d.origin and "page" in d.origin else ""
    return f"{printable_path(path)}:{page}{d.span.line}:{d.span.column}"


def text_lines(result: FileResult, verbose: bool = False) -> str:
    """One file's lines of the text format."""
    if result.skipped is not None:
        return f"{printable_path(result.path)}: 已跳过：{result.skipped}\n" if verbose else ""
    return "".join(f"{where(result.path, d)}: {d.severity} {d.code} {d.message}\n" for d in result.diagnostics)


def text_summary(counts: Tally, verbose: bool = False, interrupted: bool = False) -> str:
    lines = []
    if interrupted:
        lines.append(f"检查已中断：以上是已完成的 {counts.files + sum(counts.skipped.values())} 个文件的结果。")
    total = counts.errors + counts.warnings + counts.infos
    if total:
        lines.append(
            f"发现 {total} 个问题（错误 {counts.errors}，警告 {counts.warnings}，提示 {counts.infos}），"
            f"共检查 {counts.files} 个文件，其中 {counts.with_findings} 个文件有问题。"
        )
    else:
        lines.append(f"共检查 {counts.files} 个文件，未发现问题。")
    skipped = sum(counts.skipped.values())
    if skipped:
        hint = "" if verbose else "（--verbose 列出）"
        kinds = "；".join(f"{reason} {n} 个" for reason, n in
                         sorted(counts.skipped.items(), key=lambda item: -item[1])[:5])
        lines.append(f"另有 {skipped} 个文件不是报告，已跳过{hint}：{kinds}。")
    return "\n".join(lines) + "\n"


def format_text(results: list[FileResult], verbose: bool = False) -> str:
    return "".join(text_lines(result, verbose) for result in results) + text_summary(tally(results), verbose)


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
        # (the bulk of a record: its Decimals are left to json.dumps's default=json_default,
        # which every writer of this record passes, rather than copied in Python first)
        "skipped_identities": result.skipped_identities,
    }


def format_json(results: list[FileResult]) -> str:
    stream = JsonStream()
    return stream.head() + "".join(stream.place(stream.file(result)) for result in results) + stream.tail(tally(results))


def format_json_lines(results: list[FileResult]) -> str:
    return "".join(json_line(result) for result in results)


def json_line(result: FileResult) -> str:
    import json  # (here and below: a text run does without the json module)

    return json.dumps(file_json(result), ensure_ascii=False, default=json_default) + "\n"


# ---------------------------------------------------------------------------
# Streams: the formats that can be written file by file as a batch goes, so
# that a run over 100,000 reports holds nothing but its counts. ``file`` runs in
# the worker process; the text it returns is all that crosses the pipe.


class Stream:
    def head(self) -> str:
        return ""

    def file(self, result: FileResult) -> str:
        """One file's text (in the worker)."""
        raise NotImplementedError

    def place(self, chunk: str) -> str:
        """That text as it is written, in order (here: separators go in)."""
        return chunk

    def tail(self, counts: Tally, interrupted: bool = False) -> str:
        return ""


class TextStream(Stream):
    def __init__(self, verbose: bool = False) -> None:
        self.verbose = verbose

    def file(self, result: FileResult) -> str:
        return text_lines(result, self.verbose)

    def tail(self, counts: Tally, interrupted: bool = False) -> str:
        return text_summary(counts, self.verbose, interrupted)


class JsonLinesStream(Stream):
    def file(self, result: FileResult) -> str:
        return json_line(result)


class JsonStream(Stream):
    """Byte for byte what ``json.dumps(document, indent=2)`` would print, a file at a time;
    an interrupted run still ends in a valid document (``summary.interrupted``)."""

    def __init__(self) -> None:
        self.first = True

    def head(self) -> str:
        import json

        tool = json.dumps({"name": "xxgk-lint", "version": __version__}, ensure_ascii=False, indent=2)
        return f'{{\n  "schema": "{SCHEMA}",\n  "tool": {_indent(tool)},\n  "files": ['

    def file(self, result: FileResult) -> str:
        import json

        return _indent(json.dumps(file_json(result), ensure_ascii=False, indent=2, default=json_default), 4)

    def tail(self, counts: Tally, interrupted: bool = False) -> str:
        import json

        document = counts.summary()
        if interrupted:
            document["interrupted"] = True
        close = "\n  ]" if not self.first else "]"
        return f'{close},\n  "summary": {_indent(json.dumps(document, indent=2))}\n}}\n'

    def place(self, chunk: str) -> str:
        separator = "\n    " if self.first else ",\n    "
        self.first = False
        return separator + chunk


def _indent(text: str, by: int = 2) -> str:
    return text.replace("\n", "\n" + " " * by)


STREAMS: dict[str, Callable[..., Stream]] = {
    "text": TextStream,
    "json": JsonStream,
    "json-lines": JsonLinesStream,
}


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
