"""The console script. `hkprobono --version` answers here, before Typer and the commands load.

It also makes the standard streams safe before anything runs: a closed stdin, stdout or stderr
(`<&-`, `>&-`, `2>&-`) gets /dev/null on its descriptor, so no file opened later takes its place;
a closed stdout then fails on the first write, like a full disk, with one line on stderr and exit 3,
never a traceback or a silent exit 0."""

from __future__ import annotations

import errno
import gc
import io
import os
import sys

EXIT_OUTPUT = 3  # as hkprobono.errors (not imported here: --version stays the fastest path)
EXIT_BROKEN_PIPE = 141


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
            reconfigure(errors="backslashreplace")


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
    if code:
        raise SystemExit(code)


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
