"""Hypothesis strategies that generate whole era-"2021" annual reports.

:func:`report_2021` draws a report (year, agency, the 10 + 175 + 15 numbers of
tables 二/三/四), writes it in one of the serialisations found in real
reports (FORMATS.md §7) and encodes it. The result, a :class:`GeneratedReport`,
knows for every value cell where it must end up: its line and column in the
decoded text (1-based, Unicode code points) and its integer value, keyed by
``(table kind, row key, column index)``:

* table kind: ``"表二"``, ``"表三"``, ``"表四"`` (as ``Report.table(kind)``);
* row key: the AST's ``Row.key`` (``"t3.withheld.3"``, ``"t4.values"`` …);
* column index: 0-based index into ``Row.cells``.

Label spellings are written out here from the template and the seed reports,
on purpose *not* imported from ``linter.labels``: the generator describes real
input, so a typo in the linter's label table cannot hide behind it.

Serialisations (``GeneratedReport.serialisation``):

``"pipe"``
    ``label | v | v |`` rows as in seed 003 (no leading pipe, trailing ``||``),
    optionally with a leading pipe, or as a Markdown table with ``|---|`` rows.
``"tab"``
    tab-separated rows; optionally as a full grid with the empty placeholder
    fields that row and column spans leave (seed 001).
``"cell_per_line"``
    one cell per line with a blank line between cells (seed 000), optionally
    with header words split over two lines (``商业`` / ``企业``).
``"html"``
    a ``<table>`` per table with ``<tr>``/``<td>``, the template's row and
    column spans (or group labels on rows of their own), whole rows or single
    cells per source line.

Every report satisfies the identities of FORMATS.md §3.1 and §3.2 (the
numbers are built constructively: leaves are drawn, totals derived), so a
correct linter must report no error on it.
"""
from __future__ import annotations

import html as _html
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

# ---------------------------------------------------------------------------
# Template data (full-width spellings, as in the 2021-30 template)
# ---------------------------------------------------------------------------

SERIALISATIONS = ("html", "pipe", "tab", "cell_per_line")
ENCODINGS = ("utf-8", "gb18030")

HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)

#: Table 二 blocks: (block header, column headers, [(row key, row label, value count)]).
T2_BLOCKS: tuple[tuple[str, tuple[str, ...], tuple[tuple[str, str, int], ...]], ...] = (
    ("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"),
     (("t2.rules", "规章", 3), ("t2.normative", "行政规范性文件", 3))),
    ("第二十条第（五）项", ("本年处理决定数量",), (("t2.licensing", "行政许可", 1),)),
    ("第二十条第（六）项", ("本年处理决定数量",), (("t2.penalty", "行政处罚", 1), ("t2.coercion", "行政强制", 1))),
    ("第二十条第（八）项", ("本年收费金额（单位：万元）",), (("t2.fees", "行政事业性收费", 1),)),
)
T2_ROWS: tuple[str, ...] = tuple(key for _, _, rows in T2_BLOCKS for key, _, _ in rows)
T2_VALUES: dict[str, int] = {key: n for _, _, rows in T2_BLOCKS for key, _, n in rows}

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_APPLICANT = "申请人情况"
T3_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")

T3_NEW = ("t3.new", "一、本年新收政府信息公开申请数量")
T3_CARRIED = ("t3.carried_over", "二、上年结转政府信息公开申请数量")
T3_RESULTS = "三、本年度办理结果"
T3_OPEN = ("t3.open", "（一）予以公开")
T3_PARTIAL = ("t3.partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
#: Groups of leaves: (group key prefix, group label, leaf texts without numbering).
T3_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("t3.withheld", "（三）不予公开", (
        "属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
        "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项")),
    ("t3.unable", "（四）无法提供", (
        "本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确")),
    ("t3.not_processed", "（五）不予处理", (
        "信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
        "要求行政机关确认或重新出具已获取信息")),
    ("t3.other", "（六）其他处理", (
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "其他")),
)
T3_TOTAL = ("t3.total", "（七）总计")
T3_CARRY_FORWARD = ("t3.carry_forward", "四、结转下年度继续办理")

#: The 21 result leaves, in template order.
T3_LEAVES: tuple[str, ...] = (T3_OPEN[0], T3_PARTIAL[0]) + tuple(
    f"{prefix}.{n}" for prefix, _, leaves in T3_GROUPS for n in range(1, len(leaves) + 1))
#: The 25 data rows of table 三, in template order.
T3_ROWS: tuple[str, ...] = (T3_NEW[0], T3_CARRIED[0]) + T3_LEAVES + (T3_TOTAL[0], T3_CARRY_FORWARD[0])

T4_ROW = "t4.values"
T4_TOP = ("行政复议", "行政诉讼")
T4_RESULTS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
T4_LITIGATION = ("未经复议直接起诉", "复议后起诉")

