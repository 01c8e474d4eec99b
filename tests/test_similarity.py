"""Copied text and identical tables across reports (linter/similarity.py): normalisation,
pieces and their exact spans, compact storage, the copy and table rules, and the
shared corpus (Pingtan zone 2016/2017, zone and county 2011)."""
from __future__ import annotations

import pickle
import random
import subprocess
import sys
from decimal import Decimal

import pytest

from linter import similarity as S
from linter.similarity import (Copy, ParagraphPrints, Prints, copied_paragraphs, identical_tables, normalise,
                               paragraph_prints, table_print)

#: Sentences of at least 60 normalised characters each (one piece apiece).
LONG_A = "区政府办公室认真组织各公开单位学习政府信息公开工作条例及相关法律法规，结合本区实际情况及时印发年度政务公开工作要点，明确各单位的责任分工和完成时限。"
LONG_B = "全面推进重点领域信息公开，围绕财政预决算、重大建设项目、公共资源配置、社会公益事业建设等领域，及时主动公开群众普遍关心、涉及切身利益的政府信息。"
LONG_C = "进一步加强政府网站建设和管理，整合各部门网站信息资源，优化栏目设置，规范信息发布流程，确保网上发布的信息内容准确完整、更新及时，便于公众查阅和使用。"
UNRELATED = ("今天天气晴朗，我们一家人去公园散步，看到湖面上有很多小船，孩子们在草地上放风筝，老人们在树荫下下棋聊天，"
             "大家都很开心，傍晚时分才依依不舍地回家吃晚饭。晚饭后大家一起看了一部关于航海探险的老电影。")


def paragraphs_of(text: str) -> list[tuple[str, int, int, int, int]]:
    """Line-based paragraphs: each non-empty line, with its position."""
    return [(line, number, 1, number, len(line) + 1)
            for number, line in enumerate(text.split("\n"), 1) if line.strip()]


def text_at(text: str, line: int, column: int, end_line: int, end_column: int) -> str:
    """The file text between two positions (end exclusive), lines joined by \\n."""
    lines = text.split("\n")
    if line == end_line:
        return lines[line - 1][column - 1:end_column - 1]
    middle = lines[line:end_line - 1]
    return "\n".join([lines[line - 1][column - 1:], *middle, lines[end_line - 1][:end_column - 1]])


def prints_of(text: str, key: str, unit: str, year: int | None, tables=()) -> Prints:
    return Prints(key, unit, year, paragraph_prints(paragraphs_of(text)), list(tables))


def hashes(text: str) -> list[int]:
    return [p[0] for p in paragraph_prints(paragraphs_of(text))]


# -- normalisation --------------------------------------------------------------------


def test_numbers_and_years_do_not_count():
    assert normalise("2016年共受理申请12件") == normalise("2017年共受理申请30件")
    assert normalise("二〇一七年") == normalise("二○一七年") == normalise("2017年") == normalise("二零一六年")
    assert normalise("占71.3%。") == normalise("占 5 %")


def test_whitespace_punctuation_width_and_case_do_not_count():
    assert normalise("“中国·平潭”政府门户网站（www.pingtan.gov.cn）下载。") == \
        normalise("中国平潭 政府门户网站 ＷＷＷ．ＰＩＮＧＴＡＮ．ＧＯＶ．ＣＮ 下载")
    assert normalise("<!--[if !supportLists]-->1、明确年度工作重点。") == normalise("2.明确年度工作重点")
    assert normalise("㈠工作制度⑴") == normalise("（一）工作制度(1)") == "一工作制度0"


def test_chinese_numerals_in_words_are_words():
    assert normalise("一是加大公开力度") != normalise("二是加大公开力度")
    assert normalise("三同步") != normalise("四同步")
    assert normalise("二月二十日") != normalise("三月二十日")  # only years are replaced


def test_one_word_changed_is_another_text():
    edited = LONG_A.replace("认真", "积极")
    assert hashes(LONG_A) != hashes(edited)
    assert hashes(LONG_A) == hashes(LONG_A.replace("，", ",").replace("本区", "本区 "))


