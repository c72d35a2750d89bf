"""Rich output for a terminal. Data text only ever enters as rich.text.Text, never as markup."""

from __future__ import annotations

import shutil
from typing import TextIO

from rich.console import Console
from rich.console import Group as RichGroup
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from hkprobono.render.views import CardView, Group, PageView, ResultView, StepView, TermView
from hkprobono.text import neutralise, one_line


def _t(text: str, style: str = "") -> Text:
    # fold: a URL or phone number is wrapped, never cut short with an ellipsis.
    return Text(neutralise(text), style=style, overflow="fold")


def _bullets(items: tuple[str, ...] | list[str]) -> Text:
    return Text("\n", overflow="fold").join(_t(f"• {one_line(i)}") for i in items)


class RichRenderer:
    def __init__(self, console: Console) -> None:
        self.console = console

    @classmethod
    def for_stream(cls, into: TextIO | None = None, *, force: bool = False) -> RichRenderer:
        # highlight=False: Rich must not colour numbers or URLs found inside data text.
        if into is None:
            return cls(Console(highlight=False, force_terminal=True if force else None))
        # Captured for the pager: keep the terminal's width and colours.
        return cls(Console(file=into, highlight=False, force_terminal=True, width=shutil.get_terminal_size().columns))

    def results(self, rows: list[ResultView], *, query: str) -> None:
        table = Table(title=_t(f"Results for '{one_line(query)}'"), show_lines=False, expand=False)
        table.add_column("slug", style="bold cyan", no_wrap=True)
        table.add_column("name")
        table.add_column("categories", style="magenta")
        table.add_column("matched")
        table.add_column("phone", no_wrap=True)
        table.add_column("score", justify="right")
        for row in rows:
            matched = Text.assemble(_t(row.field + ": ", "dim"), _t(one_line(row.matched)[:90]))
            table.add_row(_t(row.slug), _t(row.name), _t(row.categories), matched, _t(row.phone), f"{row.score:g}")
        self.console.print(table)
        for row in rows:
            for line in row.explain:
                self.console.print(_t(f"  {row.slug}: {one_line(line)}", "dim"))
        self.console.print(Text("hkprobono show SLUG gives the full card.", style="dim"))

    def card(self, view: CardView) -> None:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        for row in view.rows:
            if row.items:
                value = _bullets(row.items)
            else:
                style = "dim italic" if row.missing else ("bold yellow" if row.warn else "")
                value = _t(row.value, style)
            grid.add_row(_t(row.label), value)
        grid.add_row(_t("Sources"), _bullets(view.sources))
        parts: list[Table | Text] = [grid]
        if view.advice:
            parts.append(Text.assemble(Text("\nCall first: ", style="bold yellow"), _t(view.advice)))
        title = Text.assemble(_t(view.title, "bold"), _t(f"  {view.subtitle}" if view.subtitle else ""))
        style = "red" if view.closed else "blue"
        self.console.print(Panel(RichGroup(*parts), title=title, subtitle=_t(view.slug), border_style=style))

    def groups(self, groups: list[Group], *, total: int) -> None:
        for group in groups:
            table = Table(title=_t(group.label), title_justify="left", show_header=False, box=None)
            table.add_column(style="bold cyan", no_wrap=True)
            table.add_column()
            table.add_column(no_wrap=True)
            for slug, name, phone in group.members:
                table.add_row(_t(slug), _t(name), _t(phone))
            self.console.print(table)
            self.console.print()
        self.console.print(Text(f"{total} organisations. hkprobono show SLUG gives the full card.", style="dim"))

    def page(self, view: PageView) -> None:
        for section in view.sections:
            if section.heading:
                self.console.print(Rule(_t(section.heading, "bold"), align="left"))
            for paragraph in section.paragraphs:
                self.console.print(_t(paragraph))
            if section.items:
                self.console.print(Padding(_bullets(section.items), (0, 0, 0, 2)), style="dim")
            self.console.print()

    def _step_table(self, step: StepView, *, full: bool) -> Table:
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        grid.add_row("What happens", _t(step.summary))
        grid.add_row("What to do", _t(step.what_to_do))
        if step.deadline:
            grid.add_row(Text("DEADLINE", style="bold red"), _t(step.deadline, "bold red"))
        if step.deadline_note:
            grid.add_row("Deadline note", _t(step.deadline_note, "yellow"))
        if step.helped_by:
            grid.add_row("Who can help", _t(", ".join(step.helped_by), "cyan"))
        if full:
            grid.add_row("Sources", _bullets(step.sources))
        return grid

    def steps(self, steps: list[StepView], *, intro: tuple[str, ...]) -> None:
        for paragraph in intro:
            self.console.print(_t(paragraph, "italic"))
        stage = ""
        for step in steps:
            if step.stage != stage:
                stage = step.stage
                heading = "Throughout the process" if stage == "throughout" else "The steps"
                self.console.print(Rule(Text(heading, style="bold"), align="left"))
            title = _t(f"{step.number}. {step.title}", "bold")
            self.console.print(Panel(self._step_table(step, full=False), title=title, title_align="left"))

    def step(self, step: StepView) -> None:
        title = _t(f"Step {step.number}. {step.title}", "bold")
        self.console.print(Panel(self._step_table(step, full=True), title=title, title_align="left"))

    def terms(self, terms: list[TermView]) -> None:
        table = Table(show_header=True, box=None)
        table.add_column("term", style="bold cyan", no_wrap=True)
        table.add_column("meaning")
        for term in terms:
            meaning = _t(term.meaning)
            if term.explanation:
                meaning.append("\n" + neutralise(term.explanation), style="dim")
            table.add_row(_t(term.term), meaning)
        self.console.print(table)
