"""Canonical labels of the report templates, their accepted variants, and the
normalisation used to match them (FORMATS.md §2, §6).

This module is data: a regulator should be able to read it. Each label has a
stable ``key`` that the AST and the rules use; ``canonical`` is the template's
spelling; ``variants`` are real-world spellings that are accepted (and can be
reported as such). Normalisation is for matching only: raw text and positions
are always kept.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

# --------------------------------------------------------------------------
# Normalisation (FORMATS.md §6)
# --------------------------------------------------------------------------

#: Characters deleted before matching: every kind of space, zero-width marks and quotes.
DELETED = " \t\r\n\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff\"'“”‘’「」『』"


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {ord(ch): None for ch in DELETED}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII -> ASCII
        table[code] = chr(code - 0xFEE0)
    table.update({ord(a): b for a, b in zip("〔〕【】［］﹤﹥<>〈〉．。", "[][][]《》《》《》.。")})
    table[ord("．")] = "."
    return table


_TABLE = _build_table()
#: The same as a pattern: str.translate looks every character up in the table
#: (slow for CJK text), a character class skips the many that stay as they are.
_CHANGED = re.compile("[" + "".join(re.escape(chr(code)) for code in _TABLE) + "]")
_REPLACEMENT = {chr(code): value or "" for code, value in _TABLE.items()}


def normalize(text: str) -> str:
    """Matching form of a label: no spaces or quotes, half-width brackets, digits, colons, commas."""
    # One replace per distinct character to change: long lines repeat a few
    # marks (，：（）) many times, and a callback per occurrence costs more.
    for changed in set(_CHANGED.findall(text)):
        text = text.replace(changed, _REPLACEMENT[changed])
    return text


#: A row label's numbering, on normalised text: "其中:", "一、", "(一)", "1." / "1、".
UNNUMBERED = re.compile(r"^(?:其中:?)?(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、])")


_KEPT_RUN = re.compile("[^" + re.escape(DELETED) + "]+")


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """:func:`normalize` plus, for each character kept, its index in ``text``."""
    index: list[int] = []
    for run in _KEPT_RUN.finditer(text):  # runs, not characters: crawler lines are long
        index.extend(range(run.start(), run.end()))
    return normalize(text), index


def normalized_part(normalized: tuple[str, list[int]], begin: int, end: int) -> tuple[str, list[int]]:
    """``normalize_with_map(text[begin:end])`` from ``normalize_with_map(text)``:
    normalising changes or drops each character on its own, so a part of the
    text normalises to a part of the whole's form (long lines are cut in
    several places and are not normalised again for each)."""
    norm, index = normalized
    first, last = bisect_left(index, begin), bisect_left(index, end)
    return norm[first:last], [k - begin for k in index[first:last]]


#: A fix rewrites at most this many characters: a typo or a small variant, not a rewording.
FIX_LIMIT = 3


def fix_for(raw: str, canonical: str) -> str | None:
    """The corrected text of ``raw`` when it is a few characters from
    ``canonical`` (see :func:`corrected`), else None: a larger rewording is for
    the author to decide."""
    if edit_distance(normalize(raw), normalize(canonical), FIX_LIMIT) > FIX_LIMIT:
        return None
    return corrected(raw, canonical)


def corrected(raw: str, canonical: str) -> str:
    """``raw`` with only the characters changed that make it ``canonical`` once
    both are normalised: the author's spacing, bracket widths and quotes stay
    ((一)予以公开的 → (一)予以公开, not （一）予以公开)."""
    from difflib import SequenceMatcher

    norm_raw, at_raw = normalize_with_map(raw)
    norm_canonical, at_canonical = normalize_with_map(canonical)
    out, done = [], 0
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, norm_raw, norm_canonical, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        start = at_raw[i1] if i1 < len(at_raw) else len(raw)
        end = at_raw[i2 - 1] + 1 if i2 > i1 else start
        out.append(raw[done:start])
        if j2 > j1:
            out.append(canonical[at_canonical[j1]:at_canonical[j2 - 1] + 1])
        done = end
    out.append(raw[done:])
    return "".join(out)


# --------------------------------------------------------------------------
# Label definitions
# --------------------------------------------------------------------------

#: Token kinds a label can produce (terminals of the grammars).
HEADING = "HEADING"
T2_BLOCK, T2_HEAD, T2_ROW = "T2_BLOCK", "T2_HEAD", "T2_ROW"
T3_HEAD, T3_GROUP, T3_ROW = "T3_HEAD", "T3_GROUP", "T3_ROW"
T4_HEAD = "T4_HEAD"
T7_HEAD, T7_GROUP, T7_ROW = "T7_HEAD", "T7_GROUP", "T7_ROW"


#: Label kinds whose tokens are the kind itself (header cells, era-2007 rows):
#: the grammar does not tell them apart. Every other label is its own terminal.
_GENERIC_TERMINALS = frozenset({T2_HEAD, T3_HEAD, T4_HEAD, T7_HEAD, T7_ROW, T7_GROUP})


@dataclass(frozen=True)
class Label:
    key: str
    kind: str
    canonical: str
    variants: tuple[str, ...] = ()
    #: Number of value cells a data row with this label carries.
    values: int = 0
    #: Group label key (table 三 leaves) or block key (table 二 rows).
    parent: str | None = None
    #: Regex (on normalised text) used instead of the spelling, for long notes.
    pattern: str | None = None
    #: Characters a ``pattern`` match can start with beyond those of the
    #: canonical spelling (the label regex skips positions by first character).
    firsts: str = ""
    #: The grammar terminal the lexer emits for this label (grammars/<era>.lark);
    #: by default the kind for header cells and era-2007 rows, else from the key
    #: (t3.withheld.1 -> T3_WITHHELD_1).
    terminal: str = ""

    def __post_init__(self) -> None:
        if not self.terminal:
            default = self.kind if self.kind in _GENERIC_TERMINALS else self.key.upper().replace(".", "_")
            object.__setattr__(self, "terminal", default)


@dataclass(frozen=True)
class TableShape:
    """What a complete table looks like: its rows in order and their value counts."""

    kind: str  # "表二", "表三", "表四"
    section: int
    rows: tuple[str, ...]  # label keys of the data rows, in template order
    values: dict[str, int] = field(default_factory=dict)
    #: Normalised words only this table has (a block header, a column): written
    #: in the text, they show the table is there even when it could not be read.
    marks: tuple[str, ...] = ()


_T3_GROUPS = ("三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理")

#: Block headers of table 二 common to eras 2019 and 2021 (2019 adds 第二十条第（九）项).
_T2_BLOCKS = (
    Label("t2.item1", T2_BLOCK, "第二十条第（一）项"),
    Label("t2.item5", T2_BLOCK, "第二十条第（五）项"),
    Label("t2.item6", T2_BLOCK, "第二十条第（六）项"),
    Label("t2.item8", T2_BLOCK, "第二十条第（八）项"),
    Label("t2.content", T2_HEAD, "信息内容"),
)

_TABLE2_2021 = _T2_BLOCKS + (
    Label("t2.issued", T2_HEAD, "本年制发件数"),
    Label("t2.repealed", T2_HEAD, "本年废止件数"),
    Label("t2.in_force", T2_HEAD, "现行有效件数", ("现有有效件数",)),
    Label("t2.decisions", T2_HEAD, "本年处理决定数量"),
    Label("t2.fee_amount", T2_HEAD, "本年收费金额（单位：万元）", pattern=r"本年收费金额(?:\([^()]{2,20}\))?"),
    Label("t2.rules", T2_ROW, "规章", values=3, parent="t2.item1"),
    # 规范性文件 is the 2019 spelling, kept by some 2021-format reports (corpus 002.md)
    Label("t2.normative", T2_ROW, "行政规范性文件", ("规范性文件",), values=3, parent="t2.item1"),
    Label("t2.licensing", T2_ROW, "行政许可", values=1, parent="t2.item5"),
    Label("t2.penalty", T2_ROW, "行政处罚", values=1, parent="t2.item6"),
    Label("t2.coercion", T2_ROW, "行政强制", values=1, parent="t2.item6"),
    Label("t2.fees", T2_ROW, "行政事业性收费", values=1, parent="t2.item8"),
)

_TABLE3_HEAD = (
    Label("t3.note", T3_HEAD, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
          pattern=r"\(?本列数据的勾稽关系[^()]{0,60}\)?"),
    Label("t3.applicant", T3_HEAD, "申请人情况"),
    Label("t3.c1", T3_HEAD, "自然人"),
    Label("t3.legal", T3_HEAD, "法人或其他组织"),
    Label("t3.c2", T3_HEAD, "商业企业", ("商业机构",)),
    Label("t3.c3", T3_HEAD, "科研机构"),
    Label("t3.c4", T3_HEAD, "社会公益组织"),
    Label("t3.c5", T3_HEAD, "法律服务机构"),
    Label("t3.c6", T3_HEAD, "其他", ("其它",)),
    Label("total", T3_HEAD, "总计"),  # shared with table 四; the lexer decides by context
)


def _t3_rows(other_has_subrows: bool) -> tuple[Label, ...]:
    rows = [
        Label("t3.new", T3_ROW, "一、本年新收政府信息公开申请数量", values=7),
        Label("t3.carried_over", T3_ROW, "二、上年结转政府信息公开申请数量", values=7),
        Label("t3.results", T3_GROUP, _T3_GROUPS[0]),
        Label("t3.open", T3_ROW, "（一）予以公开", values=7, parent="t3.results"),
        Label("t3.partial", T3_ROW, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", values=7,
              parent="t3.results", pattern=r"(?:\(二\))?部分公开(?:\([^()]{2,60}\))?"),
        Label("t3.withheld", T3_GROUP, _T3_GROUPS[1], parent="t3.results"),
    ]
    withheld = ("属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
                "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项")
    rows += [Label(f"t3.withheld.{n}", T3_ROW, f"{n}.{text}", values=7, parent="t3.withheld")
             for n, text in enumerate(withheld, 1)]
    rows.append(Label("t3.unable", T3_GROUP, _T3_GROUPS[2], parent="t3.results"))
    unable = ("本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确")
    rows += [Label(f"t3.unable.{n}", T3_ROW, f"{n}.{text}", values=7, parent="t3.unable")
             for n, text in enumerate(unable, 1)]
    rows.append(Label("t3.not_processed", T3_GROUP, _T3_GROUPS[3], parent="t3.results"))
    not_processed = ("信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
                     "要求行政机关确认或重新出具已获取信息")
    rows += [Label(f"t3.not_processed.{n}", T3_ROW, f"{n}.{text}", values=7, parent="t3.not_processed")
             for n, text in enumerate(not_processed, 1)]
    # "（六）其他" (corpus 001.md) is the group's label with its last word lost
    if other_has_subrows:
        rows.append(Label("t3.other", T3_GROUP, _T3_GROUPS[4], ("（六）其他",), parent="t3.results"))
        other = ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                 "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他")
        rows += [Label(f"t3.other.{n}", T3_ROW, f"{n}.{text}", values=7, parent="t3.other")
                 for n, text in enumerate(other, 1)]
    else:
        rows.append(Label("t3.other", T3_ROW, _T3_GROUPS[4], ("（六）其他",), values=7, parent="t3.results"))
    rows += [
        Label("t3.total", T3_ROW, "（七）总计", values=7, parent="t3.results"),
        Label("t3.carry_forward", T3_ROW, "四、结转下年度继续办理", values=7),
    ]
    return tuple(rows)


_TABLE4 = (
    Label("t4.review", T4_HEAD, "行政复议", terminal="T4_REVIEW"),
    Label("t4.litigation", T4_HEAD, "行政诉讼", terminal="T4_LITIGATION"),
    Label("t4.upheld", T4_HEAD, "结果维持"),
    Label("t4.corrected", T4_HEAD, "结果纠正"),
    Label("t4.other", T4_HEAD, "其他结果"),
    Label("t4.pending", T4_HEAD, "尚未审结"),
    Label("t4.direct", T4_HEAD, "未经复议直接起诉", terminal="T4_DIRECT"),
    Label("t4.after_review", T4_HEAD, "复议后起诉", terminal="T4_AFTER_REVIEW"),
)

#: Table 四's single data row has no label of its own; this key names it.
T4_DATA_ROW = "t4.values"
T4_COLUMNS = tuple(
    f"{group}.{result}"
    for group in ("行政复议", "未经复议直接起诉", "复议后起诉")
    for result in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
)
T3_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")

#: Section headings (eras 2019 and 2021): part -> (template text, accepted variants).
#: Typos (one character off, e.g. 行政法复议) are not listed: linter.structure finds them.
HEADINGS: dict[int, tuple[str, tuple[str, ...]]] = {
    1: ("总体情况", ()),
    2: ("主动公开政府信息情况", ("行政机关主动公开政府信息情况",)),
    3: ("收到和处理政府信息公开申请情况", ("行政机关收到和处理政府信息公开申请情况",)),
    4: ("政府信息公开行政复议、行政诉讼情况", (
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "因政府信息公开被申请行政复议、提起行政诉讼情况",
        "因政府信息公开申请行政复议、提起行政诉讼的情况",
        "政府信息公开行政复议和行政诉讼情况",
    )),
    5: ("存在的主要问题及改进情况", (
        "政府信息公开工作存在的主要问题及改进情况",
        "存在问题及改进情况",
        "存在主要问题及改进情况",
        "存在主要问题和改进情况",
        "存在的主要问题和改进情况",
    )),
    6: ("其他需要报告的事项", ("其它需要报告的事项",)),
}
NUMERALS = "一二三四五六"


@dataclass(frozen=True, eq=False)  # identity hash: eras are singletons
class Era:
    """Everything the lexer, grammar and rules need to know about one template era."""

    id: str
    years: str
    basis: str
    labels: tuple[Label, ...]
    tables: tuple[TableShape, ...]
    #: Words of a unit column (era 2007): lexed as UNIT, not as values.
    units: tuple[str, ...] = ()
    #: Parts in which a table may stand (0 = before part 一).
    table_sections: tuple[int, ...] = (0, 2, 3, 4)
    #: Labels strong enough to start a table where no table is expected.
    anchors: frozenset[str] = frozenset({"t2.item1", "t2.item5", "t2.item6", "t2.item8", "t2.item9",
                                         "t3.note", "t3.applicant", "t4.direct", "t4.after_review"})
    #: True when a table may only start on an anchor (free section structure);
    #: otherwise anchors are needed only before part 一.
    anchored_everywhere: bool = False

    @property
    def by_key(self) -> dict[str, Label]:
        return _by_key(self)

    @property
    def by_norm(self) -> dict[str, tuple[Label, bool]]:
        """Normalised spelling -> (label, is_variant)."""
        return _by_norm(self)

    @property
    def label_regex(self) -> re.Pattern[str]:
        return _label_regex(self)

    @property
    def anchor_regex(self) -> re.Pattern[str] | None:
        """Where a table starts inside a long line (crawler text), when the era needs it."""
        return _anchor_regex(self)

    @property
    def unit_regex(self) -> re.Pattern[str] | None:
        """A unit word, alone or before the digits it was glued to (条4251516)."""
        return _unit_regex(self)


def _shape(kind: str, section: int, labels: tuple[Label, ...]) -> TableShape:
    rows = tuple(label.key for label in labels if label.values)
    cores = (re.sub(r"\(.*\)$", "", UNNUMBERED.sub("", normalize(label.canonical))) for label in labels)
    marks = tuple(core for core in cores if len(core) >= 6)
    return TableShape(kind, section, rows, {label.key: label.values for label in labels if label.values}, marks)


def _template_era(id: str, years: str, basis: str, table2: tuple[Label, ...],
                  table3_rows: tuple[Label, ...]) -> Era:
    """An era with the national template's three tables (2019 and 2021 differ in labels only)."""
    return Era(
        id=id,
        years=years,
        basis=basis,
        labels=table2 + _TABLE3_HEAD + table3_rows + _TABLE4,
        tables=(
            _shape("表二", 2, table2),
            _shape("表三", 3, table3_rows),
            TableShape("表四", 4, (T4_DATA_ROW,), {T4_DATA_ROW: 15}, ("未经复议直接起诉", "复议后起诉")),
        ),
    )


