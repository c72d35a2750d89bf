"""The console script. `hkprobono --version` and shell completion answer here, before Typer and the
commands load: both run often and need none of it."""

from __future__ import annotations

import os
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
    if os.environ.get("_HKPROBONO_COMPLETE"):
        from hkprobono.completion import answer

        answered = answer(os.environ)
        if answered is not None:
            text, code = answered
            sys.stdout.write(text)
            raise SystemExit(code)
    from hkprobono.cli import main as cli_main

    cli_main()
