"""Plain text for pipes, NO_COLOR and dumb terminals: no colour, no box drawing, no Rich."""

from __future__ import annotations

from typing import TextIO

from hkprobono.render.views import CardView, Group, PageView, ResultView, StepView, TermView
from hkprobono.text import display_width, neutralise, one_line

LABEL_WIDTH = 16


class PlainRenderer:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def _line(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def _field(self, label: str, value: str) -> None:
        self._line(f"{label + ':':<{LABEL_WIDTH}}{one_line(value)}")

    def _list(self, label: str, items: tuple[str, ...] | list[str]) -> None:
        self._line(f"{label}:")
        for item in items:
            self._line(f"  - {one_line(item)}")

    def results(self, rows: list[ResultView], *, query: str) -> None:
        for i, row in enumerate(rows, 1):
            self._line(f"{i}. {one_line(row.name)} [{row.slug}]  score {row.score:g}")
            details = " | ".join(filter(None, (one_line(row.categories), row.phone)))
            self._line(f"   {details}")
            self._line(f"   matched {row.field}: {one_line(row.matched)}")
            for line in row.explain:
                self._line(f"   - {one_line(line)}")

    def card(self, view: CardView) -> None:
        title = one_line(view.title) + (f"  {one_line(view.subtitle)}" if view.subtitle else "")
        self._line(f"{title}  [{view.slug}]")
        self._line("=" * min(display_width(title), 72))
        for row in view.rows:
            if row.items:
                self._list(row.label, row.items)
            else:
                self._field(row.label, row.value)
        self._list("Sources", view.sources)
        if view.advice:
            self._line()
            self._line(f"Call first: {one_line(view.advice)}")

    def groups(self, groups: list[Group], *, total: int) -> None:
        for n, group in enumerate(groups):
            if n:
                self._line()
            self._line(f"{group.label}:")
            for slug, name, phone in group.members:
                self._line(f"  {slug:<26} {one_line(name)}" + (f"  {phone}" if phone else ""))

    def page(self, view: PageView) -> None:
        for n, section in enumerate(view.sections):
            if n:
                self._line()
            if section.heading:
                self._line(f"{one_line(section.heading)}")
                self._line("-" * len(one_line(section.heading)))
            for paragraph in section.paragraphs:
                self._line(neutralise(paragraph))
            for item in section.items:
                self._line(f"  - {one_line(item)}")

    def _step_body(self, step: StepView, *, full: bool) -> None:
        self._line(f"   {one_line(step.summary)}")
        self._line(f"   What to do: {one_line(step.what_to_do)}")
        if step.deadline:
            self._line(f"   DEADLINE: {one_line(step.deadline)}")
        if step.deadline_note:
            self._line(f"   Deadline note: {one_line(step.deadline_note)}")
        if step.helped_by:
            self._line(f"   Who can help: {', '.join(one_line(h) for h in step.helped_by)}")
        if full:
            self._line("   Sources:")
            for source in step.sources:
                self._line(f"     - {one_line(source)}")

    def steps(self, steps: list[StepView], *, intro: tuple[str, ...]) -> None:
        for paragraph in intro:
            self._line(one_line(paragraph))
        stage = ""
        for step in steps:
            if step.stage != stage:
                stage = step.stage
                self._line()
                self._line("Throughout the process" if stage == "throughout" else "The steps")
                self._line("-" * 22)
            self._line(f"{step.number}. {one_line(step.title)}")
            self._step_body(step, full=False)

    def step(self, step: StepView) -> None:
        self._line(f"Step {step.number}. {one_line(step.title)}")
        self._step_body(step, full=True)

    def terms(self, terms: list[TermView]) -> None:
        for term in terms:
            self._line(f"{one_line(term.term)}: {one_line(term.meaning)}")
            if term.explanation:
                self._line(f"    {one_line(term.explanation)}")
