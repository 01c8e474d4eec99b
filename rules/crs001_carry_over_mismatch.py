from __future__ import annotations

from typing import Iterator

from linter.crossreport import CrossReportRule, ReportSet, span_of
from linter.diagnostics import Diagnostic
from linter.labels import T3_COLUMNS


class CarryOverMismatch(CrossReportRule):
    """## What it does
    Across two years of one unit (``xxgk-lint audit``): this year's table 三 row
    ``二、上年结转政府信息公开申请数量`` must equal last year's row
    ``四、结转下年度继续办理``, column by column (自然人 … 总计). Both reports must
    use the 2019 or 2021 template; a cell that could not be read reliably is
    not compared.

    ## Why is this bad?
    What one year carries forward is by definition what the next year carried
    over. A difference means one of the two published tables is wrong.

    ## Example
    2024's 四、结转下年度继续办理 总计 4, but 2025's 二、上年结转 总计 0.
    """

    code = "CRS001"
    name = "carry-over-mismatch"
    severity = "warning"
    eras = ("2019", "2021")
    summary = "本年“上年结转”与上年报告“结转下年度继续办理”不一致"
    documentation_zh = """## 检查内容
    同一单位相邻两年的报告（xxgk-lint audit）：本年表三“二、上年结转政府信息公开申请数量”应逐列（自然人……总计）等于上年表三“四、结转下年度继续办理”。两份报告都须为 2019 或 2021 年格式；无法可靠读取的单元格不比较。

    ## 为什么要检查
    上年结转到下一年的申请，就是下一年的“上年结转”。两者不同，说明两年的表格之一有误。

    ## 示例
    2024 年“四、结转下年度继续办理”总计 4，2025 年“二、上年结转”总计 0。
    """

    def check_reports(self, reports: ReportSet) -> Iterator[tuple[str, Diagnostic]]:
        for last, this in reports.year_pairs():
            before = last.rows("表三").get("t3.carry_forward")
            now = this.rows("表三").get("t3.carried_over")
            if before is None or now is None or last.facts.get("era") not in self.eras \
                    or this.facts.get("era") not in self.eras:
                continue
            for index, (old, new) in enumerate(zip(before["cells"], now["cells"])):
                if old[0] is None or new[0] is None or old[0] == new[0]:
                    continue
                column = T3_COLUMNS[index] if index < len(T3_COLUMNS) else f"第{index + 1}列"
                message = (f"“二、上年结转政府信息公开申请数量”（{column}）为 {new[0]}，但上年（{last.year}年）报告"
                           f"“四、结转下年度继续办理”为 {old[0]}：两者应当相等（上年报告：{last.path}）")
                yield this.path, self.finding(
                    message, span_of(new), f"表三/二、上年结转/{column}", f"{column}:{new[0]}:{old[0]}",
                    related=last.path, related_line=old[2], related_column=old[3], last_year=last.year,
                    expected=old[0], found=new[0])
