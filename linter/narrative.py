"""Numbers and claims stated in a report's narrative, for the TXT rules (FORMATS.md §3.7).

The prose restates some figures of the tables: applications received (本年新收),
carried over (上年结转), completed (办结), carried forward (结转下年度),
行政复议 and 行政诉讼 cases, and in era-2007 reports the number of items
published proactively (主动公开 N 条). It also makes claims that imply a zero:
"未收到…申请", "均已办结", "未发生行政复议".

Extraction is deliberately conservative — a false "the text contradicts the
table" is worse than a missed one:

* only sentences about 政府信息公开 / 依申请公开 are read (the 行政服务中心's
  "共受理申请121510件" or the hotline's "办结率100%" are other quantities);
* a number counts only right after its keyword (``收到…申请75件``,
  ``行政复议2件``, ``1份…行政复议申请``) and with a unit (件, 条, 起, 份 …);
* clauses about a part (``其中``, ``各乡镇``, ``涉及自然人72件``) and verbs that
  mean "handled" rather than "received" (``办理``) are not read;
* positions are exact where the paragraph's text maps one-to-one onto the
  file (text reports); in HTML the paragraph's start is used.

:func:`statements` returns :class:`Statement` (quantity, value, sentence,
span) and :func:`claims` returns :class:`Claim` (kind, sentence, span), both in
document order. All regular expressions are linear (bounded repetitions).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from .ast import Paragraph, Report, Span

#: Quantities and how people call them in messages.
QUANTITIES = {
    "new": "收到的政府信息公开申请数",
    "carried_over": "上年结转的申请数",
    "completed": "办结的申请数",
    "carry_forward": "结转下年度的申请数",
    "review": "政府信息公开行政复议案件数",
    "litigation": "政府信息公开行政诉讼案件数",
    "proactive": "主动公开政府信息数",
    "disclosed": "予以公开和部分公开的申请数",
    "opened": "予以公开的申请数",
    "partial": "部分公开的申请数",
    "withheld": "不予公开的申请数",
    "unable": "无法提供的申请数",
}

_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
_CLAUSE = re.compile(r"[^，,：:]+")
_TOPIC = re.compile(r"信息公开|依申请|主动公开")
#: How far back a sentence about 申请 may find its topic (a sub-heading such as
#: "（二）依申请公开方面" followed by "本年度全区共收到70件申请").
_CONTEXT = 300
#: A count's unit; not a duration (收到申请后15个工作日内答复 counts days, not applications).
_UNIT = r"(?:件|条|起|份|宗|个|次|项)(?!\s*(?:工作日|自然日|日|天|小时|月|星期))"
_NUM = r"(?<![\d.])(?P<n>\d{1,7})(?![\d.%％])\s*" + _UNIT
#: Clauses about a part of the whole, or about another kind of case.
_PART = re.compile(r"^(?:其中|包括|含)|各(?:单位|部门|乡镇|街道|县直|区直)|涉及|占")
_OTHER_BUSINESS = re.compile(r"12345|热线|审批|行政服务中心|诉求|办件")

_NEW = re.compile(r"(?:收到|接收|受理|新收|接到)[^，。；\d]{0,4}?" + _NUM.replace("?P<n>", "?P<m>")
                  + r"[^，。；\d]{0,12}?申请|"
                  r"(?:收到|接收|受理|新收|接到)(?P<gap>[^，。；\d]{0,30}?)" + _NUM)
_COMPLETED = re.compile(r"(?<!累计)办结(?!率)[^，。；\d]{0,12}?" + _NUM)
_FORWARD = re.compile(r"(?P<a>\d{1,7})\s*件[^，。；\d]{0,4}?结转|"
                      r"(?:结转|转入|转)(?:至|到)?(?:下一?年度?|\d{4}\s*年度?)[^，。；\d]{0,10}?(?P<b>\d{1,7})\s*件")
_CARRIED = re.compile(r"上一?年度?结转[^，。；\d]{0,10}?" + _NUM)
_REVIEW = re.compile(r"行政复议[^，。；、\d]{0,8}?" + _NUM + r"|"
                     r"(?<![\d.])(?P<m>\d{1,7})\s*(?:件|起|份|宗)[^，。；、\d]{0,15}?行政复议")
_LITIGATION = re.compile(r"行政诉讼[^，。；、\d]{0,8}?" + _NUM + r"|"
                         r"(?<![\d.])(?P<m>\d{1,7})\s*(?:件|起|份|宗)[^，。；、\d]{0,15}?行政诉讼")
_PROACTIVE = re.compile(r"(?:\d{4}\s*年度?|全年|本年度?)(?:全区|全县|全市|全局|我区|我县|我市|我局|本局|本单位)?"
                        r"(?:共|累计)?主动公开(?:政府)?信息(?:共|总数|数)?(?:为|达)?\s*(?P<n>\d{1,7})\s*条")

#: Results of the year's applications, each right before its number (表三 三、本年度办理结果).
_RESULTS = (
    ("disclosed", re.compile(r"(?<!不)予以公开(?:及|和|与|、)部分公开[^，。；、\d]{0,6}?" + _NUM)),
    ("opened", re.compile(r"(?<!不)予以公开(?![及和与、]部分公开)[^，。；、\d]{0,4}?" + _NUM)),
    ("partial", re.compile(r"(?<![及和与、])部分公开[^，。；、\d]{0,4}?" + _NUM)),
    ("withheld", re.compile(r"不予公开[^，。；、\d]{0,4}?" + _NUM)),
    ("unable", re.compile(r"无法提供[^，。；、\d]{0,4}?" + _NUM)),
)

_NO_APPLICATION = re.compile(r"(?:未|没有)(?:收到|接到|受理|接收)(?P<gap>[^，。；\d]{0,20}?)(?:申请|依申请公开)(?!人)|"
                             r"无(?:依申请公开|政府信息公开申请)")
#: What "未收到…申请" may be about other than applications (补正材料, 答复), and
#: the words that make it a condition rather than a statement (如未收到…, 对于未收到…).
_NOT_ABOUT_APPLICATIONS = re.compile(r"补正|材料|答复|回复|费用|通知|结果|意见|反馈|告知|说明")
_CONDITION = re.compile(r"(?:如|若|凡|对于|对|因|如果|一旦)$")
_ALL_DONE = re.compile(r"(?:均已|全部|均|已全部|都已)(?:按时|依法|按期|及时|按要求|按规定)?"
                       r"(?:办结|办理完成|办理完毕|办理完结|答复完毕)")
#: "…行政复议…均被维持": every case decided and upheld (no 纠正, 其他结果, 尚未审结).
_UPHELD = re.compile(r"(?P<kind>行政复议|行政诉讼)[^，。；\d]{0,24}?(?:均|全部|都|全部都|均已)(?:被|获|予以|得到|获得)?"
                     r"(?:维持|支持|胜诉)")
_OUTCOME = r"(?!纠错|纠正|败诉|撤销|确认违法|维持)"
_NEGATION = re.compile(r"(?:未|没有|无)(?!正当理由)(?P<rest>[^，。；\d]{0,20}?)行政复议" + _OUTCOME + "|"
                       r"(?:未|没有|无)(?!正当理由)(?P<rest2>[^，。；\d]{0,20}?)行政诉讼" + _OUTCOME)


@dataclass(frozen=True, slots=True)
class Statement:
    quantity: str  # a key of QUANTITIES
    value: int
    sentence: str
    span: Span  # of the number
    text: str  # the words stated, e.g. "收到70件申请"
    clause: str = ""  # the clause around them (what a message quotes)


@dataclass(frozen=True, slots=True)
class Claim:
    kind: str  # "no_applications" | "all_completed" | "no_review" | "no_litigation" | "review_upheld" | …
    sentence: str
    span: Span
    text: str


def read_topic_sentences(report: Report) -> list[tuple[Paragraph, int, str]]:
    """The prose's sentences about applications and cases, each (paragraph,
    offset, sentence) (computed once per report: linter.context)."""
    found: list[tuple[Paragraph, int, str]] = []
    for paragraph in report.context.prose:
        text = paragraph.text
        for match in _SENTENCE.finditer(text):
            sentence = match.group(0)
            if _OTHER_BUSINESS.search(sentence):
                continue
            if _TOPIC.search(sentence) or (
                    "申请" in sentence and _TOPIC.search(text, max(0, match.start() - _CONTEXT), match.start())):
                found.append((paragraph, match.start(), sentence))
    return found


def _clauses(sentence: str) -> Iterator[tuple[int, str]]:
    for match in _CLAUSE.finditer(sentence):
        yield match.start(), match.group(0)


_DIGIT = re.compile(r"\d")
_DENIAL_OR_DONE = re.compile(r"未|没有|无|办结|完成|完毕|维持|支持|胜诉")


def statements(report: Report) -> list[Statement]:
    """Numbers stated in the narrative, in document order (computed once per report)."""
    return report.context.statements


def claims(report: Report) -> list[Claim]:
    """Denials and "均已办结" claims, in document order (computed once per report)."""
    return report.context.claims


def read_statements(report: Report) -> list[Statement]:
    found: list[Statement] = []
    for paragraph, base, sentence in report.context.topic_sentences:
        if not _DIGIT.search(sentence):
            continue
        for offset, clause in _clauses(sentence):
            if not _DIGIT.search(clause) or _PART.search(clause):
                continue
            start = base + offset
            for quantity, match, group in _scan(clause):
                at = start + match.start(group)
                value = int(match.group(group))
                found.append(Statement(quantity, value, sentence.strip(),
                                       paragraph.span_of(at, at + len(match.group(group))),
                                       match.group(0), clause.strip()))
    return found


def _scan(clause: str) -> Iterator[tuple[str, re.Match, str]]:
    about_cases = "复议" in clause or "诉讼" in clause
    if not about_cases and "结转" not in clause:
        for match in _NEW.finditer(clause):
            group = "n" if match.group("n") is not None else "m"
            if group == "n" and "申请" not in (match.group("gap") or "") and "申请" not in clause[:match.start()]:
                continue  # "收到…N件" must be about 申请
            yield "new", match, group
    if not about_cases:
        for match in _COMPLETED.finditer(clause):
            yield "completed", match, "n"
        for match in _FORWARD.finditer(clause):
            if "上年结转" in clause or "上一年" in clause:
                continue
            yield "carry_forward", match, "a" if match.group("a") is not None else "b"
        for match in _CARRIED.finditer(clause):
            yield "carried_over", match, "n"
    for match in _REVIEW.finditer(clause):
        yield "review", match, "n" if match.group("n") is not None else "m"
    for match in _LITIGATION.finditer(clause):
        yield "litigation", match, "n" if match.group("n") is not None else "m"
    for match in _PROACTIVE.finditer(clause):
        yield "proactive", match, "n"
    if not about_cases and "件" in clause:
        for quantity, pattern in _RESULTS:
            for match in pattern.finditer(clause):
                yield quantity, match, "n"


def read_claims(report: Report) -> list[Claim]:
    found: list[Claim] = []
    for paragraph, base, sentence in report.context.topic_sentences:
        if not _DENIAL_OR_DONE.search(sentence):
            continue
        for offset, clause in _clauses(sentence):
            if not _DENIAL_OR_DONE.search(clause):
                continue
            start = base + offset
            if not ("复议" in clause or "诉讼" in clause):
                match = _NO_APPLICATION.search(clause)
                if match and (_NOT_ABOUT_APPLICATIONS.search(match.group("gap") or "")
                              or _CONDITION.search(clause[max(0, match.start() - 2):match.start()])):
                    match = None  # about a supplement or a reply, or a condition: not a denial
                if match:
                    found.append(_claim("no_applications", paragraph, sentence, start, match))
                match = _ALL_DONE.search(clause)
                if match and "申请" in sentence:
                    found.append(_claim("all_completed", paragraph, sentence, start, match))
            for match in _UPHELD.finditer(clause):
                kind = "review_upheld" if match.group("kind") == "行政复议" else "litigation_upheld"
                found.append(_claim(kind, paragraph, sentence, start, match))
            if re.search(r"\d", clause):
                continue  # "未…行政复议" next to a number is not a plain denial
            for match in _NEGATION.finditer(clause):
                kind = "no_review" if match.group("rest") is not None else "no_litigation"
                found.append(_claim(kind, paragraph, sentence, start, match))
                # "未发生行政复议、行政诉讼": the denial covers both
                if kind == "no_review" and "行政诉讼" in clause[match.end():]:
                    found.append(_claim("no_litigation", paragraph, sentence, start, match))
    return found


def _claim(kind: str, paragraph: Paragraph, sentence: str, start: int, match: re.Match) -> Claim:
    return Claim(kind, sentence.strip(), paragraph.span_of(start + match.start(), start + match.end()),
                 match.group(0))


# ---------------------------------------------------------------------------
# Where each quantity stands in the tables
# ---------------------------------------------------------------------------


def table_sources(report: Report, quantity: str) -> list[list[tuple[str, str, int]]]:
    """The table cells a stated quantity can be compared with, as alternatives.

    Each alternative is a list of ``(table kind, row key, cell index)`` whose
    sum the text may state. The first is the canonical reading; "收到…申请N件"
    is also accepted as 新收 + 上年结转 (Pingtan 2022 states 75 for 74 + 1).
    """
    if report.era in ("2019", "2021"):
        table = {
            "new": [[("表三", "t3.new", 6)], [("表三", "t3.new", 6), ("表三", "t3.carried_over", 6)]],
            "carried_over": [[("表三", "t3.carried_over", 6)]],
            "completed": [[("表三", "t3.total", 6)]],
            "carry_forward": [[("表三", "t3.carry_forward", 6)]],
            "review": [[("表四", "t4.values", 4)]],
            "litigation": [[("表四", "t4.values", 9), ("表四", "t4.values", 14)]],
            "disclosed": [[("表三", "t3.open", 6), ("表三", "t3.partial", 6)]],
            "opened": [[("表三", "t3.open", 6)]],
            "partial": [[("表三", "t3.partial", 6)]],
            "withheld": [[("表三", f"t3.withheld.{k}", 6) for k in range(1, 9)]],
            "unable": [[("表三", f"t3.unable.{k}", 6) for k in range(1, 4)]],
            # 表四: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计 — for 复议, 未经复议直接起诉, 复议后起诉
            "review_not_upheld": [[("表四", "t4.values", k) for k in (1, 2, 3)]],
            "litigation_not_upheld": [[("表四", "t4.values", k) for k in (6, 7, 8, 11, 12, 13)]],
        }
        return table.get(quantity, [])
    if report.era == "2007":
        stat = next((t for t in report.tables if t.kind == "统计表" and t.rows), None)
        if stat is None:
            return []
        if stat.profile == "fujian":
            keys = {"new": "t7f.recv", "review": "t7f.review", "litigation": "t7f.litigation",
                    "proactive": "t7f.proactive"}
        else:
            keys = {"new": "t7.recv", "completed": "t7.done", "review": "t7.review",
                    "litigation": "t7.litigation", "proactive": "t7.proactive.total"}
        key = keys.get(quantity)
        return [[("统计表", key, 0)]] if key else []
    return []


def resolve(report: Report, sources: list[tuple[str, str, int]]):
    """The terms (linter.arithmetic.Term) for ``table_sources`` cells; None if a table is absent."""
    from . import arithmetic as A

    terms = []
    for kind, key, index in sources:
        table = next((t for t in report.tables if t.kind == kind and t.rows), None)
        if table is None:
            return None
        row = table.row(key)
        if kind == "表三":
            label, column = (A.row_name(table, row) if row else A.label_of(key)), A.T3_COLUMN_NAMES[index]
        elif kind == "表四":
            label, column = A.T4_GROUPS[index // 5], A.T4_RESULTS[index % 5]
        else:
            label, column = (A.row_name(table, row) if row else A.label_of(key)), None
        terms.append(A.term(row, index, label, column))
    return terms


# ---------------------------------------------------------------------------
# Counts named by the tables' own words
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tie:
    """A count in the prose that names a table cell by the table's own words:
    an era-2007 row label (``网上申请数3条``), or a table 二 row with the column's
    verb (``现行有效行政规范性文件393件``)."""

    quantity: object  # linter.quantities.Quantity
    paragraph: Paragraph
    table: object  # linter.ast.Table
    row: object  # linter.ast.Row
    index: int
    column: str
    label: str  # the row as the prose names it (its label without numbering)


#: Table 二 (era 2021): the words that name a column of the 规章 / 行政规范性文件 rows.
_T2_COLUMNS = ((re.compile(r"现行有效"), 2, "现行有效件数"), (re.compile(r"废止|废除"), 1, "本年废止件数"),
               (re.compile(r"制发|制定|出台|印发"), 0, "本年制发件数"))
_T2_ROWS = (("规范性文件", "t2.normative"), ("规章", "t2.rules"))
#: A row label must be this long to name a row on its own (数, 件数 do not).
_MIN_LABEL = 4


def table_ties(report: Report) -> list[Tie]:
    """The counts of the prose tied to a table cell by the table's own words."""
    from .labels import UNNUMBERED, normalize

    named: list[tuple[str, object, object, int, str]] = []  # (label core, table, row, index, column)
    if report.era == "2007":
        for table in report.tables:
            if table.kind != "统计表" or not table.rows:
                continue
            cores = [(UNNUMBERED.sub("", normalize(row.raw_label)).removeprefix("其中:"), row) for row in table.rows]
            counts: dict[str, int] = {}
            for core, _ in cores:
                counts[core] = counts.get(core, 0) + 1
            column = table.columns[0] if table.columns else "统计数"
            named += [(core, table, row, 0, column) for core, row in cores
                      if len(core) >= _MIN_LABEL and counts[core] == 1 and row.key is not None]
    ties: list[Tie] = []
    for paragraph, found in report.context.quantities:
        for quantity in found.counts():
            if quantity.approx or quantity.numeral or re.search(r"累计|历年|以来", quantity.subject):
                continue
            tie = _tie(report, quantity, named)
            if tie is not None:
                ties.append(Tie(quantity, paragraph, *tie))
    return ties


def _tie(report: Report, quantity, named) -> tuple | None:
    subject = quantity.subject
    for core, table, row, index, column in named:
        if subject.endswith(core) and (row.unit in (None, "", quantity.unit)):
            return table, row, index, column, core
    if report.era == "2021" and quantity.unit == "件":
        table = report.table("表二")
        for noun, key in _T2_ROWS:
            if table is None or not subject.endswith(noun) or table.row(key) is None:
                continue
            for pattern, index, column in _T2_COLUMNS:
                if pattern.search(subject):
                    return table, table.row(key), index, column, table.row(key).label
    return None
