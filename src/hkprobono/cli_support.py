"""What every command shares: the global options, loading once, and turning errors into exit codes.

Heavy modules (rapidfuzz, Rich, exporters) are imported inside the functions that need them,
so `--version`, completion and `--json` start fast."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import typer

from hkprobono.errors import HkProBonoError

if TYPE_CHECKING:
    from hkprobono.model import Directory
    from hkprobono.render import Renderer

P = ParamSpec("P")
R = TypeVar("R")

EXIT_CODES_HELP = "Exit codes: 0 success; 1 nothing found (or warnings with --strict); 2 usage or data error."


@dataclass
class State:
    data: Path | None = None
    color: str = "auto"
    pager: bool = True
    _directory: Directory | None = None

    def directory(self) -> Directory:
        if self._directory is None:
            from hkprobono.loader import load

            self._directory = load(self.data)
        return self._directory


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


@contextmanager
def output(ctx: typer.Context, *, page: bool = False) -> Iterator[Renderer]:
    """The renderer for this run; long views (`page`) go through the pager on a terminal."""
    from hkprobono.render import renderer
    from hkprobono.render.pager import paged

    st = state(ctx)
    with paged(page and st.pager) as buffer:
        yield renderer(st.color, buffer)


def interactive() -> bool:
    """Prompt only when a person can answer: both stdin and stdout are terminals."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Report HkProBonoError as one line on stderr and exit with its code: never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except HkProBonoError as exc:
            from hkprobono.render import error

            error(exc.message, exc.hint)
            raise typer.Exit(exc.exit_code) from None

    return wrapper


def complete_slug(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        directory = state(ctx).directory()
    except HkProBonoError:
        return []
    return [o.slug for o in directory.organisations if o.slug.startswith(incomplete)]


def complete_category(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        directory = state(ctx).directory()
    except HkProBonoError:
        return []
    return [c.id for c in directory.categories if c.id.startswith(incomplete)]


def check_category(directory: Directory, category: str | None) -> None:
    if category and category not in {c.id for c in directory.categories}:
        known = ", ".join(c.id for c in directory.categories)
        raise HkProBonoError(f"unknown category '{category}'", hint=f"known categories: {known}")
