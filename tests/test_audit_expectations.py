"""The hand-made audit of the shared real reports (../shared/audits/expectations.json).

For every report the audit lists false alarms a good linter must not raise
(``must_not``) and the codes that are extraction trouble (``extraction_ok``).
These tests fail on any hard ``must_not`` hit, on any extraction finding at
error level (ours, by provenance, or the audit's, by code), and on a wrong era
or report year. Matching is the scorer's own (``shared/tools/corpus_eval.py``),
so the tests and ``corpus_eval`` can never disagree. Recall is not asserted
here (it is measured by corpus_eval); what a report must say is tested rule by
rule elsewhere.
"""
from __future__ import annotations

import importlib.util
import json

import pytest

from linter.engine import lint_path
from linter.output import file_json

from helpers import AUDITS, SHARED

_SCORER = SHARED / "tools" / "corpus_eval.py"


def _scorer():
    spec = importlib.util.spec_from_file_location("corpus_eval", _SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _expectations() -> list:
    path = AUDITS / "expectations.json"
    if not path.is_file() or not _SCORER.is_file():
        return []
    entries = {k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if not k.startswith("_")}
    return [pytest.param(key, expected, id=key) for key, expected in sorted(entries.items())]


@pytest.fixture(scope="module")
def scorer():
    return _scorer()


@pytest.mark.parametrize("key, expected", _expectations())
def test_no_false_alarm_and_no_extraction_error(scorer, key, expected):
    result = lint_path(str(SHARED / key))
    record = json.loads(json.dumps(file_json(result), ensure_ascii=False))
    score = scorer.score_file(expected, record)
    hits = [f"{d['code']}:{d['location']['line']} {d['message'][:60]} ({entry['why'][:60]})"
            for d, entry in score["must_not"]]
    assert hits == [], "known false alarms"
    assert score["extraction_errors"] == [], "extraction trouble reported as an error"
    ours = [d for d in result.diagnostics if d.provenance == "extraction" and d.severity == "error"]
    assert ours == []
    assert score["crash"] == []
    assert score["era_ok"], (result.era, result.report_year, expected["era"], expected["report_year"])
