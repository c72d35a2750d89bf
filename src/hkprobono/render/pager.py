"""Long output through a pager, only when a person is at a terminal."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

DEFAULT_PAGER = "less -FIRX"  # -F quits when it fits one screen, -R keeps colour, -X leaves it on screen


@contextmanager
def paged(enabled: bool) -> Iterator[io.StringIO | None]:
    """Yield a buffer to write into, shown through $PAGER afterwards; None when not paging."""
    if not enabled or not sys.stdout.isatty():
        yield None
        return
    buffer = io.StringIO()
    yield buffer
    show(buffer.getvalue())


def show(text: str) -> None:
    import shlex
    import subprocess  # only when paging: it is slow to import

    command = os.environ.get("PAGER") or DEFAULT_PAGER
    try:
        args = shlex.split(command)
        process = subprocess.Popen(args, stdin=subprocess.PIPE, encoding="utf-8", errors="replace")
    except (OSError, ValueError):
        sys.stdout.write(text)  # no usable pager: print as if there were none
        return
    try:
        process.communicate(text)
    except (BrokenPipeError, KeyboardInterrupt):
        process.kill()