AGENCY_PLACES = ("钱塘区", "温岭市", "盐池县", "杭州市", "平潭综合实验区", "头屯河区", "鹿城区", "来凤县", "怀化市")
AGENCY_BODIES = ("经济信息化和科学技术局", "科学技术局", "人民政府办公室", "财政局", "教育局", "交通运输局",
                 "自然资源和规划局", "卫生健康委员会", "统计局", "审计局", "住房和城乡建设局")

# ---------------------------------------------------------------------------
# The generated object
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ExpectedCell:
    line: int  # 1-based, in the decoded text
    column: int  # 1-based, Unicode code points
    value: int


@dataclass(repr=False)
class GeneratedReport:
    year: int
    agency: str
    #: Table 二: row key -> values (3 for 规章/行政规范性文件, 1 otherwise; 10 in all).
    table2: dict[str, tuple[int, ...]]
    #: Table 三: row key -> 7 values (c1 自然人 … c6 其他, c7 总计); 25 rows.
    table3: dict[str, tuple[int, ...]]
    #: Table 四: the 15 values (行政复议 ×5, 未经复议直接起诉 ×5, 复议后起诉 ×5).
    table4: tuple[int, ...]
    serialisation: str
    encoding: str
    data: bytes
    suffix: str  # ".txt" or ".html"
    text: str  # the text before encoding (what decoding must give back)
    #: (table kind, row key, column index) -> where the value must be and what it is.
    cells: dict[tuple[str, str, int], ExpectedCell]
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

    def __repr__(self) -> str:  # the bytes are long; this is what a failure report needs
        return (f"GeneratedReport(serialisation={self.serialisation!r}, encoding={self.encoding!r}, "
                f"year={self.year}, agency={self.agency!r}, options={self.options!r}, "
                f"{len(self.text.splitlines())} lines)")

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # used by Hypothesis' failure output
        printer.text(repr(self))


# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------


@st.composite
def table2_values(draw) -> dict[str, tuple[int, ...]]:
    """Table 二: 10 non-negative ints (the fee amount too, kept an int)."""
    return {key: tuple(draw(st.integers(0, 500)) for _ in range(n)) for key, n in T2_VALUES.items()}


@st.composite
def table3_values(draw) -> dict[str, tuple[int, ...]]:
    """Table 三: 25 rows × 7 columns satisfying T3-ROW, T3-BAL and T3-RES.

    Per column c1–c6: 21 leaves are drawn (mostly 0–2, plus a few bumps up to
    50), （七）总计 is their sum, 结转下年度 is drawn, 上年结转 is drawn at most
    （七）+四 and 本年新收 is the rest. Column c7 is the row sum. All values
    stay below 500.
    """
    n_leaves = len(T3_LEAVES)
    base = draw(st.lists(st.integers(0, 2), min_size=6 * n_leaves, max_size=6 * n_leaves))
    bumps = draw(st.lists(st.tuples(st.integers(0, 6 * n_leaves - 1), st.integers(0, 50)), max_size=4))
    for position, amount in bumps:
        base[position] += amount
    columns: list[dict[str, int]] = []
    for c in range(6):
        column = {key: base[c * n_leaves + k] for k, key in enumerate(T3_LEAVES)}
        column[T3_TOTAL[0]] = sum(column[key] for key in T3_LEAVES)
        column[T3_CARRY_FORWARD[0]] = draw(st.integers(0, 5))
        available = column[T3_TOTAL[0]] + column[T3_CARRY_FORWARD[0]]
        column[T3_CARRIED[0]] = draw(st.integers(0, available))
        column[T3_NEW[0]] = available - column[T3_CARRIED[0]]
        columns.append(column)
    table: dict[str, tuple[int, ...]] = {}
    for key in T3_ROWS:
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


# ---------------------------------------------------------------------------
# Table model: rows of cells with spans, rendered by each serialisation
# ---------------------------------------------------------------------------


@dataclass
class _Cell:
    text: str = ""  # label or header text (already styled)
    key: tuple[str, str, int] | None = None  # value cells only
    value: int | None = None
    rowspan: int = 1
    colspan: int = 1


@dataclass
class _Table:
    kind: str
    width: int  # grid columns
    rows: list[list[_Cell]]


def _value(kind: str, row: str, index: int, value: int, colspan: int = 1) -> _Cell:
    return _Cell(key=(kind, row, index), value=value, colspan=colspan)


