"""The pipeline for one file, and the run over many.

read -> layout -> lex -> parse -> build -> check -> sort. Every input gets a
:class:`FileResult`: clean, violations, or an error diagnostic. Nothing here
raises for a bad file; an unexpected exception in our own code becomes an
``INT001`` diagnostic on that file (and exit code 2), and the batch goes on.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable

from . import structure
from .ast import Problem, Report, Span
from .diagnostics import NOT_CHECKED, Diagnostic, file_identity, fingerprint
from .source import SUFFIXES, Limits, Source, UnreadableInput, decode, os_error_text, read_bytes, read_path

if TYPE_CHECKING:
    from .config import Settings
    from .eras import EraPlugin
    from .packs import InlineTest, Pack


class _Progress:
    """How far the check of the current file got (named in a PRS005 timeout)."""

    stage = ""


progress = _Progress()


@dataclass(slots=True)
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    era: str | None = None
    era_source: str | None = None
    report_year: int | None = None
    agency: str | None = None
    published: str | None = None
    skipped_identities: list[dict] = field(default_factory=list)
    crashed: bool = False
    #: Why the file was not linted (not a report: a picture, a spreadsheet …); None when it was.
    skipped: str | None = None
    #: What an observer of the run (the audit) gathered from the report; not output.
    facts: dict | None = None
    #: How the file was read (Source.kind and Source.encoding), for --fix; not output.
    kind: str | None = None
    encoding: str | None = None

    @property
    def status(self) -> str:
        if self.skipped is not None:
            return "skipped"
        if any(d.severity == "error" and d.code in NOT_CHECKED for d in self.diagnostics):
            return "error"
        return "violations" if self.diagnostics else "ok"


def parse_source(source: Source, era: str | None = None) -> Report:
    """Text -> typed AST (no rules). ``era`` forces an era; by default it is detected."""
    from .eras import era_by_labels, era_by_year, label_spans
    from .plugins import registry

    eras = registry().eras
    by_labels, fingerprints = era_by_labels(source.text, eras.values())
    chosen, how = (era, "option") if era else (by_labels, "labels") if by_labels else ("2021", None)
    report = _parse_as(source, eras[chosen])
    if how is None:
        # No telling labels: parse again as the era the report year requires.
        by_year = era_by_year(report.meta.report_year)
        if by_year is not None and by_year in eras:
            how = "year"
            if by_year != chosen:
                report = _parse_as(source, eras[by_year])
    report.era_source = how
    report.fingerprints = {e: found for e, found in fingerprints.items() if found}
    report.fingerprint_spans = label_spans(source.text, report.fingerprints)
    return report


def _parse_as(source: Source, plugin: "EraPlugin") -> Report:
    from .builder import build
    from .layout import text_blocks
    from .lexer import lex
    from .parser import parse_tokens

    era = plugin.era
    if source.blocks is not None:  # PDF and Word: laid out by their reader
        blocks = list(source.blocks)
    elif source.kind == "html":
        from .html_layout import html_blocks  # (html.parser and its entities: only for web pages)

        blocks = html_blocks(source.text)
    else:
        blocks = text_blocks(source.text)
    tokens = lex(blocks, era)
    trees, problems = parse_tokens(tokens, plugin.grammar)
    report = build(trees, era, source.path, source.encoding, source.kind)
    report.problems = problems + [_not_read(source, note) for note in source.notes]
    return report


def _not_read(source: Source, note: str) -> Problem:
    """What a reader left unread (pages beyond the limit) is a stretch no rule judges."""
    lines = source.text.count("\n") + 1
    return Problem("PRS003", f"{note}，其余部分未读取；该部分不做缺表、缺行、缺部分的判断",
                   Span(lines, 1, lines, 1), {"tokens": 0, "texts": [], "table": None, "part": None,
                                             "lines": [lines, lines], "note": note})


def active_rules(settings: "Settings", extra_rules: Iterable[type] = ()) -> list[type]:
    """Every per-file rule the settings may run: plugins' (built-ins included), packs', extra
    (the rules across reports run in an audit, linter.crossreport)."""
    from .plugins import registry

    rules = [rule for rule in registry().rules.values() if getattr(rule, "scope", "report") == "report"]
    for pack in dict.fromkeys(os.path.normpath(p) for p in settings.rule_packs):  # a pack named twice counts once
        from .packs import load_pack  # (YAML and the expression language: only when packs are named)

        rules += load_pack(pack).rules
    return rules + list(extra_rules)


def every_rule(settings: "Settings") -> list[type]:
    """The per-file rules and the rules across reports (for listing, documentation
    and checking selectors; the latter run in an audit)."""
    from .plugins import registry

    return active_rules(settings) + [rule for rule in registry().rules.values()
                                     if getattr(rule, "scope", "report") == "reports"]


def check_report(report: Report, settings: "Settings | None" = None,
                 extra_rules: Iterable[type] = ()) -> list[Diagnostic]:
    from .config import Settings

    settings = settings or Settings()
    diagnostics: list[Diagnostic] = []
    recognised = structure.is_report(report)
    for rule in active_rules(settings, extra_rules):
        if not rule.applies_to(report.era) or not settings.enabled(rule.code, rule.name, report.path):
            continue
        if not recognised and not rule.code.startswith("PRS"):
            continue  # not a report (PRS002): one finding, not a list of everything it lacks
        if report.era_source is None and rule.era_specific():
            continue  # era unknown (PRS002): judging it against one era's template would be noise
        progress.stage = f"规则 {rule.code}"
        try:
            found = list(rule(settings.options_for(rule.code, rule.name)).check(report))
        except MemoryError:
            raise  # a resource limit (linter.batch), not a broken rule
        except Exception as error:  # one broken rule (a plugin's, say) must not lose the others
            diagnostics.append(internal_error(report.path, error, rule.code))
            continue
        for diagnostic in found:
            diagnostic.severity = settings.severity_of(rule.code, rule.name, diagnostic.severity)
        diagnostics.extend(found)
    return fingerprinted(diagnostics, report.path, settings.root)


def fingerprinted(diagnostics: list[Diagnostic], path: str, root: str | None = ".") -> list[Diagnostic]:
    """Fingerprint and sort the findings of one file."""
    identity = file_identity(path, root)
    for d in diagnostics:
        d.fingerprint = fingerprint(d.code, identity, d.logical_location, d.evidence)
    diagnostics.sort(key=Diagnostic.sort_key)
    return diagnostics


#: Called with the source, the parsed report and the findings of each file linted;
#: what it returns becomes ``FileResult.facts`` (the audit's facts, linter.facts).
Observer = Callable[[Source, Report, list[Diagnostic]], dict]


def lint_source(source: Source, era: str | None = None, settings: "Settings | None" = None,
                observe: Observer | None = None) -> FileResult:
    result = FileResult(source.path, kind=source.kind, encoding=source.encoding)
    progress.stage = "解析"
    if era is None and settings is not None and settings.era != "auto":
        era = settings.era
    try:
        report = parse_source(source, era)
        result.era = report.era
        result.era_source = report.era_source
        result.report_year = report.meta.report_year
        result.agency = report.meta.agency
        result.published = report.meta.published
        result.diagnostics = check_report(report, settings)
        if source.origins is not None:  # PDF page and box, Word paragraph or cell
            for diagnostic in result.diagnostics:
                diagnostic.origin = source.origins.at(diagnostic.span.line, diagnostic.span.column)
        _keep_applicable_fixes(source, result.diagnostics)
        result.crashed = any(d.code == "INT001" for d in result.diagnostics)
        result.skipped_identities = report.skipped_identities
        if observe is not None:
            progress.stage = "汇总"
            result.facts = observe(source, report, result.diagnostics)
    except MemoryError:
        raise  # a resource limit (linter.batch), not our bug
    except Exception as error:  # our bug, not the user's: report it on this file and go on
        result.crashed = True
        result.diagnostics = [internal_error(source.path, error)]
    return result


def _keep_applicable_fixes(source: Source, diagnostics: list[Diagnostic]) -> None:
    """A fix is kept only where the original file holds exactly the text it
    replaces: never in PDF or Word (positions are of extracted text), nor where
    HTML markup or an entity stands inside the text."""
    from .source import offset_of

    for diagnostic in diagnostics:
        if not diagnostic.fix:
            continue
        if source.kind not in ("text", "html") or any(
                source.text[offset_of(source.text, e.span.line, e.span.column):
                            offset_of(source.text, e.span.end_line, e.span.end_column)] != e.original
                for e in diagnostic.fix):
            diagnostic.fix = ()


def lint_bytes(data: bytes, path: str, era: str | None = None, settings: "Settings | None" = None) -> FileResult:
    return _lint_read(lambda limits: read_bytes(data, path, limits), path, era, settings)


def lint_path(path: str, era: str | None = None, settings: "Settings | None" = None,
              observe: Observer | None = None) -> FileResult:
    """Lint a file, or a member of an archive named ``archive.zip!member.pdf``."""
    if ARCHIVE_MARK in path:
        archive, member = path.split(ARCHIVE_MARK, 1)
        return _lint_read(lambda limits: read_bytes(read_member(archive, member, limits), path, limits),
                          path, era, settings, observe)
    return _lint_read(lambda limits: read_path(path, limits), path, era, settings, observe)


def _lint_read(read, path: str, era: str | None, settings: "Settings | None",
               observe: Observer | None = None) -> FileResult:
    """Read (PRS001 when the file cannot be read), then lint."""
    progress.stage = "读取文件"
    try:
        source = read(Limits.of(settings))
    except UnreadableInput as error:
        return _unreadable(path, error, settings.root if settings else ".")
    except MemoryError:
        raise  # a resource limit (linter.batch), not our bug
    except Exception as error:  # a reader's bug (or a library's) costs this file only
        return FileResult(path, [internal_error(path, error)], crashed=True)
    return lint_source(source, era, settings, observe)


def _unreadable(path: str, error: UnreadableInput, root: str = ".") -> FileResult:
    from linter.rules.prs001_unreadable_input import UnreadableInput as Rule

    span = Span(error.line, error.column, error.line, error.column)
    diagnostic = Rule.finding(f"文件无法读取：{error.reason}", span, "", error.reason, reason=error.reason)
    return FileResult(path, fingerprinted([diagnostic], path, root))


def limit_exceeded(path: str, message: str, limit: str, stage: str | None) -> FileResult:
    """The record of a file whose check ran out of time or memory or whose
    worker died (see linter.batch): the file was not checked to the end."""
    from linter.rules.prs005_check_limit import CheckLimitExceeded as Rule

    diagnostic = Rule.finding(message, Span(1, 1, 1, 1), "", limit, limit=limit, stage=stage)
    return FileResult(path, fingerprinted([diagnostic], path))


def internal_error(path: str, error: Exception, rule: str | None = None) -> Diagnostic:
    import traceback

    where = traceback.extract_tb(error.__traceback__)[-1]
    detail = f"{type(error).__name__}: {error} ({os.path.basename(where.filename)}:{where.lineno})"
    what = f"规则 {rule} 未能完成检查" if rule else "本文件未能完成检查"
    diagnostic = Diagnostic("INT001", "internal-error", "error",
                            f"xxgk-lint 内部错误，{what}，请向开发者报告：{detail}",
                            Span(1, 1, 1, 1), rule or "", {"exception": detail, "rule": rule},
                            type(error).__name__)
    return fingerprinted([diagnostic], path)[0]


def collect_files(paths: Iterable[str]) -> list[str]:
    """The reports to lint (see :func:`walk`)."""
    return walk(paths)[0]


#: Separates an archive from a member in a path: ``reports.zip!2023/某局.pdf``.
ARCHIVE_MARK = "!"
#: Bounds on a .zip of reports (zip bombs): members, bytes in all, inflation.
MAX_MEMBERS = 2000
MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200


def walk(paths: Iterable[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Every file below the paths, accounted for: (the reports to lint, in a
    stable order; the other files with why they are not read). Suffixes are
    matched whatever their case; members of .zip archives are reports too
    (``archive.zip!member.pdf``); named files are linted whatever they are."""
    import stat

    files: list[str] = []
    skipped: list[tuple[str, str]] = []
    for path in paths:
        if not os.path.isdir(path):
            files.append(path)
            continue
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                full = os.path.join(root, name)
                try:
                    regular = stat.S_ISREG(os.stat(full).st_mode)
                except OSError as error:
                    skipped.append((full, f"无法访问（{os_error_text(error)}）"))
                    continue
                if not regular:
                    skipped.append((full, "不是普通文件（管道、设备或套接字）"))
                elif name.lower().endswith(SUFFIXES):
                    files.append(full)
                elif name.lower().endswith(".zip"):
                    found, passed = _archive_members(full)
                    files += found
                    skipped += passed
                elif not name.startswith("."):
                    skipped.append((full, _not_a_report(name)))
    return sorted(dict.fromkeys(files)), sorted(skipped)


