"""Era detection: which template a report follows (FORMATS.md §1).

The labels a report uses decide first: a 2022 report on the 2019 tables is
parsed with the 2019 grammar (and TPL001 says it is on the wrong template).
Only a report without telling labels is parsed by the era its year requires.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .ast import Span
from .hookspecs import hookimpl
from .labels import ERAS, FINGERPRINTS, Era, expected_era, normalize
from .source import line_column

from . import grammars as _grammars

#: Where the built-in grammars are, installed (linter/grammars) or in a source tree (grammars/).
GRAMMAR_DIR = Path(_grammars.__file__).resolve().parent


@dataclass(frozen=True)
class EraPlugin:
    """One template era as plugins provide it (hook ``xxgk_lint_eras``)."""

    era: Era  # label data: what the lexer matches and the tables' shapes
    grammar: Path  # Lark grammar; it may ``%import .common`` if it sits beside common.lark
    fingerprints: tuple[str, ...]  # labels only this era's template has (detection)


@hookimpl
def xxgk_lint_eras() -> list[EraPlugin]:
    return [EraPlugin(era, GRAMMAR_DIR / f"{era.id}.lark", FINGERPRINTS[era.id]) for era in ERAS.values()]

#: A report must show at least this many fingerprint labels of one era.
MIN_FINGERPRINTS = 2


@lru_cache(maxsize=None)  # (a few dozen fingerprint labels, looked up for every report)
def _spellings(label: str) -> tuple[str, ...]:
    """The label as written with half- and full-width brackets (第二十条第(九)项 / （九）)."""
    half = normalize(label)
    return (half, half.replace("(", "（").replace(")", "）"))


def era_by_labels(text: str, eras: Iterable[EraPlugin]) -> tuple[str | None, dict[str, list[str]]]:
    """The era whose fingerprint labels the text shows most (None when unclear)."""
    # Only spaces are removed (上一年 项目数量): a full normalisation of a 300 KB page costs 20 ms.
    compact = "".join(text.split())  # (str.split: every Unicode space, \u3000 and \u00a0 included)
    found = {plugin.era.id: [label for label in plugin.fingerprints if any(s in compact for s in _spellings(label))]
             for plugin in eras}
    ranked = sorted(found, key=lambda era: -len(found[era])) + [""]
    best, second = ranked[0], ranked[1]
    if best and len(found[best]) >= MIN_FINGERPRINTS and len(found[best]) > len(found.get(second, ())):
        return best, found
    return None, found


def label_spans(text: str, found: dict[str, list[str]]) -> dict[str, Span]:
    """Where each found fingerprint label first appears (when written as in the template)."""
    spans: dict[str, Span] = {}
    for labels in found.values():
        for label in labels:
            offset = text.find(label)
            if offset >= 0:
                line, column = line_column(text, offset)
                spans[label] = Span(line, column, line, column + len(label))
    return spans


def era_by_year(year: int | None) -> str | None:
    return expected_era(year) if year is not None else None


def describe(eras: Iterable[EraPlugin]) -> list[tuple[str, str, str]]:
    return [(plugin.era.id, plugin.era.years, plugin.era.basis) for plugin in eras]
