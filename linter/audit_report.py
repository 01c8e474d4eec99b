"""What ``xxgk-lint audit`` hands to people: CSV and XLSX for spreadsheets, one HTML file for a leader.

A regulator opens the CSV in Excel on Chinese Windows (hence UTF-8 with a BOM and
Chinese headers), filters the workbook, and forwards the HTML report by mail or
prints it. So the HTML file is self-contained (inline CSS, inline SVG charts, a
little inline JavaScript; nothing fetched), and everything taken from the
reports is escaped: an excerpt is text from the internet and may hold markup.

Finding rows are streamed (there may be millions): the CSV and the workbook
(openpyxl's write-only mode) are written row by row, the HTML report embeds the
first ``max_rows`` and only counts the rest. Totals always come from the audit
summary, never from the rows a format happened to embed. The data model is
described in the audit engine; here rows, units and the summary are plain dicts.
"""
from __future__ import annotations

import csv
import html
import math
import re
from collections import Counter
from contextlib import contextmanager
from datetime import datetime
from typing import IO, Iterable, Iterator

from .errors import ConfigError, os_error_text

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
PROVENANCE_NAMES = {"source": "报告本身", "extraction": "提取问题", "recovered": "恢复读取"}
KIND_NAMES = {"government": "政府", "department": "部门"}
LEVEL_NAMES = {"province": "省级", "prefecture": "市级", "county": "县级", "township": "乡级"}
STATUS_NAMES = {"reported": "已报送", "missing": "缺报", "duplicate": "重复报送",
                "wrong-year": "年度不符", "unlisted": "名单外"}

FINDINGS_HEADERS = ("文件", "地区", "单位", "年度", "行", "列", "页", "严重程度", "规则", "规则名称",
                    "问题说明", "来源", "相关报告", "摘录")
UNITS_HEADERS = ("地区", "单位", "单位类型", "层级", "年度", "状态", "报告文件", "发布日期", "是否逾期",
                 "错误", "警告", "提示")
MISSING_HEADERS = ("地区", "单位", "单位类型", "层级")

# Finding rows the 问题明细 sheet holds below its header (Excel: 1,048,576 rows a sheet).
XLSX_FINDINGS_LIMIT = 1_048_575
# Units the HTML report lists (ranking, missing units); the spreadsheets have all.
HTML_MAX_UNITS = 5000
# Year-on-year changes the HTML chart shows, the largest first.
HTML_MAX_CHANGES = 30

# Excel and LibreOffice run a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters an XLSX (XML) cell cannot hold: C0 controls, lone surrogates, U+FFFE/U+FFFF.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_EXCEL_CELL_CHARS = 32_767
_END = object()


# --------------------------------------------------------------------------
# rows as Chinese cells
# --------------------------------------------------------------------------


def _name(names: dict[str, str], value: object) -> str:
    return "" if value is None else names.get(str(value), str(value))


def _late(value: object) -> str:
    return "" if value is None else ("是" if value else "否")


def finding_cells(row: dict) -> list:
    """A finding row in the order of :data:`FINDINGS_HEADERS` (None for an empty cell)."""
    get = row.get
    return [get("path"), get("region"), get("unit"), get("year"), get("line"), get("column"), get("page"),
            _name(SEVERITY_NAMES, get("severity")), get("code"), get("rule"), get("message"),
            _name(PROVENANCE_NAMES, get("provenance")), get("related"), get("excerpt")]


def unit_cells(unit: dict) -> list:
    """A unit row in the order of :data:`UNITS_HEADERS`."""
    get = unit.get
    return [get("region"), get("unit"), _name(KIND_NAMES, get("kind")), _name(LEVEL_NAMES, get("level")), get("year"),
            _name(STATUS_NAMES, get("status")), "；".join(str(f) for f in get("files") or ()),
            get("published"), _late(get("late")), get("errors", 0), get("warnings", 0), get("infos", 0)]


def missing_cells(unit: dict) -> list:
    return [unit.get("region"), unit.get("unit"), _name(KIND_NAMES, unit.get("kind")),
            _name(LEVEL_NAMES, unit.get("level"))]


def _missing(units: list[dict]) -> list[dict]:
    return [unit for unit in units if unit.get("status") == "missing"]


def _csv_cell(value: object) -> object:
    """Numbers stay numbers (a negative one too); text that a spreadsheet would run
    as a formula gets a leading apostrophe, which Excel shows as plain text."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


@contextmanager
def _output(path: str, encoding: str = "utf-8-sig") -> Iterator[IO[str]]:
    """A text file to write (UTF-8 with a BOM for spreadsheets); a file that cannot be
    written is the user's problem (output directory, disk), said in one Chinese line."""
    try:
        with open(path, "w", encoding=encoding, errors="replace", newline="") as handle:
            yield handle
    except OSError as error:
        raise ConfigError(f"无法写入 {path}：{os_error_text(error)}") from error


# --------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------


def write_findings_csv(rows: Iterable[dict], path: str) -> int:
    """Write one line per finding (streamed); return how many were written."""
    written = 0
    with _output(path) as handle:
        writer = csv.writer(handle)
        writer.writerow(FINDINGS_HEADERS)
        for row in rows:
            writer.writerow([_csv_cell(cell) for cell in finding_cells(row)])
            written += 1
    return written


def write_units_csv(units: list[dict], path: str) -> int:
    """Write one line per unit; return how many were written."""
    with _output(path) as handle:
        writer = csv.writer(handle)
        writer.writerow(UNITS_HEADERS)
        for unit in units:
            writer.writerow([_csv_cell(cell) for cell in unit_cells(unit)])
    return len(units)


# --------------------------------------------------------------------------
# XLSX
# --------------------------------------------------------------------------


def _rule_lines(summary: dict) -> list[tuple[str, dict]]:
    """The rules with findings, most findings first (then by code: deterministic)."""
    by_rule = summary.get("by_rule") or {}
    return sorted(by_rule.items(), key=lambda item: (-int(item[1].get("count") or 0), str(item[0])))


