"""Recovering cells that ran together, where the split is provably unique.

Crawler text loses the cell boundaries of a table: the seven cells of a table
三 row 1 | 0 | 0 | 0 | 0 | 0 | 1 become ``1000001``. Such a run is never split
by guesswork. It is split when exactly one split is possible:

* the run has exactly as many digits as the row is missing cells (``1000001``
  for seven cells, ``00`` for two), so every digit is a cell; or
* among all splits of the row's runs into the cells the template requires
  (enumerated, with a bound on the work), exactly one satisfies the row's own
  identity (table 三: the six applicant columns add up to 总计; table 四: each
  group's four results add up to its 总计). ``713000074`` is 71|3|0|0|0|0|74.

A cell never starts with 0 unless it is 0, and a sign (``2648-18538``) always
starts a cell. Recovered cells keep the exact columns of their digits and are
marked ``provenance = "recovered"``; every check uses them and says so. Runs
that stay ambiguous stay one cell marked ``run_together``: no identity is
computed over them.
"""
from __future__ import annotations

import re
from itertools import combinations, islice, product
from typing import Callable, Iterator

from .ast import Cell, Row, Span, Table

#: Most candidate splits examined per row; beyond it a run stays ambiguous
#: (real rows need at most a few hundred: 17 digits for table 四's 15 cells).
MAX_CANDIDATES = 2000
#: Digits per cell beyond which a row is not tried at all.
MAX_DIGITS_PER_CELL = 6
_RUN = re.compile(r"^[+\-－]?\d+(?:[+\-－]\d+)*$")
_PIECES = re.compile(r"[+\-－]?\d+")


def is_run(raw: str) -> bool:
    """Digits glued with signs, as crawler text writes a row with a negative value."""
    return bool(_RUN.match(raw)) and any(ch in "+-－" for ch in raw[1:])


def recover_table(table: Table) -> None:
    """Split the runs of every row of ``table`` whose split is provably unique."""
    from .arithmetic import row_identity

    for row in table.rows:
        if row.expected and any(cell.run_together for cell in row.cells):
            recover_row(row, row_identity(table.kind, row))


def recover_row(row: Row, identity: Callable[[tuple[int, ...]], bool] | None) -> bool:
    """Replace the row's cells by the unique split of its runs; False when there is none."""
    assert row.expected is not None
    splits = _candidates(row.cells, row.expected)
    if not splits:
        return False
    runs = [cell for cell in row.cells if cell.run_together]
    wanted = row.expected - (len(row.cells) - len(runs))
    every_digit_a_cell = sum(ch.isdigit() for cell in runs for ch in cell.raw) == wanted
    chosen = splits[0] if every_digit_a_cell else None
    if chosen is None and identity is not None:
        holding = [split for split in splits if identity(tuple(_value(text) for _, text in split))]
        chosen = holding[0] if len(holding) == 1 else None
    if chosen is None:
        return False
    cells: list[Cell] = []
    offsets: dict[int, int] = {}
    for source, text in chosen:
        if not source.run_together:
            cells.append(source)
            continue
        offset = offsets.get(id(source), 0)
        offsets[id(source)] = offset + len(text)
        span = Span(source.span.line, source.span.column + offset, source.span.line,
                    source.span.column + offset + len(text))
        kind = "signed" if text[0] in "+-－" else "int"
        cells.append(Cell(text, kind, _value(text), span, source.unit, provenance="recovered"))
    row.cells = cells
    return True


def _value(text: str) -> int:
    return int(text.replace("－", "-"))


def _candidates(cells: list[Cell], expected: int) -> list[list[tuple[Cell, str]]] | None:
    """Every split of the row's runs into ``expected`` cells, each a list of
    (source cell, text). None when there are too many to examine."""
    fixed = [cell for cell in cells if not cell.run_together]
    runs = [cell for cell in cells if cell.run_together]
    if any(not _RUN.match(cell.raw) for cell in runs):
        return []
    if any(not isinstance(cell.value, int) for cell in fixed) or len(fixed) >= expected:
        return []  # a blank, a decimal or text among the fixed cells: nothing to add up
    wanted = expected - len(fixed)
    sizes = [len(cell.raw) - sum(ch in "+-－" for ch in cell.raw) for cell in runs]
    if sum(sizes) == wanted:  # every digit a cell (0000000, the common case): the one split
        return [[(cell, text) for cell in cells
                 for text in (_digit_cells(cell.raw) if cell.run_together else [cell.raw])]]
    if sum(sizes) > MAX_DIGITS_PER_CELL * wanted:
        return None
    options: list[list[list[str]]] = []
    budget = MAX_CANDIDATES
    for n, (cell, size) in enumerate(zip(runs, sizes)):
        pieces = _PIECES.findall(cell.raw)
        others = sizes[:n] + sizes[n + 1:]
        low = max(len(pieces), wanted - sum(others))
        high = min(size, wanted - len(others))
        splits = list(islice((split for k in range(low, high + 1) for split in _compositions(pieces, k)),
                             budget + 1))
        if len(splits) > budget:
            return None
        options.append(splits)
    found: list[list[tuple[Cell, str]]] = []
    for work, choice in enumerate(product(*options)):
        if work >= MAX_CANDIDATES:
            return None
        if sum(len(parts) for parts in choice) != wanted:
            continue
        parts_of = {id(cell): parts for cell, parts in zip(runs, choice)}
        found.append([(cell, text) for cell in cells
                      for text in (parts_of[id(cell)] if cell.run_together else [cell.raw])])
    return found


def _digit_cells(raw: str) -> list[str]:
    """A run cut into one cell per digit, each sign on the digit after it."""
    return [part for piece in _PIECES.findall(raw) for part in next(_cut(piece, len(piece.lstrip("+-－"))))]


def _compositions(pieces: list[str], k: int) -> Iterator[list[str]]:
    """Ways to cut signed digit pieces into ``k`` cells (a piece's sign starts a cell)."""
    if k < len(pieces):
        return
    if len(pieces) == 1:
        yield from _cut(pieces[0], k)
        return
    head = pieces[0]
    for first in range(1, k - len(pieces) + 2):
        for left in _cut(head, first):
            for right in _compositions(pieces[1:], k - first):
                yield left + right


def _cut(text: str, k: int) -> Iterator[list[str]]:
    """``text`` (an optional sign, then digits) cut into ``k`` valid cells."""
    sign = text[0] if text[0] in "+-－" else ""
    digits = text[len(sign):]
    if k > len(digits):
        return
    for bounds in combinations(range(1, len(digits)), k - 1):
        parts = [digits[a:b] for a, b in zip((0,) + bounds, bounds + (len(digits),))]
        if all(len(p) == 1 or p[0] != "0" for p in parts):
            parts[0] = sign + parts[0]
            yield parts
