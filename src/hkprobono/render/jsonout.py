"""JSON output: stable keys, UTF-8, and no raw control characters even in the C1 range."""

from __future__ import annotations

import json
import sys
from typing import Any

# json.dumps(ensure_ascii=False) escapes C0 controls but leaves DEL, C1 (e.g. U+009B, a CSI) and
# bidi overrides raw; escape them so JSON printed to a terminal cannot drive it. A translate
# table, not a regex: compiling that character class costs a millisecond at every start-up.
_UNSAFE = (*range(0x7F, 0xA0), 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_ESCAPES = {code: f"\\u{code:04x}" for code in _UNSAFE}


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2).translate(_ESCAPES)


def emit(data: Any) -> None:
    sys.stdout.write(dumps(data) + "\n")
