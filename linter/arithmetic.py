"""Arithmetic identities: the one place where they are evaluated.

Every table identity of FORMATS.md §3 — and every identity a user writes in a
rule pack, such as ``表三.一.总计 + 表三.二.总计 == 表三.七.总计 + 表三.四.总计`` —
has the same shape: a sum of cells, each with coefficient +1 or −1, on the
left, compared with such a sum on the right. This module evaluates that shape
over cells already resolved from the AST, and knows the three policies that
must be the same for every rule ("parse tolerantly, check strictly"):

* **unreliable cells are never computed with.** A cell the layout step could
  not separate from its neighbours (``Cell.run_together``, TPL006), a cell in a
  row whose number of cells differs from the template (``len(row.cells) !=
  row.expected``, TPL004), or a cell that is missing altogether makes the
  identity *skipped*, with the reason: an extraction problem must never turn
  into a 数据不准确 finding;
* **a blank is not a zero**, but sums read it as 0 (FORMATS.md §2.4): blank,
  NA (``/``, ``—``, ``不适用``) and text cells count as 0, the outcome lists
  them, and it says when the identity holds only under that reading;
* **evidence is data**: every outcome carries the cells with their labels,
  columns, values and positions, ready for a finding's ``data`` field.

API
---

``Term(cell, label, column=None, sign=+1, row=None)``
    One cell of an identity. ``label`` and ``column`` are how people name it
    (``"（七）总计"``, ``"自然人"``); ``row`` (optional) is the AST row the cell
    was taken from, used for the shape check. ``cell`` may be ``None`` (the
    row or cell is missing): the identity is then skipped.
``term(row, index, label=None, column=None, sign=1) -> Term``
    Resolve ``row.cells[index]`` (``None``-safe) into a :class:`Term`; the
    label defaults to ``row.label`` and the column to ``cell.column``.
``Identity(id, left, right, relation="==", target=None)``
    ``Σ left  relation  Σ right`` with ``relation`` one of ``"=="``, ``"<="``,
    ``">="``. ``id`` is a human-readable name, stable across runs (it feeds
    the ``skipped_identities`` records). ``target`` is the term a failure
    points at (the total that disagrees); by default the single term of a
    one-term side, else the first term on the right.
``evaluate(identity) -> Outcome | Skipped``
    ``Skipped(identity, reason, cells)`` when a cell is missing or unreliable.
    Otherwise ``Outcome`` with ``holds``; ``expected`` (the value the target
    must have for an equation to hold — for ``<=``/``>=`` the bound it must
    respect), ``actual`` (the target's value), ``delta = actual − expected``,
    ``left``/``right`` (the two sums), ``blanks`` (terms read as 0) and
    ``only_with_blanks`` (holds, but only because blanks were read as 0).
    Numbers are exact: ints stay ints, decimals are summed as ``Decimal``.
``Outcome.data() -> dict``
    ``{"identity", "relation", "expected", "actual", "delta", "blanks_as_zero",
    "cells": [...]}``. Each cell is ``{"label", "column", "value", "raw",
    "sign", "line", "col", "blank"}`` — ``column`` is the table column's name
    (``"自然人"``), ``line``/``col`` the 1-based position in the file (the
    position's column is ``col`` so it cannot be confused with the table
    column). ``value`` is ``None`` for a blank cell (``blank`` is then true).
``Outcome.expression() -> str``
    The parts written out for a message, e.g. ``"（一）予以公开 6 + （二）部分公开 6 + …"``.
``Skipped.record(rule) -> dict``
    The entry for ``Report.skipped_identities``:
    ``{"rule", "identity", "reason", "cells"}``.
``check_identities(report, rule, identities) -> Iterator[Outcome]``
    Evaluate a batch: skipped ones are recorded on ``report`` (once each),
    every evaluated outcome is yielded (failing or not) for the caller to judge.
``number_required(row) -> bool`` and ``unreliable_row(row) -> str | None``
    The row-level policy the cell rules (ARI006, ARI007) share with the identities.

The template identities of each era (which cells make up T3-ROW, T3-BAL …)
are data and sit at the end of this module (:func:`table3_row_identities`
and friends), so that ARI006 can say which identities a blank takes part in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, localcontext
from typing import Any, Callable, Iterable, Iterator, Sequence

from .ast import INT_DIGITS, Cell, Report, Row, Table

RELATIONS = ("==", "<=", ">=")
NUMBER_KINDS = ("int", "signed", "decimal", "amount")


# ---------------------------------------------------------------------------
# Terms and identities
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    cell: Cell | None
    label: str
    column: str | None = None
    sign: int = 1
    row: Row | None = None

    @property
    def name(self) -> str:
        """``（七）总计/自然人`` — how a message names the cell."""
        return f"{self.label}/{self.column}" if self.column else self.label

    @property
    def is_blank(self) -> bool:
        return self.cell is not None and self.cell.kind not in NUMBER_KINDS

    def number(self) -> Decimal:
        """The value used in sums (blank, NA and text read as 0)."""
        if self.cell is None or self.cell.kind not in NUMBER_KINDS or self.cell.value is None:
            return Decimal(0)
        return exact(self.cell.value)

    def evidence(self) -> dict[str, Any]:
        cell = self.cell
        return {
            "label": self.label,
            "column": self.column,
            "value": None if cell is None or self.is_blank else _plain(exact(cell.value)),
            "raw": None if cell is None else cell.raw,
            "sign": self.sign,
            "line": None if cell is None else cell.span.line,
            "col": None if cell is None else cell.span.column,
            "blank": bool(self.is_blank),
        }


def term(row: Row | None, index: int, label: str | None = None, column: str | None = None,
         sign: int = 1) -> Term:
    """``row.cells[index]`` as a term; a missing row or cell gives ``cell=None``."""
    cell = row.cells[index] if row is not None and 0 <= index < len(row.cells) else None
    name = label if label is not None else (row.label if row is not None else "?")
    return Term(cell, name, column if column is not None else (cell.column if cell else None), sign, row)


@dataclass(slots=True)
class Identity:
    id: str
    left: Sequence[Term]
    right: Sequence[Term]
    relation: str = "=="
    target: Term | None = None

    def __post_init__(self) -> None:
        if self.relation not in RELATIONS:
            raise ValueError(f"relation must be one of {RELATIONS}: {self.relation!r}")
        if not self.left or not self.right:
            raise ValueError("both sides of an identity need at least one term")
        if self.target is None:
            if len(self.left) == 1 and len(self.right) != 1:
                self.target = self.left[0]
            else:
                self.target = self.right[0]

    @property
    def terms(self) -> list[Term]:
        return list(self.left) + list(self.right)


@dataclass(slots=True)
class Skipped:
    identity: Identity
    reason: str
    cells: list[dict[str, Any]] = field(default_factory=list)

    def record(self, rule: str) -> dict[str, Any]:
        return {"rule": rule, "identity": self.identity.id, "reason": self.reason, "cells": self.cells}


@dataclass(slots=True)
class Outcome:
    identity: Identity
    holds: bool
    expected: int | Decimal
    actual: int | Decimal
    delta: int | Decimal
    left: int | Decimal
    right: int | Decimal
    blanks: list[Term]

    @property
    def only_with_blanks(self) -> bool:
        return self.holds and bool(self.blanks)

    @property
    def target(self) -> Term:
        assert self.identity.target is not None
        return self.identity.target

    def data(self) -> dict[str, Any]:
        return {
            "identity": self.identity.id,
            "relation": self.identity.relation,
            "expected": self.expected,
            "actual": self.actual,
            "delta": self.delta,
            "blanks_as_zero": bool(self.blanks),
            "cells": [t.evidence() for t in self.identity.terms],
        }

    def expression(self, terms: Iterable[Term] | None = None, skip_zero: bool = True) -> str:
        """``a 6 + b 6 − c 1`` over the other terms (all but the target by default)."""
        chosen = [t for t in (terms if terms is not None else self.parts())]
        target = self.target
        same_column = all(t.column == target.column for t in chosen)
        same_label = all(t.label == target.label for t in chosen)
        out: list[str] = []
        hidden = 0
        for t in chosen:
            if skip_zero and not t.is_blank and t.number() == 0 and len(chosen) > 3:
                hidden += 1
                continue
            value = "空白" if t.is_blank else shown(_plain(t.number()))
            joint = ("− " if t.sign < 0 else "+ ") if out else ("−" if t.sign < 0 else "")
            name = t.label if same_column else t.column if same_label and t.column else t.name
            out.append(f"{joint}{name} {value}")
        text = " ".join(out) if out else "0"
        if hidden:
            text += f"（其余 {hidden} 项为 0）"
        return text

    def parts(self) -> list[Term]:
        """The terms that make up the target's expected value, signed as in that sum."""
        identity = self.identity
        target = self.target
        same = identity.left if any(t is target for t in identity.left) else identity.right
        other = identity.right if same is identity.left else identity.left
        # target = Σ other − Σ (same without target), with the target's own sign folded in
        parts = [Term(t.cell, t.label, t.column, t.sign * target.sign, t.row) for t in other]
        parts += [Term(t.cell, t.label, t.column, -t.sign * target.sign, t.row) for t in same if t is not target]
        return parts

    def blank_note(self) -> str:
        if not self.blanks:
            return ""
        names = "、".join(t.name for t in self.blanks[:4]) + ("等" if len(self.blanks) > 4 else "")
        return f"（{names} 为空白或非数字，已按 0 计算）"


