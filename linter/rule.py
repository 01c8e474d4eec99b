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
from .diagnostics import Diagnostic

ALL_ERAS = ("2007", "2019", "2021")


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str]
    eras: ClassVar[tuple[str, ...]] = ALL_ERAS
    summary: ClassVar[str]  # Chinese one-liner, shown in rule lists

    def __init__(self, options: Mapping[str, Any] | None = None):
        #: Settings from the configuration (e.g. ``deadlines`` for PER003).
        self.options: dict[str, Any] = dict(options or {})

    def check(self, report: Report) -> Iterator[Diagnostic]:
        raise NotImplementedError

    @classmethod
    def finding(cls, message: str, span: Span, logical_location: str = "", evidence: str = "",
                **data: Any) -> Diagnostic:
        return Diagnostic(cls.code, cls.name, cls.severity, message, span, logical_location, data, evidence)

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")
