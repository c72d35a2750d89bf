"""The one contract every human-facing renderer keeps: a method per view type.

`Renderer` names a method for every view a command can hand the presenter; mypy checks that each
renderer has them all, with the right view types, where it is assigned to `Renderer` (the
presenter does that). `dispatch` finds the method by the view's class name, so that showing a card
imports no deadline or guide module: the view modules are imported here for type checking only.
tests/render/test_protocol.py holds METHODS, `View` and `Renderer` to one another."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeAlias

if TYPE_CHECKING:
    from hkprobono.content.card import CardView
    from hkprobono.content.deadline import DeadlinesView, DueDateView
    from hkprobono.content.directory import Districts, ListingView
    from hkprobono.content.guide import StepsView, StepView, TermsView
    from hkprobono.content.pages import PageView
    from hkprobono.content.search import ResultsView
    from hkprobono.maintain.report import ReportView
    from hkprobono.maintain.stale import StaleView

View: TypeAlias = (
    "ResultsView | CardView | ListingView | Districts | PageView | StepsView | StepView | TermsView | ReportView"
    " | DeadlinesView | DueDateView | StaleView"
)


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


# The Renderer method for each view type, by class name.
METHODS = {
    "ResultsView": "results", "CardView": "card", "ListingView": "listing", "Districts": "districts",
    "PageView": "page", "StepsView": "steps", "StepView": "step", "TermsView": "terms", "ReportView": "report",
    "DeadlinesView": "deadlines", "DueDateView": "due_date", "StaleView": "stale",
}  # fmt: skip


def dispatch(renderer: Renderer, view: View) -> None:
    getattr(renderer, METHODS[type(view).__name__])(view)
