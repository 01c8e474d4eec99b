"""``xxgk-lint audit``: a region's reports in one run, for a regulator.

One direction of data flow:

1. **Per file** (in the workers, streamed in path order): the same check as
   ``check``, plus the report's facts (:mod:`linter.facts`). Each file's
   record goes to ``findings.jsonl`` (the record of ``check --format
   json-lines``) and its facts to ``reports.jsonl`` as soon as it and every
   file before it are done, so memory stays flat and an interrupted run keeps
   everything it finished; ``--resume`` continues from these two files.
2. **Across files** (here): units and the roster (:mod:`linter.units`), then
   the cross-report rules (:mod:`linter.crossreport`) over the facts; their
   findings are merged into the records of the reports they are about.
3. **Outputs**: ``units.csv``, ``findings.csv``, ``audit.xlsx``,
   ``audit.html`` (:mod:`linter.audit_report`), all from the files above.

Exit codes as ``check``: 0, 1 (an error-level finding or a unit that did
not report), 2 (usage, configuration, or a file the tool itself failed on);
130 when interrupted (the output is valid for the files done).
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import Any, Iterator

from .errors import os_error_text

FINDINGS = "findings.jsonl"
REPORTS = "reports.jsonl"
#: What ``reports.jsonl`` holds (its first line); a run with another state is not resumed.
STATE_SCHEMA = "xxgk-lint.audit-state/1"


@dataclass
class AuditRun:
    """What the parent keeps while files stream past: counts and small indexes."""

    out: str
    total: int = 0
    done: int = 0
    crashed: int = 0
    interrupted: bool = False
    skipped: int = 0
    not_checked: int = 0
    unrecognised: int = 0  # read, but not annual reports at all (PRS002)
    #: path -> (errors, warnings, infos) of its own findings.
    counts: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    #: path -> the PATH argument it was found under.
    roots: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------
# per file (in the workers)


def _observe(source, report, diagnostics) -> dict:
    from .facts import report_facts

    return report_facts(report, source.text, diagnostics)


def _finish(result, regions: dict) -> tuple[str, str, dict]:
    """In the worker: the file's record line, its facts line, and what the parent counts."""
    from .output import Tally, json_line

    counts = Tally.of(result)
    state = {"path": result.path, "region": regions.get(result.path, ""), "skipped": result.skipped,
             "counts": list(counts[1:4]), "crashed": result.crashed, "facts": result.facts}
    return json_line(result), json.dumps(state, ensure_ascii=False) + "\n", _brief(state)


# ---------------------------------------------------------------------------
# the run


def run_audit(args, resolver) -> int:
    from .engine import walk
    from .units import read_roster, region_of

    roots = [os.path.normpath(path) for path in args.paths]
    for path in roots:
        if not os.path.exists(path):
            raise _usage(f"路径不存在：{path}")
    roster = read_roster(args.roster) if args.roster else None
    files, skipped = walk(roots)
    entries = sorted(files + [path for path, _ in skipped])
    if not files:
        raise _usage("未找到可检查的报告（.txt .md .html .pdf .docx 等）")
    run = AuditRun(args.output_dir, total=len(entries), roots={path: _root_of(path, roots) for path in entries})
    regions = {path: region_of(path, run.roots[path]) for path in entries}
    try:
        os.makedirs(args.output_dir, exist_ok=True)
        done = _resume(run, set(entries)) if args.resume else _fresh(run)
    except OSError as error:
        raise _usage(f"无法写入结果目录 {args.output_dir}：{os_error_text(error)}") from None
    todo = [path for path in entries if path not in done]
    _stream(run, todo, dict(skipped), regions, resolver, args)
    if run.interrupted:
        print(f"xxgk-lint: 已中断：已完成 {run.done}/{run.total} 个文件，结果已保存在 {run.out}；"
              f"用 --resume 继续", file=sys.stderr)
        return 130
    return _conclude(run, roster, resolver, args)


def _usage(message: str) -> Exception:
    from .errors import ConfigError

    return ConfigError(message)


