"""Parsing: the token stream of a report -> Lark trees, per era grammar.

Grammars are LALR and analysed once: the analysis is cached on disk
(``$XDG_CACHE_HOME/xxgk-lint`` or ``~/.cache/xxgk-lint``; set
``XXGK_LINT_CACHE_DIR`` to move it), so a pre-commit run only unpickles it.

The grammar states the template in order; most reports follow it, and Lark
parses their token stream in one go. Others deviate from it, and the parser
repairs their stream a token at a time, the way a reader would, so that nothing
is lost and every repair is visible:

* a table row or header that the template puts earlier than where the parser
  stands (a header repeated after a page break, a row-group label repeated,
  rows out of order) starts a *fragment* of the same table (a zero-width
  ``_TABLEk`` is inserted); the builder joins the fragments;
* a table that stands in no part, or in another part than the template's
  (its heading lost in conversion), gets an *implied* heading for its part;
* a heading the template puts earlier (a part repeated or out of order) ends
  the document so far, and parsing starts again at that heading: the result
  is a list of trees, which the builder reads in order;
* anything else the grammar cannot place (values with no row, stray text in a
  table) is dropped, and each run of dropped tokens becomes one PRS003
  problem naming its lines, so that no rule claims something is missing from
  a region that was not read.
"""
from __future__ import annotations

import marshal
import zlib
from pathlib import Path

from lark import Lark, Tree
from lark.exceptions import UnexpectedInput, UnexpectedToken
from lark.lexer import Lexer

from .ast import Problem, Span
from .cachedir import cache_dirs, keep, kept, prune
from .layout import Chunk
from .lexer import CellToken, table_marker, table_of_token
from .structure import HeadingMatch

_PARSERS: dict[Path, Lark] = {}
#: The part each table belongs to in the template (eras 2019 and 2021).
_PART_OF_TABLE = {"2": 2, "3": 3, "4": 4}
_TABLE_NAMES = {"2": "表二", "3": "表三", "4": "表四", "7": "统计表"}


class _NoLexer(Lexer):
    """The tokens are made already (linter.lexer, linter.quantities): ``parse``
    takes the list of them, ``parse_interactive`` is fed one by one."""

    def __init__(self, lexer_conf: object) -> None:
        pass

    def lex(self, data):  # type: ignore[override]
        return iter(data or ())


def get_parser(grammar: Path, strict: bool = True) -> Lark:
    """The LALR parser of a grammar, its analysis cached on disk. ``strict``:
    refuse shift/reduce conflicts (the era grammars); the quantity grammar
    relies on LALR's usual shift."""
    parser = _PARSERS.get(grammar)
    if parser is None:
        parser = _PARSERS[grammar] = _load(grammar, strict)
    return parser


def grammar_terminals(grammar: Path) -> list[tuple[str, str, int]]:
    """(name, regexp, priority) of a grammar's terminals, in the grammar's order.
    Kept beside its LALR analysis: Lark gives them only with the whole parser,
    whose loading cost a run more than what needs only these (the quantity
    scanner)."""
    name = f"terminals-{grammar.stem}-{_grammar_stamp(grammar)}.marshal"
    for blob in kept(name):
        try:
            return [(str(n), str(regexp), int(priority)) for n, regexp, priority in marshal.loads(blob)]
        except (EOFError, ValueError, TypeError):
            continue
    terminals = [(t.name, t.pattern.to_regexp(), t.priority) for t in get_parser(grammar, strict=False).terminals]
    directory = keep(name, marshal.dumps(terminals))
    if directory is not None:
        prune(directory, f"terminals-{grammar.stem}-*.marshal")
    return terminals


def _load(path: Path, strict: bool) -> Lark:
    options = dict(parser="lalr", lexer=_NoLexer, strict=strict, maybe_placeholders=False)
    for directory in cache_dirs():
        try:
            directory.mkdir(parents=True, exist_ok=True)
            cache = directory / f"grammar-{path.stem}-{_grammar_stamp(path)}.pickle"
            made = not cache.exists()
            parser = Lark.open(str(path), cache=str(cache), **options)
        except OSError:
            continue  # read-only home: try the next place, then go without a cache
        if made:
            prune(directory, f"grammar-{path.stem}-*.pickle")
        return parser
    return Lark.open(str(path), **options)


def _grammar_stamp(path: Path) -> str:
    """Changes whenever the grammar or a grammar beside it (its %imports) changes,
    or when it moves (Lark keys its cache on the main file's text only)."""
    stamp = zlib.crc32(str(path).encode("utf-8"))
    for file in sorted(path.parent.glob("*.lark")):
        stamp = zlib.crc32(file.read_bytes(), stamp)
    return f"{stamp:08x}"


