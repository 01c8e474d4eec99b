"""Checks across reports: the rule family that runs over a set of reports.

A per-file rule sees one report; a :class:`CrossReportRule` sees the facts of
every report of an audit (:mod:`linter.facts`): last year's report of the same
unit, other units' reports of the same year, the roster's units. Its findings
are put on the report they are about (this year's, the copy, …), with the
other report named in ``data["related"]``, and go through the same selection,
severity and fingerprinting as any other finding. Cross-report rules register
through the ordinary ``xxgk_lint_rules`` hook: a plugin adds one by
subclassing :class:`CrossReportRule`.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterator

from .ast import Report, Span
from .diagnostics import Diagnostic
from .rule import Rule


@dataclass(slots=True)
class ReportFacts:
    """What an audit knows of one report."""

    path: str
    unit: str | None  # display name (the roster's, else the report's agency)
    unit_key: str | None  # linter.units.unit_key: one unit however its name is written
    region: str
    year: int | None
    facts: dict[str, Any]
    #: The roster's parent unit (a department's government), as a unit key.
    parent: str | None = None
    #: Not this unit's report for the audit (a second copy, another year): kept out of the comparisons.
    counted: bool = True

    def table(self, kind: str) -> dict | None:
        """The facts of its table ``kind`` (``{"columns", "rows"}``), or None."""
        return self.facts.get("tables", {}).get(kind)

    def rows(self, kind: str) -> dict[str, dict]:
        """Its table ``kind``'s rows of interest by key (none when it has no such table)."""
        table = self.table(kind)
        return table["rows"] if table else {}

    def count(self, kind: str, key: str, index: int) -> list | None:
        """Cell ``index`` of row ``key`` when it holds a count read for certain, else None."""
        row = self.rows(kind).get(key)
        if row is None or len(row["cells"]) <= index or not isinstance(row["cells"][index][0], int):
            return None
        return row["cells"][index]


@dataclass
class ReportSet:
    """Every report of an audit, with the indexes the rules use."""

    reports: list[ReportFacts]
    #: Roster problems per report path (kind -> message, other path), from linter.units.
    roster_problems: dict[str, list[dict]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_unit_year: dict[tuple[str, int], ReportFacts] = {}
        for report in sorted(self.reports, key=lambda r: r.path):
            if report.counted and report.unit_key and report.year is not None:
                self.by_unit_year.setdefault((report.unit_key, report.year), report)

    def year_pairs(self) -> Iterator[tuple[ReportFacts, ReportFacts]]:
        """(last year's, this year's) report of one unit, for every unit and year."""
        for (unit, year), report in sorted(self.by_unit_year.items()):
            last = self.by_unit_year.get((unit, year - 1))
            if last is not None:
                yield last, report

    def prints(self) -> list:
        """Each counted report's fingerprints (linter.similarity.Prints), keyed by path."""
        from .similarity import Prints

        return [Prints(r.path, r.unit_key or "", r.year, r.facts.get("paragraphs") or (),
                       [t[0] for t in r.facts.get("table_prints") or ()])
                for r in sorted(self.reports, key=lambda r: r.path) if self.represents(r)]

    def represents(self, report: ReportFacts) -> bool:
        """Whether the report speaks for its unit and year (not a second copy of
        one: the web page and the PDF of one report are one report)."""
        if not report.counted:
            return False
        if report.unit_key is None or report.year is None:
            return True
        return self.by_unit_year.get((report.unit_key, report.year)) is report

    def by_path(self) -> dict[str, ReportFacts]:
        return {report.path: report for report in self.reports}

    def children(self) -> dict[str, list[ReportFacts]]:
        """Reports by the unit key of their roster parent."""
        out: dict[str, list[ReportFacts]] = defaultdict(list)
        for report in self.by_unit_year.values():
            if report.parent:
                out[report.parent].append(report)
        return out


class CrossReportRule(Rule):
    """A rule over a :class:`ReportSet` (``xxgk-lint audit``); nothing per file."""

    scope: ClassVar[str] = "reports"

    def check(self, report: Report) -> Iterator[Diagnostic]:
        return iter(())

    def check_reports(self, reports: ReportSet) -> Iterator[tuple[str, Diagnostic]]:
        """(path of the report the finding is on, the finding)."""
        raise NotImplementedError


def span_of(cell: list) -> Span:
    """The span of a cell in :func:`linter.facts.row_facts` form."""
    return Span(cell[2], cell[3], cell[4], cell[5])


def cross_rules(rules: list[type]) -> list[type[CrossReportRule]]:
    return [rule for rule in rules if getattr(rule, "scope", "report") == "reports"]


def run_cross_rules(report_set: ReportSet, rules: list[type], resolver) -> dict[str, list[Diagnostic]]:
    """Every enabled cross-report rule over the set: findings by path,
    fingerprinted and sorted like a file's own. A rule that raises costs its
    own findings only (INT001 on the first report, as a per-file rule would)."""
    from .engine import fingerprinted, internal_error

    found: dict[str, list[Diagnostic]] = defaultdict(list)
    anchor = min((r.path for r in report_set.reports), default=".")
    for rule in cross_rules(rules):
        try:
            options = resolver.for_path(anchor).options_for(rule.code, rule.name)
            for path, diagnostic in rule(options).check_reports(report_set):
                settings = resolver.for_path(path)
                if not settings.enabled(rule.code, rule.name, path):
                    continue
                diagnostic.severity = settings.severity_of(rule.code, rule.name, diagnostic.severity)
                found[path].append(diagnostic)
        except Exception as error:  # one broken rule (a plugin's) must not lose the audit
            if report_set.reports:
                first = min(r.path for r in report_set.reports)
                found[first].append(internal_error(first, error, rule.code))
    return {path: fingerprinted(diagnostics, path, resolver.for_path(path).root) for path, diagnostics in found.items()}


def title_span(report: ReportFacts) -> Span:
    """Where a finding about the report as a whole goes: its title, else its start."""
    title = report.facts.get("title")
    return Span(*title) if title else Span(1, 1, 1, 1)


class RosterProblem(CrossReportRule):
    """Base of the rules that speak the roster's verdict on one report (linter.units)."""

    problem_kind = ""

    def check_reports(self, reports: ReportSet) -> Iterator[tuple[str, Diagnostic]]:
        by_path = {report.path: report for report in reports.reports}
        for path, problems in sorted(reports.roster_problems.items()):
            for problem in problems:
                if problem["kind"] != self.problem_kind or path not in by_path:
                    continue
                yield path, self.finding(problem["message"], title_span(by_path[path]), "报告", problem["kind"],
                                         related=problem.get("other"))
