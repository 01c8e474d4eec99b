"""Every hook the engine calls, in one place (pluggy, project name ``xxgk_lint``).

A plugin is a module (or object) with functions marked ``@hookimpl`` and named
like the specifications below, advertised in its package metadata::

    [project.entry-points.xxgk_lint]
    my-rules = "my_package.xxgk_plugin"

The built-in rules, check kinds, eras, output formats and defaults are
registered through this same entry-point group (see ``pyproject.toml``), so a
third-party plugin has exactly the powers the built-ins have.
"""
from __future__ import annotations

from typing import Any, Callable

import pluggy

# The hooks' types are named in strings (linter.rule.Rule, linter.packs.CheckKind,
# linter.eras.EraPlugin), not imported: every plugin module imports this one.

PROJECT = "xxgk_lint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def xxgk_lint_rules() -> list[type["Rule"]]:
    """Rule classes (subclasses of :class:`linter.rule.Rule`) the plugin provides."""


@hookspec
def xxgk_lint_check_kinds() -> dict[str, type["CheckKind"]]:
    """Check kinds YAML rule packs may choose from, by the name used in ``check:``."""


@hookspec
def xxgk_lint_eras() -> list["EraPlugin"]:
    """Template eras: label data, grammar file and detection fingerprints."""


@hookspec
def xxgk_lint_output_formats() -> dict[str, Callable[[list[Any]], str]]:
    """Output formats for ``check --format NAME``: a function from the sorted
    file results to the text to print."""


@hookspec
def xxgk_lint_default_config() -> dict[str, Any]:
    """Configuration defaults (same keys as ``[tool.xxgk-lint]``); the user's
    configuration overrides them."""