ERA_2021 = _template_era(
    "2021", "2021 年及以后",
    "《中华人民共和国政府信息公开条例》（国务院令第711号）；国办公开办函〔2021〕30号",
    _TABLE2_2021, _t3_rows(other_has_subrows=True),
)

_TABLE2_2019 = _T2_BLOCKS + (
    Label("t2.item9", T2_BLOCK, "第二十条第（九）项"),
    Label("t2.made", T2_HEAD, "本年新制作数量"),
    Label("t2.published", T2_HEAD, "本年新公开数量"),
    Label("t2.total_public", T2_HEAD, "对外公开总数量"),
    Label("t2.last_year_items", T2_HEAD, "上一年项目数量"),
    Label("t2.change", T2_HEAD, "本年增/减", pattern=r"本年增[/／]?减(?:\([^()]{2,60}\))?"),
    Label("t2.decisions", T2_HEAD, "处理决定数量"),
    Label("t2.purchases", T2_HEAD, "采购项目数量"),
    Label("t2.purchase_amount", T2_HEAD, "采购总金额"),
    Label("t2.rules", T2_ROW, "规章", values=3, parent="t2.item1"),
    Label("t2.normative", T2_ROW, "规范性文件", values=3, parent="t2.item1"),
    Label("t2.licensing", T2_ROW, "行政许可", values=3, parent="t2.item5"),
    Label("t2.other_services", T2_ROW, "其他对外管理服务事项", values=3, parent="t2.item5"),
    Label("t2.penalty", T2_ROW, "行政处罚", values=3, parent="t2.item6"),
    Label("t2.coercion", T2_ROW, "行政强制", values=3, parent="t2.item6"),
    Label("t2.fees", T2_ROW, "行政事业性收费", values=2, parent="t2.item8"),
    Label("t2.procurement", T2_ROW, "政府集中采购", values=2, parent="t2.item9"),
)