def _root_of(path: str, roots: list[str]) -> str:
    for root in roots:
        if path == root or path.startswith(root.rstrip(os.sep) + os.sep):
            return root
    return os.path.dirname(path)


def _fresh(run: AuditRun) -> set[str]:
    for name in (FINDINGS, REPORTS):
        with open(os.path.join(run.out, name), "w", encoding="utf-8") as handle:
            if name == REPORTS:
                handle.write(json.dumps({"schema": STATE_SCHEMA}) + "\n")
    return set()


def _resume(run: AuditRun, entries: set[str]) -> set[str]:
    """The paths of this run a previous one finished: those with a complete line
    in both files. A line cut short by the interruption, and the files of the
    previous run that this one does not have, are dropped from both."""
    findings, reports = (os.path.join(run.out, name) for name in (FINDINGS, REPORTS))
    if not (os.path.exists(findings) and os.path.exists(reports)):
        return _fresh(run)
    if _state_schema(reports) != STATE_SCHEMA:
        raise _usage(f"{reports} 不是本版本 xxgk-lint audit 的中间结果，无法继续（去掉 --resume 重新审核）")
    in_reports = {state["path"]: _brief(state) for state in _complete_lines(reports, skip_first=True)}
    in_findings = {record["path"] for record in _complete_lines(findings)}
    done = in_findings & set(in_reports) & entries
    _rewrite_keeping(findings, done, skip_first=False)
    _rewrite_keeping(reports, done, skip_first=True)
    for path in done:
        _count(run, in_reports[path])
    return done


def _brief(state: dict) -> dict:
    """What the parent counts of a file (not its facts: a big run holds one per file)."""
    brief = {key: state.get(key) for key in ("path", "skipped", "counts", "crashed")}
    facts = state.get("facts")
    brief["facts"] = None if facts is None else {"report": facts.get("report", True)}
    return brief


def _state_schema(path: str) -> str | None:
    with open(path, encoding="utf-8", errors="replace") as handle:
        try:
            return json.loads(handle.readline()).get("schema")
        except (ValueError, AttributeError):
            return None


def _complete_lines(path: str, skip_first: bool = False) -> Iterator[dict]:
    with open(path, encoding="utf-8", errors="surrogateescape") as handle:
        if skip_first:
            handle.readline()
        for line in handle:
            if not line.endswith("\n"):
                return
            try:
                yield json.loads(line)
            except ValueError:
                return


def _rewrite_keeping(path: str, keep: set[str], skip_first: bool) -> None:
    """Keep the complete lines of the paths in ``keep`` (in place, via a temporary file)."""
    partial_path = path + ".partial"
    with open(path, encoding="utf-8", errors="surrogateescape") as source, \
            open(partial_path, "w", encoding="utf-8", errors="surrogateescape") as target:
        if skip_first:
            target.write(source.readline())
        for line in source:
            if not line.endswith("\n"):
                break
            try:
                if json.loads(line)["path"] in keep:
                    target.write(line)
            except (ValueError, KeyError):
                break
    os.replace(partial_path, path)


def _count(run: AuditRun, state: dict) -> None:
    run.done += 1
    if state.get("skipped") is not None:
        run.skipped += 1
        return
    run.counts[state["path"]] = tuple(state.get("counts") or (0, 0, 0))
    if state.get("crashed"):
        run.crashed += 1
    if state.get("facts") is None:
        run.not_checked += 1
    elif state["facts"].get("report") is False:
        run.unrecognised += 1


def _stream(run: AuditRun, todo: list[str], not_reports: dict, regions: dict, resolver, args) -> None:
    from .batch import Interruptible, Progress, budget_for, lint_entry, lint_ordered, workers_for

    lint = partial(lint_entry, not_reports=not_reports, resolver=resolver, observe=_observe)
    budget_of = partial(budget_for, resolver=resolver)
    finish = partial(_finish, regions=regions)
    workers = workers_for(args.jobs, len(todo))
    with open(os.path.join(run.out, FINDINGS), "a", encoding="utf-8", errors="surrogateescape") as findings, \
            open(os.path.join(run.out, REPORTS), "a", encoding="utf-8", errors="surrogateescape") as reports, \
            Interruptible() as stop, Progress(len(todo), args.quiet) as progress:
        if args.engine == "dask":
            results = _dask_stream(todo, lint, budget_of, finish, args)
        else:
            results = lint_ordered(todo, lint, budget_of, workers, finish, stop)
        try:
            for record, state, brief in results:
                findings.write(record)
                reports.write(state)  # after its record: a path in reports.jsonl is complete in both
                _count(run, brief)
                progress.advance()
                if stop.requested and args.engine == "dask":
                    break
        finally:
            close = getattr(results, "close", None)
            if close is not None:
                close()
    run.interrupted = stop.requested


