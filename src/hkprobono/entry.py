"""The console script. `hkprobono --version` answers here, before Typer and the commands load."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from hkprobono import __version__

        print(f"hkprobono {__version__}")
        return
    from hkprobono.cli import main as cli_main

    cli_main()
