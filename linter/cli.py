"""Command line: ``xxgk-lint check|parse|extract|eras|rules|rule|test|config|server``.

Exit codes (as ruff), for every command: 0 no error-level finding, 1 at least
one, 2 usage, configuration or internal error — always with a one-line
Chinese message on stderr (a traceback only with ``--debug``). Output is
always UTF-8. Imports are lazy: a pre-commit run on one file pays only for
what it uses.
"""
from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from functools import partial
from typing import Callable, Iterator

from . import __version__
from .errors import os_error_text


class _UsageError(Exception):
    pass


#: argparse's own phrases, as people read them here.
_ARGPARSE_PHRASES = (
    ("unrecognized arguments", "无法识别的参数"), ("the following arguments are required", "缺少必需的参数"),
    ("invalid choice", "无效的选项"), ("choose from", "可选"), ("invalid int value", "不是有效的整数"),
    ("expected one argument", "需要一个值"), ("not allowed with argument", "不能与此参数同时使用"),
    ("ambiguous option", "选项有歧义"), ("could match", "可能是"), ("argument ", "参数 "),
)


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[override]
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in Chinese: help texts, section titles, and usage errors as one
    Chinese line (exit 2)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str):  # type: ignore[override]
        for english, chinese in _ARGPARSE_PHRASES:
            message = message.replace(english, chinese)
        self.exit(2, f"xxgk-lint: 错误：命令行参数有误：{message}（{self.prog} --help 查看用法）\n")


def _config_options(parser: argparse.ArgumentParser) -> None:
    """Flags that mirror the configuration keys (they override the file)."""
    group = parser.add_argument_group("配置（覆盖配置文件 [tool.xxgk-lint] 中的同名项）")
    group.add_argument("--config", metavar="PATH", help="使用此配置文件，而不是离报告最近的配置文件")
    group.add_argument("--isolated", action="store_true", help="不读取任何配置文件")
    group.add_argument("--select", metavar="CODES", help="要运行的规则：代码、代码前缀或名称，以逗号分隔（如 ARI,TPL005）")
    group.add_argument("--extend-select", metavar="CODES", help="在已选规则之外再运行的规则")
    group.add_argument("--ignore", metavar="CODES", help="不运行的规则")
    group.add_argument("--per-file-ignores", metavar="GLOB:CODES", action="append", default=[],
                       help="对匹配 GLOB 的文件不运行的规则（可重复）")
    group.add_argument("--severity", metavar="CODE=LEVEL", action="append", default=[],
                       help="改变规则的级别：error、warning 或 info（可重复）")
    group.add_argument("--rule-pack", metavar="PATH", action="append", default=[],
                       help="加载 YAML 规则包（文件或目录，可重复）")
    group.add_argument("--era", default=None, metavar="ERA",
                       help="按哪个模板时期解析：auto（默认，按标签和年度识别）、2007、2019、2021，或插件提供的时期"
                            "（见 xxgk-lint eras）")
    group.add_argument("--deadline", metavar="KEY=VALUE", action="append", default=[],
                       help="发布期限设置，如 agency-kind=department（见 xxgk-lint rule PER003）")
    group.add_argument("--rule-option", metavar="RULE:KEY=VALUE", action="append", default=[],
                       help="规则的设置项，如 SEC004:min-chars=60（见 xxgk-lint rule CODE，可重复）")


def _check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="要检查的文件或目录（默认：当前目录）")
    check.add_argument("--format", default="text",
                       help="输出格式：text、json、json-lines、sarif、github、gitlab、junit，或插件提供的格式")
    check.add_argument("--output-file", "-o", metavar="FILE", help="把结果写入 FILE，而不是标准输出")
    check.add_argument("--stdin-filename", metavar="NAME", help="从标准输入读取的报告的文件名（决定按何种类型读取）")
    check.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="检查多个文件时的进程数（默认：每核一个）")
    check.add_argument("--exit-zero", action="store_true", help="即使发现错误也以状态 0 退出")
    check.add_argument("--fix", action="store_true",
                       help="直接修正可安全修正的问题（标签、标题的错别字；仅限文本、Markdown、网页文件），并报告其余问题")
    check.add_argument("--statistics", action="store_true", help="按规则统计问题数量，而不列出每个问题")
    check.add_argument("--verbose", "-v", action="store_true", help="文本输出中列出被跳过的文件")
    check.add_argument("--quiet", "-q", action="store_true", help="不显示进度条（进度条只在标准错误是终端时显示）")
    check.add_argument("--skip-non-reports", action="store_true",
                       help="明显不是年度报告的文件（没有报告标题、部分标题或统计表，如 README）记为跳过而不报错"
                            "（pre-commit 钩子使用）；无法读取的报告仍然报错")
    check.add_argument("--baseline", metavar="FILE", help="不显示 FILE 中记录过的问题（只报告新问题）")
    check.add_argument("--write-baseline", metavar="FILE", help="把当前的问题记录到 FILE")
    _config_options(check)


