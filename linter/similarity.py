"""Copied text and identical tables across a set of reports, from small fingerprints.

A regulator asks "who copied last year's report?" and "whose tables are someone
else's?". The audit holds what each report contributes here (:class:`Prints`)
for up to ~100,000 reports at once, so a report is reduced to 64-bit hashes
and packed positions, never to its text.

**Normalisation** (what "the same text" means): NFKC (character by character,
through one cached translation table: half the cost of the whole pass), lower
case, Word's HTML comment residue (``<!--[if !supportLists]-->``) removed, every whitespace,
punctuation, symbol and control character dropped (Chinese and ASCII), and every
number written in digits, or a year written in Chinese numerals (``二〇一七``,
``二○一七``; not 一二三 in ordinary words), becomes one placeholder. So
"2016年共受理申请12件。" and "2017年，共受理申请 30 件" are equal.

**Pieces** (what is fingerprinted): the paragraphs are read as one flow of text
cut into sentences at 。！？； only, so that the same text hashes the same
whether it came as crawler text (a whole report on one line), as a PDF (a
paragraph per wrapped line, which alone is too short to print) or as HTML: a
paragraph that does not end a sentence runs on into the next one, as it does in
the one-line crawler text. A sentence of at least ``min_chars`` normalised
characters is one piece; shorter sentences are joined to the following ones
until the run reaches ``min_chars``. A long sentence ends any short run (a run
still too short then is not printed) and a sentence that opens with a heading
(二、 （一）) starts a new one, so pieces line up again at every long sentence
and every heading after an insertion. (Windows starting at every sentence find
a few more copies but take twice the memory; tried on the corpus.) Each piece keeps its exact span: from its first
character to just past its last (1-based line and column in code points, like
:class:`linter.ast.Span`), computed from its paragraph's start and the newlines
in the paragraph's text; in sources whose text does not map character for
character onto the file (HTML) the span is kept within the paragraph's span.

**Copies**: pieces are grouped by hash in buckets of bounded size (never a
comparison of every pair of reports). A hash held by many units is boilerplate
(the template every report repeats) and never reported. Of the rest, a piece
that the same unit's report of the year before holds is a "last-year" copy, and
a piece that another unit's report of the same year holds is an "other-unit"
copy, said once: on the report whose key sorts later, with the earliest such
report as source.

**Memory** (measured with tracemalloc and ``sys.getsizeof``; paragraphs = the
lines of the file): 013.txt, a 5,500-character era-2007 crawler report, gives
45 pieces; its :class:`ParagraphPrints` takes 713 bytes (8 bytes of hash and
about 6 of packed span a piece, plus ~80 bytes of object headers) where a list
of 6-tuples of ints takes 8,800. Its whole :class:`Prints` with one table print
takes 890 bytes, 1,180 with its own key and unit strings (the caller's, often
shared). Over the 19 crawler reports 004–022: 13–51 pieces, 490 bytes of
paragraph prints on average (266–800). :func:`copied_paragraphs` adds about
12 bytes a piece while it runs (the buckets) plus its result: measured on
synthetic prints, 100,000 reports of 35 pieces took 3.6 s and 77 MB more.
"""
from __future__ import annotations

import math
import re
import sys
import unicodedata
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from hashlib import blake2b
from typing import Iterable, Iterator, Sequence

#: A paragraph as the fact extraction gives it: text, line, column, end_line, end_column.
ParagraphInput = tuple[str, int, int, int, int]
#: One piece's fingerprint: hash64, line, column, end_line, end_column, normalised length.
PrintTuple = tuple[int, int, int, int, int, int]

LAST_YEAR = "last-year"
OTHER_UNIT = "other-unit"

#: Where a sentence ends; a closing quote or bracket stays with its sentence.
_SENTENCE_END = re.compile(r"[。！？；]+[”’」』）)]*")
_COMMENT = re.compile(r"<!--.{0,300}?-->", re.S)
#: A year in Chinese numerals: 一九九九, 二〇一七, 二○一七, 二零一七 (also with a letter or digit O).
_CHINESE_YEAR = re.compile(r"(?:一九|二[〇○◯零OＯ0０])[〇○◯零OＯ0０一二三四五六七八九]{2}(?=\s*年)")
_NUMBER_RUN = re.compile(r"00+")
#: A sentence that opens with a part or item heading (二、 （一）).
_HEADING = re.compile(r"[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]")
_PLACEHOLDER = "0"  # every digit becomes it, then a run of it becomes one
_BLANK = " \t\r\n\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

