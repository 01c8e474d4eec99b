"""Hypothesis strategies that generate whole, correct annual reports of all three
template eras (FORMATS.md §1).

* :func:`report_2021` — era "2021" (reports for 2021 on): tables 二 (10 values),
  三 (25 rows × 7), 四 (15 values) in the six template parts;
* :func:`report_2019` — era "2019" (reports for 2019, 2020): table 二 with five
  blocks incl. ``第二十条第（九）项`` (22 values: signed ``本年增/减`` such as
  ``+3``/``-15``, ``采购总金额`` such as ``73802895.90元``), table 三 with the
  single ``（六）其他处理`` row (23 rows × 7), table 四;
* :func:`report_2007` — era "2007" (reports for 2018 and earlier): free
  headings and narrative, and a statistics table in the national profile
  (``统计指标 | 单位 | 统计数``, 65 rows) or the Fujian profile
  (``指标名称 | 计量单位 | 20XX年度 | 历年累计``, the 2011–2013 or the 2014+ rows).

``STRATEGIES`` maps the era id to its strategy, for properties that run over
all eras.

Each strategy draws a report (year, agency, the numbers of its tables), writes
it in one of the serialisations found in real reports (FORMATS.md §7) and
encodes it. The result, a :class:`GeneratedReport`, knows for every value cell
where it must end up: its line and column in the decoded text (1-based,
Unicode code points), its value and its text, keyed by
``(table kind, row key, column index)``:

* table kind: ``"表二"``, ``"表三"``, ``"表四"``, ``"统计表"`` (as ``Report.table(kind)``);
* row key: the AST's ``Row.key`` (``"t3.withheld.3"``, ``"t4.values"``, ``"t7.recv"`` …);
* column index: 0-based index into ``Row.cells``.

Label spellings are written out here from the templates, the seed reports and
the corpus, on purpose *not* imported from ``linter.labels``: the generator
describes real input, so a typo in the linter's label table cannot hide behind it.

Serialisations (``GeneratedReport.serialisation``), shared by all eras:

``"pipe"``
    ``label | v | v |`` rows as in seed 003 (no leading pipe, trailing ``||``),
    optionally with a leading pipe, or as a Markdown table with ``|---|`` rows.
``"tab"``
    tab-separated rows; optionally as a full grid with the empty placeholder
    fields that row and column spans leave (seed 001).
``"cell_per_line"``
    one cell per line, with a blank line between cells (seed 000) or between
    rows (seed 004: ``\\t``-prefixed cell lines, ``\\t`` alone for an empty cell,
    long notes wrapped onto a line of their own); optionally with header words
    split over two lines (``商业`` / ``企业``).
``"html"``
    a ``<table>`` per table with ``<tr>``/``<td>``, the template's row and
    column spans (or group labels on rows of their own), whole rows or single
    cells per source line; Word-pasted quirks of corpus 043.html (``&nbsp;``
    before values, ``三、本年度办理结果`` repeated after a table break, a trailing
    blank 表四 row; with ``split_values=True`` digits split over ``<span>``s).
``"crawler"`` (era "2007" only)
    the crawler's header lines (``标题:``, ``发布时间:`` … ``==== 正文 ====``), then
    the whole page on one line, cells separated by single spaces (corpus 004,
    010, 011).

Every report satisfies the strict identities of its era (FORMATS.md §3.1–§3.6;
the numbers are built constructively: leaves are drawn, totals derived) and
the plausibility ones where they are cheap to keep (channels ≤ total, ``其中``
≤ parent, ``历年累计`` ≥ ``年度``), so a correct linter must report no error on it.
"""
from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Callable

from hypothesis import strategies as st

SERIALISATIONS = ("html", "pipe", "tab", "cell_per_line")
#: Era "2007" adds the crawler's page text: header lines, then the whole page on
#: one line with the table's cells separated by single spaces (corpus 004, 010, 011).
SERIALISATIONS_2007 = SERIALISATIONS + ("crawler",)
ENCODINGS = ("utf-8", "gb18030")

AGENCY_PLACES = ("钱塘区", "温岭市", "盐池县", "杭州市", "平潭综合实验区", "头屯河区", "鹿城区", "来凤县", "怀化市")
AGENCY_BODIES = ("经济信息化和科学技术局", "科学技术局", "人民政府办公室", "财政局", "教育局", "交通运输局",
                 "自然资源和规划局", "卫生健康委员会", "统计局", "审计局", "住房和城乡建设局")

# ---------------------------------------------------------------------------
# Template data of eras "2019" and "2021" (full-width spellings, as in the templates)
# ---------------------------------------------------------------------------

HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)

#: Kinds of value cells: how a value is drawn and written.
COUNT, SIGNED, AMOUNT = "count", "signed", "amount"


@dataclass(frozen=True)
class T2Block:
    """A block of table 二: header, column headers after ``信息内容``, rows.

    Rows are ``(row key, label, value kinds)``; a block with fewer than three
    columns spans its last column over the rest of the 4-column grid.
    """

    header: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, str, tuple[str, ...]], ...]


T2_BLOCKS_2021: tuple[T2Block, ...] = (
    T2Block("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"),
            (("t2.rules", "规章", (COUNT,) * 3), ("t2.normative", "行政规范性文件", (COUNT,) * 3))),
    T2Block("第二十条第（五）项", ("本年处理决定数量",), (("t2.licensing", "行政许可", (COUNT,)),)),
    T2Block("第二十条第（六）项", ("本年处理决定数量",),
            (("t2.penalty", "行政处罚", (COUNT,)), ("t2.coercion", "行政强制", (COUNT,)))),
    T2Block("第二十条第（八）项", ("本年收费金额（单位：万元）",), (("t2.fees", "行政事业性收费", (COUNT,)),)),
)

#: Era "2019" (国办公开办函〔2019〕60号; grid as SH2019 and corpus 043.html).
T2_BLOCKS_2019: tuple[T2Block, ...] = (
    T2Block("第二十条第（一）项", ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
            (("t2.rules", "规章", (COUNT,) * 3), ("t2.normative", "规范性文件", (COUNT,) * 3))),
    T2Block("第二十条第（五）项", ("上一年项目数量", "本年增/减", "处理决定数量"),
            (("t2.licensing", "行政许可", (COUNT, SIGNED, COUNT)),
             ("t2.other_services", "其他对外管理服务事项", (COUNT, SIGNED, COUNT)))),
    T2Block("第二十条第（六）项", ("上一年项目数量", "本年增/减", "处理决定数量"),
            (("t2.penalty", "行政处罚", (COUNT, SIGNED, COUNT)), ("t2.coercion", "行政强制", (COUNT, SIGNED, COUNT)))),
    T2Block("第二十条第（八）项", ("上一年项目数量", "本年增/减"), (("t2.fees", "行政事业性收费", (COUNT, SIGNED)),)),
    T2Block("第二十条第（九）项", ("采购项目数量", "采购总金额"), (("t2.procurement", "政府集中采购", (COUNT, AMOUNT)),)),
)

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_APPLICANT = "申请人情况"
T3_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")

T3_NEW = ("t3.new", "一、本年新收政府信息公开申请数量")
T3_CARRIED = ("t3.carried_over", "二、上年结转政府信息公开申请数量")
T3_RESULTS = "三、本年度办理结果"
T3_OPEN = ("t3.open", "（一）予以公开")
T3_PARTIAL = ("t3.partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
_T3_WITHHELD = ("t3.withheld", "（三）不予公开", (
    "属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
    "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"))
_T3_UNABLE = ("t3.unable", "（四）无法提供", (
    "本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"))
_T3_NOT_PROCESSED = ("t3.not_processed", "（五）不予处理", (
    "信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
    "要求行政机关确认或重新出具已获取信息"))
#: Groups of table 三's results: (key prefix, group label, leaf texts without
#: numbering); a group without leaves is one row with values (era "2019" （六）).
T3_GROUPS_2021: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    _T3_WITHHELD, _T3_UNABLE, _T3_NOT_PROCESSED,
    ("t3.other", "（六）其他处理", (
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "其他")),
)
T3_GROUPS_2019 = (_T3_WITHHELD, _T3_UNABLE, _T3_NOT_PROCESSED, ("t3.other", "（六）其他处理", ()))
T3_TOTAL = ("t3.total", "（七）总计")
T3_CARRY_FORWARD = ("t3.carry_forward", "四、结转下年度继续办理")

T4_ROW = "t4.values"
T4_TOP = ("行政复议", "行政诉讼")
T4_RESULTS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
T4_LITIGATION = ("未经复议直接起诉", "复议后起诉")


@dataclass(frozen=True)
class TemplateEra:
    """What distinguishes eras "2019" and "2021": label data of tables 二 and 三."""

    id: str
    years: tuple[int, int]  # report years drawn (inclusive)
    t2_blocks: tuple[T2Block, ...]
    t3_groups: tuple[tuple[str, str, tuple[str, ...]], ...]
    deadline: tuple[int, int] = (1, 31)  # departments (FORMATS.md §1)

    @property
    def t2_rows(self) -> tuple[str, ...]:
        return tuple(key for block in self.t2_blocks for key, _, _ in block.rows)

    @property
    def t2_kinds(self) -> dict[str, tuple[str, ...]]:
        return {key: kinds for block in self.t2_blocks for key, _, kinds in block.rows}

    @property
    def t3_leaves(self) -> tuple[str, ...]:
        """The result leaves (21 in era "2021", 19 in era "2019"), in template order."""
        leaves = [T3_OPEN[0], T3_PARTIAL[0]]
        for prefix, _, texts in self.t3_groups:
            leaves += [f"{prefix}.{n}" for n in range(1, len(texts) + 1)] if texts else [prefix]
        return tuple(leaves)

    @property
    def t3_rows(self) -> tuple[str, ...]:
        """The data rows of table 三 (25 / 23), in template order."""
        return (T3_NEW[0], T3_CARRIED[0]) + self.t3_leaves + (T3_TOTAL[0], T3_CARRY_FORWARD[0])

    @property
    def n_values(self) -> int:
        return sum(len(kinds) for kinds in self.t2_kinds.values()) + 7 * len(self.t3_rows) + 15


