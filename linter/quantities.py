"""Numbers stated in prose, read with the quantity grammar (grammars/quantity.lark).

A paragraph is scanned into the grammar's tokens (the terminals' own patterns,
tried in priority order; the followers of a number — unit, money, percent,
duration — only right after one, as a contextual lexer would), parsed into the
grammar's items (by :func:`parse_items`, which the tests hold to Lark's own
parse of the grammar), and read into :class:`Quantity` items: what each number is (a count, an amount, a
share, a change, a duration, a date …), what it counts (the words before it in
its clause), and whether it is approximate.

:func:`enumerations` then finds the places where the prose gives a whole and
its parts:

* ``共公布政府信息2599条，(其中机构职能类信息25条，…其他…856条)`` — a whole, 其中, parts;
* ``2012年主动公开政府信息1913条。其中，区直…1397条，占73%。各乡镇…534条，占27%。``
  — 其中 opening the next sentence, parts with shares running on;
* ``在…网站主动公开的1913条政府信息中，机构职能…133条，占6.95%；…`` — a base;
* ``主动公开政府信息的主要类别有：机构职能类信息594条，…`` — categories of a
  quantity stated elsewhere (the whole is found by what it counts);
* ``县直各单位主动公开政府信息2475条，占62.2%。各乡镇…1503条，占37.8%。`` — shares
  that add up to 100%.

An enumeration is *complete* only when the prose says so: its last part is
"其他…", its shares add up to 100%, or its parts are a known partition (主动公开
/ 依申请公开 / 不予公开). Only a complete enumeration is held to its whole; a
list after 其中 may name some parts only, and then nothing is said.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path


from . import grammars as _grammars

#: Installed as linter/grammars, in a source tree grammars/ (see pyproject.toml).
GRAMMAR = Path(_grammars.__file__).resolve().parent / "quantity.lark"
#: Terminals that only follow a number (and are only tried there).
_FOLLOWERS = ("DURATION", "MONEY", "PCT", "UNIT")
_BREAKS = {"COMMA", "SEMI", "COLON", "OPEN", "CLOSE", "STOP"}
_FULL_WIDTH_PAIRS = tuple(zip("０１２３４５６７８９％．，", "0123456789%.,"))


def _half_width(text: str) -> str:
    """Full-width digits and marks as ASCII (one replace per mark present rather
    than str.translate, which looks every CJK character up)."""
    for full, half in _FULL_WIDTH_PAIRS:
        if full in text:
            text = text.replace(full, half)
    return text


#: Sets of parts that make a whole (what each part's words must contain).
KNOWN_PARTITIONS = (("主动公开", "依申请公开", "不予公开"),)


def _master(terminals: list[tuple[str, str]], guard: bool = True) -> str:
    """One pattern trying the terminals in order, each in a group of its name
    (and behind a guard on its first characters: see linter.labels.guarded)."""
    from .labels import guarded

    alternatives = [f"(?P<{name}>{regexp})" for name, regexp in terminals]
    return "|".join(guarded(alternatives) if guard else alternatives)


@lru_cache(maxsize=1)
def _grammar() -> tuple[re.Pattern, re.Pattern, re.Pattern | None]:
    """The scanner's patterns, made of the grammar's terminals."""
    from .parser import grammar_terminals

    terminals = grammar_terminals(GRAMMAR)
    order = sorted(enumerate(terminals), key=lambda pair: (-pair[1][2], pair[0]))
    alternatives = [(name, regexp) for _, (name, regexp, _) in order]

    anywhere = re.compile(_master([(n, r) for n, r in alternatives if n not in _FOLLOWERS]))
    after_number = re.compile(_master(alternatives))
    # WORD is the fallback: a run of characters that start no other terminal.
    # Where the text is such a run, it is taken at once, without trying the
    # other terminals at its first character (most of a paragraph is words).
    # (The grammar writes WORD as "[^…]+|." — a run, else any one character.)
    word = dict(alternatives).get("WORD", "")
    words = re.compile(word[:-2]) if word.endswith("|.") and word.count("|") == 1 else None
    return anywhere, after_number, words


_SENTENCE = re.compile(r"[^。！？!?\n]*[。！？!?\n]?")


#: A token of the quantity grammar: (terminal, start, end) in the scanned text
#: (plain tuples: a paragraph has hundreds, and lark Tokens cost ten times more).
TokenSpan = tuple[str, int, int]


def _scan(text: str) -> list[TokenSpan]:
    """The grammar's tokens; a sentence without a number is one STOP (nothing
    in it is read), and neighbouring words are one WORD."""
    anywhere, after_number, words = _grammar()
    spans: list[list] = []  # [type, start, end], lists while a WORD may still grow
    for sentence in _SENTENCE.finditer(text):
        start, stop = sentence.span()
        if start == stop:
            continue
        if not _NUMERIC.search(text, start, stop):
            spans.append(["STOP", stop - 1, stop])
            continue
        pos = start
        while pos < stop:
            after = spans and spans[-1][0] == "NUM"
            match = None if after or words is None else words.match(text, pos, stop)
            if match is not None:
                kind = "WORD"
            else:
                match = (after_number if after else anywhere).match(text, pos, stop)
                if match is None or match.end() == pos:
                    break
                kind = match.lastgroup or "WORD"
            end = match.end()
            if kind == "WORD" and spans and spans[-1][0] == "WORD" and spans[-1][2] == pos:
                spans[-1][2] = end
            else:
                spans.append([kind, pos, end])
            pos = end
    return [(kind, start, end) for kind, start, end in spans]


# ---------------------------------------------------------------------------
# numbers

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_POWERS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> int | None:
    """十二 → 12, 二十 → 20, 一百零五 → 105, 两千 → 2000; None when it is not a
    well-formed numeral (十三五, 一一)."""
    total, digit, last_power, zero = 0, None, 10_000, False
    for ch in text:
        if ch in _DIGITS:
            if digit is not None:
                return None  # two digits in a row: 一一
            digit = _DIGITS[ch]
            if digit == 0:
                zero, digit = True, None  # 一百零五: the 零 says the next digit is units
        elif ch in _POWERS:
            power = _POWERS[ch]
            if power >= last_power:
                return None
            total += (1 if digit is None else digit) * power
            digit, last_power, zero = None, power, False
        else:
            return None
    if digit is not None:
        if total and last_power > 10 and not zero:
            return None  # 一百五 (colloquial for 150): not how reports write numbers
        total += digit
    return total


def _value(text: str) -> tuple[int | Decimal | None, bool]:
    """(value, written in Chinese numerals)."""
    text = text.replace(" ", "")
    multiplier = 1
    if text.endswith("万"):
        text, multiplier = text[:-1], 10_000
    elif text.endswith("亿"):
        text, multiplier = text[:-1], 100_000_000
    if text[:1].isdigit():
        try:
            number = Decimal(text.replace(",", "")) * multiplier
        except InvalidOperation:
            return None, False
        return (int(number) if number == number.to_integral_value() else number), False
    value = chinese_number(text)
    return (None if value is None else value * multiplier), True


# ---------------------------------------------------------------------------
# quantities


@dataclass(slots=True)
class Quantity:
    """One number stated in a paragraph. Offsets are into the paragraph's text."""

    kind: str  # "count" | "amount" | "percent" | "share" | "change" | "duration" | "number"
    value: int | Decimal | None
    unit: str  # 件/条… (count), 元/万元 (amount), % (percent, share, change)
    start: int
    end: int  # of the number and its unit
    subject: str  # what it counts: the words before it in its clause, normalised
    after: str = ""  # the words after it in its clause ("1913条政府信息中": 政府信息中)
    sentence: int = 0
    clause: int = 0
    approx: bool = False  # 约, 近, 余, 以上 …
    numeral: bool = False  # written in Chinese numerals
    total: bool = False  # 共, 累计, 合计, 总数 … before it in its clause
    share: Decimal | None = None  # a count's "占 p%" in the same clause
    share_places: int = 0  # decimals the share was written with


