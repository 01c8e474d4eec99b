"""Audit every regular expression of the linter for super-linear matching.

    python3 tests/fuzz/regex_audit.py [--size 20000]

Finds every compiled pattern in linter/ and rules/ (module level and class
level), and times ``finditer`` over strings made of the pattern's own
characters repeated (``一一一…``, ``1、1、1、…``, ``（一）（一）…``), the shapes that make a
backtracking matcher go quadratic or worse, at two sizes. A pattern whose time
grows more than ~3× when the input doubles is reported (linear is 2×); the
script exits 1 if any is slower than a second at the larger size.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def patterns() -> list[tuple[str, re.Pattern]]:
    found: dict[int, tuple[str, re.Pattern]] = {}
    for package in ("linter", "rules"):
        module = importlib.import_module(package)
        names = [package] + [f"{package}.{m.name}" for m in pkgutil.iter_modules(module.__path__)
                             if m.name != "__main__"]
        for name in names:
            module = importlib.import_module(name)
            for attribute, value in vars(module).items():
                owners = [(attribute, value)]
                if isinstance(value, type) and value.__module__ == name:
                    owners = [(f"{attribute}.{k}", v) for k, v in vars(value).items()]
                for label, item in owners:
                    if isinstance(item, re.Pattern):
                        found.setdefault(id(item), (f"{name}.{label}", item))
    # the patterns built at run time from the label and heading data
    from linter import labels, structure

    found[0] = ("linter.structure._heading_regex()", structure._heading_regex())
    for era_id, era in labels.ERAS.items():
        for builder in (labels._label_regex, labels._anchor_regex, labels._unit_regex):
            pattern = builder(era)
            if pattern is not None:
                found[id(pattern)] = (f"linter.labels.{builder.__name__}({era_id})", pattern)
    return sorted(found.values(), key=lambda pair: pair[0])


def _alphabet(pattern: re.Pattern) -> list[str]:
    """The characters the pattern names literally, plus digits and blanks."""
    source = pattern.pattern.decode("latin-1") if isinstance(pattern.pattern, bytes) else pattern.pattern
    chars = {ch for ch in source if not ch.isascii() or ch.isalnum() or ch in "、.,:：;|()（）- <>/"}
    return sorted(chars | set("0123456789 一、|（）"))[:60]


def _shapes(pattern: re.Pattern, size: int) -> list:
    shapes = _text_shapes(pattern, size)
    if isinstance(pattern.pattern, bytes):
        return [shape.encode("utf-8") for shape in shapes]
    return shapes


def _text_shapes(pattern: re.Pattern, size: int) -> list[str]:
    alphabet = _alphabet(pattern)
    shapes = [ch * size for ch in alphabet]
    for a, b in zip(alphabet, alphabet[1:] + alphabet[:1]):
        shapes.append((a + b) * (size // 2))
    shapes.append("（一）" * (size // 3))
    shapes.append("1、" * (size // 2))
    return shapes


def _time(pattern: re.Pattern, text: str) -> float:
    start = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=20_000)
    args = parser.parse_args()
    slow = 0
    found = patterns()
    timings = []
    for name, pattern in found:
        worst = (0.0, 0.0, "")
        for small, large in zip(_shapes(pattern, args.size // 2), _shapes(pattern, args.size)):
            t_small, t_large = _time(pattern, small), _time(pattern, large)
            if t_large > worst[1]:
                worst = (t_small, t_large, large[:6])
        growth = worst[1] / worst[0] if worst[0] > 1e-4 else 0.0
        timings.append((worst[1], growth, name, worst[2]))
        flag = worst[1] > 1.0
        slow += flag
        if flag or growth > 3.0:
            print(f"{'SLOW' if flag else 'grows'} {name}: {worst[1]:.3f} s at {args.size} chars of "
                  f"{worst[2]!r}…, ×{growth:.1f} when doubled")
    for seconds, growth, name, shape in sorted(timings, reverse=True)[:5]:
        print(f"slowest: {name}: {seconds:.3f} s on {shape!r}…, ×{growth:.1f} when doubled")
    print(f"{len(found)} patterns audited, {slow} slower than 1 s on {args.size} characters")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
