"""YAML rule packs: local requirements written by people who do not program.

A pack is a YAML file (or a folder of them) with a list of rules. Each rule
picks a *check kind* from a fixed menu (the hook ``xxgk_lint_check_kinds``;
the built-in kinds are below) and fills in its parameters::

    name: 某省政府信息公开年报补充要求
    rules:
      - code: PRV001                  # 2–5 capital letters + 3 digits, never reused
        name: work-points-reported
        check: required-phrase
        section: 6
        phrases: [政务公开工作要点落实情况]
        severity: error               # error | warning | info (default warning)
        eras: ["2021"]                # default: all eras
        message: 第六部分未报告“政务公开工作要点落实情况”，请按本省要求补充。
        doc: Why the province asks for it.
        tests:                        # run by ``xxgk-lint test PACK``
          - input: "…a report…"
            expect: [PRV001]

Every problem with a pack (YAML syntax, an unknown key or check kind, a bad
parameter, an identity that does not parse or names an unknown cell) raises
:class:`PackError` naming the file and line; the CLI exits with status 2.
Identities are parsed by ``grammars/identity.lark`` and evaluated by
:mod:`linter.arithmetic`; nothing is ever passed to ``eval``.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Iterator

from . import arithmetic as A
from . import labels as L
from . import structure
from .ast import Paragraph, Report, Span
from .diagnostics import Diagnostic
from .errors import PackError, os_error_text
from .hookspecs import hookimpl
from .rule import ANY_ERA, Rule

if TYPE_CHECKING:  # yaml is imported only when a pack is read (every run loads this plugin)
    import yaml

PACK_SUFFIXES = (".yaml", ".yml")
_RULE_KEYS = {"code", "name", "check", "severity", "eras", "message", "summary", "doc", "tests"}
_NAME = re.compile(r"^[a-z][a-z0-9-]{2,60}$")
_START = Span(1, 1, 1, 1)


class _NoSuchTable(PackError):
    """The era has no such table: the rule simply does not apply to that era."""


# ---------------------------------------------------------------------------
# YAML with line numbers


class _Node:
    """A YAML value with the line it starts on (for messages about packs)."""

    def __init__(self, node: yaml.Node, loader: yaml.SafeLoader, path: str):
        self.node, self.loader, self.path = node, loader, path
        self.line = node.start_mark.line + 1

    def error(self, problem: str) -> PackError:
        return PackError(self.path, self.line, problem)

    def value(self) -> Any:
        return _construct(self.loader, self.node, self.path)

    def mapping(self, what: str) -> dict[str, "_Node"]:
        import yaml

        if not isinstance(self.node, yaml.MappingNode):
            raise self.error(f"{what}应为映射（key: value）")
        items: dict[str, _Node] = {}
        for key, value in self.node.value:
            name = str(_construct(self.loader, key, self.path))
            if name in items:
                raise PackError(self.path, key.start_mark.line + 1, f"重复的键“{name}”")
            items[name] = _Node(value, self.loader, self.path)
        return items

    def sequence(self, what: str) -> list["_Node"]:
        import yaml

        if not isinstance(self.node, yaml.SequenceNode):
            raise self.error(f"{what}应为列表")
        return [_Node(item, self.loader, self.path) for item in self.node.value]

    def text(self, what: str) -> str:
        value = self.value()
        if not isinstance(value, (str, int)) or isinstance(value, bool) or str(value).strip() == "":
            raise self.error(f"{what}应为非空文本")
        return str(value)

    def texts(self, what: str) -> list[str]:
        value = self.value()
        if isinstance(value, str):
            value = [value]
        if (not isinstance(value, list) or not value
                or not all(isinstance(v, (str, int)) and not isinstance(v, bool) and str(v).strip() for v in value)):
            raise self.error(f"{what}应为非空文本或非空文本列表")
        return [str(v) for v in value]


def _construct(loader: "yaml.SafeLoader", node: "yaml.Node", path: str) -> Any:
    """A node's Python value; tags the safe loader does not know are a pack error, not a crash."""
    import yaml

    try:
        return loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError) as error:
        problem = getattr(error, "problem", None) or str(error)
        if "integer string conversion" in problem:
            problem = "整数位数过多（超过 4300 位）"
        raise PackError(path, node.start_mark.line + 1, f"无法读取的值：{problem}") from None