def exact(value: int | float | Decimal) -> Decimal:
    """A cell value as an exact Decimal (a float, from a plugin, as written: 0.1 is 0.1)."""
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)


def _plain(value: Decimal) -> int | Decimal:
    """An int where it is one of ordinary size, else the exact Decimal."""
    if value == value.to_integral_value() and value.adjusted() < INT_DIGITS:
        return int(value)
    return value


#: Sums are exact whatever the cells hold (the default context rounds to 28 digits).
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)


# ---------------------------------------------------------------------------
# Evaluation
# ---------------------------------------------------------------------------


def unreliable_row(row: Row | None) -> str | None:
    """Why a row's cells cannot be trusted (layout problems), or None."""
    if row is None:
        return None
    merged = [c.raw for c in row.cells if c.run_together]
    if merged:
        return f"“{row.label}”的单元格粘连（{'、'.join(merged[:3])}），无法可靠拆分（TPL006）"
    if row.expected is not None and len(row.cells) != row.expected:
        return f"“{row.label}”识别到 {len(row.cells)} 个数值，模板应为 {row.expected} 个（TPL004）"
    return None


def number_required(row: Row) -> bool:
    """Rows whose every cell must be a number: data rows with a template width."""
    return row.expected is not None and row.expected > 0


def evaluate(identity: Identity) -> Outcome | Skipped:
    reasons: list[str] = []
    rows: dict[int, str | None] = {}  # (a row's terms share its verdict: a row identity has seven)
    for t in identity.terms:
        if id(t.row) not in rows:
            rows[id(t.row)] = unreliable_row(t.row)
        why = rows[id(t.row)]
        if why is None and t.cell is None:
            why = f"缺少“{t.name}”" if t.row is not None else f"未识别到“{t.label}”一行"
        elif why is None and t.cell is not None and t.cell.run_together:
            why = f"“{t.name}”的单元格粘连（{t.cell.raw}），无法可靠拆分（TPL006）"
        if why is not None and why not in reasons:
            reasons.append(why)
    if reasons:
        return Skipped(identity, "；".join(reasons), [t.evidence() for t in identity.terms])
    integers = _integer_outcome(identity)
    if integers is not None:
        return integers
    with localcontext(_EXACT):
        left = sum((t.sign * t.number() for t in identity.left), Decimal(0))
        right = sum((t.sign * t.number() for t in identity.right), Decimal(0))
        target = identity.target
        assert target is not None
        actual = target.number()
        on_left = any(t is target for t in identity.left)
        # Solve for the target: the value it needs for Σleft == Σright.
        rest = (left if on_left else right) - target.sign * actual
        other = right if on_left else left
        expected = (other - rest) * target.sign
        delta = actual - expected
    relation = identity.relation
    if relation == "==":
        holds = left == right
    elif relation == "<=":
        holds = left <= right
    else:
        holds = left >= right
    blanks = [t for t in identity.terms if t.is_blank]
    return Outcome(identity, holds, _plain(expected), _plain(actual), _plain(delta),
                   _plain(left), _plain(right), blanks)


