"""What every command shares: the global options, the directory opened once, the presenter, the
one resolver of a typed name, and turning errors into exit codes.

No `from __future__ import annotations` in the cli modules: Typer evaluates every string annotation
of every command it builds, which costs start-up time."""

import errno
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from hkprobono.cli.catalog import open_catalog, quiet
from hkprobono.cli.spelling import spell
from hkprobono.errors import EXIT_BROKEN_PIPE, EXIT_OUTPUT, HkProBonoError
from hkprobono.model import Ref
from hkprobono.render.present import Presenter, error, write_err
from hkprobono.text import fold

if TYPE_CHECKING:
    from hkprobono.cli.catalog import Catalog
    from hkprobono.model import Directory, Organisation
    from hkprobono.search.engine import Index

P = ParamSpec("P")
R = TypeVar("R")

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 nothing found (or warnings with --strict); 2 usage or data error; "
    "3 the output could not be written; 7 another run was changing the data file (nothing written; "
    "try again); 130 cancelled (Ctrl-C); 141 the reader of a pipe went away."
)
# Text typed to be matched (a search, a name, a glossary term, a filter) is refused past this many
# characters before any matching, so no input can make a run slow (docs/safety.md, "Limits"): the longest
# name in the directory is under 100, and a 3,000-character query took seconds.
MAX_TYPED = 200

# -h as well as --help, for every command and group.
HELP_CONTEXT = {"help_option_names": ["-h", "--help"]}


def group(help_text: str | None = None, **settings: Any) -> typer.Typer:
    """A command group as every group here is made: plain help text (no Rich markup), -h for help."""
    return typer.Typer(help=help_text, rich_markup_mode=None, context_settings=HELP_CONTEXT, **settings)


# The --json and --plain options; their keys are documented in docs/json.md, their columns in the README.
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON with stable, versioned keys (see README).")]
PlainOpt = Annotated[bool, typer.Option("--plain", help="One tab-separated record per line, slug first, for scripts.")]
FirstOpt = Annotated[bool, typer.Option("--first", help="Take the best match without asking.")]


# The FILE argument of the `data` commands; the directory file they read (data_target).
PathArg = Annotated[
    Path | None,
    typer.Argument(metavar="[FILE]", help="The directory file (default: --data, $HKPROBONO_DATA, or the bundled one)."),
]


def complete_method(incomplete: str) -> list[str]:
    from hkprobono.model import CONFIRM_METHODS

    return [m for m in CONFIRM_METHODS if m.startswith(incomplete)]


class State:
    """The global options of one run, and the directory, opened once."""

    def __init__(self) -> None:
        self.data: Path | None = None
        self.color = "auto"
        self.pager = True
        self._catalog: Catalog | None = None

    def catalog(self) -> "Catalog":
        if self._catalog is None:
            self._catalog = open_catalog(self.data)
            remind(self._catalog)
        return self._catalog

    def directory(self) -> "Directory":
        return self.catalog().directory

    def index(self) -> "Index":
        return self.catalog().index


def remind(catalog: "Catalog") -> None:
    """One line on stderr when an update channel is set up but the data in use is old and the
    channel has not been checked lately (the ages are in loading/installed.py and docs/updates.md)."""
    from hkprobono.freshness import today
    from hkprobono.loading.installed import due

    origin = catalog.origin
    if origin.record is not None and due(origin, today()):
        checked = origin.record.checked[:10] or "never"
        write_err(
            f"Note: the directory data in use is from {origin.compiled} and the update channel was last checked "
            f"{checked}: run 'hkprobono data update' for the newest data."
        )


def data_target(ctx: typer.Context, path: Path | None) -> Path | None:
    """The file a `data` command works on: the one named, else --data or $HKPROBONO_DATA, else (None)
    the data in use."""
    return path if path is not None else state(ctx).data


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def presenter(ctx: typer.Context, *, as_json: bool = False, plain: bool = False) -> "Presenter":
    """The presenter for this run; --json and --plain together are a usage error."""
    if as_json and plain:
        raise typer.BadParameter("--json and --plain cannot be used together: choose one", param_hint="--plain")

    st = state(ctx)
    mode = "json" if as_json else "plain" if plain else "human"
    return Presenter(color=st.color, pager=st.pager, mode=mode, spell=spell)


def interactive() -> bool:
    """Prompt only when a person can answer: both stdin and stdout are terminals."""
    return bool(sys.stdin and sys.stdin.isatty() and sys.stdout and sys.stdout.isatty())


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; a reader that went away must not cause a second error.
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _flush_stdout() -> None:
    if sys.stdout is not None:
        sys.stdout.flush()


