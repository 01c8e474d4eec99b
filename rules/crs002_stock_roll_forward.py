from __future__ import annotations

from typing import Iterator

from linter.crossreport import CrossReportRule, ReportSet, span_of
from linter.diagnostics import Diagnostic

_ROWS = {"t2.rules": "规章", "t2.normative": "行政规范性文件"}


class StockRollForward(CrossReportRule):
    """## What it does
    Across two years of one unit, both on the 2021 template: table 二's
    现行有效件数 of 规章 and 行政规范性文件 should roll forward — last year's
    现行有效件数 + this year's 本年制发件数 − 本年废止件数. A warning only:
    documents also expire (有效期届满) without being repealed, so the stock may
    fall further; the finding asks for a check, and a rise beyond what was
    issued is the clear case.

    ## Why is this bad?
    The stock of documents in force is one number carried from year to year;
    a jump no issue or repeal explains usually means one year's table is wrong.

    ## Example
    2023: 现行有效 100; 2024: 制发 5, 废止 2, 现行有效 130 (expected about 103).
    """

    code = "CRS002"
    name = "stock-roll-forward"
    severity = "warning"
    eras = ("2021",)
    summary = "现行有效件数与上年现行有效件数、本年制发和废止件数不衔接"
    documentation_zh = """## 检查内容
    同一单位相邻两年、均为 2021 年格式的报告：表二“规章”“行政规范性文件”的现行有效件数应约等于上年现行有效件数 + 本年制发件数 − 本年废止件数。仅作警告：文件也会因有效期届满而失效，不一定经过废止。

    ## 为什么要检查
    现行有效件数是逐年结转的存量；制发和废止都解释不了的变化，通常说明某一年的表格有误。

    ## 示例
    2023 年现行有效 100；2024 年制发 5、废止 2、现行有效 130（应约为 103）。
    """

    def check_reports(self, reports: ReportSet) -> Iterator[tuple[str, Diagnostic]]:
        for last, this in reports.year_pairs():
            if last.facts.get("era") != "2021" or this.facts.get("era") != "2021":
                continue
            before, now = last.rows("表二"), this.rows("表二")
            for key, label in _ROWS.items():
                if key not in before or key not in now:
                    continue
                old, new = before[key]["cells"], now[key]["cells"]
                if len(old) != 3 or len(new) != 3 or any(c[0] is None for c in (old[2], *new)):
                    continue
                issued, repealed, in_force = (c[0] for c in new)
                expected = old[2][0] + issued - repealed
                if in_force == expected or not all(isinstance(v, int) for v in (expected, in_force)):
                    continue
                message = (f"表二“{label}”现行有效件数为 {in_force}，而上年（{last.year}年）现行有效 {old[2][0]} + "
                           f"本年制发 {issued} − 本年废止 {repealed} = {expected}；如差额不是有效期届满等原因所致，"
                           f"请核对两年的表格（上年报告：{last.path}）")
                yield this.path, self.finding(
                    message, span_of(new[2]), f"表二/{label}/现行有效件数", f"{label}:{in_force}:{expected}",
                    related=last.path, related_line=old[2][2], related_column=old[2][3], last_year=last.year,
                    expected=expected, found=in_force)