ERA_2021 = TemplateEra("2021", (2021, 2026), T2_BLOCKS_2021, T3_GROUPS_2021)
ERA_2019 = TemplateEra("2019", (2019, 2020), T2_BLOCKS_2019, T3_GROUPS_2019)

# Era "2021" names, as before the other eras were added.
T2_BLOCKS = T2_BLOCKS_2021
T3_GROUPS = T3_GROUPS_2021
T2_ROWS: tuple[str, ...] = ERA_2021.t2_rows
T2_VALUES: dict[str, int] = {key: len(kinds) for key, kinds in ERA_2021.t2_kinds.items()}
T3_LEAVES: tuple[str, ...] = ERA_2021.t3_leaves
T3_ROWS: tuple[str, ...] = ERA_2021.t3_rows

# ---------------------------------------------------------------------------
# Era "2007": the statistics tables (FORMATS.md §2.1, seed 004, corpus 004/010/011)
# ---------------------------------------------------------------------------

GROUP_UNIT = "——"


@dataclass(frozen=True)
class T7Row:
    key: str
    label: str  # as in the source, numbering included
    unit: str  # "——" on a group row (no value)
    depth: int = 0  # indentation level in seed 004
    parent: str | None = None  # for 其中 ≤ parent

    @property
    def group(self) -> bool:
        return self.unit == GROUP_UNIT


def _n(key: str, label: str, unit: str, depth: int = 0, parent: str | None = None) -> T7Row:
    return T7Row(key, label, unit, depth, parent)


#: The national 2014 table, row by row as in seed 004 (65 rows, 58 with a value).
T7_NATIONAL: tuple[T7Row, ...] = (
    _n("t7.proactive", "一、主动公开情况", GROUP_UNIT),
    _n("t7.proactive.total", "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条", 1),
    _n("t7.proactive.normative", "其中：主动公开规范性文件数", "条", 2, "t7.proactive.total"),
    _n("t7.proactive.normative_made", "制发规范性文件总数", "件", 2, "t7.proactive.total"),
    _n("t7.proactive.channels", "（二）通过不同渠道和方式公开政府信息的情况", GROUP_UNIT, 1),
    _n("t7.proactive.gazette", "1.政府公报公开政府信息数", "条", 2, "t7.proactive.total"),
    _n("t7.proactive.website", "2.政府网站公开政府信息数", "条", 2, "t7.proactive.total"),
    _n("t7.proactive.weibo", "3.政务微博公开政府信息数", "条", 2, "t7.proactive.total"),
    _n("t7.proactive.wechat", "4.政务微信公开政府信息数", "条", 2, "t7.proactive.total"),
    _n("t7.proactive.other", "5.其他方式公开政府信息数", "条", 2, "t7.proactive.total"),
    _n("t7.response", "二、回应解读情况", GROUP_UNIT),
    _n("t7.response.total", "（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）", "次", 1),
    _n("t7.response.channels", "（二）通过不同渠道和方式回应解读的情况", GROUP_UNIT, 1),
    _n("t7.response.press", "1.参加或举办新闻发布会总次数", "次", 2),
    _n("t7.response.press_leaders", "其中：主要负责同志参加新闻发布会次数", "次", 3, "t7.response.press"),
    _n("t7.response.interviews", "2.政府网站在线访谈次数", "次", 2),
    _n("t7.response.interviews_leaders", "其中：主要负责同志参加政府网站在线访谈次数", "次", 3,
       "t7.response.interviews"),
    _n("t7.response.articles", "3.政策解读稿件发布数", "篇", 2),
    _n("t7.response.weibo_wechat", "4.微博微信回应事件数", "次", 2),
    _n("t7.response.other", "5.其他方式回应事件数", "次", 2),
    _n("t7.apply", "三、依申请公开情况", GROUP_UNIT),
    _n("t7.recv", "（一）收到申请数", "件", 1),
    _n("t7.recv.in_person", "1.当面申请数", "件", 2, "t7.recv"),
    _n("t7.recv.fax", "2.传真申请数", "件", 2, "t7.recv"),
    _n("t7.recv.online", "3.网络申请数", "件", 2, "t7.recv"),
    _n("t7.recv.mail", "4.信函申请数", "件", 2, "t7.recv"),
    _n("t7.done", "（二）申请办结数", "件", 1),
    _n("t7.done.on_time", "1.按时办结数", "件", 2, "t7.done"),
    _n("t7.done.extended", "2.延期办结数", "件", 2, "t7.done"),
    _n("t7.answers", "（三）申请答复数", "件", 1),
    _n("t7.answers.public_scope", "1.属于已主动公开范围数", "件", 2, "t7.answers"),
    _n("t7.answers.agree", "2.同意公开答复数", "件", 2, "t7.answers"),
    _n("t7.answers.partial", "3.同意部分公开答复数", "件", 2, "t7.answers"),
    _n("t7.answers.refuse", "4.不同意公开答复数", "件", 2, "t7.answers"),
    _n("t7.answers.refuse.secret", "其中：涉及国家秘密", "件", 3, "t7.answers.refuse"),
    _n("t7.answers.refuse.commercial", "涉及商业秘密", "件", 4, "t7.answers.refuse"),
    _n("t7.answers.refuse.privacy", "涉及个人隐私", "件", 4, "t7.answers.refuse"),
    _n("t7.answers.refuse.security", "危及国家安全、公共安全、经济安全和社会稳定", "件", 4, "t7.answers.refuse"),
    _n("t7.answers.refuse.not_info", "不是《条例》所指政府信息", "件", 4, "t7.answers.refuse"),
    _n("t7.answers.refuse.other", "法律法规规定的其他情形", "件", 4, "t7.answers.refuse"),
    _n("t7.answers.not_ours", "5.不属于本行政机关公开数", "件", 2, "t7.answers"),
    _n("t7.answers.not_exist", "6.申请信息不存在数", "件", 2, "t7.answers"),
    _n("t7.answers.amend", "7.告知作出更改补充数", "件", 2, "t7.answers"),
    _n("t7.answers.other_channel", "8.告知通过其他途径办理数", "件", 2, "t7.answers"),
    _n("t7.review", "四、行政复议数量", "件"),
    _n("t7.review.upheld", "（一）维持具体行政行为数", "件", 1, "t7.review"),
    _n("t7.review.corrected", "（二）被依法纠错数", "件", 1, "t7.review"),
    _n("t7.review.other", "（三）其他情形数", "件", 1, "t7.review"),
    _n("t7.litigation", "五、行政诉讼数量", "件"),
    _n("t7.litigation.upheld", "（一）维持具体行政行为或者驳回原告诉讼请求数", "件", 1, "t7.litigation"),
    # spelled like the review's rows; the AST renames them (labels.RENAMES_2007)
    _n("t7.litigation.corrected", "（二）被依法纠错数", "件", 1, "t7.litigation"),
    _n("t7.litigation.other", "（三）其他情形数", "件", 1, "t7.litigation"),
    _n("t7.complaints", "六、举报投诉数量", "件"),
    _n("t7.fees", "七、依申请公开信息收取的费用", "万元"),
    _n("t7.org", "八、机构建设和保障经费情况", GROUP_UNIT),
    _n("t7.org.units", "（一）政府信息公开工作专门机构数", "个", 1),
    _n("t7.org.points", "（二）设置政府信息公开查阅点数", "个", 1),
    _n("t7.org.staff", "（三）从事政府信息公开工作人员数", "人", 1),
    _n("t7.org.staff.full", "1.专职人员数（不包括政府公报及政府网站工作人员数）", "人", 2, "t7.org.staff"),
    _n("t7.org.staff.part", "2.兼职人员数", "人", 2, "t7.org.staff"),
    _n("t7.org.funds", "（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）", "万元", 1),
    _n("t7.meetings", "九、政府信息公开会议和培训情况", GROUP_UNIT),
    _n("t7.meetings.meetings", "（一）召开政府信息公开工作会议或专题会议数", "次", 1),
    _n("t7.meetings.trainings", "（二）举办各类培训班数", "次", 1),
    _n("t7.meetings.trainees", "（三）接受培训人员数", "人次", 1),
)

