"""What an audit keeps of each report (linter/facts.py)."""
from __future__ import annotations


from linter.engine import parse_source
from linter.facts import _without_self_description, excerpt, report_facts
from linter.source import read_path

from helpers import CORPUS


def test_excerpt_is_the_findings_line_around_its_column_whatever_the_line_endings():
    text = "第一行\r\n第二行里有一个问题\r第三行\n"
    assert excerpt(text, 2, 6) == "第二行里有一个问题"
    assert excerpt(text, 3, 1) == "第三行"
    long = "字" * 500 + "问题" + "字" * 500
    cut = excerpt(long, 1, 501)
    assert cut.startswith("…") and cut.endswith("…") and "问题" in cut and len(cut) < 130
    assert excerpt(text, 9, 1) == ""  # a line the text does not have


def test_excerpt_of_a_web_page_is_its_words_without_markup():
    page = '<html><body><p class="x">一、本年新收申请<span>70</span>件</p><td>&nbsp;5</td></body></html>'
    shown = excerpt(page, 1, page.index("70") + 1, html=True)
    assert "<" not in shown and "本年新收申请" in shown and "70" in shown


def test_sentences_about_the_report_itself_are_blanked_keeping_every_position():
    text = "本报告由概述组成。今年共受理3件；如对本报告有任何疑问，请联系\r第二行\r\n统计期限自1月1日起"
    blanked = _without_self_description(text)
    assert len(blanked) == len(text) and [i for i, ch in enumerate(text) if ch in "\r\n"] == \
        [i for i, ch in enumerate(blanked) if ch in "\r\n"]
    assert "今年共受理3件" in blanked and "第二行" in blanked
    assert "本报告" not in blanked and "统计期限" not in blanked


def test_facts_of_a_crawler_report_keep_glued_cells_as_digits_never_as_values(corpus_dir):
    source = read_path(str(corpus_dir / "014.txt"))
    facts = report_facts(parse_source(source), source.text, [])
    row = facts["tables"]["统计表"]["rows"]["t7f.proactive"]
    (cell,) = row["cells"]
    assert cell[0] is None and cell[1] == "212210037" and cell[7] is True
    assert facts["year"] == 2017 and facts["era"] == "2007" and facts["agency"]
    assert facts["paragraphs"] and all(len(p) == 6 for p in facts["paragraphs"])
