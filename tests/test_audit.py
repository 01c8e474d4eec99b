"""xxgk-lint audit: the shared corpus laid out as a region's folders by year,
with a roster that lists a unit that did not report (issue 15's acceptance)."""
from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from linter.cli import main

from helpers import CORPUS

# Every test lays out copies of the shared corpus (../shared beside the project).
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the project")
MISSING_UNIT = "平潭综合实验区财政金融局"


def _region(agency: str) -> str:
    if "平潭" in agency:
        return "福建/平潭"
    if "上海" in agency:
        return "上海"
    return "江苏"


def build_tree(root: Path) -> Path:
    """Each corpus report under 地区/年度/ as the manifest says."""
    with open(CORPUS / "manifest.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            folder = root / "tree" / _region(row["agency"]) / row["report_year"]
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy(CORPUS / row["file"], folder)
    return root / "tree"


def write_roster(root: Path) -> Path:
    roster = root / "名单.csv"
    roster.write_text("单位,地区,类型,层级\n平潭综合实验区管委会,福建/平潭,政府,市\n"
                      f"{MISSING_UNIT},福建/平潭,部门,\n", encoding="utf-8")
    return roster


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    root = tmp_path_factory.mktemp("audit")
    tree, roster, out = build_tree(root), write_roster(root), root / "out"
    code = main(["audit", str(tree), "--roster", str(roster), "--output-dir", str(out), "--quiet"])
    return code, tree, out


def records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]


def cross(out: Path, code: str) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for record in records(out):
        for d in record["diagnostics"]:
            if d["code"] == code:
                found.setdefault(Path(record["path"]).name, []).append(d)
    return found


def test_audit_exits_1_and_names_the_unit_that_did_not_report(audited):
    code, _, out = audited
    assert code == 1
    with open(out / "units.csv", encoding="utf-8-sig") as handle:
        units = list(csv.DictReader(handle))
    missing = [u["单位"] for u in units if u["状态"] == "缺报"]
    assert missing == [MISSING_UNIT]
    reported = {u["单位"]: u for u in units if u["状态"] == "已报送"}
    assert reported["平潭综合实验区管委会"]["报告文件"].endswith("022.txt")  # 2025, the audited (latest) year


def test_cumulative_breaks_of_the_pingtan_series(audited):
    _, _, out = audited
    breaks = cross(out, "CRS003")
    proactive = {name: d["data"] for name, ds in breaks.items() for d in ds
                 if d["logical_location"] == "统计表/主动公开文件数/历年累计"}
    assert proactive["007.txt"]["found"] == 4359 and proactive["007.txt"]["expected"] == 1516 + 739
    assert proactive["010.txt"]["found"] == 76424 and proactive["010.txt"]["expected"] == 4359 + 72804
    assert proactive["014.txt"]["found"] == 10037 and proactive["014.txt"]["expected"] == 85376 + 2122
    # 2014, 2015 (glued cells, one cut continues 2014), 2016 and 2018 continue their previous year
    assert not {"011.txt", "012.txt", "015.txt"} & set(breaks)
    glued = next(d for d in breaks["014.txt"] if d["logical_location"].startswith("统计表/主动公开文件数"))
    assert glued["provenance"] == "recovered" and "无论如何拆分" in glued["message"]
    assert glued["data"]["related"].endswith("013.txt")


def test_a_report_in_the_wrong_year_folder_is_named(tmp_path):
    tree = tmp_path / "tree" / "平潭" / "2017"
    tree.mkdir(parents=True)
    shutil.copy(CORPUS / "013.txt", tree)  # the 2016 report, filed as 2017's
    shutil.copy(CORPUS / "014.txt", tree)
    code = main(["audit", str(tmp_path / "tree"), "--output-dir", str(tmp_path / "out"), "--quiet"])
    assert code in (0, 1)
    assert list(cross(tmp_path / "out", "CRS007")) == ["013.txt"]


def test_findings_jsonl_is_one_check_record_per_file(audited, capsys):
    _, tree, out = audited
    lines = records(out)
    paths = [r["path"] for r in lines]
    assert paths == sorted(paths) and len(paths) == len(set(paths)) == sum(1 for _ in tree.rglob("*.*"))
    one = next(r for r in lines if r["path"].endswith("021.txt"))
    main(["check", "--format", "json-lines", one["path"]])
    checked = json.loads(capsys.readouterr().out)
    assert set(checked) == set(one)
    assert [d for d in one["diagnostics"] if not d["code"].startswith("CRS")] == checked["diagnostics"]


