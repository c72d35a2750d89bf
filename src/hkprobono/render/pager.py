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
    with -R (or -r) in force after $LESS and then its own arguments, as less reads them (-+R sets
    it back to off); we set LESS=FRX when LESS is unset. Any other pager gets plain text."""
    import shlex

    try:
        args = shlex.split(_command())
    except ValueError:
        return False
    if not args or os.path.basename(args[0]) != "less":
        return False
    less = os.environ.get("LESS")
    raw = _raw_after(LESS_DEFAULT if less is None else less, False)
    for word in args[1:]:
        raw = _raw_after(word, raw, alone=True)
    return raw


# less options that take a value: what follows them is the value, not more options (-Pprompt with
# an R in it sets no R). In $LESS a value runs to a "$" or the end; on the command line, to the end
# of the word, or is the next word.
_VALUED = frozenset("bhjkoOpPtTxyz#D")


def _raw_after(text: str, raw: bool, *, alone: bool = False) -> bool:
    """Whether less shows colour (-r or -R) after reading `text` ($LESS, or one word of the command
    line when `alone`), starting from `raw`: "-+R" or "-+r" puts the option back to its default
    (off), the last to speak wins, and a long --RAW-CONTROL-CHARS (or a unique start of it) counts."""
    if alone and not text.startswith("-"):
        return raw  # a file name or an initial command (+G)
    index, reset = 0, False
    while index < len(text):
        char = text[index]
        if text.startswith("--", index):
            end = min(i for i in (text.find(" ", index), text.find("$", index), len(text)) if i >= 0)
            name = text[index + 2 : end].split("=", 1)[0]
            if len(name.lstrip("+")) >= 3 and "raw-control-chars".startswith(name.lstrip("+").casefold()):
                raw = not name.startswith("+")
            index, reset = end, False
            continue
        if char == "+":
            reset = True
        elif char in "rR":
            raw, reset = not reset, False
        elif char in _VALUED:
            end = len(text) if alone else text.find("$", index)
            index, reset = (len(text) if end < 0 else end), False
            continue
        elif char not in "-":
            reset = False
        index += 1
    return raw


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
