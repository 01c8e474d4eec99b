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
from dataclasses import dataclass, field
from functools import lru_cache

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


def normalize(text: str) -> str:
    """Matching form of a label: no spaces or quotes, half-width brackets, digits, colons, commas."""
    return text.translate(_TABLE)


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """:func:`normalize` plus, for each character kept, its index in ``text``."""
    index = [i for i, ch in enumerate(text) if ch not in DELETED]
    return normalize(text), index


# --------------------------------------------------------------------------
# Label definitions
# --------------------------------------------------------------------------

#: Token kinds a label can produce (terminals of the grammars).
HEADING = "HEADING"
T2_BLOCK, T2_HEAD, T2_ROW = "T2_BLOCK", "T2_HEAD", "T2_ROW"
T3_HEAD, T3_GROUP, T3_ROW = "T3_HEAD", "T3_GROUP", "T3_ROW"
T4_HEAD = "T4_HEAD"


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


@dataclass(frozen=True)
class TableShape:
    """What a complete table looks like: its rows in order and their value counts."""

    kind: str  # "表二", "表三", "表四"
    section: int
    rows: tuple[str, ...]  # label keys of the data rows, in template order
    values: dict[str, int] = field(default_factory=dict)


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
    Label("t2.normative", T2_ROW, "行政规范性文件", values=3, parent="t2.item1"),
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
              parent="t3.results", pattern=r"\(二\)部分公开(?:\([^()]{2,60}\))?"),
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
    if other_has_subrows:
        rows.append(Label("t3.other", T3_GROUP, _T3_GROUPS[4], parent="t3.results"))
        other = ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                 "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他")
        rows += [Label(f"t3.other.{n}", T3_ROW, f"{n}.{text}", values=7, parent="t3.other")
                 for n, text in enumerate(other, 1)]
    else:
        rows.append(Label("t3.other", T3_ROW, _T3_GROUPS[4], values=7, parent="t3.results"))
    rows += [
        Label("t3.total", T3_ROW, "（七）总计", values=7, parent="t3.results"),
        Label("t3.carry_forward", T3_ROW, "四、结转下年度继续办理", values=7),
    ]
    return tuple(rows)


_TABLE4 = (
    Label("t4.review", T4_HEAD, "行政复议"),
    Label("t4.litigation", T4_HEAD, "行政诉讼"),
    Label("t4.upheld", T4_HEAD, "结果维持"),
    Label("t4.corrected", T4_HEAD, "结果纠正"),
    Label("t4.other", T4_HEAD, "其他结果"),
    Label("t4.pending", T4_HEAD, "尚未审结"),
    Label("t4.direct", T4_HEAD, "未经复议直接起诉"),
    Label("t4.after_review", T4_HEAD, "复议后起诉"),
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
HEADINGS: dict[int, tuple[str, tuple[str, ...]]] = {
    1: ("总体情况", ()),
    2: ("主动公开政府信息情况", ("行政机关主动公开政府信息情况",)),
    3: ("收到和处理政府信息公开申请情况", ("行政机关收到和处理政府信息公开申请情况",)),
    4: ("政府信息公开行政复议、行政诉讼情况", (
        "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "因政府信息公开被申请行政复议、提起行政诉讼情况",
        "因政府信息公开申请行政复议、提起行政诉讼的情况",
        "政府信息公开行政复议和行政诉讼情况",
        "政府信息公开行政法复议、行政诉讼情况",
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


def _shape(kind: str, section: int, labels: tuple[Label, ...]) -> TableShape:
    rows = tuple(label.key for label in labels if label.values)
    return TableShape(kind, section, rows, {label.key: label.values for label in labels if label.values})


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
            TableShape("表四", 4, (T4_DATA_ROW,), {T4_DATA_ROW: 15}),
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

#: Era "2007" (old 条例): free section structure. Its statistics tables (national
#: 2014 table, Fujian table) are not described yet, so it has no table labels.
ERA_2007 = Era(
    id="2007",
    years="2018 年及以前",
    basis="《中华人民共和国政府信息公开条例》（国务院令第492号）第三十一、三十二条",
    labels=(),
    tables=(),
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
    return table


def _spelling_pattern(spelling: str) -> str:
    """Regex for a normalised spelling, tolerant of numbering and separator styles."""
    text = normalize(spelling)
    body = re.escape(text)
    body = re.sub(r"[、,]", "[、,]", body)
    body = re.sub(r"^(\d)\\?\.", r"\1[.、]", body)  # 1. = 1、 = 1．
    return body


@lru_cache(maxsize=None)
def _label_regex(era: Era) -> re.Pattern[str]:
    """One alternation over every table label of the era, longest spelling first.

    Group ``g<k>`` matches a canonical spelling of label ``k``, ``v<k>`` a variant.
    """
    alternatives: list[tuple[int, str]] = []
    for k, label in enumerate(era.labels):
        canonical = label.pattern or _spelling_pattern(label.canonical)
        tail = "" if label.pattern else r"(?:\([^()]{2,60}\))?"
        alternatives.append((len(normalize(label.canonical)), f"(?P<g{k}>{canonical}{tail})"))
        for j, variant in enumerate(label.variants):
            alternatives.append((len(normalize(variant)), f"(?P<v{k}_{j}>{_spelling_pattern(variant)}{tail})"))
    alternatives.sort(key=lambda item: -item[0])
    # A lookahead on the possible first characters lets the scan skip most
    # positions at once (10x faster on long crawler lines).
    firsts = set()
    for label in era.labels:
        for spelling in (label.canonical,) + label.variants:
            text = normalize(spelling)
            firsts.update((text[0], text.lstrip("(")[0]))
    if not alternatives:
        return re.compile(r"(?!)")  # an era without table labels matches nothing
    first = "[" + "".join(re.escape(ch) for ch in sorted(firsts)) + "]"
    return re.compile(f"(?={first})(?:" + "|".join(source for _, source in alternatives) + ")")


def _heading_regex() -> re.Pattern[str]:
    texts = []
    for part, (canonical, variants) in HEADINGS.items():
        for text in (canonical,) + variants:
            texts.append((part, _spelling_pattern(text)))
    texts.sort(key=lambda item: -len(item[1]))
    alternation = "|".join(f"(?P<p{part}_{k}>{source})" for k, (part, source) in enumerate(texts))
    # Numbering: "一、" (template) or "（一）" (long form in the notice text).
    return re.compile(rf"(?P<num>[{NUMERALS}][、.]|\([{NUMERALS}]\))(?:{alternation})")


HEADING_REGEX = _heading_regex()
