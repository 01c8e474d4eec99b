"""The quantity grammar (grammars/quantity.lark, linter/quantities.py): what a
number in prose is, what it counts, and which numbers form a whole and its parts."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.quantities import chinese_number, read_paragraph, same_noun, unqualified


def kinds(text: str) -> list[tuple[str, object, str]]:
    return [(q.kind, q.value, q.unit) for q in read_paragraph(text).quantities]


@pytest.mark.parametrize("text, expected", [
    ("收到申请75件", [("count", 75, "件")]),
    ("在15个工作日内予以答复", [("duration", 15, "个工作日")]),
    ("20日内", [("duration", 20, "日内")]),
    ("收费1.2万元", [("amount", Decimal("1.2"), "万元")]),
    ("同比增长12.5%", [("change", Decimal("12.5"), "%")]),
    ("浏览量536万", [("number", 5360000, "")]),
    ("发布信息1.2万条", [("count", 12000, "条")]),
    ("收到申请７５件", [("count", 75, "件")]),  # full-width digits
    ("办理三件", [("count", 3, "件")]),  # Chinese numerals
    ("共一百零五条", [("count", 105, "条")]),
])
def test_what_a_number_is(text, expected):
    assert kinds(text) == expected


@pytest.mark.parametrize("text", [
    "2023年3月1日发布", "电话0591-23165250", "国办公开办函〔2021〕30号", "依据第十三条", "按照第20条规定",
])
def test_dates_phones_document_numbers_and_ordinals_are_not_counts(text):
    assert all(q.kind != "count" for q in read_paragraph(text).quantities), kinds(text)


def test_the_subject_is_what_the_number_counts():
    (q,) = read_paragraph("2012年，在网站主动公开政府信息1913条").quantities
    assert q.subject == "在网站主动公开政府信息" and q.value == 1913
    (q,) = read_paragraph("在网站主动公开的1913条政府信息中，").quantities
    assert q.subject == "在网站主动公开" and q.after == "政府信息中"


def test_approximations_are_marked():
    found = read_paragraph("约300件，办结200余件，受理100件以上，共50件").quantities
    assert [q.approx for q in found] == [True, True, True, False]


@pytest.mark.parametrize("numeral, value", [
    ("十二", 12), ("二十", 20), ("一百零五", 105), ("两千", 2000), ("一千零二十五", 1025), ("十三五", None),
    ("一一", None), ("一百五", None),
])
def test_chinese_numerals(numeral, value):
    assert chinese_number(numeral) == value


def enumerations(text: str):
    return [(e.how, e.whole.value if e.whole else None, [p.value for p in e.parts], e.complete)
            for e in read_paragraph(text).enumerations]


def test_a_whole_and_its_parts_after_qizhong_in_brackets():
    text = "共公布政府信息120条（其中政策文件类信息30条，规划计划类信息10条，其他信息80条）对于主动公开的信息…"
    assert enumerations(text) == [("parts", 120, [30, 10, 80], "other")]


def test_qizhong_opening_the_next_sentence_and_shares_running_on():
    text = "全年主动公开政府信息200条。其中，区直部门主动公开政府信息150条，占75%。各乡镇主动公开政府信息50条，占25%。"
    assert enumerations(text) == [("parts", 200, [150, 50], "shares")]


def test_a_base_named_with_zhong():
    text = "在网站主动公开的200条政府信息中，政策文件类信息50条，占25%；规划类信息150条，占75%。"
    assert enumerations(text) == [("base", 200, [50, 150], "shares")]


def test_categories_of_a_quantity_stated_elsewhere():
    text = "主动公开政府信息的主要类别有：政策文件类信息50条，规划类信息30条，其他信息20条。"
    ((how, whole, parts, complete),) = enumerations(text)
    assert (how, whole, parts, complete) == ("categories", None, [50, 30, 20], "other")
    assert read_paragraph(text).enumerations[0].noun == "主动公开政府信息"


def test_shares_adding_up_to_a_hundred_percent():
    text = "县直各单位主动公开政府信息150条，占60%。各乡镇主动公开政府信息100条，占40%。"
    ((how, whole, parts, complete),) = enumerations(text)
    assert (how, whole, parts, complete) == ("shares", None, [150, 100], "shares")


def test_a_list_after_qizhong_is_not_complete_without_other_shares_or_a_partition():
    text = "共收到申请50件，其中网上申请30件，信函申请10件。"
    assert enumerations(text) == [("parts", 50, [30, 10], None)]
    text = "制作政府信息总数100条，其中主动公开政府信息60条，依申请公开信息数30条，不予公开信息数10条。"
    assert enumerations(text)[0][3] == "partition"


def test_a_whole_is_found_by_what_it_counts():
    whole, part = read_paragraph("全年主动公开政府信息2543条，各乡镇主动公开政府信息856条").quantities
    noun = "我区各工作部门主动公开政府信息"
    assert same_noun(noun, whole) and same_noun(noun, part)
    assert unqualified(noun, whole) and not unqualified(noun, part)
    (other,) = read_paragraph("共受理申请30件").quantities
    assert not same_noun(noun, other)


def test_a_paragraph_the_grammar_cannot_read_gives_nothing_rather_than_a_guess():
    assert read_paragraph("没有数字的段落。").quantities == []
    assert read_paragraph("总浏览量为536万，同比显著增长").quantities  # a change without a number is fine


# ---------------------------------------------------------------------------
# The hand-written reading of the grammar against Lark's own parse of it


def _shape(items) -> list:
    """Lark's trees and tokens, or parse_items's items and spans, as the same plain data."""
    def token(t):
        return (t.type, t.start_pos) if hasattr(t, "type") else (t[0], t[1])

    return [(str(item.data), [token(t) for t in item.children]) if hasattr(item, "data") else token(item)
            for item in items]


def _both(spans) -> tuple[object, object]:
    """(Lark's parse of grammars/quantity.lark, parse_items) of the scanner's spans,
    each a shape or "not in the grammar"."""
    from lark import Token
    from lark.exceptions import UnexpectedInput

    from linter import quantities as Q
    from linter.parser import get_parser

    parser = get_parser(Q.GRAMMAR, strict=False)
    tokens = [Token(kind, "x", start_pos=start, end_pos=end) for kind, start, end in spans]
    try:
        by_lark: object = _shape(parser.parse(tokens).children)
    except UnexpectedInput:
        by_lark = "not in the grammar"
    try:
        by_hand: object = _shape(Q.parse_items(spans))
    except Q._NotInGrammar:
        by_hand = "not in the grammar"
    return by_lark, by_hand


def test_parse_items_gives_larks_trees_on_every_paragraph_of_the_corpus(corpus_dir):
    from linter import quantities as Q
    from linter.engine import parse_source
    from linter.source import read_path

    seeds = corpus_dir.parent / "seeds"
    paragraphs = 0
    for path in sorted(corpus_dir.glob("0*.*")) + sorted(seeds.glob("*.txt")):
        if path.suffix not in (".txt", ".md", ".html", ".pdf"):
            continue
        report = parse_source(read_path(str(path)))
        for paragraph in list(report.front) + [p for s in report.sections for p in s.paragraphs]:
            if Q._NUMERIC.search(paragraph.text):
                by_lark, by_hand = _both(Q._scan(Q._half_width(paragraph.text)))
                assert by_hand == by_lark, (path.name, paragraph.text[:80])
                paragraphs += 1
    assert paragraphs > 250  # (283 today: every paragraph with a number)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["NUM", "UNIT", "MONEY", "PCT", "DURATION", "SHARE", "CHANGE", "WORD", "COMMA",
                                 "STOP", "TOTAL", "DATE", "ENUM", "OPEN", "CLOSE"]), max_size=12))
def test_parse_items_gives_larks_trees_on_any_token_sequence(types):
    by_lark, by_hand = _both([(kind, k, k + 1) for k, kind in enumerate(types)])
    assert by_hand == by_lark


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["2021年", "3月5日", "0591-1234567", "13912345678", "〔2021〕12号", "第三", "12", "1,234",
                                 "3.5", "万", "件", "条", "元", "万元", "%", "个工作日", "占", "同比增长", "增加", "共",
                                 "公共", "累计", "其中", "包括", "主要类别有", "其他", "约", "近年", "以上", "，", "、",
                                 "；", "：", "（", "）", "。", "\n", " ", "政府信息", "申请", "一百零五", "两"]),
               max_size=15).map("".join))
def test_the_scanners_guards_change_no_token(text):
    """The scanner's patterns with guards (linter.labels.guarded) and without
    find the same terminal, the same length, at every position."""
    import re

    from linter import quantities as Q

    from linter.parser import get_parser

    parser = get_parser(Q.GRAMMAR, strict=False)
    terminals = [(t.name, t.pattern.to_regexp()) for _, t in
                 sorted(enumerate(parser.terminals), key=lambda pair: (-pair[1].priority, pair[0]))]
    guarded, plain = re.compile(Q._master(terminals)), re.compile(Q._master(terminals, guard=False))
    for pos in range(len(text)):
        a, b = guarded.match(text, pos), plain.match(text, pos)
        assert (a and (a.lastgroup, a.end())) == (b and (b.lastgroup, b.end())), pos


def test_the_kept_terminals_are_the_grammars(tmp_path, monkeypatch):
    """The scanner takes the quantity grammar's terminals from a file kept beside
    the grammar's analysis; made or read, they are Lark's (name, pattern,
    priority, in the grammar's order)."""
    from linter import quantities as Q
    from linter.parser import get_parser, grammar_terminals

    monkeypatch.setenv("XXGK_LINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))  # (the fallback place: nothing from other runs)
    larks = [(t.name, t.pattern.to_regexp(), t.priority) for t in get_parser(Q.GRAMMAR, strict=False).terminals]
    made = grammar_terminals(Q.GRAMMAR)
    (kept,) = tmp_path.glob("terminals-quantity-*.marshal")
    assert made == grammar_terminals(Q.GRAMMAR) == larks  # (the second one read from the file)
    assert len(larks) > 20
    kept.write_bytes(b"[[1, 2]]")  # damaged: read from the grammar again
    assert grammar_terminals(Q.GRAMMAR) == larks


def test_a_grammar_analysis_made_anew_leaves_only_the_newest_few_behind(tmp_path, monkeypatch):
    """Each change or move of a grammar makes a new cached analysis; the old ones
    are removed when a new one is made (the four newest stay)."""
    import os

    from linter import quantities as Q
    from linter.parser import _load

    monkeypatch.setenv("XXGK_LINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    for age in range(6):
        old = tmp_path / f"grammar-quantity-old{age}.pickle"
        old.write_bytes(b"")
        os.utime(old, ns=(10**18 - age * 10**9,) * 2)
    (tmp_path / "grammar-2021-old.pickle").write_bytes(b"")  # (another grammar's: not this one's to prune)
    _load(Q.GRAMMAR, strict=False)
    kept = sorted(p.name for p in tmp_path.glob("grammar-quantity-*.pickle"))
    assert len(kept) == 4 and "grammar-quantity-old0.pickle" in kept and "grammar-quantity-old5.pickle" not in kept
    assert (tmp_path / "grammar-2021-old.pickle").exists()