ERA_2019 = _template_era(
    "2019", "2019、2020 年",
    "《中华人民共和国政府信息公开条例》（国务院令第711号）；国办公开办函〔2019〕60号（试行格式）",
    _TABLE2_2019, _t3_rows(other_has_subrows=False),
)

# --------------------------------------------------------------------------
# Era "2007": the statistics tables (FORMATS.md §2.1)
# --------------------------------------------------------------------------
#
# Two profiles are known: the national 2014 table (统计指标 | 单位 | 统计数) and
# the Fujian table (指标名称 | 计量单位 | 年度 | 历年累计). Row labels are
# matched without their numbering ("1." or "1、", "（一）", "其中：") because
# each province numbered its own way; the table grammar itself is generic
# (label, unit, values), so unknown rows of other provinces are kept as rows.

# One digit only: in crawler text the numbering follows the previous row's
# digits ("…15092.政府公报公开"), and no table numbers its rows beyond 9.
# Numerals are bounded ({1,3}): an unbounded run inside the label alternation
# backtracks quadratically over a long run of 一一一… in hostile input.
_NUMBERING_2007 = r"(?:其中:?)?(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|\d[.、])?"
_NOTE = r"(?:\([^()]{2,60}\))?"


def _row7(key: str, canonical: str, core: str | None = None, values: int = 1, kind: str = T7_ROW,
          parent: str | None = None, firsts: str = "") -> Label:
    """An era-2007 table label; ``core`` is a regex for the text after the numbering."""
    if core is None:
        core = re.escape(UNNUMBERED.sub("", normalize(canonical))).replace("、", "[、,]")
    return Label(key, kind, canonical, values=values if kind == T7_ROW else 0, parent=parent,
                 pattern=_NUMBERING_2007 + core + _NOTE, firsts=firsts)