def _parse_arguments(parse: argparse.ArgumentParser) -> None:
    parse.add_argument("path", metavar="PATH", help="报告文件，或 - 表示标准输入")
    parse.add_argument("--stdin-filename", metavar="NAME", help="从标准输入读取的报告的文件名")
    parse.add_argument("--era", default="auto", metavar="ERA", help="同 check")


def _extract_arguments(extract: argparse.ArgumentParser) -> None:
    extract.add_argument("path", metavar="PATH", help="报告文件")


def _rules_arguments(rules: argparse.ArgumentParser) -> None:
    rules.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    _config_options(rules)


def _rule_arguments(rule: argparse.ArgumentParser) -> None:
    rule.add_argument("selector", metavar="CODE|NAME", help="规则代码或名称，如 ARI003")
    rule.add_argument("--english", action="store_true", help="显示英文说明")
    _config_options(rule)


def _test_arguments(test: argparse.ArgumentParser) -> None:
    test.add_argument("packs", nargs="+", metavar="PACK", help="规则包文件或目录")


def _audit_arguments(audit: argparse.ArgumentParser) -> None:
    audit.add_argument("paths", nargs="+", metavar="PATH", help="报告所在的目录或文件（子目录名即地区，年度目录不计）")
    audit.add_argument("--output-dir", "-o", required=True, metavar="OUT", help="结果目录")
    audit.add_argument("--roster", metavar="FILE", help="单位名单（CSV 或 XLSX：单位、地区、类型、层级、上级、别名）")
    audit.add_argument("--year", type=int, metavar="YEAR", help="审核年度（默认：报告中最新的年度；其他年度的报告用于跨年度核对）")
    audit.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="local：本机多进程（默认）；dask：dask.distributed 集群")
    audit.add_argument("--scheduler", metavar="ADDRESS", help="dask 调度器地址（如 tcp://10.0.0.1:8786）；默认启动本机集群")
    audit.add_argument("--resume", action="store_true", help="从 OUT 中已有的结果继续（中断后使用）")
    audit.add_argument("--jobs", "-j", type=int, default=0, metavar="N", help="进程数（默认：每核一个）")
    audit.add_argument("--quiet", "-q", action="store_true", help="不显示进度条")
    _config_options(audit)


def _config_arguments(config: argparse.ArgumentParser) -> None:
    config_commands = config.add_subparsers(dest="config_command", metavar="<子命令>", parser_class=_Parser,
                                            title="子命令")
    show = config_commands.add_parser("show", help="显示对某路径生效的配置")
    show.add_argument("path", nargs="?", default=".", metavar="PATH", help="文件或目录（默认：当前目录）")
    _config_options(show)


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    pass


#: name -> (help, description, what adds its arguments), in the order --help lists them.
_COMMANDS: dict[str, tuple[str, str | None, Callable[[argparse.ArgumentParser], None]]] = {
    "check": ("检查报告（文件、目录，或 - 表示标准输入）",
              "检查报告：文本、Markdown、网页、PDF、Word 文件，或目录下的全部报告。", _check_arguments),
    "parse": ("以 JSON 输出一份报告的语法树", None, _parse_arguments),
    "extract": ("输出报告被读取成的文本（PDF、Word：问题的行列号所指的文本）", None, _extract_arguments),
    "eras": ("列出各模板时期及其适用年度和依据", None, _no_arguments),
    "rules": ("列出全部规则（内置、插件、规则包）", None, _rules_arguments),
    "rule": ("显示一条规则的说明", None, _rule_arguments),
    "test": ("运行 YAML 规则包中的内置测试", None, _test_arguments),
    "audit": ("审核一个地区的全部报告：缺报单位、跨年度核对、重复内容，输出表格和 HTML 审核报告",
              "审核一个地区的全部报告：逐份检查，按单位和地区汇总，对照名单找出缺报单位，"
              "核对相邻年度的数字和重复内容，输出 findings.jsonl、findings.csv、units.csv、audit.xlsx 和 audit.html。",
              _audit_arguments),
    "server": ("编辑器用的语言服务器（LSP，经标准输入输出）：实时提示、快速修正、规则说明", None, _no_arguments),
    "config": ("配置相关命令", None, _config_arguments),
}