def _integer_outcome(identity: Identity) -> Outcome | None:
    """:func:`evaluate`'s outcome when every value is an int (nearly always):
    the same sums in ints, which cost a tenth of Decimal's; None otherwise."""
    values: dict[int, int] = {}
    for t in identity.terms:
        cell = t.cell
        value = 0 if cell is None or cell.kind not in NUMBER_KINDS or cell.value is None else cell.value
        if type(value) is not int:
            return None
        values[id(t)] = t.sign * value
    left = sum(values[id(t)] for t in identity.left)
    right = sum(values[id(t)] for t in identity.right)
    target = identity.target
    assert target is not None
    on_left = any(t is target for t in identity.left)
    actual = values[id(target)] * target.sign  # (sign squared is 1: the cell's own value)
    rest = (left if on_left else right) - target.sign * actual
    expected = ((right if on_left else left) - rest) * target.sign
    relation = identity.relation
    holds = left == right if relation == "==" else left <= right if relation == "<=" else left >= right
    blanks = [t for t in identity.terms if t.is_blank]
    return Outcome(identity, holds, _plain_int(expected), _plain_int(actual), _plain_int(actual - expected),
                   _plain_int(left), _plain_int(right), blanks)


def _plain_int(value: int) -> int | Decimal:
    """:func:`_plain` of an int: itself, unless beyond ordinary size."""
    return value if abs(value) < 10 ** INT_DIGITS else Decimal(value)