def hint_of(exc: HkProBonoError) -> str | None:
    """The error's hint, then what it points to as a command: "steps are numbered 1 to 14: see
    'hkprobono usm steps'"; an option to add to the command just run: "to overwrite it: add --force"."""
    ref = Ref(*exc.see) if exc.see is not None else None
    command = spell(ref) if ref is not None else ""
    if not command:
        return exc.hint
    said = f"add {command}" if ref is not None and ref.kind == "option" else f"see '{command}'"
    return f"{exc.hint}: {said}" if exc.hint else said


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Report HkProBonoError as one line on stderr and exit with its code: never a traceback.
    Output that cannot be written (a closed pipe, a full disk) ends with its own documented code."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:

        try:
            try:
                result = func(*args, **kwargs)
            except typer.Exit:
                _flush_stdout()
                raise
            _flush_stdout()  # output lost to a full disk is an error now, not a quiet exit 0 later
            return result
        except HkProBonoError as exc:
            error(exc.message, hint_of(exc))
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:
            _silence_stdout()
            raise typer.Exit(EXIT_BROKEN_PIPE) from None
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                _silence_stdout()
                raise typer.Exit(EXIT_BROKEN_PIPE) from None
            _silence_stdout()
            error(f"the output could not be written ({exc.strerror or exc})")
            raise typer.Exit(EXIT_OUTPUT) from None

    return wrapper


def typed(value: str, what: str, *, limit: int = MAX_TYPED) -> str:
    """Text from the command line, ready to match. In a locale that is not UTF-8 (LC_ALL=C without
    Python's UTF-8 mode) Python leaves the bytes of "難民" undecoded, as surrogates: they are read
    as the UTF-8 a terminal sends. Longer than `limit` characters is a usage error (exit 2), said
    before any matching starts."""
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            try:
                value = os.fsencode(value).decode("utf-8", "replace")
            except UnicodeEncodeError:  # a lone surrogate that stands for no byte (a test harness's)
                value = value.encode("utf-8", "replace").decode("utf-8")
    if len(value) > limit:
        raise HkProBonoError(
            f"{what} is {len(value):,} characters long; at most {limit} can be looked up",
            hint="use a few words, or the start of the name",
        )
    return value


def check_category(directory: "Directory", category: str | None) -> str | None:
    """The category id for what was typed: an id or a label, in any case; None for no filter."""
    if not category:
        return None
    category = typed(category, "--category")

    wanted = fold(category).strip().replace(" ", "-")
    for c in directory.categories:
        if wanted in (c.id, fold(c.label).replace(" ", "-")):
            return c.id
    known = ", ".join(c.id for c in directory.categories)
    raise HkProBonoError(f"unknown category '{category}'", hint=f"known categories: {known}")


def resolve(ctx: typer.Context, name: str, *, first: bool = False) -> "Organisation":
    """The one organisation a typed name means, for show, open, export vcard and --qr. An exact
    slug needs no search index; an ambiguous name asks which on a terminal, else is an error."""

    st = state(ctx)
    name = typed(name, "the name")
    from hkprobono.search.resolve import candidates, exact, pick  # only the commands that take a name

    org = exact(st.directory(), name)
    if org is not None:
        return org

    found = candidates(st.index(), name)
    if len(found) > 1 and not first and interactive():
        from hkprobono.content.directory import choices

        shown = found[:9]
        number = presenter(ctx).choose(choices(shown), "Which one")
        return shown[number - 1]
    return pick(st.index(), name, found, first=first)


def complete_slug(ctx: typer.Context, incomplete: str) -> list[str]:
    directory = completion_directory(ctx)
    return [o.slug for o in directory.organisations if o.slug.startswith(incomplete)] if directory else []


def complete_category(ctx: typer.Context, incomplete: str) -> list[str]:
    directory = completion_directory(ctx)
    return [c.id for c in directory.categories if c.id.startswith(incomplete)] if directory else []


def completion_directory(ctx: typer.Context) -> "Directory | None":
    # While completing, the root callback has not run, so --data is only in the parsed parameters.
    data = state(ctx).data or ctx.find_root().params.get("data")
    try:
        return open_catalog(data, notify=quiet).directory
    except HkProBonoError:
        return None  # a broken file completes nothing rather than printing an error into the shell


CategoryOpt = Annotated[
    str | None,
    typer.Option(
        "--category",
        "-c",
        metavar="CATEGORY",
        help="Only this category, by id or label (e.g. legal, food).",
        autocompletion=complete_category,
    ),
]


def output_name(value: str | None) -> str | None:
    """-o names a file (or a folder, for vCards): an empty name would write into the current
    folder, and "-" is not standard output here (leave -o out for that); both are usage errors."""
    if value is None:
        return None
    if not value.strip():
        raise typer.BadParameter("give a file name (an empty name would write into the current folder)")
    if value == "-":
        raise typer.BadParameter("'-' is not a file name; leave out -o to write to standard output")
    return value


def file_name(value: Path | None) -> Path | None:
    """A file that an option writes beside the output (--ics, --qr-png): never "-", never empty."""
    if value is not None and str(value).strip() in ("-", "", "."):
        raise typer.BadParameter(f"'{value}' is not a file name; give the file a name")
    return value


def conflict(first: tuple[str, bool], second: tuple[str, bool]) -> None:
    if first[1] and second[1]:
        raise typer.BadParameter(f"{first[0]} and {second[0]} cannot be used together", param_hint=second[0])