@dataclass(slots=True)
class Enumeration:
    """A whole and its parts, as the prose states them."""

    parts: list[Quantity]
    whole: Quantity | None  # stated with the parts (None: found by what it counts, see ``noun``)
    how: str  # "parts" (其中) | "base" (在…N条…中) | "categories" | "shares"
    noun: str = ""  # what the parts count, when the whole is not stated with them
    complete: str | None = None  # why the parts are all the parts: "other" | "shares" | "partition"
    #: Every way of reading the parts as complete (shares running on into the next
    #: sentences may stop at more than one place within rounding); ``parts`` is
    #: the one nearest 100%. A whole that agrees with any reading is not contradicted.
    readings: list[list[Quantity]] = field(default_factory=list)


@dataclass(slots=True)
class ParagraphQuantities:
    text: str
    quantities: list[Quantity] = field(default_factory=list)
    enumerations: list[Enumeration] = field(default_factory=list)

    def counts(self) -> list[Quantity]:
        return [q for q in self.quantities if q.kind == "count" and q.value is not None]


#: Paragraphs worth reading: a digit, or a Chinese numeral before a unit.
_NUMERIC = re.compile(r"[\d０-９]|[零〇一二两三四五六七八九十百千][件条个次项份起宗篇]")


_NOT_WORDS = re.compile(r"[\s的]")
#: Words that make a number a total (共 also comes as its own token, TOTAL).
_TOTAL_WORDS = re.compile(r"共|累计|合计|总计|总数")


