"""Units and regions: who each report is from, and what a roster says is missing.

A regulator audits units (people's governments, departments) in regions, not
files. This module attributes each report to a unit — the agency its title
names, reduced by :func:`unit_key` so that spellings of one unit meet — and to
a region, read from the folder it lies in (:func:`region_of`). A roster file
(:func:`read_roster`) lists the units expected to report; :func:`match_roster`
sets the reports against it and says which units did not report, which reports
match no unit, which unit reported twice and which report is for another year.

Matching is conservative: merging two different units would hide a missing
report, so only equivalences that cannot join two units are applied, and a
name several roster units share is resolved by region or not at all.
"""
from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
import zipfile
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field

from .errors import ConfigError, os_error_text

# ---------------------------------------------------------------------------
# unit names

#: A place's name ends so (省, 自治区, 市, 州, 盟, 地区, 县, 旗, 区, 镇, 乡, 街道).
_PLACE_CHARS = "省市州盟县旗区镇乡"
_PEOPLES_GOVERNMENT = re.compile(rf"(?<=[{_PLACE_CHARS}])人民政府|(?<=街道)人民政府")
_GOVERNMENT_TAIL = re.compile(rf"(?<=[{_PLACE_CHARS}])政府$")
_SUBDISTRICT_TAIL = re.compile(r"(?<=街道)(?:办事处|办)$")
_PREFECTURE_OFFICE_TAIL = re.compile(r"(?:(?<=地区)|(?<=盟))行署$")
#: Zones whose administration (管委会) is the zone's government.
_ZONE_END = re.compile(r"(?:开发区|实验区|示范区|新区|园区|试验区|合作区|保税区|度假区|经济区|自贸区|景区|旅游区)$")
_ZONE_TAIL = "管委会"


def _is_dropped(ch: str) -> bool:
    # Punctuation, spaces, control and format characters, symbols.
    return unicodedata.category(ch)[0] in "PZCS"


def unit_key(name: str | None) -> str:
    """The identity of an agency's name for matching ("" for no name).

    The text is NFKC-normalised (full and half width become one), lower-cased,
    and stripped of whitespace, punctuation (brackets included, keeping what
    they enclose) and symbols. Then these spellings of one unit meet:

    * ``管理委员会`` = ``管委会`` and ``行政公署`` = ``行署`` (abbreviations);
    * a place's ``人民政府`` = its ``政府`` wherever it stands
      (``平潭县人民政府办公室`` = ``平潭县政府办公室``);
    * a place's government = the place: ``平潭县人民政府`` = ``平潭县政府`` =
      ``平潭县``, for names ending in 省 市 州 盟 县 旗 区 镇 乡 街道;
      ``X街道办事处`` = ``X街道办`` = ``X街道``; ``X地区行政公署`` = ``X地区``;
    * a zone's administration = the zone: ``平潭综合实验区管委会`` =
      ``平潭综合实验区管理委员会`` = ``平潭综合实验区`` (开发区, 实验区, 示范区,
      新区, 园区, 试验区, 合作区, 保税区, 度假区, 经济区, 自贸区, 景区, 旅游区).

    Nothing else is merged: an office of a government stays apart from the
    government (``平潭县人民政府办公室`` ≠ ``平潭县人民政府``), ``X区`` ≠
    ``X县``, departments stay as written (``X市教育局``; abbreviations such as
    ``科委`` for ``科学技术委员会`` are for a roster's aliases), and
    ``X县人民政府本级`` stays apart from ``X县`` (a region's summary report and
    its government's own report may both exist).
    """
    if not name:
        return ""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(ch for ch in text if not _is_dropped(ch)).lower()
    text = text.replace("管理委员会", "管委会").replace("行政公署", "行署")
    text = _PEOPLES_GOVERNMENT.sub("政府", text)
    text = _GOVERNMENT_TAIL.sub("", text)
    text = _SUBDISTRICT_TAIL.sub("", text)
    text = _PREFECTURE_OFFICE_TAIL.sub("", text)
    if text.endswith(_ZONE_TAIL) and _ZONE_END.search(text[:-len(_ZONE_TAIL)]):
        text = text[:-len(_ZONE_TAIL)]
    return text


# ---------------------------------------------------------------------------
# regions

_YEAR_ONLY = re.compile(r"^(?:19|20)\d{2}(?:年度?)?$")


