"""Units and regions (linter/units.py): unit names that meet, regions from
folders, roster files and their errors, and the audit of a roster."""
from __future__ import annotations

import os
import re
import zipfile

import pytest

from linter.errors import ConfigError
from linter.units import (MAX_ROWS, ReportIdentity, RosterUnit, match_roster, read_roster, region_of,
                          unit_key)

# ---------------------------------------------------------------------------
# unit_key


@pytest.mark.parametrize("names", [
    ("平潭综合实验区管委会", "平潭综合实验区管理委员会", "平潭综合实验区", "平潭综合实验区 管委会"),
    ("平潭县人民政府", "平潭县政府", "平潭县", "平潭县　人民政府", "“平潭县人民政府”"),
    ("平潭县人民政府办公室", "平潭县政府办公室"),
    ("淮安市洪泽区人民政府", "淮安市洪泽区政府", "淮安市洪泽区"),
    ("ＡＢＣ新区管委会", "abc新区管理委员会", "ABC新区"),
    ("上海市人民政府办公厅", "上海市政府办公厅", "上海市人民政府(办公厅)"),
    ("某某街道办事处", "某某街道办", "某某街道"),
    ("某某地区行政公署", "某某地区行署", "某某地区"),
])
def test_spellings_of_one_unit_meet(names):
    keys = {unit_key(name) for name in names}
    assert len(keys) == 1 and "" not in keys


@pytest.mark.parametrize("one, other", [
    ("平潭县人民政府办公室", "平潭县人民政府"),
    ("平潭综合实验区地方税务局", "平潭综合实验区"),
    ("平潭综合实验区管委会办公室", "平潭综合实验区"),
    ("平潭县", "平潭综合实验区"),
    ("某某区", "某某县"),
    ("某某市", "某某县"),
    ("某某市教育局", "某某市"),
    ("上海市科委", "上海市科学技术委员会"),  # an abbreviation is for the roster's aliases
    ("某某县人民政府本级", "某某县人民政府"),
    ("某某市教育局", "某某县教育局"),
])
def test_different_units_stay_apart(one, other):
    assert unit_key(one) != unit_key(other)


def test_a_department_keeps_its_name():
    assert unit_key("某某市教育局") == "某某市教育局"
    assert unit_key(" 某某市 教育局。") == "某某市教育局"


def test_no_name_is_no_key():
    assert unit_key(None) == "" and unit_key("") == "" and unit_key("（）、。 ") == ""


# ---------------------------------------------------------------------------
# region_of


def test_region_is_the_folders_below_the_root_without_years(tmp_path):
    root = str(tmp_path / "audit")
    assert region_of(f"{root}/福建/平潭/2017/a.txt", root) == "福建/平潭"
    assert region_of(f"{root}/福建/2017年/平潭/a.txt", root) == "福建/平潭"
    assert region_of(f"{root}/福建/平潭/2017年度/a.txt", root) == "福建/平潭"
    assert region_of(f"{root}/2017年度报告/a.txt", root) == "2017年度报告"  # not only a year


def test_a_report_directly_under_the_root_takes_the_root_name(tmp_path):
    root = str(tmp_path / "平潭")
    assert region_of(f"{root}/a.txt", root) == "平潭"
    assert region_of(f"{root}/a.txt", root + "/") == "平潭"
    assert region_of(f"{root}/2017/a.txt", root) == "平潭"
    assert region_of(f"{root}/2017/a.txt", f"{root}/2017") == "平潭"  # a year root names no region


def test_relative_paths_and_an_audited_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert region_of("区域/县/a.txt", ".") == "区域/县"
    assert region_of("区域/a.txt", "区域/a.txt") == "区域"  # the root is the file itself


