"""Configuration: ``[tool.xxgk-lint]`` in ``pyproject.toml`` or a ``.xxgk-lint.toml``.

The file nearest to the report wins (no merging between files, as in ruff);
``--config PATH`` replaces the search and ``--isolated`` ignores every file.
Command-line flags override the file key by key. Defaults come from the
plugins (hook ``xxgk_lint_default_config``; the built-in defaults are below).

Selections accept codes (``ARI001``), code prefixes (``ARI``, ``TPL00``),
rule names (``row-cell-count``) and ``ALL``. When a rule matches both a
selection and an ignore, the more specific selector wins (a name or full
code beats a prefix, a longer prefix beats a shorter one); on a tie the
ignore wins.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from .diagnostics import NOT_CHECKED, file_identity
from .errors import ConfigError, os_error_text
from .hookspecs import hookimpl

CONFIG_FILES = (".xxgk-lint.toml", "pyproject.toml")
SEVERITIES = ("error", "warning", "info")
#: The keys a configuration may have, with their TOML type.
KEYS: dict[str, type] = {
    "select": list,
    "extend-select": list,
    "ignore": list,
    "per-file-ignores": dict,
    "severity": dict,
    "rule-packs": list,
    "era": str,
    "deadlines": dict,
    "rule-options": dict,
    "limits": dict,
}
#: What one file may cost a reader: its size, its pages, the time to read it.
#: Per-file bounds: file size (MB), characters of text read, PDF pages, seconds a
#: reader may take (a PDF then stops early, noted), seconds the whole check may
#: take and the memory it may add (MB) before it is stopped (PRS005).
LIMITS = {"max-file-size": 64, "max-chars": 1_000_000, "max-pages": 300, "read-seconds": 10,
          "check-seconds": 15, "max-memory": 2048}
#: Always on: a file that could not be checked must never look clean.
UNIGNORABLE = NOT_CHECKED


@hookimpl
def xxgk_lint_default_config() -> dict[str, Any]:
    return {"select": ["ALL"], "extend-select": [], "ignore": [], "per-file-ignores": {}, "severity": {},
            "rule-packs": [], "era": "auto", "deadlines": {}, "rule-options": {}, "limits": dict(LIMITS)}


@dataclass(frozen=True)
class Settings:
    """The resolved configuration for one report."""

    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    rule_packs: tuple[str, ...] = ()  # absolute paths
    era: str = "auto"
    deadlines: tuple[tuple[str, Any], ...] = ()
    #: Per-rule settings, by code or name: (("SEC004", (("min-chars", 60),)),)
    rule_options: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    #: Reader bounds: (("max-file-size", 64), ("max-pages", 300), ("read-seconds", 60)).
    limits: tuple[tuple[str, int], ...] = tuple(LIMITS.items())
    source: str | None = None  # the configuration file, None for defaults only
    root: str = "."  # where relative paths and per-file-ignores globs start

    # -- selection -----------------------------------------------------------
    def enabled(self, code: str, name: str, path: str) -> bool:
        if code in UNIGNORABLE:
            return True
        chosen = _best(self.select + self.extend_select, code, name)
        if chosen is None:
            return False
        ignored = _best(self.ignore + self.file_ignores(path), code, name)
        return ignored is None or chosen > ignored

    def file_ignores(self, path: str) -> tuple[str, ...]:
        if not self.per_file_ignores:
            return ()
        relative = file_identity(path, self.root)
        found: list[str] = []
        for pattern, selectors in self.per_file_ignores:
            if fnmatchcase(relative, pattern) or ("/" not in pattern and fnmatchcase(os.path.basename(path), pattern)):
                found.extend(selectors)
        return tuple(found)

    def severity_of(self, code: str, name: str, default: str) -> str:
        best, chosen = None, default
        for selector, severity in self.severity:
            rank = specificity(selector, code, name)
            if rank is not None and (best is None or rank >= best):
                best, chosen = rank, severity
        return chosen

    def options_for(self, code: str, name: str) -> dict[str, Any]:
        """What a rule receives as ``options``: ``deadlines`` (PER003) and its own
        ``rule-options`` table (e.g. ``SEC004 = { min-chars = 60 }``)."""
        options: dict[str, Any] = {"deadlines": dict(self.deadlines)}
        for selector, table in self.rule_options:
            if selector.upper() == code or selector == name:
                options.update(table)
        return options

    def selectors(self) -> list[tuple[str, str]]:
        """Every selector with the key it came from (for validation)."""
        found = [(s, "select") for s in self.select] + [(s, "extend-select") for s in self.extend_select]
        found += [(s, "ignore") for s in self.ignore]
        found += [(s, f"per-file-ignores.{p}") for p, ss in self.per_file_ignores for s in ss]
        found += [(s, "severity") for s, _ in self.severity]
        found += [(s, "rule-options") for s, _ in self.rule_options]
        return found

    def to_toml_data(self) -> dict[str, Any]:
        return {
            "select": list(self.select), "extend-select": list(self.extend_select), "ignore": list(self.ignore),
            "per-file-ignores": {p: list(s) for p, s in self.per_file_ignores},
            "severity": dict(self.severity), "rule-packs": list(self.rule_packs), "era": self.era,
            "deadlines": dict(self.deadlines),
            "rule-options": {s: dict(table) for s, table in self.rule_options},
            "limits": dict(self.limits),
        }

    def limit(self, key: str) -> int:
        return dict(self.limits).get(key, LIMITS[key])


def specificity(selector: str, code: str, name: str) -> int | None:
    """How specifically ``selector`` names the rule (None: it does not)."""
    if selector == "ALL":
        return 0
    if selector == name or selector.upper() == code:
        return 100
    if code.startswith(selector.upper()) and selector.isalnum():
        return len(selector)
    return None


def _best(selectors: tuple[str, ...], code: str, name: str) -> int | None:
    ranks = [rank for s in selectors if (rank := specificity(s, code, name)) is not None]
    return max(ranks) if ranks else None


# ---------------------------------------------------------------------------
# reading files


def find_config_file(directory: str) -> Path | None:
    """The nearest ``.xxgk-lint.toml``, or ``pyproject.toml`` with a ``[tool.xxgk-lint]`` table."""
    current = Path(directory).resolve()
    for folder in (current, *current.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        tool = _load_toml(path).get("tool")
    except ConfigError:
        return True  # let the reader report what is wrong with it
    return isinstance(tool, dict) and "xxgk-lint" in tool


_TOML_WHERE = re.compile(r"\(at line (\d+), column (\d+)\)")


#: A configuration file is a few lines; refuse to parse a large one.
MAX_CONFIG_BYTES = 1024 * 1024


def _load_toml(path: Path) -> dict[str, Any]:
    import tomllib  # (only where there is a configuration file)

    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CONFIG_BYTES + 1)
        if len(data) > MAX_CONFIG_BYTES:
            raise ConfigError(f"{path}：配置文件超过 1 MB，不像是配置文件，未读取")
        text = data.decode("utf-8-sig")  # a BOM from Windows Notepad is fine
    except OSError as error:
        raise ConfigError(f"{path}：无法读取：{os_error_text(error)}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{path}：不是 UTF-8 编码的文本（第 {error.start + 1} 个字节无法解码）") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        where = _TOML_WHERE.search(str(error))
        place = f"第 {where.group(1)} 行第 {where.group(2)} 列" if where else "某处"
        detail = _TOML_WHERE.sub("", str(error)).strip()
        raise ConfigError(f"{path}：TOML 语法错误，位于{place}（{detail}）") from None
    except RecursionError:
        raise ConfigError(f"{path}：TOML 嵌套层数过多，无法读取") from None
    except ValueError as error:  # an integer of thousands of digits
        detail = "整数位数过多" if "integer string conversion" in str(error) else str(error)[:80]
        raise ConfigError(f"{path}：TOML 中有无法读取的值（{detail}）") from None


def read_config_file(path: Path) -> dict[str, Any]:
    """The xxgk-lint table of a configuration file, checked key by key."""
    data: Any = _load_toml(path)
    tool = data.get("tool")
    if path.name == "pyproject.toml" or (isinstance(tool, dict) and "xxgk-lint" in tool):
        data = tool.get("xxgk-lint", {}) if isinstance(tool, dict) else None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}：[tool.xxgk-lint] 应为表（键 = 值）")
    check_table(data, str(path))
    return data


_TYPE_NAMES = {list: "列表", dict: "表", str: "文本"}


def check_table(data: dict[str, Any], where: str) -> None:
    for key, value in data.items():
        if key not in KEYS:
            known = "、".join(KEYS)
            raise ConfigError(f"{where}：未知的配置项“{key}”（可用：{known}）")
        if not isinstance(value, KEYS[key]):
            raise ConfigError(f"{where}：配置项“{key}”应为{_TYPE_NAMES[KEYS[key]]}")
        if KEYS[key] is list and not all(isinstance(item, str) and item.strip() for item in value):
            raise ConfigError(f"{where}：配置项“{key}”的每一项都应为非空文本")
    for code, severity in data.get("severity", {}).items():
        if not isinstance(severity, str) or severity not in SEVERITIES:
            raise ConfigError(f"{where}：severity.{code} 应为 error、warning 或 info，而不是“{severity}”")
    eras = era_choices()
    if data.get("era", "auto") not in eras:
        raise ConfigError(f"{where}：era 应为 {'、'.join(eras)} 之一，而不是“{data.get('era')}”")
    for pattern, selectors in data.get("per-file-ignores", {}).items():
        if not isinstance(selectors, list) or not all(isinstance(item, str) and item for item in selectors):
            raise ConfigError(f"{where}：per-file-ignores.“{pattern}”应为规则代码的列表")
    for rule, table in data.get("rule-options", {}).items():
        if not isinstance(table, dict):
            raise ConfigError(f"{where}：rule-options.{rule} 应为表（如 {{ min-chars = 60 }}）")
    for key, value in data.get("limits", {}).items():
        if key not in LIMITS:
            raise ConfigError(f"{where}：limits.{key} 不是可用的限制（可用：{'、'.join(LIMITS)}）")
        top = 1_000_000_000 if key == "max-chars" else 100_000
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= top:
            raise ConfigError(f"{where}：limits.{key} 应为 1 到 {top} 之间的整数，而不是“{value}”")


def era_choices() -> tuple[str, ...]:
    """``auto`` and the ids of the eras the plugins provide."""
    from .plugins import registry

    return ("auto", *sorted(registry().eras))


def settings_from(data: dict[str, Any], source: str | None, root: str) -> Settings:
    def paths(values: list[str]) -> tuple[str, ...]:
        return tuple(os.path.normpath(os.path.join(root, value)) for value in values)

    return Settings(
        select=tuple(data["select"]),
        extend_select=tuple(data.get("extend-select", ())),
        ignore=tuple(data.get("ignore", ())),
        per_file_ignores=tuple((p, tuple(s)) for p, s in data.get("per-file-ignores", {}).items()),
        severity=tuple(data.get("severity", {}).items()),
        rule_packs=paths(data.get("rule-packs", [])),
        era=data.get("era", "auto"),
        deadlines=tuple(sorted(data.get("deadlines", {}).items())),
        # in the order given: command-line entries come after the file's and win
        rule_options=tuple((rule, tuple(table.items())) for rule, table in data.get("rule-options", {}).items()),
        limits=tuple({**LIMITS, **data.get("limits", {})}.items()),
        source=source,
        root=root,
    )


@dataclass
class Resolver:
    """Finds the settings for each report: nearest file, then command-line overrides."""

    overrides: tuple[tuple[str, Any], ...] = ()  # config keys given on the command line
    config: str | None = None  # --config
    isolated: bool = False  # --isolated
    cwd: str = field(default_factory=os.getcwd)
    _cache: dict[str, Settings] = field(default_factory=dict, repr=False)

    def for_path(self, path: str) -> Settings:
        directory = os.path.dirname(os.path.abspath(path)) if path not in ("-", "") else self.cwd
        settings = self._cache.get(directory)
        if settings is None:
            settings = self._cache[directory] = self._for_directory(directory)
        return settings

    def _for_directory(self, directory: str) -> Settings:
        from .plugins import registry

        data = dict(registry().defaults)
        source: str | None = None
        root = self.cwd
        if not self.isolated:
            found = Path(self.config) if self.config else find_config_file(directory)
            if found is not None:
                data.update(read_config_file(found))
                source, root = str(found), str(found.resolve().parent)
        for key, value in self.overrides:
            if key == "extend-select":
                data[key] = list(data.get(key, [])) + list(value)
            elif key in ("severity", "per-file-ignores", "deadlines", "rule-options", "limits"):
                data[key] = {**data.get(key, {}), **value}
            elif key == "rule-packs":
                data[key] = [os.path.join(self.cwd, v) for v in value] + list(data.get(key, []))
            else:
                data[key] = value
        check_table(data, "命令行参数")
        return settings_from(data, source, root)