def _dask_stream(todo, lint, budget_of, finish, args) -> Iterator:
    """The same per-file work, on a dask.distributed cluster (linter.dask_engine)."""
    from .startup import settled

    settled()  # (this process now only gathers what the cluster sends: the collector runs as usual)
    from .dask_engine import map_ordered

    work = partial(_bounded_work, lint=lint, budget_of=budget_of, finish=finish)
    lost = partial(_lost_on_cluster, finish=finish)
    return map_ordered(work, todo, scheduler=args.scheduler, workers=args.jobs or None, on_lost=lost,
                       on_cluster=lambda message: print(f"xxgk-lint: {message}", file=sys.stderr))


def _bounded_work(path: str, lint, budget_of, finish):
    from .batch import check_bounded

    return finish(check_bounded(path, lint, budget_of(path)))


def _lost_on_cluster(path: str, reason: str, finish):
    from .engine import limit_exceeded

    return finish(limit_exceeded(path, f"集群上的检查进程未能完成本文件：{reason}", "crash", None))


# ---------------------------------------------------------------------------
# across files


def _conclude(run: AuditRun, roster, resolver, args) -> int:
    from .crossreport import cross_rules, run_cross_rules
    from .plugins import registry
    from .units import match_roster

    states = _load_states(run.out)  # facts of every report, without the excerpts
    identities = _identities(states)
    years = [identity.year for identity in identities if identity.year is not None]
    year = args.year if args.year is not None else max(years, default=None)
    current, wrong = _for_year(identities, year, run)
    matched = match_roster(roster, current, year)
    report_set = _report_set(states, matched, wrong, roster)
    rules = list(registry().rules.values())
    cross = run_cross_rules(report_set, rules, resolver)
    if any(d.code == "INT001" for found in cross.values() for d in found):
        run.crashed += 1  # a rule across reports failed: the audit is incomplete, exit 2 as for a file
    units = matched.units
    _finalise_findings(run, cross, {rule.code for rule in cross_rules(rules)})
    _fill_units(units, run, states)
    summary = _summary(run, units, year, args, states)
    summary["year_on_year"] = year_on_year(report_set, year)
    _write_outputs(run, summary, units)
    _say_summary(run, summary)
    if run.crashed:
        return 2
    return 1 if summary["errors"] or summary["units_missing"] else 0


def _identities(states: list[dict]) -> list:
    from .units import ReportIdentity

    return [ReportIdentity(s["path"], s["facts"].get("agency"), s["region"], s["facts"].get("year"),
                           s["facts"].get("kind"), s["facts"].get("level"))
            for s in states if s["facts"] is not None]


def _for_year(identities: list, year: int | None, run: AuditRun) -> tuple[list, list[dict]]:
    """The reports of the audited year, and the problems of reports for a year
    their place does not say: a report in a year folder is for that year (the
    series a cross-year check reads), any other for the audited year."""
    from .units import folder_year

    current, wrong = [], []
    for identity in identities:
        expected = folder_year(identity.path, run.roots.get(identity.path, ".")) or year
        if identity.year is not None and expected is not None and identity.year != expected:
            where = f"所在的 {expected} 年度目录" if expected != year else f"本次审核的 {year} 年度"
            wrong.append({"path": identity.path, "kind": "wrong-year", "other": None,
                          "message": f"报告年度为 {identity.year} 年，不是{where}：不计为"
                                     f"“{identity.unit or '该单位'}” {expected} 年度的报告"})
        elif expected == year:
            current.append(identity)
    return current, wrong


