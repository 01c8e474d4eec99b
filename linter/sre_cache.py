"""Regular expressions compiled once per machine, not once per run.

A short run (one report from a pre-commit hook or an editor) spent a quarter
of its time compiling ~150 patterns: the stdlib's ``re`` parses and compiles
in Python. What it hands to the C matcher in the end (SRE code, a list of
ints, with the group names) depends only on the pattern, its flags and the
Python build. The console script keeps it in the cache directory and the next
run gives it straight to ``_sre.compile``, which is what ``re.compile`` calls
last: the Pattern is the same (``==`` compares the code, and every entry is
compared with ``re``'s own result before it is kept).

:func:`install` hooks ``re``'s compile step, so every pattern of the process
profits (ours, Lark's, the packs'); the console script calls it first and
:func:`save` before it leaves. Library users are not touched. Another Python
(the file is named after the build and the SRE version), a damaged file or an
entry ``_sre`` refuses: ``re`` compiles as usual.

Also kept: :func:`first_class`, what a pattern's match can start with (the
label and quantity scanners put it in front of each alternative as a guard).
"""
from __future__ import annotations

import marshal
import os
import re
import sys

try:  # CPython's engine and the stdlib's own parser and compiler
    import _sre
    from re import _compiler, _constants as K, _parser
except ImportError:  # pragma: no cover - another implementation: nothing is kept
    _sre = None  # type: ignore[assignment]

#: Beyond this many entries a save keeps only those the run used (old
#: versions' patterns do not pile up).
_MAX_ENTRIES = 4000
_FORMAT = 1

#: (pattern, flags) -> the arguments of ``_sre.compile`` after the pattern.
_compiled: dict[tuple[str, int], tuple] = {}
#: pattern -> its first-character class, or None.
_firsts: dict[str, str | None] = {}
_used: set[tuple[str, int]] = set()
_state = {"original": None, "changed": False}


def install() -> None:
    """Load the kept patterns and route ``re``'s compile step through them."""
    if _sre is None or sys.implementation.name != "cpython" or _state["original"] is not None:
        return
    _load()
    _state["original"] = _compiler.compile
    _compiler.compile = _compile


def save() -> None:
    """Write the kept patterns if this run compiled new ones (atomically: a
    run beside this one reads the old file or the new, never half of one)."""
    if not _state["changed"]:
        return
    compiled = _compiled
    if len(compiled) > _MAX_ENTRIES:
        compiled = {key: value for key, value in compiled.items() if key in _used}
    data = marshal.dumps({"format": _FORMAT, "compiled": compiled, "firsts": _firsts})
    from .cachedir import cache_dirs

    for directory in cache_dirs():
        partial = directory / f".{_file_name()}.{os.getpid()}"
        try:
            directory.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(data)
            os.replace(partial, directory / _file_name())
            _state["changed"] = False
            return
        except OSError:
            try:
                partial.unlink()
            except OSError:
                pass
            continue  # a read-only cache directory: try the next place


def first_class(pattern: str) -> str | None:
    """A character class holding every character a match of ``pattern`` can
    start with, or None when that cannot be told (any character, an empty
    match, a case-blind pattern)."""
    try:
        return _firsts[pattern]
    except KeyError:
        pass
    found = _firsts[pattern] = _first_class(pattern)
    if _state["original"] is not None:
        _state["changed"] = True
    return found


def _file_name() -> str:
    version = ".".join(map(str, sys.version_info[:3]))
    return f"sre-{sys.implementation.name}-{version}-{_sre.MAGIC}-{_sre.CODESIZE}.marshal"


def _load() -> None:
    from .cachedir import cache_dirs

    for directory in cache_dirs():
        try:
            data = marshal.loads((directory / _file_name()).read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            continue
        if isinstance(data, dict) and data.get("format") == _FORMAT:
            compiled, firsts = data.get("compiled"), data.get("firsts")
            if isinstance(compiled, dict) and isinstance(firsts, dict):
                _compiled.update(compiled)
                _firsts.update(firsts)
                return


def _compile(pattern, flags=0):
    """``re._compiler.compile`` for str patterns, from the kept code when there is some."""
    original = _state["original"]
    if type(pattern) is not str or flags & re.DEBUG:  # (DEBUG prints the parse: re's business)
        return original(pattern, flags)
    key = (pattern, int(flags))
    entry = _compiled.get(key)
    if entry is not None:
        try:
            compiled = _sre.compile(pattern, *entry)
        except Exception:  # an entry _sre refuses (a damaged file): compile it again
            del _compiled[key]
        else:
            _used.add(key)
            return compiled
    compiled = original(pattern, flags)
    entry = _entry(pattern, int(flags))
    try:
        if _sre.compile(pattern, *entry) == compiled:  # (never keep what re would not have made)
            _compiled[key] = entry
            _used.add(key)
            _state["changed"] = True
    except Exception:  # pragma: no cover - a Python whose _sre.compile takes other arguments
        pass
    return compiled


def _entry(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` gives ``_sre.compile`` after the pattern,
    as plain ints, dicts and tuples (marshal keeps nothing else)."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _first_class(pattern: str) -> str | None:
    if _sre is None:  # pragma: no cover - no stdlib parser to ask: no guard, the same matches
        return None
    items: list[str] = []

    def sequence(parsed) -> bool:
        """Add the first characters of a sequence; True when it can match nothing."""
        for op, arg in parsed:
            if op is K.SUBPATTERN and arg[1] & re.IGNORECASE:
                raise LookupError(op)  # (a case-blind group: its literals are not its characters)
            if op is K.LITERAL:
                items.append(re.escape(chr(arg)))
                return False
            if op is K.IN:
                for kind, value in arg:
                    if kind is K.LITERAL:
                        items.append(re.escape(chr(value)))
                    elif kind is K.RANGE:
                        items.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
                    elif kind is K.CATEGORY and value is K.CATEGORY_DIGIT:
                        items.append(r"\d")
                    else:
                        raise LookupError(kind)  # a negated class, a category of another kind
                return False
            if op is K.SUBPATTERN:
                if not sequence(arg[-1]):
                    return False
            elif op is K.BRANCH:
                empty = [sequence(branch) for branch in arg[1]]
                if not any(empty):
                    return False
            elif op in (K.MAX_REPEAT, K.MIN_REPEAT):
                low, _, body = arg
                if not sequence(body) and low > 0:
                    return False
            elif op not in (K.ASSERT, K.ASSERT_NOT, K.AT):  # (lookarounds and anchors take no character)
                raise LookupError(op)  # any character, a back reference
        return True

    try:
        parsed = _parser.parse(pattern)
        if parsed.state.flags & re.IGNORECASE or sequence(parsed):
            return None
    except (LookupError, re.error):
        return None
    return "[" + "".join(dict.fromkeys(items)) + "]"
