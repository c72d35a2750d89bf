"""Rich output for a terminal. Data text only ever enters as rich.text.Text, never as markup.

Views are built from styled Text lines, wrapped here with a hanging indent, rather than from Rich
tables: a table of search results took 7-25 ms to lay out, a third of the start-up budget.

No word is ever lost: every line is wrapped to the room really left on it, counted in terminal
cells (a CJK character takes two). Below NARROW columns the card drops its panel and every label
goes above its value. A word longer than a whole line (a long web address) is folded inside the
panel, without losing a character, so that the border stays straight; outside a panel it is
printed whole and the terminal folds it, so that it stays one address to click or copy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.panel import Panel
from rich.text import Text

from hkprobono.render.blocks import LABEL_WIDTH, PANEL_INSET, STACKED_INDENT, RichBlocks, safe
from hkprobono.render.spell import adding, see_words
from hkprobono.text import display_width, one_line

# Only the types: a run imports the view modules it uses (each costs NamedTuple class creation).
if TYPE_CHECKING:
    from hkprobono.content.card import CardView
    from hkprobono.content.deadline import DeadlinesView, DueDateView, Row
    from hkprobono.content.directory import Districts, ListingView
    from hkprobono.content.guide import StepsView, StepView, TermsView
    from hkprobono.content.pages import PageView
    from hkprobono.content.search import GuideRow, OrgRow, ResultsView
    from hkprobono.maintain.report import ReportView
    from hkprobono.maintain.stale import StaleView

# How a line of a step stands out, by its kind: (value style, label style, label in capitals).
STEP_STYLES = {"deadline": ("bold red", "bold red", True), "deadline_note": ("yellow", "bold", False)}
# A deadline row's style, chosen by its tone (content/deadline.py), never by its words.
TONE_STYLES = {
    "date": "bold red", "left": "bold", "late": "bold red", "warn": "yellow", "plain": "",
    "advice": "bold yellow", "quiet": "dim",
}  # fmt: skip


class RichRenderer(RichBlocks):
    def _guide_row(self, number: int, row: GuideRow) -> None:
        self._lay(Text(f"{number:>2}. "), [(one_line(row.title), "bold blue")], 4)
        label = self._label(f"    {row.label}  ", len(row.label) + 6, "magenta")
        self._hanging(label, row.fact, 6, "bold red" if row.role == "deadline" else "")
        if row.helpers:
            self._hanging(self._label("    Who can help  ", 18, "dim"), "; ".join(row.helpers), 6, "cyan")
        more = self.spell(row.more)
        if more:
            self._hanging(Text("    "), more, 6, "dim")

    def _org_row(self, number: int, row: OrgRow) -> None:
        head = [(one_line(row.name), "bold")]
        if row.status:
            head.append((f" ({row.status})", "bold yellow"))
        head.append((f"  {row.slug}", "cyan"))
        self._lay(Text(f"{number:>2}. "), head, 4)
        details = [(row.label, "dim"), (f"  {one_line(row.categories)}", "magenta")]
        if row.phone:
            details.append((f"  {one_line(row.phone)}", "bold green"))
        self._lay(Text("    "), details, 6, whole=(one_line(row.phone),))
        self._lay(Text("    "), [(f"found in {one_line(row.found_in)}:", "dim"), (f" {one_line(row.found)}", "")], 6)

    def results(self, view: ResultsView) -> None:
        for number, row in enumerate(view.rows, 1):
            if row.kind == "org":
                self._org_row(number, row)
            else:
                self._guide_row(number, row)
            for line in row.explain:
                self._text(f"- {line}", "dim", indent=6)
        for note in view.notes:
            self._text(" ".join(filter(None, (note.text, adding(note.see, note.purpose, self.spell)))), "yellow")
        more = self.spell(view.more)
        if more:
            self._text(f"{more} gives an organisation's full card.", "dim")
        self._flush()

    def card(self, view: CardView) -> None:
        title = [(one_line(view.title), "bold")]
        if view.subtitle:
            title.append((f"  {one_line(view.subtitle)}", ""))
        if view.status:
            title.append((f"  ({view.status})", "bold yellow"))
        border = "red" if view.closed else "blue"
        heading = Text()
        for text, style in title:
            heading.append(text, style=style)
        # A title too long for the top border would be cut short there: it goes inside instead.
        in_border = not self.narrow and display_width(heading.plain) <= self.console.width - 8
        if self.narrow:
            self._lay(Text(), [*title, (f"  {view.slug}", "cyan")], 2)
            self.lines.append(Text("─" * self.console.width, style=border))
        else:
            self.inset = PANEL_INSET
            if not in_border:
                self._lay(Text(), title, 2)
        self._rows(view)
        if self.narrow:
            self._flush()
            return
        # The text inside is already wrapped to fit, so the panel costs little to lay out.
        body = Text("\n").join(self.lines)
        body.no_wrap = True  # already wrapped: spares Rich a second, slower pass
        self.lines, self.inset = [], 0
        subtitle = safe(Text(view.slug, style="cyan"))
        panel_title = safe(heading) if in_border else None
        self.console.print(
            Panel(safe(body), title=panel_title, subtitle=subtitle, border_style=border, title_align="left")
        )

    def _rows(self, view: CardView) -> None:
        for row in view.rows:
            if row.items:
                self._bullets(row.label, row.items)
            elif row.key == "check_first":  # the label marks it: the advice itself reads best unstyled
                self._field(row.label, row.value, label_style="bold yellow")
            else:
                style = "dim italic" if row.missing else ("bold yellow" if row.warn else "")
                self._field(row.label, row.value, style)
        self._bullets("Sources", view.sources)

    def listing(self, view: ListingView) -> None:
        width = max((len(m.slug) for g in view.groups for m in g.members), default=10) + 2
        column = 2 if self.narrow else width + 2
        for group in view.groups:
            self.lines.append(Text(one_line(group.label), style="bold underline"))
            for m in group.members:
                line = self._label(f"  {m.slug}", column, "cyan")
                name = [(one_line(m.name), "")]
                if m.status:
                    name.append((f" ({m.status})", "bold yellow"))
                if m.phone:
                    name.append((f"  {one_line(m.phone)}", "green"))
                if self.narrow:
                    self.lines.append(line)
                    line = Text(" " * 4)
                self._lay(line, name, 4 if self.narrow else column, whole=(one_line(m.phone or ""),))
            self.lines.append(Text())
        more = self.spell(view.more)
        self._text(f"{view.total} organisations." + (f" {more} gives the full card." if more else ""), "dim")
        self._flush()

    def districts(self, view: Districts) -> None:
        self._rule(one_line(view.heading))
        self._text(view.note)
        example = self.spell(view.example)
        if example:  # on a line of its own, whole where the width allows, to copy
            self._text(view.example_lead)
            self._text(example, "cyan", indent=2)
        for item in view.items:
            self._hanging(Text("  - ", style="dim"), item, 4, "dim")
        self._flush()

    def page(self, view: PageView) -> None:
        for section in view.sections:
            if section.heading:
                self._rule(one_line(section.heading))
            for paragraph in section.paragraphs:
                self._text(paragraph)
            see = see_words(section.see, self.spell)
            if see:
                self._see(see)
            for item in section.items:
                self._hanging(Text("  - ", style="dim"), item, 4, "dim")
            self.lines.append(Text())
        self._flush()

    def _step_body(self, step: StepView, *, full: bool) -> None:
        for line in step.lines:
            style, label_style, capitals = STEP_STYLES.get(line.kind, ("", "bold", False))
            label = line.label.upper() if capitals else line.label
            self._field(label, line.text, style, label_style, see=see_words(line.see, self.spell))
        if step.helped_by:
            self._field("Who can help", "; ".join(step.helper_names), "cyan")
        if step.decided_by:
            self._field("Who decides", "; ".join(step.decider_names))
        if full:
            self._bullets("Sources", step.sources)

    def steps(self, view: StepsView) -> None:
        for paragraph in view.intro:
            self._text(paragraph, "italic")
        stage = ""
        for step in view.steps:
            if step.stage != stage:
                stage = step.stage
                self._rule("Throughout the process" if stage == "throughout" else "The steps")
            self._hanging(Text(f"{step.number}. ", style="bold blue"), step.title, 3, "bold blue")
            self._step_body(step, full=False)
            self.lines.append(Text())
        self._flush()

    def step(self, step: StepView) -> None:
        self._rule(f"Step {step.number}. {one_line(step.title)}")
        self._step_body(step, full=True)
        self._flush()

    def _explained(self, text: str, see: Sequence[str], indent: int) -> None:
        if not text:
            self._see(see, indent)
            return
        pieces = [(one_line(text), "dim"), *((f" {word}", "cyan") for word in see)]
        self._lay(Text(" " * indent), pieces, indent, whole=tuple(see))

    def _law(self, law: str | None, indent: int) -> None:
        if law:
            self._lay(Text(" " * indent), [("Law: ", "dim bold"), (one_line(law), "dim")], indent)

    def terms(self, view: TermsView) -> None:
        width = max((display_width(one_line(t.term)) for t in view.terms), default=8) + 2
        for term in view.terms:
            see = see_words(term.see, self.spell)
            if self.narrow or width > self.console.width // 3:
                self.lines.append(Text(one_line(term.term), style="bold cyan"))
                self._text(term.meaning, indent=STACKED_INDENT)
                if term.explanation or see:
                    self._explained(term.explanation or "", see, STACKED_INDENT)
                self._law(term.law, STACKED_INDENT)
                continue
            self._hanging(self._label(one_line(term.term), width, "bold cyan"), term.meaning, width)
            if term.explanation or see:
                self._explained(term.explanation or "", see, width)
            self._law(term.law, width)
        self._flush()

    def _counted(self, heading: str, lines: Sequence[str], style: str) -> None:
        """ "heading (N)" in `style`, then the N lines as a list."""
        self._text(f"{one_line(heading)} ({len(lines)})", style)
        for line in lines:
            self._hanging(Text("  - "), line, 4)

    def report(self, view: ReportView) -> None:
        for line in view.errors:
            self._hanging(Text("error  ", style="bold red"), line, 7)
        for kind, lines in view.warnings:
            self._counted(kind, lines, "bold yellow")
        if view.acknowledged:
            self._counted(view.acknowledged_heading, view.acknowledged, "bold")
        for heading, lines in view.notes:
            self._counted(heading, lines, "bold")
        if view.reach:
            self._text(one_line(view.reach), "bold")
        if view.in_use:
            self._text(view.in_use)
        self._text(f"{one_line(view.file)}: {view.summary}", "bold")
        self._flush()

    def _deadline_row(self, row: Row) -> None:
        """A row styled by its tone; a command only where one can be spelled, else no row at all."""
        command = self.spell(row.ref) if row.ref else ""
        if row.ref and not command:
            return
        style = TONE_STYLES[row.tone]
        if row.items:
            indent = STACKED_INDENT if self.narrow else LABEL_WIDTH
            if self.narrow:
                self.lines.append(self._label(row.label, 0, "bold"))
            for n, item in enumerate(row.items):
                head = self._label(row.label if n == 0 and not self.narrow else "", indent, "bold")
                head.append("• ")
                spelled = self.spell(item.ref) if item.ref else ""
                pieces = [(one_line(item.text), style), *([(f"  {spelled}", "cyan")] if spelled else [])]
                self._lay(head, pieces, indent + 2, whole=(spelled,))  # a command is never split
            return
        pieces = [(one_line(row.text), style)] if row.text else []
        if command:
            pieces.append((f" {command}" if pieces else command, "cyan"))
        whole = (command,)
        if not row.label:
            self._lay(Text(), pieces, 0, whole)
        elif self.narrow:
            self.lines.append(self._label(row.label, 0, "bold"))
            self._lay(Text(" " * STACKED_INDENT), pieces, STACKED_INDENT, whole)
        else:
            self._lay(self._label(row.label, LABEL_WIDTH, "bold"), pieces, LABEL_WIDTH, whole)

    def deadlines(self, view: DeadlinesView) -> None:
        for item in view.items:
            self._rule(one_line(item.heading))
            for row in item.rows:
                self._deadline_row(row)
            self.lines.append(Text())
        for row in view.notes:
            self._deadline_row(row)
        self._flush()

    def due_date(self, view: DueDateView) -> None:
        for n, group in enumerate(view.groups):
            if n:
                self.lines.append(Text())
            for row in group:
                self._deadline_row(row)
        self._flush()

    def stale(self, view: StaleView) -> None:
        for row in view.rows:
            line = Text(f"{row.slug:<28} ", style="bold")
            pieces = [(f"{one_line(row.check)}: try {one_line(row.route)} ({row.basis}, {row.date or 'undated'})", "")]
            if row.guide:
                pieces.append(("  USM guide", "yellow"))
            self._lay(line, pieces, 4)
        self._text(view.total, "bold")
        self._flush()
