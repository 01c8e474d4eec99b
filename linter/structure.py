"""Structure: the one reader of a report's headings and parts.

Which part a heading opens is decided here and nowhere else: the lexer asks
these functions where headings stand and emits them as the grammar's
``HEADING_1`` … ``HEADING_6`` tokens, so the era grammar places parts and
tables, and the rules read the result from the AST (``Report.sections``).

A heading names its part by its *words*: ``一、主动公开政府信息情况`` opens part
二 with a wrong numeral (SEC002 says so), ``（一）主动公开政府信息情况`` is a
sub-heading of part 一 (bracketed numerals count only when they agree with the
words, as in the notice's long form ``（二）行政机关主动公开政府信息情况``).
Accepted wordings are data (``labels.HEADINGS``); a wording one character away
from one of them (``行政法复议``) is read as that heading and marked as a typo.
Markdown marks (``## 一、总体情况``, ``**…**``) are not part of a heading.

Every pattern here is linear: numerals are single characters, notes bounded.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import labels as L
from .ast import Report

NUMERALS = L.NUMERALS
PART_NAMES = {part: f"第{NUMERALS[part - 1]}部分" for part in range(1, 7)}

#: Characters around a heading that are markup or punctuation, not words.
_MARKS = "#*>"
_NOTE = re.compile(r"\([^()]{2,60}\)")
#: Shortest wording matched with one character wrong, missing or added.
_FUZZY_MIN = 8


def is_report(report: Report) -> bool:
    """Something identifies the file as an annual report: a title naming one,
    a part heading of the template, or a statistics table (PRS002 otherwise)."""
    return bool(report.meta.title or report.sections or report.tables)


def canonical_heading(part: int) -> str:
    """The template heading of a part, e.g. ``二、主动公开政府信息情况``."""
    return f"{NUMERALS[part - 1]}、{L.HEADINGS[part][0]}"


@dataclass(frozen=True, slots=True)
class HeadingMatch:
    """A heading found in a line: offsets into the line's text."""

    part: int  # the part its words name
    numeral: int  # the part its numbering says (0 when there is no heading: implied)
    begin: int
    end: int
    variant: bool = False  # an accepted wording other than the template's
    typo: bool = False  # one character away from an accepted wording
    implied: bool = False  # no heading: the part was recognised by its content

    @property
    def misnumbered(self) -> bool:
        return bool(self.numeral) and self.numeral != self.part


@lru_cache(maxsize=None)
def _wordings() -> tuple[tuple[str, int, bool], ...]:
    """(normalised wording, part, is a variant), longest first."""
    found = []
    for part, (canonical, variants) in L.HEADINGS.items():
        found.append((L.normalize(canonical), part, False))
        found.extend((L.normalize(variant), part, True) for variant in variants)
    return tuple(sorted(found, key=lambda item: -len(item[0])))


@lru_cache(maxsize=None)
def _fuzzy_wordings() -> dict[str, tuple[tuple[str, int, bool], ...]]:
    """The wordings long enough to be matched with one edit, in order, by their
    first two characters (which must agree, :func:`_within_one_edit`): a long
    crawler line has a numbering every few words, and most start no heading."""
    by_start: dict[str, list[tuple[str, int, bool]]] = {}
    for item in _wordings():
        if len(item[0]) >= _FUZZY_MIN:
            by_start.setdefault(item[0][:2], []).append(item)
    return {start: tuple(items) for start, items in by_start.items()}


@lru_cache(maxsize=None)
def _heading_regex() -> re.Pattern[str]:
    alternation = "|".join(f"(?P<w{k}>{re.escape(text).replace('、', '[、,]')})"
                           for k, (text, _, _) in enumerate(_wordings()))
    # Numbering: "一、" (template) or "（一）" (long form in the notice text).
    return re.compile(rf"(?P<num>[{NUMERALS}][、.]|\([{NUMERALS}]\))(?:{alternation})")


_NUMBERING = re.compile(rf"[{NUMERALS}][、.]|\([{NUMERALS}]\)")