def failures(report: Report, rule: str, identities: Iterable[Identity]) -> Iterator[Outcome]:
    """The evaluated identities that do not hold, except where the total itself
    was left blank: ARI006 says "总计未填写，各项之和为 X" once per table instead."""
    for outcome in check_identities(report, rule, identities):
        if not outcome.holds and not outcome.target.is_blank:
            yield outcome


def check_identities(report: Report, rule: str, identities: Iterable[Identity]) -> Iterator[Outcome]:
    """Evaluate; record the skipped ones on the report (once); yield the evaluated ones."""
    seen = {(r.get("rule"), r.get("identity")) for r in report.skipped_identities}
    for identity in identities:
        result = evaluate(identity)
        if isinstance(result, Skipped):
            if (rule, identity.id) not in seen:
                seen.add((rule, identity.id))
                report.skipped_identities.append(result.record(rule))
            continue
        yield result


# ---------------------------------------------------------------------------
# Naming cells for people
# ---------------------------------------------------------------------------

_NOTE_TAIL = re.compile(r"[（(][^（）()]*[）)]$")


def short_label(label: str) -> str:
    """The label without a trailing template note: ``（二）部分公开``."""
    stripped = _NOTE_TAIL.sub("", label)
    return stripped if len(stripped) >= 2 else label


def row_name(table: Table, row: Row) -> str:
    """``（三）1.属于国家秘密`` for a leaf under a group, else the short label."""
    name = short_label(row.label)
    if row.parent and name[:1].isdecimal():  # (what \d matches)
        parent = table.row(row.parent)
        if parent is not None and not parent.cells:
            head = re.match(r"^[（(][一二三四五六七八九十]+[）)]", parent.label)
            if head:
                return head.group(0) + name
    return name


def tables(report: Report, kind: str) -> list[Table]:
    return [t for t in report.tables if t.kind == kind and t.rows]


# ---------------------------------------------------------------------------
# The template identities (FORMATS.md §3): data, shared by the ARI rules
# ---------------------------------------------------------------------------

T3_NEW, T3_CARRIED, T3_TOTAL, T3_FORWARD = "t3.new", "t3.carried_over", "t3.total", "t3.carry_forward"
T3_COLUMN_NAMES = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
T4_GROUPS = ("行政复议", "未经复议直接起诉", "复议后起诉")
T4_RESULTS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def table3_result_keys(era: str) -> tuple[str, ...]:
    """The result leaves that add up to （七）总计 (21 in era 2021, 19 in era 2019)."""
    from . import labels

    era_data = labels.ERAS.get(era)  # a plugin era has no national table 三
    shape = next((s for s in era_data.tables if s.kind == "表三"), None) if era_data else None
    if shape is None:
        return ()
    return tuple(k for k in shape.rows if k not in (T3_NEW, T3_CARRIED, T3_TOTAL, T3_FORWARD))


def label_of(key: str) -> str:
    """The short template label of a row key, for rows that are missing."""
    from . import labels

    for era in labels.ERAS.values():
        label = era.by_key.get(key)
        if label is not None:
            return short_label(label.canonical)
    return key


def _t3_columns(table: Table, key: str) -> list[Term]:
    """Row ``key``'s seven cells as terms, one per column (the row looked up and
    named once for the seven)."""
    row = table.row(key)
    label = row_name(table, row) if row is not None else label_of(key)
    return [term(row, c, label, column) for c, column in enumerate(T3_COLUMN_NAMES)]


