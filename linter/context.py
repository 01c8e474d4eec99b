"""Views of one report that several rules share, each computed once.

A :class:`ReportContext` hangs on its report (``report.context``) and computes
each view on first use: nothing is cached in module globals, and nothing is
computed that no enabled rule asks for.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from .ast import Paragraph, Problem, Section, Span
from .layout import join_chunks

#: A wrapped line: long enough to have reached the page's edge, and not the end
#: of a sentence or a heading.
_WRAP_MIN = 20
_SENTENCE_ENDS = "。！？!?；;：:”）)"


def _runs_on(text: str) -> bool:
    text = text.rstrip()
    return len(text) >= _WRAP_MIN and text[-1] not in _SENTENCE_ENDS

if TYPE_CHECKING:
    from .ast import Report


@dataclass(slots=True)
class Part:
    """One of the six parts: its sections (a part written twice has two) and prose."""

    number: int
    sections: list[Section] = field(default_factory=list)

    @property
    def heading(self) -> Section:
        return self.sections[0]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for section in self.sections for p in section.paragraphs]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


class ReportContext:
    def __init__(self, report: "Report") -> None:
        self.report = report

    @cached_property
    def parts(self) -> dict[int, Part]:
        """Part number -> its sections, in document order."""
        found: dict[int, Part] = {}
        for section in self.report.sections:
            found.setdefault(section.part, Part(section.part)).sections.append(section)
        return found

    @cached_property
    def narrative(self) -> list[Paragraph]:
        """All prose in document order, headings included (as paragraphs)."""
        out: list[Paragraph] = list(self.report.front)
        for section in self.report.sections:
            if section.heading:
                out.append(Paragraph(section.heading, section.span))
            out.extend(section.paragraphs)
        return out

    @cached_property
    def prose(self) -> list[Paragraph]:
        """The report's paragraphs with lines that a PDF conversion wrapped joined
        again (a line that does not end a sentence runs on into the next one),
        keeping each character's position."""
        out: list[Paragraph] = []
        for paragraph in self.report.paragraphs():
            previous = out[-1] if out else None
            if previous is not None and _runs_on(previous.text) and paragraph.source is not None \
                    and previous.source is not None:
                chunk = join_chunks(previous.source, paragraph.source)
                out[-1] = Paragraph(chunk.text, Span(previous.span.line, previous.span.column,
                                                     paragraph.span.end_line, paragraph.span.end_column), chunk)
            else:
                out.append(paragraph)
        return out

    @cached_property
    def quantities(self) -> list:
        """The prose's numbers, read with the quantity grammar: one
        (Paragraph, linter.quantities.ParagraphQuantities) per paragraph of ``prose``."""
        from .quantities import read_paragraph

        return [(paragraph, read_paragraph(paragraph.text)) for paragraph in self.prose]

    @cached_property
    def topic_sentences(self) -> list:
        """The prose's sentences about applications and cases (linter.narrative)."""
        from .narrative import read_topic_sentences

        return read_topic_sentences(self.report)

    @cached_property
    def statements(self) -> list:
        """Numbers stated in the narrative (linter.narrative.Statement)."""
        from .narrative import read_statements

        return read_statements(self.report)

    @cached_property
    def claims(self) -> list:
        """Denials and "均已办结" claims in the narrative (linter.narrative.Claim)."""
        from .narrative import read_claims

        return read_claims(self.report)

    @cached_property
    def unplaced(self) -> list[Problem]:
        """Regions the grammar could not place (PRS003), in document order."""
        return sorted((p for p in self.report.problems if p.code == "PRS003"),
                      key=lambda p: (p.span.line, p.span.column))

    @cached_property
    def read_to_end(self) -> bool:
        """Whether the reader read the whole file: no pages left unread (page or
        time limit, a damaged page). A claim that something is absent from the
        whole report needs this."""
        return not any(p.data.get("note") for p in self.unplaced)

    @cached_property
    def _section_starts(self) -> list[tuple[int, int]]:
        return sorted((s.span.line, s.span.column) for s in self.report.sections)

    @cached_property
    def _unplaced_starts(self) -> list[tuple[int, int]]:
        return [(p.span.line, p.span.column) for p in self.unplaced]  # (sorted already)

    def unplaced_in(self, section: Section | None) -> list[Problem]:
        """The unplaced regions inside a part (from its heading to the next one;
        ``None``: before the first part). Bisection: a report may have
        thousands of headings."""
        start = (section.span.line, section.span.column) if section is not None else (0, 0)
        starts = self._section_starts
        following = bisect_right(starts, start)
        end = starts[following] if following < len(starts) else (1 << 30, 0)
        return self.unplaced[bisect_left(self._unplaced_starts, start):bisect_left(self._unplaced_starts, end)]

    # -- what can be claimed absent --------------------------------------------
    # No rule may claim that a table, row or part is missing from a region that
    # was not read: these say whether a region was read cleanly and whether a
    # label's words appear in it anyway.

    def part_region(self, part: int) -> tuple[Section | None, bool]:
        """The first section of ``part`` (None when the part has no heading), and
        whether its region, or the whole report when it has none, was read
        without unplaced stretches."""
        found = self.parts.get(part)
        if found is None:
            return None, not self.unplaced
        return found.heading, not any(self.unplaced_in(section) for section in found.sections)

    @cached_property
    def _words(self) -> dict[int, str]:
        """Part number (0: before part 一) -> its prose and table labels, normalised."""
        from .labels import normalize

        words: dict[int, list[str]] = {0: [p.text for p in self.report.front]}
        for section in self.report.sections:
            words.setdefault(section.part, []).extend(p.text for p in section.paragraphs)
        for table in self.report.tables:
            texts = words.setdefault(table.section, [])
            texts += [row.raw_label for row in table.rows] + [header.raw for header in table.headers]
        return {part: normalize("\n".join(texts)) for part, texts in words.items()}

    def mentions(self, text: str, part: int | None = None) -> bool:
        """Whether ``text`` (normalised) is written in ``part``'s prose or table
        labels, or anywhere when ``part`` is None."""
        if part is not None:
            return text in self._words.get(part, "")
        return any(text in words for words in self._words.values())
