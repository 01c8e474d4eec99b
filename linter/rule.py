"""The rule interface: metadata, documentation and a ``check`` generator.

A rule is a class with a stable ``code`` (prefix + 3 digits, never reused), a
``name``, a default ``severity``, the ``eras`` it applies to, a one-line
``summary``, and a docstring in three parts (*What it does* / *Why is this
bad?* / *Example*) that is its documentation. ``check`` yields findings made
with :meth:`Rule.finding`; the engine fills in fingerprints and filters.
"""
from __future__ import annotations

import inspect
from typing import Any, ClassVar, Iterator, Mapping

from .ast import Report, Span
from .diagnostics import Diagnostic, Edit

#: The built-in template eras (plugins may add more, see ``xxgk_lint_eras``).
ALL_ERAS = ("2007", "2019", "2021")
#: In ``eras``: every era, those of plugins included.
ANY_ERA = "*"


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str]
    eras: ClassVar[tuple[str, ...]] = (ANY_ERA,)
    summary: ClassVar[str]  # Chinese one-liner, shown in rule lists
    #: What the findings are about by default: "source" (the report is wrong) or
    #: "extraction" (we could not read it); a finding may say otherwise.
    provenance: ClassVar[str] = "source"

    def __init__(self, options: Mapping[str, Any] | None = None):
        #: Settings from the configuration (e.g. ``deadlines`` for PER003).
        self.options: dict[str, Any] = dict(options or {})

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

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")
