"""Paths to the shared fixtures (../shared beside the project)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
#: The five seed reports; the project ships the same files in examples/, so the
#: tests that need only the seeds run without ../shared too.
SEEDS = SHARED / "seeds" if (SHARED / "seeds").is_dir() else ROOT / "examples"
CORPUS = SHARED / "corpus"
AUDITS = SHARED / "audits"


def seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


# -- editing a real report in a test ------------------------------------------


def seed_text(prefix: str) -> str:
    return seed(prefix).read_text(encoding="utf-8")


def replace_line(text: str, number: int, new: str) -> str:
    lines = text.split("\n")
    lines[number - 1] = new
    return "\n".join(lines)


def line_of(text: str, number: int) -> str:
    return text.split("\n")[number - 1]


def findings_of(data: str | bytes, code: str, path: str = "r.txt"):
    """The findings of one rule on a report given as text or bytes."""
    from linter.engine import lint_bytes

    raw = data.encode("utf-8") if isinstance(data, str) else data
    return [d for d in lint_bytes(raw, path).diagnostics if d.code == code]


def parse_text(text: str, path: str = "r.txt"):
    from linter.engine import parse_source
    from linter.source import decode

    return parse_source(decode(text.encode("utf-8"), path))
