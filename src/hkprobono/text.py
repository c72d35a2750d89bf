"""Text helpers shared by search and every renderer: folding for matching, neutralising for display."""

from __future__ import annotations

import re
import unicodedata

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# CJK ideograph blocks: Extension A, Unified, Compatibility, Extensions B-F and Supplement.
_CJK_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))


# Every C0 and C1 control except newline and tab, and the bidirectional overrides and isolates
# (which can reorder what a terminal shows), each to a visible escape. A translate table, not a
# regex: compiling a character class that reaches U+2069 takes a millisecond at every start-up.
_CONTROLS = (
    *range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),  # C0 but \t and \n, DEL, C1
    0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A),  # marks, embeddings, isolates
)  # fmt: skip
_ESCAPES = {code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" for code in _CONTROLS}


def neutralise(text: str) -> str:
    """Show control characters (ESC, CSI, bidi overrides...) as visible escapes, so data text
    can never drive the terminal. Newlines and tabs are kept."""
    if text.isprintable():  # the usual case, checked in C: no controls, no bidi formatting
        return text
    return text.translate(_ESCAPES)


def one_line(text: str) -> str:
    """Neutralise and collapse all whitespace, for table cells and tab-separated output."""
    return " ".join(neutralise(text).split())


def display_width(text: str) -> int:
    """Terminal columns: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def fold(text: str) -> str:
    """Compatibility-normalise and case-fold for matching (full-width letters, ligatures, ß)."""
    return unicodedata.normalize("NFKC", text).casefold()


def words(text: str) -> list[str]:
    """Split folded text into word tokens; runs of CJK characters stay one token each."""
    return _WORD_RE.findall(fold(text))


def has_cjk(text: str) -> bool:
    # max() rejects Latin text in C; a regex with astral ranges costs milliseconds to compile.
    if not text or max(text) < "\u3400":
        return False
    return any(lo <= ord(ch) <= hi for ch in text for lo, hi in _CJK_BLOCKS)
