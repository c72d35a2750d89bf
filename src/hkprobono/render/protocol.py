"""The one contract every human-facing renderer keeps: a method per view type.

`View` is the union of every view a command can hand the presenter, and `dispatch` sends each to
its method. mypy checks both sides: a renderer missing a method (or taking the wrong view) fails
where it is assigned to `Renderer`, and a view added to `View` but not to `dispatch` fails at
`assert_never`."""

from __future__ import annotations

from typing import Protocol, TypeAlias, assert_never

from hkprobono.content.card import CardView
from hkprobono.content.deadline import DeadlinesView, DueDateView
from hkprobono.content.directory import Districts, ListingView
from hkprobono.content.guide import StepsView, StepView, TermsView
from hkprobono.content.pages import PageView
from hkprobono.content.search import ResultsView
from hkprobono.maintain.report import ReportView
from hkprobono.maintain.stale import StaleView

View: TypeAlias = (
    ResultsView | CardView | ListingView | Districts | PageView | StepsView | StepView | TermsView | ReportView
    | DeadlinesView | DueDateView | StaleView
)  # fmt: skip


class Renderer(Protocol):
    def results(self, view: ResultsView) -> None: ...
    def card(self, view: CardView) -> None: ...
    def listing(self, view: ListingView) -> None: ...
    def districts(self, view: Districts) -> None: ...
    def page(self, view: PageView) -> None: ...
    def steps(self, view: StepsView) -> None: ...
    def step(self, view: StepView) -> None: ...
    def terms(self, view: TermsView) -> None: ...
    def report(self, view: ReportView) -> None: ...
    def deadlines(self, view: DeadlinesView) -> None: ...
    def due_date(self, view: DueDateView) -> None: ...
    def stale(self, view: StaleView) -> None: ...


def dispatch(renderer: Renderer, view: View) -> None:
    match view:
        case ResultsView():
            renderer.results(view)
        case CardView():
            renderer.card(view)
        case ListingView():
            renderer.listing(view)
        case Districts():
            renderer.districts(view)
        case PageView():
            renderer.page(view)
        case StepsView():
            renderer.steps(view)
        case StepView():
            renderer.step(view)
        case TermsView():
            renderer.terms(view)
        case ReportView():
            renderer.report(view)
        case DeadlinesView():
            renderer.deadlines(view)
        case DueDateView():
            renderer.due_date(view)
        case StaleView():
            renderer.stale(view)
        case _:
            assert_never(view)