#: Groups of hashes examined at once in copied_paragraphs (bounds the transient dict).
_BUCKET = 1 << 16


class _Folding(dict):
    """str.translate table, filled on first sight of a character: its NFKC form
    in lower case, without whitespace, punctuation, symbols and controls, every
    digit made the placeholder. One lookup a character instead of normalising
    each string (NFKC by character: combining sequences are not recomposed)."""

    def __missing__(self, code: int) -> str:
        value = "".join(_PLACEHOLDER if unicodedata.category(ch) == "Nd" else ch
                        for ch in unicodedata.normalize("NFKC", chr(code)).lower()
                        if unicodedata.category(ch)[0] not in "PZSC")
        self[code] = value
        return value


_FOLD = _Folding()


def normalise(text: str) -> str:
    """The text as compared: trivially edited copies normalise to the same string."""
    if "<!--" in text:
        text = _COMMENT.sub("", text)
    if "年" in text:
        text = _CHINESE_YEAR.sub(_PLACEHOLDER, text)
    text = text.translate(_FOLD)
    return _NUMBER_RUN.sub(_PLACEHOLDER, text) if "00" in text else text


def _hash64(data: bytes, person: bytes) -> int:
    return int.from_bytes(blake2b(data, digest_size=8, person=person).digest(), "big")


# -- paragraph prints -------------------------------------------------------------


class _Locator:
    """Offsets in one paragraph's text -> (line, column) in the file."""

    __slots__ = ("line", "column", "breaks", "last")

    def __init__(self, text: str, line: int, column: int, end_line: int, end_column: int):
        self.line, self.column = line, column
        #: Offset just past each line break in the text.
        self.breaks = [m.end() for m in _LINE_BREAK.finditer(text)] if ("\n" in text or "\r" in text) else []
        self.last = (end_line, end_column)

    def at(self, offset: int) -> tuple[int, int]:
        k = bisect_right(self.breaks, offset)
        place = (self.line, self.column + offset) if k == 0 else (self.line + k, 1 + offset - self.breaks[k - 1])
        return min(place, self.last) if self.last >= (self.line, self.column) else place


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _BLANK:
        start += 1
    while end > start and text[end - 1] in _BLANK:
        end -= 1
    return start, end


def _sentences(paragraphs: Iterable[ParagraphInput]) -> Iterator[tuple[tuple[int, int], tuple[int, int], str]]:
    """(start, end, raw text) of each sentence of the flow of paragraphs: a
    paragraph that does not end a sentence runs on into the next one."""
    open_start: tuple[int, int] | None = None  # the sentence begun and not yet ended
    open_text: list[str] = []
    open_end = (0, 0)
    for text, line, column, end_line, end_column in paragraphs:
        if not isinstance(text, str) or not text.strip(_BLANK):
            continue
        locate = _Locator(text, line, column, end_line, end_column)
        begin = 0
        for match in _SENTENCE_END.finditer(text):
            start, end = _trimmed(text, begin, match.end())
            begin = match.end()
            if start < end:
                open_text.append(text[start:end])
                yield (open_start or locate.at(start)), locate.at(end), "".join(open_text)
                open_start = None
                open_text.clear()
        start, end = _trimmed(text, begin, len(text))
        if start < end:
            open_start = open_start or locate.at(start)
            open_text.append(text[start:end])
            open_end = locate.at(end)
    if open_start is not None:
        yield open_start, open_end, "".join(open_text)


def paragraph_prints(paragraphs: Iterable[ParagraphInput], *, min_chars: int = 60) -> list[PrintTuple]:
    """Fingerprints of the report's text pieces, in document order (see the module docstring).

    Each is ``(hash64, line, column, end_line, end_column, normalised_length)``;
    the hash is the same in every process and run (BLAKE2b, not ``hash()``)."""
    if min_chars < 1:
        raise ValueError("min_chars must be at least 1")
    prints: list[PrintTuple] = []
    run_start: tuple[int, int] | None = None  # the run of short sentences not yet long enough
    run: list[str] = []
    run_length = 0
    for start, end, raw in _sentences(paragraphs):
        normal = normalise(raw)
        if not normal:
            continue
        if len(normal) >= min_chars:
            run_start, run_length = None, 0  # a run still too short is not printed
            run.clear()
        else:
            if _HEADING.match(raw):  # a heading starts a new run: pieces line up at headings
                run_start, run_length = None, 0
                run.clear()
            run_start = run_start or start
            run.append(normal)
            run_length += len(normal)
            if run_length < min_chars:
                continue
            start, normal = run_start, _NUMBER_RUN.sub(_PLACEHOLDER, "".join(run))
            run_start, run_length = None, 0
            run.clear()
        prints.append((_hash64(normal.encode(), b"xxgk-par"), *start, *end, len(normal)))
    return prints