class _Driver:
    """Feeds tokens to Lark's interactive LALR parser and repairs the stream."""

    def __init__(self, parser: Lark) -> None:
        self.parser = parser
        self.trees: list[Tree] = []
        self.problems: list[Problem] = []
        self.dropped: list[CellToken] = []
        self.last: CellToken | None = None
        self.table: str | None = None  # the table the last accepted token belongs to
        self.part = 0
        self.cursor = parser.parse_interactive()

    def feed(self, token: CellToken) -> None:
        if self._try(token):
            return
        table = table_of_token(token.type)
        if table is not None and not token.type.startswith("_TABLE") and self._try_all(
                [table_marker(table, token.chunk), token]):
            return  # a fragment of the same table
        if table is not None and table in _PART_OF_TABLE and self._implied_part(token, table):
            return
        if token.type.startswith("HEADING_") and self.last is not None:
            self._restart()
            if self._try(token):
                return
        self._drop(token)

    def finish(self) -> tuple[list[Tree], list[Problem]]:
        self._close_dropped()
        self.trees.append(self._eof())
        return self.trees, self.problems

    # -- repairs ------------------------------------------------------------
    def _implied_part(self, token: CellToken, table: str) -> bool:
        """A table outside its part: the part's heading is implied where it starts."""
        heading = _implied_heading(_PART_OF_TABLE[table], token)
        marker = [] if token.type.startswith("_TABLE") else [table_marker(table, token.chunk)]
        if self._try_all([heading] + marker + [token]):
            return True
        if self.last is None:
            return False
        self._restart()
        return self._try_all([heading] + marker + [token])

    def _restart(self) -> None:
        """End the document so far and start again (a part out of order)."""
        self._close_dropped()
        self.trees.append(self._eof())
        self.cursor = self.parser.parse_interactive()
        self.table = None

    def _drop(self, token: CellToken) -> None:
        self.dropped.append(token)

    # -- feeding ------------------------------------------------------------
    def _try(self, token: CellToken) -> bool:
        if token.type not in self.cursor.choices():
            return False
        try:
            self.cursor.feed_token(token)
        except UnexpectedToken:
            return False
        self._accepted(token)
        return True

    def _try_all(self, tokens: list[CellToken]) -> bool:
        """Feed a repair as a whole, or leave the parser as it was."""
        saved = self.cursor.copy(deepcopy_values=False)  # (a deep copy would lose our token class)
        for token in tokens:
            if token.type not in self.cursor.choices():
                self.cursor = saved
                return False
            try:
                self.cursor.feed_token(token)
            except UnexpectedToken:
                self.cursor = saved
                return False
        for token in tokens:
            self._accepted(token)
        return True

    def _accepted(self, token: CellToken) -> None:
        if self.dropped:
            self._close_dropped()
        self.last = token
        if token.type.startswith("HEADING_"):
            self.part = int(token.type[-1])
            self.table = None
        elif token.type in ("TEXT", "META"):
            self.table = None
        else:
            self.table = table_of_token(token.type) or self.table

    def _eof(self) -> Tree:
        return self.cursor.feed_eof(self.last or CellToken("TEXT", Chunk.at("", 1, 1)))

    def _close_dropped(self) -> None:
        tokens, self.dropped = self.dropped, []
        if tokens:
            self.problems.append(_unplaced(tokens, self.table, self.part))


def _implied_heading(part: int, token: CellToken) -> CellToken:
    line, column = token.chunk.start()
    return CellToken(f"HEADING_{part}", Chunk.at("", line, column), None, False,
                     HeadingMatch(part, 0, 0, 0, implied=True))


def _unplaced(tokens: list[CellToken], table: str | None, part: int) -> Problem:
    first, last = tokens[0], tokens[-1]
    span = Span(first.line, first.column, last.end_line, last.end_column)
    shown = "、".join(f"“{str(t)[:12]}”" for t in tokens[:3]) + ("等" if len(tokens) > 3 else "")
    where = f"{_TABLE_NAMES[table]}中" if table in _TABLE_NAMES else ""
    lines = f"第{first.line}行" if first.line == last.end_line else f"第{first.line}–{last.end_line}行"
    message = (f"{lines}{where}有 {len(tokens)} 处内容（{shown}）无法按模板放置，已跳过；"
               "该区域不做缺表、缺行、缺部分的判断，涉及的数据校验未进行")
    return Problem("PRS003", message, span, {
        "tokens": len(tokens), "texts": [str(t)[:30] for t in tokens[:10]],
        "table": _TABLE_NAMES.get(table or ""), "part": part or None,
        "lines": [first.line, last.end_line],
    })


def parse_tokens(tokens: list[CellToken], grammar: Path) -> tuple[list[Tree], list[Problem]]:
    """The trees of a report (more than one when a part is out of order) and the
    regions that could not be placed."""
    parser = get_parser(grammar)
    try:  # most reports follow the template as they are: Lark parses them in one go
        return [parser.parse(tokens)], []
    except UnexpectedInput:
        return parse_with_repairs(tokens, parser)  # the others token by token, repaired


def parse_with_repairs(tokens: list[CellToken], parser: Lark) -> tuple[list[Tree], list[Problem]]:
    """:func:`parse_tokens` a token at a time (the same trees where no repair is needed)."""
    driver = _Driver(parser)
    for token in tokens:
        driver.feed(token)
    return driver.finish()