def _overview_lines(summary: dict, findings_note: str | None) -> list[tuple[str, object]]:
    """The summary as (Chinese label, value) lines."""
    get = summary.get
    expected = get("units_expected")
    lines: list[tuple[str, object]] = [
        ("标题", get("title") or "政府信息公开工作年度报告审核"),
        ("年度", get("year")),
        ("单位名单", get("roster") or "未提供"),
        ("生成时间", _when(get("generated"))),
        ("工具版本", f"xxgk-lint {get('tool_version') or ''}".strip()),
        ("文件数", get("files", 0)),
        ("报告数", get("reports", 0)),
        ("跳过的文件（不是报告）", get("skipped", 0)),
        ("未能检查的文件", get("not_checked", 0)),
        ("应报单位", "未提供单位名单" if expected is None else expected),
        ("已报送单位", get("units_reported", 0)),
        ("缺报单位", get("units_missing", 0)),
        ("错误", get("errors", 0)),
        ("警告", get("warnings", 0)),
        ("提示", get("infos", 0)),
        ("运行状态", "运行被中断，结果不完整" if get("interrupted") else "已完成"),
    ]
    if findings_note:
        lines.append(("问题明细", findings_note))
    return lines


def _xlsx_value(value: object) -> object:
    if isinstance(value, str):
        if _XML_ILLEGAL.search(value):
            value = _XML_ILLEGAL.sub("\ufffd", value)
        return value[:_EXCEL_CELL_CHARS]
    if isinstance(value, bool) or not isinstance(value, (int, float, type(None))):
        return str(value)
    return value


def _xlsx_row(sheet, values: list) -> list:
    """Cells for a write-only sheet. Text that starts with ``=`` or reads like an
    error code is stored as text, not as a formula: the workbook is typed, so no
    apostrophe is needed and the cell shows exactly what the report said."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES

    out = []
    for value in values:
        value = _xlsx_value(value)
        if isinstance(value, str) and (value.startswith("=") or value in ERROR_CODES):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            value = cell
        out.append(value)
    return out


def _xlsx_sheet(workbook, title: str, headers: tuple[str, ...], widths: tuple[int, ...]):
    """A write-only sheet with a bold, frozen header row and set column widths
    (both must be set before the first row is written)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    if headers:
        sheet.freeze_panes = "A2"
        bold, fill = Font(bold=True), PatternFill("solid", fgColor="DCE6F1")
        cells = []
        for header in headers:
            cell = WriteOnlyCell(sheet, value=header)
            cell.font, cell.fill = bold, fill
            cells.append(cell)
        sheet.append(cells)
    return sheet


def _autofilter(sheet, columns: int, rows: int) -> None:
    from openpyxl.utils import get_column_letter

    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows + 1}"


