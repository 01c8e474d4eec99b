"""Loading plugins: the ``xxgk_lint`` entry-point group, one plugin at a time.

The registry is built once per process, on first use (a ``parse`` never pays
for it). A plugin that fails to import, to register, or to answer a hook is
skipped with a warning naming it; the tool still runs with the others.

Entry points are found by reading the ``entry_points.txt`` of the
distributions on ``sys.path`` directly — what ``importlib.metadata`` does, at
a tenth of the cost (it imports the email package) — and the answer is cached
on disk, keyed on the modification times of the ``sys.path`` folders, which
change whenever a distribution is installed or removed.
"""
from __future__ import annotations

import marshal
import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module
from typing import Any, Callable

import pluggy

from . import hookspecs
from .rule import Rule

ENTRY_POINT_GROUP = "xxgk_lint"
#: The built-in plugins, as ``pyproject.toml`` advertises them. Registered
#: directly only when the package metadata is absent (a source tree that was
#: never installed), so the tool behaves the same either way.
BUILTIN_PLUGINS = {
    "builtin-rules": "linter.rules",
    "builtin-check-kinds": "linter.packs",
    "builtin-eras": "linter.eras",
    "builtin-formats": "linter.output",
    "builtin-config": "linter.config",
}
CODE = re.compile(r"^[A-Z]{2,5}\d{3}$")


@dataclass
class Registry:
    rules: dict[str, type] = field(default_factory=dict)  # code -> Rule class
    rule_sources: dict[str, str] = field(default_factory=dict)  # code -> plugin name
    check_kinds: dict[str, type] = field(default_factory=dict)
    eras: dict[str, Any] = field(default_factory=dict)  # era id -> EraPlugin
    formats: dict[str, Callable[[list[Any]], str]] = field(default_factory=dict)
    defaults: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def rule(self, selector: str) -> type | None:
        """A rule by code or by name."""
        if selector.upper() in self.rules:
            return self.rules[selector.upper()]
        return next((rule for rule in self.rules.values() if rule.name == selector), None)


def entry_points() -> list[tuple[str, str]]:
    """(name, "module" or "module:attribute") of every ``xxgk_lint`` entry point on sys.path."""
    from .cachedir import keep, kept

    folders = [folder for folder in dict.fromkeys(sys.path) if folder and os.path.isdir(folder)]
    key = [[folder, os.stat(folder).st_mtime_ns] for folder in folders]
    for blob in kept("entry-points.marshal"):
        try:
            cached = marshal.loads(blob)
            if cached["key"] == key:
                return [tuple(item) for item in cached["found"]]  # type: ignore[misc]
        except (EOFError, ValueError, KeyError, TypeError):
            continue
    found = _scan(folders)
    keep("entry-points.marshal", marshal.dumps({"key": key, "found": found}))  # (nowhere to keep it: scan again)
    return found


