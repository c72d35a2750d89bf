"""All output lives here: Rich on a terminal, plain text when piped, JSON on request.

Only `terminal` imports Rich, and only when a terminal asked for it."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from hkprobono.render.views import CardView, Group, PageView, ResultView, StepView, TermView

COLOR_CHOICES = ("auto", "always", "never")


class Renderer(Protocol):
    def results(self, rows: list[ResultView], *, query: str) -> None: ...
    def card(self, view: CardView) -> None: ...
    def groups(self, groups: list[Group], *, total: int) -> None: ...
    def page(self, view: PageView) -> None: ...
    def steps(self, steps: list[StepView], *, intro: tuple[str, ...]) -> None: ...
    def step(self, step: StepView) -> None: ...
    def terms(self, terms: list[TermView]) -> None: ...


def wants_rich(color: str = "auto", stream: TextIO | None = None) -> bool:
    """Colour and layout only where a person is looking: clig.dev and no-color.org rules."""
    if color == "always":
        return True
    if color == "never" or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM") == "dumb":
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def renderer(color: str = "auto", into: TextIO | None = None) -> Renderer:
    """The renderer for stdout; `into` captures the output (for the pager) in the same style."""
    if wants_rich(color):
        from hkprobono.render.terminal import RichRenderer

        return RichRenderer.for_stream(into, force=color == "always")
    from hkprobono.render.plain import PlainRenderer

    return PlainRenderer(into or sys.stdout)


def error(message: str, hint: str | None = None) -> None:
    """Errors go to stderr as plain text: never markup, never colour codes from data."""
    from hkprobono.text import neutralise

    print(f"Error: {neutralise(message)}", file=sys.stderr)
    if hint:
        print(neutralise(hint), file=sys.stderr)