def _group7(key: str, canonical: str, parent: str | None = None) -> Label:
    return _row7(key, canonical, kind=T7_GROUP, parent=parent)


_TABLE7_HEAD = (
    Label("t7.h.indicator", T7_HEAD, "统计指标", terminal="H7_INDICATOR"),
    Label("t7.h.unit", T7_HEAD, "单位", terminal="H7_UNIT"),
    Label("t7.h.count", T7_HEAD, "统计数", terminal="H7_COUNT"),
    Label("t7.h.name", T7_HEAD, "指标名称", terminal="H7_NAME"),
    Label("t7.h.measure", T7_HEAD, "计量单位", terminal="H7_MEASURE"),
    Label("t7.h.year", T7_HEAD, "年度", pattern=r"(?:19|20)\d{2}年度", firsts="12", terminal="H7_YEAR"),
    Label("t7.h.cumulative", T7_HEAD, "历年累计", terminal="H7_CUMULATIVE"),
)

#: The national table, row by row as in seed 004 (65 rows, 58 with a value).
_TABLE7_NATIONAL = (
    _group7("t7.proactive", "一、主动公开情况"),
    _row7("t7.proactive.total", "（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）",
          "主动公开政府信息数", parent="t7.proactive"),
    _row7("t7.proactive.normative", "其中：主动公开规范性文件数", parent="t7.proactive.total"),
    _row7("t7.proactive.normative_made", "制发规范性文件总数", parent="t7.proactive.total"),
    _group7("t7.proactive.channels", "（二）通过不同渠道和方式公开政府信息的情况", parent="t7.proactive"),
    _row7("t7.proactive.gazette", "1.政府公报公开政府信息数", parent="t7.proactive.channels"),
    _row7("t7.proactive.website", "2.政府网站公开政府信息数", parent="t7.proactive.channels"),
    _row7("t7.proactive.weibo", "3.政务微博公开政府信息数", parent="t7.proactive.channels"),
    _row7("t7.proactive.wechat", "4.政务微信公开政府信息数", parent="t7.proactive.channels"),
    _row7("t7.proactive.other", "5.其他方式公开政府信息数", r"其[他它]方式公开政府信息数",
          parent="t7.proactive.channels"),
    _group7("t7.response", "二、回应解读情况"),
    _row7("t7.response.total", "（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）",
          "回应公众关注热点或重大舆情数", parent="t7.response"),
    _group7("t7.response.channels", "（二）通过不同渠道和方式回应解读的情况", parent="t7.response"),
    _row7("t7.response.press", "1.参加或举办新闻发布会总次数", parent="t7.response.channels"),
    _row7("t7.response.press_leaders", "其中：主要负责同志参加新闻发布会次数", parent="t7.response.press"),
    _row7("t7.response.interviews", "2.政府网站在线访谈次数", parent="t7.response.channels"),
    _row7("t7.response.interviews_leaders", "其中：主要负责同志参加政府网站在线访谈次数",
          parent="t7.response.interviews"),
    _row7("t7.response.articles", "3.政策解读稿件发布数", parent="t7.response.channels"),
    _row7("t7.response.weibo_wechat", "4.微博微信回应事件数", parent="t7.response.channels"),
    _row7("t7.response.other", "5.其他方式回应事件数", r"其[他它]方式回应事件数", parent="t7.response.channels"),
    _group7("t7.apply", "三、依申请公开情况"),
    _row7("t7.recv", "（一）收到申请数", parent="t7.apply"),
    _row7("t7.recv.in_person", "1.当面申请数", parent="t7.recv"),
    _row7("t7.recv.fax", "2.传真申请数", parent="t7.recv"),
    _row7("t7.recv.online", "3.网络申请数", parent="t7.recv"),
    _row7("t7.recv.mail", "4.信函申请数", parent="t7.recv"),
    _row7("t7.done", "（二）申请办结数", parent="t7.apply"),
    _row7("t7.done.on_time", "1.按时办结数", parent="t7.done"),
    _row7("t7.done.extended", "2.延期办结数", parent="t7.done"),
    _row7("t7.answers", "（三）申请答复数", parent="t7.apply"),
    _row7("t7.answers.public_scope", "1.属于已主动公开范围数", parent="t7.answers"),
    _row7("t7.answers.agree", "2.同意公开答复数", parent="t7.answers"),
    _row7("t7.answers.partial", "3.同意部分公开答复数", parent="t7.answers"),
    _row7("t7.answers.refuse", "4.不同意公开答复数", parent="t7.answers"),
    _row7("t7.answers.refuse.secret", "其中：涉及国家秘密", parent="t7.answers.refuse"),
    _row7("t7.answers.refuse.commercial", "涉及商业秘密", parent="t7.answers.refuse"),
    _row7("t7.answers.refuse.privacy", "涉及个人隐私", parent="t7.answers.refuse"),
    _row7("t7.answers.refuse.security", "危及国家安全、公共安全、经济安全和社会稳定", parent="t7.answers.refuse"),
    _row7("t7.answers.refuse.not_info", "不是《条例》所指政府信息", r"不是《?条例》?所指政府信息",
          parent="t7.answers.refuse"),
    _row7("t7.answers.refuse.other", "法律法规规定的其他情形", parent="t7.answers.refuse"),
    _row7("t7.answers.not_ours", "5.不属于本行政机关公开数", parent="t7.answers"),
    _row7("t7.answers.not_exist", "6.申请信息不存在数", parent="t7.answers"),
    _row7("t7.answers.amend", "7.告知作出更改补充数", parent="t7.answers"),
    _row7("t7.answers.other_channel", "8.告知通过其他途径办理数", parent="t7.answers"),
    _row7("t7.review", "四、行政复议数量"),
    # The three parts of 行政复议 and 行政诉讼 share their spelling: the builder
    # renames them by the total they follow (RENAMES_2007).
    _row7("t7.review.upheld", "（一）维持具体行政行为数", parent="t7.review"),
    _row7("t7.review.corrected", "（二）被依法纠错数", parent="t7.review"),
    _row7("t7.review.other", "（三）其他情形数", parent="t7.review"),
    _row7("t7.litigation", "五、行政诉讼数量"),
    _row7("t7.litigation.upheld", "（一）维持具体行政行为或者驳回原告诉讼请求数", parent="t7.litigation"),
    _row7("t7.complaints", "六、举报投诉数量"),
    _row7("t7.fees", "七、依申请公开信息收取的费用"),
    _group7("t7.org", "八、机构建设和保障经费情况"),
    _row7("t7.org.units", "（一）政府信息公开工作专门机构数", parent="t7.org"),
    _row7("t7.org.points", "（二）设置政府信息公开查阅点数", parent="t7.org"),
    _row7("t7.org.staff", "（三）从事政府信息公开工作人员数", parent="t7.org"),
    _row7("t7.org.staff.full", "1.专职人员数（不包括政府公报及政府网站工作人员数）", "专职人员数",
          parent="t7.org.staff"),
    _row7("t7.org.staff.part", "2.兼职人员数", parent="t7.org.staff"),
    _row7("t7.org.funds", "（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）",
          "政府信息公开专项经费", parent="t7.org"),
    _group7("t7.meetings", "九、政府信息公开会议和培训情况"),
    _row7("t7.meetings.meetings", "（一）召开政府信息公开工作会议或专题会议数", parent="t7.meetings"),
    _row7("t7.meetings.trainings", "（二）举办各类培训班数", parent="t7.meetings"),
    _row7("t7.meetings.trainees", "（三）接受培训人员数", parent="t7.meetings"),
)