class _Style:
    """Spelling choices for labels (FORMATS.md §6: all must be accepted)."""

    def __init__(self, width: str, enum_sep: str, inner_space: str):
        self.width = width  # "full" (template) or "half" (seeds 000, 002, 003)
        self.enum_sep = enum_sep  # "." (template) or "、"
        self.inner_space = inner_space  # "" or the space put inside two-word headers (seeds 000, 003)

    def label(self, text: str) -> str:
        if self.width == "half":
            text = text.translate(str.maketrans("（）：，", "():,"))
        return text

    def leaf(self, n: int, text: str) -> str:
        return self.label(f"{n}{self.enum_sep}{text}")

    def header(self, text: str) -> str:
        """Two-word headers of 表三/表四 with inner spaces (商业 企业, 结果 纠正)."""
        if self.inner_space and len(text) == 4:
            return text[:2] + self.inner_space + text[2:]
        return text


def _table2(values: dict[str, tuple[int, ...]], style: _Style) -> _Table:
    rows: list[list[_Cell]] = []
    for block, headers, block_rows in T2_BLOCKS:
        rows.append([_Cell(style.label(block), colspan=4)])
        span = 3 if len(headers) == 1 else 1
        rows.append([_Cell("信息内容")] + [_Cell(style.label(h), colspan=span) for h in headers])
        for key, label, n in block_rows:
            rows.append([_Cell(label)] + [_value("表二", key, i, values[key][i], span) for i in range(n)])
    return _Table("表二", 4, rows)


def _table3(values: dict[str, tuple[int, ...]], style: _Style, inline_groups: bool) -> _Table:
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
    open_label, partial_label = style.label(T3_OPEN[1]), style.label(T3_PARTIAL[1])
    if inline_groups:
        results = _Cell(T3_RESULTS, rowspan=len(T3_LEAVES) + 1)
        rows.append(data(open_label, T3_OPEN[0], 2, (results,)))
        rows.append(data(partial_label, T3_PARTIAL[0], 2))
        for prefix, group, leaves in T3_GROUPS:
            group_cell = _Cell(style.label(group), rowspan=len(leaves))
            for n, leaf in enumerate(leaves, 1):
                rows.append(data(style.leaf(n, leaf), f"{prefix}.{n}", 1, (group_cell,) if n == 1 else ()))
        rows.append(data(style.label(T3_TOTAL[1]), T3_TOTAL[0], 2))
    else:
        rows.append([_Cell(T3_RESULTS, colspan=10)])
        rows.append(data(open_label, T3_OPEN[0], 3))
        rows.append(data(partial_label, T3_PARTIAL[0], 3))
        for prefix, group, leaves in T3_GROUPS:
            rows.append([_Cell(style.label(group), colspan=10)])
            for n, leaf in enumerate(leaves, 1):
                rows.append(data(style.leaf(n, leaf), f"{prefix}.{n}", 3))
        rows.append(data(style.label(T3_TOTAL[1]), T3_TOTAL[0], 3))
    rows.append(data(T3_CARRY_FORWARD[1], T3_CARRY_FORWARD[0], 3))
    return _Table("表三", 10, rows)


def _table4(values: tuple[int, ...], style: _Style, empty_placeholders: bool) -> _Table:
    """Template grid (FORMATS.md §2.3); ``empty_placeholders``: row 3 repeats five
    empty cells instead of the row spans of row 2 (KGC HTML)."""
    h = style.header
    span = 1 if empty_placeholders else 2
    rows = [
        [_Cell(T4_TOP[0], colspan=5), _Cell(T4_TOP[1], colspan=10)],
        [_Cell(h(r), rowspan=span) for r in T4_RESULTS]
        + [_Cell(T4_LITIGATION[0], colspan=5), _Cell(T4_LITIGATION[1], colspan=5)],
        ([_Cell() for _ in range(5)] if empty_placeholders else []) + [_Cell(h(r)) for r in T4_RESULTS * 2],
        [_value("表四", T4_ROW, i, v) for i, v in enumerate(values)],
    ]
    return _Table("表四", 15, rows)


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

    def value(self, cell: _Cell) -> None:
        assert cell.key is not None and cell.value is not None
        self.cells[cell.key] = ExpectedCell(len(self.lines) + 1, self.column, cell.value)
        self.put(str(cell.value))

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
    for row in table.rows:
        for cell in row:
            if cell.key is None and not cell.text:
                continue
            pieces = _split_header(cell.text) if cell.key is None and opts["split_headers"] else [cell.text]
            for piece in pieces:
                doc.put(opts["cell_indent"])  # seed 004 prefixes every cell line with a tab
                if cell.key is not None:
                    doc.value(cell)
                    doc.end()
                else:
                    doc.line(piece)
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
    for row in table.rows:
        header_row = all(cell.key is None for cell in row)
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
                doc.value(cell)
                doc.put({"": "", "span": "</span>", "p": "</p>"}[wrap])
                doc.put(f"</{cell_tag}>")
            else:
                doc.put(f"<{cell_tag}{attrs}>{_html_label(cell.text, opts, draw)}</{cell_tag}>")
            end_row()
        doc.put(f"</{tag('tr')}>")
        end()
    doc.put(f"</{tag('tbody')}>")
    end()
    doc.put(f"</{tag('table')}>")
    doc.end()


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


