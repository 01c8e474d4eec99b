"""What the stdlib rebuilds at every start, kept by the console script between runs.

A one-report run (a pre-commit hook, an editor) spent a third of its own time
rebuilding the same things every time, in Python:

* ~150 regular expressions: ``re`` parses and compiles them in Python. What it
  hands the C matcher in the end (SRE code, a list of ints, and the group
  names) depends only on the pattern, its flags and the Python build. It is
  kept and given straight to ``_sre.compile`` next time, which is what
  ``re.compile`` calls last: the Pattern is the same (``==`` compares the
  code, and every entry is compared with ``re``'s own Pattern before it is
  kept).
* ~200 methods that ``dataclasses`` writes for our ~50 classes: it ``exec``\s
  their source text, compiling each. The code object compiled from a text
  depends only on the text and the Python build; it is kept too.

:func:`install` routes ``re``'s compile step and the ``exec`` of the
``dataclasses`` module (that module's name only; the builtin is untouched)
through the kept results, so every pattern and dataclass of the process
profits (ours, Lark's, the packs'). The console script calls it first and
:func:`save` before it leaves; library users are not touched. The file is
named after the Python build and the SRE version; a damaged file, an entry
``_sre`` refuses or another Python only means compiling again.

Also kept: :func:`first_class`, what a pattern's match can start with (the
label and quantity scanners put it in front of each alternative as a guard).
"""
from __future__ import annotations

import builtins
import marshal
import os
import re
import sys

try:  # CPython's engine and the stdlib's own parser and compiler
    import _sre
    from re import _compiler, _constants as K, _parser
except ImportError:  # pragma: no cover - another implementation: nothing is kept
    _sre = None  # type: ignore[assignment]

#: Beyond this many entries a save keeps only those the run used (an old
#: version's patterns and classes do not pile up).
_MAX_ENTRIES = 4000
_FORMAT = 2

#: (pattern, flags) -> the arguments of ``_sre.compile`` after the pattern.
_compiled: dict[tuple[str, int], tuple] = {}
#: pattern -> its first-character class, or None.
_firsts: dict[str, str | None] = {}
#: a method's source text, as dataclasses writes it -> its code object.
_methods: dict[str, object] = {}
_used: set = set()
_state = {"original": None, "changed": False, "method_flags": 0}


def install() -> None:
    """Load what was kept and route ``re``'s compile step and the ``exec`` of
    ``dataclasses`` through it."""
    if _sre is None or sys.implementation.name != "cpython" or _state["original"] is not None:
        return
    import dataclasses

    _load()
    _state["original"] = _compiler.compile
    _compiler.compile = _compile
    _state["method_flags"] = _future_flags(dataclasses)
    dataclasses.exec = _exec_method  # (a module global: found before the builtin, in that module only)


def save() -> None:
    """Write what was kept if this run added to it (atomically: a run beside
    this one reads the old file or the new, never half of one)."""
    if not _state["changed"]:
        return
    kept = {"compiled": _compiled, "methods": _methods}
    if len(_compiled) + len(_methods) > _MAX_ENTRIES:
        kept = {name: {key: value for key, value in table.items() if key in _used} for name, table in kept.items()}
    data = marshal.dumps({"format": _FORMAT, "firsts": _firsts, **kept})
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
    return f"startup-{sys.implementation.name}-{version}-{_sre.MAGIC}-{_sre.CODESIZE}.marshal"


def _load() -> None:
    from .cachedir import cache_dirs

    for directory in cache_dirs():
        try:
            data = marshal.loads((directory / _file_name()).read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            continue
        if isinstance(data, dict) and data.get("format") == _FORMAT:
            tables = data.get("compiled"), data.get("firsts"), data.get("methods")
            if all(isinstance(table, dict) for table in tables):
                _compiled.update(tables[0])
                _firsts.update(tables[1])
                _methods.update(tables[2])
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


def _exec_method(source, globals=None, locals=None):
    """``exec`` for the dataclasses module: a source text is compiled once per
    machine, as exec compiles it (named "<string>", with the future flags of
    the module that calls exec)."""
    if type(source) is str:
        code = _methods.get(source)
        if code is None:
            code = _methods[source] = compile(source, "<string>", "exec", _state["method_flags"], True)
            _state["changed"] = True
        _used.add(source)
        source = code
    return builtins.exec(source, globals, locals)


def _future_flags(module) -> int:
    """The compiler flags of the ``from __future__`` imports of a module."""
    import __future__

    features = (getattr(__future__, name) for name in __future__.all_feature_names)
    return sum(feature.compiler_flag for feature in features if feature in vars(module).values())


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