#: Rows of the Fujian table (Pingtan 2011–2018) that the national table lacks;
#: 当面申请数, 传真申请数, 信函申请数, 同意公开答复数, 同意部分公开答复数 are shared.
_TABLE7_FUJIAN = (
    _row7("t7f.proactive", "主动公开文件数", r"主动公开(?:信息|文件)数"),
    _row7("t7f.website", "政府网站公开数", r"(?:政府)?网站公开数?", parent="t7f.proactive",
          firsts="网"),
    _row7("t7f.gazette", "政府公报公开数", r"政府公报公开数?", parent="t7f.proactive"),
    _row7("t7f.recv", "受理依申请公开信息总数", r"受理(?:依申请公开信息|政府信息依申请公开)总数"),
    _row7("t7.recv.email", "电子邮件申请数", parent="t7f.recv"),
    _row7("t7.recv.web", "网上申请数", parent="t7f.recv"),
    _row7("t7.recv.mail_fax", "信函、传真申请数", parent="t7f.recv"),
    _row7("t7.recv.other_forms", "其它形式申请数", r"其[它他]形式申请数", parent="t7f.recv"),
    _row7("t7f.answers", "对申请的答复总数", r"对申请的答复总?数"),
    _row7("t7f.answers.reject", "不予公开答复数", r"(?:不予|否决)公开答复数", parent="t7f.answers",
          firsts="否"),
    _row7("t7f.answers.other", "其他类型答复数", r"其[他它]类型答复数", parent="t7f.answers"),
    _row7("t7f.fee_waiver", "政府信息公开收费减免金额"),
    _row7("t7f.complaints", "接受行政诉讼、举报数"),
    _row7("t7f.review", "行政复议数"),
    _row7("t7f.litigation", "行政诉讼数"),
    _row7("t7f.appeals", "行政申诉、举报数", r"行政申诉(?:[、,]?举报)?数"),
)

