from __future__ import annotations

from typing import Iterator

from linter.ast import Report, Span
from linter.diagnostics import Diagnostic
from linter.labels import expected_era
from linter.rule import Rule

_NAMES = {"2007": "旧条例时期（2018年及以前）的统计表", "2019": "2019年试行格式（国办公开办函〔2019〕60号）",
          "2021": "2021年格式（国办公开办函〔2021〕30号）"}


class WrongTemplate(Rule):
    """## What it does
    Reports a report whose tables follow the template of another era than its
    report year requires: 2018 and earlier → the old 条例's statistics tables,
    2019–2020 → the 2019 trial format, 2021 and later → the 2021 format. The era
    of the tables is told by labels found only in one template (e.g.
    `本年新制作数量`, `第二十条第（九）项` for 2019; `本年制发件数` for 2021;
    `申请办结数` for the old table); the message names them.

    A 2019 or 2020 report already on the 2021 tables is a warning (the 2019
    notice only encouraged its format). The old 条例's statistics table in a 2019
    or later report is always an error: it lapsed with the old 条例.

    ## Why is this bad?
    Both later notices say that the earlier reports and statistical scopes lapse
    with the old 条例; figures on the wrong template cannot be compared with other
    agencies' and miss items the current template requires (a 2022 report on the
    2019 tables is a documented real case).

    ## Example
    Fails: a report titled `…2022年政府信息公开工作年度报告` whose table 二 has the
    columns `本年新制作数量 | 本年新公开数量 | 对外公开总数量`.

    Passes: the same report with `本年制发件数 | 本年废止件数 | 现行有效件数`.
    """

    code = "TPL001"
    name = "wrong-template"
    severity = "error"
    summary = "报告使用的模板与报告年度不符"
    documentation_zh = """## 检查内容
    检出表格所用模板与报告年度所要求时期不符的报告：2018年及以前 → 原条例的统计表，2019–2020年 → 2019年试行格式，2021年及以后 → 2021年格式。表格所属时期根据只出现在某一模板中的标签判断（例如2019年格式的 `本年新制作数量`、`第二十条第（九）项`；2021年格式的 `本年制发件数`；旧统计表的 `申请办结数`）；提示信息会列出这些标签。

    2019年或2020年的报告已采用2021年表格的，作为警告（2019年的通知只是鼓励采用其格式）。2019年及以后的报告使用原条例统计表的，一律作为错误：该统计表已随原条例失效。

    ## 为什么要检查
    后两份通知均指出，此前的报告和统计口径随原条例一并失效；用错模板填写的数据无法与其他机关比较，也会缺少现行模板要求的项目（2022年报告使用2019年表格是有据可查的真实案例）。

    ## 示例
    不通过：标题为 `…2022年政府信息公开工作年度报告` 的报告，其表二的列为 `本年新制作数量 | 本年新公开数量 | 对外公开总数量`。

    通过：同一报告，表二的列为 `本年制发件数 | 本年废止件数 | 现行有效件数`。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        year = report.meta.report_year
        if report.era_source != "labels" or year is None:
            return  # chosen by year or forced by --era: nothing to compare
        required = expected_era(year)
        if report.era == required:
            return
        labels = report.fingerprints.get(report.era, [])
        shown = "、".join(f"“{label}”" for label in labels[:3])
        span = next((report.fingerprint_spans[label] for label in labels if label in report.fingerprint_spans),
                    report.meta.title_span or Span(1, 1, 1, 1))
        # The notices tolerate 2019/2020 reports already on the 2021 tables; the old
        # statistics table lapsed with the old 条例, so it is never tolerated.
        softened = report.era == "2021" and year in (2019, 2020)
        finding = self.finding(
            f"{year}年度报告应使用{_NAMES[required]}，但报告中的{shown}等标签属于{_NAMES[report.era]}"
            + ("（该年度允许，建议统一为应使用的格式）" if softened else "，请改用应使用的模板"),
            span, f"模板/{report.era}", f"{year}|{report.era}",
            report_year=year, used_era=report.era, required_era=required, labels=labels,
        )
        if softened:
            finding.severity = "warning"
        yield finding