def table3_row_identities(table: Table) -> Iterator[Identity]:
    """T3-ROW (ARI001): in every data row, 自然人 + five 法人 columns = 总计."""
    for row in table.rows:
        if row.expected != 7 or row.key is None:
            continue
        name = row_name(table, row)
        parts = [term(row, c, name, T3_COLUMN_NAMES[c]) for c in range(6)]
        yield Identity(f"表三/{name}: 自然人+商业企业+科研机构+社会公益组织+法律服务机构+其他=总计",
                       parts, [term(row, 6, name, T3_COLUMN_NAMES[6])])


def table3_balance_identities(table: Table) -> Iterator[Identity]:
    """T3-BAL (ARI002): per column, 一 + 二 = （七）总计 + 四 (the printed 勾稽关系)."""
    new, carried, total, forward = (_t3_columns(table, key) for key in (T3_NEW, T3_CARRIED, T3_TOTAL, T3_FORWARD))
    for c, column in enumerate(T3_COLUMN_NAMES):
        yield Identity(f"表三/{column}: 一+二=（七）总计+四", [new[c], carried[c]], [total[c], forward[c]])


def table3_result_identities(table: Table, era: str) -> Iterator[Identity]:
    """T3-RES (ARI003): per column, （七）总计 = Σ result leaves."""
    keys = table3_result_keys(era)
    if not keys:
        return
    total = _t3_columns(table, T3_TOTAL)
    leaves = [_t3_columns(table, key) for key in keys]
    for c, column in enumerate(T3_COLUMN_NAMES):
        yield Identity(f"表三/{column}: （七）总计=各办理结果之和", [total[c]], [leaf[c] for leaf in leaves])


def row_identity(kind: str, row: Row) -> Callable[[tuple[int, ...]], bool] | None:
    """The identity a row's own values obey, for splitting a digit run
    (linter.recovery): T3-ROW for a table 三 data row, T4-SUM for table 四's row."""
    if kind == "表三" and row.expected == 7:
        return lambda v: sum(v[:6]) == v[6]
    if kind == "表四" and row.expected == 15:
        return lambda v: all(sum(v[g:g + 4]) == v[g + 4] for g in (0, 5, 10))
    return None


def table4_identities(table: Table) -> Iterator[Identity]:
    """T4-SUM (ARI004): 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计, per group."""
    row = table.row("t4.values")
    for g, group in enumerate(T4_GROUPS):
        base = 5 * g
        parts = [term(row, base + k, group, T4_RESULTS[k]) for k in range(4)]
        yield Identity(f"表四/{group}: 结果维持+结果纠正+其他结果+尚未审结=总计",
                       parts, [term(row, base + 4, group, "总计")])


def template_identities(report: Report) -> Iterator[tuple[str, Identity]]:
    """Every strict template identity of the report, with the rule code that owns it."""
    if report.era in ("2019", "2021"):
        for table in tables(report, "表三"):
            for identity in table3_row_identities(table):
                yield "ARI001", identity
            for identity in table3_balance_identities(table):
                yield "ARI002", identity
            for identity in table3_result_identities(table, report.era):
                yield "ARI003", identity
        for table in tables(report, "表四"):
            for identity in table4_identities(table):
                yield "ARI004", identity
    elif report.era == "2007":
        for table in tables(report, "统计表"):
            for identity in table7_identities(table):
                yield "ARI005", identity


