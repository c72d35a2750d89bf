"""Long output through a pager, only when a person is at a terminal."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_PAGER = "less"
# As git does: quit when it fits one screen, keep colour, leave the text on screen.
LESS_DEFAULT = "FRX"


def _command() -> str:
    return os.environ.get("PAGER") or DEFAULT_PAGER


def active(enabled: bool) -> bool:
    return enabled and sys.stdout is not None and sys.stdout.isatty()


def shows_colour() -> bool:
    """Whether the pager will show colour codes as colour rather than as raw escapes: only `less`
    with -R, which we set when LESS is unset; any other pager gets plain text."""
    import shlex

    try:
        args = shlex.split(_command())
    except ValueError:
        return False
    if not args or os.path.basename(args[0]) != "less":
        return False
    flags = " ".join(args[1:])
    less = os.environ.get("LESS")
    return less is None or "R" in less or "r" in less or "-R" in flags or "-r" in flags


@contextmanager
def paged(enabled: bool) -> Iterator[io.StringIO | None]:
    """Yield a buffer to write into, shown through $PAGER afterwards; None when not paging."""
    if not active(enabled):
        yield None
        return
    buffer = io.StringIO()
    yield buffer
    show(buffer.getvalue())


def show(text: str) -> None:
    import shlex
    import subprocess  # only when paging: it is slow to import

    env = dict(os.environ)
    env.setdefault("LESS", LESS_DEFAULT)
    try:
        args = shlex.split(_command())
        process = subprocess.Popen(args, stdin=subprocess.PIPE, encoding="utf-8", errors="replace", env=env)
    except (OSError, ValueError, IndexError):
        sys.stdout.write(text)  # no usable pager: print as if there were none
        return
    try:
        process.communicate(text)
    except (BrokenPipeError, KeyboardInterrupt):
        process.kill()