def _normal(words: str) -> str:
    return _NOT_WORDS.sub("", words)


#: grammars/quantity.lark, by hand: what may follow a number, and the rule it makes.
_FOLLOWERS_SET = frozenset(_FOLLOWERS)
_AFTER_NUMBER = {"UNIT": "count", "MONEY": "amount", "PCT": "percent", "DURATION": "duration"}


class _NotInGrammar(Exception):
    """A token sequence grammars/quantity.lark does not derive."""


class Item:
    """A rule's node in the parse (count, share …): ``data`` and ``children`` as a
    lark Tree has them, the children being token spans."""

    __slots__ = ("data", "children")

    def __init__(self, data: str, children: list[TokenSpan]) -> None:
        self.data, self.children = data, children


def parse_items(tokens: list[TokenSpan]) -> list[Item | TokenSpan]:
    """``start``'s children as the LALR parse of grammars/quantity.lark gives them
    (its usual shift included), read by hand: the grammar is a flat sequence of
    items of at most three tokens, so one look ahead decides each. Lark's
    parse costs a third of a report's narrative reading; the .lark file stays
    the specification, and tests/test_quantities.py holds the two to the same
    trees on every paragraph of the corpus and on generated token sequences."""
    items: list[Item | TokenSpan] = []
    count, i = len(tokens), 0
    while i < count:
        token = tokens[i]
        kind = token[0]
        if kind == "NUM":
            rule = _AFTER_NUMBER.get(tokens[i + 1][0]) if i + 1 < count else None
            if rule is None:
                items.append(Item("number", [token]))
                i += 1
            else:
                items.append(Item(rule, [token, tokens[i + 1]]))
                i += 2
        elif kind in ("SHARE", "CHANGE"):
            children = [token]
            i += 1
            if i < count and tokens[i][0] == "NUM":
                children.append(tokens[i])
                i += 1
                if i < count and tokens[i][0] in _FOLLOWERS_SET:
                    children.append(tokens[i])
                    i += 1
            elif kind == "SHARE":
                raise _NotInGrammar(token)  # share: SHARE NUM _follower?
            items.append(Item(kind.lower(), children))
        elif kind in _FOLLOWERS_SET:
            raise _NotInGrammar(token)  # a unit with no number before it
        else:
            items.append(token)
            i += 1
    return items


