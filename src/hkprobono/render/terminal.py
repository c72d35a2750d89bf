"""Rich output for a terminal. Data text only ever enters as rich.text.Text, never as markup.

Views are built from styled Text lines, wrapped here with a hanging indent, rather than from Rich
tables: a table of search results took 7-25 ms to lay out, a third of the start-up budget."""

from __future__ import annotations

import shutil
import textwrap
from typing import TextIO

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from hkprobono.content.cards import KIND_LABELS, AnswerView, CardView, ListingView, ResultsView
from hkprobono.content.deadlines import DeadlinesView, DueDateView
from hkprobono.content.maintenance import StaleView
from hkprobono.content.pages import ACKNOWLEDGED, PageView, ReportView, StepsView, StepView, TermsView
from hkprobono.text import UNSAFE_CODES, display_width, one_line

LABEL_WIDTH = 16


# A control character that reached a Text without one_line becomes U+FFFD: the same length, so
# the styles stay where they were, and nothing from the data can drive the terminal.
_REPLACE = dict.fromkeys(UNSAFE_CODES, "\ufffd")


def safe(text: Text) -> Text:
    plain = text.plain
    if not plain.replace("\n", "").isprintable():
        text.plain = plain.translate(_REPLACE)
    return text


class RichRenderer:
    def __init__(self, console: Console) -> None:
        self.console = console
        self.lines: list[Text] = []
        self.inset = 0  # columns taken by a surrounding panel's border and padding

    @classmethod
    def for_stream(cls, into: TextIO | None = None, *, force: bool = False) -> RichRenderer:
        # highlight=False: Rich must not colour numbers or URLs found inside data text.
        if into is None:
            return cls(Console(highlight=False, force_terminal=True if force else None))
        # Captured for the pager: keep the terminal's width and colours.
        width = shutil.get_terminal_size().columns
        return cls(Console(file=into, highlight=False, force_terminal=True, width=width))

    # -- building blocks: each adds lines; `_flush` prints them in one call --------------------
    def _flush(self) -> None:
        # One print per view: every console.print costs a fraction of a millisecond.
        self.console.print(Text("\n").join(safe(line) for line in self.lines), soft_wrap=True)
        self.lines = []

    def _wrap(self, text: str, indent: int) -> list[str]:
        # Never wider than the room really left, or the panel crops what does not fit.
        width = max(8, self.console.width - self.inset - indent)
        # Outside a panel a long URL is kept whole and overflows; inside one it is folded, like Rich
        # would, so that the border stays straight.
        return textwrap.wrap(one_line(text), width, break_long_words=self.inset > 0, break_on_hyphens=False) or [""]

    def _hanging(self, first: Text, text: str, indent: int, style: str = "") -> None:
        lines = self._wrap(text, indent)
        first.append(lines[0], style=style)
        self.lines.append(first)
        self.lines.extend(Text(" " * indent + line, style=style) for line in lines[1:])

    @staticmethod
    def _label(label: str, width: int, style: str) -> Text:
        # Appended, not Text(label, style=...): a Text's own style would colour the value too.
        head = Text()
        head.append(f"{label:<{width}}", style=style)
        return head

    def _field(self, label: str, value: str, style: str = "", label_style: str = "bold") -> None:
        self._hanging(self._label(label, LABEL_WIDTH, label_style), value, LABEL_WIDTH, style)

    def _bullets(self, label: str, items: tuple[str, ...] | list[str]) -> None:
        for n, item in enumerate(items):
            head = self._label(label if n == 0 else "", LABEL_WIDTH, "bold")
            head.append("• ")
            self._hanging(head, item, LABEL_WIDTH + 2)

    def _text(self, text: str, style: str = "", indent: int = 0) -> None:
        self._hanging(Text(" " * indent), text, indent, style)

    def _rule(self, title: Text, style: str = "blue") -> None:
        used = display_width(title.plain) + 4
        line = self._label("── ", 3, style)
        line.append_text(title)
        line.append(" " + "─" * max(3, self.console.width - used), style=style)
        self.lines.append(line)

    # -- views --------------------------------------------------------------------------------
    def _answer_row(self, number: int, row: AnswerView) -> None:
        head = Text(f"{number:>2}. ")
        head.append(one_line(row.title), style="bold blue")
        head.append(f"  {row.ref}", style="cyan")
        head.append(f"  {row.score:g}", style="dim")
        self.lines.append(head)
        fact = self._label(f"    {row.label}  ", len(row.label) + 6, "magenta")
        deadline = row.fact.startswith("DEADLINE")
        self._hanging(fact, row.fact, 6, "bold red" if deadline else "")
        if row.helpers:
            self._hanging(self._label("    Who can help  ", 18, "dim"), "; ".join(row.helpers), 6, "cyan")
        self.lines.append(Text(f"    {one_line(row.more)}", style="dim"))

    def results(self, view: ResultsView) -> None:
        for number, row in enumerate(view.rows, 1):
            if isinstance(row, AnswerView):
                self._answer_row(number, row)
            else:
                head = Text(f"{number:>2}. ")
                head.append(one_line(row.name), style="bold")
                if row.status:
                    head.append(f" ({row.status})", style="bold yellow")
                head.append(f"  {row.slug}", style="cyan")
                head.append(f"  {row.score:g}", style="dim")
                details = Text("    ")
                details.append(KIND_LABELS["org"], style="dim")
                details.append("  ")
                details.append(one_line(row.categories), style="magenta")
                if row.phone:
                    details.append("  ")
                    details.append(one_line(row.phone), style="bold green")
                matched = Text("    ")
                matched.append(f"{row.field}: ", style="dim")
                matched.append(self._wrap(row.matched, 6 + len(row.field))[0])
                self.lines += [head, details, matched]
            for line in row.explain:
                self._text(f"- {line}", "dim", indent=6)
        for note in view.notes:
            self._text(note, "yellow")
        self.lines.append(Text("hkprobono show SLUG gives an organisation's full card.", style="dim"))
        self._flush()

    def card(self, view: CardView) -> None:
        title = Text(one_line(view.title), style="bold")
        if view.subtitle:
            title.append(f"  {one_line(view.subtitle)}")
        if view.status:
            title.append(f"  ({view.status})", style="bold yellow")
        self.inset = 4
        for row in view.rows:
            if row.items:
                self._bullets(row.label, row.items)
            else:
                style = "dim italic" if row.missing else ("bold yellow" if row.warn else "")
                self._field(row.label, row.value, style)
        self._bullets("Sources", view.sources)
        if view.advice:
            self.lines.append(Text())
            self._field("Check first", view.advice, label_style="bold yellow")
        # The text inside is already wrapped to fit, so the panel costs little to lay out.
        body = Text("\n").join(self.lines)
        body.no_wrap = True  # already wrapped: spares Rich a second, slower pass
        self.lines, self.inset = [], 0
        border = "red" if view.closed else "blue"
        subtitle = Text(view.slug, style="cyan")
        body, title, subtitle = safe(body), safe(title), safe(subtitle)
        self.console.print(Panel(body, title=title, subtitle=subtitle, border_style=border, title_align="left"))

    def listing(self, view: ListingView) -> None:
        width = max((len(m.slug) for g in view.groups for m in g.members), default=10) + 2
        for group in view.groups:
            self.lines.append(Text(one_line(group.label), style="bold underline"))
            for m in group.members:
                line = self._label(f"  {m.slug}", width + 2, "cyan")
                line.append(one_line(m.name))
                if m.status:
                    line.append(f" ({m.status})", style="bold yellow")
                if m.phone:
                    line.append(f"  {one_line(m.phone)}", style="green")
                self.lines.append(line)
            self.lines.append(Text())
        self.lines.append(Text(f"{view.total} organisations. hkprobono show SLUG gives the full card.", style="dim"))
        self._flush()

    def page(self, view: PageView) -> None:
        for section in view.sections:
            if section.heading:
                self._rule(Text(one_line(section.heading), style="bold"))
            for paragraph in section.paragraphs:
                self._text(paragraph)
            for item in section.items:
                self._text(f"- {item}", "dim", indent=2)
            self.lines.append(Text())
        self._flush()

    def _step_body(self, step: StepView, *, full: bool) -> None:
        self._field("What happens", step.summary)
        self._field("What to do", step.what_to_do)
        if step.deadline:
            self._field("DEADLINE", step.deadline, "bold red", label_style="bold red")
        if step.deadline_note:
            self._field("Deadline note", step.deadline_note, "yellow")
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
                self._rule(Text("Throughout the process" if stage == "throughout" else "The steps", style="bold"))
            self.lines.append(Text(f"{step.number}. {one_line(step.title)}", style="bold blue"))
            self._step_body(step, full=False)
            self.lines.append(Text())
        self._flush()

    def step(self, step: StepView) -> None:
        self._rule(Text(f"Step {step.number}. {one_line(step.title)}", style="bold"))
        self._step_body(step, full=True)
        self._flush()

    def terms(self, view: TermsView) -> None:
        width = max((display_width(one_line(t.term)) for t in view.terms), default=8) + 2
        for term in view.terms:
            self._hanging(self._label(one_line(term.term), width, "bold cyan"), term.meaning, width)
            if term.explanation:
                self._text(term.explanation, "dim", indent=width)
        self._flush()

    def report(self, view: ReportView) -> None:
        for line in view.errors:
            head = Text("error  ", style="bold red")
            self._hanging(head, line, 7)
        for kind, lines in view.warnings:
            self.lines.append(Text(f"{one_line(kind)} ({len(lines)})", style="bold yellow"))
            for line in lines:
                self._text(f"- {line}", indent=2)
        if view.acknowledged:
            self.lines.append(Text(f"{ACKNOWLEDGED} ({len(view.acknowledged)})", style="bold"))
            for line in view.acknowledged:
                self._text(f"- {line}", indent=2)
        self.lines.append(Text(f"{one_line(view.file)}: {view.summary}", style="bold"))
        self._flush()

    def deadlines(self, view: DeadlinesView) -> None:
        for item in view.items:
            self._rule(Text(f"{one_line(item.title)}  [{item.kind}]", style="bold"))
            self._field("Period", item.period, "bold red" if item.command else "yellow")
            self._field("Clock starts", item.starts)
            self._field("If missed", item.if_missed, "yellow")
            if item.note:
                self._field("Note", item.note)
            if item.step:
                self._field("Guide", f"hkprobono usm step {item.step}", "cyan")
            if item.command:
                self._field("Count it", item.command, "cyan")
            self._bullets("Sources", item.sources)
            self.lines.append(Text())
        for note in view.notes:
            self._text(note, "italic")
        self._flush()

    def due_date(self, view: DueDateView) -> None:
        self._text(view.headline, "bold red")
        self._text(f"{view.title}: {view.counted}")
        if view.moved:
            self._bullets("Moved by", view.moved)
        else:
            self._field("Moved by", "no day")
        self.lines.append(Text())
        self._field("Clock starts", view.starts)
        self._field("How counted", view.rule)
        self._field("If missed", view.if_missed, "yellow")
        self._bullets("Sources", view.sources)
        self.lines.append(Text())
        for n, line in enumerate(view.advice):
            self._text(line, "bold yellow" if n < 2 else "dim")
        self._flush()

    def stale(self, view: StaleView) -> None:
        for row in view.rows:
            line = Text(f"{row.slug:<28} ", style="bold")
            line.append(f"{row.field:<7} {row.date or 'undated':<10} {row.basis}")
            if row.guide:
                line.append("  USM guide", style="yellow")
            self.lines.append(line)
        total = f"{len(view.rows)} of {view.checked} contact details to re-check (undated or over a year old)"
        self.lines.append(Text(total, style="bold"))
        self._flush()
