"""A fast start for the console script: what the stdlib rebuilds at every
start, kept between runs, and no garbage collection while the process is
being built.

A one-report run (a pre-commit hook, an editor) spent a third of its own time
rebuilding the same things every time, in Python:

* ~150 regular expressions: ``re`` parses and compiles them in Python. What it
  hands the C matcher in the end (SRE code, a list of ints, and the group
  names) depends only on the pattern, its flags and the Python build. It is
  kept and given straight to ``_sre.compile`` next time, which is what
  ``re.compile`` calls last: the Pattern is the same (``==`` compares the
  code, and every entry is compared with ``re``'s own Pattern before it is
  kept).
* ~200 methods that ``dataclasses`` writes for our ~50 classes: it runs
  ``exec`` on their source text, compiling each. The code object compiled
  from a text depends only on the text and the Python build; it is kept too.

:func:`prepare` routes ``re``'s compile step and the ``exec`` of the
``dataclasses`` module (that module's name only; the builtin is untouched)
through the kept results, so every pattern and dataclass of the process
profits (ours, Lark's, the packs'). The console script calls it once the
arguments name a command, and :func:`save` before it leaves; library users
are not touched. Entries stay marshalled until a run uses one. The file is
named after the Python build and the SRE version; a damaged file, an entry
``_sre`` refuses or another Python only means compiling again.

The cyclic garbage collector ran ~70 times while the modules, classes and
the grammar's tables of a one-report run were made, going over the same
long-lived objects again and again (7 ms). :func:`prepare` raises its first
threshold; :func:`settled` — called once the first report is done, before
workers are forked, and when the language server starts serving — moves
what exists then out of the collector's way (``gc.freeze``) and restores the
thresholds, so a batch run collects as usual.

Also kept: :func:`first_class`, what a pattern's match can start with (the
label and quantity scanners put it in front of each alternative as a guard).
"""
from __future__ import annotations

import builtins
import gc
import marshal
import re
import sys
import zlib
from array import array
from types import CodeType

try:  # CPython's engine and the stdlib's own parser and compiler
    import _sre
    from re import _compiler, _constants as K, _parser
except ImportError:  # pragma: no cover - another implementation: nothing is kept
    _sre = None  # type: ignore[assignment]

#: Beyond this many bytes a save keeps only what the run used (an old
#: version's patterns and classes do not pile up).
_MAX_BYTES = 8 << 20
_FORMAT = 3
#: The collector's first threshold while the process is built (allocations
#: between collections of the youngest generation; Python's default is 700).
_STARTUP_THRESHOLD = 50_000

#: (pattern, flags) -> the arguments of ``_sre.compile`` after the pattern,
#: marshalled (the code as bytes). Entries stay bytes until a run uses them:
#: a run needs a third of what the runs before it kept.
_patterns: dict[tuple[str, int], bytes] = {}
#: a method's source text, as dataclasses writes it -> its code object, marshalled.
_methods: dict[str, bytes] = {}
#: pattern -> its first-character class, or None.
_firsts: dict[str, str | None] = {}
_used: set = set()
_state: dict = {"original": None, "changed": False, "method_flags": 0}


def prepare() -> None:
    """Load what was kept, route ``re``'s compile step and the ``exec`` of
    ``dataclasses`` through it, and hold the collector back until :func:`settled`."""
    if (_sre is None or sys.implementation.name != "cpython" or array("I").itemsize != _sre.CODESIZE
            or _state["original"] is not None):
        return
    import dataclasses

    _state["thresholds"] = gc.get_threshold()
    gc.set_threshold(_STARTUP_THRESHOLD, *_state["thresholds"][1:])

    _load()
    _state["original"] = _compiler.compile
    _compiler.compile = _compile
    _state["method_flags"] = _future_flags(dataclasses)
    dataclasses.exec = _exec_method  # (a module global: found before the builtin, in that module only)


def settled() -> None:
    """The process is built: what exists now stays (out of the collector's
    way), and the collector runs as usual from here on."""
    thresholds = _state.pop("thresholds", None)
    if thresholds is not None:
        gc.freeze()
        gc.set_threshold(*thresholds)


