from __future__ import annotations

from typing import Iterator

from linter import arithmetic as A
from linter.ast import Report
from linter.diagnostics import Diagnostic
from linter.rule import Rule


class StatisticsTableSums(Rule):
    """## What it does
    Checks the era-2007 statistics table (政府信息公开情况统计表). National
    table (国办发〔2014〕32号, FORMATS.md §3.5), errors: （一）收到申请数 = 当面 +
    传真 + 网络 + 信函申请数; （二）申请办结数 = 按时 + 延期办结数; （三）申请答复数 =
    its eight numbered kinds; 4.不同意公开答复数 = its six 其中 rows; 四、行政复议数量
    and 五、行政诉讼数量 = 维持 + 纠错 + 其他情形; 从事政府信息公开工作人员数 = 专职 +
    兼职. Fujian table (§3.6), per column 年度 and 历年累计: 受理…总数 = the
    channel rows present; 对申请的答复总数 = the answer kinds present.
    Warnings (plausibility): each publication channel ≤ 主动公开 total; each
    其中 row ≤ its parent. The finding points at the total's value cell; blanks
    count as 0 and the message says so; unreliable cells are skipped.

    ## Why is this bad?
    The statistics table of 国办发〔2014〕32号 is built from totals and their
    parts; a total that differs from its parts is 数据不准确 in a report the 条例
    (第三十一、三十二条) requires every agency to publish. Seed 004 reports 申请办结数 0
    while 按时办结数 is 2.

    ## Example
    Fails (seed 004, lines 159–169):
    ```
    	（二）申请办结数	件	0
    	1.按时办结数	件	2
    	2.延期办结数	件	0
    ```

    Passes: 申请办结数 2.
    """

    code = "ARI005"
    name = "statistics-table-sums"
    severity = "error"
    eras = ("2007",)
    summary = "统计表（2007年条例时期）总数与分项不符"
    documentation_zh = """## 检查内容
    检查2007年条例时期的统计表（政府信息公开情况统计表）。全国统一统计表（国办发〔2014〕32号，FORMATS.md §3.5），以下关系不成立时报错误：（一）收到申请数 = 当面 + 传真 + 网络 + 信函申请数；（二）申请办结数 = 按时 + 延期办结数；（三）申请答复数 = 其下八个编号分项之和；4.不同意公开答复数 = 其下六个"其中"行之和；四、行政复议数量和五、行政诉讼数量 = 维持 + 纠错 + 其他情形；从事政府信息公开工作人员数 = 专职 + 兼职。福建省统计表（§3.6），按年度和历年累计两列分别检查：受理…总数 = 表中现有各渠道行之和；对申请的答复总数 = 表中现有各答复类型之和。以下关系不成立时报警告（合理性检查）：每一公开渠道的数值 ≤ 主动公开总数；每一"其中"行 ≤ 其上级行。问题定位在总数的数值单元格；空白按 0 计算，提示信息会注明这一点；不可靠的单元格不作检查。

    ## 为什么要检查
    国办发〔2014〕32号的统计表由总数及其分项构成；总数与分项不符，即属数据不准确，而这份报告是条例（第三十一、三十二条）要求每个行政机关都必须公布的。seed 004 样本中申请办结数为 0，而按时办结数为 2。

    ## 示例
    不通过（seed 004 样本，第 159–169 行）：
    ```
    	（二）申请办结数	件	0
    	1.按时办结数	件	2
    	2.延期办结数	件	0
    ```

    通过：申请办结数为 2。
    """

    def check(self, report: Report) -> Iterator[Diagnostic]:
        for table in A.tables(report, "统计表"):
            checks = list(A.table7_checks(table))
            strict = {id(identity) for identity, is_strict in checks if is_strict}
            for outcome in A.failures(report, self.code, [identity for identity, _ in checks]):
                target = outcome.target
                column = f"“{target.column}”列" if len(table.columns) > 1 else ""
                if id(outcome.identity) in strict:
                    message = (f"统计表“{target.label}”{column}{A.describe(outcome)}。总数应等于各分项之和，"
                               "请核对总数或分项")
                else:
                    (piece,) = outcome.identity.left
                    message = (f"统计表“{piece.label}”{column}为 {A.shown(outcome.expected)}，大于“{target.label}”"
                               f"{A.shown(outcome.actual)}{outcome.blank_note()}；分项一般不应超过总数，请核对")
                diagnostic = A.finding(self, outcome, message,
                                       f"统计表/{target.label}" + (f"/{target.column}" if column else "")
                                       + ("" if id(outcome.identity) in strict else f"/{outcome.identity.left[0].label}"),
                                       check=outcome.identity.id.split(": ")[1].split(" ")[0])
                if id(outcome.identity) not in strict:
                    diagnostic.severity = "warning"
                yield diagnostic
