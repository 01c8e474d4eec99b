"""Round trip: a generated, correct era-"2021" report parses back to the numbers
and positions it was written with, and lints without errors.

The reports come from :func:`strategies.report_2021` (all four serialisations,
UTF-8 and GB18030). A failure prints the generator's layout options; the
mismatching cells and the source lines around them are added with ``note``.
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, note, settings
from strategies import T2_ROWS, T3_LEAVES, T3_ROWS, GeneratedReport, report_2021

from linter.engine import lint_bytes, parse_source
from linter.source import decode

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TABLES = ("表二", "表三", "表四")


def _parse(gen: GeneratedReport):
    source = decode(gen.data, gen.path)
    assert source.text == gen.text
    return parse_source(source)


def _show_line(gen: GeneratedReport, line: int) -> str:
    lines = gen.lines
    return lines[line - 1] if 0 < line <= len(lines) else "<no such line>"


@SETTINGS
@given(report_2021())
def test_generator_keeps_the_identities(gen: GeneratedReport) -> None:
    """The generator itself: the numbers obey FORMATS.md §3.1/§3.2 and every cell is placed."""
    t2, t3, t4 = gen.table2, gen.table3, gen.table4
    assert sum(len(t2[key]) for key in T2_ROWS) == 10
    assert list(t3) == list(T3_ROWS) and all(len(row) == 7 for row in t3.values())
    assert len(t4) == 15
    for row in t3.values():  # T3-ROW
        assert sum(row[:6]) == row[6]
    for c in range(7):
        assert t3["t3.new"][c] + t3["t3.carried_over"][c] == t3["t3.total"][c] + t3["t3.carry_forward"][c]
        assert t3["t3.total"][c] == sum(t3[key][c] for key in T3_LEAVES)  # T3-RES
    for g in range(0, 15, 5):  # T4-SUM
        assert sum(t4[g:g + 4]) == t4[g + 4]
    values = [v for row in t2.values() for v in row] + [v for row in t3.values() for v in row] + list(t4)
    assert all(isinstance(v, int) and 0 <= v <= 500 for v in values)
    assert len(gen.cells) == 200
    for (kind, key, index), cell in gen.cells.items():
        want = {"表二": t2, "表三": t3}[kind][key][index] if kind != "表四" else t4[index]
        assert cell.value == want
        line = gen.lines[cell.line - 1]
        assert line[cell.column - 1:].startswith(str(cell.value))
        assert not line[cell.column - 1 + len(str(cell.value)):][:1].isdigit()


@SETTINGS
@given(report_2021())
def test_generated_report_parses(gen: GeneratedReport) -> None:
    report = _parse(gen)
    note(f"problems: {report.problems}")
    assert report.era == "2021"
    assert report.encoding == gen.encoding
    assert report.kind == ("html" if gen.suffix == ".html" else "text")
    assert report.meta.report_year == gen.year
    assert report.meta.agency == gen.agency
    assert report.meta.published == f"{gen.year + 1}-01-15"
    for kind in TABLES:
        assert report.table(kind) is not None, f"{kind} missing"
    assert report.problems == []


@SETTINGS
@given(report_2021())
def test_value_cells_round_trip(gen: GeneratedReport) -> None:
    report = _parse(gen)
    actual: dict[tuple[str, str, int], tuple[int, int, object]] = {}
    for kind in TABLES:
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


@SETTINGS
@given(report_2021())
def test_generated_report_lints_without_errors(gen: GeneratedReport) -> None:
    result = lint_bytes(gen.data, gen.path)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    for d in errors[:5]:
        note(f"{d.code} {d.span.line}:{d.span.column} {d.message} | line: {_show_line(gen, d.span.line)!r}")
    assert not result.crashed
    assert errors == []
