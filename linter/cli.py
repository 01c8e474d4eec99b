"""Command line: ``xxgk-lint check|parse``.

Exit codes (as ruff): 0 no error-level finding, 1 at least one, 2 usage error
or a crash of the tool. Imports are lazy: a pre-commit run on one file pays
only for what it uses.
"""
from __future__ import annotations

import argparse
import os
import sys

from . import __version__


class _UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="xxgk-lint",
        description="政府信息公开工作年度报告检查工具 (linter for annual information-disclosure reports)",
    )
    parser.add_argument("--version", action="version", version=f"xxgk-lint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = commands.add_parser("check", help="lint reports (files, directories, or - for stdin)")
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    check.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    check.add_argument("--stdin-filename", metavar="NAME", help="name (and type) of the report read from stdin")
    check.add_argument("--jobs", "-j", type=int, default=0, metavar="N",
                       help="worker processes for many files (default: one per core)")
    check.add_argument("--era", choices=("auto", "2007", "2019", "2021"), default="auto",
                       help="template era to parse with (default: detected from labels and year)")

    parse = commands.add_parser("parse", help="print the typed AST of one report as JSON")
    parse.add_argument("path", metavar="PATH")
    parse.add_argument("--stdin-filename", metavar="NAME")
    parse.add_argument("--era", choices=("auto", "2007", "2019", "2021"), default="auto")

    commands.add_parser("eras", help="list the template eras with their years and legal basis")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "parse":
            return _parse(args)
        if args.command == "eras":
            return _eras()
    except _UsageError as error:
        print(f"xxgk-lint: 错误：{error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    parser.print_help(sys.stderr)
    return 2


def _check(args: argparse.Namespace) -> int:
    from .engine import collect_files, lint_bytes
    from .output import FORMATTERS

    results = []
    files_args = []
    for path in args.paths:
        if path == "-":
            results.append(lint_bytes(sys.stdin.buffer.read(), args.stdin_filename or "-", _era(args)))
        elif not os.path.exists(path):
            raise _UsageError(f"路径不存在：{path}")
        else:
            files_args.append(path)
    results += _lint_files(collect_files(files_args), args.jobs, _era(args))
    results.sort(key=lambda result: result.path)
    sys.stdout.write(FORMATTERS[args.format](results))
    sys.stdout.flush()
    if any(result.crashed for result in results):
        return 2
    return 1 if any(d.severity == "error" for r in results for d in r.diagnostics) else 0


def _era(args: argparse.Namespace) -> str | None:
    return None if args.era == "auto" else args.era


def _lint_files(files: list[str], jobs: int, era: str | None) -> list:
    from functools import partial

    from .engine import lint_path

    lint = partial(lint_path, era=era)
    workers = jobs or os.cpu_count() or 1
    if workers <= 1 or len(files) < 16:
        return [lint(path) for path in files]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(lint, files, chunksize=max(1, len(files) // (workers * 8))))


def _eras() -> int:
    from tabulate import tabulate

    from .eras import describe

    print(tabulate(describe(), headers=("era", "报告年度", "法律依据 / 格式通知"), tablefmt="simple",
                   disable_numparse=True))
    return 0


def _parse(args: argparse.Namespace) -> int:
    import json

    from .ast import to_json
    from .engine import parse_source
    from .source import UnreadableInput, decode, read_path

    try:
        if args.path == "-":
            source = decode(sys.stdin.buffer.read(), args.stdin_filename or "-")
        elif not os.path.exists(args.path):
            raise _UsageError(f"路径不存在：{args.path}")
        else:
            source = read_path(args.path)
    except UnreadableInput as error:
        print(f"{args.path}:{error.line}:{error.column}: PRS001 文件无法读取：{error.reason}", file=sys.stderr)
        return 1
    report = parse_source(source, _era(args))
    sys.stdout.write(json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n")
    return 0