def read_paragraph(text: str) -> ParagraphQuantities:
    """The quantities of one paragraph and the enumerations they form."""
    out = ParagraphQuantities(text)
    if not _NUMERIC.search(text):
        return out
    scanned = _half_width(text)
    try:
        items = parse_items(_scan(scanned))
    except _NotInGrammar:  # a shape the grammar does not know: nothing is read rather than something wrong
        return out
    reader = _Reader(out, scanned)
    for item in items:
        reader.item(item)
    reader.flush()
    out.enumerations = _enumerations(out, reader.markers)
    return out


class _Reader:
    def __init__(self, out: ParagraphQuantities, text: str) -> None:
        self.out = out
        self.text = text  # the scanned (half-width) text the spans are in
        self.words: list[str] = []
        self.sentence = 0
        self.clause = 0
        self.total = False
        self.about = False
        self.pending: Quantity | None = None  # the last quantity, still collecting the words after it
        #: (token type, offset, sentence, index of the next quantity) of PARTS, CATEGORIES, COLON, OPEN, CLOSE, STOP
        self.markers: list[tuple[str, int, int, int]] = []

    def item(self, item: Item | TokenSpan) -> None:
        if isinstance(item, Item):
            self.quantity(item)
            return
        kind, start, end = item
        if kind in ("PARTS", "CATEGORIES", "COLON", "OPEN", "CLOSE", "STOP"):
            self.markers.append((kind, start, self.sentence, len(self.out.quantities)))
        if kind in _BREAKS or kind == "DATE":
            self.flush()
            self.words, self.total, self.about = [], False, False
            if kind != "DATE":
                self.clause += 1
            if kind == "STOP":
                self.sentence += 1
            return
        if kind == "ABOUT":
            previous = self.out.quantities[-1] if self.out.quantities else None
            if previous is not None and previous.end == start and previous.clause == self.clause:
                previous.approx = True  # 100件以上
            self.about = True
        if kind == "TOTAL":
            self.total = True
        if kind in ("PHONE", "DOCNO", "ORDINAL"):
            self.words = []
            return
        text = self.text[start:end]
        self.words.append(text)
        if self.pending is not None:
            self.pending.after += text

    def quantity(self, item: Item) -> None:
        tokens = item.children
        number = next((t for t in tokens if t[0] == "NUM"), None)
        if number is None:  # 同比显著增长: a change without a number
            return
        digits = self.text[number[1]:number[2]]
        value, numeral = _value(digits)
        follower = next((t for t in tokens if t[0] in _FOLLOWERS), None)
        written = self.text[follower[1]:follower[2]].strip() if follower is not None else ""
        unit = written.lstrip("余多")
        approx = self.about or written[:1] in ("余", "多")
        start, end = number[1], (follower or number)[2]
        if item.data == "share":
            previous = self.out.quantities[-1] if self.out.quantities else None
            if previous is not None and previous.kind == "count" and previous.sentence == self.sentence \
                    and unit in ("%", "％") and isinstance(value, (int, Decimal)):
                previous.share = Decimal(value)
                previous.share_places = len(digits.partition(".")[2])
            self.flush()
            self.words = []
            return
        self.flush()
        subject = _normal("".join(self.words))
        quantity = Quantity(item.data, value, unit, start, end, subject, "", self.sentence, self.clause,
                            approx, numeral, self.total or bool(_TOTAL_WORDS.search(subject)))
        self.out.quantities.append(quantity)
        self.pending = quantity
        self.words, self.about = [], False

    def flush(self) -> None:
        if self.pending is not None:
            self.pending.after = _normal(self.pending.after)
            self.pending = None


# ---------------------------------------------------------------------------
# enumerations


