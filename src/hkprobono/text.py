"""Text helpers shared by search and every renderer: folding for matching, neutralising for display."""

from __future__ import annotations

import re
import unicodedata

# Bidirectional overrides and isolates can reorder what a terminal shows; treat them as controls.
_BIDI = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# CJK ideograph blocks: Extension A, Unified, Compatibility, Extensions B-F and Supplement.
_CJK_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))


def _is_control(ch: str) -> bool:
    return (unicodedata.category(ch) == "Cc" and ch not in "\n\t") or ch in _BIDI


def neutralise(text: str) -> str:
    """Show control characters (ESC, CSI, bidi overrides...) as visible escapes, so data text
    can never drive the terminal. Newlines and tabs are kept."""
    if not any(_is_control(ch) for ch in text):
        return text
    return "".join(_escape(ch) if _is_control(ch) else ch for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


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
