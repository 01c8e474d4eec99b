"""TPL001 (template vs report year) and TPL005 (accepted label variants), on modified real reports."""
from __future__ import annotations

import pytest

from linter.engine import lint_bytes

from helpers import seed


def _codes(result, code):
    return [d for d in result.diagnostics if d.code == code]


def _retitled(prefix: str, old: str, new: str) -> bytes:
    text = seed(prefix).read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1).encode("utf-8")


def test_tpl001_silent_on_reports_on_their_own_template(seeds_dir):
    for prefix in ("000", "001", "002", "003", "004"):
        assert _codes(lint_bytes(seed(prefix).read_bytes(), "r.txt"), "TPL001") == []


def test_tpl001_error_for_a_2022_report_on_the_2019_tables(seeds_dir):
    # Seed 001 is a 2020 report on the 2019 format; the same report titled 2022.
    data = _retitled("001", "2020 年政府信息公开工作年度报告", "2022 年政府信息公开工作年度报告")
    (finding,) = _codes(lint_bytes(data, "r.txt"), "TPL001")
    assert finding.severity == "error"
    assert "本年新制作数量" in finding.message and "2021年格式" in finding.message
    assert (finding.span.line, finding.span.column) == (28, 6)  # first 2019-only label, line 28
    assert finding.data["used_era"] == "2019" and finding.data["required_era"] == "2021"


@pytest.mark.parametrize("year", ["2019", "2020"])
def test_tpl001_warning_for_2019_2020_reports_already_on_2021_tables(seeds_dir, year):
    data = _retitled("003", "钱塘区经济信息化和科学技术局2022年", f"钱塘区经济信息化和科学技术局{year}年")
    (finding,) = _codes(lint_bytes(data, "r.txt"), "TPL001")
    assert finding.severity == "warning" and finding.data["required_era"] == "2019"


def test_tpl001_error_for_the_old_statistics_table_in_a_2021_report(seeds_dir):
    data = _retitled("004", "2017年度政府信息公开工作年度报告", "2021年度政府信息公开工作年度报告")
    (finding,) = _codes(lint_bytes(data, "r.txt"), "TPL001")
    assert finding.severity == "error" and finding.data["used_era"] == "2007"
    assert "政府信息公开情况统计表" in finding.message


def test_tpl005_names_the_canonical_label(seeds_dir):
    (variant,) = _codes(lint_bytes(seed("001").read_bytes(), "r.txt"), "TPL005")
    assert (variant.span.line, variant.severity) == (51, "warning")
    assert "商业机构" in variant.message and "商业企业" in variant.message
    (variant,) = _codes(lint_bytes(seed("002").read_bytes(), "r.txt"), "TPL005")
    assert (variant.span.line, variant.span.column) == (8, 26) and "现行有效件数" in variant.message
    assert _codes(lint_bytes(seed("003").read_bytes(), "r.txt"), "TPL005") == []
    # the canonical spelling makes it go away
    fixed = seed("002").read_text(encoding="utf-8").replace("现有有效件数", "现行有效件数").encode("utf-8")
    assert _codes(lint_bytes(fixed, "r.txt"), "TPL005") == []