#: Fujian table, report years 2011–2013 (corpus 004.txt, 010.txt / 045.html).
T7_FUJIAN_2011: tuple[T7Row, ...] = (
    _n("t7f.proactive", "主动公开信息数", "条"),
    _n("t7f.website", "其中：1、网站公开", "条", 1, "t7f.proactive"),
    _n("t7f.gazette", "2、政府公报公开", "条", 1, "t7f.proactive"),
    _n("t7f.recv", "受理依申请公开信息总数", "条"),
    _n("t7.recv.in_person", "其中：1、当面申请数", "条", 1, "t7f.recv"),
    _n("t7.recv.fax", "2、传真申请数", "条", 1, "t7f.recv"),
    _n("t7.recv.email", "3、电子邮件申请数", "条", 1, "t7f.recv"),
    _n("t7.recv.web", "4、网上申请数", "条", 1, "t7f.recv"),
    _n("t7.recv.mail", "5、信函申请数", "条", 1, "t7f.recv"),
    _n("t7f.answers", "对申请的答复总数", "条"),
    _n("t7.answers.agree", "其中：1、同意公开答复数", "条", 1, "t7f.answers"),
    _n("t7.answers.partial", "2、同意部分公开答复数", "条", 1, "t7f.answers"),
    _n("t7f.answers.reject", "3、否决公开答复数", "条", 1, "t7f.answers"),
    _n("t7f.review", "行政复议数", "件"),
    _n("t7f.litigation", "行政诉讼数", "件"),
    _n("t7f.appeals", "行政申诉、举报数", "件"),
)

#: Fujian table, report years 2014–2018 (corpus 011.txt; 收费减免金额 2014–2016).
T7_FUJIAN_2014: tuple[T7Row, ...] = (
    _n("t7f.proactive", "主动公开文件数", "条"),
    _n("t7f.website", "其中：1、政府网站公开数", "条", 1, "t7f.proactive"),
    _n("t7f.gazette", "2、政府公报公开数", "条", 1, "t7f.proactive"),
    _n("t7f.recv", "受理依申请公开信息总数", "条"),
    _n("t7.recv.in_person", "其中：1、当面申请数", "条", 1, "t7f.recv"),
    _n("t7.recv.web", "2、网上申请数", "条", 1, "t7f.recv"),
    _n("t7.recv.mail_fax", "3、信函、传真申请数", "条", 1, "t7f.recv"),
    _n("t7f.answers", "对申请的答复总数", "条"),
    _n("t7.answers.agree", "其中：1、同意公开答复数", "条", 1, "t7f.answers"),
    _n("t7.answers.partial", "2、同意部分公开答复数", "条", 1, "t7f.answers"),
    _n("t7f.answers.reject", "3、不予公开答复数", "条", 1, "t7f.answers"),
    _n("t7f.answers.other", "4、其他类型答复数", "条", 1, "t7f.answers"),
    _n("t7f.fee_waiver", "政府信息公开收费减免金额", "元"),
    _n("t7f.complaints", "接受行政诉讼、举报数", "件"),
    _n("t7f.review", "行政复议数", "件"),
    _n("t7f.litigation", "行政诉讼数", "件"),
)


def t7_rows(profile: str, year: int) -> tuple[T7Row, ...]:
    """The rows of an era-2007 statistics table for a profile and report year."""
    if profile == "national":
        return T7_NATIONAL
    if year <= 2013:
        return T7_FUJIAN_2011
    rows = T7_FUJIAN_2014
    if year >= 2017:  # 2017 spelling; the fee row only 2014–2016 (FORMATS.md §2.1)
        rows = tuple(row for row in rows if row.key != "t7f.fee_waiver")
        rows = tuple(T7Row(r.key, "受理政府信息依申请公开总数", r.unit) if r.key == "t7f.recv" else r for r in rows)
    return rows


#: Identities of the era-2007 tables (FORMATS.md §3.5, §3.6): total -> parts.
#: A part missing from a profile's rows is left out of the sum.
T7_SUMS: dict[str, tuple[str, ...]] = {
    "t7.recv": ("t7.recv.in_person", "t7.recv.fax", "t7.recv.online", "t7.recv.mail"),  # A-RECV
    "t7.done": ("t7.done.on_time", "t7.done.extended"),  # A-DONE
    "t7.answers": ("t7.answers.public_scope", "t7.answers.agree", "t7.answers.partial", "t7.answers.refuse",
                   "t7.answers.not_ours", "t7.answers.not_exist", "t7.answers.amend",
                   "t7.answers.other_channel"),  # A-ANS
    "t7.answers.refuse": ("t7.answers.refuse.secret", "t7.answers.refuse.commercial", "t7.answers.refuse.privacy",
                          "t7.answers.refuse.security", "t7.answers.refuse.not_info",
                          "t7.answers.refuse.other"),  # A-REFUSE
    "t7.review": ("t7.review.upheld", "t7.review.corrected", "t7.review.other"),  # A-REVIEW
    "t7.litigation": ("t7.litigation.upheld", "t7.litigation.corrected", "t7.litigation.other"),
    "t7.org.staff": ("t7.org.staff.full", "t7.org.staff.part"),  # A-STAFF
    "t7f.recv": ("t7.recv.in_person", "t7.recv.fax", "t7.recv.email", "t7.recv.web", "t7.recv.mail",
                 "t7.recv.mail_fax", "t7.recv.other_forms"),  # F-RECV
    "t7f.answers": ("t7.answers.agree", "t7.answers.partial", "t7f.answers.reject",
                    "t7f.answers.other"),  # F-ANS
}
#: Channel rows: each ≤ the total, together ≥ the total (A-CHAN).
T7_CHANNELS: dict[str, tuple[str, ...]] = {
    "t7.proactive.total": ("t7.proactive.gazette", "t7.proactive.website", "t7.proactive.weibo",
                           "t7.proactive.wechat", "t7.proactive.other"),
    "t7f.proactive": ("t7f.website", "t7f.gazette"),
}

# ---------------------------------------------------------------------------
# The generated object
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpectedCell:
    """Where a value cell is and what it holds. ``raw`` stands at (line, column)
    in the decoded text (split by ``<span>`` markup only with ``split_values``);
    it equals ``str(value)`` except for era-2019 signed changes (``+3``), amounts
    (``73802895.90元``) and decimal 万元 figures of era 2007 (``1.5``)."""

    line: int  # 1-based, in the decoded text
    column: int  # 1-based, Unicode code points
    value: int | Decimal  # what the AST's Cell.value must be
    raw: str = ""  # the text written


@dataclass(repr=False)
class GeneratedReport:
    era: str  # "2021" | "2019" | "2007"
    year: int
    agency: str
    published: str  # ISO date of the 发布日期 line
    #: table kind -> row key -> values (ints; Decimals for decimal amounts), data rows in
    #: template order. Table 四 is the one row ``t4.values`` (15 values).
    tables: dict[str, dict[str, tuple[int | Decimal, ...]]]
    serialisation: str
    encoding: str
    data: bytes
    suffix: str  # ".txt" or ".html"
    text: str  # the text before encoding (what decoding must give back)
    #: (table kind, row key, column index) -> where the value must be and what it is.
    cells: dict[tuple[str, str, int], ExpectedCell]
    #: Era "2007": "national" or "fujian"; None otherwise.
    profile: str | None = None
    #: Era "2007": row key -> unit as written (``——`` on group rows), all rows in order.
    units: dict[str, str] = field(default_factory=dict)
    #: The smaller layout choices (label widths, spans, separators …), for failure reports.
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return "report" + self.suffix

    @property
    def title(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"

    @property
    def lines(self) -> list[str]:
        return self.text.replace("\r\n", "\n").split("\n")

    @property
    def table_kinds(self) -> tuple[str, ...]:
        return tuple(self.tables)

    # the tables of eras "2019"/"2021" by their old names
    @property
    def table2(self) -> dict[str, tuple[int | Decimal, ...]]:
        return self.tables["表二"]

    @property
    def table3(self) -> dict[str, tuple[int | Decimal, ...]]:
        return self.tables["表三"]

    @property
    def table4(self) -> tuple[int | Decimal, ...]:
        return self.tables["表四"][T4_ROW]

    @property
    def table7(self) -> dict[str, tuple[int | Decimal, ...]]:
        return self.tables["统计表"]

    def __repr__(self) -> str:  # the bytes are long; this is what a failure report needs
        profile = f", profile={self.profile!r}" if self.profile else ""
        return (f"GeneratedReport(era={self.era!r}{profile}, serialisation={self.serialisation!r}, "
                f"encoding={self.encoding!r}, year={self.year}, agency={self.agency!r}, "
                f"options={self.options!r}, {len(self.text.splitlines())} lines)")

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # used by Hypothesis' failure output
        printer.text(repr(self))


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _V:
    """A value and how it is written."""

    value: int | Decimal
    raw: str


def _int(value: int) -> _V:
    return _V(value, str(value))


def _partition(draw, total: int, parts: int) -> list[int]:
    """``parts`` non-negative ints summing to ``total``."""
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=parts - 1, max_size=parts - 1)))
    bounds = [0] + cuts + [total]
    return [bounds[k + 1] - bounds[k] for k in range(parts)]


@st.composite
def _signed(draw, floor: int) -> _V:
    """``本年增/减``: ``+3``, ``3``, ``-15`` or ``0``; never below ``-floor``."""
    value = draw(st.integers(-min(floor, 200), 200))
    if value < 0:
        return _V(value, f"-{-value}")
    if value == 0:
        return _V(0, "0")
    return _V(value, draw(st.sampled_from((f"+{value}", str(value)))))


