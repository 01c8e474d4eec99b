"""Era detection: which template a report follows (FORMATS.md §1).

The labels a report uses decide first: a 2022 report on the 2019 tables is
parsed with the 2019 grammar (and TPL001 says it is on the wrong template).
Only a report without telling labels is parsed by the era its year requires.
"""
from __future__ import annotations

import re

from .ast import Span
from .labels import ERAS, FINGERPRINTS, expected_era, normalize
from .source import line_column

#: A report must show at least this many fingerprint labels of one era.
MIN_FINGERPRINTS = 2


_SPACES = re.compile(r"[\s\u00a0\u3000]+")


def _spellings(label: str) -> tuple[str, ...]:
    """The label as written with half- and full-width brackets (第二十条第(九)项 / （九）)."""
    half = normalize(label)
    return (half, half.replace("(", "（").replace(")", "）"))


def era_by_labels(text: str) -> tuple[str | None, dict[str, list[str]]]:
    """The era whose fingerprint labels the text shows most (None when unclear)."""
    # Only spaces are removed (上一年 项目数量): a full normalisation of a 300 KB page costs 20 ms.
    compact = _SPACES.sub("", text)
    found = {era: [label for label in labels if any(s in compact for s in _spellings(label))]
             for era, labels in FINGERPRINTS.items()}
    ranked = sorted(found, key=lambda era: -len(found[era]))
    best, second = ranked[0], ranked[1]
    if len(found[best]) >= MIN_FINGERPRINTS and len(found[best]) > len(found[second]):
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


def describe() -> list[tuple[str, str, str]]:
    return [(era.id, era.years, era.basis) for era in ERAS.values()]
