"""Text helpers shared by search and every renderer: folding for matching, neutralising for display."""

from __future__ import annotations

import re
import unicodedata

_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
# CJK ideograph blocks: Extension A, Unified, Compatibility, Extensions B-F and Supplement.
_CJK_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F))


# Every C0 and C1 control except newline and tab; the bidirectional marks, embeddings, overrides and
# isolates (which can reorder what a terminal shows), the Arabic letter mark among them; zero-width
# and other invisible formatting characters (which can hide text or make two names look the same):
# each becomes a visible escape. A translate table, not a regex: compiling a character class that
# reaches U+E007F takes a millisecond at every start-up.
_CONTROLS = (
    *range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),  # C0 but \t and \n, DEL, C1
    0x00AD, 0x061C, 0x180E,  # soft hyphen, Arabic letter mark, Mongolian vowel separator
    *range(0x200B, 0x2010),  # zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
    0x2028, 0x2029, *range(0x202A, 0x202F),  # line and paragraph separators; embeddings and overrides
    *range(0x2060, 0x2065), *range(0x2066, 0x2070),  # word joiner, invisible operators; isolates, deprecated
    0xFEFF, *range(0xFFF9, 0xFFFC),  # zero-width no-break space (BOM); interlinear annotation
    *range(0x1BCA0, 0x1BCA4), *range(0x1D173, 0x1D17B), *range(0xE0000, 0xE0080),  # shorthand, music, tags
)  # fmt: skip
UNSAFE_CODES = frozenset(_CONTROLS)
_ESCAPES = {code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
            for code in _CONTROLS}  # fmt: skip


def neutralise(text: str) -> str:
    """Show control and invisible formatting characters (ESC, CSI, bidi overrides, zero-width
    spaces...) as visible escapes, so data text can never drive the terminal or hide itself.
    Newlines and tabs are kept."""
    if text.isprintable():  # the usual case, checked in C: every character above is unprintable
        return text
    return text.translate(_ESCAPES)


def first_unsafe(text: str, allowed: str = "") -> str | None:
    """The first character `neutralise` would escape (and tab or newline unless `allowed`), or None."""
    if text.isprintable():
        return None
    for ch in text:
        if (ord(ch) in UNSAFE_CODES or ch in "\t\n") and ch not in allowed:
            return ch
    return None


def one_line(text: str) -> str:
    """Neutralise and collapse all whitespace, for table cells and tab-separated output."""
    return " ".join(neutralise(text).split())


def foreign_digits(text: str) -> str:
    """How a date or number typed with digits other than 0-9 is wrong ("" when it is not):
    full-width digits (U+FF10-U+FF19) from a Chinese or Japanese keyboard look right and are not read."""
    if text.isascii():
        return ""
    if any("\uff10" <= ch <= "\uff19" for ch in text):
        return "it has full-width digits: type the digits 0-9"
    if any(ch.isdigit() for ch in text if not ch.isascii()):
        return "it has digits other than 0-9: type the digits 0-9"
    return ""


def display_width(text: str) -> int:
    """Terminal columns: wide (CJK) characters take two."""
    if text.isascii():  # nearly every line: one column a character, checked in C
        return len(text)
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