#: Keys of the rows a Fujian table has (its own and those shared with the national table).
FUJIAN_ROWS_2007 = frozenset(label.key for label in _TABLE7_FUJIAN) | {
    "t7.recv.in_person", "t7.recv.fax", "t7.recv.mail", "t7.answers.agree", "t7.answers.partial"}

#: (total the row follows, key as spelled) -> key: 被依法纠错数 under 五、行政诉讼数量
#: is the lawsuits' part, not the reviews'.
RENAMES_2007: dict[tuple[str, str], str] = {
    ("t7.litigation", "t7.review.corrected"): "t7.litigation.corrected",
    ("t7.litigation", "t7.review.other"): "t7.litigation.other",
}

#: Units written in the unit column; ``——`` marks a group row (FORMATS.md §2.4).
UNITS_2007 = ("人次", "万元", "条", "件", "次", "篇", "个", "人", "元", "项", "——", "--")

ERA_2007 = Era(
    id="2007",
    years="2018 年及以前",
    basis="《中华人民共和国政府信息公开条例》（国务院令第492号）第三十一、三十二条；国办公开办函〔2014〕32号（统计表）",
    labels=_TABLE7_HEAD + _TABLE7_NATIONAL + _TABLE7_FUJIAN,
    tables=(),  # the row list depends on the profile: judged by the rules, not by TPL003
    units=UNITS_2007,
    table_sections=(0, 1, 2, 3, 4, 5, 6),
    anchors=frozenset({"t7.h.indicator", "t7.h.name"}),
    anchored_everywhere=True,
)

