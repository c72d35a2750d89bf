"""The console script. `hkprobono --version` answers here, before Typer and the commands load.

It also makes the standard streams safe before anything runs: a closed stdin, stdout or stderr
(`<&-`, `>&-`, `2>&-`) gets /dev/null on its descriptor, so no file opened later takes its place;
a closed stdout then fails on the first write, like a full disk, with one line on stderr and exit 3,
never a traceback or a silent exit 0. Text a terminal's character set cannot show (an ASCII-only
locale) is written as visible escapes, and a note on stderr says so once, at the end."""

from __future__ import annotations

import codecs
import errno
import gc
import io
import os
import sys

EXIT_OUTPUT = 3  # as hkprobono.errors (not imported here: --version stays the fastest path)
EXIT_BROKEN_PIPE = 141


# The error handler of the standard streams, by name, so that render/present.py can use it for the
# terminal text it encodes itself without importing this module.
VISIBLE = "hkprobono-visible"
_unshown: list[str] = []  # the encodings that could not show some text, in this run


def _visible(exc: UnicodeError) -> tuple[str | bytes, int]:
    """As "backslashreplace" (\\u96e3), remembering that it was needed, for the note at the end."""
    if isinstance(exc, UnicodeEncodeError):
        _unshown.append(exc.encoding)
    return codecs.backslashreplace_errors(exc)


codecs.register_error(VISIBLE, _visible)


class ClosedOutput(io.TextIOBase):
    """Standard output when the shell closed it: every write fails, as on a full disk."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")

    def isatty(self) -> bool:
        return False


def _guard_streams() -> None:
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                null = os.open(os.devnull, os.O_RDWR)
            except OSError:
                continue
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
    if sys.stdout is None:
        sys.stdout = ClosedOutput()
    # With stderr closed, messages are dropped: Click would otherwise fall back to stdout.
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - open for the whole run
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - end of input at once
    # A terminal or pipe that cannot encode some text (PYTHONIOENCODING=ascii, an old Windows code
    # page) must still get every phone number and address, with the rest escaped, not a traceback.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=VISIBLE)


def main() -> None:
    # A run lives for a tenth of a second and makes few reference cycles, but the cyclic collector
    # would scan the objects of every import and of the cache again and again: about 8 ms of a
    # search (bench/bench.py). Reference counting still frees everything else.
    gc.disable()
    _guard_streams()
    code: int | str | None
    try:
        code = _run()
    except SystemExit as stop:
        code = stop.code
    except OSError as exc:  # output Click or Typer wrote themselves (help, usage) could not be written
        code = _output_failed(exc)
    try:
        if sys.stdout is not None:
            sys.stdout.flush()  # the last buffered output fails here, not silently at exit
    except (OSError, ValueError) as exc:
        if code not in (EXIT_OUTPUT, EXIT_BROKEN_PIPE):
            code = _output_failed(exc)
    _note_unshown()
    if code:
        raise SystemExit(code)


def _note_unshown() -> None:
    """Say once, on stderr, that some text was escaped because the terminal could not show it."""
    if not _unshown or sys.stderr is None:
        return
    try:
        sys.stderr.write(
            f"Note: some characters cannot be shown in this terminal's character set ({_unshown[0]}) and are "
            "written as \\u escapes; a UTF-8 locale (such as LANG=C.UTF-8) shows them\n"
        )
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _run() -> int:
    if sys.argv[1:] == ["--version"]:
        from hkprobono import __version__

        sys.stdout.write(f"hkprobono {__version__}\n")
        return 0
    import signal

    # TERM ends the run like Ctrl-C does, so temporary files are removed on the way out.
    signal.signal(signal.SIGTERM, _terminate)
    from hkprobono.cli.app import main as cli_main

    cli_main()
    return 0


def _output_failed(exc: BaseException) -> int:
    """Stop writing to stdout (Python flushes it again at exit) and say why on stderr, once."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        sys.stdout = ClosedOutput()
    if isinstance(exc, OSError) and exc.errno == errno.EPIPE:
        return EXIT_BROKEN_PIPE
    if sys.stderr is not None:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        try:
            sys.stderr.write(f"Error: the output could not be written ({reason})\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass
    return EXIT_OUTPUT


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)