def _enumerations(out: ParagraphQuantities, markers: list[tuple[str, int, int, int]]) -> list[Enumeration]:
    quantities = out.quantities
    counts = [q for q in quantities if q.kind == "count"]
    used: set[int] = set()
    found: list[Enumeration] = []

    def take(parts: list[Quantity], whole: Quantity | None, how: str, noun: str = "", first: int = 0) -> None:
        parts = [p for p in parts if id(p) not in used]
        if len(parts) < (1 if whole is not None else 2):  # (one part of a stated whole: its share can be checked)
            return
        prefixes = [parts[:k] for k in range(max(first, 1), len(parts) + 1)]
        adds_up = [r for r in prefixes if whole is not None and _adds_up(r, whole)]
        readings = adds_up + [r for r in prefixes if _complete(r) and r not in adds_up]
        if adds_up:  # parts that add up to the whole are read as its parts
            parts = adds_up[-1]
        elif readings:  # else the reading whose shares come nearest 100%
            parts = min(readings, key=lambda r: (abs(sum(p.share or 0 for p in r) - 100), -len(r)))
        used.update(id(p) for p in parts)
        if whole is not None:
            used.add(id(whole))
        found.append(Enumeration(parts, whole, how, noun, _complete(parts), readings or [parts]))

    for k, (kind, offset, sentence, index) in enumerate(markers):
        if kind == "PARTS":
            whole = _whole_before(quantities, index, sentence)
            if whole is None:
                continue
            inside = any(m[0] == "OPEN" and m[2] == sentence and m[3] == index and m[1] < offset
                         for m in markers[max(0, k - 2):k])
            stop = _next_marker(markers, k, ("CLOSE",) if inside else ("STOP",))
            parts = [q for q in quantities[index:stop] if q.kind == "count" and q.unit == whole.unit]
            take(_run_on_shares(parts, quantities[stop:]), whole, "parts", first=len(parts))
        elif kind == "CATEGORIES" and k + 1 < len(markers) and markers[k + 1][0] == "COLON" \
                and markers[k + 1][1] - offset <= 6:
            noun = _intro_noun(out.text, offset)
            stop = _next_marker(markers, k + 1, ("STOP",))
            parts = [q for q in quantities[index:stop] if q.kind == "count"]
            if noun and parts and all(p.unit == parts[0].unit for p in parts):
                take(parts, None, "categories", noun)
    for q_index, base in enumerate(quantities):  # 在…的1913条政府信息中，…
        if base.kind == "count" and base.after.endswith("中") and "在" in base.subject and id(base) not in used:
            stop = next((k for k, q in enumerate(quantities) if k > q_index and q.sentence != base.sentence),
                        len(quantities))
            parts = [q for q in quantities[q_index + 1:stop] if q.kind == "count" and q.unit == base.unit]
            take(parts, base, "base")
    run: list[Quantity] = []
    for quantity in counts + [None]:  # shares that add up to 100%
        if quantity is not None and quantity.share is not None and id(quantity) not in used \
                and (not run or quantity.unit == run[0].unit):
            run.append(quantity)
            continue
        if len(run) >= 2 and _complete(run) == "shares":
            take(run, None, "shares", _common_suffix([p.subject for p in run]))
        run = [quantity] if quantity is not None and quantity.share is not None and id(quantity) not in used else []
    return found


def _whole_before(quantities: list[Quantity], index: int, sentence: int) -> Quantity | None:
    """The count a 其中 refers to: the last one before it in its sentence, or in
    the sentence before when 其中 opens the sentence."""
    for quantity in reversed(quantities[:index]):
        if quantity.kind == "count":
            return quantity if quantity.sentence in (sentence, sentence - 1) else None
        if quantity.kind in ("amount", "percent", "change"):
            return None
    return None


def _next_marker(markers: list[tuple[str, int, int, int]], k: int, kinds: tuple[str, ...]) -> int:
    for kind, _, _, index in markers[k + 1:]:
        if kind in kinds:
            return index
    return 1 << 30


def _run_on_shares(parts: list[Quantity], later: list[Quantity]) -> list[Quantity]:
    """Parts with shares that stop short of 100% go on in the next sentences
    (…1397条，占73%。各乡镇…534条，占27%。): while they are short of 100%, or
    within rounding of it, or while the next part is worded like the last."""
    if not parts or any(p.share is None for p in parts):
        return parts
    out = list(parts)
    for quantity in later:
        if quantity.kind != "count" or quantity.share is None or quantity.unit != out[0].unit:
            break
        so_far = sum(p.share for p in out)
        alike = len(_common_suffix([out[-1].subject, quantity.subject])) >= 2  # …类信息 after …类信息
        if so_far >= 100 - _tolerance(out) and so_far + quantity.share > 100 + _tolerance(out + [quantity]) \
                and not alike:
            break  # complete already, and this one, about something else, would pass 100%
        out.append(quantity)
    return out


