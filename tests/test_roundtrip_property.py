"""Round trip: a generated, correct report of any template era parses back to
the numbers and positions it was written with, and lints without errors.

The reports come from :data:`strategies.STRATEGIES` (eras "2021", "2019" and
"2007"; all four serialisations, UTF-8 and GB18030); every property runs once
per era. A failure prints the generator's layout options; the mismatching
cells and the source lines around them are added with ``note``.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from strategies import (
    AMOUNT, COUNT, ERA_2019, ERA_2021, SIGNED, STRATEGIES, T3_CARRIED, T3_CARRY_FORWARD, T3_NEW, T3_TOTAL,
    T7_CHANNELS, T7_SUMS, GeneratedReport, TemplateEra, t7_rows,
)

from linter.engine import lint_bytes, parse_source
from linter.source import decode

#: Examples per era and property (4 properties × 3 eras = 720 reports; about 20 s on one core).
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ERAS = tuple(STRATEGIES)
TEMPLATE_ERAS: dict[str, TemplateEra] = {"2021": ERA_2021, "2019": ERA_2019}


def _draw(data: st.DataObject, era: str) -> GeneratedReport:
    return data.draw(STRATEGIES[era](split_values=True), label="report")


def _parse(gen: GeneratedReport):
    source = decode(gen.data, gen.path)
    assert source.text == gen.text
    return parse_source(source)


def _show_line(gen: GeneratedReport, line: int) -> str:
    lines = gen.lines
    return lines[line - 1] if 0 < line <= len(lines) else "<no such line>"


# -- the generator itself ----------------------------------------------------


def _check_template_numbers(gen: GeneratedReport, era: TemplateEra) -> None:
    """FORMATS.md §3.1–§3.4: shapes, value types, T3-ROW, T3-BAL, T3-RES, T4-SUM, T2B."""
    t2, t3, t4 = gen.table2, gen.table3, gen.table4
    assert list(t2) == list(era.t2_rows)
    for key, kinds in era.t2_kinds.items():
        assert len(t2[key]) == len(kinds)
        for value, kind in zip(t2[key], kinds):
            if kind == COUNT:
                assert isinstance(value, int) and value >= 0
            elif kind == SIGNED:
                assert isinstance(value, int) and value >= -t2[key][0]  # never below zero items
            else:
                assert kind == AMOUNT and value >= 0
    if era.id == "2019":
        for key in ("t2.rules", "t2.normative"):  # T2B-WITHIN
            made, published, total = t2[key]
            assert published <= made and published <= total
    assert list(t3) == list(era.t3_rows) and all(len(row) == 7 for row in t3.values())
    assert len(t4) == 15
    for row in t3.values():  # T3-ROW
        assert sum(row[:6]) == row[6]
    for c in range(7):
        assert t3[T3_NEW[0]][c] + t3[T3_CARRIED[0]][c] == t3[T3_TOTAL[0]][c] + t3[T3_CARRY_FORWARD[0]][c]
        assert t3[T3_TOTAL[0]][c] == sum(t3[key][c] for key in era.t3_leaves)  # T3-RES
    for g in range(0, 15, 5):  # T4-SUM
        assert sum(t4[g:g + 4]) == t4[g + 4]
    counts = [v for row in t3.values() for v in row] + list(t4)
    assert all(isinstance(v, int) and 0 <= v <= 500 for v in counts)


def _check_table7_numbers(gen: GeneratedReport) -> None:
    """FORMATS.md §3.5/§3.6: A-RECV, A-DONE, A-ANS, A-REFUSE, A-REVIEW (incl. lawsuits),
    A-STAFF, F-RECV, F-ANS in every column; channels and 其中 rows ≤ their total;
    历年累计 ≥ 年度."""
    rows = t7_rows(gen.profile, gen.year)
    table = gen.table7
    assert list(gen.units) == [row.key for row in rows]
    assert list(table) == [row.key for row in rows if not row.group]
    width = 1 if gen.profile == "national" else 2
    assert all(len(values) == width for values in table.values())
    assert all(v >= 0 for values in table.values() for v in values)
    assert all(isinstance(v, int) for key, values in table.items() for v in values if gen.units[key] != "万元")
    for c in range(width):
        for total, parts in T7_SUMS.items():
            if total in table:
                present = [part for part in parts if part in table]
                assert present, total
                assert table[total][c] == sum(table[part][c] for part in present), total
        for total, channels in T7_CHANNELS.items():
            if total in table:
                assert all(table[channel][c] <= table[total][c] for channel in channels)
                assert sum(table[channel][c] for channel in channels) >= table[total][c]
        for row in rows:
            if row.parent is not None:
                assert table[row.key][c] <= table[row.parent][c], row.key
    if gen.profile == "national":
        assert table["t7.done"][0] <= table["t7.recv"][0]  # A-FLOW
    else:
        assert all(values[1] >= values[0] for values in table.values())


@pytest.mark.parametrize("era", ERAS)
@SETTINGS
@given(data=st.data())
def test_generator_keeps_the_identities(era: str, data: st.DataObject) -> None:
    """The generator itself: the numbers obey FORMATS.md §3 and every cell is placed."""
    gen = _draw(data, era)
    assert gen.era == era
    if era == "2007":
        assert gen.profile in ("national", "fujian") and gen.year <= 2018
        _check_table7_numbers(gen)
    else:
        assert gen.profile is None
        _check_template_numbers(gen, TEMPLATE_ERAS[era])
    n_values = sum(len(values) for rows in gen.tables.values() for values in rows.values())
    assert len(gen.cells) == n_values
    if era in TEMPLATE_ERAS:
        assert n_values == TEMPLATE_ERAS[era].n_values  # 200 (2021) or 198 (2019)
    for (kind, key, index), cell in gen.cells.items():
        assert cell.value == gen.tables[kind][key][index]
        assert cell.raw.lstrip("+-").replace(".", "", 1).rstrip("元").isdigit()
        written = gen.lines[cell.line - 1][cell.column - 1:]
        if gen.serialisation == "html":  # digits may be split over <span>s (corpus 043.html)
            written = re.sub(r"<[^>]*>", "", re.split(r"</t[dh]>", written, maxsplit=1, flags=re.I)[0])
        assert written.startswith(cell.raw)
        assert not written[len(cell.raw):][:1].isdigit()


# -- the linter on generated reports -------------------------------------------------


@pytest.mark.parametrize("era", ERAS)
@SETTINGS
@given(data=st.data())
def test_generated_report_parses(era: str, data: st.DataObject) -> None:
    gen = _draw(data, era)
    report = _parse(gen)
    note(f"problems: {report.problems}")
    assert report.era == era
    assert report.encoding == gen.encoding
    assert report.kind == ("html" if gen.suffix == ".html" else "text")
    assert report.meta.report_year == gen.year
    assert report.meta.agency == gen.agency
    assert report.meta.published == gen.published
    for kind in gen.tables:
        assert report.table(kind) is not None, f"{kind} missing"
    assert report.problems == []
    if era == "2007":
        table = report.table("统计表")
        assert table.profile == gen.profile
        # every row, group rows included, with its key and unit, in order
        assert [(row.key, row.unit) for row in table.rows] == list(gen.units.items())
        columns = ("统计数",) if gen.profile == "national" else ("年度", "历年累计")
        for row in table.rows:
            assert [cell.column for cell in row.cells] == ([] if gen.units[row.key] == "——" else list(columns))


@pytest.mark.parametrize("era", ERAS)
@SETTINGS
@given(data=st.data())
def test_value_cells_round_trip(era: str, data: st.DataObject) -> None:
    gen = _draw(data, era)
    report = _parse(gen)
    actual: dict[tuple[str, str, int], tuple[int, int, object]] = {}
    for kind in gen.tables:
        table = report.table(kind)
        assert table is not None, f"{kind} missing"
        for row in table.rows:
            for index, cell in enumerate(row.cells):
                actual[(kind, row.key, index)] = (cell.span.line, cell.span.column, cell.value)
    expected = {key: (cell.line, cell.column, cell.value) for key, cell in gen.cells.items()}
    wrong = {key: (value, actual.get(key)) for key, value in expected.items() if actual.get(key) != value}
    extra = sorted(set(actual) - set(expected), key=str)
    for key, (want, got) in list(wrong.items())[:5]:
        note(f"{key}: expected (line, column, value) {want}, got {got}; "
             f"line {want[0]}: {_show_line(gen, want[0])!r}")
    if extra:
        note(f"cells the generator did not write: {extra[:10]}")
    assert not wrong, f"{len(wrong)} cells differ, e.g. {next(iter(wrong.items()))}"
    assert not extra


@pytest.mark.parametrize("era", ERAS)
@SETTINGS
@given(data=st.data())
def test_generated_report_lints_without_errors(era: str, data: st.DataObject) -> None:
    gen = _draw(data, era)
    result = lint_bytes(gen.data, gen.path)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    for d in errors[:5]:
        note(f"{d.code} {d.span.line}:{d.span.column} {d.message} | line: {_show_line(gen, d.span.line)!r}")
    assert not result.crashed
    assert errors == []
