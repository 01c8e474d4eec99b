"""Prose arithmetic (TXT004 parts and whole, TXT005 shares), counts tied to the
tables by the tables' own words (TXT001), plausibility (ARI008): each fires on
a real or minimally edited real report and stays silent on the clean ones; a
property: narratives written from consistent numbers never fire, and changing
one stated number fires exactly the check tied to it."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.engine import lint_bytes

from helpers import CORPUS, findings_of, line_of, replace_line, seed_text

NARRATIVE = ("TXT001", "TXT002", "TXT003", "TXT004", "TXT005")


def codes(text: str, path: str = "r.txt") -> list[str]:
    return [d.code for d in lint_bytes(text.encode("utf-8"), path).diagnostics]


def with_paragraph(paragraph: str) -> str:
    """Seed 003 (a clean 2022 report) with one more paragraph at the end of part 一."""
    text = seed_text("003")
    assert line_of(text, 19) == "二、主动公开政府信息情况"
    lines = text.split("\n")
    lines.insert(18, paragraph)
    return "\n".join(lines)


# -- on the real reports ---------------------------------------------------------


@pytest.mark.parametrize("name, code, words", [
    ("006.txt", "TXT004", "3926"),  # 主动公开 + 依申请公开 + 不予公开 ≠ 总数 3978
    ("006.txt", "TXT004", "3978（2475 + 1503）"),  # shares of 100% split 2026 into 3978
    ("007.txt", "TXT004", "1931（1397 + 534）"),
    ("007.txt", "TXT005", "“行政许可类信息145条，占8.05%”应为 7.58%"),
    ("011.txt", "TXT004", "2641"),  # categories of 主动公开 2543 stated earlier
    ("016.txt", "TXT004", "2533"),
    ("017.txt", "TXT004", "2603"),
    ("043.html", "TXT004", "2603"),
    ("008.txt", "TXT001", "网上申请数"),  # the table's own row label, 3 vs 4
    ("020.txt", "TXT001", "无论如何拆分"),  # 393 cannot end the run 77132470
])
def test_narrative_defects_of_real_reports(corpus_dir, name, code, words):
    found = findings_of((CORPUS / name).read_bytes(), code, name)
    assert any(words in d.message for d in found), [d.message for d in found]
    assert all(d.severity == "warning" for d in found)


#: The real reports whose prose does not add up (audits/expectations.json); the rest are clean.
UNBALANCED = {"006.txt", "007.txt", "011.txt", "016.txt", "017.txt", "043.html"}


def test_clean_real_reports_raise_no_prose_arithmetic(corpus_dir, seeds_dir):
    for path in sorted(p for p in CORPUS.iterdir() if p.name[:3].isdigit() and p.name not in UNBALANCED):
        assert not {"TXT004", "TXT005", "ARI008"} & set(codes_of(path)), path.name
    for prefix in ("000", "001", "002", "003", "004"):
        assert not {"TXT004", "TXT005", "ARI008"} & set(codes(seed_text(prefix))), prefix


def codes_of(path) -> list[str]:
    return [d.code for d in lint_bytes(path.read_bytes(), path.name).diagnostics]


def test_fixing_the_numbers_silences_the_findings(corpus_dir):
    text = (CORPUS / "016.txt").read_text(encoding="utf-8")
    assert findings_of(text, "TXT004", "016.txt")
    assert not findings_of(text.replace("共公布政府信息2599条", "共公布政府信息2533条"), "TXT004", "016.txt")
    text = (CORPUS / "007.txt").read_text(encoding="utf-8")
    assert not findings_of(text.replace("行政许可类信息145条，占8.05%", "行政许可类信息145条，占7.58%"),
                           "TXT005", "007.txt")


# -- on a clean report, edited ------------------------------------------------------------


def test_an_incomplete_list_is_not_added_up(seeds_dir):
    text = with_paragraph("全年共收到政府信息公开申请50件，其中网上申请30件，信函申请10件。")
    assert not {"TXT004", "TXT005"} & set(codes(text))


def test_approximate_parts_are_not_added_up(seeds_dir):
    text = with_paragraph("全年共公布政府信息120条（其中政策文件类信息约30条，其他信息80条）。")
    assert "TXT004" not in codes(text)
    text = with_paragraph("全年共公布政府信息120条（其中政策文件类信息30条，其他信息80条）。")
    assert "TXT004" in codes(text)


def test_a_share_above_a_hundred_percent(seeds_dir):
    text = with_paragraph("在网站主动公开的200条政府信息中，政策文件类信息50条，占125%；规划类信息150条，占75%。")
    (finding,) = findings_of(text, "TXT005")
    assert "125" in finding.message


def test_deadlines_and_dates_are_never_compared(seeds_dir):
    text = with_paragraph("全年共收到政府信息公开申请0件，申请应在20个工作日内答复，2023年1月5日起"
                          "依据国办公开办函〔2021〕30号第十条办理，咨询电话0591-23165250。")
    assert not {"TXT001", "TXT004", "TXT005"} & set(codes(text))


def test_table2_in_force_against_issued(seeds_dir):
    text = seed_text("003")
    assert line_of(text, 23) == "行政规范性文件 | 0 | 0 | 0 |"
    (finding,) = findings_of(replace_line(text, 23, "行政规范性文件 | 5 | 0 | 0 |"), "ARI008")
    assert finding.severity == "warning" and "现行有效件数" in finding.message
    assert not findings_of(replace_line(text, 23, "行政规范性文件 | 5 | 0 | 37 |"), "ARI008")
    assert not findings_of(replace_line(text, 23, "行政规范性文件 | 5 | 5 | 0 |"), "ARI008")


def test_table2_counts_named_in_the_prose(seeds_dir):
    text = replace_line(seed_text("003"), 23, "行政规范性文件 | 5 | 0 | 37 |")
    wrong = with_paragraph("本年度制发行政规范性文件6件，现行有效行政规范性文件37件。").replace(
        "行政规范性文件 | 0 | 0 | 0 |", "行政规范性文件 | 5 | 0 | 37 |")
    (finding,) = findings_of(wrong, "TXT001")
    assert "本年制发件数" in finding.message and "5" in finding.message
    right = wrong.replace("制发行政规范性文件6件", "制发行政规范性文件5件")
    assert not findings_of(right, "TXT001")
    assert text  # (the unedited table: 0 | 0 | 0)


# -- the property ------------------------------------------------------------------------------

CATEGORIES = ["机构职能类信息", "政策、规范性文件类信息", "规划计划类信息", "行政许可类信息", "重大建设项目信息",
              "为民办实事类信息", "科教文体卫生类信息", "安全生产、应急管理类信息"]
NOISE = ["各部门在20个工作日内答复申请人。", "依据国办公开办函〔2021〕30号第十条开展工作。",
         "咨询电话0591-23165250。", "本年度分三个方面推进工作。", "2023年3月1日起施行新的制度。"]
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def _share(part: int, whole: int, places: int) -> Decimal:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


@st.composite
def narratives(draw):
    """(style, parts, whole, shares) of a consistent statement."""
    style = draw(st.sampled_from(["paren", "qizhong", "base", "categories"]))
    n = draw(st.integers(2, 6))
    # parts above the largest change the tests make: a changed part never makes
    # a shorter reading of the shares add up by coincidence
    parts = draw(st.lists(st.integers(51, 3000), min_size=n, max_size=n))
    places = draw(st.integers(0, 2)) if style in ("qizhong", "base") else 0
    names = draw(st.permutations(CATEGORIES))[:n]
    return style, parts, names, places, draw(st.booleans()), draw(st.sampled_from(NOISE))


def write(style: str, parts: list[int], names: list[str], places: int, full_width: bool, noise: str,
          shares: list[Decimal] | None = None, whole: int | None = None) -> str:
    whole = sum(parts) if whole is None else whole
    if shares is None:
        shares = [_share(p, whole, places) for p in parts]

    def n(value) -> str:
        return str(value).translate(_FULL) if full_width else str(value)

    if style == "paren":
        listed = "，".join(f"{name}{n(p)}条" for name, p in zip(names[:-1], parts[:-1]))
        body = f"全年共公布政府信息{n(whole)}条（其中{listed}，其他应主动公开政府信息{n(parts[-1])}条）。"
    elif style == "qizhong":
        first = f"其中，{names[0]}{n(parts[0])}条，占{n(shares[0])}%。"
        rest = "".join(f"{name}{n(p)}条，占{n(s)}%。" for name, p, s in zip(names[1:], parts[1:], shares[1:]))
        body = f"2022年主动公开政府信息{n(whole)}条。{first}{rest}"
    elif style == "base":
        listed = "；".join(f"{name}{n(p)}条，占{n(s)}%" for name, p, s in zip(names, parts, shares))
        body = f"在门户网站主动公开的{n(whole)}条政府信息中，{listed}。"
    else:
        listed = "，".join(f"{name}{n(p)}条" for name, p in zip(names[:-1], parts[:-1]))
        body = (f"2022年主动公开政府信息{n(whole)}条。{noise}我局主动公开政府信息的主要类别有：{listed}，"
                f"其他信息{n(parts[-1])}条。")
    return noise + body


def prose_codes(paragraph: str) -> list[str]:
    return [c for c in codes(with_paragraph(paragraph)) if c in NARRATIVE]


@settings(max_examples=60, deadline=None)
@given(narratives())
def test_consistent_narratives_never_fire(story):
    assert prose_codes(write(*story)) == []


@settings(max_examples=60, deadline=None)
@given(narratives(), st.data())
def test_changing_one_part_fires_one_check_of_its_list(story, data):
    """The sum check, or — where the shares can also be read as a shorter
    complete list that the changed number makes add up — the share check."""
    style, parts, names, places, full_width, noise = story
    whole = sum(parts)
    k = data.draw(st.integers(0, len(parts) - 1))
    changed = list(parts)
    changed[k] += data.draw(st.integers(1, 50))
    shares = [_share(p, whole, places) for p in parts]  # the shares as first written
    found = prose_codes(write(style, changed, names, places, full_width, noise, shares, whole))
    assert found == ["TXT004"] or (style in ("qizhong", "base") and found == ["TXT005"])


@settings(max_examples=60, deadline=None)
@given(narratives().filter(lambda s: s[0] in ("qizhong", "base")), st.data())
def test_changing_one_share_fires_the_share_check_once(story, data):
    style, parts, names, places, full_width, noise = story
    whole = sum(parts)
    shares = [_share(p, whole, places) for p in parts]
    k = data.draw(st.integers(0, len(parts) - 1))
    shares[k] += data.draw(st.sampled_from([Decimal(3), Decimal(-3), Decimal(7)]))
    if shares[k] < 0:
        shares[k] = -shares[k] + 5
    assert prose_codes(write(style, parts, names, places, full_width, noise, shares, whole)) == ["TXT005"]


@pytest.mark.parametrize("said, changed, quantity", [
    ("无法提供 564 件", "无法提供 563 件", "unable"),  # = the three （四） rows
    ("不予公开 20 件", "不予公开 21 件", "withheld"),  # = the eight （三） rows
])
def test_results_of_the_year_against_table3(corpus_dir, said, changed, quantity):
    text = (CORPUS / "003.md").read_text(encoding="utf-8")
    assert said in text
    assert not [d for d in findings_of(text, "TXT001", "003.md") if d.data.get("quantity") == quantity]
    (finding,) = [d for d in findings_of(text.replace(said, changed), "TXT001", "003.md")
                  if d.data.get("quantity") == quantity]
    assert changed.replace(" ", "") in finding.message.replace(" ", "")


def test_disclosed_against_table3_open_and_partial(seeds_dir):
    """予以公开及部分公开 = （一）予以公开 + （二）部分公开 (seed 003: every cell 0)."""
    said = "全年收到政府信息公开申请0件，予以公开及部分公开{}件。"
    assert not findings_of(with_paragraph(said.format(0)), "TXT001")
    (finding,) = findings_of(with_paragraph(said.format(2)), "TXT001")
    assert finding.data["quantity"] == "disclosed" and "（二）部分公开" in finding.message
