"""Era detection: which template a report follows (FORMATS.md §1).

The labels a report uses decide first: a 2022 report on the 2019 tables is
parsed with the 2019 grammar (and TPL001 says it is on the wrong template).
Only a report without telling labels is parsed by the era its year requires.
"""
from __future__ import annotations

import re

from .labels import ERAS, FINGERPRINTS, expected_era, normalize

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


def era_by_year(year: int | None) -> str | None:
    return expected_era(year) if year is not None else None


def describe() -> list[tuple[str, str, str]]:
    return [(era.id, era.years, era.basis) for era in ERAS.values()]