def _adds_up(parts: list[Quantity], whole: Quantity) -> bool:
    values = [p.value for p in parts]
    return whole.value is not None and None not in values and sum(values) == whole.value  # type: ignore[arg-type]


def _unit(parts: list[Quantity]) -> Decimal:
    return Decimal(1).scaleb(-max((p.share_places for p in parts), default=0))


def _tolerance(parts: list[Quantity]) -> Decimal:
    """How far shares as written may miss 100% in all: half a unit each
    (rounded), and a unit more (cut off rather than rounded)."""
    return _unit(parts) * len(parts) / 2 + _unit(parts)


def _complete(parts: list[Quantity]) -> str | None:
    if len(parts) < 2:
        return None
    if parts[-1].subject.startswith(("其他", "其它")) or re.match(r"^(?:以及|和|及)?其[他它]", parts[-1].subject):
        return "other"
    if all(p.share is not None for p in parts) and abs(sum(p.share for p in parts) - 100) <= _tolerance(parts):
        return "shares"
    for partition in KNOWN_PARTITIONS:
        covered = [next((key for key in partition if key in p.subject), None) for p in parts]
        if None not in covered and sorted(covered) == sorted(partition):
            return "partition"
    return None


def _intro_noun(text: str, offset: int) -> str:
    """``我区各工作部门主动公开政府信息的主要类别有：`` → 我区各工作部门主动公开政府信息."""
    start = max(text.rfind(mark, 0, offset) for mark in "，,。；;：:（）()\n") + 1
    words = text[start:offset]
    words = re.sub(r"^\d{4}\s*年度?", "", _half_width(words))
    return _normal(words)


def _common_suffix(subjects: list[str]) -> str:
    if not subjects:
        return ""
    suffix = subjects[0]
    for subject in subjects[1:]:
        n = 0
        while n < min(len(suffix), len(subject)) and suffix[-1 - n] == subject[-1 - n]:
            n += 1
        suffix = suffix[len(suffix) - n:]
    return suffix


def same_noun(noun: str, quantity: Quantity) -> bool:
    """Whether a count counts what ``noun`` names: they end alike in at least
    six characters naming 信息 or 申请 (主动公开政府信息, 政府信息公开申请)."""
    words = quantity.subject + quantity.after.removesuffix("中")
    shared = _common_suffix([noun, words]) if words else ""
    if len(shared) < 6 or not re.search(r"信息|申请", shared):
        return False
    return True


#: Words that set a count's scope without making it a part of something.
_SCOPE = re.compile(r"(?:其中|本年度?|今年|全年|年度|年内|全[区县市省局委]|我[区县市省局委办厅]"
                    r"|本(?:单位|局|机关|部门|委|办|厅)|各级|全部|共计?|累计|合计|总计|新增|依法|及时)*")


def unqualified(noun: str, quantity: Quantity) -> bool:
    """Whether a count is the whole of what ``noun`` names, not a part of it:
    nothing but scope words (全年, 我区, 共 …) before the shared words
    (``2014年主动公开政府信息2543条``, not ``各乡镇主动公开政府信息856条``)."""
    words = quantity.subject + quantity.after.removesuffix("中")
    shared = _common_suffix([noun, words])
    return _SCOPE.fullmatch(words[:len(words) - len(shared)]) is not None


def clause_before(text: str, quantity: Quantity, limit: int = 60) -> str:
    """The words of a quantity's clause up to its unit (what a message quotes)."""
    start = max(text.rfind(mark, 0, quantity.start) for mark in "，,。；;：:（）()\n") + 1
    return text[max(start, quantity.end - limit):quantity.end].strip()