def displayable(text: str) -> str:
    """``text`` without surrogate escapes: a name that was not UTF-8 on disk
    (often GBK from a Windows archive) is read as GB18030, else shown with �,
    so that it can be written to CSV, JSON and HTML."""
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    raw = text.encode("utf-8", "surrogateescape") if _only_escapes(text) else None
    if raw is not None:
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            return raw.decode("utf-8", "replace")
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def _only_escapes(text: str) -> bool:
    # Lone surrogates other than U+DC80..U+DCFF cannot be turned back into bytes.
    return not any("\ud800" <= ch <= "\udfff" and not "\udc80" <= ch <= "\udcff" for ch in text)


def _is_year(component: str) -> bool:
    return _YEAR_ONLY.match(unicodedata.normalize("NFKC", component).strip()) is not None


def region_of(path: str, root: str) -> str:
    """The region of the report at ``path`` found under the audit root ``root``:
    the folders between them, less those that are only a year (``2017``,
    ``2017年``, ``2017年度``), joined by ``/``.

    A report directly under the root (or only under year folders) takes the
    root's own name, or that of the nearest folder above it that is not a year
    (``region/2017`` as root gives ``region``); a report outside the root (or
    the root itself, when a file was audited) takes its own folder's name.
    """
    try:
        folder = os.path.dirname(os.path.abspath(path))
        base = os.path.abspath(root)
        try:
            relative = os.path.relpath(folder, base)
        except ValueError:  # another drive (Windows)
            relative = os.pardir
        parts = [] if relative == os.curdir else relative.replace(os.sep, "/").split("/")
        if parts and parts[0] == os.pardir:
            return _folder_name(folder)
        kept = [displayable(part) for part in parts if part and not _is_year(part)]
        return "/".join(kept) if kept else _folder_name(base)
    except (ValueError, TypeError, OSError):  # a NUL byte, a path that is not text
        return ""


def folder_year(path: str, root: str) -> int | None:
    """The year a report's folders say it is for (``…/2017/report.pdf``, ``2017年度``),
    the innermost such folder between ``root`` and the file; None when there is none."""
    try:
        relative = os.path.relpath(os.path.dirname(os.path.abspath(path)), os.path.abspath(root))
    except (ValueError, TypeError):
        return None
    for part in reversed(relative.replace(os.sep, "/").split("/")):
        if part and part != os.pardir and _is_year(part):
            return int(unicodedata.normalize("NFKC", part).strip()[:4])
    return None


def _folder_name(folder: str) -> str:
    while True:
        name = os.path.basename(folder)
        if not name:
            return ""
        if not _is_year(name):
            return displayable(name)
        folder = os.path.dirname(folder)


def _region_parts(region: str) -> tuple[str, ...]:
    """A region as comparable components (a roster may write ``福建／平潭`` or ``福建\\平潭``)."""
    text = unicodedata.normalize("NFKC", region or "").replace("\\", "/")
    parts = ("".join(ch for ch in part if not ch.isspace()) for part in text.split("/"))
    return tuple(part for part in parts if part and not _is_year(part))


# ---------------------------------------------------------------------------
# rosters

#: Most data rows a roster may have, most bytes its file may have, and most
#: bytes an XLSX package may inflate to (a zip bomb stops here).
MAX_ROWS = 200_000
MAX_BYTES = 100 * 1024 * 1024
MAX_INFLATED = 256 * 1024 * 1024
#: Columns read from a spreadsheet row (a sheet claiming 16,384 is not padded out).
MAX_COLUMNS = 64
#: Rows an XLSX sheet may span, empty ones included (Excel's own limit).
MAX_SHEET_ROWS = 1_048_576


@dataclass
class RosterUnit:
    """One unit a roster expects a report from; ``line`` is its row in the file."""

    unit: str
    key: str
    region: str
    kind: str | None
    level: str | None
    parent: str | None
    aliases: tuple[str, ...]
    line: int


