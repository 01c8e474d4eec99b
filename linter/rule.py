"""The rule interface: metadata, documentation and a ``check`` generator.

A rule is a class with a stable ``code`` (prefix + 3 digits, never reused), a
``name``, a default ``severity``, the ``eras`` it applies to, a one-line
``summary``, and a docstring in three parts (*What it does* / *Why is this
bad?* / *Example*) that is its documentation. ``check`` yields findings made
with :meth:`Rule.finding`; the engine fills in fingerprints and filters.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any, ClassVar, Iterator, Mapping

from .ast import Report, Span
from .diagnostics import Diagnostic, Edit

#: The built-in template eras (plugins may add more, see ``xxgk_lint_eras``).
ALL_ERAS = ("2007", "2019", "2021")
#: In ``eras``: every era, those of plugins included.
ANY_ERA = "*"


@dataclass(frozen=True)
class Option:
    """A setting a rule documents (configuration ``rule-options``, or
    ``--rule-option CODE:KEY=VALUE``): its default, type and range."""

    default: Any
    help: str  # Chinese, for people
    minimum: int | None = None
    maximum: int | None = None

    def problem(self, value: Any) -> str | None:
        """Why ``value`` cannot be used (Chinese), or None."""
        if isinstance(self.default, int) and not isinstance(self.default, bool):
            if not isinstance(value, int) or isinstance(value, bool):
                return f"应为整数，而不是“{str(value)[:40]}”"
            if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
                return f"应在 {self.minimum} 到 {self.maximum} 之间，而不是 {value}"
        return None


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str]
    eras: ClassVar[tuple[str, ...]] = (ANY_ERA,)
    summary: ClassVar[str]  # Chinese one-liner, shown in rule lists
    #: What the findings are about by default: "source" (the report is wrong) or
    #: "extraction" (we could not read it); a finding may say otherwise.
    provenance: ClassVar[str] = "source"
    #: The settings the rule documents, by key (checked before any report is read).
    options_schema: ClassVar[dict[str, Option]] = {}

    def __init__(self, options: Mapping[str, Any] | None = None):
        #: Settings from the configuration (e.g. ``deadlines`` for PER003).
        self.options: dict[str, Any] = dict(options or {})

    def option(self, key: str) -> Any:
        """A documented setting: the configured value, or its default."""
        return self.options.get(key, self.options_schema[key].default)

    @classmethod
    def option_problems(cls, options: Mapping[str, Any]) -> list[str]:
        """What is wrong with the ``rule-options`` given to this rule (Chinese), if anything."""
        problems = []
        for key, value in options.items():
            if key == "deadlines":
                continue  # the configuration's own `deadlines` table, handed to every rule (PER003 checks it)
            option = cls.options_schema.get(key)
            if option is None:
                known = "、".join(cls.options_schema) or "无"
                problems.append(f"{cls.code} 没有设置项“{key}”（可用：{known}）")
            elif (why := option.problem(value)) is not None:
                problems.append(f"{cls.code} 的设置项 {key} {why}")
        return problems

    def check(self, report: Report) -> Iterator[Diagnostic]:
        raise NotImplementedError

    @classmethod
    def finding(cls, message: str, span: Span, logical_location: str = "", evidence: str = "",
                fix: tuple[Edit, ...] = (), **data: Any) -> Diagnostic:
        """A finding; ``provenance=`` among the data overrides the rule's default;
        ``fix`` are the edits that correct it, where the rule knows them."""
        provenance = data.get("provenance", cls.provenance)
        return Diagnostic(cls.code, cls.name, cls.severity, message, span, logical_location, data, evidence,
                          provenance=provenance, fix=tuple(fix))

    @classmethod
    def applies_to(cls, era: str) -> bool:
        return ANY_ERA in cls.eras or era in cls.eras

    @classmethod
    def era_specific(cls) -> bool:
        """Judges a report against one era's template (so needs to know the era)."""
        return ANY_ERA not in cls.eras and not set(ALL_ERAS) <= set(cls.eras)

    #: The documentation in Chinese, for people (检查内容 / 为什么要检查 / 示例); the
    #: docstring is the English original, for developers.
    documentation_zh: ClassVar[str] = ""

    @classmethod
    def documentation(cls, language: str = "zh") -> str:
        """The rule's documentation: Chinese where it has one, else the English docstring."""
        if language == "zh" and cls.documentation_zh.strip():
            return inspect.cleandoc(cls.documentation_zh)
        return inspect.cleandoc(cls.__doc__ or "")