@st.composite
def _amount(draw, zero: bool) -> _V:
    """``采购总金额``: ``0``, ``251000元``, ``73802895.90元`` or a bare number."""
    if zero:
        return _int(0)
    yuan = draw(st.integers(1, 99_999_999))
    form = draw(st.sampled_from(("yuan", "yuan_decimal", "plain")))
    if form == "yuan_decimal":
        raw = f"{yuan}.{draw(st.integers(0, 99)):02d}"
        return _V(Decimal(raw), raw + "元")
    return _V(yuan, f"{yuan}元" if form == "yuan" else str(yuan))


@st.composite
def _decimal(draw) -> _V:
    """A 万元 figure of the era-2007 table: ``0``, ``3`` or ``1.5``."""
    whole = draw(st.integers(0, 50))
    if draw(st.booleans()):
        return _int(whole)
    raw = f"{whole}.{draw(st.integers(1, 9))}"
    return _V(Decimal(raw), raw)


@st.composite
def table2_values(draw, era: TemplateEra = ERA_2021) -> dict[str, tuple[_V, ...]]:
    """Table 二: non-negative ints; era "2019" adds signed changes and an amount.

    Era "2019" rows also keep T2B-WITHIN (新公开 ≤ 新制作, 新公开 ≤ 对外公开总数量) and
    never decrease below zero items (上一年项目数量 + 本年增/减 ≥ 0); era "2021"
    rows are plausible (ARI008: 本年制发 ≤ 现行有效 + 本年废止).
    """
    table: dict[str, tuple[_V, ...]] = {}
    for key, kinds in era.t2_kinds.items():
        if era.id == "2019" and key in ("t2.rules", "t2.normative"):
            made = draw(st.integers(0, 200))
            published = draw(st.integers(0, made))
            table[key] = (_int(made), _int(published), _int(published + draw(st.integers(0, 500))))
            continue
        if era.id == "2021" and key in ("t2.rules", "t2.normative"):
            issued, repealed = draw(st.integers(0, 500)), draw(st.integers(0, 500))
            table[key] = (_int(issued), _int(repealed), _int(max(0, issued - repealed) + draw(st.integers(0, 500))))
            continue
        row: list[_V] = []
        for kind in kinds:
            if kind == SIGNED:
                row.append(draw(_signed(int(row[0].value))))
            elif kind == AMOUNT:
                row.append(draw(_amount(zero=row[0].value == 0)))
            else:
                row.append(_int(draw(st.integers(0, 500 if era.id == "2021" else 3000))))
        table[key] = tuple(row)
    return table


@st.composite
def table3_values(draw, era: TemplateEra = ERA_2021) -> dict[str, tuple[int, ...]]:
    """Table 三: 25 (23) rows × 7 columns satisfying T3-ROW, T3-BAL and T3-RES.

    Per column c1–c6: the leaves are drawn (mostly 0–2, plus a few bumps up to
    50), （七）总计 is their sum, 结转下年度 is drawn, 上年结转 is drawn at most
    （七）+四 and 本年新收 is the rest. Column c7 is the row sum. All values
    stay below 500.
    """
    leaves = era.t3_leaves
    n_leaves = len(leaves)
    base = draw(st.lists(st.integers(0, 2), min_size=6 * n_leaves, max_size=6 * n_leaves))
    bumps = draw(st.lists(st.tuples(st.integers(0, 6 * n_leaves - 1), st.integers(0, 50)), max_size=4))
    for position, amount in bumps:
        base[position] += amount
    columns: list[dict[str, int]] = []
    for c in range(6):
        column = {key: base[c * n_leaves + k] for k, key in enumerate(leaves)}
        column[T3_TOTAL[0]] = sum(column[key] for key in leaves)
        column[T3_CARRY_FORWARD[0]] = draw(st.integers(0, 5))
        available = column[T3_TOTAL[0]] + column[T3_CARRY_FORWARD[0]]
        column[T3_CARRIED[0]] = draw(st.integers(0, available))
        column[T3_NEW[0]] = available - column[T3_CARRIED[0]]
        columns.append(column)
    table: dict[str, tuple[int, ...]] = {}
    for key in era.t3_rows:
        row = [columns[c][key] for c in range(6)]
        table[key] = tuple(row + [sum(row)])
    return table


@st.composite
def table4_values(draw) -> tuple[int, ...]:
    """Table 四: three groups of 结果维持, 结果纠正, 其他结果, 尚未审结, 总计 (T4-SUM)."""
    values: list[int] = []
    for _ in range(3):
        group = [draw(st.integers(0, 30)) for _ in range(4)]
        values += group + [sum(group)]
    return tuple(values)


@st.composite
def _t7_counts(draw, rows: tuple[T7Row, ...], big: int) -> dict[str, _V]:
    """One column of an era-2007 table: leaves drawn, totals derived (FORMATS.md §3.5/§3.6).

    ``big`` bounds the proactive counts (thousands in real tables).
    """
    present = {row.key for row in rows if not row.group}
    values: dict[str, _V] = {}

    def small(high: int = 3) -> int:
        return draw(st.integers(0, high))

    # channels: each ≤ total, together ≥ total (the main channel is close to the total)
    for total_key, channels in T7_CHANNELS.items():
        if total_key not in present:
            continue
        total = draw(st.integers(0, big))
        others = [draw(st.integers(0, total)) for _ in channels[:-1]]
        main = draw(st.integers(max(0, total - sum(others)), total))
        parts = dict(zip((c for c in channels if c not in ("t7.proactive.website", "t7f.website")), others))
        for channel in channels:
            values[channel] = _int(main if channel in ("t7.proactive.website", "t7f.website") else parts[channel])
        values[total_key] = _int(total)
    # sums: the leaves first (refusal reasons before the answers that contain them)
    for total_key in ("t7.answers.refuse", "t7.answers", "t7.review", "t7.litigation", "t7.org.staff",
                      "t7f.answers"):
        if total_key not in present:
            continue
        parts = [part for part in T7_SUMS[total_key] if part in present]
        for part in parts:
            if part not in values:
                values[part] = _int(small(4 if total_key != "t7.org.staff" else 3))
        values[total_key] = _int(sum(int(values[part].value) for part in parts))
    # applications: all answered ones were received (+ a few pending), done = answered
    for recv_key, answered_key in (("t7.recv", "t7.answers"), ("t7f.recv", "t7f.answers")):
        if recv_key not in present:
            continue
        received = int(values[answered_key].value) + small(2)
        parts = [part for part in T7_SUMS[recv_key] if part in present]
        for part, share in zip(parts, _partition(draw, received, len(parts))):
            values[part] = _int(share)
        values[recv_key] = _int(received)
    if "t7.done" in present:
        done = int(values["t7.answers"].value)
        extended = draw(st.integers(0, done))
        values.update({"t7.done": _int(done), "t7.done.on_time": _int(done - extended),
                       "t7.done.extended": _int(extended)})
    # 其中 rows ≤ their parent
    for row in rows:
        if row.group or row.key in values:
            continue
        if row.parent is not None and row.parent in values:
            values[row.key] = _int(draw(st.integers(0, min(int(values[row.parent].value), 60))))
        elif row.unit == "万元":
            values[row.key] = draw(_decimal())
        else:
            values[row.key] = _int(small(20))
    return {row.key: values[row.key] for row in rows if not row.group}


@st.composite
def table7_values(draw, rows: tuple[T7Row, ...], profile: str) -> dict[str, tuple[_V, ...]]:
    """The statistics table: one value per row (national) or 年度 and 历年累计
    (Fujian; 历年累计 = 年度 + the earlier years', which obey the same identities)."""
    this_year = draw(_t7_counts(rows, 3000))
    if profile == "national":
        return {key: (value,) for key, value in this_year.items()}
    earlier = draw(_t7_counts(rows, 80000))
    table: dict[str, tuple[_V, ...]] = {}
    for key, value in this_year.items():
        before = earlier[key]
        table[key] = (value, _int(int(value.value) + int(before.value)))
    return table


# ---------------------------------------------------------------------------
# Table model: rows of cells with spans, rendered by each serialisation
# ---------------------------------------------------------------------------


@dataclass
class _Cell:
    text: str = ""  # label or header text (already styled)
    key: tuple[str, str, int] | None = None  # value cells only
    value: int | Decimal | None = None
    raw: str = ""  # value cells: the text written
    rowspan: int = 1
    colspan: int = 1
    #: A blank the table really has (the value cell of an era-2007 group row),
    #: written as an empty cell; not a span placeholder.
    blank: bool = False
    #: Label cells: the part that may be wrapped onto a line of its own (seed 004 notes).
    note: str = ""


@dataclass
class _Table:
    kind: str
    width: int  # grid columns
    rows: list[list[_Cell]]
    #: Lines written just before the table (era-2007 preamble: 附件, title, 填报单位).
    preamble: tuple[str, ...] = ()
    #: Number of header rows (<th> in HTML); None: every row without values.
    header_rows: int | None = None


def _value(kind: str, row: str, index: int, v: _V | int, colspan: int = 1) -> _Cell:
    if not isinstance(v, _V):
        v = _int(v)
    return _Cell(key=(kind, row, index), value=v.value, raw=v.raw, colspan=colspan)


