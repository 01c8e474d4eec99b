"""Parsing: the token stream of a report -> a Lark tree, per era grammar.

Grammars are LALR and analysed once: the analysis is cached on disk
(``$XDG_CACHE_HOME/xxgk-lint`` or ``~/.cache/xxgk-lint``; set
``XXGK_LINT_CACHE_DIR`` to move it), so a pre-commit run only unpickles it.
Syntax trouble becomes a PRS003 problem; parsing skips to the next heading or
table and goes on.
"""
from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import Iterable, Iterator

from lark import Lark, Tree
from lark.exceptions import UnexpectedInput, UnexpectedToken
from lark.lexer import Lexer

from .ast import Problem, Span
from .lexer import CellToken


_RESUME_AT = {"HEADING", "_TABLE2", "_TABLE3", "_TABLE4", "_TABLE7"}
_PARSERS: dict[Path, Lark] = {}


class _StreamLexer(Lexer):
    """The tokens are made by linter.lexer already; this hands them to Lark."""

    def __init__(self, lexer_conf: object) -> None:
        pass

    def lex(self, data: Iterable[CellToken]) -> Iterator[CellToken]:  # type: ignore[override]
        return iter(data)


def cache_dir() -> Path:
    configured = os.environ.get("XXGK_LINT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "xxgk-lint"


def get_parser(grammar: Path) -> Lark:
    parser = _PARSERS.get(grammar)
    if parser is None:
        parser = _PARSERS[grammar] = _load(grammar)
    return parser


def _load(path: Path) -> Lark:
    options = dict(parser="lalr", lexer=_StreamLexer, strict=True, maybe_placeholders=False)
    for directory in (cache_dir(), Path(os.environ.get("TMPDIR") or "/tmp") / "xxgk-lint"):
        try:
            directory.mkdir(parents=True, exist_ok=True)
            cache = directory / f"grammar-{path.stem}-{_grammar_stamp(path)}.pickle"
            return Lark.open(str(path), cache=str(cache), **options)
        except OSError:
            continue  # read-only home: try the next place, then go without a cache
    return Lark.open(str(path), **options)


def _grammar_stamp(path: Path) -> str:
    """Changes whenever the grammar or a grammar beside it (its %imports) changes,
    or when it moves (Lark keys its cache on the main file's text only)."""
    stamp = zlib.crc32(str(path).encode("utf-8"))
    for file in sorted(path.parent.glob("*.lark")):
        stamp = zlib.crc32(file.read_bytes(), stamp)
    return f"{stamp:08x}"


class _Resumable:
    """Token source that can be told to drop tokens up to the next heading or table."""

    def __init__(self, tokens: list[CellToken]) -> None:
        self.tokens = tokens
        self.index = 0
        self.skipped: list[CellToken] = []
        self.skipping = False

    def __iter__(self) -> Iterator[CellToken]:
        while self.index < len(self.tokens):
            token = self.tokens[self.index]
            self.index += 1
            if self.skipping:
                if token.type not in _RESUME_AT:
                    self.skipped.append(token)
                    continue
                self.skipping = False
            yield token


def parse_tokens(tokens: list[CellToken], grammar: Path) -> tuple[Tree, list[Problem]]:
    problems: list[Problem] = []
    stream = _Resumable(tokens)

    def recover(error: UnexpectedInput) -> bool:
        if not isinstance(error, UnexpectedToken) or error.token.type == "$END":
            return False
        token = error.token
        stream.skipping = True
        stream.skipped = []
        problems.append(_syntax_problem(token, error, stream))
        return True

    tree = get_parser(grammar).parse(stream, on_error=recover)
    for problem in problems:
        skipped = problem.data.pop("_skipped")
        if skipped:
            problem.data["skipped_to_line"] = skipped[-1].end_line
    return tree, problems


def _syntax_problem(token: CellToken, error: UnexpectedToken, stream: _Resumable) -> Problem:
    expected = sorted(t for t in error.expected if not t.startswith("_"))
    span = Span(token.line, token.column, token.end_line, token.end_column)
    what = _DESCRIBE.get(token.type, token.type)
    text = str(token)[:30]
    message = f"表格结构无法识别：此处不应出现{what}“{text}”，已跳过至下一个标题或表格继续解析"
    return Problem("PRS003", message, span, {"token": token.type, "text": text, "expected": expected,
                                               "_skipped": stream.skipped})


_DESCRIBE = {
    "VALUE": "数值单元格",
    "LABEL": "无法识别的表格标签",
    "T2_ROW": "表二的行标签",
    "T2_HEAD": "表二的表头",
    "T3_ROW": "表三的行标签",
    "T3_GROUP": "表三的分组标签",
    "T3_HEAD": "表三的表头",
    "T4_HEAD": "表四的表头",
    "TITLE": "标题",
}
