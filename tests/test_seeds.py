"""Acceptance on the five seed reports (FORMATS.md §8 describes each, line by line)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from linter.engine import lint_path, parse_source
from linter.source import read_path

from helpers import seed

# Seed 000, table 三: the line of each row label and, per FORMATS.md §8.1, how many
# cells the row has when its "0000" is read as four cells (5 or 6, never 7).
SEED000_T3_ROWS = {
    121: 5, 127: 6, 137: 5, 143: 5, 151: 5, 157: 5, 163: 5, 169: 6, 177: 5, 183: 5, 189: 5, 195: 5,
    203: 5, 209: 6, 217: 5, 225: 5, 231: 6, 239: 6, 247: 6, 255: 6, 265: 5, 271: 5, 277: 6, 285: 6,
    293: 6,
}
SEED000_T3_END = 299
SEED000_T4_ROW = (341, 358)


@pytest.mark.parametrize("prefix, year", [("000", 2021), ("002", 2023), ("003", 2022)])
def test_2021_seeds_parse_with_their_year(seeds_dir, prefix, year):
    report = parse_source(read_path(str(seed(prefix))))
    assert report.era == "2021"
    assert report.meta.report_year == year
    assert [s.part for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert {t.kind for t in report.tables} == {"表二", "表三", "表四"}


def test_seed000_reports_its_merged_rows_and_short_table4_once_per_table(seeds_dir):
    """Seed 000's table 三 rows start with "0000" (5 or 6 cells, never 7: no split
    adds up) and table 四 has 10 of 15 values: extraction findings, one per table,
    warnings, and nothing else at error level."""
    result = lint_path(str(seed("000")))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (merged,) = [d for d in result.diagnostics if d.code == "TPL006"]
    assert (merged.severity, merged.provenance) == ("warning", "extraction")
    assert (merged.data["rows"], merged.data["recovered"], merged.data["unsplit"]) == (25, 0, 25)
    assert [cell["line"] for cell in merged.data["cells"]] == sorted(SEED000_T3_ROWS)
    assert (merged.span.line, merged.span.end_line) == (min(SEED000_T3_ROWS), SEED000_T3_END)
    report = parse_source(read_path(str(seed("000"))))
    for line, cells in SEED000_T3_ROWS.items():
        (row,) = [r for r in report.table("表三").rows if r.span.line == line]
        # "0000" counts as one cell here; read as four it gives FORMATS.md's count.
        assert len(row.cells) + 3 == cells and row.cells[0].raw == "0000" and row.cells[0].run_together

    (short,) = [d for d in result.diagnostics if d.code == "TPL004"]
    assert SEED000_T4_ROW[0] <= short.span.line <= SEED000_T4_ROW[1]
    (row,) = short.data["rows"]
    assert (row["expected"], row["found"]) == (15, 10)
    assert "15" in short.message and "10" in short.message


def test_seed003_is_clean_and_parse_shows_its_values(seeds_dir):
    assert [d for d in lint_path(str(seed("003"))).diagnostics if d.severity == "error"] == []

    output = subprocess.run([sys.executable, "-m", "linter", "parse", str(seed("003"))],
                            capture_output=True, text=True, check=True).stdout
    ast = json.loads(output)
    tables = {t["kind"]: t for t in ast["tables"]}
    rows3 = tables["表三"]["rows"]
    assert len(rows3) == 25 + 5  # 25 data rows and the five group labels
    data_rows = [r for r in rows3 if r["expected"] == 7]
    assert [r["span"]["line"] for r in data_rows] == [38, 39] + list(range(40, 63))
    assert all([c["value"] for c in r["cells"]] == [0] * 7 for r in data_rows)
    (t4,) = tables["表四"]["rows"]
    assert [c["value"] for c in t4["cells"]] == [0] * 15 and t4["cells"][0]["span"]["line"] == 67
    assert ast["meta"]["period"]["start"] == "2022-01-01" and ast["meta"]["period"]["end"] == "2022-12-31"
    assert ast["meta"]["published"] == "2023-01-28"
    assert ast["meta"]["agency"] == "钱塘区经济信息化和科学技术局"


def test_seed002_values_and_variant_label(seeds_dir):
    report = parse_source(read_path(str(seed("002"))))
    table2 = report.table("表二")
    normative = table2.row("t2.normative")
    assert [c.value for c in normative.cells] == [1, 1, 4]
    assert (normative.span.line, normative.cells[2].span.line, normative.cells[2].span.column) == (10, 10, 19)
    in_force = [h for h in table2.headers if h.key == "t2.in_force"]
    assert in_force and in_force[0].raw == "现有有效件数" and in_force[0].variant
    assert report.section(4).variant  # long-form heading, line 50
    assert report.section(4).span.line == 50
    assert report.meta.title is None and report.meta.year_source == "text"


def test_seed001_table4_has_16_values(seeds_dir):
    report = parse_source(read_path(str(seed("001"))))
    (row,) = report.table("表四").rows
    assert len(row.cells) == 16 and row.span.line == 82