# -- compact storage --------------------------------------------------------------


def _put(out: bytearray, value: int) -> None:
    """Append a zigzag varint (small magnitudes, either sign, in one byte)."""
    value = value * 2 if value >= 0 else -value * 2 - 1
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)


def _varints(data: bytes, start: int) -> Iterator[int]:
    value = shift = 0
    for byte in memoryview(data)[start:]:
        value |= (byte & 0x7F) << shift
        if byte & 0x80:
            shift += 7
            continue
        yield value >> 1 if not value & 1 else -(value >> 1) - 1
        value = shift = 0


class ParagraphPrints:
    """A report's paragraph prints in one ``bytes``: the hashes (8 bytes each,
    little-endian), then each piece's span and length as zigzag varints of the
    difference from something near (``line - previous end_line``; ``column``,
    less the previous end_column on the same line; ``end_line - line``;
    ``end_column``, less ``column`` on one line; the normalised length, less
    ``end_column - column`` on one line): about 6 bytes a piece.

    A read-only sequence of print tuples; :meth:`hashes` gives the hashes alone."""

    __slots__ = ("_count", "_blob")

    def __init__(self, prints: Iterable[PrintTuple] = ()):
        prints = list(prints)
        hashes = array("Q", (p[0] for p in prints))
        if sys.byteorder == "big":
            hashes.byteswap()
        out = bytearray(hashes.tobytes())
        previous_line = previous_column = 0
        for _, line, column, end_line, end_column, length in prints:
            _put(out, line - previous_line)
            _put(out, column - previous_column if line == previous_line else column)
            _put(out, end_line - line)
            width = end_column - column if end_line == line else 0
            _put(out, width if end_line == line else end_column)
            _put(out, length - width)  # a piece loses few characters to normalisation
            previous_line, previous_column = end_line, end_column
        self._count = len(prints)
        self._blob = bytes(out)

    def hashes(self) -> array:
        """The hashes, in document order (an ``array('Q')``)."""
        hashes = array("Q")
        hashes.frombytes(self._blob[: 8 * self._count])
        if sys.byteorder == "big":
            hashes.byteswap()
        return hashes

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[PrintTuple]:
        numbers = _varints(self._blob, 8 * self._count)
        previous_line = previous_column = 0
        for digest in self.hashes():
            line = previous_line + next(numbers)
            column = next(numbers) + (previous_column if line == previous_line else 0)
            end_line = line + next(numbers)
            width = next(numbers)
            end_column = width + column if end_line == line else width
            yield digest, line, column, end_line, end_column, next(numbers) + (width if end_line == line else 0)
            previous_line, previous_column = end_line, end_column

    def __getitem__(self, index: int) -> PrintTuple:
        return list(self)[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ParagraphPrints):
            return self._count == other._count and self._blob == other._blob
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._blob)

    def __repr__(self) -> str:
        return f"ParagraphPrints({list(self)!r})"

    def __reduce__(self):
        return _from_blob, (self._count, self._blob)

    def __sizeof__(self) -> int:
        return object.__sizeof__(self) + sys.getsizeof(self._blob)


def _from_blob(count: int, blob: bytes) -> ParagraphPrints:
    prints = ParagraphPrints.__new__(ParagraphPrints)
    prints._count, prints._blob = count, blob
    return prints


@dataclass(slots=True)
class Prints:
    """What one report contributes to the checks across reports.

    ``key`` identifies the report (e.g. its path); ``unit`` is the unit key, ""
    when unknown (such a report is a unit of its own); ``paragraphs`` accepts any
    iterable of print tuples and keeps them as :class:`ParagraphPrints`;
    ``tables`` the table prints (kept as an ``array('Q')``; None values, tables
    :func:`table_print` found not distinctive, are left out)."""

    key: str
    unit: str
    year: int | None
    paragraphs: ParagraphPrints = field(default_factory=ParagraphPrints)
    tables: Sequence[int] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.paragraphs, ParagraphPrints):
            self.paragraphs = ParagraphPrints(self.paragraphs)
        if not isinstance(self.tables, array):
            tables = [digest for digest in self.tables if digest is not None]  # None: not distinctive
            self.tables = array("Q", tables) if tables else ()