ERAS: dict[str, Era] = {"2007": ERA_2007, "2019": ERA_2019, "2021": ERA_2021}


def expected_era(year: int) -> str:
    """The era a report year requires (FORMATS.md §1)."""
    if year <= 2018:
        return "2007"
    return "2019" if year <= 2020 else "2021"


#: Labels found only in one era's template (FORMATS.md §1). Raw spellings are
#: compared after normalisation, which never merges 规范性文件 with 行政规范性文件
#: because each is looked for as a whole word of its own era.
FINGERPRINTS: dict[str, tuple[str, ...]] = {
    "2007": ("政府信息公开情况统计表", "申请办结数", "申请答复数", "当面申请数", "回应解读情况",
             "机构建设和保障经费情况", "依申请公开信息收取的费用", "历年累计", "指标名称", "计量单位"),
    "2019": ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "处理决定数量",
             "其他对外管理服务事项", "第二十条第(九)项", "采购项目数量", "采购总金额", "政府集中采购"),
    # (not 处理决定数量: it is inside 2021's 本年处理决定数量)
    "2021": ("本年制发件数", "本年废止件数", "现行有效件数", "现有有效件数", "行政规范性文件",
             "本年处理决定数量", "本年收费金额"),
}


@lru_cache(maxsize=None)
def _by_key(era: Era) -> dict[str, Label]:
    return {label.key: label for label in era.labels}


@lru_cache(maxsize=None)
def _by_norm(era: Era) -> dict[str, tuple[Label, bool]]:
    table: dict[str, tuple[Label, bool]] = {}
    for label in era.labels:
        table.setdefault(normalize(label.canonical), (label, False))
        for variant in label.variants:
            table.setdefault(normalize(variant), (label, True))
    cores = _distinctive_cores(era)
    for label in era.labels:  # "予以公开" for "（一）予以公开": numbering is not a variant
        for k, spelling in enumerate((label.canonical,) + label.variants):
            core = _split_numbering(spelling)[1]
            if core in cores:
                table.setdefault(core, (label, k > 0))
    return table


def _split_numbering(spelling: str) -> tuple[str, str]:
    """(numbering, rest) of a normalised spelling: ("(一)", "予以公开")."""
    text = normalize(spelling)
    match = UNNUMBERED.match(text)
    return (match.group(0), text[match.end():]) if match else ("", text)


@lru_cache(maxsize=None)
def _distinctive_cores(era: Era) -> frozenset[str]:
    """Label texts that name one label even without their numbering.

    Reports converted from PDF or Markdown often lose a row's numbering
    (``| 予以公开 | 290 | …``, corpus 001.md) while the numbering stands in a
    heading line above. A core of four characters or more that no other label
    of the era shares is matched with or without it; short or shared ones
    (``3.其他``, ``（七）总计``) keep their numbering.
    """
    counts: dict[str, int] = {}
    numbered: set[str] = set()
    for label in era.labels:
        if label.kind in (T7_ROW, T7_GROUP, T7_HEAD):  # era 2007 has its own numbering rule
            continue
        for spelling in (label.canonical,) + label.variants:
            numbering, core = _split_numbering(spelling)
            counts[core] = counts.get(core, 0) + 1
            if numbering:
                numbered.add(core)
    return frozenset(core for core in numbered if len(core) >= 4 and counts[core] == 1)


