"""`xxgk-lint check --fix`: the safe fixes change what they say and not one byte more."""
from __future__ import annotations

import difflib
import shutil
import subprocess
import sys

from helpers import CORPUS, line_of, replace_line, seed, seed_text


def fix(*paths, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "linter", "check", "--fix", *map(str, paths)],
                          capture_output=True, cwd=cwd)


def changed_lines(before: bytes, after: bytes, encoding: str = "utf-8") -> list[str]:
    diff = difflib.unified_diff(before.decode(encoding).splitlines(), after.decode(encoding).splitlines(),
                                lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_seed_002_label_variant(tmp_path, seeds_dir):
    report = tmp_path / "002.txt"
    shutil.copy(seed("002"), report)
    before = report.read_bytes()
    done = fix(report)
    after = report.read_bytes()
    assert changed_lines(before, after) == [
        "-信息内容 | 本年制发件数 | 本年废止件数 | 现有有效件数 |",
        "+信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
    ]
    assert "已修复" in done.stderr.decode() and "“现有有效件数”→“现行有效件数”" in done.stderr.decode()
    assert b"TPL005" not in done.stdout  # fixed, so no longer reported
    again = fix(report)
    assert report.read_bytes() == after and b"\xe5\xb7\xb2\xe4\xbf\xae\xe5\xa4\x8d" not in again.stderr  # 已修复


def test_label_and_heading_typos_in_a_gb18030_file(tmp_path, seeds_dir):
    text = seed_text("003")
    text = replace_line(text, 19, "二、主动公开政府信息的情况")
    text = replace_line(text, 40, line_of(text, 40).replace("(一)予以公开", "(一)予以公开的", 1))
    report = tmp_path / "r.txt"
    report.write_bytes(text.encode("gb18030"))
    before = report.read_bytes()
    fix(report)
    after = report.read_bytes()
    assert changed_lines(before, after, "gb18030") == [
        "-二、主动公开政府信息的情况",
        "+二、主动公开政府信息情况",
        "-三、本年度办理结果 | (一)予以公开的 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |",
        "+三、本年度办理结果 | (一)予以公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | |",
    ]
    assert after == seed_text("003").encode("gb18030")  # back to the original, byte for byte


def test_crlf_and_bom_are_kept(tmp_path, seeds_dir):
    report = tmp_path / "002.txt"
    original = seed("002").read_bytes()
    report.write_bytes(b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n"))
    fix(report)
    expected = original.replace("现有有效件数".encode(), "现行有效件数".encode())
    assert report.read_bytes() == b"\xef\xbb\xbf" + expected.replace(b"\n", b"\r\n")


def test_pdf_and_word_files_are_never_modified(tmp_path, corpus_dir):
    for name in ("045.pdf", "045.docx"):
        path = tmp_path / name
        shutil.copy(CORPUS / "derived" / name, path)
        before = path.read_bytes()
        fix(path)
        assert path.read_bytes() == before


def test_html_is_fixed_in_place_unless_markup_splits_the_text(tmp_path):
    head = "<html><body><p>某某局2022年政府信息公开工作年度报告</p>"
    split = head + "<p>二、主动公开政府信息的<b>情况</b></p></body></html>"
    path = tmp_path / "r.html"
    path.write_text(split, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "linter", "check", "--fix", "--select", "SEC003", str(path)],
                          capture_output=True)
    assert path.read_text(encoding="utf-8") == split and b"SEC003" in done.stdout  # reported, not fixed
    path.write_text(head + "<p>二、主动公开政府信息的情况</p></body></html>", encoding="utf-8")
    fix(path)
    assert path.read_text(encoding="utf-8") == head + "<p>二、主动公开政府信息情况</p></body></html>"
