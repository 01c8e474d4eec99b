"""Reading: encodings, unreadable input, and inputs that must never crash the tool."""
from __future__ import annotations

import codecs

import pytest

from linter.engine import lint_bytes
from linter.source import MAX_CHARS, UnreadableInput, decode

from helpers import seed

SAMPLE = "某某局2022年政府信息公开工作年度报告\n发布日期:2023-01-20\n一、总体情况\n本年度工作顺利。\n"


@pytest.mark.parametrize("encoding, data", [
    ("utf-8", SAMPLE.encode("utf-8")),
    ("utf-8-sig", codecs.BOM_UTF8 + SAMPLE.encode("utf-8")),
    ("gb18030", SAMPLE.encode("gb18030")),
    ("gb18030", SAMPLE.encode("gbk")),
    ("utf-16", SAMPLE.encode("utf-16")),  # with BOM
    ("utf-16", codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be")),
])
def test_encodings_are_detected(encoding, data):
    source = decode(data, "r.txt")
    assert source.text == SAMPLE
    assert source.encoding == encoding


def test_positions_do_not_count_the_bom():
    data = codecs.BOM_UTF8 + "一、总体情况\n".encode("utf-8") + SAMPLE.encode("utf-8")
    result = lint_bytes(data, "r.txt")
    assert result.report_year == 2022
    from linter.engine import parse_source
    report = parse_source(decode(data, "r.txt"))
    assert (report.sections[0].span.line, report.sections[0].span.column) == (1, 1)


@pytest.mark.parametrize("data, reason", [
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4, "二进制"),
    (b"\xff\xfe\xfe\xff" + b"\x00\xd8" * 3, "UTF-16"),  # UTF-16 BOM, unpaired surrogates
    (b"\x81\x30\xff\xff\x80\x80\x80" * 50, "编码"),
])
def test_unreadable_input_is_prs001_with_a_reason(data, reason):
    result = lint_bytes(data, "bad.txt")
    assert [d.code for d in result.diagnostics] == ["PRS001"]
    assert reason in result.diagnostics[0].message
    assert result.status == "error"


def test_decode_raises_with_reason():
    with pytest.raises(UnreadableInput) as error:
        decode(b"abc\x00def", "x.txt")
    assert "空字节" in error.value.reason


def _lint(data: bytes, name: str = "x.txt"):
    result = lint_bytes(data, name)
    assert not result.crashed, result.diagnostics
    return result


def test_empty_file_is_not_a_report():
    result = _lint(b"")
    assert [d.code for d in result.diagnostics] == ["PRS002"]


def test_truncated_report_gives_findings_not_a_crash(seeds_dir):
    text = seed("003").read_text(encoding="utf-8")
    cut = text[: text.index("(四)无法提供")]  # stops in the middle of table 三
    codes = {d.code for d in _lint(cut.encode("utf-8")).diagnostics}
    assert "TPL003" in codes and "TPL002" in codes  # rows of 三 missing, table 四 missing


def test_text_up_to_the_character_limit_is_checked(seeds_dir):
    text = seed("003").read_text(encoding="utf-8")
    data = ((text + "\n") * (MAX_CHARS // (len(text) + 1))).encode("utf-8")
    result = _lint(data)
    assert result.report_year == 2022 and "PRS001" not in {d.code for d in result.diagnostics}


@pytest.mark.parametrize("line", [False, True])
def test_text_beyond_the_character_limit_is_refused_with_the_setting_named(seeds_dir, line):
    text = "二、主动公开政府信息情况第二十条第（一）项规章 0 0 0" if line else seed("003").read_text(encoding="utf-8")
    data = ((text + ("" if line else "\n")) * (MAX_CHARS // len(text) + 2)).encode("utf-8")
    result = _lint(data)
    assert [d.code for d in result.diagnostics] == ["PRS001"]
    assert "limits.max-chars" in result.diagnostics[0].message


@pytest.mark.parametrize("html", [
    "<table><tr><td>一、本年新收政府信息公开申请数量<td>5</table></div></p><<<>>>",
    "<html><body><table><tr><td><table><tr><td>三、收到和处理政府信息公开申请情况",
    "<td rowspan='x' colspan='99999'>自然人</td><tr></tr></table></table>&bogus;&#xZZ;",
    "<script>一、总体情况</script><p>" + "<b>" * 5000,
])
def test_invalid_html_never_crashes(html):
    result = _lint(html.encode("utf-8"), "page.html")
    assert result.status in ("ok", "violations")


def test_markdown_heading_marks_do_not_hide_the_parts(corpus_dir):
    from linter.engine import parse_source
    from linter.source import read_path

    report = parse_source(read_path(str(corpus_dir / "001.md")))  # "## 一、总体情况" …
    assert [section.part for section in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report.section(1).span.line == 8 and report.section(1).span.column == 4  # after "## "


def test_a_title_without_an_agency_gives_no_agency():
    from linter.meta import agency_in_title

    assert agency_in_title("2022年政府信息公开工作年度报告") is None
    assert agency_in_title("2022年某某县人民政府信息公开工作年度报告") == "某某县人民政府"
    assert agency_in_title("2022年度某某局政府信息公开工作年度报告") == "某某局"