def test_names_that_are_not_utf8_do_not_crash(tmp_path):
    root = str(tmp_path)
    gbk = os.fsdecode(os.fsencode(root) + b"/" + "福建".encode("gbk") + b"/a.txt")
    assert region_of(gbk, root) == "福建"  # a GBK name from a Windows archive
    garbage = os.fsdecode(os.fsencode(root) + b"/\xff/a.txt")
    region = region_of(garbage, root)
    region.encode("utf-8")  # writable to CSV/JSON
    assert region == "\ufffd"
    assert isinstance(region_of("a\x00b/c.txt", root), str)  # no file system call fails on it
    assert region_of(f"{root}/a b/#1 ;'/c.txt", root) == "a b/#1 ;'"


# ---------------------------------------------------------------------------
# read_roster


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_csv_roster_with_chinese_headers(tmp_path):
    path = _write(tmp_path, "名单.csv",
                  "序号,单位名称,地区,类型,层级,上级单位,别名\n"
                  "1,平潭综合实验区管委会,平潭,政府,县,福州市人民政府,平潭实验区；岚岛、平潭综合实验区管理委员会\n"
                  "\n"
                  "2,平潭县教育局,平潭,部门,,,\n")
    first, second = read_roster(path)
    assert first == RosterUnit(unit="平潭综合实验区管委会", key="平潭综合实验区", region="平潭", kind="government",
                               level="county", parent="福州市人民政府",
                               aliases=("平潭实验区", "岚岛", "平潭综合实验区管理委员会"), line=2)
    assert (second.unit, second.kind, second.level, second.parent, second.aliases, second.line) == (
        "平潭县教育局", "department", None, None, (), 4)


def test_csv_roster_with_bom_english_headers_and_inferred_kind(tmp_path):
    path = _write(tmp_path, "roster.csv", "\ufeffName,Region,Kind,Level,Parent,Aliases\n"
                                          "某某县人民政府,某市/某某县,,,,\n"
                                          "某某市,某市,government,prefecture,,\n")
    county, city = read_roster(path)
    assert (county.unit, county.region, county.kind, county.level) == ("某某县人民政府", "某市/某某县", "government", "county")
    assert (city.kind, city.level) == ("government", "prefecture")


def test_gb18030_tab_separated_roster(tmp_path):
    path = _write(tmp_path, "名单.txt", "单位\t区域\t级别\r\n平潭县人民政府\t福州\t县级\r\n平潭县财政局\t福州\t\r\n",
                  encoding="gb18030")
    units = read_roster(path)
    assert [(u.unit, u.region, u.level, u.line) for u in units] == [
        ("平潭县人民政府", "福州", "county", 2), ("平潭县财政局", "福州", None, 3)]


def test_utf16_text_as_excel_saves_it(tmp_path):
    path = _write(tmp_path, "名单.txt", "\ufeff单位\t地区\r\n甲县\t甲\r\n", encoding="utf-16-le")
    assert [(u.unit, u.region) for u in read_roster(path)] == [("甲县", "甲")]


def test_quoted_cells_spanning_lines_keep_line_numbers(tmp_path):
    path = _write(tmp_path, "r.csv", 'unit,region\n"甲县\n人民政府",甲\n,乙\n')
    with pytest.raises(ConfigError, match="第 4 行"):
        read_roster(path)


