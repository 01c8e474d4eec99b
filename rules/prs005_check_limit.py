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
    documentation_zh = """## 检查内容
    检出检查未能完成的文件：用时超过时间预算（`limits.check-seconds`，默认 15 秒），所需内存超过内存预算（`limits.max-memory`，默认 2048 MB），或检查该文件的工作进程意外终止（PDF 库崩溃、被系统的内存不足终止机制结束）。提示信息会说明属于哪种情况，以及检查进行到了哪一步。本次运行的其余部分照常进行，其他文件不受影响。

    ## 为什么要检查
    一份真实的年度报告，检查用时远不到一秒。需要几分钟或数 GB 内存的文件不是普通的报告（巨大的自动生成表格、损坏或恶意构造的文件），对它无法作出任何判断：它不能显得没有问题，因此这一检查结果不能被忽略，也不能纳入基线。

    ## 示例
    不通过：一个 50 MB、全是表格行的文本文件，或一个会使 PDF 库崩溃的 PDF 文件。

    通过：任何普通报告，无论是文本、网页、PDF 还是 Word 文件。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        return iter(())  # made by linter.batch when a check is stopped; see linter.engine.limit_exceeded
