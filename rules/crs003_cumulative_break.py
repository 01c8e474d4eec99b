from __future__ import annotations

from typing import Iterator

from linter.crossreport import CrossReportRule, ReportSet, span_of
from linter.diagnostics import Diagnostic

CUMULATIVE = "历年累计"


def readings(row: dict, cumulative: int) -> list[tuple[int, int]]:
    """The (年度, 历年累计) pairs a row may hold: the two cells as read, or —
    when the crawler glued them into one run of digits — every way of cutting
    the run (no leading zeros, 年度 ≤ 历年累计). Empty when neither can be had."""
    cells = row["cells"]
    if len(cells) == 2 and cumulative == 1 and cells[0][0] is not None and cells[1][0] is not None:
        return [(cells[0][0], cells[1][0])] if all(isinstance(c[0], int) for c in cells) else []
    if len(cells) == 1 and cells[0][7] and cells[0][1].isdigit() and cumulative == 1:
        digits = cells[0][1]
        out = []
        for cut in range(1, len(digits)):
            year, total = digits[:cut], digits[cut:]
            if (len(year) > 1 and year[0] == "0") or (len(total) > 1 and total[0] == "0"):
                continue
            if int(year) <= int(total):
                out.append((int(year), int(total)))
        return out
    return []


class CumulativeBreak(CrossReportRule):
    """## What it does
    Era 2007 statistics tables with the columns 年度 and 历年累计 (Fujian):
    across two years of one unit, each row's 历年累计 must equal last year's
    历年累计 plus this year's 年度 figure. Crawler text often glues the two cells
    into one run of digits (``条212210037``); then every way of cutting the run
    is tried, and the rule speaks only when no cut of either year's run makes
    the sum hold (the finding is then certain; its figures show the cut that
    comes closest, and its provenance is ``recovered``).

    ## Why is this bad?
    A running total that does not continue last year's total is wrong in one
    of the two years; it is how a regulator sees a restart, a typo or a copy.

    ## Example
    2016 历年累计 85376; 2017 年度 2122 and 历年累计 10037 (not 87498).
    """

    code = "CRS003"
    name = "cumulative-break"
    severity = "warning"
    eras = ("2007",)
    summary = "历年累计与上年报告的历年累计加本年数不衔接"
    documentation_zh = """## 检查内容
    2007 年条例时期、含“年度”和“历年累计”两列的统计表（福建省表样）：同一单位相邻两年，每一行的历年累计应等于上年历年累计加本年年度数。网页抓取的文本常把两个单元格连成一串数字（如“条212210037”），此时尝试所有拆分方式，只有无论怎样拆分都不成立时才报告（结论确定；信息中的数字取最接近成立的拆分，来源标为 recovered）。

    ## 为什么要检查
    累计数不接续上年累计数，说明两年中必有一年有误，常见于重新起算、笔误或照抄。

    ## 示例
    2016 年历年累计 85376；2017 年年度 2122、历年累计 10037（应为 87498）。
    """

    def check_reports(self, reports: ReportSet) -> Iterator[tuple[str, Diagnostic]]:
        for last, this in reports.year_pairs():
            before, now = last.table("统计表"), this.table("统计表")
            if not before or not now or CUMULATIVE not in before["columns"] or CUMULATIVE not in now["columns"]:
                continue
            for key, row in now["rows"].items():
                if key not in before["rows"]:
                    continue
                finding = self._compare(last, this, before, now, key, row)
                if finding is not None:
                    yield this.path, finding

    def _compare(self, last, this, before: dict, now: dict, key: str, row: dict) -> Diagnostic | None:
        old = readings(before["rows"][key], before["columns"].index(CUMULATIVE))
        new = readings(row, now["columns"].index(CUMULATIVE))
        if not old or not new:
            return None
        totals = {total for _, total in old}
        if any(total - year in totals for year, total in new):
            return None  # some reading continues last year's total
        previous, (year, total) = min(((p, n) for p in sorted(totals) for n in new),
                                      key=lambda pair: (abs(pair[1][1] - pair[0] - pair[1][0]), pair[1]))
        split = len(old) > 1 or len(new) > 1
        how = "（单元格粘连，无论如何拆分都不成立；此处按最接近的拆分）" if split else ""
        message = (f"“{row['label']}”历年累计为 {total}，但上年（{last.year}年）历年累计 {previous} + 本年 {year} = "
                   f"{previous + year}：历年累计没有接续上年{how}（上年报告：{last.path}）")
        cells = row["cells"]
        span = span_of(cells[-1])
        related = before["rows"][key]["cells"][-1]
        return self.finding(message, span, f"统计表/{row['label']}/历年累计", f"{row['label']}:{total}:{previous}:{year}",
                            related=last.path, related_line=related[2], related_column=related[3],
                            last_year=last.year, expected=previous + year, found=total,
                            provenance="recovered" if split else "source")