def _sentences(draw, pool: tuple[str, ...], **fmt: Any) -> list[str]:
    chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique=True))
    return [text.format(**fmt) for text in chosen]


# ---------------------------------------------------------------------------
# The strategy
# ---------------------------------------------------------------------------


@st.composite
def report_2021(draw, serialisations: tuple[str, ...] = SERIALISATIONS,
                encodings: tuple[str, ...] = ENCODINGS,
                markdown_grid: bool = True) -> GeneratedReport:
    """A complete, correct era-"2021" report in a random serialisation and encoding.

    ``markdown_grid`` also allows pipe tables written as a full Markdown grid
    (every row as wide as the table, spanned positions as empty cells, e.g.
    ``|一、本年新收…|||0|0|…``); the layout drops those placeholders (FORMATS.md §7).
    """
    year = draw(st.integers(2021, 2026))
    agency = draw(st.sampled_from(AGENCY_PLACES)) + draw(st.sampled_from(AGENCY_BODIES))
    t2 = draw(table2_values())
    t3 = draw(table3_values())
    t4 = draw(table4_values())
    serialisation = draw(st.sampled_from(serialisations))
    encoding = draw(st.sampled_from(encodings))

    opts: dict[str, Any] = {
        "width": draw(st.sampled_from(("half", "full"))),
        "enum_sep": draw(st.sampled_from((".", "、"))),
        "inline_groups": draw(st.booleans()),
        "newline": draw(st.sampled_from(("\n", "\r\n"))),
        "final_newline": draw(st.booleans()),
        "period": draw(st.booleans()),
        # seed 004 indents headings and paragraphs with two ideographic spaces
        "prose_indent": "" if serialisation == "html" else draw(st.sampled_from(("", "\u3000\u3000"))),
    }
    inner = ("", " ") if serialisation == "html" else ("", " ", " \u00a0 ")
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
    else:
        opts["html_layout"] = draw(st.sampled_from(("compact", "spread", "minified")))
        opts["html_th"] = draw(st.booleans())
        opts["html_upper"] = draw(st.booleans())
        opts["html_value_wrap"] = draw(st.sampled_from(("", "span", "p")))
        opts["html_br"] = draw(st.booleans())
        opts["t4_placeholders"] = draw(st.booleans())

    style = _Style(opts["width"], opts["enum_sep"], opts["inner_space"])
    tables = {
        2: _table2(t2, style),
        3: _table3(t3, style, opts["inline_groups"]),
        4: _table4(t4, style, serialisation == "html" and opts["t4_placeholders"]),
    }
    writer = {"pipe": _pipe_table, "tab": _tab_table, "cell_per_line": _cell_lines_table,
              "html": _html_table}[serialisation]

    title = f"{agency}{year}年政府信息公开工作年度报告"
    published = f"发布日期:{year + 1}-01-15 10:00"
    narrative = {
        1: _sentences(draw, _PART1, year=year, agency=agency),
        5: _sentences(draw, _PART5),
        6: _sentences(draw, _PART6),
    }
    if opts["period"]:
        narrative[1].insert(0, f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")

    doc = _Doc()
    is_html = serialisation == "html"
    gap = serialisation == "cell_per_line"  # seed 000: a blank line after every line

    def para(text: str, tag: str = "p", indent: bool = True) -> None:
        if is_html:
            doc.line(f"<{tag}>{_html.escape(text, quote=False)}</{tag}>")
        else:
            doc.line((opts["prose_indent"] if indent else "") + text)
            if gap:
                doc.line()

    if is_html:
        doc.line("<!DOCTYPE html>")
        doc.line(f'<html><head><meta charset="{encoding}"><title>{_html.escape(title)}</title></head>')
        doc.line("<body>")
    para(title, "h1", indent=False)
    para(published, indent=False)
    for part, heading in enumerate(HEADINGS, 1):
        para(heading, "h3")
        for sentence in narrative.get(part, ()):
            para(sentence)
        if part in tables:
            writer(doc, tables[part], opts, draw)
    if is_html:
        doc.line("</body>")
        doc.line("</html>")

    # drop trailing blank lines, then maybe end with a newline
    lines = list(doc.lines)
    while lines and not lines[-1]:
        lines.pop()
    text = opts["newline"].join(lines) + (opts["newline"] if opts["final_newline"] else "")
    cells = dict(doc.cells)
    assert len(cells) == 10 + 25 * 7 + 15, len(cells)

    return GeneratedReport(
        year=year, agency=agency, table2=t2, table3=t3, table4=t4, serialisation=serialisation,
        encoding=encoding, data=text.encode(encoding), suffix=".html" if is_html else ".txt", text=text,
        cells=cells, options=opts,
    )