#: Bounds checked before a pack's values are built: its size, and the number of
#: values once aliases are expanded (a "billion laughs" pack is a few hundred
#: bytes that expand to 10⁹ values).
MAX_PACK_BYTES = 1024 * 1024
MAX_PACK_VALUES = 100_000


def _load_yaml(path: Path) -> _Node:
    import yaml

    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_PACK_BYTES + 1)
        if len(data) > MAX_PACK_BYTES:
            raise PackError(str(path), 1, "规则包超过 1 MB，未读取")
        text = data.decode("utf-8")
    except OSError as error:
        raise PackError(str(path), 1, f"无法读取规则包：{os_error_text(error)}") from None
    except UnicodeDecodeError as error:
        raise PackError(str(path), 1, f"规则包不是 UTF-8 编码的文本（第 {error.start + 1} 个字节无法解码）") from None
    try:
        loader = yaml.SafeLoader(text)  # (refuses control characters such as NUL)
        node = loader.get_single_node()
    except RecursionError:
        raise PackError(str(path), 1, "YAML 嵌套层数过多，无法读取") from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        raise PackError(str(path), line, f"含有不允许的控制字符 U+{error.character:04X}") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        raise PackError(str(path), line, f"YAML 语法错误：{error.problem or error.context}") from None
    except yaml.YAMLError as error:
        raise PackError(str(path), 1, f"YAML 错误：{error}") from None
    if node is None:
        raise PackError(str(path), 1, "规则包为空")
    _expanded_size(node, str(path))
    return _Node(node, loader, str(path))


