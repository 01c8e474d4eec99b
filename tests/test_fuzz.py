"""The short fuzz run (CI): mutants of the real reports and of generated ones,
and random configuration and rule-pack files. The long run, for release
checks, is ``python3 tests/fuzz/run.py`` (see its docstring).

What must hold for every input: one record, no internal error, every
position inside the text it names, data that serialises to JSON; a
configuration or pack is read or refused with ConfigError / PackError —
never anything else."""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.ast import json_default
from linter.batch import Budget, check_bounded
from linter.config import ConfigError, read_config_file
from linter.engine import lint_bytes
from linter.packs import PackError, load_pack
from linter.source import read_bytes

from helpers import CORPUS, SEEDS
from strategies import report_2007, report_2019, report_2021

sys.path.insert(0, str(Path(__file__).parent / "fuzz"))
from mutate import OPERATORS  # noqa: E402

SOURCES = sorted(SEEDS.glob("*.txt")) + sorted(p for p in CORPUS.glob("0*") if p.suffix in (".txt", ".md", ".html"))
FUZZ = settings(max_examples=120, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _mutate(data: bytes, seed: int, count: int) -> bytes:
    rng = random.Random(seed)
    for operator in rng.sample(OPERATORS, count):
        data = operator(data, rng)
    return data


def _assert_honest(data: bytes, name: str) -> None:
    result = check_bounded(name, lambda path: lint_bytes(data, path), Budget(seconds=60))
    codes = [d.code for d in result.diagnostics]
    assert "INT001" not in codes, [d.message for d in result.diagnostics if d.code == "INT001"]
    json.dumps([d.data for d in result.diagnostics], default=json_default)
    if "PRS001" in codes or "PRS005" in codes:
        return
    source = read_bytes(data, name)
    if source.blocks is None:  # a text file: positions count its own lines
        from linter.layout import split_lines

        lines = split_lines(source.text)
        for d in result.diagnostics:
            assert 1 <= d.span.line <= len(lines), (d.code, d.span)
            assert 1 <= d.span.column <= len(lines[d.span.line - 1]) + 1, (d.code, d.span)


REGRESSIONS = sorted((Path(__file__).parent / "fuzz" / "regressions").iterdir())


@pytest.mark.parametrize("path", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_every_input_the_fuzzer_ever_broke_us_with(path):
    """Kept by ``tests/fuzz/run.py --keep``: the files of past failures, each named for what broke."""
    _assert_honest(path.read_bytes(), path.name)


@pytest.mark.skipif(not SOURCES, reason="no real reports beside the project")
@FUZZ
@given(source=st.sampled_from(SOURCES or [Path(".")]), seed=st.integers(0, 2**32 - 1), count=st.integers(1, 3))
def test_mutants_of_real_reports(source, seed, count):
    _assert_honest(_mutate(source.read_bytes(), seed, count), source.name)


@FUZZ
@given(report=st.one_of(report_2021(), report_2019(), report_2007()), seed=st.integers(0, 2**32 - 1),
       count=st.integers(1, 3))
def test_mutants_of_generated_reports(report, seed, count):
    _assert_honest(_mutate(report.data, seed, count), report.path)


# ---------------------------------------------------------------------------
# configuration and rule packs

_SCALARS = st.one_of(st.integers(-10**30, 10**30), st.text(max_size=20), st.booleans(), st.floats(allow_nan=False))
_KEYS = st.sampled_from(["select", "ignore", "severity", "limits", "rule-options", "era", "deadlines",
                         "per-file-ignores", "rule-packs", "max-pages", "SEC004", "min-chars", "x"])
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(_KEYS, inner, max_size=4)), max_leaves=12)


def _toml(value: object) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)


@FUZZ
@given(table=st.dictionaries(_KEYS, _VALUES, max_size=5), noise=st.text(max_size=40), garble=st.booleans())
def test_random_configuration_is_read_or_refused(tmp_path_factory, table, noise, garble):
    text = "[tool.xxgk-lint]\n" + "".join(f"{json.dumps(k)} = {_toml(v)}\n" for k, v in table.items())
    if garble:
        text = text[: len(text) // 2] + noise + text[len(text) // 2:]
    path = tmp_path_factory.mktemp("config") / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    try:
        read_config_file(path)
    except ConfigError as error:
        assert str(error) and "\n" not in str(error)


_RULE_KEYS = st.sampled_from(["code", "name", "check", "message", "phrases", "section", "severity", "tests",
                              "identity", "eras", "x"])
_RULE = st.dictionaries(_RULE_KEYS, _VALUES, max_size=6)


@FUZZ
@given(rules=st.lists(st.one_of(_RULE, _VALUES), max_size=3), extra=st.dictionaries(_KEYS, _VALUES, max_size=2),
       noise=st.text(max_size=30), garble=st.booleans())
def test_random_rule_pack_is_read_or_refused(tmp_path_factory, rules, extra, noise, garble):
    text = yaml.safe_dump({"name": "fuzz", "rules": rules, **extra}, allow_unicode=True)
    if garble:
        text = text[: len(text) // 2] + noise + text[len(text) // 2:]
    path = tmp_path_factory.mktemp("pack") / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_pack(str(path))
    except PackError as error:
        assert str(error)