#: The facts the checks across reports read (the rest of reports.jsonl is read again when needed).
_KEPT_FACTS = ("report", "agency", "kind", "level", "year", "era", "published", "title", "table_prints")


def _load_states(out: str) -> list[dict]:
    """Every report's state, held small: a national audit holds 100,000 of them.
    The table cells stay compressed JSON until a rule asks for them (once or twice
    a report); the paragraph prints are packed (linter.similarity)."""
    from .similarity import ParagraphPrints

    states = []
    for state in _complete_lines(os.path.join(out, REPORTS), skip_first=True):
        facts = state.get("facts")
        if facts is not None and facts.get("report") is False:
            facts = None  # not a report (PRS002): nobody's report, nothing to compare
        if facts is not None:
            kept = {key: facts.get(key) for key in _KEPT_FACTS}
            kept["tables"] = PackedJSON(facts.get("tables") or {})
            kept["paragraphs"] = ParagraphPrints(map(tuple, facts.get("paragraphs") or ()))
            facts = kept
        states.append({"path": state["path"], "region": state["region"], "facts": facts})
    return states


class PackedJSON:
    """A read-only mapping kept as zlib-compressed JSON and unpacked on each
    lookup (a report's table cells: ~300 bytes instead of ~10 KB of objects)."""

    __slots__ = ("_packed",)

    def __init__(self, value: dict) -> None:
        import zlib

        self._packed = zlib.compress(json.dumps(value, separators=(",", ":")).encode("ascii"), 1)

    def _value(self) -> dict:
        import zlib

        return json.loads(zlib.decompress(self._packed))

    def get(self, key: str, default: Any = None) -> Any:
        return self._value().get(key, default)

    def __getitem__(self, key: str) -> Any:
        return self._value()[key]

    def __contains__(self, key: object) -> bool:
        return key in self._value()


def _report_set(states: list[dict], matched, wrong: list[dict], roster) -> Any:
    """The facts of every report, each under its unit (the roster's, where it lists it)."""
    from .crossreport import ReportFacts, ReportSet
    from .units import unit_key

    problems: dict[str, list[dict]] = {}
    for problem in list(matched.problems) + wrong:
        problems.setdefault(problem["path"], []).append(problem)
    # Every spelling the roster knows of a unit, to that unit (a past year's report may use an alias).
    canonical: dict[str, str] = {}
    parents: dict[str, str] = {}
    for unit in roster or ():
        for name in (unit.unit, *unit.aliases):
            canonical.setdefault(unit_key(name), unit.key)
        if unit.parent:
            parents[unit.key] = unit_key(unit.parent)
    reports = []
    for state in states:
        facts = state["facts"]
        if facts is None:
            continue
        assigned = matched.assignments.get(state["path"])
        name = assigned["unit"] if assigned else facts.get("agency")
        key = unit_key(name) if name else None
        key = canonical.get(key, key) if key else None
        # A second copy of a unit's report stays out of the comparisons; a report of another
        # year than the audited one is still its unit's report for that year (the series).
        counted = not any(p["kind"] in ("duplicate", "wrong-year") for p in problems.get(state["path"], ()))
        reports.append(ReportFacts(state["path"], name, key, state["region"], facts.get("year"), facts,
                                   parents.get(key) if key else None, counted))
    return ReportSet(reports, problems)