def _parser(argv: list[str]) -> argparse.ArgumentParser:
    """The command line's parser. When ``argv`` names a command (its first word
    not starting with "-": no option before the command takes a value), only
    that command is built; building all of them cost a one-report run 3 ms.
    Otherwise all are there, without their arguments, for --help and the
    usage error."""
    parser = _Parser(
        prog="xxgk-lint",
        description="政府信息公开工作年度报告检查工具：按模板检查报告的部分、表格、勾稽关系、期限、收费说明和正文数字。",
        epilog="退出状态：0 未发现错误级问题；1 发现错误级问题；2 用法、配置错误或工具内部错误。",
    )
    parser.add_argument("--version", action="version", version=f"xxgk-lint {__version__}", help="显示版本并退出")
    parser.add_argument("--debug", action="store_true", help="内部错误时显示完整的出错信息（traceback）")
    commands = parser.add_subparsers(dest="command", metavar="<命令>", parser_class=_Parser, title="命令")
    named = next((arg for arg in argv if not arg.startswith("-")), None)
    for name in [named] if named in _COMMANDS else _COMMANDS:
        summary, description, add_arguments = _COMMANDS[name]
        command = commands.add_parser(name, help=summary, description=description)
        if name == named:
            add_arguments(command)
    return parser


def main(argv: list[str] | None = None, prepare: Callable[[], None] | None = None) -> int:
    """Run a command; ``prepare`` is called once the arguments name one (not
    for --version, --help or a usage error)."""
    from .errors import ConfigError, PackError

    _utf8_streams()
    argv = sys.argv[1:] if argv is None else argv
    parser = _parser(argv)
    args = parser.parse_args(argv)
    commands = {"check": _check, "audit": _audit, "parse": _parse, "extract": _extract, "eras": _eras, "rules": _rules,
                "rule": _rule, "test": _test_packs, "config": _config, "server": _server}
    if args.command not in commands:
        parser.print_help(sys.stderr)
        return 2
    if prepare is not None:
        prepare()
    try:
        return commands[args.command](args)
    except (_UsageError, ConfigError, PackError) as error:
        _say(f"错误：{error}")
        return 2
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        _say("已中断")
        return 130
    except Exception as error:  # our bug: exit 2 with one line, never a traceback unless asked
        if args.debug:
            raise
        _say(f"内部错误：{type(error).__name__}: {error}（加 --debug 查看详情；请向开发者报告）")
        return 2


def run() -> None:
    """The console script: run, flush, and leave without tearing the heap down
    (a tenth of a short run's time goes to freeing what the process is about
    to give back anyway). It starts fast (linter.startup): regular
    expressions and dataclass methods come from what earlier runs compiled,
    and the collector is held back while the process is built."""
    from . import startup

    try:
        code = main(prepare=startup.prepare)
    except SystemExit as done:  # (the language server leaves this way on "exit")
        code = done.code if isinstance(done.code, int) else 0
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe, or a stream the language server closed
            pass
    startup.save()
    os._exit(code)


def _say(message: str) -> None:
    """One line on stderr, however long or multi-line the message."""
    line = " ".join(message.split())
    print(f"xxgk-lint: {line[:500]}", file=sys.stderr)


