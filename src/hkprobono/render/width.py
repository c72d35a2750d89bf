"""The terminal's width in columns, clamped to a range every view can lay out."""

from __future__ import annotations

import shutil

# COLUMNS=0 would print nothing and COLUMNS=1000000000 would build gigabytes of padding: any
# width outside this range (from COLUMNS or the terminal) is taken as its nearest end. docs/safety.md.
NARROWEST = 20
WIDEST = 1000
# Below this many columns a label goes above its value (Rich and plain alike), and a Rich card drops
# its panel: a label column of 16 would leave too little room for the value beside it.
NARROW = 60


def columns() -> int:
    # shutil reads COLUMNS first and falls back to the terminal, then to 80 columns.
    try:
        width = shutil.get_terminal_size().columns
    except (ValueError, OSError):
        width = 80
    return min(max(width, NARROWEST), WIDEST)