class _Style:
    """Spelling choices for labels (FORMATS.md §6: all must be accepted)."""

    def __init__(self, width: str, enum_sep: str, inner_space: str, paren_space: str = ""):
        self.width = width  # "full" (template) or "half" (seeds 000, 002, 003)
        self.enum_sep = enum_sep  # "." (template) or "、"
        self.inner_space = inner_space  # "" or the space put inside two-word headers (seeds 000, 001, 003)
        self.paren_space = paren_space  # "" or the space after a "（一）" numbering (seed 001: "(六) 其他处理")

    def label(self, text: str) -> str:
        if self.width == "half":
            text = text.translate(str.maketrans("（）：，", "():,"))
        return text

    def group(self, text: str) -> str:
        """A table 三 label numbered ``（一）``…``（七）``."""
        text = self.label(text)
        if self.paren_space:
            text = re.sub(r"^([（(][一二三四五六七][）)])", r"\1" + self.paren_space, text)
        return text

    def leaf(self, n: int, text: str) -> str:
        return self.label(f"{n}{self.enum_sep}{text}")

    def numbered(self, text: str) -> str:
        """An era-2007 label: its ``1.``/``1、`` numbering in this style."""
        return self.label(re.sub(r"^(其中：)?(\d)[.、]", lambda m: f"{m[1] or ''}{m[2]}{self.enum_sep}", text))

    def header(self, text: str) -> str:
        """Two-word headers of 表三/表四 with inner spaces (商业 企业, 结果 纠正, 上一年 项目数量)."""
        if self.inner_space and len(text) == 4:
            return text[:2] + self.inner_space + text[2:]
        if self.inner_space and text == "上一年项目数量":
            return "上一年" + self.inner_space + "项目数量"
        return text


def _spans(n: int, width: int = 3) -> list[int]:
    """Column spans of ``n`` cells filling ``width`` columns (the last one stretches)."""
    return [1] * (n - 1) + [width - n + 1]


#: Notes local templates append to table 二 labels (FORMATS.md §2.2: 武汉市生态环境局 2020).
T2_LOCAL_NOTES = {
    "本年增/减": "（指{year}年增加或减少的事项数，减用负值表示，如-8）",
    "规章": "（设区的市、自治州人民政府应提供相关数据）",
}


def _table2(era: TemplateEra, values: dict[str, tuple[_V, ...]], style: _Style, year: int,
            local_notes: bool = False) -> _Table:
    def noted(text: str) -> str:
        return text + T2_LOCAL_NOTES[text].format(year=year) if local_notes and text in T2_LOCAL_NOTES else text

    rows: list[list[_Cell]] = []
    for block in era.t2_blocks:
        rows.append([_Cell(style.label(block.header), colspan=4)])
        spans = _spans(len(block.columns))
        rows.append([_Cell("信息内容")] + [_Cell(style.label(noted(style.header(h))), colspan=s)
                                         for h, s in zip(block.columns, spans)])
        for key, label, kinds in block.rows:
            rows.append([_Cell(style.label(noted(label)))] + [_value("表二", key, i, values[key][i], s)
                                          for i, s in zip(range(len(kinds)), _spans(len(kinds)))])
    return _Table("表二", 4, rows)


def _table3(era: TemplateEra, values: dict[str, tuple[int, ...]], style: _Style, inline_groups: bool,
            split_results: bool = False) -> _Table:
    def data(label: str, key: str, colspan: int = 1, rowspan_cells: tuple[_Cell, ...] = ()) -> list[_Cell]:
        return list(rowspan_cells) + [_Cell(label, colspan=colspan)] + [
            _value("表三", key, i, v) for i, v in enumerate(values[key])]

    rows: list[list[_Cell]] = [
        [_Cell(style.label(T3_NOTE), rowspan=3, colspan=3), _Cell(T3_APPLICANT, colspan=7)],
        [_Cell("自然人", rowspan=2), _Cell("法人或其他组织", colspan=5), _Cell("总计", rowspan=2)],
        [_Cell(style.header(h)) for h in T3_COLUMNS[1:6]],
        data(T3_NEW[1], T3_NEW[0], 3),
        data(T3_CARRIED[1], T3_CARRIED[0], 3),
    ]
    open_label, partial_label = style.group(T3_OPEN[1]), style.group(T3_PARTIAL[1])
    if inline_groups:
        n_results = len(era.t3_leaves) + 1  # rowspan 22 (2021) or 20 (2019)
        # split_results: corpus 043.html repeats the label after a table break, as two
        # cells of rowspan 10 (（一）–（三） and （四）–（七）)
        first = 2 + len(era.t3_groups[0][2]) if split_results else n_results
        results = _Cell(T3_RESULTS, rowspan=first)
        rows.append(data(open_label, T3_OPEN[0], 2, (results,)))
        rows.append(data(partial_label, T3_PARTIAL[0], 2))
        for g, (prefix, group, leaves) in enumerate(era.t3_groups):
            again = (_Cell(T3_RESULTS, rowspan=n_results - first),) if split_results and g == 1 else ()
            if not leaves:
                rows.append(data(style.group(group), prefix, 2, again))
                continue
            group_cell = _Cell(style.group(group), rowspan=len(leaves))
            for n, leaf in enumerate(leaves, 1):
                rows.append(data(style.leaf(n, leaf), f"{prefix}.{n}", 1, again + (group_cell,) if n == 1 else ()))
        rows.append(data(style.group(T3_TOTAL[1]), T3_TOTAL[0], 2))
    else:
        rows.append([_Cell(T3_RESULTS, colspan=10)])
        rows.append(data(open_label, T3_OPEN[0], 3))
        rows.append(data(partial_label, T3_PARTIAL[0], 3))
        for prefix, group, leaves in era.t3_groups:
            if not leaves:
                rows.append(data(style.group(group), prefix, 3))
                continue
            rows.append([_Cell(style.group(group), colspan=10)])
            for n, leaf in enumerate(leaves, 1):
                rows.append(data(style.leaf(n, leaf), f"{prefix}.{n}", 3))
        rows.append(data(style.group(T3_TOTAL[1]), T3_TOTAL[0], 3))
    rows.append(data(T3_CARRY_FORWARD[1], T3_CARRY_FORWARD[0], 3))
    return _Table("表三", 10, rows)


def _table4(values: tuple[int, ...], style: _Style, empty_placeholders: bool, blank_row: bool = False) -> _Table:
    """Template grid (FORMATS.md §2.3); ``empty_placeholders``: row 3 repeats five
    empty cells instead of the row spans of row 2 (KGC HTML); ``blank_row``: a
    borderless trailing row of 15 empty cells (corpus 043.html)."""
    h = style.header
    span = 1 if empty_placeholders else 2
    rows = [
        [_Cell(T4_TOP[0], colspan=5), _Cell(T4_TOP[1], colspan=10)],
        [_Cell(h(r), rowspan=span) for r in T4_RESULTS]
        + [_Cell(T4_LITIGATION[0], colspan=5), _Cell(T4_LITIGATION[1], colspan=5)],
        ([_Cell() for _ in range(5)] if empty_placeholders else []) + [_Cell(h(r)) for r in T4_RESULTS * 2],
        [_value("表四", T4_ROW, i, v) for i, v in enumerate(values)],
    ]
    if blank_row:
        rows.append([_Cell(blank=True) for _ in range(15)])
    return _Table("表四", 15, rows)


_NOTE_TAIL = re.compile(r"^(?P<main>.+?)(?P<note>[（(][^（）()]{4,}[）)])$")


def _table7(rows: tuple[T7Row, ...], values: dict[str, tuple[_V, ...]], profile: str, year: int,
            style: _Style, opts: dict[str, Any], preamble: tuple[str, ...]) -> _Table:
    """The statistics table; label cells indented by depth when ``label_indent`` (seed 004)."""
    if profile == "national":
        indicator = "统　计　指　标" if opts["header_spaced"] else "统计指标"  # seed 004
        header = [_Cell(indicator), _Cell("单位"), _Cell("统计数")]
    else:
        spaced = opts["header_spaced"]  # corpus 004: "计量 单位 2011 年度"
        header = [_Cell("指标名称"), _Cell("计量 单位" if spaced else "计量单位"),
                  _Cell(f"{year} 年度" if spaced else f"{year}年度"), _Cell("历年累计")]
    out: list[list[_Cell]] = [header]
    for row in rows:
        label = style.numbered(row.label)
        indent = " " * (4 * row.depth + (1 if row.depth else 0)) if opts["label_indent"] else ""
        match = _NOTE_TAIL.match(label)
        cell = _Cell(indent + label, note=match["note"] if match else "")
        if row.group:
            out.append([cell, _Cell(GROUP_UNIT), _Cell(blank=True)])
        else:
            out.append([cell, _Cell(row.unit)] + [_value("统计表", row.key, i, v) for i, v in enumerate(values[row.key])])
    return _Table("统计表", len(header), out, preamble=preamble, header_rows=1)


def _grid(table: _Table) -> list[list[_Cell]]:
    """Expand spans into a full grid; covered positions become empty cells."""
    occupied: set[tuple[int, int]] = set()
    out: list[list[_Cell]] = []
    for r, row in enumerate(table.rows):
        line: list[_Cell] = []
        column = 0
        for cell in row:
            while (r, column) in occupied:
                line.append(_Cell())
                column += 1
            line.append(cell)
            for rr in range(r, r + cell.rowspan):
                for cc in range(column, column + cell.colspan):
                    occupied.add((rr, cc))
            line.extend(_Cell() for _ in range(cell.colspan - 1))
            column += cell.colspan
        while column < table.width:
            line.append(_Cell())
            column += 1
        out.append(line)
    return out


# ---------------------------------------------------------------------------
# Writing text with positions
# ---------------------------------------------------------------------------