# -- table prints -----------------------------------------------------------------


def _token(value: object) -> str | None:
    """A number written one way whatever its type or trailing zeros; None if unreadable."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        value = Decimal(repr(value))
    if isinstance(value, int):
        return str(abs(value)) if value >= 0 else "-" + str(-value)  # bool counts as 0/1
    if not isinstance(value, Decimal) or not value.is_finite():
        return None
    sign, digits, exponent = value.as_tuple()
    text = "".join(map(str, digits)).lstrip("0")
    if not text:
        return "0"
    stripped = text.rstrip("0")
    exponent += len(text) - len(stripped)
    return ("-" if sign else "") + stripped + (f"e{exponent}" if exponent else "")


def table_print(values: Sequence[int | Decimal | None], *, min_nonzero: int = 5) -> int | None:
    """A stable 64-bit fingerprint of a table's values in reading order, or None
    when the table is not distinctive: fewer than ``min_nonzero`` non-zero values,
    or any value that could not be read (identity is never claimed over it).

    ``Decimal("7.0")``, ``Decimal("7")`` and ``7`` are the same value."""
    tokens = []
    for value in values:
        token = _token(value)
        if token is None:
            return None
        tokens.append(token)
    if sum(token != "0" for token in tokens) < min_nonzero:
        return None
    return _hash64("|".join(tokens).encode(), b"xxgk-tab")


# -- across reports ---------------------------------------------------------------


@dataclass(slots=True)
class Copy:
    """A piece of ``key``'s text that ``source_key`` also holds."""

    key: str
    paragraph: PrintTuple
    source_key: str
    source_paragraph: PrintTuple
    kind: str  # LAST_YEAR | OTHER_UNIT


def _unit_ids(reports: Sequence[Prints]) -> list[int]:
    ids: dict[str, int] = {}
    return [ids.setdefault(r.unit if r.unit else "\0" + r.key, len(ids)) for r in reports]


def _shared_hashes(reports: Sequence[Prints], units: list[int], threshold: int) -> Iterator[list[tuple[int, int]]]:
    """(report, piece) of every hash held more than once and by fewer than
    ``threshold`` units, a hash at a time.

    Hashes are spread into buckets by their top bits first, so that the dict
    that finds repeats holds one bucket (~65k entries) at a time, not all; a
    hash found to be boilerplate stops collecting its (many) holders."""
    starts = array("Q", [0])
    for report in reports:
        starts.append(starts[-1] + len(report.paragraphs))
    total = starts[-1]
    bits = max(0, math.ceil(math.log2(total / _BUCKET))) if total > _BUCKET else 0
    shift = 64 - bits
    code = "I" if array("I").itemsize >= 4 and total < 1 << 32 else "Q"
    bucket_hashes = [array("Q") for _ in range(1 << bits)]
    bucket_refs = [array(code) for _ in range(1 << bits)]
    for index, report in enumerate(reports):
        ordinal = starts[index]
        for digest in report.paragraphs.hashes():
            bucket = digest >> shift if bits else 0
            bucket_hashes[bucket].append(digest)
            bucket_refs[bucket].append(ordinal)
            ordinal += 1

    def place(ordinal: int) -> tuple[int, int]:
        report = bisect_right(starts, ordinal) - 1
        return report, ordinal - starts[report]

    def boilerplate(ordinals: list[int]) -> bool:
        return len({units[place(o)[0]] for o in ordinals}) >= threshold

    template: list[int] = []  # marks a boilerplate hash; never appended to
    for bucket in range(1 << bits):
        first: dict[int, int] = {}
        repeated: dict[int, list[int]] = {}
        for digest, ordinal in zip(bucket_hashes[bucket], bucket_refs[bucket]):
            seen = first.setdefault(digest, ordinal)
            if seen == ordinal:
                continue
            group = repeated.get(digest)
            if group is None:
                repeated[digest] = [seen, ordinal]
            elif group:
                group.append(ordinal)
                size = len(group)
                if size >= threshold and not size & (size - 1) and boilerplate(group):  # at 2^k holders
                    repeated[digest] = template
        bucket_hashes[bucket] = bucket_refs[bucket] = array("Q")  # free as we go
        for ordinals in repeated.values():
            if ordinals and not boilerplate(ordinals):
                yield [place(o) for o in ordinals]


