"""JSON output: stable keys, UTF-8, and no raw control or invisible formatting characters."""

from __future__ import annotations

import json
from typing import Any

from hkprobono.text import UNSAFE_CODES


def _escape(code: int) -> str:
    if code < 0x10000:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)  # JSON spells an astral character as a surrogate pair
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


# json.dumps(ensure_ascii=False) escapes C0 controls but leaves DEL, C1 (e.g. U+009B, a CSI), the
# bidi controls and zero-width characters raw; escape every character text.neutralise escapes, so
# JSON printed to a terminal cannot drive it and still decodes to the same data. A translate table,
# not a regex: compiling that character class costs a millisecond at every start-up.
_ESCAPES = {code: _escape(code) for code in UNSAFE_CODES}


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2).translate(_ESCAPES)