def _within_one_edit(text: str, start: int, wording: str) -> int | None:
    """End offset in ``text`` of ``wording`` written from ``start`` with at most
    one character substituted, inserted or dropped; None when it is not there."""
    n = len(wording)
    i = 0
    while i < n and start + i < len(text) and text[start + i] == wording[i]:
        i += 1
    if i == n:
        return start + n
    if i < 2:  # the first two characters must agree: "总体…" is not "主动…"
        return None
    left = len(text) - start  # (a text that ends inside the wording must not match past its end)
    if left >= n and text[start + i + 1:start + n] == wording[i + 1:]:  # one substituted
        return start + n
    if left > n and text[start + i + 1:start + n + 1] == wording[i:]:  # one inserted
        return start + n + 1
    if left >= n - 1 and text[start + i:start + n - 1] == wording[i + 1:]:  # one dropped
        return start + n - 1
    return None


def _at(norm: str, pos: int, agree: bool) -> tuple[int, int, int, bool, bool] | None:
    """A heading whose numbering starts at ``norm[pos]``: (part, numeral, end,
    variant, typo). ``agree``: a bracketed numeral must agree with the words
    (always), a plain one too when asked (headings inside long crawler lines)."""
    numbering = _NUMBERING.match(norm, pos)
    if numbering is None:
        return None
    numeral = NUMERALS.index(numbering.group(0).strip("()、.")) + 1
    bracketed = numbering.group(0).startswith("(")
    match = _heading_regex().match(norm, pos)
    if match is not None:
        _, part, variant = _wordings()[int((match.lastgroup or "w0")[1:])]
        end, typo = match.end(), False
    else:
        start = numbering.end()
        for text, part, variant in _fuzzy_wordings().get(norm[start:start + 2], ()):
            found = _within_one_edit(norm, start, text)
            if found is not None:
                end, typo = found, True
                break
        else:
            return None
    if (bracketed or agree) and numeral != part:
        return None
    note = _NOTE.match(norm, end)  # 六、其他需要报告的事项（文字描述，收取信息处理费情况在此处报告。）
    return part, numeral, note.end() if note else end, variant, typo


def match_heading(text: str) -> HeadingMatch | None:
    """The heading a line begins with (after Markdown marks), or None."""
    norm, index = L.normalize_with_map(text)
    pos = len(norm) - len(norm.lstrip(_MARKS))
    found = _at(norm, pos, agree=False)
    if found is None:
        return None
    part, numeral, end, variant, typo = found
    return HeadingMatch(part, numeral, index[pos], index[end - 1] + 1, variant, typo)


def find_headings(text: str, normalized: tuple[str, list[int]] | None = None) -> list[HeadingMatch]:
    """Headings inside a long line (crawler text holds the whole page on one
    line; ``normalized``: its ``normalize_with_map`` when known). The numeral
    must agree with the words here: inside running text, ``一、主动公开…`` is
    more likely an item of part 一 than a misnumbered part 二."""
    norm, index = normalized if normalized is not None else L.normalize_with_map(text)
    found: list[HeadingMatch] = []
    done = 0
    for numbering in _NUMBERING.finditer(norm):
        if numbering.start() < done:
            continue
        heading = _at(norm, numbering.start(), agree=True)
        if heading is None:
            continue
        part, numeral, end, variant, typo = heading
        found.append(HeadingMatch(part, numeral, index[numbering.start()], index[end - 1] + 1, variant, typo))
        done = end
    return found


def heading_written(report: Report, words: str) -> bool:
    """Whether a heading with ``words`` (normalised) stands in the report: a part's
    heading, or a paragraph that begins with them (era-2007 headings were free,
    and a rule pack may ask for a heading of its own)."""
    if any(words in L.normalize(section.heading) for section in report.sections):
        return True
    return any(words in L.normalize(p.text)[:len(words) + 8] for p in report.paragraphs())


_PROBLEMS = re.compile(r"问题|不足|短板|差距")


def opens_problems_part(text: str) -> bool:
    """A short line that heads a report's problems (part 五) without the part's
    heading: ``（一）主要问题``, ``存在的不足``. The lexer asks only after table 四,
    where the template has nothing but part 五 to follow."""
    norm = L.normalize(text).strip(_MARKS)
    return len(norm) <= 30 and "。" not in norm and bool(_PROBLEMS.search(norm))