def test_digits_changed_give_the_same_print():
    first = "2016年，本区共受理政府信息公开申请12件，已全部办结，其中当面申请3件、网上申请9件，按时答复率为100%，未发生因政府信息公开引起的行政复议和行政诉讼。"
    second = first.replace("2016", "2017").replace("12件", "30件").replace("3件", "10件").replace("9件", "20件")
    assert hashes(first) == hashes(second) != []


# -- pieces ---------------------------------------------------------------------------


def test_short_text_gives_no_print_and_min_chars_counts_normalised_characters():
    assert paragraph_prints([("政府信息公开工作年度报告。", 1, 1, 1, 14)]) == []
    assert paragraph_prints([("政府信息公开工作年度报告。", 1, 1, 1, 14)], min_chars=12) != []
    padded = "，，，，，" * 20 + "政府信息公开工作年度报告。"  # 112 characters, 12 after normalisation
    assert paragraph_prints([(padded, 1, 1, 1, len(padded) + 1)], min_chars=13) == []
    with pytest.raises(ValueError):
        paragraph_prints([], min_chars=0)


def test_print_tuple_holds_the_normalised_length():
    (print_,) = paragraph_prints(paragraphs_of(LONG_A))
    assert print_[5] == len(normalise(LONG_A))
    assert 0 <= print_[0] < 1 << 64


def test_hashes_are_the_same_in_another_process():
    here = paragraph_prints(paragraphs_of(LONG_A + LONG_B))
    table = table_print([1, 2, 3, 4, Decimal("5.50"), 0])
    code = ("from decimal import Decimal; from linter.similarity import paragraph_prints, table_print; "
            f"print(paragraph_prints([({LONG_A + LONG_B!r}, 1, 1, 1, {len(LONG_A + LONG_B) + 1})])); "
            "print(table_print([1, 2, 3, 4, Decimal('5.5'), 0]))")
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}).stdout.split("\n")
        assert out[0] == repr(here) and out[1] == str(table)


def test_a_long_line_is_cut_into_sentences_with_exact_columns():
    line = "标题: 年度报告 " + LONG_A + LONG_B + "短句一。短句二。" + LONG_C
    text = "第一行。\n" + line + "\n"
    prints = paragraph_prints(paragraphs_of(text))
    assert len(prints) == 3  # the two short sentences (6 characters) are not printed
    pieces = [text_at(text, *p[1:5]) for p in prints]
    assert pieces == ["标题: 年度报告 " + LONG_A, LONG_B, LONG_C]
    assert all(p[1] == p[3] == 2 for p in prints)


def test_short_sentences_are_joined_until_long_enough():
    shorts = ["一是公开的形式不够多样，群众获取信息的渠道较少。", "二是长效工作机制建设不够健全，有待完善。",
              "三是部分单位公开内容不够深化，更新不及时。", "四是培训不够。"]
    assert [len(normalise(s)) for s in shorts] == [22, 18, 19, 6]  # 59 after three, 65 after four
    text = LONG_A + "".join(shorts) + LONG_B
    pieces = [text_at(text, *p[1:5]) for p in paragraph_prints(paragraphs_of(text))]
    assert pieces == [LONG_A, "".join(shorts), LONG_B]
    text = LONG_A + "".join(shorts[:3]) + LONG_B  # 59: too short, not printed
    assert [text_at(text, *p[1:5]) for p in paragraph_prints(paragraphs_of(text))] == [LONG_A, LONG_B]


def test_a_heading_starts_a_new_run_so_pieces_line_up_after_an_insertion():
    body = ["（二）工作制度方面，根据国务院和省政府的要求下发了通知。", "明确和细化了全年政务公开的工作重点和责任分工。",
            "各单位按照通知要求认真落实到位，并按时报送进展情况。", "下一步将继续加强督促检查和业务培训。"]
    inserted = "今年我们还新建了政务公开专区和查阅点。"
    assert [len(normalise(s)) for s in [inserted, *body]] == [18, 24, 22, 24, 17]
    before, after = hashes(LONG_A + "".join(body)), hashes(LONG_A + inserted + "".join(body))
    # Without the heading the insertion would shift the runs: 18+24+22 | 24+17 (too short).
    assert len(before) == len(after) == 2 and before[1] == after[1]