def save() -> None:
    """Write what was kept if this run added to it."""
    if not _state["changed"]:
        return
    tables = {"patterns": _patterns, "methods": _methods}
    if sum(len(blob) for table in tables.values() for blob in table.values()) > _MAX_BYTES:
        tables = {name: {key: blob for key, blob in table.items() if key in _used} for name, table in tables.items()}
    data = marshal.dumps({"format": _FORMAT, "firsts": _firsts, "firsts_by": _firsts_by(), **tables})
    from .cachedir import keep

    if keep(_file_name(), data) is not None:
        _state["changed"] = False


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
    """Named after what the kept code depends on: the Python build, its SRE
    version and the word size behind SRE's limits (one cache directory may
    serve several machines)."""
    version = ".".join(map(str, sys.version_info[:3]))
    return f"startup-{sys.implementation.name}-{version}-{_sre.MAGIC}-{_sre.CODESIZE}-{_sre.MAXREPEAT:x}.marshal"


def _load() -> None:
    from .cachedir import kept

    for blob in kept(_file_name()):
        try:
            data = marshal.loads(blob)
        except (EOFError, ValueError, TypeError):
            continue
        if isinstance(data, dict) and data.get("format") == _FORMAT:
            tables = data.get("patterns"), data.get("methods"), data.get("firsts")
            if all(isinstance(table, dict) for table in tables):
                _patterns.update(tables[0])
                _methods.update(tables[1])
                firsts = tables[2]
                if data.get("firsts_by") == _firsts_by() and all(  # (made by this version of _first_class)
                        value is None or type(value) is str for value in firsts.values()):
                    _firsts.update(firsts)
                return


def _firsts_by() -> int:
    """Which :func:`_first_class` made the kept classes. Unlike the patterns and
    methods, which are keyed by their whole text, a class depends on our code,
    which may change under an unchanged pattern. (Its bytecode, names and
    constants; not marshal's bytes, which vary with reference counts.)"""
    def fingerprint(code: CodeType, crc: int) -> int:
        crc = zlib.crc32(code.co_code + repr(code.co_names).encode(), crc)
        for constant in code.co_consts:
            crc = fingerprint(constant, crc) if type(constant) is CodeType else zlib.crc32(repr(constant).encode(), crc)
        return crc

    return fingerprint(_first_class.__code__, 0)


def _discard_kept() -> None:
    """An entry the engine refused means a damaged file: nothing read from it is
    used or kept (what this run needs is made again and saved)."""
    _patterns.clear()
    _methods.clear()
    _firsts.clear()
    _state["changed"] = True


def _compile(pattern, flags=0):
    """``re._compiler.compile`` for str patterns, from the kept code when there is some."""
    original = _state["original"]
    if type(pattern) is not str or flags & re.DEBUG:  # (DEBUG prints the parse: re's business)
        return original(pattern, flags)
    key = (pattern, int(flags))
    blob = _patterns.get(key)
    if blob is not None:
        try:
            compiled = _sre.compile(pattern, *pattern_arguments(blob))
        except Exception:  # an entry _sre refuses: a damaged file
            _discard_kept()
        else:
            _used.add(key)
            return compiled
    compiled = original(pattern, flags)
    try:
        final_flags, code, groups, groupindex, indexgroup = _entry(pattern, int(flags))
        blob = marshal.dumps((final_flags, array("I", code).tobytes(), groups, groupindex, indexgroup))
        if _sre.compile(pattern, *pattern_arguments(blob)) == compiled:  # (never keep what re would not make)
            _patterns[key] = blob
            _used.add(key)
            _state["changed"] = True
    except Exception:  # pragma: no cover - a Python whose _sre.compile takes other arguments
        pass
    return compiled


def pattern_arguments(blob: bytes) -> tuple:
    """A kept entry as the arguments of ``_sre.compile`` after the pattern."""
    flags, code, groups, groupindex, indexgroup = marshal.loads(blob)
    return flags, array("I", code).tolist(), groups, groupindex, indexgroup


def _exec_method(source, globals=None, locals=None):
    """``exec`` for the dataclasses module: a source text is compiled once per
    machine, as exec compiles it (named "<string>", with the future flags of
    the module that calls exec)."""
    if type(source) is str:
        code = _kept_method(source)
        if code is None:
            code = compile(source, "<string>", "exec", _state["method_flags"], True)
            _methods[source] = marshal.dumps(code)
            _state["changed"] = True
        _used.add(source)
        source = code
    return builtins.exec(source, globals, locals)


def _kept_method(source: str) -> CodeType | None:
    """The kept code object of a method's source, or None."""
    blob = _methods.get(source)
    if blob is None:
        return None
    try:
        code = marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        code = None
    if type(code) is not CodeType:  # a damaged file
        _discard_kept()
        return None
    return code


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