def _finalise_findings(run: AuditRun, cross: dict, cross_codes: set[str]) -> None:
    """``findings.jsonl`` in path order, the cross-report findings merged into
    the records of the reports they are about (one record per file still);
    those of an earlier conclusion (a resumed run) are replaced, not repeated."""
    from .output import _diagnostic_json

    path = os.path.join(run.out, FINDINGS)
    offsets = _line_offsets(path)
    partial_path = path + ".partial"
    with open(path, "rb") as source, open(partial_path, "wb") as target:
        for name in sorted(offsets):
            source.seek(offsets[name])
            line = source.readline()
            extra = cross.get(name, [])
            if extra or any(f'"{code}"'.encode() in line for code in cross_codes):
                record = json.loads(line)
                own = [d for d in record["diagnostics"] if not _from_across(d, cross_codes)]
                record["diagnostics"] = sorted(own + [_diagnostic_json(d) for d in extra],
                                               key=lambda d: (d["location"]["line"], d["location"]["column"],
                                                              d["code"]))
                if record.get("status") in ("ok", "violations"):
                    record["status"] = "violations" if record["diagnostics"] else "ok"
                line = (json.dumps(record, ensure_ascii=False, default=str) + "\n").encode("utf-8",
                                                                                          "surrogateescape")
                errors, warnings, infos = run.counts.get(name, (0, 0, 0))
                for d in extra:
                    errors += d.severity == "error"
                    warnings += d.severity == "warning"
                    infos += d.severity == "info"
                run.counts[name] = (errors, warnings, infos)
            target.write(line)
    os.replace(partial_path, path)


def _from_across(d: dict, cross_codes: set[str]) -> bool:
    """A finding of an earlier conclusion: a rule across reports, or its failure (INT001 naming it)."""
    return d["code"] in cross_codes or (d["code"] == "INT001" and (d.get("data") or {}).get("rule") in cross_codes)


def _line_offsets(path: str, skip_first: bool = False) -> dict[str, int]:
    """Where each path's line starts (the last one wins: a resumed run may repeat none, but be safe)."""
    offsets: dict[str, int] = {}
    with open(path, "rb") as handle:
        if skip_first:
            handle.readline()
        while True:
            at = handle.tell()
            line = handle.readline()
            if not line.endswith(b"\n"):
                break
            offsets[json.loads(line)["path"]] = at
    return offsets


def _fill_units(units: list[dict], run: AuditRun, states: list[dict]) -> None:
    published = {s["path"]: (s["facts"] or {}).get("published") for s in states}
    for unit in units:
        totals = [run.counts.get(path, (0, 0, 0)) for path in unit["files"][:1]]
        unit["errors"], unit["warnings"], unit["infos"] = (sum(t[k] for t in totals) for k in range(3))
        if unit["files"] and unit["status"] != "missing":
            unit["published"] = published.get(unit["files"][0])


def _summary(run: AuditRun, units: list[dict], year, args, states: list[dict]) -> dict:
    from . import __version__
    from .plugins import registry

    rules = registry().rules
    by_rule: dict[str, dict] = {}
    errors = warnings = infos = 0
    late: set[str] = set()  # published after the deadline (PER003)
    for record in _records(run.out):
        for d in record.get("diagnostics", ()):
            entry = by_rule.setdefault(d["code"], {"name": d["name"], "severity": d["severity"], "count": 0})
            entry["count"] += 1
            errors += d["severity"] == "error"
            warnings += d["severity"] == "warning"
            infos += d["severity"] == "info"
            if d["code"] == "PER003":
                late.add(record["path"])
    by_day: dict[str, dict[str, int]] = {}
    for state in states:
        day = (state["facts"] or {}).get("published")
        if day:
            entry = by_day.setdefault(day, {"on_time": 0, "late": 0})
            entry["late" if state["path"] in late else "on_time"] += 1
    for unit in units:
        if unit["files"] and unit["status"] != "missing":
            unit["late"] = unit["files"][0] in late
    reported = sum(1 for unit in units if unit["status"] in ("reported", "duplicate", "unlisted"))
    region = os.path.basename(os.path.normpath(args.paths[0])) if len(args.paths) == 1 else "各地区"
    return {
        "title": f"{region} {year or ''} 年度政府信息公开工作年度报告审核".replace("  ", " "),
        "generated": datetime.now().isoformat(timespec="seconds"),
        "tool_version": __version__,
        "year": year,
        "roster": os.path.basename(args.roster) if args.roster else None,
        "files": run.total,
        "reports": run.total - run.skipped - run.unrecognised,
        "skipped": run.skipped,
        "not_checked": run.not_checked,
        "units_expected": sum(1 for u in units if u["status"] != "unlisted") if args.roster else None,
        "units_reported": reported,
        "units_missing": sum(1 for unit in units if unit["status"] == "missing"),
        "errors": errors, "warnings": warnings, "infos": infos,
        "by_rule": dict(sorted(by_rule.items())),
        "published_by_day": dict(sorted(by_day.items())),
        "year_on_year": [],
        "interrupted": run.interrupted,
        "rules": {code: rule.summary for code, rule in rules.items()},
    }