def _expanded_size(root: "yaml.Node", path: str) -> int:
    """How many values the document holds with its aliases expanded; a pack
    error when that exceeds MAX_PACK_VALUES or an alias refers to itself."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        if id(node) in open_nodes:
            raise PackError(path, node.start_mark.line + 1, "YAML 别名引用了自身，无法展开")
        open_nodes.add(id(node))
        total = 1
        if isinstance(node.value, list):
            for item in node.value:
                for child in item if isinstance(item, tuple) else (item,):
                    total += size(child)
                    if total > MAX_PACK_VALUES:
                        raise PackError(path, node.start_mark.line + 1,
                                        f"YAML 别名展开后超过 {MAX_PACK_VALUES} 个值，规则包不应如此庞大")
        open_nodes.discard(id(node))
        sizes[id(node)] = total
        return total

    return size(root)


# ---------------------------------------------------------------------------
# Check kinds


class CheckKind:
    """One entry of the menu. Subclasses declare their parameters and check a report."""

    kind: ClassVar[str]
    summary: ClassVar[str]  # Chinese, for ``xxgk-lint rules``
    required: ClassVar[tuple[str, ...]] = ()
    optional: ClassVar[tuple[str, ...]] = ()

    def __init__(self, params: dict[str, _Node], eras: tuple[str, ...], entry: _Node):
        self.eras = eras
        self.entry = entry  # the rule's YAML node, for errors about missing parameters
        self.configure(params)

    def configure(self, params: dict[str, _Node]) -> None:
        raise NotImplementedError

    def check(self, rule: type[Rule], report: Report) -> Iterator[Diagnostic]:
        raise NotImplementedError


def _section_param(node: _Node) -> int:
    value = node.value()
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 6:
        raise node.error("section 应为 1 到 6 的部分序号")
    return value


def _compact(text: str) -> str:
    return L.normalize(text)


def _paragraphs(report: Report, part: int | None) -> list[Paragraph]:
    if part is None:
        return list(report.paragraphs())
    found = report.context.parts.get(part)
    return found.paragraphs if found else []


def _where(part: int | None) -> str:
    return f"第{L.NUMERALS[part - 1]}部分" if part else "报告"


class RequiredSection(CheckKind):
    kind = "required-section"
    summary = "必须包含某一部分（按部分序号或标题文字）"
    optional = ("section", "heading")

    def configure(self, params: dict[str, _Node]) -> None:
        self.part = _section_param(params["section"]) if "section" in params else None
        self.heading = _compact(params["heading"].text("heading")) if "heading" in params else None
        if self.part is None and self.heading is None:
            raise self.entry.error("检查类型 required-section 需要参数 section 或 heading")

    def check(self, rule: type[Rule], report: Report) -> Iterator[Diagnostic]:
        if self.part is not None and self.part in report.context.parts:
            return
        if self.heading is not None and structure.heading_written(report, self.heading):
            return
        span = report.meta.title_span or _START
        yield rule.finding(rule.message, span, "结构", self.heading or str(self.part))


class RequiredPhrase(CheckKind):
    kind = "required-phrase"
    summary = "某部分（或全文）必须出现所列说法之一"
    required = ("phrases",)
    optional = ("section",)

    def configure(self, params: dict[str, _Node]) -> None:
        self.phrases = [_compact(p) for p in params["phrases"].texts("phrases")]
        self.part = _section_param(params["section"]) if "section" in params else None

    def check(self, rule: type[Rule], report: Report) -> Iterator[Diagnostic]:
        text = "".join(_compact(p.text) for p in _paragraphs(report, self.part))
        if any(phrase in text for phrase in self.phrases):
            return
        section = report.section(self.part) if self.part else None
        span = section.span if section else (report.meta.title_span or _START)
        yield rule.finding(rule.message, span, _where(self.part), "|".join(self.phrases))


class ForbiddenPhrase(CheckKind):
    kind = "forbidden-phrase"
    summary = "某部分（或全文）不得出现所列说法"
    required = ("phrases",)
    optional = ("section",)

    def configure(self, params: dict[str, _Node]) -> None:
        self.phrases = params["phrases"].texts("phrases")
        self.part = _section_param(params["section"]) if "section" in params else None

    def check(self, rule: type[Rule], report: Report) -> Iterator[Diagnostic]:
        for paragraph in _paragraphs(report, self.part):
            for phrase in self.phrases:
                start = paragraph.text.find(phrase)
                if start >= 0:
                    span = paragraph.span_of(start, start + len(phrase))
                    yield rule.finding(f"{rule.message}（“{phrase}”）", span, _where(self.part), phrase,
                                       phrase=phrase)


class Deadline(CheckKind):
    kind = "deadline"
    summary = "发布日期不得晚于所定日期（次年的月-日）"
    required = ("date",)
    optional = ("agencies",)

    def configure(self, params: dict[str, _Node]) -> None:
        text = params["date"].text("date")
        match = re.fullmatch(r"(\d{1,2})-(\d{1,2})", text)
        try:
            self.month, self.day = int(match.group(1)), int(match.group(2))  # type: ignore[union-attr]
            date(2001, self.month, self.day)
        except (AttributeError, ValueError):
            raise params["date"].error("date 应为“月-日”，如 01-31") from None
        self.agencies = params["agencies"].texts("agencies") if "agencies" in params else []

    def check(self, rule: type[Rule], report: Report) -> Iterator[Diagnostic]:
        meta = report.meta
        if meta.published is None or meta.report_year is None or meta.published_span is None:
            return
        if self.agencies and not any(a in (meta.agency or "") for a in self.agencies):
            return
        deadline = date(meta.report_year + 1, self.month, self.day)
        if date.fromisoformat(meta.published) > deadline:
            yield rule.finding(f"{rule.message}（发布日期 {meta.published}，应不晚于 {deadline.isoformat()}）",
                               meta.published_span, "发布日期", meta.published,
                               published=meta.published, deadline=deadline.isoformat())


class IdentityCheck(CheckKind):
    kind = "identity"
    summary = "表格数据须满足所写等式（如 表三.一.* + 表三.二.* == 表三.七.* + 表三.四.*）"
    required = ("expression",)

    def configure(self, params: dict[str, _Node]) -> None:
        node = params["expression"]
        self.text = node.text("expression")
        self.expression = parse_expression(self.text, node)
        self.resolved: dict[str, list[CellRef]] = {}
        absent: _NoSuchTable | None = None
        from .plugins import registry

        eras = registry().eras
        for era in sorted(eras) if ANY_ERA in self.eras else self.eras:
            try:
                refs = [resolve_ref(ref, eras[era].era, node) for ref in self.expression.refs()]
            except _NoSuchTable as error:
                absent = error
                continue
            widths = {len(ref.columns) for ref in refs if ref.wildcard}
            if len(widths) > 1:
                shown = "、".join(f"{ref.text}（{len(ref.columns)} 列）" for ref in refs if ref.wildcard)
                raise node.error(f"{era} 年格式中各个 * 引用的列数不同，无法逐列对应：{shown}")
            self.resolved[era] = refs
        if not self.resolved and absent is not None:
            raise absent

    def check(self, rule: type[Rule], report: Report) -> Iterator[Diagnostic]:
        refs = self.resolved.get(report.era)
        if refs is None:
            return
        width = max((len(ref.columns) for ref in refs if ref.wildcard), default=1)
        identities = [self.expression.identity(self.text, refs, report, i) for i in range(width)]
        for outcome in A.check_identities(report, rule.code, identities):
            if outcome.holds:
                continue
            target = outcome.target
            yield A.finding(rule, outcome, f"{rule.message}：{target.name} {A.describe(outcome)}",
                            f"{rule.code}/{outcome.identity.id}")


# -- identity expressions -----------------------------------------------------


@dataclass(frozen=True)
class CellRef:
    """A resolved reference: which table, row and column(s) a name means."""

    text: str
    table: str  # "表二" …
    row: str  # label key
    label: str  # how messages name the row
    columns: tuple[int, ...]  # value indexes; several when the column is "*"
    names: tuple[str, ...]  # column names for messages
    wildcard: bool


@dataclass
class Expression:
    left: list[tuple[int, str]]  # (sign, reference text)
    right: list[tuple[int, str]]
    relation: str

    def refs(self) -> list[str]:
        return [item for _, item in self.left + self.right]

    def identity(self, text: str, refs: list[CellRef], report: Report, index: int) -> A.Identity:
        by_text = dict(zip(self.refs(), refs))

        def terms(side: list[tuple[int, str]]) -> list[A.Term]:
            out = []
            for sign, item in side:
                ref = by_text[item]
                column = ref.columns[index] if ref.wildcard else ref.columns[0]
                name = ref.names[index] if ref.wildcard else ref.names[0]
                row = _find_row(report, ref)
                out.append(A.term(row, column, ref.label, name, sign))
            return out

        left, right = terms(self.left), terms(self.right)
        suffix = ""
        wild = next((r for r in refs if r.wildcard), None)
        if wild is not None:
            suffix = f"[{wild.names[index]}]"
        return A.Identity(text + suffix, left, right, self.relation)


def _find_row(report: Report, ref: CellRef):
    for table in report.tables:
        if table.kind == ref.table:
            row = table.row(ref.row)
            if row is not None:
                return row
    return None


@lru_cache(maxsize=1)
def _expression_parser():
    from lark import Lark

    from .eras import GRAMMAR_DIR

    return Lark.open(str(GRAMMAR_DIR / "identity.lark"), parser="lalr")


def parse_expression(text: str, node: _Node) -> Expression:
    from lark.exceptions import LarkError, UnexpectedInput

    try:
        tree = _expression_parser().parse(text)
    except UnexpectedInput as error:
        raise node.error(f"等式无法解析（第 {error.column} 个字符附近）：{text}") from None
    except LarkError as error:
        raise node.error(f"等式无法解析：{error}") from None
    left_tree, relation, right_tree = tree.children

    def side(tree) -> list[tuple[int, str]]:
        out, sign = [], 1
        for child in tree.children:
            if child.type == "SIGN":
                sign = 1 if child == "+" else -1
            else:
                out.append((sign, str(child)))
                sign = 1
        return out

    return Expression(side(left_tree), side(right_tree), str(relation))


#: Short row names in identities, per table (the template's own numbering).
ROW_ALIASES = {
    "表三": {"一": "t3.new", "二": "t3.carried_over", "四": "t3.carry_forward",
             "七": "t3.total", "(七)": "t3.total", "总计": "t3.total", "(一)": "t3.open", "(二)": "t3.partial",
             "(六)": "t3.other"},
}
_WILDCARD = "*"


def resolve_ref(text: str, era: L.Era, node: _Node) -> CellRef:
    table, *parts = text.split(".")
    if table == "表四":
        if not any(label.kind == L.T4_HEAD for label in era.labels):
            raise _NoSuchTable(node.path, node.line, f"{era.id} 年格式中没有表四：{text}")
        return _resolve_table4(text, parts, node)
    labels = [label for label in era.labels if label.values and _table_of(label) == table]
    if not labels:
        raise _NoSuchTable(node.path, node.line, f"{era.id} 年格式中没有{table}：{text}")
    if not parts:
        raise node.error(f"引用缺少行名：{text}")
    row_name, column = parts[0], ".".join(parts[1:]) or None
    label = _resolve_row(table, row_name, labels, node, era)
    return _resolve_column(text, table, label, column, era, node)


def _table_of(label: L.Label) -> str:
    return {"T2": "表二", "T3": "表三", "T7": "统计表"}.get(label.kind[:2], "")


def _resolve_row(table: str, name: str, labels: list[L.Label], node: _Node, era: L.Era) -> L.Label:
    alias = ROW_ALIASES.get(table, {}).get(_compact(name))
    key = alias or name
    exact = [label for label in labels if label.key == key]
    if exact:
        return exact[0]
    wanted = _compact(name)
    same = [label for label in labels if _unnumbered(label.canonical) == _unnumbered(name)
            or _compact(label.canonical) == wanted]
    if len(same) == 1:
        return same[0]
    starting = [label for label in labels if _unnumbered(label.canonical).startswith(_unnumbered(name))]
    if len(starting) == 1:
        return starting[0]
    if len(starting) > 1:
        names = "、".join(label.canonical for label in starting[:4])
        raise node.error(f"行名“{name}”不唯一（{era.id} 年格式中可指 {names}），请写得更完整")
    raise node.error(f"{era.id} 年格式的{table}中没有“{name}”这一行")


def _unnumbered(text: str) -> str:
    return L.UNNUMBERED.sub("", _compact(text))


def _resolve_column(text: str, table: str, label: L.Label, column: str | None, era: L.Era,
                    node: _Node) -> CellRef:
    if table == "表三":
        names = L.T3_COLUMNS
    elif table == "表二":
        names = A.T2_COLUMNS.get(era.id, {}).get(label.parent or "", ())[:label.values]
    elif label.key in L.FUJIAN_ROWS_2007:  # 统计表, a row the Fujian table has: 年度 / 历年累计
        names = ("年度", "历年累计")
    else:  # a row of the national table only: 统计数
        names = ("统计数",)
    if column is None:
        if len(names) > 1 and table != "统计表":
            raise node.error(f"引用缺少列名（可用：{'、'.join(names)}，或 * 表示每一列）：{text}")
        return CellRef(text, table, label.key, A.short_label(label.canonical), (0,), names[:1], False)
    if table == "统计表" and column in ("历年累计", _WILDCARD) and label.key not in L.FUJIAN_ROWS_2007:
        raise node.error(f"“{label.canonical}”只出现在全国统计表中，只有一列“统计数”，没有“{column}”：{text}")
    if column == _WILDCARD:
        return CellRef(text, table, label.key, A.short_label(label.canonical), tuple(range(len(names))),
                       tuple(names), True)
    aliases = {"年度": 0, "统计数": 0, "历年累计": 1} if table == "统计表" else {}
    index = aliases.get(column, names.index(column) if column in names else None)
    if index is None and column.isdigit() and 1 <= int(column) <= len(names):
        index = int(column) - 1
    if index is None:
        raise node.error(f"“{label.canonical}”没有“{column}”这一列（可用：{'、'.join(names)}）：{text}")
    return CellRef(text, table, label.key, A.short_label(label.canonical), (index,), (column,), False)


def _resolve_table4(text: str, parts: list[str], node: _Node) -> CellRef:
    groups = ("行政复议", "未经复议直接起诉", "复议后起诉")
    results = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    if len(parts) != 2:
        raise node.error(f"表四的引用应为 表四.组.结果（如 表四.行政复议.总计）：{text}")
    group, result = parts
    if result not in results:
        raise node.error(f"表四没有“{result}”（可用：{'、'.join(results)}）：{text}")
    if group == _WILDCARD:
        columns = tuple(L.T4_COLUMNS.index(f"{g}.{result}") for g in groups)
        return CellRef(text, "表四", L.T4_DATA_ROW, "表四", columns, tuple(f"{g}.{result}" for g in groups), True)
    if group not in groups:
        raise node.error(f"表四没有“{group}”（可用：{'、'.join(groups)}）：{text}")
    name = f"{group}.{result}"
    return CellRef(text, "表四", L.T4_DATA_ROW, "表四", (L.T4_COLUMNS.index(name),), (name,), False)


@hookimpl
def xxgk_lint_check_kinds() -> dict[str, type[CheckKind]]:
    return {kind.kind: kind for kind in (RequiredSection, RequiredPhrase, ForbiddenPhrase, IdentityCheck, Deadline)}


# ---------------------------------------------------------------------------
# Packs -> rules


@dataclass
class InlineTest:
    path: str  # the YAML file (a pack may be a folder of them)
    line: int
    input: str
    expect: tuple[str, ...]


@dataclass
class Pack:
    path: str
    name: str
    rules: list[type[Rule]]
    tests: dict[str, list[InlineTest]]  # rule code -> its tests


class PackRule(Rule):
    """Base of the rules made from pack entries (``check`` delegates to the kind)."""

    message: ClassVar[str]
    kind: ClassVar[CheckKind]
    pack: ClassVar[str]

    def check(self, report: Report) -> Iterator[Diagnostic]:
        return self.kind.check(type(self), report)


def pack_files(path: str) -> list[Path]:
    target = Path(path)
    if target.is_dir():
        return sorted(p for p in target.rglob("*") if p.suffix in PACK_SUFFIXES and p.is_file())
    if not target.exists():
        raise PackError(path, 1, "规则包不存在")
    return [target]


@lru_cache(maxsize=64)
def load_pack(path: str) -> Pack:
    """All the rules of a pack file or folder (cached per process)."""
    from .plugins import registry

    kinds = registry().check_kinds
    rules: list[type[Rule]] = []
    tests: dict[str, list[InlineTest]] = {}
    name = os.path.basename(path.rstrip("/"))
    for file in pack_files(path):
        root = _load_yaml(file).mapping("规则包")
        if "name" in root:
            name = root["name"].text("name")
        unknown = set(root) - {"name", "description", "rules"}
        if unknown:
            key = sorted(unknown)[0]
            raise root[key].error(f"规则包中未知的键“{key}”（可用：name、description、rules）")
        if "rules" not in root:
            raise PackError(str(file), 1, "规则包缺少 rules 列表")
        for entry in root["rules"].sequence("rules"):
            rule, rule_tests = _make_rule(entry, kinds, name)
            if rule.code in tests:
                raise entry.error(f"规则代码 {rule.code} 在规则包中重复")
            if registry().rule(rule.code) or registry().rule(rule.name):
                raise entry.error(f"规则代码 {rule.code} 或名称 {rule.name} 已被内置规则或插件使用，请另选")
            rules.append(rule)
            tests[rule.code] = rule_tests
    return Pack(path, name, rules, tests)


def _make_rule(entry: _Node, kinds: dict[str, type[CheckKind]], pack: str) -> tuple[type[Rule], list[InlineTest]]:
    fields = entry.mapping("规则")
    for key in ("code", "name", "check", "message"):
        if key not in fields:
            raise entry.error(f"规则缺少“{key}”")
    code = fields["code"].text("code")
    if not re.fullmatch(r"[A-Z]{2,5}\d{3}", code):
        raise fields["code"].error(f"规则代码“{code}”不合规范（应为 2–5 个大写字母加 3 位数字）")
    name = fields["name"].text("name")
    if not _NAME.match(name):
        raise fields["name"].error(f"规则名称“{name}”应为小写字母、数字和连字符")
    kind_name = fields["check"].text("check")
    kind_class = kinds.get(kind_name)
    if kind_class is None:
        raise fields["check"].error(f"未知的检查类型“{kind_name}”（可用：{'、'.join(sorted(kinds))}）")
    severity = fields["severity"].text("severity") if "severity" in fields else "warning"
    if severity not in ("error", "warning", "info"):
        raise fields["severity"].error("severity 应为 error、warning 或 info")
    from .plugins import registry

    eras = tuple(fields["eras"].texts("eras")) if "eras" in fields else (ANY_ERA,)
    known = registry().eras
    for era in eras:
        if era not in known and era != ANY_ERA:
            raise fields["eras"].error(f"未知的格式年代“{era}”（可用：{'、'.join(sorted(known))}）")
    allowed = set(kind_class.required) | set(kind_class.optional)
    params = {k: v for k, v in fields.items() if k not in _RULE_KEYS}
    for key, node in params.items():
        if key not in allowed:
            raise node.error(f"检查类型 {kind_name} 没有参数“{key}”（可用：{'、'.join(sorted(allowed)) or '无'}）")
    for key in kind_class.required:
        if key not in params:
            raise entry.error(f"检查类型 {kind_name} 需要参数“{key}”")
    kind = kind_class(params, eras, entry)
    if isinstance(kind, IdentityCheck):
        eras = tuple(kind.resolved)  # the eras that have those tables
    message = fields["message"].text("message")
    doc = fields["doc"].text("doc") if "doc" in fields else ""
    attributes = {
        "code": code, "name": name, "severity": severity, "eras": eras,
        "summary": fields["summary"].text("summary") if "summary" in fields else message,
        "message": message, "kind": kind, "pack": pack,
        "__doc__": f"## What it does\n{kind_class.summary}（规则包“{pack}”，检查类型 {kind_name}）。\n\n"
                   f"## Why is this bad?\n{doc or message}\n",
    }
    rule = type(f"Pack{code}", (PackRule,), attributes)
    return rule, _inline_tests(fields.get("tests"))


def _inline_tests(node: _Node | None) -> list[InlineTest]:
    if node is None:
        return []
    tests = []
    for item in node.sequence("tests"):
        fields = item.mapping("测试")
        if "input" not in fields or "expect" not in fields:
            raise item.error("每个测试需要 input 和 expect")
        expect = fields["expect"].value() or []
        if not isinstance(expect, list):
            raise fields["expect"].error("expect 应为规则代码列表（可为空列表）")
        if not all(isinstance(e, str) and e.strip() for e in expect):
            raise fields["expect"].error("expect 应为规则代码列表（可为空列表）")
        tests.append(InlineTest(item.path, item.line, fields["input"].text("input"), tuple(expect)))
    return tests
