"""Property: the arithmetic rules on generated reports (tests/strategies.py).

* a generated, valid report gives no ARI finding;
* changing any one number makes exactly the identities that contain that
  cell fire, each naming that cell (its line and column) in ``data.cells``;
* blanking a cell gives one ARI006 at that cell, and the identities that
  contain it fire only if the value was not 0, saying the blank was read as 0;
  where the blanked cell is the identity's total, ARI006 gives the sum of the
  parts instead.

The properties run for every era's generator (``strategies.STRATEGIES``). The
oracle of which identities contain a cell is written from FORMATS.md §3.1/§3.2
(tables 三, 四) and, for era 2007, from the generator's own list of sums
(``strategies.T7_SUMS``, §3.5/§3.6); for era 2007 only the strict identities
(errors) are compared, since raising a part may also (rightly) break a
plausibility bound (a warning).
"""
from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from strategies import STRATEGIES as GENERATORS
from strategies import T3_COLUMNS, T7_SUMS, GeneratedReport

from linter.engine import lint_bytes

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: (name, strategy): every era's generator.
STRATEGIES = [(era, make()) for era, make in sorted(GENERATORS.items())]

T4_GROUPS = ("行政复议", "未经复议直接起诉", "复议后起诉")
BALANCE_ROWS = ("t3.new", "t3.carried_over", "t3.total", "t3.carry_forward")


def _identities_of(gen: GeneratedReport, kind: str, key: str, index: int) -> Counter:
    """Which identities contain a cell, as (rule, column or group) — from FORMATS.md §3."""
    found: Counter = Counter()
    if kind == "统计表":
        present = set(gen.tables["统计表"])
        column = "年度" if gen.profile != "fujian" or index == 0 else "历年累计"
        for total, parts in T7_SUMS.items():
            if total in present and any(part in present for part in parts) and (key == total or key in parts):
                found[("ARI005", column)] += 1
        return found
    if kind == "表三":
        found[("ARI001", "row")] += 1  # every data row adds up across its 7 columns
        column = T3_COLUMNS[index]
        if key in BALANCE_ROWS:
            found[("ARI002", column)] += 1
        if key not in ("t3.new", "t3.carried_over", "t3.carry_forward"):  # a result leaf or （七）总计
            found[("ARI003", column)] += 1
    elif kind == "表四":
        found[("ARI004", T4_GROUPS[index // 5])] += 1
    return found


def _totalled_by(gen: GeneratedReport, kind: str, key: str, index: int) -> Counter:
    """The identities of ``_identities_of`` in which the cell is the total."""
    found: Counter = Counter()
    if kind == "统计表":
        column = "年度" if gen.profile != "fujian" or index == 0 else "历年累计"
        found[("ARI005", column)] += sum(1 for total in T7_SUMS if total == key)
    elif kind == "表三":
        if index == 6:
            found[("ARI001", "row")] += 1
        if key == "t3.total":
            found[("ARI002", T3_COLUMNS[index])] += 1
            found[("ARI003", T3_COLUMNS[index])] += 1
    elif kind == "表四" and index % 5 == 4:
        found[("ARI004", T4_GROUPS[index // 5])] += 1
    return found & _identities_of(gen, kind, key, index)


def _fired(diagnostics) -> Counter:
    out: Counter = Counter()
    for d in diagnostics:
        if d.code == "ARI005":
            if d.severity == "error":
                out[("ARI005", "历年累计" if d.logical_location.endswith("/历年累计") else "年度")] += 1
        elif d.code == "ARI001":
            out[("ARI001", "row")] += 1
        elif d.code in ("ARI002", "ARI003", "ARI004"):
            out[(d.code, d.logical_location.rsplit("/", 2)[-1] if d.code != "ARI004"
                 else d.logical_location.split("/")[1])] += 1
    return out


def _replace(gen: GeneratedReport, cell_key, new: str) -> tuple[bytes, int, int]:
    cell = gen.cells[cell_key]
    lines = gen.text.split("\n")
    line = lines[cell.line - 1]
    start = cell.column - 1
    old = cell.raw or str(cell.value)
    assert line[start:start + len(old)] == old
    lines[cell.line - 1] = line[:start] + new + line[start + len(old):]
    return "\n".join(lines).encode(gen.encoding), cell.line, cell.column


def _cell_keys(gen: GeneratedReport) -> list:
    return sorted(gen.cells, key=str)


@pytest.mark.parametrize("strategy", [s for _, s in STRATEGIES], ids=[n for n, _ in STRATEGIES])
@SETTINGS
@given(data=st.data())
def test_valid_generated_report_has_no_arithmetic_finding(strategy, data):
    gen = data.draw(strategy)
    result = lint_bytes(gen.data, gen.path)
    findings = [d for d in result.diagnostics if d.code.startswith(("ARI", "TXT"))]
    for d in findings[:3]:
        note(f"{d.code} {d.span.line}:{d.span.column} {d.message}")
    assert not result.crashed
    assert findings == []
    assert result.skipped_identities == []  # a clean layout: every identity was evaluated


@pytest.mark.parametrize("strategy", [s for _, s in STRATEGIES], ids=[n for n, _ in STRATEGIES])
@SETTINGS
@given(data=st.data())
def test_changing_one_number_fires_exactly_its_identities(strategy, data):
    gen = data.draw(strategy)
    key = data.draw(st.sampled_from(_cell_keys(gen)))
    old = gen.cells[key].value
    new = old + data.draw(st.integers(1, 9))
    payload, line, column = _replace(gen, key, str(new))
    note(f"cell {key}: {old} -> {new} at {line}:{column}")
    result = lint_bytes(payload, gen.path)
    findings = [d for d in result.diagnostics if d.code.startswith("ARI")]
    for d in findings:
        note(f"{d.code} {d.logical_location} {d.message[:120]}")
    assert _fired(findings) == _identities_of(gen, *key)
    for d in (d for d in findings if d.severity == "error"):
        named = [c for c in d.data["cells"] if (c["line"], c["col"]) == (line, column)]
        assert named and named[0]["value"] == new, d.message
        assert d.data["delta"] != 0 and d.data["expected"] != d.data["actual"]


@pytest.mark.parametrize("strategy", [s for _, s in STRATEGIES], ids=[n for n, _ in STRATEGIES])
@SETTINGS
@given(data=st.data())
def test_blanking_a_cell_gives_ari006_there(strategy, data):
    gen = data.draw(strategy)
    key = data.draw(st.sampled_from(_cell_keys(gen)))
    mark = data.draw(st.sampled_from(("/", "—") + (("",) if gen.serialisation == "html" else ())))
    payload, line, column = _replace(gen, key, mark)
    note(f"cell {key} ({gen.cells[key].value}) -> {mark!r} at {line}:{column}")
    result = lint_bytes(payload, gen.path)
    (blank,) = [d for d in result.diagnostics if d.code == "ARI006"]
    if mark:
        assert (blank.span.line, blank.span.column) == (line, column)
    else:  # an empty <td></td> has no character of its own: the layout places it at its cell
        assert blank.span.line == line and blank.span.column <= column
    errors = [d for d in result.diagnostics if d.code.startswith("ARI") and d.severity == "error"]
    # A blank total is said once by ARI006 with the sum of its parts, not as an error.
    expected = _identities_of(gen, *key) - _totalled_by(gen, *key) if gen.cells[key].value else Counter()
    assert _fired(errors) == expected
    for d in errors:
        assert "按 0" in d.message and d.data["blanks_as_zero"]
    if _totalled_by(gen, *key) and gen.cells[key].value:
        assert "未填写，各项之和为" in blank.message
