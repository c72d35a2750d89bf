"""render/jsonout.py: JSON output escapes every unsafe character and reads back the same."""

from __future__ import annotations

import json

from conftest import raw_controls
from hkprobono.text import UNSAFE_CODES


def test_json_escapes_every_unsafe_character_and_round_trips() -> None:
    from hkprobono.render.jsonout import dumps

    text = "".join(chr(c) for c in sorted(UNSAFE_CODES))
    out = dumps({"k": text})
    assert not raw_controls(out) and out.isascii()
    assert json.loads(out) == {"k": text}
