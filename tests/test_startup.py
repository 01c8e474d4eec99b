"""The start-up cache (linter.startup) gives the patterns re gives and
the dataclass methods exec gives; a damaged or foreign cache costs time,
never a wrong match or a crash."""
from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

from helpers import seed
from linter import startup

pytestmark = pytest.mark.skipif(startup._sre is None, reason="CPython's _sre only")

CHECK = [sys.executable, "-m", "linter", "check", "--format", "json"]


def _run_with_cache(cache, *args: str) -> subprocess.CompletedProcess:
    private_tmp = cache.parent / f"{cache.name}-tmp"  # (the fallback place too: nothing from other runs)
    private_tmp.mkdir(exist_ok=True)
    env = dict(os.environ, XXGK_LINT_CACHE_DIR=str(cache), TMPDIR=str(private_tmp))
    return subprocess.run(CHECK + list(args), capture_output=True, env=env)


def _kept_pattern(pattern: str, blob: bytes) -> re.Pattern:
    return startup._sre.compile(pattern, *startup.pattern_arguments(blob))


def _garbled(blob: bytes) -> bytes:
    flags, code, *rest = marshal.loads(blob)
    return marshal.dumps((flags, b"\x07\x00\x00\x00" * (len(code) // 4), *rest))


def _cache_file(cache):
    (path,) = cache.glob("startup-*.marshal")
    return path


def test_every_kept_pattern_is_the_pattern_re_compiles(tmp_path):
    """Run the CLI over the seeds with an empty cache, then compare every entry
    it kept with re's own compile of the same pattern (Pattern == compares the
    SRE code, the flags and the pattern)."""
    reports = [str(seed(prefix)) for prefix in ("000", "001", "002", "003", "004")]
    first = _run_with_cache(tmp_path, *reports)
    data = marshal.loads(_cache_file(tmp_path).read_bytes())
    assert len(data["patterns"]) > 100  # (the label, quantity and narrative patterns at least)
    for (pattern, flags), blob in data["patterns"].items():
        assert _kept_pattern(pattern, blob) == re.compile(pattern, flags), pattern
    for pattern, guard in data["firsts"].items():
        assert guard == startup._first_class(pattern)
    assert len(data["methods"]) > 100  # (the dataclasses' __init__, __repr__, __eq__ …)
    for source, blob in data["methods"].items():
        assert marshal.loads(blob) == compile(source, "<string>", "exec", 0, True)  # (as exec(source) in dataclasses)
    second = _run_with_cache(tmp_path, *reports)  # (from the cache this time)
    assert second.stdout == first.stdout and second.returncode == first.returncode


def test_a_run_from_the_cache_compiles_nothing_and_writes_nothing(tmp_path):
    _run_with_cache(tmp_path, str(seed("003")))
    path = _cache_file(tmp_path)
    before = path.stat().st_mtime_ns, path.read_bytes()
    _run_with_cache(tmp_path, str(seed("003")))
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before


@pytest.mark.parametrize("damage", [
    lambda data: data[: len(data) // 2],  # cut short
    lambda data: b"\x00" * 64,  # not marshal
    lambda data: marshal.dumps({"format": 3, "patterns": [], "firsts": {}, "methods": {}}),  # wrong shape
    lambda data: marshal.dumps({"format": 3, "firsts": {}, "methods": {}, "patterns": {  # code _sre refuses
        key: _garbled(blob) for key, blob in marshal.loads(data)["patterns"].items()}}),
    lambda data: marshal.dumps({"format": 3, "firsts": {}, "patterns": {}, "methods": {  # not code, not marshal
        source: marshal.dumps(1) if n % 2 else b"\xff" for n, source in enumerate(marshal.loads(data)["methods"])}}),
    lambda data: marshal.dumps({**marshal.loads(data), "firsts_by": 0, "firsts": {  # guards another version made
        pattern: "[x]" for pattern in marshal.loads(data)["firsts"]}}),
])
def test_a_damaged_cache_gives_the_same_output(tmp_path, damage):
    report = str(seed("002"))
    clean = _run_with_cache(tmp_path / "clean", report)
    path = _cache_file(tmp_path / "clean")
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / path.name).write_bytes(damage(path.read_bytes()))
    result = _run_with_cache(damaged, report)
    assert result.stderr == b""
    assert (result.stdout, result.returncode) == (clean.stdout, clean.returncode)
    # ... and the next run has a sound cache again
    data = marshal.loads(_cache_file(damaged).read_bytes())
    assert all(_kept_pattern(p, blob) == re.compile(p, f) for (p, f), blob in data["patterns"].items())
    assert all(guard == startup._first_class(p) for p, guard in data["firsts"].items())
    assert all(marshal.loads(blob) == compile(source, "<string>", "exec", 0, True)
               for source, blob in data["methods"].items())


def test_an_unwritable_cache_directory_is_no_error(tmp_path):
    blocked = tmp_path / "file-not-directory"
    blocked.write_text("x")
    env_tmp = tmp_path / "tmp"
    env_tmp.mkdir()
    env = dict(os.environ, XXGK_LINT_CACHE_DIR=str(blocked), TMPDIR=str(env_tmp))
    result = subprocess.run(CHECK + [str(seed("003"))], capture_output=True, env=env)
    assert result.returncode == 0 and result.stderr == b""
    assert list(env_tmp.glob("xxgk-lint-*/startup-*.marshal"))  # (kept in the fallback place)


# The entries are made by mirroring re._compiler.compile; held to re itself on
# patterns of the kinds the linter writes (classes, groups, lookarounds, repeats).
_PIECES = st.sampled_from([
    "a", "年", r"\d", r"\d{1,7}", "[一二三]", "[^，。]", r"\s*", "(?:件|条)", "(?P<n>\\d+)", "(?<!不)",
    "(?=[及和])", "(?![\\d.])", "x?", "[0-9０-９]+?", "^", "$", "|", r"\(", "(?:a|bc)*", "(?P<w>[甲乙])",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=8), st.sampled_from([0, re.MULTILINE, re.IGNORECASE, re.DOTALL]))
def test_the_mirrored_compile_makes_re_s_pattern(pieces, flags):
    pattern = "".join(pieces)
    try:
        expected = re.compile(pattern, flags)
    except re.error:
        return
    assert startup._sre.compile(pattern, *startup._entry(pattern, flags)) == expected


_CLASSES = '''
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Point:
    x: int
    y: "int | None" = None


@dataclass(order=True)
class Box:
    name: str
    points: list = field(default_factory=list)
    kind: str = field(default="plain", repr=False, compare=False)
'''


def _behaviour(namespace: dict) -> list:
    import dataclasses
    import inspect

    Point, Box = namespace["Point"], namespace["Box"]
    p, box = Point(1), Box("a", [Point(2, 3)])
    try:
        p.x = 5
        frozen = "mutable"
    except dataclasses.FrozenInstanceError as error:
        frozen = repr(error)
    return [repr(p), repr(box), p == Point(1, None), hash(p) == hash(Point(1)), Box("a") < Box("b"),
            box == Box("a", [Point(2, 3)], kind="other"), frozen, str(inspect.signature(Point)),
            str(inspect.signature(Box)), Point.__init__.__code__.co_filename, Point.__init__.__annotations__,
            [f.name for f in dataclasses.fields(Box)], Point.__doc__]


def test_dataclasses_made_with_kept_methods_behave_as_made_without(monkeypatch):
    """The same classes made by the stdlib alone, by the hook compiling, and by the
    hook with every method from the kept code objects, behave alike."""
    import dataclasses

    plain: dict = {}
    exec(_CLASSES, plain)
    monkeypatch.setattr(startup, "_methods", {})
    monkeypatch.setattr(startup, "_state", dict(startup._state, changed=False, method_flags=0))
    monkeypatch.setattr(dataclasses, "exec", startup._exec_method, raising=False)
    compiled: dict = {}
    exec(_CLASSES, compiled)
    assert startup._methods and startup._state["changed"]
    kept = marshal.loads(marshal.dumps(startup._methods))  # (as a later run reads them)
    monkeypatch.setattr(startup, "_methods", kept)
    monkeypatch.setattr(startup, "compile", lambda *args: pytest.fail("compiled again"), raising=False)
    from_kept: dict = {}
    exec(_CLASSES, from_kept)
    assert _behaviour(plain) == _behaviour(compiled) == _behaviour(from_kept)


def test_the_collector_is_held_back_only_until_the_process_is_built():
    """prepare() raises the collector's first threshold; a batch run settles
    after its first report: Python's thresholds again, and what exists then
    frozen; settled() does it once."""
    code = (
        "import gc, sys\n"
        "from linter import startup\n"
        "from linter.batch import Budget, lint_ordered\n"
        "from linter.engine import lint_path\n"
        "before = gc.get_threshold()\n"
        "startup.prepare()\n"
        "held = gc.get_threshold()\n"
        "seen = [gc.get_threshold() for _ in lint_ordered(sys.argv[1:], lint_path, lambda p: Budget(), 1)]\n"
        "frozen = gc.get_freeze_count()\n"
        "startup.settled()\n"
        "print(before, held, seen, gc.get_threshold(), frozen > 0, gc.get_freeze_count() == frozen)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(seed("003")), str(seed("002"))],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    default = "(700, 10, 10)"
    assert result.stdout.strip() == f"{default} (50000, 10, 10) [(50000, 10, 10), {default}] {default} True True"