#: The figures the year-on-year chart compares: (table, row key, cell index, label).
CHANGES = (
    ("表三", "t3.new", 6, "新收申请（总计）"),
    ("统计表", "t7f.proactive", 0, "主动公开（年度）"),
)


def year_on_year(report_set, year: int | None) -> list[dict]:
    """Each unit's key figures against the year before: the audited year's
    where they could be read, else each unit's latest pair that has them."""
    rows = []
    for last, this in report_set.year_pairs():
        for table, key, index, label in CHANGES:
            before, now = (r.count(table, key, index) for r in (last, this))
            if before is not None and now is not None:
                rows.append({"unit": this.unit or "", "region": this.region, "year": this.year,
                             "metric": f"{label} {last.year}→{this.year}", "last": before[0], "this": now[0]})
    if any(row["year"] == year for row in rows):
        return [row for row in rows if row["year"] == year]
    latest: dict[tuple, int] = {}
    for row in rows:
        latest[(row["region"], row["unit"])] = max(latest.get((row["region"], row["unit"]), 0), row["year"])
    return [row for row in rows if row["year"] == latest[(row["region"], row["unit"])]]


def _records(out: str) -> Iterator[dict]:
    yield from _complete_lines(os.path.join(out, FINDINGS))


def finding_rows(out: str) -> Iterator[dict]:
    """One row per finding, in file order, with the excerpt its worker cut (audit_report's rows)."""
    reports_path = os.path.join(out, REPORTS)
    offsets = _line_offsets(reports_path, skip_first=True)
    with open(reports_path, "rb") as states:
        for record in _records(out):
            state: dict = {}
            if record["path"] in offsets:
                states.seek(offsets[record["path"]])
                state = json.loads(states.readline())
            facts = state.get("facts") or {}
            excerpts = facts.get("excerpts") or {}
            for d in record.get("diagnostics", ()):
                yield {
                    "path": record["path"], "region": state.get("region", ""), "unit": record.get("agency"),
                    "year": record.get("report_year"),
                    "line": d["location"]["line"], "column": d["location"]["column"],
                    "end_line": d["end_location"]["line"], "end_column": d["end_location"]["column"],
                    "page": (d.get("origin") or {}).get("page"),
                    "severity": d["severity"], "code": d["code"], "rule": d["name"], "message": d["message"],
                    "provenance": d["provenance"], "excerpt": excerpts.get(d["fingerprint"]),
                    "related": (d.get("data") or {}).get("related"),
                }


def _write_outputs(run: AuditRun, summary: dict, units: list[dict]) -> None:
    from . import audit_report

    out = run.out
    audit_report.write_units_csv(units, os.path.join(out, "units.csv"))
    audit_report.write_findings_csv(finding_rows(out), os.path.join(out, "findings.csv"))
    audit_report.write_xlsx(summary, units, finding_rows(out), os.path.join(out, "audit.xlsx"))
    audit_report.write_html(summary, units, finding_rows(out), os.path.join(out, "audit.html"))


def _say_summary(run: AuditRun, summary: dict) -> None:
    missing = summary["units_missing"]
    lines = [
        f"审核 {summary['files']} 个文件（报告 {summary['reports']} 份，跳过 {summary['skipped']} 个）："
        f"错误 {summary['errors']}，警告 {summary['warnings']}，提示 {summary['infos']}；"
        f"已报送单位 {summary['units_reported']} 个" + (f"，缺报 {missing} 个" if summary["units_expected"] is not None
                                                  else "") + "。",
        f"结果：{os.path.join(run.out, 'audit.html')}（另有 findings.jsonl、findings.csv、units.csv、audit.xlsx）",
    ]
    print("\n".join(lines))