def test_spans_in_a_multi_line_paragraph():
    # A paragraph that starts at line 5, column 3 of the file and holds two newlines.
    file_lines = ["", "", "", "", "  " + LONG_A[:30], LONG_A[30:] + LONG_B[:10], LONG_B[10:]]
    text = "\n".join(file_lines)
    paragraph = "\n".join([LONG_A[:30], LONG_A[30:] + LONG_B[:10], LONG_B[10:]])
    prints = paragraph_prints([(paragraph, 5, 3, 7, len(LONG_B[10:]) + 1)])
    a_ends, b_ends = len(LONG_A) - 30 + 1, len(LONG_B) - 10 + 1
    assert [p[1:5] for p in prints] == [(5, 3, 6, a_ends), (6, a_ends, 7, b_ends)]
    assert [text_at(text, *p[1:5]).replace("\n", "") for p in prints] == [LONG_A, LONG_B]


def test_spans_with_crlf_and_lone_cr_line_breaks():
    paragraph = LONG_A[:20] + "\r\n" + LONG_A[20:] + "\r" + LONG_B
    prints = paragraph_prints([(paragraph, 1, 1, 3, len(LONG_B) + 1)])
    assert [p[1:5] for p in prints] == [(1, 1, 2, len(LONG_A) - 20 + 1), (3, 1, 3, len(LONG_B) + 1)]


def test_a_sentence_runs_on_into_the_next_paragraph_like_wrapped_pdf_lines():
    wrapped = [LONG_A[:25], LONG_A[25:50], LONG_A[50:] + LONG_B[:30], LONG_B[30:]]
    text = "\n".join(wrapped)
    prints = paragraph_prints(paragraphs_of(text))
    assert [p[0] for p in prints] == hashes(LONG_A + LONG_B)
    a_ends, b_ends = len(LONG_A) - 50 + 1, len(LONG_B) - 30 + 1
    assert [p[1:5] for p in prints] == [(1, 1, 3, a_ends), (3, a_ends, 4, b_ends)]


def test_spans_stay_within_a_paragraph_whose_text_is_longer_than_its_span():
    # HTML: entities and tags make the text and the file differ; never point past the paragraph.
    (print_,) = paragraph_prints([(LONG_A, 4, 10, 4, 40)])
    assert print_[1:5] == (4, 10, 4, 40)


def test_bad_paragraphs_are_skipped():
    blank = [("", 1, 1, 1, 1), ("   \n ", 2, 1, 3, 2), (None, 1, 1, 1, 1)]
    assert paragraph_prints(blank) == []  # type: ignore[arg-type]
    assert len(paragraph_prints([("\ud800" + LONG_A, 1, 1, 1, 2 + len(LONG_A))])) == 1  # a lone surrogate


# -- compact storage ------------------------------------------------------------------


def test_paragraph_prints_round_trip_and_pickle():
    prints = [(123, 1, 1, 1, 80, 61), ((1 << 64) - 1, 1, 80, 3, 5, 200), (0, 10, 3, 10, 2, 70), (7, 2, 1, 2, 1, 0)]
    stored = ParagraphPrints(prints)
    assert list(stored) == prints and len(stored) == 4 and stored[1] == prints[1]
    assert list(stored.hashes()) == [123, (1 << 64) - 1, 0, 7]
    again = pickle.loads(pickle.dumps(stored))
    assert again == stored and list(again) == prints
    assert list(ParagraphPrints()) == []


def test_prints_stores_compact_containers():
    report = Prints("a.txt", "甲单位", 2017, [(1, 1, 1, 1, 80, 61)], [5, 6])
    assert isinstance(report.paragraphs, ParagraphPrints)
    assert list(report.paragraphs) == [(1, 1, 1, 1, 80, 61)] and list(report.tables) == [5, 6]
    assert pickle.loads(pickle.dumps(report)) == report


def test_a_real_report_takes_well_under_a_kilobyte(corpus_dir):
    text = (corpus_dir / "013.txt").read_text(encoding="utf-8")
    prints = paragraph_prints(paragraphs_of(text))
    stored = ParagraphPrints(prints)
    assert list(stored) == prints
    assert len(prints) > 30
    assert sys.getsizeof(stored) < 18 * len(prints) + 100 < 1024
    as_tuples = sys.getsizeof(prints) + sum(sys.getsizeof(p) + sum(sys.getsizeof(v) for v in p) for p in prints)
    assert as_tuples > 8 * sys.getsizeof(stored)


