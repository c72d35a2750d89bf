"""Plain text for pipes, NO_COLOR and dumb terminals: no colour, no box drawing, no Rich.

On a terminal (a `width` given) every line is wrapped at spaces to the width, as the Rich views
are, so that the terminal never splits a word: the lines after the first hang under the text they
continue (a field's value, a list item), and below NARROW columns a label goes above its value.
Piped (no width), each line is written as it is, one line for each field: what scripts and
screen readers that do their own wrapping get."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from hkprobono.content.words import with_status
from hkprobono.render.spell import Spell, adding, no_command, see_also
from hkprobono.text import display_width, neutralise, one_line

# Only the types: a run imports the view modules it uses (each costs NamedTuple class creation).
if TYPE_CHECKING:
    from hkprobono.content.card import CardView
    from hkprobono.content.deadline import DeadlinesView, DueDateView, Row
    from hkprobono.content.directory import Districts, ListingView
    from hkprobono.content.guide import StepsView, StepView, TermsView
    from hkprobono.content.pages import PageView
    from hkprobono.content.search import ResultsView
    from hkprobono.maintain.report import ReportView
    from hkprobono.maintain.stale import StaleView
    from hkprobono.model import Ref

LABEL_WIDTH = 16
STACKED_INDENT = 2  # a value under its label, below NARROW columns
SLUG_WIDTH = 26  # the slug column of a listing
# What a wrapped line hangs under, when its caller does not say: its indent and a list marker.
_HANG = r" *(?:- |\d+\. )?"


def _hang(line: str) -> int:
    found = re.match(_HANG, line)
    return found.end() if found else 0


def underline(title: str, char: str) -> str:
    """A rule as wide as its heading in terminal cells (a CJK character takes two)."""
    return char * display_width(title)


class PlainRenderer:
    def __init__(self, out: TextIO, *, spell: Spell = no_command, width: int | None = None) -> None:
        self.out = out
        self.spell = spell  # a Ref as a command, where the reader can run one
        self.width = width  # the terminal's columns; None when piped: lines are not wrapped
        self.narrow = False
        if width is not None:  # piped output never loads the wrapping
            from hkprobono.render.width import NARROW

            self.narrow = width < NARROW

    def _line(self, text: str = "", hang: int | None = None) -> None:
        """A line, wrapped on a terminal: the lines after the first indented by `hang`, or by the
        first line's own indent and list marker ("  - ")."""
        # Every line once more through neutralise: a data field a view forgot is still escaped.
        text = neutralise(text)
        if self.width is None or display_width(text) <= self.width:
            self.out.write(text + "\n")
            return
        from hkprobono.render.layout import fill

        for line in text.split("\n"):
            self.out.write("\n".join(fill(line, self.width, _hang(line) if hang is None else hang)) + "\n")

    def _field(self, label: str, value: str) -> None:
        if self.narrow:
            self._line(f"{label}:")
            self._line(" " * STACKED_INDENT + one_line(value))
            return
        # At least one space: a label as wide as the column ("How to get help:") must not touch its value.
        head = f"{label + ':':<{LABEL_WIDTH - 1}} "
        self._line(head + one_line(value), hang=len(head))

    def _list(self, label: str, items: tuple[str, ...] | list[str]) -> None:
        self._line(f"{label}:")
        for item in items:
            self._line(f"  - {one_line(item)}")

    def _heading(self, title: str, char: str = "-") -> None:
        """`title` is already one line (its parts neutralised by the caller). On a terminal too
        narrow for it, it wraps, and the rule is as wide as its widest line, within the width."""
        if self.width is None or display_width(title) <= self.width:
            self._line(title)
            self._line(underline(title, char))
            return
        from hkprobono.render.layout import fill

        lines = fill(neutralise(title), self.width, 0)
        for line in lines:
            self._line(line)
        self._line(char * min(self.width, max(display_width(line) for line in lines)))

    def results(self, view: ResultsView) -> None:
        for i, row in enumerate(view.rows, 1):
            if row.kind == "org":
                self._line(f"{i}. {one_line(with_status(row.name, row.status))} [{row.slug}]")
                details = " | ".join(filter(None, (row.label, one_line(row.categories), one_line(row.phone))))
                self._line(f"   {details}")
                self._line(f"   found in {row.found_in}: {one_line(row.found)}")
            else:
                self._line(f"{i}. {one_line(row.title)}")
                self._line(f"   {row.label} | {one_line(row.fact)}")
                if row.helpers:
                    self._line(f"   Who can help: {one_line('; '.join(row.helpers))}")
                more = self.spell(row.more)
                if more:
                    self._line(f"   more: {one_line(more)}")
            for line in row.explain:
                self._line(f"   - {one_line(line)}")
        for note in view.notes:
            self._line(" ".join(filter(None, (one_line(note.text), adding(note.see, note.purpose, self.spell)))))

    def card(self, view: CardView) -> None:
        title = one_line(view.title) + (f"  {one_line(view.subtitle)}" if view.subtitle else "")
        self._heading(f"{title}  [{view.slug}]", "=")
        for row in view.rows:
            if row.items:
                self._list(row.label, row.items)
            else:
                self._field(row.label, row.value)
        self._list("Sources", view.sources)

    def listing(self, view: ListingView) -> None:
        for n, group in enumerate(view.groups):
            if n:
                self._line()
            self._line(f"{one_line(group.label)}:")
            for m in group.members:
                name = one_line(with_status(m.name, m.status)) + (f"  {m.phone}" if m.phone else "")
                if self.narrow:
                    self._line(f"  {m.slug}")
                    self._line(f"    {name}")
                else:
                    self._line(f"  {m.slug:<{SLUG_WIDTH}} {name}", hang=SLUG_WIDTH + 3)

    def districts(self, view: Districts) -> None:
        self._heading(one_line(view.heading))
        self._line(view.note)
        example = self.spell(view.example)
        if example:
            self._line(f"{view.example_lead} {example}")
        for item in view.items:
            self._line(f"  - {one_line(item)}")

    def page(self, view: PageView) -> None:
        for n, section in enumerate(view.sections):
            if n:
                self._line()
            if section.heading:
                self._heading(one_line(section.heading))
            for paragraph in section.paragraphs:
                self._line(neutralise(paragraph))
            see = see_also(section.see, self.spell)
            if see:
                self._line(see)
            for item in section.items:
                self._line(f"  - {one_line(item)}")

    def _with_see(self, text: str, refs: tuple[Ref, ...]) -> str:
        see = see_also(refs, self.spell)
        return f"{one_line(text)} {see}" if see else one_line(text)

    def _step_body(self, step: StepView, *, full: bool) -> None:
        for line in step.lines:
            text = self._with_see(line.text, line.see)
            if line.kind == "summary":  # the lead paragraph, under the step's title
                self._line(f"   {text}")
            elif line.kind == "deadline":  # in capitals: there is no colour to mark it
                self._line(f"   {line.label.upper()}: {text}")
            else:
                self._line(f"   {line.label}: {text}")
        if step.helped_by:
            self._line(f"   Who can help: {one_line('; '.join(step.helper_names))}")
        if step.decided_by:
            self._line(f"   Who decides: {one_line('; '.join(step.decider_names))}")
        if full:
            self._line("   Sources:")
            for source in step.sources:
                self._line(f"     - {one_line(source)}")

    def steps(self, view: StepsView) -> None:
        for paragraph in view.intro:
            self._line(one_line(paragraph))
        stage = ""
        for step in view.steps:
            if step.stage != stage:
                stage = step.stage
                self._line()
                self._heading("Throughout the process" if stage == "throughout" else "The steps")
            self._line(f"{step.number}. {one_line(step.title)}")
            self._step_body(step, full=False)

    def step(self, step: StepView) -> None:
        self._line(f"Step {step.number}. {one_line(step.title)}")
        self._step_body(step, full=True)

    def terms(self, view: TermsView) -> None:
        for term in view.terms:
            self._line(f"{one_line(term.term)}: {one_line(term.meaning)}")
            if term.explanation or term.see:
                self._line(f"    {self._with_see(term.explanation or '', term.see).strip()}")
            if term.law:
                self._line(f"    Law: {one_line(term.law)}")

    def _counted(self, file: str, heading: str, lines: Sequence[str]) -> None:
        """ "FILE: heading (N)", then the N lines as a list."""
        self._line(f"{one_line(file)}: {one_line(heading)} ({len(lines)})")
        for line in lines:
            self._line(f"  - {one_line(line)}")

    def report(self, view: ReportView) -> None:
        for line in view.errors:
            self._line(f"{one_line(view.file)}: error: {one_line(line)}")
        for kind, lines in view.warnings:
            self._counted(view.file, f"warnings: {kind}", lines)
        if view.acknowledged:
            self._counted(view.file, view.acknowledged_heading, view.acknowledged)
        for heading, lines in view.notes:
            self._counted(view.file, heading, lines)
        if view.reach:
            self._line(f"{one_line(view.file)}: {one_line(view.reach)}")
        if view.in_use:
            self._line(f"{one_line(view.file)}: {one_line(view.in_use)}")
        self._line(f"{one_line(view.file)}: {view.summary}")

    def _deadline_row(self, row: Row) -> None:
        """A command only where one can be spelled; a row that is only a command is left out otherwise."""
        command = self.spell(row.ref) if row.ref else ""
        if row.ref and not command:
            return
        if row.items:
            spelled = [self.spell(i.ref) if i.ref else "" for i in row.items]
            self._list(row.label, [f"{i.text} ({s})" if s else i.text for i, s in zip(row.items, spelled, strict=True)])
            return
        text = " ".join(filter(None, (row.text, command)))
        if row.label:
            self._field(row.label, text)
        else:
            self._line(one_line(text))

    def deadlines(self, view: DeadlinesView) -> None:
        for item in view.items:
            self._heading(one_line(item.heading))
            for row in item.rows:
                self._deadline_row(row)
            self._line()
        for row in view.notes:
            self._deadline_row(row)

    def due_date(self, view: DueDateView) -> None:
        for n, group in enumerate(view.groups):
            if n:
                self._line()
            for row in group:
                self._deadline_row(row)

    def stale(self, view: StaleView) -> None:
        for row in view.rows:
            guide = "  (USM guide)" if row.guide else ""
            when = f"{row.basis}, {row.date or 'undated'}"
            self._line(f"{row.slug:<28} {one_line(row.check)}: try {one_line(row.route)} ({when}){guide}", hang=4)
        self._line(view.total)