class _Doc:
    """Builds the text line by line and records where each value cell lands."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []
        self.column = 1
        self.cells: dict[tuple[str, str, int], ExpectedCell] = {}

    def put(self, text: str) -> None:
        assert "\n" not in text and "\r" not in text
        self.current.append(text)
        self.column += len(text)

    def value(self, cell: _Cell, split: int = 0, markup: str = "") -> None:
        """Write a value cell; ``split`` > 0 puts ``markup`` inside it after that many characters."""
        assert cell.key is not None and cell.value is not None
        self.cells[cell.key] = ExpectedCell(len(self.lines) + 1, self.column, cell.value, cell.raw)
        self.put(cell.raw[:split] + markup + cell.raw[split:] if split else cell.raw)

    def cell(self, cell: _Cell) -> None:
        if cell.key is not None:
            self.value(cell)
        else:
            self.put(cell.text)

    def end(self) -> None:
        self.lines.append("".join(self.current))
        self.current = []
        self.column = 1

    def line(self, text: str = "") -> None:
        self.put(text)
        self.end()


# -- text serialisations -----------------------------------------------------


def _pipe_table(doc: _Doc, table: _Table, opts: dict[str, Any], draw) -> None:
    flavour = opts["pipe_flavour"]  # "seed" | "leading" | "markdown" | "markdown_grid"
    sep = " | " if opts["pipe_spaces"] else "|"
    rows = _grid(table) if flavour == "markdown_grid" else table.rows
    for r, row in enumerate(rows):
        if flavour != "seed":
            doc.put("|" + (" " if opts["pipe_spaces"] else ""))
        for k, cell in enumerate(row):
            if k:
                doc.put(sep)
            doc.cell(cell)
        if flavour == "seed":
            doc.put(draw(st.sampled_from(("", " |", " | ||", " ||", " | |||"))))
        else:
            doc.put(sep.rstrip())
        doc.end()
        if flavour.startswith("markdown") and r == 0:
            doc.line("|" + "|".join(["---"] * len(row)) + "|")


def _tab_table(doc: _Doc, table: _Table, opts: dict[str, Any], draw) -> None:
    rows = _grid(table) if opts["tab_grid"] else table.rows
    for row in rows:
        for k, cell in enumerate(row):
            if k:
                doc.put("\t")
            doc.cell(cell)
        if opts["tab_trailing"]:
            doc.put("\t")
        doc.end()


def _split_header(text: str) -> list[str]:
    """Seed 000 puts 商业/企业 and 科研/机构 on lines of their own."""
    plain = text.replace(" ", "").replace("\u00a0", "")
    if plain in ("商业企业", "科研机构"):
        return [plain[:2], plain[2:]]
    return [text]


def _cell_lines_table(doc: _Doc, table: _Table, opts: dict[str, Any], draw) -> None:
    """``cell_gap``: "cell" (a blank line after every cell, seed 000) or "row"
    (after every row, seed 004, where an empty cell is a line holding the indent)."""
    indent = opts["cell_indent"]  # seed 004 prefixes every cell line with a tab
    by_row = opts["cell_gap"] == "row"
    for row in table.rows:
        for cell in row:
            if cell.key is not None:
                doc.put(indent)
                doc.value(cell)
                doc.end()
            elif cell.blank and by_row and indent:
                doc.line(indent)
            elif not cell.text:
                continue
            elif cell.note and opts["wrap_notes"] and draw(st.booleans()):
                # seed 004: "\t（一）主动公开政府信息数" / "         （不同渠道…计1条）"
                doc.line(indent + cell.text[:-len(cell.note)])
                doc.line(" " * 9 + cell.note)
            else:
                pieces = _split_header(cell.text) if opts["split_headers"] else [cell.text]
                for k, piece in enumerate(pieces):
                    doc.line(indent + piece)
                    if not by_row and k < len(pieces) - 1:
                        doc.line()
            if not by_row:
                doc.line()
        if by_row:
            doc.line()


# -- HTML --------------------------------------------------------------------


def _html_label(text: str, opts: dict[str, Any], draw) -> str:
    escaped = _html.escape(text, quote=False)
    if opts["html_br"] and len(text) > 12 and draw(st.booleans()):
        cut = draw(st.integers(2, len(text) - 2))
        escaped = _html.escape(text[:cut], quote=False) + "<br />" + _html.escape(text[cut:], quote=False)
    return escaped


def _html_table(doc: _Doc, table: _Table, opts: dict[str, Any], draw) -> None:
    """``html_layout``: "compact" (a row per line), "spread" (a cell per line) or
    "minified" (the whole table on one line)."""
    layout = opts["html_layout"]
    tag = (lambda name: name.upper()) if opts["html_upper"] else (lambda name: name)

    def end() -> None:
        if layout != "minified":
            doc.end()

    def end_row() -> None:
        if layout == "spread":
            doc.end()

    doc.put(f'<{tag("table")} border="1" cellspacing="0" cellpadding="0" style="width:100%">')
    end()
    doc.put(f"<{tag('tbody')}>")
    end()
    for r, row in enumerate(table.rows):
        if table.header_rows is None:
            header_row = all(cell.key is None for cell in row)
        else:
            header_row = r < table.header_rows
        cell_tag = tag("th" if header_row and opts["html_th"] else "td")
        doc.put(f"<{tag('tr')}>")
        end_row()
        for cell in row:
            attrs = ""
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            if layout == "spread":
                doc.put("  ")
            if cell.key is not None:
                wrap = opts["html_value_wrap"]
                doc.put(f'<{cell_tag}{attrs} style="text-align:center">')
                doc.put({"": "", "span": "<span>", "p": '<p align="center">'}[wrap])
                if opts["html_nbsp"] and draw(st.booleans()):  # 043.html: &nbsp; before a number
                    doc.put("&nbsp;")
                split = 0
                if wrap == "span" and opts["html_split_digits"] and len(cell.raw) > 1 and draw(st.booleans()):
                    split = draw(st.integers(1, len(cell.raw) - 1))  # 043.html: <span>2</span><span>0</span>
                doc.value(cell, split, "</span><span>")
                doc.put({"": "", "span": "</span>", "p": "</p>"}[wrap])
                doc.put(f"</{cell_tag}>")
            elif cell.blank:
                doc.put(f"<{cell_tag}{attrs}>{opts['html_blank']}</{cell_tag}>")
            else:
                doc.put(f"<{cell_tag}{attrs}>{_html_label(cell.text, opts, draw)}</{cell_tag}>")
            end_row()
        doc.put(f"</{tag('tr')}>")
        end()
    doc.put(f"</{tag('tbody')}>")
    end()
    doc.put(f"</{tag('table')}>")
    doc.end()


# -- crawler text ----------------------------------------------------------------


def _crawler_table(doc: _Doc, table: _Table, opts: dict[str, Any], draw) -> None:
    """Corpus 004/010/011: the page text on one line, cells separated by single
    spaces; an empty cell leaves nothing behind. Called inside the body line."""
    for line in table.preamble:
        doc.put(" " + line)
    for row in table.rows:
        for cell in row:
            if cell.key is not None:
                doc.put(" ")
                doc.value(cell)
            elif cell.text.strip():
                doc.put(" " + cell.text.strip())


_WRITERS: dict[str, Callable[[_Doc, _Table, dict[str, Any], Any], None]] = {
    "pipe": _pipe_table, "tab": _tab_table, "cell_per_line": _cell_lines_table, "html": _html_table,
    "crawler": _crawler_table,
}

# ---------------------------------------------------------------------------
# Narrative
# ---------------------------------------------------------------------------

_PART1 = (
    "{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，持续深化政务公开工作。",
    "我局坚持以公开为常态、不公开为例外，及时通过门户网站公开政府信息，依法规范办理依申请公开。",
    "本单位加强政府信息管理和平台建设，落实监督保障措施，政务公开工作有序开展。",
)
_PART5 = (
    "存在的主要问题：政府信息公开的及时性和解读的多样性有待进一步提高。",
    "下一步，我局将进一步完善工作制度，加强业务培训，提升政务公开工作质量。",
)
_PART6 = (
    "本年度未收取信息处理费。",
    "依据《政府信息公开信息处理费管理办法》规定，本年度未收取信息处理费。",
)
_PART6_2019 = (
    "本年度无其他需要报告的事项。",
    "本年度未收取政府信息公开相关费用。",
)


def _sentences(draw, pool: tuple[str, ...], **fmt: Any) -> list[str]:
    chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique=True))
    return [text.format(**fmt) for text in chosen]


# Era "2007": free headings (FORMATS.md §2.1). An outline is a list of
# (heading or "", paragraph prefix, sentence pool): one paragraph per entry.
_OVERVIEW_2007 = (
    "{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，加强组织领导，健全工作制度，政府信息公开工作稳步推进。",
    "推进政府信息公开是{agency}贯彻落实《条例》的重要举措，我局建立健全了政府信息公开工作的领导机制。",
)
_PROACTIVE_2007 = (
    "{year}年我局主动公开政府信息{proactive}条，信息基本能够及时公布、更新。",
    "全年通过门户网站等渠道主动公开政府信息{proactive}条。",
)
_APPLY_2007 = (
    "全年共受理政府信息公开申请{recv}件。",
    "{year}年我局收到依申请公开信息{recv}件，依法依规予以办理。",
)
_FEES_2007 = (
    "我局在政府信息公开工作中未收取任何费用，无收费及减免情况。",
    "我局依申请提供政府信息均为免费。",
)
_REVIEW_2007 = (  # the counts are the table's (TXT002 compares them)
    "全年因政府信息公开申请行政复议{review}件，提起行政诉讼{litigation}件。",
    "本年度我局政府信息公开事项被申请行政复议{review}件，被提起行政诉讼{litigation}件。",
)
_PROBLEMS_2007 = (
    "政府信息公开工作还存在一些不足，公开内容还需进一步完善。",
    "下一步，我局将加强培训，改进工作，提高公开质量。",
    "存在的问题是信息更新不够及时；改进措施是健全信息发布机制，落实专人负责。",
)
_OTHER_2007 = (
    "无其他需要报告的事项。",
    "本年度无其他需要报告的事项。",
)
OUTLINES_2007: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = {
    # Pingtan 2015
    "pingtan": (
        ("一、概述", "", _OVERVIEW_2007),
        ("二、主动公开政府信息情况", "", _PROACTIVE_2007),
        ("三、政府信息依申请公开工作情况", "", _APPLY_2007),
        ("四、政府信息公开的收费及减免情况", "", _FEES_2007),
        ("五、因政府信息公开申请行政复议、提起行政诉讼的情况", "", _REVIEW_2007),
        ("六、主要问题和改进措施", "", _PROBLEMS_2007),
        ("七、其他需要报告的事项", "", _OTHER_2007),
    ),
    # seed 004: three headings, the 第三十二条 items as numbered paragraphs
    "seed004": (
        ("一、情况概述", "", _OVERVIEW_2007),
        ("二、政府信息公开情况", "1、主动公开情况：", _PROACTIVE_2007),
        ("", "2、依申请公开情况：", _APPLY_2007),
        ("", "3、申请行政复议、提起行政诉讼的情况：", _REVIEW_2007),
        ("", "4.政府信息公开的收费及减免情况：", _FEES_2007),
        ("三、存在的问题和下步改进措施", "", _PROBLEMS_2007),
        ("", "", _OTHER_2007),
    ),
    # Wuhan 2018: adds 回应解读 and 机构建设
    "wuhan": (
        ("一、概述", "", _OVERVIEW_2007),
        ("二、主动公开政府信息情况", "", _PROACTIVE_2007),
        ("三、回应解读情况", "", ("围绕社会关注热点，我局及时发布政策解读稿件，回应公众关切。",)),
        ("四、依申请公开政府信息情况", "", _APPLY_2007),
        ("五、政府信息公开的收费及减免情况", "", _FEES_2007),
        ("六、因政府信息公开申请行政复议、提起行政诉讼情况", "", _REVIEW_2007),
        ("七、机构建设和保障经费情况", "", ("我局明确办公室为政府信息公开工作机构，配备工作人员，保障工作经费。",)),
        ("八、存在的主要问题和改进措施", "", _PROBLEMS_2007),
        ("九、其他需要报告的事项", "", _OTHER_2007),
    ),
}
_NUMERALS = "一二三四五六七八九十"

# ---------------------------------------------------------------------------
# Layout options and the document
# ---------------------------------------------------------------------------


def _layout_options(draw, serialisation: str, markdown_grid: bool, split_values: bool = False) -> dict[str, Any]:
    """The layout choices shared by every era."""
    opts: dict[str, Any] = {
        "width": draw(st.sampled_from(("half", "full"))),
        "enum_sep": draw(st.sampled_from((".", "、"))),
        "newline": draw(st.sampled_from(("\n", "\r\n"))),
        "final_newline": draw(st.booleans()),
        "period": draw(st.booleans()),
        # seed 004 indents headings and paragraphs with two ideographic spaces
        "prose_indent": "" if serialisation in ("html", "crawler") else draw(st.sampled_from(("", "\u3000\u3000"))),
    }
    inner = ("", " ") if serialisation in ("html", "crawler") else ("", " ", " \u00a0 ")
    opts["inner_space"] = draw(st.sampled_from(inner))
    if serialisation == "pipe":
        flavours = ("seed", "leading", "markdown") + (("markdown_grid",) if markdown_grid else ())
        opts["pipe_flavour"] = draw(st.sampled_from(flavours))
        opts["pipe_spaces"] = draw(st.booleans())
    elif serialisation == "tab":
        opts["tab_grid"] = draw(st.booleans())
        opts["tab_trailing"] = draw(st.booleans())
    elif serialisation == "cell_per_line":
        opts["split_headers"] = draw(st.booleans())
        opts["cell_indent"] = draw(st.sampled_from(("", "\t")))
        opts["cell_gap"] = draw(st.sampled_from(("cell", "row")))
        opts["wrap_notes"] = draw(st.booleans())
    elif serialisation == "crawler":
        pass
    else:
        opts["html_layout"] = draw(st.sampled_from(("compact", "spread", "minified")))
        opts["html_th"] = draw(st.booleans())
        opts["html_upper"] = draw(st.booleans())
        opts["html_value_wrap"] = draw(st.sampled_from(("", "span", "p")))
        opts["html_br"] = draw(st.booleans())
        opts["html_blank"] = draw(st.sampled_from(("&nbsp;", "")))
        opts["html_nbsp"] = draw(st.booleans())
        opts["html_split_digits"] = split_values and draw(st.booleans())
    return opts


@dataclass
class _Item:
    """A piece of the document: "title", "para", "heading" or "table"."""

    kind: str
    text: str = ""
    table: _Table | None = None
    indent: bool = True


def _render(draw, items: list[_Item], serialisation: str, encoding: str, title: str, published: date,
            opts: dict[str, Any]) -> tuple[str, dict[tuple[str, str, int], ExpectedCell]]:
    doc = _Doc()
    is_html = serialisation == "html"
    crawler = serialisation == "crawler"
    gap = serialisation == "cell_per_line"  # seed 000: a blank line after every line
    writer = _WRITERS[serialisation]

    def para(text: str, tag: str = "p", indent: bool = True) -> None:
        if is_html:
            doc.line(f"<{tag}>{_html.escape(text, quote=False)}</{tag}>")
        elif crawler:
            doc.put((" " if doc.current else "") + text)
        else:
            doc.line((opts["prose_indent"] if indent else "") + text)
            if gap:
                doc.line()

    if is_html:
        doc.line("<!DOCTYPE html>")
        doc.line(f'<html><head><meta charset="{encoding}"><title>{_html.escape(title)}</title></head>')
        doc.line("<body>")
    if crawler:  # the crawler's header lines (corpus 004–022)
        doc.line(f"标题: {title}")
        doc.line(f"发布时间: {published.isoformat()} 00:00")
        doc.line("文号: ")
        doc.line("发布机构: ")
        doc.line("栏目: 政府信息公开年报")
        doc.line(f"原文链接: https://www.example.gov.cn/zwgk/zfxxgknb/{published:%Y%m}/t{published:%Y%m%d}_80791.htm")
        doc.line("页面链接与图片详见 links.tsv(同目录)")
        doc.line("==================== 正文 ====================")
    for item in items:
        if item.kind == "title":
            if opts.get("title_split") and not is_html and not crawler:
                # seed 004: agency, blank line, "2017年度政府信息公开工作年度报告"
                agency, rest = item.text.split(opts["title_split"], 1)
                doc.line(agency)
                doc.line()
                para(opts["title_split"] + rest, indent=False)
            else:
                para(item.text, "h1", indent=False)
        elif item.kind == "published":
            if not crawler:
                para(item.text, indent=False)
        elif item.kind == "heading":
            para(item.text + opts.get("heading_tail", ""), "h3")
        elif item.kind == "para":
            para(item.text, indent=item.indent)
        else:
            assert item.table is not None
            if crawler:
                writer(doc, item.table, opts, draw)
                continue
            for line in item.table.preamble:
                para(line, indent=False)
            writer(doc, item.table, opts, draw)
    if crawler:
        doc.put(" 附件下载")
        doc.end()
    if is_html:
        doc.line("</body>")
        doc.line("</html>")

    # drop trailing blank lines, then maybe end with a newline
    lines = list(doc.lines)
    while lines and not lines[-1]:
        lines.pop()
    text = opts["newline"].join(lines) + (opts["newline"] if opts["final_newline"] else "")
    return text, dict(doc.cells)


def _published_line(draw, published: date) -> str:
    """The page's publication date: seeds 000/003, the crawler header, or Chinese date."""
    form = draw(st.sampled_from(("seed", "crawler", "chinese")))
    if form == "seed":
        return f"发布日期:{published.isoformat()} {draw(st.integers(8, 18))}:{draw(st.integers(0, 59)):02d}"
    if form == "crawler":
        return f"发布时间: {published.isoformat()} 00:00"
    return f"发布日期：{published.year}年{published.month}月{published.day}日"


