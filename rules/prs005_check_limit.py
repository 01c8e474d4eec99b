from __future__ import annotations

from typing import Iterator

from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class CheckLimitExceeded(Rule):
    """## What it does
    Reports a file whose check did not finish: it took longer than the time
    budget (`limits.check-seconds`, 15 s by default), needed more memory than
    the memory budget (`limits.max-memory`, 2048 MB by default), or the
    worker process checking it died (a crash in a PDF library, the system's
    out-of-memory killer). The message says which, and how far the check got.
    The rest of the run goes on; no other file is affected.

    ## Why is this bad?
    A real annual report is checked in well under a second. A file that needs
    minutes or gigabytes is not an ordinary report (a huge generated table, a
    damaged or hostile file), and nothing can be said about it: it must not
    look clean, so the finding cannot be ignored or baselined.

    ## Example
    Fails: a 50 MB text file of nothing but table rows, or a PDF that crashes
    the PDF library.

    Passes: any ordinary report, text, web page, PDF or Word file.
    """

    code = "PRS005"
    name = "check-limit-exceeded"
    severity = "error"
    provenance = "extraction"
    summary = "检查未能完成（超时、超出内存或检查进程意外终止）"

    def check(self, report: Report) -> Iterator[Diagnostic]:
        return iter(())  # made by linter.batch when a check is stopped; see linter.engine.limit_exceeded
