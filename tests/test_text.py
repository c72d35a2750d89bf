"""text.py: neutralising data text for display."""

from __future__ import annotations

from hkprobono.text import first_unsafe, neutralise


def test_neutralise_covers_the_issue_characters() -> None:
    issue = "\x1b \x07 \x7f \x85 \x9b \x9c \x9d \u061c \u200b \u200c \u200d \u200e \u200f \u202a \u202e"
    issue += " \u2060 \u2066 \u2069"
    for ch in [*issue.split(" "), "\ufeff", "\U000e0041"]:
        shown = neutralise(f"a{ch}b")
        assert ch not in shown and shown.startswith("a\\") and shown.endswith("b"), repr(ch)
        assert first_unsafe(f"a{ch}b") == ch
    assert neutralise("a\nb\tc 法律") == "a\nb\tc 法律"
    assert first_unsafe("a\nb", "\n") is None and first_unsafe("a\nb") == "\n"