def _spelling_pattern(spelling: str, cores: frozenset[str] = frozenset()) -> str:
    """Regex for a normalised spelling, tolerant of numbering and separator styles;
    the numbering is optional when the rest is a distinctive core."""
    numbering, core = _split_numbering(spelling)
    head = re.sub(r"[、,]", "[、,]", re.escape(numbering))
    head = re.sub(r"^(\d)\\?\.", r"\1[.、]", head)  # 1. = 1、 = 1．
    body = re.sub(r"[、,]", "[、,]", re.escape(core))
    if numbering and core in cores:
        return f"(?:{head})?{body}"
    return head + body


@lru_cache(maxsize=None)
def _label_regex(era: Era) -> re.Pattern[str]:
    """One alternation over every table label of the era, longest spelling first.

    Group ``g<k>`` matches a canonical spelling of label ``k``, ``v<k>`` a variant.
    """
    first, alternatives = label_alternatives(era)
    if not alternatives:
        return re.compile(r"(?!)")  # an era without table labels matches nothing
    return re.compile(f"(?={first})(?:" + "|".join(guarded(alternatives)) + ")")


def label_alternatives(era: Era) -> tuple[str, list[str]]:
    """The era's label alternatives in the order they are tried, and a class of
    the characters any of them can start with."""
    cores = _distinctive_cores(era)
    alternatives: list[tuple[int, str]] = []
    for k, label in enumerate(era.labels):
        canonical = label.pattern or _spelling_pattern(label.canonical, cores)
        tail = "" if label.pattern else r"(?:\([^()]{2,60}\))?"
        alternatives.append((len(normalize(label.canonical)), f"(?P<g{k}>{canonical}{tail})"))
        for j, variant in enumerate(label.variants):
            alternatives.append((len(normalize(variant)),
                                 f"(?P<v{k}_{j}>{_spelling_pattern(variant, cores)}{tail})"))
    alternatives.sort(key=lambda item: -item[0])
    # A lookahead on the possible first characters lets the scan skip most
    # positions at once (10x faster on long crawler lines).
    firsts = set()
    for label in era.labels:
        firsts.update(label.firsts)
        for spelling in (label.canonical,) + label.variants:
            text = normalize(spelling)
            firsts.update((text[0], text.lstrip("(")[0], UNNUMBERED.sub("", text)[0]))
    return "[" + "".join(re.escape(ch) for ch in sorted(firsts)) + "]", [source for _, source in alternatives]


def guarded(alternatives: Iterable[str]) -> list[str]:
    """Each alternative behind a lookahead on the characters it can start with:
    trying the guard costs a tenth of trying the alternative's optional
    numbering, and the alternatives keep their order (which decides the match)."""
    from .startup import first_class

    out = []
    for source in alternatives:
        guard = first_class(source)
        out.append(source if guard is None else f"(?={guard})(?:{source})")
    return out


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance between two short texts, or ``limit + 1`` once it
    is certain to exceed ``limit`` (banded: O(len × limit))."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [limit + 1] * len(b)
        low, high = max(1, i - limit), min(len(b), i + limit)
        for j in range(low, high + 1):
            cost = 0 if ca == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[len(b)], limit + 1)


def near_miss(era: Era, text: str, kinds: tuple[str, ...]) -> tuple[Label, int] | None:
    """The one label of ``kinds`` that ``text`` misspells, and by how many
    characters: a character wrong, added or dropped per four of the label's
    (``2.其他法律行政止公开`` for ``2.其他法律行政法规禁止公开``), numbering and
    the first two characters as written. None when no label, or more than one,
    is that close."""
    numbering, core = _split_numbering(text)
    if len(core) < 4 or len(core) > 60:
        return None
    found: list[tuple[int, str, Label]] = []
    for label in era.labels:
        if label.kind not in kinds:
            continue
        for spelling in (label.canonical,) + label.variants:
            their_numbering, their_core = _split_numbering(spelling)
            if numbering and their_numbering and numbering.replace("、", ".") != their_numbering.replace("、", "."):
                continue
            their_core = re.sub(r"\(.*\)$", "", their_core)
            if len(their_core) < 4 or core[:2] != their_core[:2]:
                continue
            limit = max(1, len(their_core) // 4)
            distance = edit_distance(core, their_core, limit)
            if 0 < distance <= limit:
                found.append((distance, label.key, label))
    found.sort(key=lambda item: item[0])
    best = [item for item in found if item[0] == found[0][0]] if found else []
    if not best or len({key for _, key, _ in best}) > 1:
        return None
    return best[0][2], best[0][0]


@lru_cache(maxsize=None)
def _anchor_regex(era: Era) -> re.Pattern[str] | None:
    if not era.anchored_everywhere:
        return None
    spellings = sorted((normalize(label.canonical) for label in era.labels if label.key in era.anchors),
                       key=len, reverse=True)
    return re.compile("|".join(re.escape(s) for s in spellings))


@lru_cache(maxsize=None)
def _unit_regex(era: Era) -> re.Pattern[str] | None:
    if not era.units:
        return None
    return re.compile("(?:" + "|".join(re.escape(u) for u in sorted(era.units, key=len, reverse=True)) + ")")
