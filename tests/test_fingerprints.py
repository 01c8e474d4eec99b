"""Fingerprints identify a finding across re-runs and line shifts, and tell findings apart."""
from __future__ import annotations

from linter.engine import lint_bytes

from helpers import seed


def test_fingerprints_survive_line_shifts_and_differ_between_findings(seeds_dir):
    data = seed("000").read_bytes()
    before = lint_bytes(data, "r.txt").diagnostics
    shifted = lint_bytes(b"\n\n" + data, "r.txt").diagnostics
    assert [d.span.line + 2 for d in before] == [d.span.line for d in shifted]
    assert [d.fingerprint for d in before] == [d.fingerprint for d in shifted]
    assert len({d.fingerprint for d in before}) == len(before)
    assert lint_bytes(data, "other.txt").diagnostics[0].fingerprint != before[0].fingerprint