#: Era-2007 national table (FORMATS.md §3.5): (check id, total, parts, strict).
T7_NATIONAL: tuple[tuple[str, str, tuple[str, ...], bool], ...] = (
    ("A-RECV", "t7.recv", ("t7.recv.in_person", "t7.recv.fax", "t7.recv.online", "t7.recv.mail"), True),
    ("A-DONE", "t7.done", ("t7.done.on_time", "t7.done.extended"), True),
    ("A-ANS", "t7.answers", ("t7.answers.public_scope", "t7.answers.agree", "t7.answers.partial",
                             "t7.answers.refuse", "t7.answers.not_ours", "t7.answers.not_exist",
                             "t7.answers.amend", "t7.answers.other_channel"), True),
    ("A-REFUSE", "t7.answers.refuse", ("t7.answers.refuse.secret", "t7.answers.refuse.commercial",
                                       "t7.answers.refuse.privacy", "t7.answers.refuse.security",
                                       "t7.answers.refuse.not_info", "t7.answers.refuse.other"), True),
    ("A-REVIEW", "t7.review", ("t7.review.upheld", "t7.review.corrected", "t7.review.other"), True),
    ("A-REVIEW", "t7.litigation", ("t7.litigation.upheld", "t7.litigation.corrected", "t7.litigation.other"), True),
    ("A-STAFF", "t7.org.staff", ("t7.org.staff.full", "t7.org.staff.part"), True),
)
#: Plausibility (warnings): (check id, total, part) with part ≤ total.
T7_NATIONAL_BOUNDS: tuple[tuple[str, str, str], ...] = tuple(
    ("A-CHAN", "t7.proactive.total", f"t7.proactive.{channel}")
    for channel in ("gazette", "website", "weibo", "wechat", "other")
) + (
    ("A-SUB", "t7.proactive.total", "t7.proactive.normative"),
    ("A-SUB", "t7.response.press", "t7.response.press_leaders"),
    ("A-SUB", "t7.response.interviews", "t7.response.interviews_leaders"),
)
#: Fujian table (FORMATS.md §3.6): totals over whichever channel/answer rows are present.
T7_FUJIAN: tuple[tuple[str, str, tuple[str, ...], bool], ...] = (
    ("F-RECV", "t7f.recv", ("t7.recv.in_person", "t7.recv.fax", "t7.recv.email", "t7.recv.web",
                            "t7.recv.mail", "t7.recv.mail_fax", "t7.recv.other_forms"), True),
    ("F-ANS", "t7f.answers", ("t7.answers.agree", "t7.answers.partial", "t7f.answers.reject",
                              "t7f.answers.other"), True),
)
T7_FUJIAN_BOUNDS: tuple[tuple[str, str, str], ...] = (
    ("F-CHAN", "t7f.proactive", "t7f.website"),
    ("F-CHAN", "t7f.proactive", "t7f.gazette"),
)


def _t7_term(table: Table, key: str, index: int, column: str | None) -> Term:
    row = table.row(key)
    return term(row, index, row_name(table, row) if row is not None else label_of(key), column)


def table7_checks(table: Table) -> Iterator[tuple[Identity, bool]]:
    """Era-2007 statistics-table identities, with ``True`` for strict ones (ARI005)."""
    fujian = table.profile == "fujian"
    columns = table.columns or (["年度", "历年累计"] if fujian else ["统计数"])  # the header's own
    sums = T7_FUJIAN if fujian else T7_NATIONAL
    bounds = T7_FUJIAN_BOUNDS if fujian else T7_NATIONAL_BOUNDS
    for index, column in enumerate(columns):
        shown = f"/{column}" if len(columns) > 1 else ""
        for check, total, parts, strict in sums:
            if table.row(total) is None:
                continue
            present = [key for key in parts if table.row(key) is not None] if fujian else list(parts)
            if not present:
                continue
            target = _t7_term(table, total, index, column)
            yield Identity(f"统计表/{target.label}{shown}: {check} 总数=各分项之和", [target],
                           [_t7_term(table, key, index, column) for key in present]), strict
        for check, total, part in bounds:
            if table.row(total) is None or table.row(part) is None:
                continue
            whole = _t7_term(table, total, index, column)
            piece = _t7_term(table, part, index, column)
            yield Identity(f"统计表/{piece.label}{shown}: {check} 分项≤{whole.label}", [piece], [whole], "<=",
                           target=whole), False


def table7_identities(table: Table) -> Iterator[Identity]:
    for identity, _ in table7_checks(table):
        yield identity


# ---------------------------------------------------------------------------
# Findings
# ---------------------------------------------------------------------------


def shown(value: int | Decimal | str) -> str:
    """A number for a message: in full, unless it runs to dozens of digits
    (then its ends and its length; the exact value is in the finding's data)."""
    text = str(value)
    if len(text) <= 30:
        return text
    return f"{text[:10]}…{text[-6:]}（共 {sum(ch.isdigit() for ch in text)} 位数字）"


def signed(value: int | Decimal) -> str:
    return f"+{shown(value)}" if value > 0 else shown(value)