def _utf8_streams() -> None:
    """Output is UTF-8 whatever the locale says, and never fails to encode."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
            errors = "backslashreplace"
            stream.reconfigure(encoding="utf-8" if encoding != "utf8" else stream.encoding, errors=errors)


# ---------------------------------------------------------------------------
# configuration from flags


def _split(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def _resolver(args: argparse.Namespace):
    from .config import Resolver

    overrides: list[tuple[str, object]] = []
    for key in ("select", "extend-select", "ignore"):
        value = getattr(args, key.replace("-", "_"))
        if value is not None:
            overrides.append((key, _split(value)))
    if args.per_file_ignores:
        table = {}
        for item in args.per_file_ignores:
            pattern, _, codes = item.rpartition(":")
            if not pattern:
                raise _UsageError(f"--per-file-ignores 应写作 GLOB:CODES，而不是“{item}”")
            table[pattern] = _split(codes)
        overrides.append(("per-file-ignores", table))
    if args.severity:
        table = {}
        for item in args.severity:
            code, _, level = item.partition("=")
            table[code.strip()] = level.strip()
        overrides.append(("severity", table))
    if args.rule_pack:
        overrides.append(("rule-packs", list(args.rule_pack)))
    if args.deadline:
        overrides.append(("deadlines", dict(_key_value(item, "--deadline") for item in args.deadline)))
    if args.rule_option:
        table: dict[str, dict[str, object]] = {}
        for item in args.rule_option:
            rule, _, setting = item.partition(":")
            if not rule or not setting:
                raise _UsageError(f"--rule-option 应写作 RULE:KEY=VALUE，而不是“{item}”")
            key, value = _key_value(setting, "--rule-option")
            table.setdefault(rule, {})[key] = value
        overrides.append(("rule-options", table))
    if args.era is not None:
        overrides.append(("era", args.era))
    if args.config and not os.path.isfile(args.config):
        raise _UsageError(f"配置文件不存在：{args.config}")
    return Resolver(tuple(overrides), args.config, args.isolated)


def _key_value(item: str, flag: str) -> tuple[str, object]:
    key, sep, value = item.partition("=")
    if not sep or not key.strip():
        raise _UsageError(f"{flag} 应写作 KEY=VALUE，而不是“{item}”")
    value = value.strip()
    number = value.isascii() and value.isdigit() and len(value) <= 18  # a setting, not a 5,000-digit number
    return key.strip(), int(value) if number else value


def _validate(settings_list) -> None:
    """Load every rule pack and check every selector names a rule (else exit 2)."""
    from .config import specificity
    from .engine import every_rule

    for settings in settings_list:
        rules = every_rule(settings)
        seen: dict[str, type] = {}
        for rule in rules:
            for mark in (rule.code, rule.name):
                other = seen.setdefault(mark, rule)
                if other is not rule:
                    raise _UsageError(f"规则代码或名称“{mark}”重复：{_origin(other)} 与 {_origin(rule)}")
        where = settings.source or "命令行参数"
        for selector, key in settings.selectors():
            if key == "rule-options":  # settings of one rule: its exact code or name
                if not any(selector.upper() == rule.code or selector == rule.name for rule in rules):
                    raise _UsageError(f"{where}：rule-options 中的“{selector}”不是任何规则的代码或名称")
            elif not any(specificity(selector, rule.code, rule.name) is not None for rule in rules):
                raise _UsageError(f"{where}：{key} 中的“{selector}”不是任何规则的代码、代码前缀或名称")
        for rule in rules:  # every rule's settings, before any report is read
            problems = rule.option_problems(settings.options_for(rule.code, rule.name))
            if problems:
                raise _UsageError(f"{where}：{problems[0]}")


def _origin(rule: type) -> str:
    pack = getattr(rule, "pack", None)
    return f"规则包“{pack}”的 {rule.code}" if pack else f"{rule.code}（{rule.__module__}）"


def _warn_plugins() -> None:
    from .plugins import registry

    for warning in registry().warnings:
        print(f"xxgk-lint: 警告：{warning}", file=sys.stderr)


# ---------------------------------------------------------------------------
# check


def _check(args: argparse.Namespace) -> int:
    from .engine import lint_bytes, walk
    from .plugins import registry

    _warn_plugins()
    formatter = registry().formats.get(args.format)
    if formatter is None:
        raise _UsageError(f"未知的输出格式“{args.format}”（可用：{'、'.join(sorted(registry().formats))}）")
    resolver = _resolver(args)
    files_args = []
    stdin = False
    for path in args.paths:
        if path == "-":
            stdin = True
        elif not os.path.exists(path):
            raise _UsageError(f"路径不存在：{path}")
        else:
            files_args.append(path)
    files, skipped = walk(files_args)
    if not files and not stdin:
        raise _UsageError(_nothing_to_check(skipped))
    if args.stdin_filename and not stdin:
        raise _UsageError("--stdin-filename 只在从标准输入读取报告（路径写作 -）时使用")
    stdin_name = args.stdin_filename or "-"
    _validate({id(s): s for s in map(resolver.for_path, files + ([stdin_name] if stdin else []))}.values())
    # One list in output order (by path), so that every format can be written as files finish.
    entries = sorted(files + [path for path, _ in skipped])
    not_reports = dict(skipped)
    stdin_result = None
    if stdin:
        from .batch import Budget, check_bounded

        data = sys.stdin.buffer.read()
        settings = resolver.for_path(stdin_name)
        stdin_result = check_bounded(stdin_name, lambda name: lint_bytes(data, name, None, settings),
                                     Budget.of(settings))
    whole_run = args.fix or args.baseline or args.write_baseline or args.statistics
    stream_of = _streams().get(args.format)
    if stream_of is not None and not whole_run:
        return _check_streaming(args, stream_of, entries, not_reports, stdin_result, resolver)
    results = [] if stdin_result is None else [_post(stdin_result, args.skip_non_reports)]
    from .batch import Interruptible

    with Interruptible() as stop:
        results += _lint_entries(entries, not_reports, args, resolver,
                                 partial(_post, skip_non_reports=args.skip_non_reports), stop)
    if stop.requested:
        raise KeyboardInterrupt
    if args.fix:
        _fix(results)
    results.sort(key=lambda result: result.path)
    if args.write_baseline:
        count = _write_baseline(args.write_baseline, results)
        print(f"xxgk-lint: 已将 {count} 个问题写入基线 {args.write_baseline}", file=sys.stderr)
    if args.baseline:
        _apply_baseline(args.baseline, results)
    if args.statistics:
        output = _statistics(results, args.format)
    elif args.format == "text" and args.verbose:
        from .output import format_text

        output = format_text(results, verbose=True)
    else:
        output = formatter(results)
    _write(output, args.output_file)
    if any(result.crashed for result in results):
        return 2
    if args.exit_zero or args.write_baseline:
        return 0
    return 1 if any(d.severity == "error" for r in results for d in r.diagnostics) else 0


def _streams() -> dict:
    """The built-in formats that can be written as files finish (plugins' formats
    get the whole run, as the hook promises)."""
    from .output import STREAMS

    return STREAMS


def _post(result, skip_non_reports: bool):
    return _skipped_if_not_a_report(result) if skip_non_reports else result


def _streamed_file(result, stream, skip_non_reports: bool) -> tuple:
    """In the worker: what crosses the pipe for one file — its text and its counts."""
    from .output import Tally

    result = _post(result, skip_non_reports)
    return stream.file(result), Tally.of(result)


def _check_streaming(args, stream_of, entries: list[str], not_reports: dict, stdin_result, resolver) -> int:
    """Write each file's output as soon as it and every file before it are done;
    hold nothing but the counts. Ctrl-C ends the run after the files in
    progress, with the output valid for every file written."""
    from .batch import Interruptible, Progress
    from .output import Tally

    stream = stream_of(verbose=args.verbose) if args.format == "text" else stream_of()
    counts = Tally()
    finish = partial(_streamed_file, stream=stream, skip_non_reports=args.skip_non_reports)
    with _output(args.output_file) as out, Interruptible() as stop:
        out.write(stream.head())
        if stdin_result is not None:
            chunk, tally = finish(stdin_result)
            out.write(stream.place(chunk))
            counts.add(tally)
        with Progress(len(entries), args.quiet) as progress:
            for chunk, tally in _lint_entries(entries, not_reports, args, resolver, finish, stop):
                out.write(stream.place(chunk))
                counts.add(tally)
                progress.advance()
        out.write(stream.tail(counts, interrupted=stop.requested))
    if stop.requested:
        print(f"xxgk-lint: 已中断：已完成 {counts.files + sum(counts.skipped.values())}/{len(entries)} 个文件，"
              f"输出只含这些文件", file=sys.stderr)
        return 130
    if counts.crashed:
        return 2
    if args.exit_zero:
        return 0
    return 1 if counts.errors else 0


def _audit(args: argparse.Namespace) -> int:
    from .audit import run_audit

    _warn_plugins()
    if args.scheduler and args.engine != "dask":
        raise _UsageError("--scheduler 只与 --engine dask 一起使用")
    resolver = _resolver(args)
    _validate([resolver.for_path(args.paths[0])])
    return run_audit(args, resolver)


def _fix(results: list) -> None:
    """Apply the safe fixes, say each on stderr, and drop the findings fixed."""
    from .diagnostics import printable_path
    from .engine import ARCHIVE_MARK
    from .fixes import FixRefused, apply_fixes

    for result in results:
        fixable = [d for d in result.diagnostics if d.fix]
        if not fixable or result.path == "-" or ARCHIVE_MARK in result.path or result.kind is None:
            continue
        name = printable_path(result.path)
        try:
            fixed = apply_fixes(result.path, result.encoding or "", result.kind, fixable)
        except FixRefused as error:
            print(f"xxgk-lint: {name}：未修复：{error}", file=sys.stderr)
            continue
        except OSError as error:
            print(f"xxgk-lint: {name}：未修复：{os_error_text(error)}", file=sys.stderr)
            continue
        for d in fixed:
            changes = "；".join(f"“{e.original}”→“{e.replacement}”" for e in d.fix)
            print(f"xxgk-lint: 已修复 {name}:{d.span.line}:{d.span.column}: {d.code} {changes}", file=sys.stderr)
        done = {id(d) for d in fixed}
        result.diagnostics = [d for d in result.diagnostics if id(d) not in done]


def _skipped_if_not_a_report(result):
    """A file whose one finding is "not a report" (no title, headings or table) becomes a skipped record."""
    from .engine import FileResult

    if [(d.code, d.evidence) for d in result.diagnostics] == [("PRS002", "structure")]:
        return FileResult(result.path, skipped="不是年度报告（没有报告标题、部分标题或统计表）")
    return result


def _nothing_to_check(skipped: list[tuple[str, str]]) -> str:
    """What a run that found no report found instead."""
    if not skipped:
        return "未找到可检查的报告：给出的目录中没有文件"
    from collections import Counter

    kinds = Counter(reason for _, reason in skipped)
    found = "；".join(f"{reason} {n} 个" for reason, n in kinds.most_common(5))
    return (f"未找到可检查的报告（.txt .md .html .pdf .docx 等）：共 {len(skipped)} 个文件，都不是报告——{found}")


def _lint_entries(entries: list[str], not_reports: dict, args, resolver, finish, stop) -> Iterator:
    """``finish(result)`` for every entry, in order, each under its budget; many
    files in supervised worker processes (a few run here: starting workers
    would cost more than it saves)."""
    from .batch import budget_for, lint_entry, lint_ordered, workers_for

    workers = workers_for(args.jobs, len(entries) - len(not_reports))
    lint = partial(lint_entry, not_reports=not_reports, resolver=resolver)
    budget_of = partial(budget_for, resolver=resolver)
    return lint_ordered(entries, lint, budget_of, workers, finish, stop)


BASELINE_SCHEMA = "xxgk-lint.baseline/1"


def _baseline_key(path: str, result, diagnostic) -> str:
    """A finding's fingerprint with the file named relative to the baseline file:
    the baseline holds however the paths are typed and wherever it is run from."""
    from .diagnostics import file_identity, fingerprint

    identity = file_identity(result.path, os.path.dirname(os.path.abspath(path)))
    return fingerprint(diagnostic.code, identity, diagnostic.logical_location, diagnostic.evidence)


def _write_baseline(path: str, results: list) -> int:
    import json

    findings = sorted(
        ({"fingerprint": _baseline_key(path, r, d), "code": d.code, "path": r.path, "message": d.message}
         for r in results for d in r.diagnostics),
        key=lambda item: (item["path"], item["code"], item["fingerprint"]))
    document = {"schema": BASELINE_SCHEMA, "findings": findings}
    try:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(document, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
    except OSError as error:
        raise _UsageError(f"无法写入基线文件 {path}：{os_error_text(error)}") from None
    return len(findings)


def _apply_baseline(path: str, results: list) -> None:
    import json

    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        known = {item["fingerprint"] for item in document["findings"]}
    except OSError as error:
        raise _UsageError(f"无法读取基线文件 {path}：{os_error_text(error)}") from None
    except (ValueError, KeyError, TypeError):
        raise _UsageError(f"基线文件 {path} 格式不正确（应为 --write-baseline 写出的 JSON）") from None
    from .diagnostics import NOT_CHECKED

    for result in results:  # a file that could not be checked is never hidden by a baseline
        result.diagnostics = [d for d in result.diagnostics
                              if _baseline_key(path, result, d) not in known or d.code in NOT_CHECKED]


def _write(output: str, path: str | None) -> None:
    """To stdout, or to a file (written whole, then moved into place: never half a report)."""
    if path is None:
        sys.stdout.write(output)
        sys.stdout.flush()
        return
    partial = f"{path}.partial"
    try:
        with open(partial, "w", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(output)
        os.replace(partial, path)
    except OSError as error:
        raise _UsageError(f"无法写入输出文件 {path}：{os_error_text(error)}") from None


@contextmanager
def _output(path: str | None) -> Iterator:
    """Where a streamed format goes: stdout, or a file written under a temporary
    name and moved into place when the run ends (never half a line in FILE;
    an interrupted run still leaves its valid output there)."""
    if path is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    partial_path = f"{path}.partial"
    try:
        handle = open(partial_path, "w", encoding="utf-8", errors="backslashreplace")
    except OSError as error:
        raise _UsageError(f"无法写入输出文件 {path}：{os_error_text(error)}") from None
    try:
        with handle:
            yield handle
        os.replace(partial_path, path)
    except OSError as error:
        raise _UsageError(f"无法写入输出文件 {path}：{os_error_text(error)}") from None


def _statistics(results: list, format: str = "text") -> str:
    from collections import Counter

    from tabulate import tabulate

    counts = Counter((d.code, d.name) for r in results for d in r.diagnostics)
    rows = [(code, name, count) for (code, name), count in sorted(counts.items(), key=lambda i: (-i[1], i[0]))]
    if format in ("json", "json-lines"):
        import json

        return json.dumps([{"code": c, "name": n, "count": k} for c, n, k in rows], ensure_ascii=False, indent=2) + "\n"
    if not rows:
        return f"共检查 {len(results)} 个文件，未发现问题。\n"
    return tabulate(rows, headers=("代码", "规则", "数量"), tablefmt="simple") + "\n"


# ---------------------------------------------------------------------------
# eras, rules, rule, test, config


def _eras(args: argparse.Namespace) -> int:
    from tabulate import tabulate

    from .eras import describe
    from .plugins import registry

    print(tabulate(describe(registry().eras.values()), headers=("era", "报告年度", "法律依据 / 格式通知"),
                   tablefmt="simple", disable_numparse=True))
    return 0


def _rule_table(args: argparse.Namespace) -> list[tuple[type, str]]:
    from .engine import every_rule
    from .plugins import registry

    settings = _resolver(args).for_path(os.path.join(os.getcwd(), "-"))
    sources = registry().rule_sources
    rules = every_rule(settings)
    return [(rule, sources.get(rule.code) or f"规则包：{getattr(rule, 'pack', '?')}")
            for rule in sorted(rules, key=lambda r: r.code)]


def _rules(args: argparse.Namespace) -> int:
    import json

    from tabulate import tabulate

    _warn_plugins()
    table = _rule_table(args)
    if args.format == "json":
        document = [{"code": rule.code, "name": rule.name, "severity": rule.severity, "eras": list(rule.eras),
                     "summary": rule.summary, "source": source} for rule, source in table]
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return 0
    rows = [(rule.code, rule.name, rule.severity, _eras_text(rule), source, rule.summary)
            for rule, source in table]
    print(tabulate(rows, headers=("代码", "名称", "级别", "适用年代", "来源", "说明"), tablefmt="simple",
                   disable_numparse=True))
    return 0


def _eras_text(rule: type) -> str:
    from .rule import ANY_ERA

    return "全部" if ANY_ERA in rule.eras else ",".join(rule.eras)


def _rule(args: argparse.Namespace) -> int:
    wanted = args.selector
    for rule, source in _rule_table(args):
        if wanted.upper() == rule.code or wanted == rule.name:
            print(f"# {rule.code} {rule.name}\n")
            print(f"{rule.summary}\n")
            print(f"级别：{rule.severity}　适用年代：{_eras_text(rule)}　来源：{source}\n")
            print(rule.documentation("en" if args.english else "zh"))
            if rule.options_schema:
                print("\n## 设置项（rule-options）\n")
                for key, option in rule.options_schema.items():
                    bounds = f"，范围 {option.minimum}–{option.maximum}" if option.minimum is not None else ""
                    print(f"- `{key}`（默认 {option.default}{bounds}）：{option.help}")
                print(f"\n例：`--rule-option {rule.code}:{next(iter(rule.options_schema))}=…`，或配置文件中 "
                      f"`rule-options = {{ {rule.code} = {{ … }} }}`")
            return 0
    raise _UsageError(f"没有代码或名称为“{wanted}”的规则（xxgk-lint rules 列出全部规则）")


def _server(args: argparse.Namespace) -> int:
    try:
        from .server import serve
    except ImportError:
        raise _UsageError("语言服务器需要 pygls 和 lsprotocol：python3 -m pip install 'xxgk-lint[server]'") from None
    return serve()


def _test_packs(args: argparse.Namespace) -> int:
    from .engine import run_inline_tests
    from .packs import load_pack

    failures = total = 0
    for path in args.packs:
        pack = load_pack(path)
        for code, test, fired in run_inline_tests(pack):
            total += 1
            ok = sorted(test.expect) == fired
            failures += not ok
            status = "通过" if ok else "失败"
            print(f"{test.path}:{test.line}: {code} {status}（期望 {list(test.expect)}，实际 {fired}）")
    print(f"共 {total} 个测试，{total - failures} 个通过，{failures} 个失败。")
    return 1 if failures else 0


def _config(args: argparse.Namespace) -> int:
    if args.config_command != "show":
        raise _UsageError("用法：xxgk-lint config show [PATH]")
    path = args.path
    if not os.path.exists(path):
        raise _UsageError(f"路径不存在：{path}")
    target = os.path.join(path, "-") if os.path.isdir(path) else path
    settings = _resolver(args).for_path(target)
    _validate([settings])
    print(f"# 配置来源：{settings.source or '默认值（未找到配置文件）'}")
    print("[tool.xxgk-lint]")
    for key, value in settings.to_toml_data().items():
        print(f"{key} = {_toml_value(value)}")
    return 0


def _toml_value(value: object) -> str:
    import json

    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k, ensure_ascii=False)} = {_toml_value(v)}"
                                for k, v in value.items()) + " }" if value else "{}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _parse(args: argparse.Namespace) -> int:
    import json

    from .ast import json_default, to_json
    from .engine import parse_source
    from .source import UnreadableInput, read_bytes, read_path

    try:
        if args.path == "-":
            source = read_bytes(sys.stdin.buffer.read(), args.stdin_filename or "-")
        elif not os.path.exists(args.path):
            raise _UsageError(f"路径不存在：{args.path}")
        else:
            source = read_path(args.path)
    except UnreadableInput as error:
        print(f"{args.path}:{error.line}:{error.column}: PRS001 文件无法读取：{error.reason}", file=sys.stderr)
        return 1
    from .config import era_choices

    if args.era not in era_choices():
        raise _UsageError(f"未知的格式年代“{args.era}”（可用：{'、'.join(era_choices())}）")
    report = parse_source(source, None if args.era == "auto" else args.era)
    sys.stdout.write(json.dumps(to_json(report), ensure_ascii=False, indent=2, default=json_default) + "\n")
    return 0


def _extract(args: argparse.Namespace) -> int:
    from .engine import ARCHIVE_MARK, read_member
    from .source import Limits, UnreadableInput, read_bytes, read_path

    path = args.path
    try:
        if ARCHIVE_MARK in path and os.path.isfile(path.split(ARCHIVE_MARK, 1)[0]):
            archive, member = path.split(ARCHIVE_MARK, 1)
            source = read_bytes(read_member(archive, member, Limits()), path)
        elif not os.path.exists(path):
            raise _UsageError(f"路径不存在：{path}")
        else:
            source = read_path(path)
    except UnreadableInput as error:
        print(f"{path}:{error.line}:{error.column}: PRS001 文件无法读取：{error.reason}", file=sys.stderr)
        return 1
    sys.stdout.write(source.text if source.text.endswith("\n") else source.text + "\n")
    return 0
