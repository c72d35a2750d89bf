"""JSON output: stable keys, UTF-8, and no raw control characters even in the C1 range."""

from __future__ import annotations

import json
import re
import sys
from typing import Any

# json.dumps(ensure_ascii=False) escapes C0 controls but leaves C1 (e.g. U+009B, a CSI) and bidi
# overrides raw; escape them so JSON printed to a terminal cannot drive it.
_UNSAFE = re.compile("[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def dumps(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def emit(data: Any) -> None:
    sys.stdout.write(dumps(data) + "\n")
