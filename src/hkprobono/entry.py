"""The console script. `hkprobono --version` answers here, before Typer and the commands load."""

from __future__ import annotations

import sys


def main() -> None:
    # A terminal or pipe that cannot encode some text (PYTHONIOENCODING=ascii, an old Windows code
    # page) must still get every phone number and address, with the rest escaped, not a traceback.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    if sys.argv[1:] == ["--version"]:
        from hkprobono import __version__

        print(f"hkprobono {__version__}")
        return
    import signal

    # TERM ends the run like Ctrl-C does, so temporary files are removed on the way out.
    signal.signal(signal.SIGTERM, _terminate)
    from hkprobono.cli.app import main as cli_main

    cli_main()


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)
