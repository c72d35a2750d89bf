"""What every command shares: the global options, loading once, and turning errors into exit codes.

Heavy modules (rapidfuzz, Rich, exporters) are imported inside the functions that need them,
so `--version`, completion and `--json` start fast."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer

from hkprobono.errors import HkProBonoError

if TYPE_CHECKING:
    from hkprobono.model import Directory
    from hkprobono.render import Renderer
    from hkprobono.search import Index
    from hkprobono.store import Catalog

P = ParamSpec("P")
R = TypeVar("R")

# The --json option of every view; its keys are documented in the README.
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON with stable keys (see README).")]
EXIT_CODES_HELP = "Exit codes: 0 success; 1 nothing found (or warnings with --strict); 2 usage or data error."


class State:
    """The global options of one run, and the directory, opened once."""

    def __init__(self) -> None:
        self.data: Path | None = None
        self.color = "auto"
        self.pager = True
        self._catalog: Catalog | None = None

    def catalog(self) -> Catalog:
        if self._catalog is None:
            from hkprobono.store import open_catalog

            self._catalog = open_catalog(self.data)
        return self._catalog

    def directory(self) -> Directory:
        return self.catalog().directory

    def index(self) -> Index:
        return self.catalog().index


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
    from hkprobono.completion import values

    return values("slug", incomplete, _data_option(ctx))


def complete_category(ctx: typer.Context, incomplete: str) -> list[str]:
    from hkprobono.completion import values

    return values("category", incomplete, _data_option(ctx))


def _data_option(ctx: typer.Context) -> str | None:
    # While completing, the root callback has not run, so --data is only in the parsed parameters.
    data = state(ctx).data or ctx.find_root().params.get("data")
    return str(data) if data else None


def check_category(directory: Directory, category: str | None) -> None:
    if category and category not in {c.id for c in directory.categories}:
        known = ", ".join(c.id for c in directory.categories)
        raise HkProBonoError(f"unknown category '{category}'", hint=f"known categories: {known}")