def test_xlsx_roster_prefers_the_sheet_named_mingdan(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "说明"
    book.active.append(["这是说明，不是名单"])
    sheet = book.create_sheet("名单")
    sheet.append(["单位名称（必填）", "所属地区", "单位类型", "层级"])
    sheet.append([None, None, None, None])
    sheet.append(["平潭县人民政府", "平潭", "政府", "县"])
    sheet.append(["平潭县公安局", 2017, "部门", None])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    units = read_roster(str(path))
    assert [(u.unit, u.region, u.kind, u.level, u.line) for u in units] == [
        ("平潭县人民政府", "平潭", "government", "county", 3), ("平潭县公安局", "2017", "department", None, 4)]


def _rewrite_sheet(source_path, target_path, change):
    with zipfile.ZipFile(source_path) as source, zipfile.ZipFile(target_path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, change(data) if item.filename == "xl/worksheets/sheet1.xml" else data)


def test_xlsx_with_a_wrong_dimension_keeps_every_row(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    for row in (["unit"], ["甲县"], ["乙县"], ["丙县"]):
        book.active.append(row)
    book.save(tmp_path / "plain.xlsx")
    _rewrite_sheet(tmp_path / "plain.xlsx", tmp_path / "r.xlsx",
                   lambda data: re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:A2"/>', data))
    assert [u.unit for u in read_roster(str(tmp_path / "r.xlsx"))] == ["甲县", "乙县", "丙县"]


def test_xlsx_rows_far_down_are_bounded(tmp_path, monkeypatch):
    import linter.units
    from openpyxl import Workbook

    monkeypatch.setattr(linter.units, "MAX_SHEET_ROWS", 1000)
    book = Workbook()
    book.active.append(["unit"])
    book.save(tmp_path / "plain.xlsx")
    far = '<row r="5000"><c r="A5000" t="inlineStr"><is><t>乙县</t></is></c></row></sheetData>'.encode()
    _rewrite_sheet(tmp_path / "plain.xlsx", tmp_path / "r.xlsx", lambda data: data.replace(b"</sheetData>", far))
    with pytest.raises(ConfigError, match="超过 1000 行"):
        read_roster(str(tmp_path / "r.xlsx"))


def test_xlsx_roster_first_sheet(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["unit", "region"])
    book.active.append(["甲县", "甲"])
    book.create_sheet("other").append(["unit"])
    path = tmp_path / "r.xlsx"
    book.save(path)
    assert [u.unit for u in read_roster(str(path))] == ["甲县"]


@pytest.mark.parametrize("text, where, words", [
    ("地区,类型\n甲,政府\n", "第 1 行", "没有单位名称列"),
    ("单位,地区\n甲县,甲\n,乙\n", "第 3 行", "单位名称为空"),
    ("单位,类型\n甲县,机关\n", "第 2 行", "类型“机关”无法识别"),
    ("单位,层级\n甲县,国家级\n", "第 2 行", "层级“国家级”无法识别"),
    ("单位,地区\n甲县人民政府,甲\n乙县,乙\n甲县政府,甲\n", "第 4 行", "第 2 行"),
    ("单位,地区,别名\n甲县教育局,甲,\n甲县文体局,甲,甲县教育局\n", "第 3 行", "重复"),
    ("", "", "空的"),
])
def test_roster_errors_name_the_file_and_line(tmp_path, text, where, words):
    path = _write(tmp_path, "bad.csv", text)
    with pytest.raises(ConfigError) as raised:
        read_roster(path)
    message = str(raised.value)
    assert path in message and where in message and words in message


def test_the_same_unit_in_two_regions_is_allowed(tmp_path):
    path = _write(tmp_path, "r.csv", "单位,地区\n教育局,甲县\n教育局,乙县\n")
    assert [u.region for u in read_roster(path)] == ["甲县", "乙县"]


def test_too_many_rows(tmp_path, monkeypatch):
    import linter.units

    monkeypatch.setattr(linter.units, "MAX_ROWS", 3)
    path = _write(tmp_path, "r.csv", "单位\n" + "".join(f"单位{n}\n" for n in range(4)))
    with pytest.raises(ConfigError, match="第 5 行.*超过 3 行"):
        read_roster(path)
    assert MAX_ROWS == 200_000


@pytest.mark.parametrize("name, data, words", [
    ("r.pdf", b"%PDF-1.4\n", "不是 CSV 或 XLSX"),
    ("r.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "不是 CSV 或 XLSX"),
    ("r.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "不是 CSV 或 XLSX"),
    ("r.csv", bytes(range(256)) * 20, "二进制"),
    ("r.csv", b"\x80\xff\xfe" * 10, "既不是 UTF-8 也不是 GB18030"),
    ("r.xlsx", b"PK\x03\x04 not really a zip", "不是有效的 XLSX"),
    ("r.xlsx", b"plain text", "不是 CSV 或 XLSX"),
], ids=["pdf", "xls", "xls-renamed", "binary", "undecodable", "broken-zip", "text-xlsx"])
def test_hostile_files_give_a_config_error(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ConfigError, match=words):
        read_roster(str(path))


def test_a_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="无法读取名单文件"):
        read_roster(str(tmp_path / "none.csv"))


def test_a_docx_is_not_a_roster(tmp_path):
    path = tmp_path / "r.xlsx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(ConfigError, match="没有工作簿"):
        read_roster(str(path))


def test_a_zip_bomb_is_not_inflated(tmp_path, monkeypatch):
    import linter.units

    monkeypatch.setattr(linter.units, "MAX_INFLATED", 1024 * 1024)
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
        package.writestr("xl/sharedStrings.xml", b"\0" * (2 * 1024 * 1024))
    assert path.stat().st_size < 20_000
    with pytest.raises(ConfigError, match="解压后超过 1 MB"):
        read_roster(str(path))


def test_an_xlsx_with_a_doctype_is_refused(tmp_path):
    from openpyxl import Workbook

    plain = tmp_path / "plain.xlsx"
    book = Workbook()
    book.active.append(["unit"])
    book.save(plain)
    path = tmp_path / "entities.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = data.split(b"?>", 1)[-1]
                data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + body
            target.writestr(item, data)
    with pytest.raises(ConfigError, match="DOCTYPE"):
        read_roster(str(path))


# ---------------------------------------------------------------------------
# match_roster


def _unit(unit, region, line, aliases=()):
    return RosterUnit(unit=unit, key=unit_key(unit), region=region, kind=None, level=None, parent=None,
                      aliases=tuple(aliases), line=line)


def _report(path, unit, region, year=2017):
    return ReportIdentity(path=path, unit=unit, region=region, year=year, kind="government", level=None)


def test_an_audit_of_a_roster():
    roster = [_unit("平潭综合实验区管委会", "平潭", 2), _unit("平潭县人民政府", "平潭", 3),
              _unit("平潭县财政局", "平潭", 4), _unit("上海市科学技术委员会", "上海", 5, aliases=["上海市科委"])]
    reports = [
        _report("p/2017/014.txt", "平潭综合实验区", "平潭"),
        _report("p/2017/014b.txt", "平潭综合实验区管理委员会", "平潭"),  # the same unit again
        _report("p/2016/013.txt", "平潭县政府", "平潭", year=2016),  # not for 2017
        _report("s/002.md", "上海市科委", "上海"),  # an alias
        _report("p/2017/009.txt", "平潭综合实验区地方税务局", "平潭"),  # not on the roster
        _report("p/2017/x.txt", None, "平潭"),
    ]
    audit = match_roster(roster, reports, None)
    rows = [(row["unit"], row["region"], row["status"], row["files"]) for row in audit.units]
    assert rows == [
        ("平潭综合实验区管委会", "平潭", "duplicate", ["p/2017/014.txt", "p/2017/014b.txt"]),
        ("平潭县人民政府", "平潭", "missing", ["p/2016/013.txt"]),
        ("平潭县财政局", "平潭", "missing", []),
        ("上海市科学技术委员会", "上海", "reported", ["s/002.md"]),
        ("平潭综合实验区地方税务局", "平潭", "unlisted", ["p/2017/009.txt"]),
    ]
    assert all(row["year"] == 2017 and row["errors"] == row["warnings"] == row["infos"] == 0
               and row["published"] is None and row["late"] is None for row in audit.units)
    problems = [(p["path"], p["kind"], p["other"]) for p in audit.problems]
    assert problems == [
        ("p/2016/013.txt", "wrong-year", None),
        ("p/2017/009.txt", "unlisted", None),
        ("p/2017/014b.txt", "duplicate", "p/2017/014.txt"),
        ("p/2017/x.txt", "no-unit", None),
    ]
    assert all(p["message"] for p in audit.problems)
    assert "2016" in audit.problems[0]["message"] and "p/2017/014.txt" in audit.problems[2]["message"]
    assert audit.assignments["s/002.md"] == {"unit": "上海市科学技术委员会", "region": "上海", "status": "reported"}
    assert audit.assignments["p/2017/009.txt"]["status"] == "unlisted"
    assert "p/2017/x.txt" not in audit.assignments


def test_the_first_report_by_path_is_the_report_whatever_the_input_order():
    roster = [_unit("甲县", "甲", 2)]
    reports = [_report("b.txt", "甲县人民政府", "甲"), _report("a.txt", "甲县", "甲")]
    audit = match_roster(roster, reports, 2017)
    assert audit.units[0]["files"] == ["a.txt", "b.txt"]
    assert [(p["path"], p["kind"], p["other"]) for p in audit.problems] == [("b.txt", "duplicate", "a.txt")]
    assert match_roster(roster, list(reversed(reports)), 2017) == audit


def test_the_same_name_in_two_regions_is_resolved_by_region():
    roster = [_unit("教育局", "甲县", 2), _unit("教育局", "乙县", 3)]
    audit = match_roster(roster, [_report("乙县/r.txt", "教育局", "乙县"), _report("x/甲县/r.txt", "教育局", "某市/甲县")], 2017)
    assert audit.assignments["乙县/r.txt"]["region"] == "乙县"
    assert audit.assignments["x/甲县/r.txt"]["region"] == "甲县"  # the roster's region ends the folder path
    assert [row["status"] for row in audit.units] == ["reported", "reported"]
    assert audit.problems == []


def test_a_name_two_roster_units_share_is_not_guessed():
    roster = [_unit("教育局", "甲县", 2), _unit("教育局", "乙县", 3)]
    audit = match_roster(roster, [_report("丙县/r.txt", "教育局", "丙县")], 2017)
    assert [row["status"] for row in audit.units] == ["missing", "missing", "unlisted"]
    assert audit.problems[0]["kind"] == "unlisted" and "甲县" in audit.problems[0]["message"]


def test_a_single_roster_unit_matches_from_any_region():
    audit = match_roster([_unit("平潭县人民政府", "福州", 2)], [_report("平潭/r.txt", "平潭县", "平潭")], 2017)
    assert audit.units[0]["status"] == "reported" and audit.problems == []


def test_without_a_roster_every_unit_is_found_in_reports():
    reports = [
        _report("平潭/2017/014.txt", "平潭综合实验区", "平潭"),
        _report("平潭/2016/013.txt", "平潭综合实验区管委会", "平潭", year=2016),
        _report("平潭/2017/015.txt", "平潭综合实验区", "平潭"),
        _report("平潭/2017/005.txt", "平潭县人民政府", "平潭", year=2011),
        _report("上海/2017/003.md", "上海市人民政府办公厅", "上海"),
    ]
    audit = match_roster(None, reports, None)  # 2017: most reports
    rows = [(row["region"], row["unit"], row["status"], row["year"]) for row in audit.units]
    assert rows == [
        ("上海", "上海市人民政府办公厅", "reported", 2017),
        ("平潭", "平潭县人民政府", "wrong-year", 2017),
        ("平潭", "平潭综合实验区", "duplicate", 2017),
    ]
    assert audit.units[2]["files"] == ["平潭/2016/013.txt", "平潭/2017/014.txt", "平潭/2017/015.txt"]
    kinds = sorted((p["path"], p["kind"]) for p in audit.problems)
    assert kinds == [("平潭/2016/013.txt", "wrong-year"), ("平潭/2017/005.txt", "wrong-year"),
                     ("平潭/2017/015.txt", "duplicate")]
    assert all(row["status"] != "missing" for row in audit.units)


def test_the_same_agency_in_two_regions_without_a_roster_is_two_units():
    audit = match_roster(None, [_report("甲/r.txt", "教育局", "甲"), _report("乙/r.txt", "教育局", "乙")], 2017)
    assert [(row["region"], row["status"]) for row in audit.units] == [("乙", "reported"), ("甲", "reported")]


def test_an_empty_audit():
    audit = match_roster(None, [], None)
    assert (audit.units, audit.assignments, audit.problems) == ([], {}, [])
    audit = match_roster([_unit("甲县", "甲", 2)], [], None)
    assert [(row["status"], row["year"]) for row in audit.units] == [("missing", None)]