def write_xlsx(summary: dict, units: list[dict], rows: Iterable[dict], path: str) -> None:
    """The workbook: 概览, 单位, 问题明细, 缺报单位. Memory stays flat (write-only
    sheets go to temporary files); 问题明细 stops at Excel's row limit and says so."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    # Created in their order in the file; 概览 is filled last, when the findings are counted.
    overview = _xlsx_sheet(workbook, "概览", (), (26, 60, 12, 10))
    units_sheet = _xlsx_sheet(workbook, "单位", UNITS_HEADERS, (12, 30, 9, 9, 7, 10, 50, 12, 9, 7, 7, 7))
    findings = _xlsx_sheet(workbook, "问题明细", FINDINGS_HEADERS,
                           (40, 12, 26, 7, 7, 7, 6, 9, 9, 24, 60, 10, 30, 60))
    missing_sheet = _xlsx_sheet(workbook, "缺报单位", MISSING_HEADERS, (14, 34, 10, 10))

    for unit in units:
        units_sheet.append(_xlsx_row(units_sheet, unit_cells(unit)))
    _autofilter(units_sheet, len(UNITS_HEADERS), len(units))

    missing = _missing(units)
    for unit in missing:
        missing_sheet.append(_xlsx_row(missing_sheet, missing_cells(unit)))
    _autofilter(missing_sheet, len(MISSING_HEADERS), len(missing))

    written, left_out = 0, 0
    limit = max(1, XLSX_FINDINGS_LIMIT)
    iterator = iter(rows)
    for row in iterator:
        if written == limit - 1:
            # One row left: this finding if it is the last, else the note that the rest is elsewhere.
            if next(iterator, _END) is _END:
                findings.append(_xlsx_row(findings, finding_cells(row)))
                written += 1
            else:
                left_out = 2 + sum(1 for _ in iterator)
            break
        findings.append(_xlsx_row(findings, finding_cells(row)))
        written += 1
    note = None
    if left_out:
        note = (f"只列出前 {written:,} 条问题（Excel 工作表行数上限），其余 {left_out:,} 条未列出；"
                f"全部问题见 findings.csv 与 findings.jsonl")
        findings.append([f"（{note}）"])
    _autofilter(findings, len(FINDINGS_HEADERS), written)

    bold = Font(bold=True)
    title = WriteOnlyCell(overview, value=_xlsx_value(summary.get("title") or "政府信息公开工作年度报告审核"))
    title.font = Font(bold=True, size=14)
    overview.append([title])
    for label, value in _overview_lines(summary, note)[1:]:
        label_cell = WriteOnlyCell(overview, value=label)
        label_cell.font = bold
        overview.append([label_cell] + _xlsx_row(overview, [value]))
    overview.append([])
    header = []
    for text in ("规则", "规则名称", "严重程度", "问题数"):
        cell = WriteOnlyCell(overview, value=text)
        cell.font = bold
        header.append(cell)
    overview.append(header)
    for code, rule in _rule_lines(summary):
        overview.append(_xlsx_row(overview, [code, rule.get("name"), _name(SEVERITY_NAMES, rule.get("severity")),
                                             rule.get("count", 0)]))
    try:
        workbook.save(path)
    except OSError as error:
        raise ConfigError(f"无法写入 {path}：{os_error_text(error)}") from error


# --------------------------------------------------------------------------
# HTML: helpers
# --------------------------------------------------------------------------


def _e(value: object) -> str:
    """Escaped text for HTML (element content and quoted attributes alike)."""
    return "" if value is None else html.escape(str(value), quote=True)


def _n(value: object) -> str:
    """A count for people: 12,345; '—' when unknown."""
    if isinstance(value, bool) or value is None:
        return "—"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    return _e(value)


def _int(value: object) -> int:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0


def _when(value: object) -> str:
    """An ISO datetime as ``2024-05-01 10:22`` (shown as given if it is not one)."""
    if not value:
        return ""
    try:
        return datetime.fromisoformat(str(value)).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return str(value)


def _clip(text: str, width_em: float) -> str:
    """Text cut to about ``width_em`` font sizes (a CJK character is one, Latin about half)."""
    used = 0.0
    for index, char in enumerate(text):
        used += 1.0 if ord(char) >= 0x2E80 else 0.58
        if used > width_em:
            return text[: max(index - 1, 0)] + "…"
    return text


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return None if math.isnan(value) or math.isinf(value) else float(value)


_NO_DATA = '<div class="nodata">无数据</div>'


def _ticks(peak: float) -> list[float]:
    """Round gridline values from 0 to at least ``peak`` (peak > 0), at most six."""
    raw = peak / 4
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude * 5 >= peak)
    step = max(step, 1)
    count = math.ceil(peak / step)
    return [step * i for i in range(count + 1)]


def _legend(keys: Iterable[tuple[str, str]]) -> str:
    return ('<div class="legend">' + "".join(f'<span><i class="key {cls}"></i>{_e(label)}</span>'
                                             for cls, label in keys) + "</div>")


# --------------------------------------------------------------------------
# HTML: charts (inline SVG, computed here so the file needs no script to show them)
# --------------------------------------------------------------------------


def _hbar_chart(items: list[tuple[str, list[tuple[int, str, str]]]], label: str,
                tips: list[str] | None = None, label_w: int = 190) -> str:
    """Horizontal (stacked) bars: ``items`` are (label, [(value, css class, segment name)]);
    ``tips`` the full text shown on hover, if not the label."""
    totals = [sum(max(v, 0) for v, _, _ in segments) for _, segments in items]
    peak = max(totals, default=0)
    if peak <= 0:
        return _NO_DATA
    width, value_w, row_h, bar_h, pad = 540, 54, 24, 15, 4
    plot_w = width - label_w - value_w
    height = pad * 2 + row_h * len(items)
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{_e(label)}">']
    for index, ((name, segments), total) in enumerate(zip(items, totals)):
        y = pad + index * row_h
        middle = y + row_h / 2
        tip = tips[index] if tips else name
        parts.append(f'<text class="lbl" x="{label_w - 8}" y="{middle:.1f}" text-anchor="end" '
                     f'dominant-baseline="central"><title>{_e(tip)}</title>{_e(_clip(name, (label_w - 14) / 12))}</text>')
        x = float(label_w)
        for value, cls, segment in segments:
            if value <= 0:
                continue
            bar = value / peak * plot_w
            parts.append(f'<rect class="{cls}" x="{x:.1f}" y="{middle - bar_h / 2:.1f}" width="{max(bar, 1):.1f}" '
                         f'height="{bar_h}" rx="2"><title>{_e(tip)}：{_e(segment)} {value:,}</title></rect>')
            x += bar
        parts.append(f'<text class="val" x="{x + 6:.1f}" y="{middle:.1f}" dominant-baseline="central">'
                     f'{total:,}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _rule_summary(code: str, rule: dict) -> str:
    """A rule's Chinese one-line summary: from the summary if it carries one, else from the
    registry of rules; its name if neither knows it (a rule of a pack, say)."""
    if rule.get("summary"):
        return str(rule["summary"])
    try:
        from .plugins import registry

        found = registry().rule(str(code))
    except Exception:  # the report must not fail because a plugin does
        found = None
    return str(getattr(found, "summary", "") or rule.get("name") or "")


def _rule_chart(summary: dict) -> str:
    items = []
    for code, rule in _rule_lines(summary):
        count = _int(rule.get("count"))
        if count > 0:
            severity = str(rule.get("severity") or "info")
            items.append((f"{code} {_rule_summary(code, rule)}".strip(),
                          [(count, f"f-{severity}", _name(SEVERITY_NAMES, severity))]))
    return _hbar_chart(items, "各规则问题数", label_w=260)


def _ranked(units: list[dict]) -> list[dict]:
    """Units by findings: errors, then warnings, then infos, most first (ties by region and name)."""
    return sorted(units, key=lambda u: (-_int(u.get("errors")), -_int(u.get("warnings")), -_int(u.get("infos")),
                                        str(u.get("region") or ""), str(u.get("unit") or "")))


def _unit_label(unit: dict) -> str:
    region = unit.get("region")
    return f"{unit.get('unit') or '（未识别单位）'}（{region}）" if region else str(unit.get("unit") or "（未识别单位）")


def _unit_chart(units: list[dict]) -> str:
    items, tips = [], []
    for unit in _ranked(units):
        counts = [_int(unit.get(key)) for key in ("errors", "warnings", "infos")]
        if sum(counts) <= 0:
            continue
        items.append((str(unit.get("unit") or "（未识别单位）"),
                      [(counts[0], "f-error", "错误"), (counts[1], "f-warning", "警告"), (counts[2], "f-info", "提示")]))
        tips.append(_unit_label(unit))
        if len(items) == 20:
            break
    if not items:
        return _NO_DATA
    return _legend((("f-error", "错误"), ("f-warning", "警告"), ("f-info", "提示"))) + _hbar_chart(items, "问题最多的单位", tips)


def _day_chart(by_day: dict) -> str:
    """Stacked columns per publication day: on time below, late above."""
    days = [(str(day), _int((value or {}).get("on_time")), _int((value or {}).get("late")))
            for day, value in sorted((by_day or {}).items(), key=lambda item: str(item[0]))]
    peak = max((on + late for _, on, late in days), default=0)
    if peak <= 0:
        return _NO_DATA
    width, left, right, top, bottom, plot_h = 540, 40, 10, 12, 48, 190
    plot_w = width - left - right
    ticks = _ticks(peak)
    scale = plot_h / ticks[-1]
    slot = plot_w / len(days)
    bar_w = min(30.0, slot * 0.7)
    label_every = math.ceil(len(days) / 16)
    rotate = len(days) > 8
    base = top + plot_h
    parts = [f'<svg class="chart" viewBox="0 0 {width} {top + plot_h + bottom}" role="img" aria-label="按日发布情况">']
    for tick in ticks:
        y = base - tick * scale
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="tick" x="{left - 6}" y="{y:.1f}" text-anchor="end" '
                     f'dominant-baseline="central">{tick:,.0f}</text>')
    for index, (day, on_time, late) in enumerate(days):
        x = left + slot * index + (slot - bar_w) / 2
        tip = f"{day}：按时 {on_time:,}，逾期 {late:,}"
        y = float(base)
        for value, cls in ((on_time, "f-ok"), (late, "f-late")):
            if value > 0:
                h = value * scale
                y -= h
                parts.append(f'<rect class="{cls}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}">'
                             f'<title>{_e(tip)}</title></rect>')
        if len(days) <= 24:
            parts.append(f'<text class="val" x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">'
                         f'{on_time + late:,}</text>')
        if index % label_every == 0:
            short = day[5:] if len(day) == 10 else day
            cx, ly = x + bar_w / 2, base + 14
            turn = f' transform="rotate(-40 {cx:.1f} {ly})"' if rotate else ""
            anchor = "end" if rotate else "middle"
            parts.append(f'<text class="tick" x="{cx:.1f}" y="{ly}" text-anchor="{anchor}"{turn}>'
                         f'<title>{_e(day)}</title>{_e(short)}</text>')
    parts.append(f'<line class="axis" x1="{left}" x2="{width - right}" y1="{base}" y2="{base}"/></svg>')
    return _legend((("f-ok", "按时发布"), ("f-late", "逾期发布"))) + "".join(parts)


def _changes(year_on_year: list) -> list[tuple[str, str, str, float, float, float]]:
    """(unit, region, metric, last, this, relative change) with numbers on both sides, largest change first."""
    changes = []
    for item in year_on_year or ():
        if not isinstance(item, dict):
            continue
        last, this = _number(item.get("last")), _number(item.get("this"))
        if last is None or this is None:
            continue
        relative = (this - last) / abs(last) if last else (math.inf if this else 0.0)
        changes.append((str(item.get("unit") or ""), str(item.get("region") or ""), str(item.get("metric") or ""),
                        last, this, relative))
    changes.sort(key=lambda c: (-abs(c[5]), c[1], c[0], c[2]))
    return changes


def _change_text(last: float, this: float, relative: float) -> str:
    delta = this - last
    if delta == 0:
        return "持平"
    sign = "+" if delta > 0 else "−"
    percent = "新增" if math.isinf(relative) else f"{sign}{abs(relative) * 100:.1f}%"
    amount = abs(delta)
    amount_text = f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"
    return f"{'▲' if delta > 0 else '▼'} {sign}{amount_text}（{percent}）"


def _yoy_chart(year_on_year: list) -> str:
    """Paired bars per (unit, metric): last year grey above, this year blue below, each row on its own scale
    (metrics differ by orders of magnitude); the change written beside."""
    changes = _changes(year_on_year)
    if not changes:
        return _NO_DATA
    shown = changes[:HTML_MAX_CHANGES]
    width, label_w, bars_w, row_h, pad = 540, 176, 110, 38, 4
    height = pad * 2 + row_h * len(shown)
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="同比变化">']
    for index, (unit, region, metric, last, this, relative) in enumerate(shown):
        y = pad + index * row_h
        peak = max(abs(last), abs(this))
        # Two lines on the left: the metric (what changed), then the unit (whose).
        parts.append(f'<g><title>{_e(region)} {_e(unit)}：{_e(metric)}</title>'
                     f'<text class="lbl" x="0" y="{y + 13}">{_e(_clip(metric, 14))}</text>'
                     f'<text class="sub" x="0" y="{y + 29}">{_e(_clip(unit, 15.5))}</text></g>')
        for offset, value, cls in ((8, last, "f-last"), (21, this, "f-this")):
            bar = abs(value) / peak * bars_w if peak else 0.0
            parts.append(f'<rect class="{cls}" x="{label_w}" y="{y + offset}" width="{max(bar, 1):.1f}" height="10" '
                         f'rx="1.5"><title>{"上年" if cls == "f-last" else "本年"} {_n(value)}</title></rect>')
        down = this < last
        parts.append(f'<text class="val" x="{label_w + bars_w + 10}" y="{y + row_h / 2:.1f}" '
                     f'dominant-baseline="central">{_n(last)} → {_n(this)}</text>'
                     f'<text class="chg{" down" if down else ""}" x="{width - 2}" y="{y + row_h / 2:.1f}" '
                     f'text-anchor="end" dominant-baseline="central">{_e(_change_text(last, this, relative))}</text>')
    parts.append("</svg>")
    note = ""
    if len(changes) > len(shown):
        note = f'<p class="note">按变化幅度列出前 {len(shown)} 项，共 {len(changes):,} 项。</p>'
    return _legend((("f-last", "上年"), ("f-this", "本年"))) + "".join(parts) + note


# --------------------------------------------------------------------------
# HTML: sections
# --------------------------------------------------------------------------


def _card(label: str, value: object, cls: str = "", note: str = "") -> str:
    sub = f'<div class="sub">{note}</div>' if note else ""
    return f'<div class="card {cls}"><div class="label">{_e(label)}</div><div class="big">{_n(value)}</div>{sub}</div>'


def _cards(summary: dict) -> str:
    get = summary.get
    expected = get("units_expected")
    missing = _int(get("units_missing"))
    extra = []
    if _int(get("skipped")):
        extra.append(f"跳过 {_n(_int(get('skipped')))} 个非报告文件")
    if _int(get("not_checked")):
        extra.append(f"{_n(_int(get('not_checked')))} 个未能检查")
    cards = [
        _card("文件", _int(get("files")), "c-neutral", "；".join(extra)),
        _card("报告", _int(get("reports")), "c-neutral"),
        _card("应报单位", expected if isinstance(expected, int) else None, "c-neutral",
              "" if isinstance(expected, int) else "未提供单位名单"),
        _card("已报送单位", _int(get("units_reported")), "c-ok"),
        _card("缺报单位", missing, "c-error" if missing else "c-ok"),
        _card("错误", _int(get("errors")), "c-error"),
        _card("警告", _int(get("warnings")), "c-warning"),
        _card("提示", _int(get("infos")), "c-info"),
    ]
    return '<div class="cards">' + "".join(cards) + "</div>"


def _badge(kind: str, text: str) -> str:
    return f'<span class="badge {kind}">{_e(text)}</span>'


_STATUS_BADGES = {"reported": "b-ok", "missing": "b-error", "duplicate": "b-warning", "wrong-year": "b-warning",
                  "unlisted": "b-muted"}


def _count_cell(value: object, cls: str) -> str:
    count = _int(value)
    return f'<td class="num {cls if count else "zero"}">{count:,}</td>'


def _units_section(units: list[dict]) -> str:
    statuses = Counter(str(u.get("status")) for u in units)
    tally = " · ".join(f"{_e(_name(STATUS_NAMES, status))} {count:,}"
                       for status, count in sorted(statuses.items(), key=lambda s: (-s[1], s[0])))
    if not units:
        return '<p class="empty">没有单位。</p>'
    ranked = _ranked(units)
    shown = ranked[:HTML_MAX_UNITS]
    lines = []
    for rank, unit in enumerate(shown, 1):
        files = unit.get("files") or []
        file_list = "".join(f'<div class="path">{_e(f)}</div>' for f in files[:5])
        if len(files) > 5:
            file_list += f'<div class="path">……共 {len(files)} 个文件</div>'
        late = unit.get("late")
        late_cell = "" if late is None else (_badge("b-error", "逾期") if late else "按时")
        status = str(unit.get("status"))
        lines.append(
            f"<tr><td class=\"num\">{rank}</td><td>{_e(unit.get('region'))}</td>"
            f"<td><div class=\"unit\">{_e(unit.get('unit'))}</div>{file_list}</td>"
            f"<td>{_e(_name(KIND_NAMES, unit.get('kind')))}</td><td>{_e(_name(LEVEL_NAMES, unit.get('level')))}</td>"
            f"<td>{_badge(_STATUS_BADGES.get(status, 'b-muted'), _name(STATUS_NAMES, status))}</td>"
            f"<td class=\"nowrap\">{_e(unit.get('published'))}</td><td>{late_cell}</td>"
            f"{_count_cell(unit.get('errors'), 'sev-error')}{_count_cell(unit.get('warnings'), 'sev-warning')}"
            f"{_count_cell(unit.get('infos'), 'sev-info')}</tr>")
    note = ""
    if len(ranked) > len(shown):
        note = (f'<p class="note">只列出前 {len(shown):,} 个单位，其余 {len(ranked) - len(shown):,} 个见 '
                f'units.csv 与 audit.xlsx。</p>')
    return (f'<p class="tally">{tally}</p><div class="scroll"><table class="data">'
            "<thead><tr><th class=\"num\">排名</th><th>地区</th><th>单位</th><th>类型</th><th>层级</th><th>状态</th>"
            "<th>发布日期</th><th>逾期</th><th class=\"num\">错误</th><th class=\"num\">警告</th>"
            f"<th class=\"num\">提示</th></tr></thead><tbody>{''.join(lines)}</tbody></table></div>{note}")


def _rules_section(summary: dict) -> str:
    lines = _rule_lines(summary)
    total = sum(_int(rule.get("count")) for _, rule in lines)
    if not lines or total <= 0:
        return '<p class="empty">没有发现问题。</p>'
    body = []
    for code, rule in lines:
        count = _int(rule.get("count"))
        share = count / total * 100
        severity = str(rule.get("severity") or "")
        body.append(f"<tr><td class=\"code\">{_e(code)}</td><td>{_e(rule.get('name'))}</td>"
                    f"<td>{_e(_rule_summary(code, rule))}</td>"
                    f"<td>{_badge('b-' + severity if severity in SEVERITY_NAMES else 'b-muted', _name(SEVERITY_NAMES, severity))}</td>"
                    f"<td class=\"num\">{count:,}</td><td class=\"share\"><span class=\"meter\">"
                    f"<span class=\"f-{_e(severity)}\" style=\"width:{share:.1f}%\"></span></span>{share:.1f}%</td></tr>")
    return ('<div class="scroll"><table class="data"><thead><tr><th>规则</th><th>规则名称</th><th>说明</th>'
            f'<th>严重程度</th><th class="num">问题数</th><th>占比</th></tr></thead><tbody>{"".join(body)}</tbody></table></div>')


def _missing_section(summary: dict, units: list[dict]) -> str:
    missing = _missing(units)
    if not missing:
        if summary.get("units_expected") is None and not summary.get("roster"):
            return '<p class="empty">未提供单位名单，无法判断哪些单位缺报。</p>'
        return '<p class="empty">名单中的单位都已报送。</p>'
    missing.sort(key=lambda u: (str(u.get("region") or ""), str(u.get("unit") or "")))
    shown = missing[:HTML_MAX_UNITS]
    body = "".join(f"<tr><td>{_e(u.get('region'))}</td><td class=\"unit\">{_e(u.get('unit'))}</td>"
                   f"<td>{_e(_name(KIND_NAMES, u.get('kind')))}</td><td>{_e(_name(LEVEL_NAMES, u.get('level')))}</td></tr>" for u in shown)
    note = ""
    if len(missing) > len(shown):
        note = f'<p class="note">只列出前 {len(shown):,} 个，其余 {len(missing) - len(shown):,} 个见 audit.xlsx。</p>'
    return ('<div class="scroll"><table class="data missing"><thead><tr><th>地区</th><th>单位</th><th>类型</th>'
            f'<th>层级</th></tr></thead><tbody>{body}</tbody></table></div>{note}')


def _finding_row(index: int, row: dict) -> str:
    severity = str(row.get("severity") or "")
    code = str(row.get("code") or "")
    where = [f"第{_int(row.get('line'))}行"]
    if row.get("column"):
        where.append(f"第{_int(row.get('column'))}列")
    if row.get("page"):
        where.insert(0, f"第{_int(row.get('page'))}页")
    details = ""
    if row.get("excerpt"):
        details = f'<details><summary>摘录</summary><pre>{_e(row.get("excerpt"))}</pre></details>'
    related = f'<div class="related">相关报告：<span class="path">{_e(row.get("related"))}</span></div>' \
        if row.get("related") else ""
    unit = _e(row.get("unit") or "")
    region = f'<div class="muted">{_e(row.get("region"))}</div>' if row.get("region") else ""
    return (f'<tr data-sev="{_e(severity)}" data-rule="{_e(code)}"><td class="num">{index}</td>'
            f'<td>{_badge("b-" + severity if severity in SEVERITY_NAMES else "b-muted", _name(SEVERITY_NAMES, severity))}</td>'
            f'<td><div class="code">{_e(code)}</div><div class="muted">{_e(row.get("rule"))}</div></td>'
            f'<td class="msg">{_e(row.get("message"))}{related}{details}</td>'
            f'<td><div class="path">{_e(row.get("path"))}</div><div class="muted">{"，".join(where)}</div></td>'
            f'<td><div>{unit}</div>{region}</td>'
            f'<td class="nowrap">{_e(_name(PROVENANCE_NAMES, row.get("provenance")))}</td></tr>')


def _findings_section(summary: dict, rows: Iterable[dict], max_rows: int) -> list[str]:
    """The section's HTML in pieces, a table row each (written one after the
    other: the page holds up to 5,000 rows with their excerpts)."""
    body, codes = [], set()
    iterator = iter(rows)
    for row in iterator:
        if len(body) >= max_rows:
            left_out = 1 + sum(1 for _ in iterator)
            break
        body.append(_finding_row(len(body) + 1, row))
        codes.add(str(row.get("code") or ""))
    else:
        left_out = 0
    if not body and not left_out:
        return ['<p class="empty">没有发现问题。</p>']
    names = {str(code): rule.get("name") for code, rule in (summary.get("by_rule") or {}).items()}
    options = "".join(f'<option value="{_e(code)}">{_e(code)} {_e(names.get(code) or "")}</option>'
                      for code in sorted(codes | set(names)) if code)
    note = ""
    if left_out:
        note = (f'<p class="note warn">本页只列出前 {len(body):,} 条问题，另有 {left_out:,} 条未列出；'
                f'findings.csv 与 audit.xlsx 中有全部问题。下面的筛选只作用于已列出的问题。</p>')
    head = (f"{note}"
            '<div class="filters"><input id="f-text" type="search" placeholder="筛选：单位、文件、问题说明、摘录……" '
            'aria-label="文本筛选"><select id="f-sev" aria-label="严重程度"><option value="">全部严重程度</option>'
            '<option value="error">错误</option><option value="warning">警告</option><option value="info">提示</option>'
            f'</select><select id="f-rule" aria-label="规则"><option value="">全部规则</option>{options}</select>'
            f'<span id="f-count" class="muted">共 {len(body):,} 条</span></div>'
            '<div class="scroll"><table class="data findings" id="findings-table"><thead><tr><th class="num">#</th>'
            '<th>严重程度</th><th>规则</th><th>问题说明</th><th>文件与位置</th><th>单位</th><th>来源</th></tr></thead>'
            '<tbody>')
    return [head, *body, "</tbody></table></div>"]


# --------------------------------------------------------------------------
# HTML: the page
# --------------------------------------------------------------------------


_CSS = """
:root{--ink:#1d2733;--muted:#637282;--line:#e1e6ec;--bg:#f3f5f8;--panel:#fff;--head:#16324f;--accent:#b3261e;
--error:#c62828;--error-bg:#fdecea;--warning:#e06c00;--warning-bg:#fff3e0;--info:#1565c0;--info-bg:#e8f0fb;
--ok:#2e7d32;--ok-bg:#e8f5e9}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.6 -apple-system,BlinkMacSystemFont,"Segoe UI",
"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",
"Helvetica Neue",Arial,sans-serif;font-variant-numeric:tabular-nums}
.wrap{max-width:1200px;margin:0 auto;padding:0 28px}
header.masthead{background:var(--head);color:#fff;border-bottom:4px solid var(--accent);padding:26px 0 0}
.kicker{font-size:13px;letter-spacing:.12em;color:#b8c7d9}
h1{margin:4px 0 10px;font-size:26px;font-weight:700;letter-spacing:.02em;line-height:1.35}
.meta{display:flex;flex-wrap:wrap;gap:6px 24px;font-size:13px;color:#d5dfeb}
.meta b{color:#fff;font-weight:600}
nav{display:flex;flex-wrap:wrap;gap:4px;margin-top:18px}
nav a{color:#d5dfeb;text-decoration:none;padding:8px 14px;border-radius:6px 6px 0 0;font-size:14px}
nav a:hover{background:rgba(255,255,255,.1);color:#fff}
main{padding:8px 0 40px}
section{margin-top:30px}
h2{font-size:19px;margin:0 0 12px;padding-left:10px;border-left:4px solid var(--accent);line-height:1.3}
h3{font-size:15px;margin:0 0 4px}
.banner{margin-top:22px;padding:14px 18px;border-radius:8px;background:var(--warning-bg);border:1px solid #f4b36b;
color:#7a3a00;font-weight:600}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:14px}
.card{background:var(--panel);border:1px solid var(--line);border-top:4px solid #90a4b8;border-radius:8px;
padding:12px 16px 14px;break-inside:avoid}
.card .label{font-size:13px;color:var(--muted)}
.card .big{font-size:30px;font-weight:700;line-height:1.25;margin-top:2px}
.card .sub{font-size:12px;color:var(--muted)}
.c-error{border-top-color:var(--error)}.c-error .big{color:var(--error)}
.c-warning{border-top-color:var(--warning)}.c-warning .big{color:var(--warning)}
.c-info{border-top-color:var(--info)}.c-info .big{color:var(--info)}
.c-ok{border-top-color:var(--ok)}
.panels{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:16px 18px;break-inside:avoid;
min-width:0}
.panel .hint{font-size:12px;color:var(--muted);margin:0 0 8px}
svg.chart{display:block;width:100%;height:auto;overflow:visible}
svg .lbl{font-size:12px;fill:var(--ink)}
svg .val{font-size:11.5px;fill:var(--muted)}
svg .tick{font-size:11px;fill:var(--muted)}
svg .sub{font-size:11px;fill:var(--muted)}
svg .chg{font-size:11.5px;fill:var(--ok);font-weight:600}
svg .chg.down{fill:var(--warning)}
svg .grid{stroke:#e8ecf1;stroke-width:1}
svg .axis{stroke:#9aa7b5;stroke-width:1}
.f-error{fill:var(--error);background:var(--error)}
.f-warning{fill:var(--warning);background:var(--warning)}
.f-info{fill:var(--info);background:var(--info)}
.f-ok{fill:#4f9a59;background:#4f9a59}
.f-late{fill:var(--error);background:var(--error)}
.f-last{fill:#a9b4c0;background:#a9b4c0}
.f-this{fill:var(--info);background:var(--info)}
.legend{display:flex;gap:16px;font-size:12px;color:var(--muted);margin:0 0 6px}
.legend span{display:inline-flex;align-items:center;gap:5px}
.key{display:inline-block;width:11px;height:11px;border-radius:2px}
.nodata{display:flex;align-items:center;justify-content:center;height:120px;color:var(--muted);
background:repeating-linear-gradient(45deg,#fafbfc,#fafbfc 8px,#f3f5f8 8px,#f3f5f8 16px);border-radius:6px}
.scroll{overflow-x:auto;background:var(--panel);border:1px solid var(--line);border-radius:8px}
table.data{width:100%;border-collapse:collapse;font-size:13px}
table.data th{background:#eaeff5;color:#3a4a5c;font-weight:600;text-align:left;padding:8px 10px;
border-bottom:1px solid #d3dbe4;white-space:nowrap;position:sticky;top:0}
table.data td{padding:7px 10px;border-bottom:1px solid #edf0f4;vertical-align:top}
table.data tbody tr:nth-child(even){background:#f8fafc}
table.data tbody tr:hover{background:#eef4fb}
tr[hidden]{display:none}
.num{text-align:right;white-space:nowrap}
.nowrap{white-space:nowrap}
td.zero{color:#b3bcc6}
td.sev-error{color:var(--error);font-weight:700}
td.sev-warning{color:var(--warning);font-weight:600}
td.sev-info{color:var(--info)}
.unit{font-weight:600}
.code{font-family:"SFMono-Regular",Consolas,"Liberation Mono",Menlo,monospace;font-size:12.5px;font-weight:600}
.path{font-family:"SFMono-Regular",Consolas,"Liberation Mono",Menlo,"Noto Sans CJK SC",monospace;font-size:12px;
color:#4a5a6b;overflow-wrap:anywhere}
.muted{color:var(--muted);font-size:12px}
.msg{min-width:280px;max-width:520px}
.related{margin-top:3px;font-size:12px;color:var(--muted)}
details{margin-top:4px}
summary{cursor:pointer;color:var(--info);font-size:12px}
pre{white-space:pre-wrap;word-break:break-word;margin:6px 0 2px;padding:8px 10px;background:#f6f8fa;
border-left:3px solid #c9d3de;border-radius:4px;font:12px/1.55 "SFMono-Regular",Consolas,"Noto Sans CJK SC",monospace}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;white-space:nowrap;font-weight:600}
.b-error{background:var(--error-bg);color:var(--error)}
.b-warning{background:var(--warning-bg);color:#b35300}
.b-info{background:var(--info-bg);color:var(--info)}
.b-ok{background:var(--ok-bg);color:var(--ok)}
.b-muted{background:#eceff3;color:var(--muted)}
.tally{margin:0 0 8px;color:var(--muted);font-size:13px}
.share{white-space:nowrap;font-size:12px;color:var(--muted)}
.meter{display:inline-block;vertical-align:middle;width:120px;height:8px;background:#edf0f4;border-radius:4px;
margin-right:8px;overflow:hidden}
.meter span{display:block;height:100%}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:0 0 10px}
.filters input,.filters select{font:inherit;font-size:13px;padding:6px 10px;border:1px solid #c9d3de;border-radius:6px;
background:#fff;color:var(--ink)}
.filters input{flex:1 1 280px}
.note{font-size:13px;color:var(--muted);margin:8px 0}
.note.warn{background:var(--warning-bg);color:#7a3a00;padding:8px 12px;border-radius:6px}
.empty{padding:18px;background:var(--panel);border:1px dashed #cfd8e2;border-radius:8px;color:var(--muted);margin:0}
footer{border-top:1px solid var(--line);padding:16px 0 30px;color:var(--muted);font-size:12px}
@media (max-width:900px){.cards{grid-template-columns:repeat(2,1fr)}.panels{grid-template-columns:1fr}}
@media print{
@page{size:A4;margin:14mm}
body{background:#fff;font-size:11pt}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.wrap{max-width:none;padding:0}
header.masthead{padding:12px 16px 14px}
nav,.filters{display:none}
.cards{grid-template-columns:repeat(4,1fr)}
.panels{grid-template-columns:1fr 1fr}
.scroll{overflow:visible;border:none}
table.data th{position:static}
tr{break-inside:avoid}
h2{break-after:avoid}
}
"""

_SCRIPT = """
(function(){
var text=document.getElementById('f-text'),sev=document.getElementById('f-sev'),
rule=document.getElementById('f-rule'),count=document.getElementById('f-count');
if(!text)return;
var rows=[].slice.call(document.querySelectorAll('#findings-table tbody tr'));
var hay=rows.map(function(tr){return tr.textContent.toLowerCase();});
function apply(){
var q=text.value.trim().toLowerCase(),s=sev.value,r=rule.value,shown=0;
rows.forEach(function(tr,i){
var ok=(!s||tr.getAttribute('data-sev')===s)&&(!r||tr.getAttribute('data-rule')===r)&&(!q||hay[i].indexOf(q)>=0);
tr.hidden=!ok;if(ok)shown++;});
count.textContent='显示 '+shown.toLocaleString()+' / '+rows.length.toLocaleString()+' 条';}
text.addEventListener('input',apply);sev.addEventListener('change',apply);rule.addEventListener('change',apply);
apply();
var opened=[];
window.addEventListener('beforeprint',function(){
opened=[].slice.call(document.querySelectorAll('details:not([open])'));
opened.forEach(function(d){d.open=true;});});
window.addEventListener('afterprint',function(){opened.forEach(function(d){d.open=false;});});
})();
"""


def _panel(title: str, hint: str, body: str) -> str:
    return f'<div class="panel"><h3>{_e(title)}</h3><p class="hint">{_e(hint)}</p>{body}</div>'


def write_html(summary: dict, units: list[dict], rows: Iterable[dict], path: str, max_rows: int = 5000) -> None:
    """One self-contained HTML audit report (nothing fetched; opens offline, prints on A4)."""
    title = str(summary.get("title") or "政府信息公开工作年度报告审核")
    version = str(summary.get("tool_version") or "")
    meta = []
    if summary.get("year") is not None:
        meta.append(f"<span>年度 <b>{_e(summary.get('year'))}</b></span>")
    meta.append(f"<span>单位名单 <b>{_e(summary.get('roster') or '未提供')}</b></span>")
    if summary.get("generated"):
        meta.append(f"<span>生成时间 <b>{_e(_when(summary.get('generated')))}</b></span>")
    meta.append(f"<span>工具 <b>xxgk-lint {_e(version)}</b></span>")
    banner = ""
    if summary.get("interrupted"):
        banner = ('<div class="banner" role="alert">⚠ 本次审核运行被中断，以下结果只包含中断前已检查的文件，并不完整。'
                  "请重新运行（可加 --resume 续跑）以得到完整结果。</div>")
    charts = ('<div class="panels">'
              + _panel("各规则问题数", "按问题数从多到少；颜色表示规则的严重程度。", _rule_chart(summary))
              + _panel("问题最多的单位", "前 20 个单位，按错误、警告、提示数排列。",
                       _unit_chart(units))
              + _panel("按日发布情况", "每天发布的报告数：按时与逾期。", _day_chart(summary.get("published_by_day") or {}))
              + _panel("同比变化", "本年与上年报告中同一指标的数值，按变化幅度排列；每行按本行数值缩放。",
                       _yoy_chart(summary.get("year_on_year") or []))
              + "</div>")
    findings = _findings_section(summary, rows, max(0, max_rows))
    head = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="xxgk-lint {_e(version)}">
<title>{_e(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<header class="masthead"><div class="wrap">
<div class="kicker">政府信息公开工作年度报告 · 审核报告</div>
<h1>{_e(title)}</h1>
<div class="meta">{"".join(meta)}</div>
<nav><a href="#overview">概览</a><a href="#charts">图表</a><a href="#units">单位排名</a><a href="#rules">各规则问题</a><a href="#missing">缺报单位</a><a href="#findings">问题明细</a></nav>
</div></header>
<main class="wrap">
{banner}
<section id="overview"><h2>概览</h2>{_cards(summary)}</section>
<section id="charts"><h2>图表</h2>{charts}</section>
<section id="units"><h2>单位排名</h2>{_units_section(units)}</section>
<section id="rules"><h2>各规则问题</h2>{_rules_section(summary)}</section>
<section id="missing"><h2>缺报单位</h2>{_missing_section(summary, units)}</section>
<section id="findings"><h2>问题明细</h2>"""
    tail = f"""</section>
</main>
<footer><div class="wrap">由 xxgk-lint {_e(version)} 生成。本文件不引用任何外部资源，可离线打开、转发和打印；全部问题见同目录的 findings.csv 与 audit.xlsx。</div></footer>
<script>{_SCRIPT}</script>
</body>
</html>
"""
    with _output(path, encoding="utf-8") as handle:
        for piece in (head, *findings, tail):  # (piece by piece: no copy of the whole page is made)
            handle.write(_XML_ILLEGAL.sub("\ufffd", piece) if _XML_ILLEGAL.search(piece) else piece)