def _scan(folders: list[str]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for folder in folders:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if not entry.name.endswith((".dist-info", ".egg-info")):
                continue
            distribution = re.split(r"-\d", entry.name.rsplit(".", 1)[0], maxsplit=1)[0].lower().replace("_", "-")
            if distribution in seen:
                continue  # the first on sys.path wins, as for imports
            seen.add(distribution)
            try:
                with open(os.path.join(entry.path, "entry_points.txt"), encoding="utf-8") as handle:
                    found += _group(handle.read())
            except (OSError, UnicodeDecodeError):
                continue
    return found


def _group(text: str) -> list[tuple[str, str]]:
    """The ``[xxgk_lint]`` entries of an entry_points.txt (INI)."""
    entries, inside = [], False
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("["):
            inside = line == f"[{ENTRY_POINT_GROUP}]"
        elif inside and "=" in line and not line.startswith(("#", ";")):
            name, value = (part.strip() for part in line.split("=", 1))
            entries.append((name, value.split()[0]))  # (extras, "[…]", are not used)
    return entries


def _load(value: str) -> Any:
    module, _, attribute = value.partition(":")
    target = import_module(module)
    for part in filter(None, attribute.split(".")):
        target = getattr(target, part)
    return target


def _plugin_manager(warnings: list[str]) -> pluggy.PluginManager:
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    found = dict.fromkeys(entry_points())
    advertised = {value for _, value in found}
    plugins: list[tuple[str, str, Callable[[], Any]]] = [
        (name, module, lambda module=module: import_module(module))
        for name, module in BUILTIN_PLUGINS.items() if module not in advertised
    ]
    # Built-ins first so that their codes win over a plugin reusing one.
    ordered = sorted(found, key=lambda ep: (ep[1] not in BUILTIN_PLUGINS.values(), ep[0]))
    plugins += [(name, value, lambda value=value: _load(value)) for name, value in ordered]
    for name, target, load in plugins:
        try:
            manager.register(load(), name=name)
        except Exception as error:  # a broken plugin must not break the run
            warnings.append(f"插件 {name}（{target}）加载失败，已跳过：{type(error).__name__}: {error}")
    return manager


def _collect(manager: pluggy.PluginManager, hook: str, warnings: list[str],
             take: Callable[[str, Any], None]) -> None:
    """Call one hook plugin by plugin (built-ins first) and hand each answer to
    ``take``; a plugin that raises, or answers something unusable, is skipped."""
    for impl in getattr(manager.hook, hook).get_hookimpls():  # in registration order
        try:
            result = impl.function()
            if result is not None:
                take(impl.plugin_name, result)
        except Exception as error:
            warnings.append(f"插件 {impl.plugin_name} 的 {hook} 出错，已跳过：{type(error).__name__}: {error}")


@lru_cache(maxsize=None)
def registry() -> Registry:
    from .eras import EraPlugin

    found = Registry()
    manager = _plugin_manager(found.warnings)

    def rules(source: str, answer: Any) -> None:
        for rule in list(answer):
            if not (isinstance(rule, type) and issubclass(rule, Rule)):
                raise TypeError(f"{rule!r} 不是 Rule 的子类")
            add_rule(found, rule, source)

    def eras(source: str, answer: Any) -> None:
        for era in list(answer):
            if not isinstance(era, EraPlugin):
                raise TypeError(f"{era!r} 不是 EraPlugin")
            found.eras.setdefault(era.era.id, era)

    def mapping(target: dict[str, Any], override: bool) -> Callable[[str, Any], None]:
        def take(source: str, answer: Any) -> None:
            for key, value in dict(answer).items():
                if override:  # defaults: a plugin's override the built-ins'
                    target[key] = value
                else:
                    target.setdefault(key, value)
        return take

    _collect(manager, "xxgk_lint_rules", found.warnings, rules)
    _collect(manager, "xxgk_lint_check_kinds", found.warnings, mapping(found.check_kinds, False))
    _collect(manager, "xxgk_lint_eras", found.warnings, eras)
    _collect(manager, "xxgk_lint_output_formats", found.warnings, mapping(found.formats, False))
    _collect(manager, "xxgk_lint_default_config", found.warnings, mapping(found.defaults, True))
    return found


def add_rule(found: Registry, rule: type, source: str) -> str | None:
    """Register a rule; returns why it was refused (bad or reused code), or None."""
    code = getattr(rule, "code", "")
    if not CODE.match(code):
        problem = f"规则代码“{code}”不合规范（应为 2–5 个大写字母加 3 位数字，如 ARI001）"
    elif code in found.rules:
        problem = f"规则代码 {code} 已被 {found.rule_sources[code]} 使用"
    elif found.rule(getattr(rule, "name", "")) is not None:
        problem = f"规则名称 {rule.name} 已被使用"
    else:
        found.rules[code] = rule
        found.rule_sources[code] = source
        return None
    found.warnings.append(f"插件 {source} 的规则 {getattr(rule, '__name__', rule)} 未加载：{problem}")
    return problem