def boilerplate_threshold(units: int, *, boilerplate_units: int = 5, boilerplate_share: float = 0.2) -> int:
    """How many distinct units holding a print make it boilerplate, in a set of ``units`` units:
    ``boilerplate_units``, or in a set of 10 units or more ``boilerplate_share`` of them
    when that is fewer — but never fewer than 3 (two units sharing a passage is the
    copy this module looks for, not a template)."""
    threshold = boilerplate_units
    if units >= 10:
        threshold = min(threshold, max(3, math.ceil(boilerplate_share * units - 1e-9)))
    return max(threshold, 2)


def copied_paragraphs(reports: Sequence[Prints], *, boilerplate_units: int = 5,
                      boilerplate_share: float = 0.2) -> list[Copy]:
    """Pieces copied from the same unit's report of the year before, or from
    another unit's report of the same year, beyond boilerplate; one
    :class:`Copy` per copied piece, sorted by key and position.

    A print held by ``boilerplate_units`` distinct units or more, or (in a set of
    10 units or more) by ``boilerplate_share`` of all units or more, is
    boilerplate. A report with an unknown year is neither source nor copy."""
    if boilerplate_units < 2:
        raise ValueError("boilerplate_units must be at least 2")
    if not 0 < boilerplate_share <= 1:
        raise ValueError("boilerplate_share must be in (0, 1]")
    units = _unit_ids(reports)
    threshold = boilerplate_threshold(len(set(units)), boilerplate_units=boilerplate_units,
                                      boilerplate_share=boilerplate_share)
    found: list[tuple[int, int, int, int, str]] = []  # report, piece, source report, source piece, kind
    for pieces in _shared_hashes(reports, units, threshold):
        earliest: dict[tuple[int, int], tuple[str, int, int]] = {}  # (unit, year) -> (key, report, piece)
        by_year: dict[int, list[tuple[str, int, int]]] = {}  # year -> two earliest, of distinct units
        for r, p in pieces:
            year = reports[r].year
            if year is None:
                continue
            entry = (reports[r].key, r, p)
            place = (units[r], year)
            if place not in earliest or entry < earliest[place]:
                earliest[place] = entry
            best = by_year.setdefault(year, [])
            best.append(entry)
            best.sort()
            kept = [best[0]] + [e for e in best[1:] if units[e[1]] != units[best[0][1]]][:1]
            best[:] = kept
        for r, p in pieces:
            year = reports[r].year
            if year is None:
                continue
            source = earliest.get((units[r], year - 1))
            if source is not None:
                found.append((r, p, source[1], source[2], LAST_YEAR))
            other = next((e for e in by_year[year] if units[e[1]] != units[r]), None)
            if other is not None and (other[0], other[1]) < (reports[r].key, r):
                found.append((r, p, other[1], other[2], OTHER_UNIT))
    wanted: dict[int, set[int]] = {}  # decode each report once, keep only what is reported
    for r, p, s, q, _ in found:
        wanted.setdefault(r, set()).add(p)
        wanted.setdefault(s, set()).add(q)
    piece: dict[tuple[int, int], PrintTuple] = {}
    for r, indices in wanted.items():
        piece.update(((r, i), t) for i, t in enumerate(reports[r].paragraphs) if i in indices)
    copies = [Copy(reports[r].key, piece[r, p], reports[s].key, piece[s, q], kind) for r, p, s, q, kind in found]
    copies.sort(key=lambda c: (c.key, c.paragraph[1:5], c.kind, c.source_key, c.source_paragraph[1:5]))
    return copies


def identical_tables(reports: Sequence[Prints]) -> list[tuple[str, str]]:
    """(later key, earlier key) for each pair of reports of different units that
    share a distinctive table, sorted."""
    units = _unit_ids(reports)
    holders: dict[int, list[int]] = {}
    for index, report in enumerate(reports):
        for digest in set(report.tables):
            holders.setdefault(digest, []).append(index)
    pairs: set[tuple[str, str]] = set()
    for indices in holders.values():
        for i, a in enumerate(indices):
            for b in indices[i + 1:]:
                if units[a] != units[b]:
                    first, second = sorted((reports[a].key, reports[b].key))
                    pairs.add((second, first))
    return sorted(pairs)
