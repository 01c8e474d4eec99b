"""Render the HTML audit report in a real headless Chromium and save a full-page screenshot.

    python3 benchmarks/html_screenshot.py [audit.html] [out.png]

With no HTML file, a realistic demo audit (12 units in 3 regions, ~40 findings of
8 rules, late publications over several days, 2 missing units, year-on-year
changes) is written by :mod:`linter.audit_report` and rendered. The point is to
look at the picture: overlaps, unreadable charts, Chinese drawn as boxes (install
``fonts-noto-cjk``). Needs Chromium (``apt-get install chromium``); not a test.

Chromium's command line has no full-page screenshot, so the page is first loaded
once (``--dump-dom``) with a probe that writes its height into the DOM, then shot
with a window that tall.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter import __version__  # noqa: E402
from linter.audit_report import write_html  # noqa: E402

WIDTH = 1280
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def demo() -> tuple[dict, list[dict], list[dict]]:
    """A plausible province audit for 2021: summary, units, finding rows."""
    regions = {
        "福州市": ["福州市人民政府", "福州市教育局", "福州市公安局", "福州市财政局", "福州市自然资源和规划局"],
        "厦门市": ["厦门市人民政府", "厦门市卫生健康委员会", "厦门市生态环境局", "厦门市交通运输局"],
        "平潭综合实验区": ["平潭综合实验区管理委员会", "平潭综合实验区经济发展局", "平潭综合实验区社会事业局"],
    }
    missing = {"福州市自然资源和规划局", "厦门市交通运输局"}
    published = {"福州市人民政府": "2022-01-18", "福州市教育局": "2022-01-24", "福州市公安局": "2022-01-28",
                 "福州市财政局": "2022-02-09", "厦门市人民政府": "2022-01-21", "厦门市卫生健康委员会": "2022-01-28",
                 "厦门市生态环境局": "2022-02-15", "平潭综合实验区管理委员会": "2022-01-30",
                 "平潭综合实验区经济发展局": "2022-02-09", "平潭综合实验区社会事业局": "2022-03-02"}
    rules = {
        "SEC001": ("missing-section", "error"), "ARI001": ("table3-row-sum", "error"),
        "ARI003": ("table3-results-sum", "error"), "PER003": ("late-publication", "error"),
        "TPL005": ("label-variant", "warning"), "TXT001": ("narrative-number-mismatch", "warning"),
        "CRS001": ("carry-over-mismatch", "warning"), "SEC003": ("heading-variant", "info"),
    }
    # (unit, code, message, line, excerpt)
    plan = [
        ("福州市财政局", "SEC001", "报告缺少第五部分“存在的主要问题及改进情况”", 48, None),
        ("福州市财政局", "ARI001", "表三“（三）不予公开”行各申请人列之和为 7，总计为 9", 61,
         "| （三）不予公开 | 2 | 3 | 1 | 1 | 0 | 0 | 9 |"),
        ("福州市财政局", "ARI003", "表三（七）总计 126 不等于各项办理结果之和 131", 77,
         "（七）总计 | 126 | …\n（六）其他处理 | 5"),
        ("福州市财政局", "PER003", "报告发布于 2022-02-09，晚于法定期限 2022-01-31", 3, "发布日期：2022-02-09"),
        ("福州市财政局", "TPL005", "标签“本年新制发件数”不是模板的标准写法“本年制发件数”", 25, "| 规章 | 本年新制发件数 | 0 |"),
        ("福州市财政局", "TXT001", "正文称“全年受理政府信息公开申请 128 件”，表三总计为 126 件", 12,
         "2021年，全年受理政府信息公开申请128件，办结126件。"),
        ("平潭综合实验区社会事业局", "PER003", "报告发布于 2022-03-02，晚于法定期限 2022-01-31", 2, None),
        ("平潭综合实验区社会事业局", "SEC001", "报告缺少第六部分“其他需要报告的事项”", 90, None),
        ("平潭综合实验区社会事业局", "CRS001", "上年报告“结转下年度继续办理”为 12 件，本年“上年结转”为 9 件", 58,
         "| 二、上年结转政府信息公开申请数量 | 9 | 0 | 0 | 0 | 0 | 0 | 9 |"),
        ("平潭综合实验区社会事业局", "ARI001", "表三“（一）予以公开”行各申请人列之和为 40，总计为 41", 63, None),
        ("平潭综合实验区社会事业局", "TXT001", "正文称“主动公开政府信息 1,204 条”，表二合计为 1,240 条", 15, None),
        ("平潭综合实验区社会事业局", "SEC003", "部分标题“二、主动公开政府信息的情况”与标准写法“二、主动公开政府信息情况”不同", 19, None),
        ("厦门市生态环境局", "PER003", "报告发布于 2022-02-15，晚于法定期限 2022-01-31", 3, None),
        ("厦门市生态环境局", "ARI003", "表三（七）总计 58 不等于各项办理结果之和 60", 80, None),
        ("厦门市生态环境局", "TPL005", "标签“行政复议结果维持”不是模板的标准写法“结果维持”", 101, None),
        ("厦门市生态环境局", "TPL005", "标签“纠正”不是模板的标准写法“结果纠正”", 101, None),
        ("厦门市生态环境局", "SEC003", "部分标题“五、存在的问题及改进情况”与标准写法不同", 110, None),
        ("平潭综合实验区经济发展局", "PER003", "报告发布于 2022-02-09，晚于法定期限 2022-01-31", 2, None),
        ("平潭综合实验区经济发展局", "CRS001", "上年报告“结转下年度继续办理”为 3 件，本年“上年结转”为 0 件", 57, None),
        ("平潭综合实验区经济发展局", "TXT001", "正文称“办结 36 件”，表三（七）总计为 38 件", 14, None),
        ("平潭综合实验区经济发展局", "SEC003", "部分标题“一、总体情况”后缺少顿号", 6, None),
        ("福州市公安局", "ARI001", "表三“（四）无法提供”行各申请人列之和为 15，总计为 16", 66, None),
        ("福州市公安局", "TPL005", "标签“本年废止件数”写作“本年度废止件数”", 27, None),
        ("福州市公安局", "TXT001", "正文称“行政复议 4 件”，表四合计为 5 件", 104, None),
        ("福州市公安局", "SEC003", "部分标题“六、其他需要报告的事项”编号写作“6、”", 118, None),
        ("厦门市卫生健康委员会", "TPL005", "标签“其他对象”不是模板的标准写法“其他”", 52, None),
        ("厦门市卫生健康委员会", "TXT001", "正文所述“同比增长 15%”与表格数量不符（按表格为 11.8%）", 9, None),
        ("厦门市卫生健康委员会", "SEC003", "部分标题使用了全角括号以外的括号", 44, None),
        ("福州市教育局", "TPL005", "标签“商业企业”写作“商业机构”", 53, None),
        ("福州市教育局", "SEC003", "部分标题“四、因政府信息公开工作被申请行政复议、提起行政诉讼情况”有错别字", 98, None),
        ("福州市教育局", "TXT001", "正文称“依申请公开 22 件”，表三为 21 件", 11, None),
        ("厦门市人民政府", "SEC003", "部分标题“三、收到和处理政府信息公开申请情况”使用了变体写法", 33, None),
        ("厦门市人民政府", "TXT001", "正文所列分项之和 317 与所述总数 320 不一致", 10, None),
        ("福州市人民政府", "SEC003", "部分标题使用了阿拉伯数字编号", 21, None),
        ("平潭综合实验区管理委员会", "TPL005", "标签“法人或其他组织”写作“法人和其他组织”", 55, None),
        ("平潭综合实验区管理委员会", "ARI003", "表三（七）总计 212 不等于各项办理结果之和 213", 79,
         '<script>alert("不会执行")</script> & 原文中的 "引号" 与 <尖括号>'),
        ("平潭综合实验区管理委员会", "CRS001", "上年报告“结转下年度继续办理”为 5 件，本年“上年结转”为 4 件", 58, None),
        ("福州市财政局", "SEC003", "部分标题“一、总体情况”使用了变体写法", 6, None),
        ("厦门市生态环境局", "TXT001", "正文称“主动公开 530 条”，表二合计为 503 条", 13, None),
    ]
    samples = {  # what the report says around a finding of each rule, when the plan gives none
        "SEC001": "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况\n（表格略）\n六、其他需要报告的事项\n本机关无其他需要报告的事项。",
        "PER003": "福州市人民政府办公厅\n2022年2月9日",
        "ARI001": "| （四）无法提供 | 本机关不掌握相关政府信息 | 3 | 2 | 0 | 0 | 0 | 0 | 5 |",
        "ARI003": "| （七）总计 | 58 | 0 | 1 | 0 | 1 | 0 | 60 |",
        "TPL005": "| 行政复议结果维持 | 纠正 | 其他结果 | 尚未审结 | 总计 |",
        "TXT001": "2021年，本机关共主动公开政府信息530条，其中通过政府网站公开503条。",
        "CRS001": "| 二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        "SEC003": "5、存在的主要问题及改进情况\n2021年，我局政府信息公开工作虽取得一定成效……",
    }
    region_of = {unit: region for region, names in regions.items() for unit in names}
    file_of = {unit: f"{region_of[unit]}/2021/{unit}.pdf" for unit in region_of}
    rows, counts = [], {unit: {"error": 0, "warning": 0, "info": 0} for unit in region_of}
    for unit, code, message, line, excerpt in plan:
        name, severity = rules[code]
        counts[unit][severity] += 1
        related = None
        if code == "CRS001":
            related = f"{region_of[unit]}/2020/{unit}.pdf"
        rows.append({"path": file_of[unit], "region": region_of[unit], "unit": unit, "year": 2021,
                     "line": line, "column": 1, "end_line": line, "end_column": 20, "page": 1 + line // 40,
                     "severity": severity, "code": code, "rule": name, "message": message,
                     "provenance": "extraction" if code == "TPL005" and unit == "福州市公安局" else "source",
                     "excerpt": excerpt or samples[code], "related": related})
    units = []
    for region, names in regions.items():
        for unit in names:
            reported = unit not in missing
            date = published.get(unit)
            units.append({"region": region, "unit": unit, "kind": "government" if unit.endswith(("人民政府", "管理委员会"))
                          else "department", "level": "市级" if region != "平潭综合实验区" else "区级", "year": 2021,
                          "status": "reported" if reported else "missing", "files": [file_of[unit]] if reported else [],
                          "published": date, "late": (date > "2022-01-31") if date else None,
                          "errors": counts[unit]["error"], "warnings": counts[unit]["warning"],
                          "infos": counts[unit]["info"]})
    units.append({"region": "厦门市", "unit": "厦门市鼓浪屿管理委员会", "kind": "department", "level": None, "year": 2021,
                  "status": "unlisted", "files": ["厦门市/2021/鼓浪屿管委会2021年报.docx"], "published": "2022-01-27",
                  "late": False, "errors": 0, "warnings": 0, "infos": 0})
    by_day: dict[str, dict[str, int]] = {}
    for unit in units:
        if unit["published"]:
            day = by_day.setdefault(unit["published"], {"on_time": 0, "late": 0})
            day["late" if unit["late"] else "on_time"] += 1
    by_rule: dict[str, dict] = {}
    for row in rows:
        entry = by_rule.setdefault(row["code"], {"name": row["rule"], "severity": row["severity"], "count": 0})
        entry["count"] += 1
    year_on_year = [
        {"unit": "福州市财政局", "region": "福州市", "metric": "收到申请数", "last": 96, "this": 128},
        {"unit": "福州市公安局", "region": "福州市", "metric": "收到申请数", "last": 412, "this": 389},
        {"unit": "福州市公安局", "region": "福州市", "metric": "行政复议数", "last": 2, "this": 5},
        {"unit": "厦门市人民政府", "region": "厦门市", "metric": "主动公开信息数", "last": 10037, "this": 12250},
        {"unit": "厦门市生态环境局", "region": "厦门市", "metric": "收到申请数", "last": 41, "this": 60},
        {"unit": "平潭综合实验区管理委员会", "region": "平潭综合实验区", "metric": "历年累计主动公开数", "last": 85376,
         "this": 10037},
        {"unit": "平潭综合实验区社会事业局", "region": "平潭综合实验区", "metric": "上年结转申请数", "last": 0, "this": 9},
        {"unit": "福州市教育局", "region": "福州市", "metric": "收到申请数", "last": 22, "this": 22},
    ]
    errors = sum(1 for row in rows if row["severity"] == "error")
    warnings = sum(1 for row in rows if row["severity"] == "warning")
    summary = {
        "title": "福建省 2021 年度政府信息公开工作年度报告审核", "generated": "2022-04-06T09:30:00",
        "tool_version": __version__, "year": 2021, "roster": "福建省2021年度应报单位名单.xlsx",
        "files": 13, "reports": 11, "skipped": 2, "not_checked": 0,
        "units_expected": 12, "units_reported": 10, "units_missing": 2,
        "errors": errors, "warnings": warnings, "infos": len(rows) - errors - warnings,
        "by_rule": by_rule, "published_by_day": by_day, "year_on_year": year_on_year, "interrupted": False,
    }
    return summary, units, rows


def browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    sys.exit("找不到 Chromium：请先安装（apt-get install -y chromium）")


def _run(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        sys.exit(f"Chromium 运行失败：{done.stderr.strip()[-500:]}")
    return done.stdout


def screenshot(html_path: Path, png_path: Path, open_excerpts: bool = True) -> int:
    """Shoot ``html_path`` at the page's full height (excerpts unfolded, to see them); return that height."""
    chromium = browser()
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
             "--no-first-run", "--disable-extensions", "--virtual-time-budget=2000"]
    unfold = "document.querySelectorAll('details').forEach(function(d){d.open=true;});" if open_excerpts else ""
    probe = ("<script>" + unfold + "document.body.setAttribute('data-page-height',"
             "document.documentElement.scrollHeight);</script></body>")
    with tempfile.TemporaryDirectory() as scratch:
        # The copy sits beside nothing: a self-contained report needs nothing beside it.
        shot = Path(scratch) / "shot.html"
        shot.write_text(html_path.read_text(encoding="utf-8").replace("</body>", probe), encoding="utf-8")
        dom = _run([chromium, *flags, f"--window-size={WIDTH},900", "--dump-dom", shot.as_uri()])
        found = re.search(r'data-page-height="(\d+)"', dom)
        height = int(found.group(1)) if found else 4000
        _run([chromium, *flags, f"--window-size={WIDTH},{height}", f"--screenshot={png_path.resolve()}",
              shot.as_uri()])
    return height


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description="在无头 Chromium 中渲染 HTML 审核报告并保存整页截图")
    parser.add_argument("html", nargs="?", help="HTML 审核报告（省略时生成演示报告）")
    parser.add_argument("out", nargs="?", default="audit_demo.png", help="截图文件（PNG）")
    args = parser.parse_args(argv)
    if args.html:
        html_path = Path(args.html)
        if not html_path.is_file():
            sys.exit(f"找不到文件：{html_path}")
    else:
        html_path = Path(tempfile.gettempdir()) / "xxgk_audit_demo.html"
        summary, units, rows = demo()
        write_html(summary, units, rows, str(html_path))
        print(f"演示审核报告：{html_path}")
    out = Path(args.out)
    height = screenshot(html_path, out)
    print(f"截图：{out}（{WIDTH}×{height}）")


if __name__ == "__main__":
    main(sys.argv[1:])
