"""Adversarial inputs: each stresses one part of the reader, the lexer, the
parser or a rule. Used by the fuzz tests (tests/test_fuzz.py) and by the long
run (tests/fuzz/run.py), which measures time and memory per file.

Every case is a (name, suffix, bytes) generated here, so nothing large is
stored in the repository.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "003_12a69261f9476b84.txt"


def _seed() -> str:
    return SEED.read_text(encoding="utf-8")


def _table_rows(chars: int) -> str:
    head = "某某县人民政府2022年政府信息公开工作年度报告\n统计期限自2022年1月1日起至2022年12月31日止\n三、收到和处理政府信息公开申请情况\n"
    row = "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
    return head + row * ((chars - len(head)) // len(row))


def cases(scale: int = 1) -> list[tuple[str, str, bytes]]:
    """The adversarial files; ``scale`` multiplies the sizes (1: seconds in all)."""
    from linter.source import MAX_CHARS

    seed = _seed()
    n = 20_000 * scale
    head = "某某县人民政府2022年政府信息公开工作年度报告\n统计期限自2022年1月1日起至2022年12月31日止\n"
    cells = "".join("<td rowspan=1000 colspan=1000>1</td>" for _ in range(10))
    out = [
        ("numerals", ".txt", ("一" * n).encode()),
        ("numerals-in-table", ".txt", (head + "指标名称 计量单位 2017年度 历年累计\n" + "一" * n).encode()),
        ("spans", ".html", f"<table><tr>{cells}</tr><tr>{cells}</tr></table>".encode()),
        ("wide-row", ".html", ("<table><tr>" + "<td>1</td>" * n + "</tr></table>").encode()),
        ("deep-html", ".html", ("<div>" * n + "<table>" * 2000 + "一、总体情况" + "<td>" * 2000).encode()),
        ("unclosed-tables", ".html", ("<table><tr><td>三、本年度办理结果" * 5000).encode()),
        ("table-rows-20mb", ".txt", _table_rows(7_000_000 * scale).encode()),
        ("table-rows-at-char-limit", ".txt", _table_rows(MAX_CHARS - 100).encode()),
        ("long-digit-run", ".txt", (seed + "\n一、本年新收政府信息公开申请数量 " + "1" * 100_000 + "\n").encode()),
        ("huge-integer", ".txt", seed.replace("| 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| " + "9" * 4301 + " | 0 | 0 | 0 | 0 | 0 | 0 |",
                                              1).encode()),
        ("huge-decimal", ".txt", seed.replace("行政事业性收费 | 0 |", "行政事业性收费 | " + "9" * 400 + ".5 |").encode()),
        ("huge-decimal-count", ".txt", seed.replace("| 0 | 0 | 0 | 0 | 0 | 0 | 0 |", "| " + "9" * 400 + ".5 | 0 | 0 | 0 | 0 | 0 | 0 |",
                                                    1).encode()),
        ("one-long-line", ".txt", (head + "本年度我局" * (2_000_000 * scale // 5)).encode()),
        ("many-headings", ".txt", (head + "一、总体情况\n二、主动公开政府信息情况\n" * 5000).encode()),
        ("cr-only", ".txt", seed.replace("\n", "\r").encode() * 20),
        ("controls", ".txt", ("\x01\x02\x03" * 1000 + seed).encode()),
        ("mixed-encodings", ".txt", seed.encode("utf-8")[:3000] + seed.encode("gb18030")[3000:]),
        ("nul-bytes", ".txt", seed.encode().replace(b"\n", b"\x00", 50)),
        ("zip-bomb-like", ".docx", b"PK\x03\x04" + b"\x00" * 5000),
        ("pdf-garbage", ".pdf", b"%PDF-1.7\n" + b"\xff" * 100_000),
        ("empty", ".txt", b""),
    ]
    return out
