"""Layout: every serialisation becomes cells that keep their original position."""
from __future__ import annotations

from decimal import Decimal

from linter.engine import parse_source
from linter.html_layout import html_blocks
from linter.layout import text_blocks
from linter.source import decode, read_path


def test_html_cells_keep_positions_blanks_and_spans():
    html = (
        "<table>\n"
        "<tr><td rowspan=2>三、本年度办理结果</td><td>（一）予以公开</td><td>1</td><td>&nbsp;</td><td></td></tr>\n"
        "<tr><td>（二）部分<br/>公开</td>\n"
        "  <td><span>2</span><span>0</span></td></tr>\n"
        "</table>"
    )
    first, second = html_blocks(html)
    assert [c.text for c in first.cells] == ["三、本年度办理结果", "（一）予以公开", "1", "", ""]
    row1 = html.split("\n")[1]
    assert first.cells[2].start() == (2, row1.index("<td>1<") + 5)  # 1-based code points
    assert first.cells[3].text == "" and first.explicit  # &nbsp; kept as a blank cell
    assert [c.text for c in second.cells] == ["（二）部分 公开", "20"]
    row2 = html.split("\n")[3]
    assert second.cells[1].start() == (4, row2.index("2</span>") + 1)
    assert second.cells[1].end() == (4, row2.index("0</span>") + 2)  # just past the "0"


def test_pipe_tab_and_cell_per_line_rows():
    pipe, = text_blocks("规章 | 0 | 12 | 3 |")
    assert [c.text for c in pipe.cells] == ["规章", "0", "12", "3"]
    assert pipe.cells[2].start() == (1, 10)
    tab, = text_blocks("\t\t1.属于国家秘密\t0\t\t0")
    # placeholders before the values are dropped, the gap between values is a blank cell
    assert [c.text for c in tab.cells] == ["1.属于国家秘密", "0", "", "0"]
    lines = text_blocks("规章\n\n0\n\t\n")
    assert [b.cells[0].text for b in lines] == ["规章", "0", ""]  # `\t` alone is an empty cell


def test_space_separated_and_run_together_cells():
    text = ("二、主动公开政府信息情况\n第二十条第(一)项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n"
            "规章 1 2 3\n行政规范性文件693665\n")
    report = parse_source(decode(text.encode(), "r.txt"))
    table = report.table("表二")
    rules = table.row("t2.rules")
    assert [c.value for c in rules.cells] == [1, 2, 3]
    assert [(c.span.line, c.span.column) for c in rules.cells] == [(4, 4), (4, 6), (4, 8)]
    glued = table.row("t2.normative")
    assert [c.raw for c in glued.cells] == ["693665"] and glued.cells[0].run_together


def test_real_html_page_tables(corpus_dir):
    report = parse_source(read_path(str(corpus_dir / "042.html")))
    assert report.meta.report_year == 2021 and report.meta.published == "2022-02-08"
    table3 = report.table("表三")
    new = table3.row("t3.new")
    assert [c.value for c in new.cells] == [64, 0, 0, 2, 0, 4, 70]
    assert [c.column for c in new.cells][0] == "自然人"
    total = table3.row("t3.total")
    assert [c.value for c in total.cells] == [63, 0, 0, 2, 0, 4, 69]
    table2 = report.table("表二")
    assert [c.value for c in table2.row("t2.normative").cells] == [69, 3, 665]
    assert table2.row("t2.fees").cells[0].value == Decimal("24252.311082")
    (row4,) = report.table("表四").rows
    assert [c.value for c in row4.cells] == [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]
    # positions point into the original page
    lines = (corpus_dir / "042.html").read_text(encoding="utf-8").split("\n")
    cell = new.cells[6]
    assert lines[cell.span.line - 1][cell.span.column - 1:cell.span.end_column - 1] == "70"


def test_crawler_text_is_split_only_where_the_split_is_unique(corpus_dir):
    """018.txt is 042.html's crawler text. Runs that split one way only are split,
    to exactly the values of the web page; runs that split two ways stay whole."""
    report = parse_source(read_path(str(corpus_dir / "018.txt")))
    crawled = report.table("表三")
    page = parse_source(read_path(str(corpus_dir / "042.html"))).table("表三")
    new = crawled.row("t3.new")  # "640020470": only 64|0|0|2|0|4|70 adds up
    assert [c.value for c in new.cells] == [c.value for c in page.row("t3.new").cells] == [64, 0, 0, 2, 0, 4, 70]
    assert all(c.provenance == "recovered" for c in new.cells)
    line = (corpus_dir / "018.txt").read_text(encoding="utf-8").split("\n")[new.cells[0].span.line - 1]
    assert [line[c.span.column - 1:c.span.end_column - 1] for c in new.cells] == ["64", "0", "0", "2", "0", "4", "70"]
    assert [c.raw for c in crawled.row("t3.other.3").cells] == ["1", "0", "0", "0", "0", "0", "1"]  # "1000001"
    recovered = [row.key for row in crawled.rows if row.cells and row.cells[0].provenance == "recovered"]
    for key in recovered:  # every split agrees with the page
        assert [c.value for c in crawled.row(key).cells] == [c.value for c in page.row(key).cells], key
    opened = crawled.row("t3.open")  # "270020130": 27|0|0|2|0|1|30 and 2|7|0|0|20|1|30 both add up
    assert [c.raw for c in opened.cells] == ["270020130"] and opened.cells[0].run_together
    # a one-value row whose digits are the whole value is reliable
    licensing = report.table("表二").row("t2.licensing")
    assert [c.value for c in licensing.cells] == [2293] and not licensing.cells[0].run_together


def test_word_comment_residue_in_crawled_text_is_not_text():
    """Crawled pages keep Word's <!--[if !supportLists]--> around list numbering
    (corpus 013.txt); it must not hide a heading nor move any column."""
    text = ("某某县人民政府2021年政府信息公开工作年度报告\n"
            "<!--[if !supportLists]-->一、<!--[endif]-->总体情况\n本年度……\n")
    report = parse_source(decode(text.encode("utf-8"), "r.txt"))
    (section,) = report.sections
    assert section.part == 1 and section.span.line == 2
    assert section.span.column == text.split("\n")[1].index("一、") + 1