def describe(outcome: Outcome) -> str:
    """``应为 26（a 6 + b 20），实际填报 20，相差 -6`` plus the blank note."""
    if outcome.identity.relation == "==":
        head = (f"应为 {shown(outcome.expected)}（= {outcome.expression()}），实际填报 {shown(outcome.actual)}，"
                f"相差 {signed(outcome.delta)}")
    else:
        bound = "不应小于" if _target_is_upper(outcome) else "不应大于"
        head = f"{bound} {shown(outcome.expected)}（{outcome.expression()}），实际填报 {shown(outcome.actual)}"
    return head + outcome.blank_note()


def _target_is_upper(outcome: Outcome) -> bool:
    identity = outcome.identity
    on_right = any(t is identity.target for t in identity.right)
    return (identity.relation == "<=") == on_right


def finding(rule: Any, outcome: Outcome, message: str, location: str, **extra: Any):
    """A finding at the target cell, with the evidence every arithmetic finding
    carries; one that rests on recovered cells (linter.recovery) says so."""
    target = outcome.target
    assert target.cell is not None
    evidence = " ".join(f"{t.name}={t.cell.raw if t.cell else ''}" for t in outcome.identity.terms)
    data = outcome.data()
    data.update(extra)
    recovered = [t.name for t in outcome.identity.terms if t.cell is not None and t.cell.provenance == "recovered"]
    if recovered:
        data["provenance"] = "recovered"
        data["recovered_cells"] = recovered
        shown = "、".join(recovered[:3]) + ("等" if len(recovered) > 3 else "")
        message += f"（{shown}由表格中粘连的数字串唯一拆分而得）"
    data.setdefault("provenance", "source")
    return rule.finding(message, target.cell.span, location, evidence, **data)


# ---------------------------------------------------------------------------
# Cells: names of table 二 columns, and what each cell may hold (ARI006, ARI007)
# ---------------------------------------------------------------------------

#: Table 二 value columns per era and block (FORMATS.md §2.2, §2.3).
T2_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "2021": {
        "t2.item1": ("本年制发件数", "本年废止件数", "现行有效件数"),
        "t2.item5": ("本年处理决定数量",),
        "t2.item6": ("本年处理决定数量",),
        "t2.item8": ("本年收费金额（单位：万元）",),
    },
    "2019": {
        "t2.item1": ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        "t2.item5": ("上一年项目数量", "本年增/减", "处理决定数量"),
        "t2.item6": ("上一年项目数量", "本年增/减", "处理决定数量"),
        "t2.item8": ("上一年项目数量", "本年增/减"),
        "t2.item9": ("采购项目数量", "采购总金额"),
    },
}
SIGNED_COLUMNS = ("本年增/减",)
MONEY_COLUMNS = ("本年收费金额（单位：万元）", "采购总金额")
MONEY_UNITS = ("万元", "元")


def column_name(report: Report, table: Table, row: Row, index: int) -> str:
    cell = row.cells[index] if index < len(row.cells) else None
    if cell is not None and cell.column:
        return cell.column
    if table.kind == "表二":
        names = T2_COLUMNS.get(report.era, {}).get(row.parent or "", ())
        if index < len(names):
            return names[index]
    return f"第{index + 1}列"


def cell_location(report: Report, table: Table, row: Row, index: int) -> str:
    """``表三/（一）予以公开/自然人`` (no line numbers: it feeds the fingerprint)."""
    return f"{table.kind}/{row_name(table, row)}/{column_name(report, table, row, index)}"


def may_be_signed(report: Report, table: Table, row: Row, index: int) -> bool:
    return table.kind == "表二" and column_name(report, table, row, index) in SIGNED_COLUMNS


def may_be_decimal(report: Report, table: Table, row: Row, index: int) -> bool:
    if table.kind == "表二":
        return column_name(report, table, row, index) in MONEY_COLUMNS
    if table.kind == "统计表":
        cell = row.cells[index]
        return (row.unit in MONEY_UNITS) or (cell.unit in MONEY_UNITS)
    return False


def checked_cells(report: Report) -> Iterator[tuple[Table, Row, int, Cell]]:
    """Every value cell that must hold a number, in rows the layout could read."""
    for table in report.tables:
        if table.kind not in ("表二", "表三", "表四", "统计表"):
            continue
        for row in table.rows:
            if not number_required(row) or unreliable_row(row) is not None:
                continue
            for index, cell in enumerate(row.cells):
                yield table, row, index, cell