def _header_word(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\([^()]*\)", "", text)  # 单位名称（必填）
    return "".join(ch for ch in text if not _is_dropped(ch)).lower()


#: Header names of each column, matched after :func:`_header_word`.
_COLUMNS = {
    "unit": ("单位", "单位名称", "单位全称", "机关名称", "机构名称", "名称", "unit", "unitname", "name"),
    "region": ("地区", "区域", "行政区", "行政区划", "所属地区", "所在地区", "region", "area"),
    "kind": ("类型", "单位类型", "类别", "kind", "type"),
    "level": ("层级", "级别", "行政级别", "单位层级", "level"),
    "parent": ("上级", "上级单位", "上级机关", "主管单位", "parent"),
    "aliases": ("别名", "简称", "其他名称", "曾用名", "aliases", "alias"),
}
_COLUMN_OF = {word: column for column, words in _COLUMNS.items() for word in words}

_KINDS = {"政府": "government", "人民政府": "government", "government": "government", "gov": "government",
          "部门": "department", "department": "department", "dept": "department"}
_LEVELS = {
    "province": "province", "provincial": "province", "省": "province", "省级": "province",
    "prefecture": "prefecture", "city": "prefecture", "市": "prefecture", "市级": "prefecture",
    "地市": "prefecture", "地级": "prefecture", "地市级": "prefecture", "地级市": "prefecture",
    "county": "county", "district": "county", "县": "county", "县级": "county", "区县": "county",
    "县区": "county", "县区级": "county", "区县级": "county",
    "township": "township", "town": "township", "乡": "township", "乡级": "township", "镇": "township",
    "乡镇": "township", "乡镇级": "township", "街道": "township", "乡镇街道": "township",
}
_CSV_SUFFIXES = (".csv", ".tsv", ".txt", "")
_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_ALIAS_SEPARATORS = re.compile(r"[;；、|｜]")


def read_roster(path: str) -> list[RosterUnit]:
    """The units of a roster file: CSV (UTF-8 with or without BOM, UTF-16 with
    BOM, else GB18030; comma or tab separated) or XLSX (the sheet named 名单 or
    roster, else the first). The first non-empty row names the columns; see
    :data:`_COLUMNS`. A blank kind or level is read from the unit's name as
    :mod:`linter.meta` reads a report's agency. Raise :class:`ConfigError`
    naming the file and the line for anything that cannot be used."""
    shown = displayable(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise ConfigError(f"{shown}：无法读取名单文件：{os_error_text(error)}") from None
    if len(data) > MAX_BYTES:
        raise ConfigError(f"{shown}：名单文件超过 {MAX_BYTES // (1024 * 1024)} MB，未读取")
    suffix = os.path.splitext(path)[1].lower()
    if data.startswith(b"PK\x03\x04") and suffix in _XLSX_SUFFIXES + _CSV_SUFFIXES:
        rows = _xlsx_rows(data, shown)
    elif suffix in _CSV_SUFFIXES and not data.startswith(b"\xd0\xcf\x11\xe0"):  # not an old .xls renamed
        rows = _csv_rows(data, shown)
    else:
        raise ConfigError(f"{shown}：不是 CSV 或 XLSX 格式的名单；请在表格软件中另存为 .xlsx 或 .csv 后再用")
    with closing(rows):
        return _units(rows, shown)


def _csv_rows(data: bytes, shown: str):
    """(line, cells) of each record of a CSV file, the line where the record starts."""
    if b"\x00" in data and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ConfigError(f"{shown}：不是 CSV 或 XLSX 格式的名单（含有二进制内容）；请另存为 .xlsx 或 .csv 后再用")
    text = _decoded(data, shown)
    if "\x00" in text or any(unicodedata.category(ch) == "Cc" and ch not in "\t\r\n" for ch in text[:4096]):
        raise ConfigError(f"{shown}：不是 CSV 或 XLSX 格式的名单（含有二进制内容）；请另存为 .xlsx 或 .csv 后再用")
    first = next((line for line in io.StringIO(text) if line.strip()), "")
    delimiter = "\t" if first.count("\t") and first.count("\t") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ConfigError(f"{shown}：第 {line} 行：CSV 格式错误（{error}）") from None
        yield line, cells
        line = reader.line_num + 1


def _decoded(data: bytes, shown: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ConfigError(f"{shown}：名单文件既不是 UTF-8 也不是 GB18030 编码的文本，无法读取")


def _xlsx_rows(data: bytes, shown: str):
    """(row number, cells) of each row of the roster sheet of an XLSX workbook."""
    _check_package(data, shown)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # a hostile package may raise anything openpyxl meets
        raise ConfigError(f"{shown}：XLSX 文件无法读取（{type(error).__name__}）；请确认它是 Excel 工作簿") from None
    try:
        sheets = book.worksheets
        if not sheets:
            raise ConfigError(f"{shown}：XLSX 文件中没有工作表")
        named = [sheet for sheet in sheets if sheet.title.strip().lower() in ("名单", "roster")]
        sheet = (named or sheets)[0]
        try:
            sheet.reset_dimensions()  # a writer's <dimension> may be wrong: too small would drop rows
            for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
                if number > MAX_SHEET_ROWS:
                    raise ConfigError(f"{shown}：工作表“{sheet.title}”超过 {MAX_SHEET_ROWS} 行，未读取")
                yield number, ([_cell_text(value) for value in row] if row.count(None) < len(row) else [])
        except ConfigError:
            raise
        except Exception as error:
            raise ConfigError(f"{shown}：XLSX 文件无法读取（{type(error).__name__}）；请确认它是 Excel 工作簿") from None
    finally:
        book.close()


def _check_package(data: bytes, shown: str) -> None:
    """Refuse a package that is not a zip, inflates beyond :data:`MAX_INFLATED`
    (zipfile never inflates a member past its declared size) or declares a DOCTYPE
    (never in Office XML; a way to smuggle entities)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
            if "xl/workbook.xml" not in package.namelist():
                raise ConfigError(f"{shown}：不是 XLSX 格式的名单（压缩包中没有工作簿）；请另存为 .xlsx 或 .csv 后再用")
            if sum(member.file_size for member in members) > MAX_INFLATED:
                raise ConfigError(f"{shown}：XLSX 文件解压后超过 {MAX_INFLATED // (1024 * 1024)} MB，未读取")
            for member in members:
                if member.filename.endswith((".xml", ".rels")) and _declares_doctype(package, member):
                    raise ConfigError(f"{shown}：XLSX 文件中含有 DOCTYPE 声明，未读取")
    except ConfigError:
        raise
    except Exception as error:  # BadZipFile, zlib.error, an unknown compression: a damaged package
        raise ConfigError(f"{shown}：不是有效的 XLSX 文件（{type(error).__name__}）；请另存为 .xlsx 或 .csv 后再用") from None


def _declares_doctype(package: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    tail = b""
    with package.open(member) as stream:
        while chunk := stream.read(1 << 20):
            if b"<!DOCTYPE" in tail + chunk:
                return True
            tail = chunk[-8:]
    return False


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _units(rows, shown: str) -> list[RosterUnit]:
    columns: dict[str, int] | None = None
    units: list[RosterUnit] = []
    seen: dict[tuple[tuple[str, ...], str], tuple[int, str]] = {}  # (region, key) -> (line, unit)
    for line, cells in rows:
        cells = [_clean(cell) for cell in cells]
        if not any(cells):
            continue
        if columns is None:
            columns = _header(cells, shown, line)
            continue
        if len(units) >= MAX_ROWS:
            raise ConfigError(f"{shown}：第 {line} 行：名单超过 {MAX_ROWS} 行，未读取")
        unit = _read_unit(cells, columns, shown, line)
        region = _region_parts(unit.region)
        for key in dict.fromkeys((unit.key, *(unit_key(alias) for alias in unit.aliases))):
            if not key:
                continue
            if (region, key) in seen:
                earlier, name = seen[region, key]
                where = f"地区“{unit.region}”中" if unit.region else ""
                raise ConfigError(f"{shown}：第 {line} 行：“{unit.unit}”与第 {earlier} 行的“{name}”"
                                  f"是{where}同一个单位，名单中重复列出")
            seen[region, key] = (line, unit.unit)
        units.append(unit)
    if columns is None:
        raise ConfigError(f"{shown}：名单文件是空的")
    return units


def _clean(cell: str) -> str:
    # Spaces at the ends and control characters (a line break inside a cell) go.
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in cell).strip().strip("\ufeff").strip()


def _header(cells: list[str], shown: str, line: int) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        column = _COLUMN_OF.get(_header_word(cell))
        if column is not None and column not in columns:  # the first of two same-named columns
            columns[column] = index
    if "unit" not in columns:
        found = "、".join(f"“{cell}”" for cell in cells if cell)[:200]
        raise ConfigError(f"{shown}：第 {line} 行：表头中没有单位名称列（应为“单位”“单位名称”或 unit、name；"
                          f"表头为 {found}）")
    return columns


def _read_unit(cells: list[str], columns: dict[str, int], shown: str, line: int) -> RosterUnit:
    from .meta import agency_kind, agency_level

    def cell(column: str) -> str:
        index = columns.get(column)
        return cells[index] if index is not None and index < len(cells) else ""

    name = cell("unit")
    if not name:
        raise ConfigError(f"{shown}：第 {line} 行：单位名称为空")
    key = unit_key(name)
    if not key:
        raise ConfigError(f"{shown}：第 {line} 行：单位名称“{name}”中没有文字")
    kind = _coded(cell("kind"), _KINDS, "类型", "政府、部门（government、department）", shown, line)
    level = _coded(cell("level"), _LEVELS, "层级", "省、市、县、乡（province、prefecture、county、township）",
                   shown, line)
    if kind is None:
        kind = agency_kind(name)
    if level is None and kind == "government":
        level = agency_level(name)
    aliases = tuple(dict.fromkeys(a.strip() for a in _ALIAS_SEPARATORS.split(cell("aliases")) if a.strip()))
    return RosterUnit(unit=name, key=key, region=cell("region"), kind=kind, level=level,
                      parent=cell("parent") or None, aliases=aliases, line=line)


def _coded(value: str, codes: dict[str, str], label: str, known: str, shown: str, line: int) -> str | None:
    if not value:
        return None
    code = codes.get(_header_word(value))
    if code is None:
        raise ConfigError(f"{shown}：第 {line} 行：{label}“{value}”无法识别（可用：{known}）")
    return code


# ---------------------------------------------------------------------------
# the audit of a roster


@dataclass
class ReportIdentity:
    """What an audit knows of one report it read: its agency (``unit``), region, year."""

    path: str
    unit: str | None
    region: str
    year: int | None
    kind: str | None
    level: str | None


@dataclass
class RosterAudit:
    """Unit rows (roster units first, in roster order, then units found only in
    reports by region and name; errors/warnings/infos 0 and published/late None
    for the caller to fill), each report's unit row identity (reports without an
    agency have none), and the problems of reports."""

    units: list[dict] = field(default_factory=list)
    assignments: dict[str, dict] = field(default_factory=dict)
    problems: list[dict] = field(default_factory=list)


def audit_year(reports: list[ReportIdentity]) -> int | None:
    """The year most reports are for (the later one on a tie), or None."""
    counts = Counter(report.year for report in reports if report.year is not None)
    if not counts:
        return None
    return max(counts, key=lambda year: (counts[year], year))


def match_roster(roster: list[RosterUnit] | None, reports: list[ReportIdentity], year: int | None) -> RosterAudit:
    """Set the reports against the roster (None: the units are those the reports
    name) for ``year`` (None: the most common report year; ``audit`` passes the latest); see the module docs
    and :class:`RosterAudit`. Deterministic: reports are taken in path order."""
    if year is None:
        year = audit_year(reports)
    ordered = sorted(reports, key=lambda report: report.path)
    audit = RosterAudit()
    problems: list[dict] = []
    # A group per unit row: roster units by index, the others by (region, key).
    roster_files: dict[int, list[ReportIdentity]] = {}
    found: dict[tuple[str, str], list[ReportIdentity]] = {}
    index = _RosterIndex(roster or [])
    for report in ordered:
        key = unit_key(report.unit)
        if not key:
            problems.append(_problem(report, "no-unit", "未能从报告标题中读出报告单位，无法归属到单位", None))
            continue
        if roster is None:
            found.setdefault((report.region, key), []).append(report)
            continue
        chosen, ambiguous = index.find(key, report.region)
        if chosen is not None:
            roster_files.setdefault(chosen, []).append(report)
            continue
        found.setdefault((report.region, key), []).append(report)
        if ambiguous:
            regions = "、".join(f"“{unit.region or '未填地区'}”" for unit in ambiguous)
            message = (f"名单中有多个单位与报告单位“{report.unit}”对应（地区 {regions}），"
                       f"无法按本报告所在地区“{report.region}”确定是哪一个，按名单外单位处理")
        else:
            message = f"报告单位“{report.unit}”（地区“{report.region}”）不在名单中"
        problems.append(_problem(report, "unlisted", message, None))

    for number, unit in enumerate(roster or []):
        files = roster_files.get(number, [])
        row = _unit_row(unit.region, unit.unit, unit.kind, unit.level, year, files, problems)
        if not _counted(files, year):
            row["status"] = "missing"
        _add(audit, row, files)
    rows = []
    for (region, _), files in found.items():
        name = _display_name(files)
        kind = next((report.kind for report in files if report.kind), None)
        level = next((report.level for report in files if report.level), None)
        row = _unit_row(region, name, kind, level, year, files, problems)
        if roster is not None:
            row["status"] = "unlisted"
        rows.append((row, files))
    for row, files in sorted(rows, key=lambda pair: (pair[0]["region"], pair[0]["unit"], pair[0]["files"])):
        _add(audit, row, files)
    order = {"no-unit": 0, "unlisted": 1, "wrong-year": 2, "duplicate": 3}
    audit.problems = sorted(problems, key=lambda problem: (problem["path"], order[problem["kind"]]))
    return audit


class _RosterIndex:
    """Roster units by the keys of their names and aliases."""

    def __init__(self, roster: list[RosterUnit]):
        self.roster = roster
        self.by_key: dict[str, list[int]] = {}
        for number, unit in enumerate(roster):
            for key in dict.fromkeys((unit.key, *(unit_key(alias) for alias in unit.aliases))):
                if key:
                    self.by_key.setdefault(key, []).append(number)
        self.regions = [_region_parts(unit.region) for unit in roster]

    def find(self, key: str, region: str) -> tuple[int | None, list[RosterUnit]]:
        """The roster unit a report of ``key`` in ``region`` belongs to, or None
        and the units it could not choose between."""
        numbers = self.by_key.get(key, [])
        if len(numbers) <= 1:
            return (numbers[0] if numbers else None), []
        here = _region_parts(region)
        scores = [(_region_score(self.regions[number], here), number) for number in numbers]
        best = max(score for score, _ in scores)
        chosen = [number for score, number in scores if score == best]
        if best > 0 and len(chosen) == 1:
            return chosen[0], []
        return None, [self.roster[number] for number in numbers]


def _region_score(listed: tuple[str, ...], here: tuple[str, ...]) -> int:
    """2 for the same region, 1 when one ends the other (``平潭`` and ``福建/平潭``), else 0."""
    if not listed or not here:
        return 0
    if listed == here:
        return 2
    shorter, longer = sorted((listed, here), key=len)
    return 1 if longer[-len(shorter):] == shorter else 0


def _counted(files: list[ReportIdentity], year: int | None) -> list[ReportIdentity]:
    """The reports that count for the year (a report whose year is unknown counts)."""
    return [report for report in files if year is None or report.year is None or report.year == year]


def _unit_row(region: str, name: str, kind: str | None, level: str | None, year: int | None,
              files: list[ReportIdentity], problems: list[dict]) -> dict:
    """A unit row with its status from its reports; the wrong-year and duplicate
    reports added to ``problems``."""
    counted = _counted(files, year)
    counted_ids = {id(report) for report in counted}
    for report in files:
        if id(report) not in counted_ids:
            problems.append(_problem(report, "wrong-year",
                                     f"报告年度为 {report.year} 年，不是本次审核的 {year} 年度，"
                                     f"不计为“{name}”{year} 年度的报告", None))
    for report in counted[1:]:
        problems.append(_problem(report, "duplicate",
                                 f"“{name}”{_year_words(year)}已有报告 {displayable(counted[0].path)}，本报告重复",
                                 counted[0].path))
    status = "duplicate" if len(counted) > 1 else "reported" if counted else "wrong-year"
    return {"region": region, "unit": name, "kind": kind, "level": level, "year": year, "status": status,
            "files": [report.path for report in files], "published": None, "late": None,
            "errors": 0, "warnings": 0, "infos": 0}


def _year_words(year: int | None) -> str:
    return f" {year} 年度" if year is not None else ""


def _display_name(files: list[ReportIdentity]) -> str:
    """The spelling most of a unit's reports use (the first report's on a tie)."""
    counts = Counter(report.unit for report in files)
    best = max(counts.values())
    return next(report.unit for report in files if counts[report.unit] == best)  # type: ignore[return-value]


def _add(audit: RosterAudit, row: dict, files: list[ReportIdentity]) -> None:
    audit.units.append(row)
    for report in files:
        audit.assignments[report.path] = {"unit": row["unit"], "region": row["region"], "status": row["status"]}


def _problem(report: ReportIdentity, kind: str, message: str, other: str | None) -> dict:
    return {"path": report.path, "kind": kind, "message": message, "other": other}
