from __future__ import annotations

from typing import Iterator

from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class UnreadableInput(Rule):
    """## What it does
    Reports an input file that cannot be read as text: binary data, an encoding
    other than UTF-8 (with or without BOM), GB18030/GBK or UTF-16 with BOM, or a
    file the operating system refuses to open. The reason is in the message.

    ## Why is this bad?
    《政府信息公开条例》第四十九条 requires the annual report to be published
    for the public to read; a file nobody can decode is not a published report,
    and none of the other checks can run on it.

    ## Example
    Fails: a `.txt` file that is really a ZIP archive (`PK\\x03\\x04…`).

    Passes: the same report saved as UTF-8 or GB18030 text.
    """

    code = "PRS001"
    name = "unreadable-input"
    severity = "error"
    summary = "文件无法读取为文本（二进制文件或无法识别的编码）"
    documentation_zh = """## 检查内容
    检出无法作为文本读取的输入文件：二进制数据；编码不是 UTF-8（带或不带 BOM）、GB18030/GBK 或带 BOM 的 UTF-16；或操作系统拒绝打开的文件。具体原因见提示信息。

    ## 为什么要检查
    《政府信息公开条例》第四十九条要求年度报告向社会公布、供公众查阅；无人能够解码的文件不构成已公布的报告，其他各项检查也都无法对它进行。

    ## 示例
    不通过：一个实际上是 ZIP 压缩包（`PK\\x03\\x04…`）的 `.txt` 文件。

    通过：同一份报告另存为 UTF-8 或 GB18030 编码的文本。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        return iter(())  # raised by the reader, before there is a report; see linter.engine
