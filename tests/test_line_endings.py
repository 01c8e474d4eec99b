"""One line model everywhere: a line ends at \\n, \\r\\n or a lone \\r, as editors
count them, in every reader and every rule (the positions of the LF file)."""
from __future__ import annotations

import pytest

from linter.engine import lint_bytes

from helpers import CORPUS, SEEDS


def _endings(text: str, style: str) -> str:
    lines = text.split("\n")
    if style == "crlf":
        return "\r\n".join(lines)
    if style == "cr":
        return "\r".join(lines)
    # mixed: every line break in turn \n, \r\n and a lone \r (the lone \r that
    # editors break a line at, and older tools did not); a lone \r never
    # before an empty line, where it would make \r\n with the next break
    out = lines[0]
    for k, line in enumerate(lines[1:]):
        brk = ("\n", "\r\n", "\r")[k % 3]
        out += ("\n" if brk == "\r" and not line else brk) + line
    return out


def _positions(data: bytes, name: str) -> list[tuple]:
    result = lint_bytes(data, name)
    assert not result.crashed
    return sorted((d.code, d.span.line, d.span.column, d.span.end_line, d.span.end_column)
                  for d in result.diagnostics)


def _reports():
    reports = sorted(SEEDS.glob("*.txt"))
    if CORPUS.is_dir():
        reports += [CORPUS / "001.md", CORPUS / "019.txt", CORPUS / "045.html"]
    return reports


@pytest.mark.parametrize("path", _reports(), ids=lambda p: p.name)
@pytest.mark.parametrize("style", ["crlf", "cr", "mixed"])
def test_positions_do_not_depend_on_line_endings(path, style):
    text = path.read_text(encoding="utf-8")
    assert "\r" not in text
    expected = _positions(text.encode("utf-8"), path.name)
    assert _positions(_endings(text, style).encode("utf-8"), path.name) == expected
