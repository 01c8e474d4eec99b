"""The start-up cache (linter.startup_cache) gives the patterns re gives and
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
from linter import startup_cache

pytestmark = pytest.mark.skipif(startup_cache._sre is None, reason="CPython's _sre only")

CHECK = [sys.executable, "-m", "linter", "check", "--format", "json"]


def _run_with_cache(cache, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, XXGK_LINT_CACHE_DIR=str(cache))
    return subprocess.run(CHECK + list(args), capture_output=True, env=env)


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
    assert len(data["compiled"]) > 100  # (the label, quantity and narrative patterns at least)
    for (pattern, flags), entry in data["compiled"].items():
        assert startup_cache._sre.compile(pattern, *entry) == re.compile(pattern, flags), pattern
    for pattern, guard in data["firsts"].items():
        assert guard == startup_cache._first_class(pattern)
    assert len(data["methods"]) > 100  # (the dataclasses' __init__, __repr__, __eq__ …)
    for source, code in data["methods"].items():
        assert code == compile(source, "<string>", "exec", 0, True)  # (what exec(source) compiles in dataclasses)
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
    lambda data: marshal.dumps({"format": 2, "compiled": [], "firsts": {}, "methods": {}}),  # wrong shape
    lambda data: marshal.dumps({"format": 2, "firsts": {}, "methods": {}, "compiled": {  # code _sre refuses
        key: (entry[0], [7] * len(entry[1])) + tuple(entry[2:])
        for key, entry in marshal.loads(data)["compiled"].items()}}),
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
    assert all(startup_cache._sre.compile(p, *entry) == re.compile(p, f) for (p, f), entry in data["compiled"].items())


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
    assert startup_cache._sre.compile(pattern, *startup_cache._entry(pattern, flags)) == expected


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
    monkeypatch.setattr(startup_cache, "_methods", {})
    monkeypatch.setattr(startup_cache, "_state", dict(startup_cache._state, changed=False, method_flags=0))
    monkeypatch.setattr(dataclasses, "exec", startup_cache._exec_method, raising=False)
    compiled: dict = {}
    exec(_CLASSES, compiled)
    assert startup_cache._methods and startup_cache._state["changed"]
    kept = marshal.loads(marshal.dumps(startup_cache._methods))
    monkeypatch.setattr(startup_cache, "_methods", kept)
    monkeypatch.setattr(startup_cache, "compile", lambda *args: pytest.fail("compiled again"), raising=False)
    from_kept: dict = {}
    exec(_CLASSES, from_kept)
    assert _behaviour(plain) == _behaviour(compiled) == _behaviour(from_kept)
