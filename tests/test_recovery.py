"""Splitting run-together cells only where the split is provably unique (linter/recovery.py)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.ast import Cell, Row, Span
from linter import recovery
from linter.recovery import recover_row

from helpers import CORPUS, findings_of

T3_ROW = lambda v: sum(v[:6]) == v[6]  # noqa: E731  (table 三: six applicant columns = 总计)
T4_ROW = lambda v: all(sum(v[g:g + 4]) == v[g + 4] for g in (0, 5, 10))  # noqa: E731


def _row(runs: list[str], expected: int) -> Row:
    cells, column = [], 11
    for raw in runs:
        digits = raw.isdigit()
        cells.append(Cell(raw, "int" if digits else "text", int(raw) if digits else None,
                          Span(3, column, 3, column + len(raw)), run_together=len(raw) > 1))
        column += len(raw) + 1
    return Row("k", "行", "行", Span(3, 1, 3, 10), cells=cells, expected=expected)


@pytest.mark.parametrize("runs, expected, identity, split", [
    (["1000001"], 7, T3_ROW, [1, 0, 0, 0, 0, 0, 1]),  # as many digits as cells
    (["1000001"], 7, None, [1, 0, 0, 0, 0, 0, 1]),  # no identity needed for that
    (["00"], 2, None, [0, 0]),
    (["713000074"], 7, T3_ROW, [71, 3, 0, 0, 0, 0, 74]),  # one split adds up (019.txt)
    (["20", "0", "00", "0", "121"], 7, T3_ROW, [20, 0, 0, 0, 0, 1, 21]),  # spaced runs (017.txt)
    (["25380363300630003"], 15, T4_ROW, [25, 3, 8, 0, 36, 3, 3, 0, 0, 6, 3, 0, 0, 0, 3]),  # 022.txt
])
def test_a_unique_split_is_recovered(runs, expected, identity, split):
    row = _row(runs, expected)
    assert recover_row(row, identity)
    assert [cell.value for cell in row.cells] == split
    assert not any(cell.run_together for cell in row.cells)
    # cells cut out of runs are marked; a lone digit written apart was a cell already
    kept = sum(1 for raw in runs if len(raw) == 1)
    assert [cell.provenance for cell in row.cells].count("source") == kept
    # every cell keeps the exact columns of its digits
    text = " ".join(runs)
    assert "".join(text[c.span.column - 11:c.span.end_column - 11] for c in row.cells) == text.replace(" ", "")


_SIGNED_RUN = st.builds(lambda sign, digits: sign + digits, st.sampled_from(["", "-", "+", "－"]),
                        st.text("0123456789", min_size=2, max_size=6))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_SIGNED_RUN, min_size=1, max_size=3).map("".join), min_size=1, max_size=3))
def test_a_run_with_a_digit_for_every_cell_has_the_one_split_the_general_search_finds(runs):
    """Rows with as many digits as cells (0000000) take a short way; it finds
    what cutting every run into its pieces, every way, finds."""
    row = _row(runs, sum(ch.isdigit() for raw in runs for ch in raw))
    by_search = [list(recovery._compositions(recovery._PIECES.findall(raw), sum(ch.isdigit() for ch in raw)))
                 for raw in runs]
    assert all(len(splits) == 1 for splits in by_search)
    expected = [[(cell, text) for cell, splits in zip(row.cells, by_search) for text in splits[0]]]
    assert recovery._candidates(row.cells, row.expected) == expected


@pytest.mark.parametrize("runs, expected, identity", [
    (["4251516"], 2, None),  # 425|1516 or 4251|516: no identity decides (Fujian 年度|累计)
    (["270020130"], 7, T3_ROW),  # 27|0|0|2|0|1|30 and 2|7|0|0|20|1|30 both add up
    (["20000002"], 7, T3_ROW),  # the one way to cut it (20|0|…|2) does not add up
    (["0000"], 7, T3_ROW),  # fewer digits than cells (seed 000)
    (["2648-18538"], 3, None),  # signed runs split several ways (017.txt 表二)
    (["1" * 40], 7, T3_ROW),  # far too long: not even tried
])
def test_an_ambiguous_run_stays_one_unreliable_cell(runs, expected, identity):
    row = _row(runs, expected)
    assert not recover_row(row, identity)
    assert [cell.raw for cell in row.cells] == runs
    assert any(cell.run_together for cell in row.cells)


def test_a_narrative_figure_checked_against_recovered_cells(corpus_dir):
    """019.txt: "全区收到政府信息公开申请75件" = 一 74 + 二 1, both split out of runs."""
    assert findings_of((CORPUS / "019.txt").read_bytes(), "TXT001", "019.txt") == []
    text = (CORPUS / "019.txt").read_text(encoding="utf-8")
    assert text.count("收到政府信息公开申请75件") == 1
    (finding,) = findings_of(text.replace("收到政府信息公开申请75件", "收到政府信息公开申请80件"), "TXT001", "019.txt")
    assert finding.provenance == "recovered" and finding.data["stated"] == 80
    assert finding.data["table"] == 74  # 一、本年新收 (the first reading; 74 + 1 is the other)