def _published(draw, year: int, deadline: tuple[int, int]) -> date:
    """A publication date in time: between 2 January and the deadline of year + 1."""
    first = date(year + 1, 1, 2).toordinal()
    last = date(year + 1, *deadline).toordinal()
    return date.fromordinal(draw(st.integers(first, last)))


def _finish(era: str, year: int, agency: str, published: date, tables: dict[str, dict[str, tuple[_V, ...]]],
            serialisation: str, encoding: str, text: str, cells: dict[tuple[str, str, int], ExpectedCell],
            opts: dict[str, Any], **extra: Any) -> GeneratedReport:
    plain = {kind: {key: tuple(v.value if isinstance(v, _V) else v for v in row) for key, row in rows.items()}
             for kind, rows in tables.items()}
    assert len(cells) == sum(len(row) for rows in plain.values() for row in rows.values()), len(cells)
    return GeneratedReport(
        era=era, year=year, agency=agency, published=published.isoformat(), tables=plain,
        serialisation=serialisation, encoding=encoding, data=text.encode(encoding),
        suffix=".html" if serialisation == "html" else ".txt", text=text, cells=cells, options=opts, **extra,
    )


# ---------------------------------------------------------------------------
# The strategies
# ---------------------------------------------------------------------------


@st.composite
def _template_report(draw, era: TemplateEra, serialisations: tuple[str, ...], encodings: tuple[str, ...],
                     markdown_grid: bool, split_values: bool) -> GeneratedReport:
    """Eras "2019" and "2021": the six template parts, tables 二/三/四 in parts 二/三/四."""
    year = draw(st.integers(*era.years))
    agency = draw(st.sampled_from(AGENCY_PLACES)) + draw(st.sampled_from(AGENCY_BODIES))
    t2 = draw(table2_values(era))
    t3 = draw(table3_values(era))
    t4 = draw(table4_values())
    serialisation = draw(st.sampled_from(serialisations))
    encoding = draw(st.sampled_from(encodings))
    opts = _layout_options(draw, serialisation, markdown_grid, split_values)
    opts["inline_groups"] = draw(st.booleans())
    if serialisation == "html":
        opts["t4_placeholders"] = draw(st.booleans())
        opts["t4_blank_row"] = draw(st.booleans())
    if serialisation in ("html", "pipe"):  # forms where a row-spanning label is written on its first row
        opts["split_results"] = opts["inline_groups"] and draw(st.booleans())
    opts["paren_space"] = "" if serialisation == "html" else draw(st.sampled_from(("", " ")))
    opts["local_notes"] = era.id == "2019" and draw(st.booleans())

    style = _Style(opts["width"], opts["enum_sep"], opts["inner_space"], opts["paren_space"])
    tables = {
        2: _table2(era, t2, style, year, opts["local_notes"]),
        3: _table3(era, t3, style, opts["inline_groups"], opts.get("split_results", False)),
        4: _table4(t4, style, serialisation == "html" and opts["t4_placeholders"], opts.get("t4_blank_row", False)),
    }
    published = _published(draw, year, era.deadline)
    title = f"{agency}{year}年政府信息公开工作年度报告"
    narrative = {
        1: _sentences(draw, _PART1, year=year, agency=agency),
        5: _sentences(draw, _PART5),
        6: _sentences(draw, _PART6 if era.id == "2021" else _PART6 + _PART6_2019),
    }
    if opts["period"]:
        narrative[1].insert(0, f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")

    items = [_Item("title", title), _Item("published", _published_line(draw, published))]
    for part, heading in enumerate(HEADINGS, 1):
        items.append(_Item("heading", heading))
        items += [_Item("para", sentence) for sentence in narrative.get(part, ())]
        if part in tables:
            items.append(_Item("table", table=tables[part]))
    text, cells = _render(draw, items, serialisation, encoding, title, published, opts)
    return _finish(era.id, year, agency, published,
                   {"表二": t2, "表三": t3, "表四": {T4_ROW: t4}},
                   serialisation, encoding, text, cells, opts)


def report_2021(serialisations: tuple[str, ...] = SERIALISATIONS, encodings: tuple[str, ...] = ENCODINGS,
                markdown_grid: bool = True, split_values: bool = False):
    """A complete, correct era-"2021" report in a random serialisation and encoding.

    ``markdown_grid`` also allows pipe tables written as a full Markdown grid
    (every row as wide as the table, spanned positions as empty cells, e.g.
    ``|一、本年新收…|||0|0|…``); the layout drops those placeholders (FORMATS.md §7).

    ``split_values`` (all three strategies) also allows HTML value cells whose
    digits are split over ``<span>``s (``<span>2</span><span>0</span>``, corpus
    043.html); off by default, so that a value's text (``ExpectedCell.raw``)
    stands contiguous at its line and column.
    """
    return _template_report(ERA_2021, serialisations, encodings, markdown_grid, split_values)


def report_2019(serialisations: tuple[str, ...] = SERIALISATIONS, encodings: tuple[str, ...] = ENCODINGS,
                markdown_grid: bool = True, split_values: bool = False):
    """A complete, correct era-"2019" report (report year 2019 or 2020): table 二
    with 22 values in five blocks (signed ``本年增/减``, ``采购总金额`` with ``元``),
    table 三 with the single ``（六）其他处理`` row, table 四."""
    return _template_report(ERA_2019, serialisations, encodings, markdown_grid, split_values)


@st.composite
def report_2007(draw, serialisations: tuple[str, ...] = SERIALISATIONS_2007, encodings: tuple[str, ...] = ENCODINGS,
                markdown_grid: bool = True, split_values: bool = False,
                profiles: tuple[str, ...] = ("national", "fujian")) -> GeneratedReport:
    """A complete, correct era-"2007" report: free headings, narrative covering the
    six items of 第三十二条 (with the table's 主动公开 and 收到申请 counts), and a
    statistics table in the national (report years 2014–2018) or Fujian profile
    (2011–2018; the 2011–2013 row list before 2014)."""
    profile = draw(st.sampled_from(profiles))
    year = draw(st.integers(2014 if profile == "national" else 2011, 2018))
    agency = draw(st.sampled_from(AGENCY_PLACES)) + draw(st.sampled_from(AGENCY_BODIES))
    rows = t7_rows(profile, year)
    t7 = draw(table7_values(rows, profile))
    serialisation = draw(st.sampled_from(serialisations))
    encoding = draw(st.sampled_from(encodings))
    opts = _layout_options(draw, serialisation, markdown_grid, split_values)
    opts["outline"] = draw(st.sampled_from(tuple(OUTLINES_2007)))
    opts["table_place"] = draw(st.sampled_from(("appendix", "section")))
    opts["header_spaced"] = draw(st.booleans())  # seed 004: 统　计　指　标, also inside crawler lines
    opts["label_indent"] = serialisation not in ("html", "crawler") and draw(st.booleans())
    opts["sign_off"] = draw(st.booleans())
    if serialisation not in ("html", "crawler"):
        opts["heading_tail"] = draw(st.sampled_from(("", " ")))  # seed 004: "一、情况概述 "
        opts["title_split"] = draw(st.sampled_from(("", str(year))))  # seed 004: agency on a line of its own

    style = _Style(opts["width"], opts["enum_sep"], opts["inner_space"])
    outline = OUTLINES_2007[opts["outline"]]
    headings = [heading for heading, _, _ in outline if heading]
    if opts["table_place"] == "section":  # corpus 011: "六、平潭综合实验区政府信息公开情况统计表"
        heading = f"{_NUMERALS[len(headings)]}、{agency}政府信息公开情况统计表"
        preamble: tuple[str, ...] = ()
    elif profile == "national":  # seed 004
        heading = ""
        preamble = ("附件", "政府信息公开情况统计表", f"（{year}年度）", f"填报单位：{agency}")
    else:  # corpus 004, 010
        heading = ""
        preamble = draw(st.sampled_from(((f"附件1：{agency}{year}年政府信息公开情况统计表",),
                                         (f"{agency}政府信息公开情况统计表",))))
    table = _table7(rows, t7, profile, year, style, opts, preamble)
    published = _published(draw, year, (3, 31))
    title = f"{agency}{year}年政府信息公开工作年度报告"
    prefix = "t7." if profile == "national" else "t7f."
    totals = {name: t7[prefix + key][0].raw for name, key in (
        ("proactive", "proactive.total" if profile == "national" else "proactive"), ("recv", "recv"),
        ("review", "review"), ("litigation", "litigation"))}
    intro = (f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，"
             f"特向社会公布{agency}{year}年度政府信息公开工作年度报告。")
    if opts["period"]:
        intro += f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"

    items = [_Item("title", title), _Item("published", _published_line(draw, published)), _Item("para", intro)]
    for part_heading, prefix, pool in outline:
        if part_heading:
            items.append(_Item("heading", part_heading))
        longer = pool in (_OVERVIEW_2007, _PROBLEMS_2007)  # the other pools' sentences say the same thing
        chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2 if longer else 1, unique=True))
        items.append(_Item("para", prefix + "".join(s.format(year=year, agency=agency, **totals) for s in chosen)))
    if heading:
        items.append(_Item("heading", heading))
    elif opts["sign_off"]:  # seed 004: agency and date before the 附件
        sign_date = date(year + 1, 1, draw(st.integers(2, 20)))
        items += [_Item("para", agency), _Item("para", f"{sign_date.year}年{sign_date.month}月{sign_date.day}日")]
    items.append(_Item("table", table=table))
    text, cells = _render(draw, items, serialisation, encoding, title, published, opts)
    units = {row.key: row.unit for row in rows}
    return _finish("2007", year, agency, published, {"统计表": t7}, serialisation, encoding, text, cells, opts,
                   profile=profile, units=units)


#: Era id -> strategy factory (call it for the strategy: ``STRATEGIES["2019"]()``).
STRATEGIES: dict[str, Callable[..., st.SearchStrategy[GeneratedReport]]] = {
    "2021": report_2021,
    "2019": report_2019,
    "2007": report_2007,
}
