"""PDF and Word files read into the same AST as web pages and text
(linter/pdf_layout.py, linter/docx_layout.py, linter/office.py)."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile

import pytest

from linter.engine import lint_bytes, lint_path, parse_source
from linter.source import Limits, read_bytes, read_path

from helpers import CORPUS

DERIVED = CORPUS / "derived"


def _values(report) -> dict:
    return {(table.kind, row.key): [cell.value for cell in row.cells] for table in report.tables for row in table.rows}


# -- a publisher's PDF ------------------------------------------------------------


def test_046_pdf_is_read_completely(corpus_dir):
    """WPS PDF: a frame around every page, tables over page breaks, labels
    wrapped in cells, page numbers in the footer."""
    source = read_path(str(CORPUS / "046.pdf"))
    assert "- 1 -" not in source.text and "- 3 -" not in source.text  # page numbers dropped
    report = parse_source(source)
    assert (report.era, report.meta.report_year, report.meta.agency) == ("2021", 2024, "淮安市洪泽区人民政府")
    assert [s.part for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert {(t.kind, t.section) for t in report.tables} == {("表二", 2), ("表三", 3), ("表四", 4)}
    values = _values(report)
    assert values[("表二", "t2.normative")] == [3, 0, 8]
    assert values[("表二", "t2.licensing")] == [9487]
    assert values[("表二", "t2.fees")] == [7545]
    assert values[("表三", "t3.new")] == [95, 0, 0, 0, 0, 0, 95]
    assert values[("表三", "t3.partial")] == [9, 0, 0, 0, 0, 0, 9]  # label wrapped over two lines
    assert values[("表三", "t3.unable.1")] == [31, 0, 0, 0, 0, 0, 31]  # last row of page 3
    assert values[("表三", "t3.unable.2")] == [1, 0, 0, 0, 0, 0, 1]  # first row of page 4
    assert values[("表三", "t3.total")] == [95, 0, 0, 0, 0, 0, 95]
    assert values[("表四", "t4.values")] == [1, 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3]
    assert report.meta.period.start == "2024-01-01"


def test_046_pdf_findings_are_the_reports_own(corpus_dir):
    """The narrative's 17 applications against table 三's 95, the label typo, the
    2019-shaped （六）; its tables add up, so no arithmetic finding."""
    result = lint_path(str(CORPUS / "046.pdf"))
    codes = sorted(d.code for d in result.diagnostics)
    assert codes == ["TPL005", "TPL007", "TXT001"]
    txt = next(d for d in result.diagnostics if d.code == "TXT001")
    assert (txt.data["stated"], txt.data["table"]) == (17, 95)
    assert txt.origin["page"] == 1 and len(txt.origin["bbox"]) == 4
    typo = next(d for d in result.diagnostics if d.code == "TPL005")
    assert "2.其他法律行政止公开" in typo.message and typo.origin["page"] == 3


def test_positions_refer_to_the_extracted_text(corpus_dir):
    """`xxgk-lint extract` prints the text whose lines and columns findings give."""
    out = subprocess.run([sys.executable, "-m", "linter", "extract", str(CORPUS / "046.pdf")],
                         capture_output=True, text=True, check=True).stdout
    result = lint_path(str(CORPUS / "046.pdf"))
    txt = next(d for d in result.diagnostics if d.code == "TXT001")
    line = out.split("\n")[txt.span.line - 1]
    assert line[txt.span.column - 1:txt.span.end_column - 1] == "17"
    text = subprocess.run([sys.executable, "-m", "linter", "check", str(CORPUS / "046.pdf")],
                          capture_output=True, text=True).stdout
    assert f"046.pdf:第1页:{txt.span.line}:{txt.span.column}: warning TXT001 " in text


# -- the same report in three forms ----------------------------------------------


@pytest.mark.parametrize("name", ["042", "043", "045"])
def test_the_same_report_gives_the_same_result_in_every_form(corpus_dir, name):
    """The web page, its Word copy and its PDF copy: same era, year, table values
    and findings (positions aside)."""
    page = parse_source(read_path(str(CORPUS / f"{name}.html")))
    findings = sorted((d.code, d.logical_location) for d in lint_path(str(CORPUS / f"{name}.html")).diagnostics)
    for copy in (DERIVED / f"{name}.docx", DERIVED / f"{name}.pdf"):
        report = parse_source(read_path(str(copy)))
        assert (report.era, report.meta.report_year) == (page.era, page.meta.report_year), copy.name
        assert _values(report) == _values(page), copy.name
        result = lint_path(str(copy))
        assert sorted((d.code, d.logical_location) for d in result.diagnostics) == findings, copy.name
        assert all(d.origin for d in result.diagnostics), copy.name


# -- Word -----------------------------------------------------------------------

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(body: str, numbering: str = "", extra: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", f"<w:document {_W}><w:body>{body}</w:body></w:document>")
        if numbering:
            package.writestr("word/numbering.xml", f"<w:numbering {_W}>{numbering}</w:numbering>")
        for name, text in (extra or {}).items():
            package.writestr(name, text)
    return buffer.getvalue()


def _p(text: str, num: str = "") -> str:
    numbered = f"<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>" if num else ""
    return f"<w:p>{numbered}<w:r><w:t>{text}</w:t></w:r></w:p>"


def _tc(text: str, span: int = 1, merge: str | None = None) -> str:
    props = (f"<w:gridSpan w:val=\"{span}\"/>" if span > 1 else "") + (
        f"<w:vMerge w:val=\"{merge}\"/>" if merge == "restart" else "<w:vMerge/>" if merge == "continue" else "")
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_p(text)}</w:tc>"


_NUMBERING = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
              '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
              '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')


def test_word_list_numbering_is_rendered_and_opens_the_parts():
    """Headings numbered by Word (一、 二、 …) have no numeral in their text runs."""
    body = (_p("某某县人民政府2022年政府信息公开工作年度报告") + _p("总体情况", "1") + _p("本年度……")
            + _p("主动公开政府信息情况", "1") + _p("……"))
    report = parse_source(read_bytes(_docx(body, _NUMBERING), "r.docx"))
    assert [(s.part, s.heading) for s in report.sections] == [(1, "一、总体情况"), (2, "二、主动公开政府信息情况")]


def test_word_merged_cells_are_read_as_the_page_shows_them():
    """gridSpan: one cell over columns; vMerge: the cells a merge covers are left
    out (as HTML's rowspan), so the row's label and values stay in place."""
    rows = [
        "<w:tr>" + _tc("第二十条第（一）项", span=4) + "</w:tr>",
        "<w:tr>" + "".join(_tc(t) for t in ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")) + "</w:tr>",
        "<w:tr>" + "".join(_tc(t) for t in ("规章", "0", "1", "2")) + "</w:tr>",
    ]
    table3 = [
        "<w:tr>" + _tc("三、本年度办理结果", merge="restart") + _tc("（一）予以公开") + "".join(
            _tc(v) for v in "1000001") + "</w:tr>",
        "<w:tr>" + _tc("", merge="continue") + _tc("（二）部分公开") + "".join(_tc(v) for v in "2000002") + "</w:tr>",
    ]
    body = (_p("二、主动公开政府信息情况") + f"<w:tbl>{''.join(rows)}</w:tbl>"
            + _p("三、收到和处理政府信息公开申请情况") + f"<w:tbl>{''.join(table3)}</w:tbl>")
    source = read_bytes(_docx(body), "r.docx")
    report = parse_source(source)
    assert [c.value for c in report.table("表二").row("t2.rules").cells] == [0, 1, 2]
    table = report.table("表三")
    assert [c.value for c in table.row("t3.open").cells] == [1, 0, 0, 0, 0, 0, 1]
    assert [c.value for c in table.row("t3.partial").cells] == [2, 0, 0, 0, 0, 0, 2]
    assert source.origins.at(table.row("t3.partial").cells[0].span.line, 1)["table"] == 2


def test_word_text_boxes_once_and_no_headers_or_footers():
    box = ('<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           '<mc:Choice><w:r><w:drawing><w:txbxContent>' + _p("框中的文字") + '</w:txbxContent></w:drawing></w:r>'
           '</mc:Choice><mc:Fallback><w:r><w:pict><w:txbxContent>' + _p("框中的文字")
           + '</w:txbxContent></w:pict></w:r></mc:Fallback></mc:AlternateContent>')
    body = f"<w:p><w:r><w:t>正文</w:t></w:r>{box}</w:p>"
    footer = f"<w:ftr {_W}>{_p('- 1 -')}</w:ftr>"
    source = read_bytes(_docx(body, extra={"word/footer1.xml": footer}), "r.docx")
    assert source.text.split("\n") == ["正文", "框中的文字"]


def test_a_damaged_word_file_is_prs001_with_the_reason():
    data = _docx(_p("x"))[:200]
    result = lint_bytes(data, "r.docx")
    (finding,) = result.diagnostics
    assert finding.code == "PRS001" and result.status == "error"


# -- PDF edge cases -----------------------------------------------------------------


def test_a_pdf_without_text_is_a_scan_and_says_what_to_do():
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    (finding,) = lint_bytes(buffer.getvalue(), "scan.pdf").diagnostics
    assert finding.code == "PRS001" and "扫描件" in finding.message and "OCR" in finding.message


def test_a_damaged_pdf_is_prs001(corpus_dir):
    data = (corpus_dir / "046.pdf").read_bytes()[:3000]
    (finding,) = lint_bytes(data, "bad.pdf").diagnostics
    assert finding.code == "PRS001" and "PDF" in finding.message


def test_pages_beyond_the_limit_are_not_read_and_nothing_is_claimed_missing_there(corpus_dir):
    source = read_bytes((CORPUS / "046.pdf").read_bytes(), "046.pdf", Limits(max_pages=2))
    assert source.notes and "前 2 页" in source.notes[0]
    from linter.config import Settings

    settings = Settings(limits=(("max-file-size", 64), ("max-pages", 2), ("read-seconds", 60)))
    result = lint_path(str(CORPUS / "046.pdf"), settings=settings)
    codes = {d.code for d in result.diagnostics}
    assert "PRS003" in codes
    assert not codes & {"TPL002", "TPL003", "SEC001"}  # tables 三, 四 and parts 三–六 were not read


# -- office formats through LibreOffice ----------------------------------------------


def _fake_soffice(tmp_path, docx: bytes, sleep: float = 0) -> str:
    """A stand-in for LibreOffice: writes the given .docx where soffice would."""
    made = tmp_path / "made.docx"
    made.write_bytes(docx)
    script = tmp_path / "soffice"
    script.write_text(
        f"#!{sys.executable}\nimport shutil, sys, time\ntime.sleep({sleep})\n"
        f"out = sys.argv[sys.argv.index('--outdir') + 1]\nshutil.copy({str(made)!r}, out + '/report.docx')\n",
        encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def test_a_doc_file_is_converted_when_libreoffice_is_there(tmp_path, monkeypatch, corpus_dir):
    monkeypatch.setenv("XXGK_LINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XXGK_LINT_SOFFICE", _fake_soffice(tmp_path, (DERIVED / "045.docx").read_bytes()))
    doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"an old Word file"
    result = lint_bytes(doc, "045.doc")
    assert (result.era, result.report_year) == ("2007", 2013)
    assert {d.code for d in result.diagnostics} >= {"FEE001", "TXT001"}
    assert list((tmp_path / "cache" / "converted").glob("*.docx"))  # converted once, kept


def test_without_libreoffice_an_old_format_names_the_fix(tmp_path, monkeypatch):
    monkeypatch.setenv("XXGK_LINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XXGK_LINT_SOFFICE", str(tmp_path / "no-such-program"))
    (finding,) = lint_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 x", "r.wps").diagnostics
    assert finding.code == "PRS001" and "LibreOffice" in finding.message and ".docx" in finding.message


def test_a_conversion_that_hangs_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setenv("XXGK_LINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XXGK_LINT_SOFFICE", _fake_soffice(tmp_path, b"", sleep=30))
    from linter.office import convert
    from linter.source import UnreadableInput

    with pytest.raises(UnreadableInput, match="超过 1 秒"):
        convert(b"{\\rtf1 x}", "r.rtf", seconds=1)


# -- folders ---------------------------------------------------------------------


def test_every_file_in_a_folder_is_accounted_for(tmp_path, corpus_dir, seeds_dir):
    from helpers import seed

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "046.pdf").write_bytes((CORPUS / "046.pdf").read_bytes())
    (tmp_path / "a" / "UPPER.TXT").write_bytes(seed("003").read_bytes())
    (tmp_path / "photo.JPG").write_bytes(b"\xff\xd8\xff")
    with zipfile.ZipFile(tmp_path / "reports.zip", "w") as package:
        package.writestr("2013/045.docx", (DERIVED / "045.docx").read_bytes())
        package.writestr("readme.xls", b"x")
    os.mkfifo(tmp_path / "a" / "pipe.txt")
    out = subprocess.run([sys.executable, "-m", "linter", "check", "--format", "json", str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    import json

    records = {r["path"].replace(str(tmp_path), ""): r for r in json.loads(out.stdout)["files"]}
    assert set(records) == {"/a/046.pdf", "/a/UPPER.TXT", "/a/pipe.txt", "/photo.JPG",
                            "/reports.zip!2013/045.docx", "/reports.zip!readme.xls"}
    assert records["/a/UPPER.TXT"]["era"] == "2021" and records["/reports.zip!2013/045.docx"]["era"] == "2007"
    assert records["/photo.JPG"]["status"] == records["/reports.zip!readme.xls"]["status"] == "skipped"
    assert records["/a/pipe.txt"]["status"] == "skipped" and "普通文件" in records["/a/pipe.txt"]["reason"]
    text = subprocess.run([sys.executable, "-m", "linter", "check", str(tmp_path)],
                          capture_output=True, text=True, timeout=120).stdout
    assert "另有 3 个文件不是报告，已跳过" in text


def test_a_folder_without_reports_exits_2_saying_what_it_found(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "a.png").write_bytes(b"x")
    empty = subprocess.run([sys.executable, "-m", "linter", "check", str(tmp_path / "empty")],
                           capture_output=True, text=True)
    assert empty.returncode == 2 and "没有文件" in empty.stderr
    pics = subprocess.run([sys.executable, "-m", "linter", "check", str(tmp_path / "pics")],
                          capture_output=True, text=True)
    assert pics.returncode == 2 and ".png" in pics.stderr and pics.stdout == ""