# -- table prints ---------------------------------------------------------------------


def test_table_print_needs_every_value_and_enough_non_zero_ones():
    values = [425, 1516, 418, 1509, 7, 7, 0, 0]
    assert table_print(values) is not None
    assert table_print(values[:2] + [None] + values[3:]) is None
    assert table_print([425, 1516, 418, 1509, 0, 0, 0]) is None  # four non-zero values
    assert table_print([425, 1516, 418, 1509, 0, 0, 0], min_nonzero=4) is not None
    assert table_print([1, 2, 3, 4, Decimal("NaN")]) is None
    assert table_print([]) is None


def test_table_print_compares_values_not_spellings():
    assert table_print([1, 2, 3, 4, 5]) == table_print([Decimal("1"), Decimal("2.00"), 3, Decimal("4E0"), 5])
    assert table_print([1, 2, 3, 4, Decimal("5.5")]) == table_print([1, 2, 3, 4, Decimal("5.50")])
    assert table_print([1, 2, 3, 4, 5]) != table_print([1, 2, 3, 5, 4])  # reading order counts
    assert table_print([1, 2, 3, 4, 5]) != table_print([1, 2, 3, 4, 5, 0])
    assert table_print([1, 2, 3, 4, -5]) != table_print([1, 2, 3, 4, 5])
    assert table_print([12, 3, 4, 5, 6]) != table_print([1, 23, 4, 5, 6])


# -- copies ---------------------------------------------------------------------------


def test_last_year_copy_is_found_with_both_spans():
    this_year = "我们的新做法。" * 3 + LONG_A + LONG_C
    reports = [prints_of(LONG_A + LONG_B, "zone-2016.txt", "甲", 2016),
               prints_of(this_year, "zone-2017.txt", "甲", 2017)]
    (copy,) = copied_paragraphs(reports)
    assert (copy.key, copy.source_key, copy.kind) == ("zone-2017.txt", "zone-2016.txt", "last-year")
    assert text_at(this_year, *copy.paragraph[1:5]) == LONG_A
    assert copy.source_paragraph[1:5] == (1, 1, 1, len(LONG_A) + 1)
    assert copy.paragraph[0] == copy.source_paragraph[0]


def test_only_last_year_and_same_year_other_units_count():
    reports = [prints_of(LONG_A, "a-2015", "甲", 2015), prints_of(LONG_A, "a-2017", "甲", 2017),
               prints_of(LONG_A, "a-2017-again", "甲", 2017), prints_of(LONG_A, "b-2016", "乙", 2016),
               prints_of(LONG_A, "x-unknown-year", "丙", None)]
    assert copied_paragraphs(reports) == []  # two years back, a duplicate, other units other years, no year
    reports.append(prints_of(LONG_A, "a-2016", "甲", 2016))
    found = [(c.key, c.source_key, c.kind) for c in copied_paragraphs(reports)]
    assert found == [("a-2016", "a-2015", "last-year"), ("a-2017", "a-2016", "last-year"),
                     ("a-2017-again", "a-2016", "last-year"), ("b-2016", "a-2016", "other-unit")]


def test_other_unit_copy_is_said_once_on_the_later_key_from_the_earliest():
    reports = [prints_of(LONG_B, "c.txt", "丙", 2017), prints_of(LONG_B, "a.txt", "甲", 2017),
               prints_of(LONG_B, "b.txt", "乙", 2017)]
    found = [(c.key, c.source_key, c.kind) for c in copied_paragraphs(reports)]
    assert found == [("b.txt", "a.txt", "other-unit"), ("c.txt", "a.txt", "other-unit")]


def test_a_report_of_an_unknown_unit_is_a_unit_of_its_own():
    reports = [prints_of(LONG_B, "a.txt", "", 2017), prints_of(LONG_B, "b.txt", "", 2017)]
    assert [(c.key, c.source_key) for c in copied_paragraphs(reports)] == [("b.txt", "a.txt")]


