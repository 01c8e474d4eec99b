"""Mutations of real reports for the fuzz runs: what broken files really look like."""
from __future__ import annotations

import random
from pathlib import Path
from typing import Iterator


def _flip(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(len(data) + 1)]


def _splice_encoding(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    cut = rng.randrange(len(text) + 1)
    return text[:cut].encode("utf-8") + text[cut:].encode("gb18030", "replace")


def _controls(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + bytes(rng.choice(b"\x00\x01\x07\x0b\x0c\x1b\x7f") for _ in range(rng.randint(1, 50))) + data[at:]


def _line_endings(data: bytes, rng: random.Random) -> bytes:
    style = rng.choice([b"\r", b"\r\n", b"\n\r"])
    return data.replace(b"\n", style)


def _long_run(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    run = rng.choice(["1", "0", "9", "一", "十", "、", "|", "<td>", "(一)"]) * rng.randint(1_000, 30_000)
    return data[:at] + run.encode() + data[at:]


def _lines(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    action = rng.choice(["drop", "repeat", "shuffle"])
    if action == "drop" and lines:
        del lines[rng.randrange(len(lines))]
    elif action == "repeat" and lines:
        k = rng.randrange(len(lines))
        lines[k:k] = [lines[k]] * rng.randint(2, 200)
    else:
        rng.shuffle(lines)
    return b"\n".join(lines)


def _html(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.5:
        return data.replace(b"</td>", b"").replace(b"</tr>", b"")
    at = rng.randrange(len(data) + 1)
    return data[:at] + b"<table><tr><td>" * rng.randint(10, 3000) + data[at:]


OPERATORS = (_flip, _truncate, _splice_encoding, _controls, _line_endings, _long_run, _lines, _html)


def mutants(sources: list[Path], count: int, rng: random.Random) -> Iterator[tuple[str, bytes]]:
    """``count`` (file name, bytes) mutants of the sources, one to three mutations each."""
    originals = [(path, path.read_bytes()) for path in sources]
    for k in range(count):
        path, data = rng.choice(originals)
        for operator in rng.sample(OPERATORS, rng.randint(1, 3)):
            data = operator(data, rng)
        yield f"{k:05d}_{path.stem}{path.suffix}", data
