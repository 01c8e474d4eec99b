"""The compiled-pattern cache (linter.sre_cache) gives the patterns re gives,
and a damaged or foreign cache costs time, never a wrong match or a crash."""
from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

from helpers import seed
from linter import sre_cache

pytestmark = pytest.mark.skipif(sre_cache._sre is None, reason="CPython's _sre only")

CHECK = [sys.executable, "-m", "linter", "check", "--format", "json"]


def _run_with_cache(cache, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, XXGK_LINT_CACHE_DIR=str(cache))
    return subprocess.run(CHECK + list(args), capture_output=True, env=env)


def _cache_file(cache):
    (path,) = cache.glob("sre-*.marshal")
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
        assert sre_cache._sre.compile(pattern, *entry) == re.compile(pattern, flags), pattern
    for pattern, guard in data["firsts"].items():
        assert guard == sre_cache._first_class(pattern)
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
    lambda data: marshal.dumps({"format": 1, "compiled": [], "firsts": {}}),  # wrong shape
    lambda data: marshal.dumps({"format": 1, "firsts": {}, "compiled": {  # code _sre refuses
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
    assert all(sre_cache._sre.compile(p, *entry) == re.compile(p, f) for (p, f), entry in data["compiled"].items())


def test_an_unwritable_cache_directory_is_no_error(tmp_path):
    blocked = tmp_path / "file-not-directory"
    blocked.write_text("x")
    env_tmp = tmp_path / "tmp"
    env_tmp.mkdir()
    env = dict(os.environ, XXGK_LINT_CACHE_DIR=str(blocked), TMPDIR=str(env_tmp))
    result = subprocess.run(CHECK + [str(seed("003"))], capture_output=True, env=env)
    assert result.returncode == 0 and result.stderr == b""
    assert list((env_tmp / "xxgk-lint").glob("sre-*.marshal"))  # (kept in the fallback place)


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
    assert sre_cache._sre.compile(pattern, *sre_cache._entry(pattern, flags)) == expected
