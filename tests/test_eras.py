"""Era detection on the seeds and on every corpus file (against the corpus manifest)."""
from __future__ import annotations

import csv
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.engine import lint_bytes, lint_path, parse_source
from linter.labels import ERAS
from linter.source import read_path

from helpers import CORPUS, seed


def _manifest() -> list[dict[str, str]]:
    if not CORPUS.is_dir():
        return []
    with open(CORPUS / "manifest.tsv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@pytest.mark.parametrize("entry", _manifest(), ids=lambda e: e["file"])
def test_corpus_file_gets_the_manifest_era_and_year(corpus_dir, entry):
    result = lint_path(str(corpus_dir / entry["file"]))
    assert not result.crashed, result.diagnostics
    assert result.era == entry["era"]
    assert result.era_source in ("labels", "year")
    assert result.report_year == int(entry["report_year"])


@pytest.mark.parametrize("prefix, era, year", [("000", "2021", 2021), ("001", "2019", 2020),
                                               ("002", "2021", 2023), ("003", "2021", 2022),
                                               ("004", "2007", 2017)])
def test_seed_eras(seeds_dir, prefix, era, year):
    report = parse_source(read_path(str(seed(prefix))))
    assert (report.era, report.era_source, report.meta.report_year) == (era, "labels", year)


def test_seed001_on_the_2019_grammar(seeds_dir):
    report = parse_source(read_path(str(seed("001"))))
    table2 = report.table("表二")
    assert [c.raw for c in table2.row("t2.other_services").cells] == ["3", "+3", "0"]
    assert table2.row("t2.other_services").cells[1].value == 3
    assert table2.row("t2.other_services").cells[1].kind == "signed"
    assert [len(table2.row(k).cells) for k in ("t2.fees", "t2.procurement")] == [2, 2]
    other = report.table("表三").row("t3.other")  # one row with values in era 2019
    assert other.expected == 7 and [c.value for c in other.cells] == [0] * 7
    findings = lint_path(str(seed("001"))).diagnostics
    assert [d for d in findings if d.severity == "error"] == []
    (shape,) = [d for d in findings if d.code == "TPL004"]  # table 四: 16 values where 15 are required
    assert (shape.span.line, shape.severity, shape.provenance) == (82, "warning", "extraction")


def test_year_decides_when_no_labels_do():
    text = "某某县人民政府2017年政府信息公开工作年度报告\n本年度我县认真落实条例要求。\n"
    result = lint_bytes(text.encode("utf-8"), "r.txt")
    assert (result.era, result.era_source, result.report_year) == ("2007", "year", 2017)


def test_no_year_and_no_labels_is_prs002():
    text = "某某局政府信息公开工作年度报告\n一、总体情况\n本局认真落实条例要求。\n"
    result = lint_bytes(text.encode("utf-8"), "r.txt")
    assert [d.code for d in result.diagnostics] == ["PRS002"]
    assert "模板时期" in result.diagnostics[0].message and result.era_source is None


def test_era_option_overrides_detection(seeds_dir):
    forced = lint_path(str(seed("001")), era="2021")
    assert (forced.era, forced.era_source) == ("2021", "option")
    # 2019's single （六）其他处理 row is not the 2021 shape
    assert any(d.code == "TPL007" for d in forced.diagnostics)


def test_eras_command_lists_the_three_eras():
    out = subprocess.run([sys.executable, "-m", "linter", "eras"], capture_output=True, text=True, check=True)
    for era, basis in (("2007", "492号"), ("2019", "〔2019〕60号"), ("2021", "〔2021〕30号")):
        assert any(line.startswith(era) and basis in line for line in out.stdout.splitlines())


# ---------------------------------------------------------------------------
# The label scan's guards (linter.labels.guarded) change its speed, not its matches


def _label_pieces() -> list[str]:
    from linter import labels as L

    pieces = ["其中：", "其中", "（一）", "(三)", "一、", "1.", "2、", "（本列数据的勾稽关系为：第一项加第二项之和）",
              "2021年度", "年度", "0", "12", "3 4", " ", "，", "。", "（说明）", "“", "”", "其他", "总计"]
    for era in L.ERAS.values():
        for label in era.labels:
            for spelling in (label.canonical,) + label.variants:
                pieces += [spelling, spelling[: len(spelling) // 2], spelling[len(spelling) // 2:]]
    return sorted(set(pieces))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_label_pieces()), max_size=12).map("".join), st.sampled_from(sorted(ERAS)))
def test_guarded_label_alternatives_match_as_the_plain_alternation(text, era_id):
    import re

    from linter import labels as L

    first, alternatives = L.label_alternatives(ERAS[era_id])
    plain = re.compile(f"(?={first})(?:" + "|".join(alternatives) + ")")
    norm = L.normalize(text)
    assert [(m.span(), m.lastgroup) for m in ERAS[era_id].label_regex.finditer(norm)] == \
        [(m.span(), m.lastgroup) for m in plain.finditer(norm)]