def test_spreadsheet_csv_and_html_outputs(audited):
    openpyxl = pytest.importorskip("openpyxl")
    _, _, out = audited
    book = openpyxl.load_workbook(out / "audit.xlsx", read_only=True)
    assert book.sheetnames == ["概览", "单位", "问题明细", "缺报单位"]
    missing = [row for row in book["缺报单位"].iter_rows(values_only=True)]
    assert any(MISSING_UNIT in row for row in missing)
    with open(out / "findings.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == sum(len(r["diagnostics"]) for r in records(out))
    page = (out / "audit.html").read_text(encoding="utf-8")
    assert MISSING_UNIT in page and "10037" in page


def test_resume_after_an_interruption_gives_the_same_result(audited, tmp_path):
    _, tree, out = audited
    again = tmp_path / "out"
    shutil.copytree(out, again)
    for name, keep in (("findings.jsonl", 10), ("reports.jsonl", 12)):  # (reports.jsonl starts with its schema line)
        lines = (again / name).read_text(encoding="utf-8").splitlines(keepends=True)
        (again / name).write_text("".join(lines[:keep]) + lines[keep][:40], encoding="utf-8")  # and half a line
    roster = write_roster(tmp_path)
    code = main(["audit", str(tree), "--roster", str(roster), "--output-dir", str(again), "--resume", "--quiet"])
    assert code == 1
    assert (again / "findings.jsonl").read_text(encoding="utf-8") == (out / "findings.jsonl").read_text(encoding="utf-8")


def test_the_dask_engine_gives_byte_identical_results(audited, tmp_path):
    pytest.importorskip("distributed")
    _, tree, out = audited
    on_dask = tmp_path / "dask"
    code = main(["audit", str(tree), "--roster", str(write_roster(tmp_path)), "--output-dir", str(on_dask),
                 "--engine", "dask", "--jobs", "2", "--quiet"])
    assert code == 1
    for name in ("findings.jsonl", "reports.jsonl", "units.csv", "findings.csv"):
        assert (on_dask / name).read_bytes() == (out / name).read_bytes(), name


# ---------------------------------------------------------------------------
# Ctrl-C


def _many_reports(folder: Path, count: int) -> Path:
    sources = sorted(p for p in CORPUS.glob("0*.txt"))
    folder.mkdir()
    for k in range(count):
        os.link(sources[k % len(sources)], folder / f"{k:05d}_{sources[k % len(sources)].name}")
    return folder


def _interrupt_when(process: subprocess.Popen, ready, timeout: float = 120) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    while not ready() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr


def _valid_json_lines(text: str) -> list[dict]:
    assert text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


def test_ctrl_c_leaves_valid_json_lines_and_no_traceback(tmp_path):
    folder = _many_reports(tmp_path / "many", 2000)
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen([sys.executable, "-m", "linter", "check", "--format", "json-lines", "-o", str(out),
                                "--jobs", "2", str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    partial = Path(f"{out}.partial")
    code, stderr = _interrupt_when(process, lambda: partial.exists() and partial.stat().st_size > 100_000)
    assert code == 130, stderr
    assert "Traceback" not in stderr and "已中断" in stderr
    lines = _valid_json_lines(out.read_text(encoding="utf-8"))
    paths = [record["path"] for record in lines]
    assert 0 < len(paths) < 2000 and paths == sorted(paths)  # a prefix, in order


def test_ctrl_c_during_an_audit_keeps_what_was_done_and_resume_finishes(tmp_path):
    folder = _many_reports(tmp_path / "many", 2000)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "linter", "audit", str(folder), "--output-dir", str(out), "--jobs", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    findings = out / "findings.jsonl"
    code, stderr = _interrupt_when(process, lambda: findings.exists() and findings.stat().st_size > 100_000)
    assert code == 130, stderr
    assert "Traceback" not in stderr and "--resume" in stderr
    done = _valid_json_lines(findings.read_text(encoding="utf-8"))
    assert 0 < len(done) < 2000


def test_an_xlsx_roster_and_the_rule_selection_apply_to_the_audit(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    tree = tmp_path / "tree" / "平潭"
    for year, name in (("2016", "013.txt"), ("2017", "014.txt")):
        (tree / year).mkdir(parents=True)
        shutil.copy(CORPUS / name, tree / year)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet.append(["单位名称", "地区", "类型", "别名"])
    sheet.append(["平潭综合实验区管理委员会", "平潭", "政府", "岚岛"])
    sheet.append([MISSING_UNIT, "平潭", "部门", None])
    book.save(tmp_path / "名单.xlsx")
    out = tmp_path / "out"
    code = main(["audit", str(tmp_path / "tree"), "--roster", str(tmp_path / "名单.xlsx"), "--output-dir", str(out),
                 "--quiet"])
    assert code == 1
    assert list(cross(out, "CRS003")) == ["014.txt"]  # 管理委员会 in the roster = 平潭综合实验区 in the title
    with open(out / "units.csv", encoding="utf-8-sig") as handle:
        status = {u["单位"]: u["状态"] for u in csv.DictReader(handle)}
    assert status == {"平潭综合实验区管理委员会": "已报送", MISSING_UNIT: "缺报"}
    quiet = tmp_path / "quiet"
    main(["audit", str(tmp_path / "tree"), "--output-dir", str(quiet), "--ignore", "CRS003", "--quiet"])
    assert cross(quiet, "CRS003") == {}