def test_many_copied_paragraphs_give_one_copy_each():
    reports = [prints_of(LONG_A + LONG_B + LONG_C, "a.txt", "甲", 2017),
               prints_of(LONG_C + LONG_B + LONG_A, "b.txt", "乙", 2017)]
    copies = copied_paragraphs(reports)
    assert [c.paragraph[1:5] for c in copies] == sorted(c.paragraph[1:5] for c in copies)
    assert len(copies) == 3 and {c.source_key for c in copies} == {"a.txt"}


def test_boilerplate_held_by_five_units_is_not_reported():
    def units(count: int) -> list[Prints]:
        return [prints_of(LONG_A + LONG_B if i < 2 else LONG_A, f"u{i}.txt", f"单位{i}", 2017) for i in range(count)]

    assert {c.paragraph[0] for c in copied_paragraphs(units(4))} == set(hashes(LONG_A + LONG_B))
    assert {c.paragraph[0] for c in copied_paragraphs(units(5))} == {hashes(LONG_B)[0]}  # LONG_A: template
    assert {c.paragraph[0] for c in copied_paragraphs(units(5), boilerplate_units=6)} == set(hashes(LONG_A + LONG_B))


def test_boilerplate_share_in_a_set_of_ten_units_or_more():
    # 15 units: 20% is 3 units; a text held by 3 of them is template, by 2 is a copy.
    reports = [prints_of(UNRELATED + str(i), f"u{i:02}.txt", f"单位{i}", 2017) for i in range(15)]
    for i in range(3):
        reports[i] = prints_of(LONG_A + (LONG_B if i < 2 else ""), f"u{i:02}.txt", f"单位{i}", 2017)
    found = copied_paragraphs(reports)
    assert [(c.key, c.source_key, text_at(LONG_A + LONG_B, *c.paragraph[1:5])) for c in found] == \
        [("u01.txt", "u00.txt", LONG_B)]
    # 10 units: 20% would be 2, but two units sharing a passage is a copy, never a template
    assert [(c.key, c.source_key, text_at(LONG_A + LONG_B, *c.paragraph[1:5]))
            for c in copied_paragraphs(reports[:10])] == [("u01.txt", "u00.txt", LONG_B)]
    assert S.boilerplate_threshold(9) == 5 and S.boilerplate_threshold(10) == 3
    assert S.boilerplate_threshold(15) == 3 and S.boilerplate_threshold(100) == 5


def test_a_text_held_many_times_is_template_only_if_many_units_hold_it():
    template = [prints_of(LONG_A, f"t{i:02}.txt", f"单位{i}", 2017) for i in range(40)]
    one_unit = [prints_of(LONG_C, f"z{year}.txt", "甲", year) for year in range(2001, 2021)]
    pair = [prints_of(LONG_B, "p1.txt", "乙", 2017), prints_of(LONG_B, "p2.txt", "丙", 2017)]
    found = [(c.key, c.source_key, c.kind) for c in copied_paragraphs(template + one_unit + pair)]
    assert found == [("p2.txt", "p1.txt", "other-unit")] + \
        [(f"z{year}.txt", f"z{year - 1}.txt", "last-year") for year in range(2002, 2021)]


def test_bad_thresholds_are_refused():
    with pytest.raises(ValueError):
        copied_paragraphs([], boilerplate_units=1)
    with pytest.raises(ValueError):
        copied_paragraphs([], boilerplate_share=0)


def test_copies_do_not_depend_on_input_order_nor_on_buckets(monkeypatch):
    texts = [LONG_A + LONG_B, LONG_B + LONG_C, LONG_C + UNRELATED, LONG_A + LONG_C]
    reports = [prints_of(texts[i % 4], f"r{i}.txt", f"单位{i % 3}", 2016 + i % 2) for i in range(12)]
    expected = copied_paragraphs(reports)
    assert expected and all(isinstance(c, Copy) for c in expected)
    shuffled = reports[:]
    random.Random(7).shuffle(shuffled)
    assert copied_paragraphs(shuffled) == expected
    monkeypatch.setattr(S, "_BUCKET", 2)  # many buckets, a few hashes each
    assert copied_paragraphs(shuffled) == expected


