"""Output formats that CI systems and code hosts read.

* ``sarif``: SARIF 2.1.0 (GitHub code scanning, Azure DevOps, VS Code's SARIF
  viewer). Columns are Unicode code points (``columnKind``), as everywhere in
  xxgk-lint; each rule carries its Chinese summary and full documentation;
  fixes become SARIF ``fixes``; the fingerprint is a partial fingerprint.
* ``github``: GitHub Actions workflow commands (``::error file=…::message``),
  which annotate the pull request.
* ``gitlab``: a GitLab Code Quality report (a JSON list of issues).
* ``junit``: JUnit XML, one test suite per file and one test case per
  finding (a clean file is one passing case, a skipped one a skipped case).
"""
from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from . import __version__
from .diagnostics import Diagnostic, printable_path
from .engine import FileResult

_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
_GITLAB_SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def _uri(path: str) -> str:
    """A relative URI reference for a file path (``a b/报告.txt`` → ``a%20b/%E6…``)."""
    return quote(printable_path(path).replace("\\", "/"), safe="/!:")


# ---------------------------------------------------------------------------
# SARIF


def _rule_descriptor(code: str, diagnostic: Diagnostic) -> dict[str, Any]:
    from .plugins import registry

    rule = registry().rule(code)
    descriptor: dict[str, Any] = {"id": code, "name": diagnostic.name}
    if rule is not None:
        documentation = rule.documentation()
        descriptor.update({
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": _section(documentation, "检查内容") or _section(documentation, "What it does")
                                or rule.summary},
            "help": {"text": documentation, "markdown": documentation},
            "defaultConfiguration": {"level": _SARIF_LEVELS.get(rule.severity, "warning")},
            "properties": {"provenance": rule.provenance},
        })
    return descriptor


def _section(documentation: str, title: str) -> str:
    """The text under ``## title`` in a rule's documentation."""
    head = f"## {title}\n"
    if head not in documentation:
        return ""
    return documentation.split(head, 1)[1].split("\n## ", 1)[0].strip()


def _sarif_result(result: FileResult, d: Diagnostic, index: int) -> dict[str, Any]:
    region = {"startLine": d.span.line, "startColumn": d.span.column,
              "endLine": d.span.end_line, "endColumn": max(d.span.end_column, 1)}
    out: dict[str, Any] = {
        "ruleId": d.code,
        "ruleIndex": index,
        "level": _SARIF_LEVELS.get(d.severity, "warning"),
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(result.path)}, "region": region}}],
        "partialFingerprints": {"xxgk-lint/v1": d.fingerprint},
        "properties": {"provenance": d.provenance, **({"origin": d.origin} if d.origin else {})},
    }
    if d.logical_location:
        out["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": d.logical_location}]
    if d.fix:
        out["fixes"] = [{
            "description": {"text": "；".join(f"将“{e.original}”改为“{e.replacement}”" for e in d.fix)},
            "artifactChanges": [{
                "artifactLocation": {"uri": _uri(result.path)},
                "replacements": [{
                    "deletedRegion": {"startLine": e.span.line, "startColumn": e.span.column,
                                      "endLine": e.span.end_line, "endColumn": e.span.end_column},
                    "insertedContent": {"text": e.replacement},
                } for e in d.fix],
            }],
        }]
    return out


def format_sarif(results: list[FileResult]) -> str:
    rules: dict[str, int] = {}
    descriptors: list[dict[str, Any]] = []
    sarif_results = []
    for result in results:
        for d in result.diagnostics:
            if d.code not in rules:
                rules[d.code] = len(descriptors)
                descriptors.append(_rule_descriptor(d.code, d))
            sarif_results.append(_sarif_result(result, d, rules[d.code]))
    skipped = [{"level": "note", "message": {"text": f"{printable_path(r.path)}：已跳过：{r.skipped}"},
                "descriptor": {"id": "skipped"}} for r in results if r.skipped is not None]
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "xxgk-lint", "version": __version__, "semanticVersion": __version__,
                                "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not any(r.crashed for r in results),
                             "toolExecutionNotifications": skipped}],
            "results": sarif_results,
        }],
    }
    from .ast import json_default

    return json.dumps(document, ensure_ascii=False, indent=2, default=json_default) + "\n"


# ---------------------------------------------------------------------------
# GitHub workflow commands


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(results: list[FileResult]) -> str:
    lines = []
    for result in results:
        for d in result.diagnostics:
            properties = ",".join([
                f"file={_github_property(printable_path(result.path))}",
                f"line={d.span.line}", f"col={d.span.column}",
                f"endLine={d.span.end_line}", f"endColumn={d.span.end_column}",
                f"title={_github_property(f'{d.code} {d.name}')}",
            ])
            lines.append(f"::{_GITHUB_COMMANDS.get(d.severity, 'warning')} {properties}::"
                         f"{_github_data(f'{d.code} {d.message}')}")
    return "".join(line + "\n" for line in lines)


# ---------------------------------------------------------------------------
# GitLab Code Quality


def format_gitlab(results: list[FileResult]) -> str:
    issues = []
    for result in results:
        for d in result.diagnostics:
            issues.append({
                "type": "issue",
                "check_name": d.code,
                "description": f"{d.code} {d.message}",
                "categories": ["Bug Risk" if d.severity == "error" else "Style"],
                "severity": _GITLAB_SEVERITIES.get(d.severity, "minor"),
                "fingerprint": d.fingerprint,
                "location": {"path": printable_path(result.path),
                             "positions": {"begin": {"line": d.span.line, "column": d.span.column},
                                           "end": {"line": d.span.end_line, "column": d.span.end_column}}},
            })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------
# JUnit XML


def format_junit(results: list[FileResult]) -> str:
    from xml.etree import ElementTree as ET

    root = ET.Element("testsuites", name="xxgk-lint")
    total = failed = skipped_count = 0
    for result in results:
        path = printable_path(result.path)
        suite = ET.SubElement(root, "testsuite", name=path)
        cases = failures = skipped = 0
        if result.skipped is not None:
            case = ET.SubElement(suite, "testcase", name=path, classname="xxgk-lint")
            ET.SubElement(case, "skipped", message=result.skipped)
            cases, skipped = 1, 1
        elif not result.diagnostics:
            ET.SubElement(suite, "testcase", name=path, classname="xxgk-lint")
            cases = 1
        for d in result.diagnostics:
            case = ET.SubElement(suite, "testcase", name=f"{d.code} {path}:{d.span.line}:{d.span.column}",
                                 classname=f"xxgk-lint.{d.code}", file=path, line=str(d.span.line))
            failure = ET.SubElement(case, "failure", message=d.message, type=f"{d.code} {d.severity}")
            failure.text = f"{path}:{d.span.line}:{d.span.column}: {d.severity} {d.code} {d.message}"
            cases += 1
            failures += 1
        suite.set("tests", str(cases))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", str(skipped))
        total, failed, skipped_count = total + cases, failed + failures, skipped_count + skipped
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", "0")
    root.set("skipped", str(skipped_count))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