def _not_a_report(name: str) -> str:
    suffix = os.path.splitext(name)[1].lower()
    return f"不是报告文件（{suffix or '无扩展名'}）"


def _archive_members(archive: str) -> tuple[list[str], list[tuple[str, str]]]:
    import zipfile

    try:
        with zipfile.ZipFile(archive) as package:
            infos = [info for info in package.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        return [], [(archive, f"压缩包无法打开（{type(error).__name__}）")]
    total = sum(info.file_size for info in infos)
    if len(infos) > MAX_MEMBERS or total > MAX_ARCHIVE_BYTES:
        return [], [(archive, f"压缩包过大（{len(infos)} 个文件，解压后 {total // (1024 * 1024)} MB），未展开")]
    members, passed = [], []
    for info in infos:
        name = _member_name(info)
        target = f"{archive}{ARCHIVE_MARK}{name}"
        if name.lower().endswith(SUFFIXES):
            members.append(target)
        else:
            passed.append((target, _not_a_report(name)))
    return members, passed


def _member_name(info) -> str:
    """Zip names written by Chinese Windows tools are GBK bytes flagged as cp437."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def read_member(archive: str, member: str, limits: Limits) -> bytes:
    """One member of a .zip, bounded in size and inflation."""
    import zipfile

    try:
        with zipfile.ZipFile(archive) as package:
            info = next((i for i in package.infolist() if _member_name(i) == member), None)
            if info is None:
                raise UnreadableInput(f"压缩包中没有“{member}”")
            if info.file_size > limits.max_bytes or (
                    info.compress_size and info.file_size / info.compress_size > MAX_RATIO):
                raise UnreadableInput(f"压缩包中的“{member}”解压后过大（{info.file_size // 1024} KB），未读取")
            with package.open(info) as handle:
                return handle.read(limits.max_bytes + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, NotImplementedError) as error:
        raise UnreadableInput(f"压缩包无法读取（{type(error).__name__}: {error}）") from None


def run_inline_tests(pack: "Pack") -> list[tuple[str, InlineTest, list[str]]]:
    """Lint each test input; returns (rule code, test, codes that fired among the
    rule's own and those the test names: other rules of the pack may fire on a
    short snippet without making the test about them)."""
    results = []
    for code, tests in pack.tests.items():
        for number, test in enumerate(tests, 1):
            relevant = {code, *test.expect}
            source = decode(test.input.encode("utf-8"), f"{pack.path}#{code}-{number}.txt")
            report = parse_source(source)
            fired = sorted({d.code for d in check_report(report, extra_rules=pack.rules) if d.code in relevant})
            results.append((code, test, fired))
    return results