def test_identical_tables_across_units_only():
    table, other = table_print([1, 2, 3, 4, 5]), table_print([5, 4, 3, 2, 1])
    reports = [Prints("b.txt", "乙", 2011, [], [table]), Prints("a.txt", "甲", 2011, [], [other, table]),
               Prints("a-2012.txt", "甲", 2012, [], [other]), Prints("c.txt", "丙", 2011, []),
               Prints("d.txt", "丁", 2013, [], [table, table])]
    assert identical_tables(reports) == [("b.txt", "a.txt"), ("d.txt", "a.txt"), ("d.txt", "b.txt")]
    assert identical_tables(list(reversed(reports))) == identical_tables(reports)


# -- the shared corpus -----------------------------------------------------------------


def test_pingtan_2017_copies_2016(corpus_dir):
    texts = {name: (corpus_dir / name).read_text(encoding="utf-8") for name in ("013.txt", "014.txt")}
    reports = [prints_of(texts["013.txt"], "013.txt", "平潭综合实验区管委会", 2016),
               prints_of(texts["014.txt"], "014.txt", "平潭综合实验区管委会", 2017),
               prints_of(UNRELATED * 3, "unrelated.txt", "平潭综合实验区管委会", 2017)]
    copies = copied_paragraphs(reports)
    assert copies and all((c.key, c.source_key, c.kind) == ("014.txt", "013.txt", "last-year") for c in copies)
    copied = [text_at(texts["014.txt"], *c.paragraph[1:5]) for c in copies]
    sources = [text_at(texts["013.txt"], *c.source_paragraph[1:5]) for c in copies]
    # Read: the 2017 report repeats these from 2016, with only the numbers changed.
    assert any(t.startswith("二、主动公开政府信息情况（一）主动公开政府信息的数量2017年全区主动公开政府信息2122条。其中")
               for t in copied)
    assert "2.公众查阅点指定区行政服务中心、县档案馆、县图书馆为全区政府公开信息公众查阅场所，为公众提供区直各单位和各乡镇主动公开的政府信息。" in copied
    for copy, text, source in zip(copies, copied, sources):
        assert copy.paragraph[1] == copy.paragraph[3] == 10  # the report body is line 10
        assert normalise(text) == normalise(source) and len(normalise(text)) == copy.paragraph[5] >= 60


def test_zone_and_county_2011_share_text_and_table(corpus_dir):
    texts = {name: (corpus_dir / name).read_text(encoding="utf-8") for name in ("004.txt", "005.txt")}
    # 004 spaces its cells (主动公开信息数 条 425 1516); 005 runs them together (条4251516),
    # read here as the manifest reads it: 425|1516, 418|1509, then the same 7 7 and zeros.
    zone = [425, 1516, 418, 1509, 7, 7] + [0] * 28
    county = [425, 1516, 418, 1509, 7, 7] + [0] * 28
    reports = [prints_of(texts["004.txt"], "004.txt", "平潭综合实验区管委会", 2011, [table_print(zone)]),
               prints_of(texts["005.txt"], "005.txt", "平潭县人民政府", 2011, [table_print(county)])]
    assert identical_tables(reports) == [("005.txt", "004.txt")]
    copies = copied_paragraphs(reports)
    assert len(copies) >= 10
    assert {(c.key, c.source_key, c.kind) for c in copies} == {("005.txt", "004.txt", "other-unit")}
    copied = [text_at(texts["005.txt"], *c.paragraph[1:5]) for c in copies]
    assert "四是政府信息公开宣传力度还不够，造成公众查阅点利用率不高。" in "".join(copied)
    # A value that could not be read is never part of an identity.
    unread = Prints("005.txt", "平潭县人民政府", 2011, [], [table_print([None, None, 7, 7] + [0] * 28)])
    assert list(unread.tables) == []
    assert identical_tables([reports[0], unread]) == []


def test_unrelated_text_copies_nothing_from_the_corpus(corpus_dir):
    reports = [prints_of((corpus_dir / name).read_text(encoding="utf-8"), name, "平潭综合实验区管委会", year)
               for name, year in (("013.txt", 2016), ("014.txt", 2017))]
    reports.append(prints_of(UNRELATED + "\n" + LONG_A, "other.txt", "某县人民政府", 2017))
    assert all("other.txt" not in (c.key, c.source_key) for c in copied_paragraphs(reports))
