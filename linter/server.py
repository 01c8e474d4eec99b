"""``xxgk-lint server``: a language server (LSP over stdio; pygls + lsprotocol).

* Diagnostics are published when a report is opened, changed or saved — for
  the text types the linter reads (.txt .md .html .htm), from the editor's
  buffer, with the configuration the command line would use for that file.
* The safe fixes (label and heading typos) are offered as quick-fix code
  actions.
* Hovering over a finding shows its rule's documentation.

Positions are the linter's (code points, lines ending at \\n, \\r\\n or a lone
\\r), converted to the position encoding the client negotiated (UTF-16 by
default). Each check runs under the same time and memory budget as on the
command line, so one pathological buffer cannot hang the editor.
"""
from __future__ import annotations

import os

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from . import __version__
from .diagnostics import Diagnostic

#: The document types the server lints (PDF and Word are not text an editor edits).
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
             "info": lsp.DiagnosticSeverity.Information}


class ReportServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("xxgk-lint", __version__)
        from .config import Resolver

        self.resolver = Resolver()
        #: uri -> the findings last published (for code actions and hover).
        self.findings: dict[str, list[Diagnostic]] = {}

    def lint(self, uri: str) -> None:
        from .batch import Budget, check_bounded
        from .engine import lint_bytes

        path = to_fs_path(uri) or uri
        if not path.lower().endswith(SUFFIXES):
            return
        document = self.workspace.get_text_document(uri)
        settings = self.resolver.for_path(path)
        data = document.source.encode("utf-8")
        result = check_bounded(path, lambda name: lint_bytes(data, name, None, settings), Budget.of(settings))
        self.findings[uri] = result.diagnostics
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=uri, version=document.version,
            diagnostics=[self.to_lsp(document, d) for d in result.diagnostics]))

    @staticmethod
    def range_of(document, line: int, column: int, end_line: int, end_column: int) -> lsp.Range:
        """A linter span (1-based, code points) as an LSP range in the client's units."""
        server = lsp.Range(start=lsp.Position(line=max(line - 1, 0), character=max(column - 1, 0)),
                           end=lsp.Position(line=max(end_line - 1, 0), character=max(end_column - 1, 0)))
        return document.range_to_client_units(server)

    def to_lsp(self, document, d: Diagnostic) -> lsp.Diagnostic:
        return lsp.Diagnostic(
            range=self.range_of(document, d.span.line, d.span.column, d.span.end_line, d.span.end_column),
            message=d.message, severity=_SEVERITY.get(d.severity, lsp.DiagnosticSeverity.Warning),
            code=d.code, source="xxgk-lint",
            data={"fingerprint": d.fingerprint, "provenance": d.provenance})


server = ReportServer()


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: ReportServer, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.lint(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: ReportServer, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.lint(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: ReportServer, params: lsp.DidSaveTextDocumentParams) -> None:
    ls.lint(params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ReportServer, params: lsp.DidCloseTextDocumentParams) -> None:
    ls.findings.pop(params.text_document.uri, None)
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
def code_actions(ls: ReportServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    document = ls.workspace.get_text_document(uri)
    wanted = params.range
    actions = []
    for d in ls.findings.get(uri, []):
        if not d.fix:
            continue
        shown = ls.to_lsp(document, d)
        if shown.range.end.line < wanted.start.line or shown.range.start.line > wanted.end.line:
            continue
        edits = [lsp.TextEdit(range=ls.range_of(document, e.span.line, e.span.column, e.span.end_line,
                                                e.span.end_column), new_text=e.replacement) for e in d.fix]
        title = "；".join(f"将“{e.original}”改为“{e.replacement}”" for e in d.fix)
        actions.append(lsp.CodeAction(title=f"{d.code}：{title}", kind=lsp.CodeActionKind.QuickFix,
                                      diagnostics=[shown], is_preferred=True,
                                      edit=lsp.WorkspaceEdit(changes={uri: edits})))
    return actions


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: ReportServer, params: lsp.HoverParams) -> lsp.Hover | None:
    from .plugins import registry

    uri = params.text_document.uri
    document = ls.workspace.get_text_document(uri)
    at = params.position
    for d in ls.findings.get(uri, []):
        shown = ls.to_lsp(document, d).range
        inside = (shown.start.line, shown.start.character) <= (at.line, at.character) <= (shown.end.line,
                                                                                           shown.end.character)
        rule = registry().rule(d.code)
        if inside and rule is not None:
            text = f"**{d.code} {d.name}**：{rule.summary}\n\n{rule.documentation()}"
            return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text), range=shown)
    return None


def serve() -> int:
    """Serve on stdin/stdout until the client says exit."""
    from .startup import settled

    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    settled()  # (a long-lived process: the collector runs as usual)
    server.start_io()
    return 0
