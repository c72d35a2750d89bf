"""Rendering: the colour decision, and that data text can never become markup or escape codes."""

from __future__ import annotations

import io
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import DATA_DIR
from hkprobono.content import card, search
from hkprobono.freshness import today
from hkprobono.loading.source import load
from hkprobono.render.jsonout import dumps
from hkprobono.render.present import wants_rich
from hkprobono.render.terminal import RichRenderer
from hkprobono.search.engine import Index
from hkprobono.text import neutralise


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_wants_rich_follows_the_conventions(monkeypatch: pytest.MonkeyPatch) -> None:
    assert wants_rich("auto", FakeTTY())
    assert not wants_rich("auto", io.StringIO())
    assert wants_rich("always", io.StringIO())
    assert not wants_rich("never", FakeTTY())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not wants_rich("auto", FakeTTY())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert not wants_rich("auto", FakeTTY())
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert wants_rich("auto", io.StringIO())


def test_rich_output_never_interprets_data_as_markup(
    rich_console: tuple[RichRenderer, io.StringIO], unchecked: None
) -> None:
    renderer, buffer = rich_console
    directory = load(DATA_DIR / "hostile.toml")
    org = directory.by_slug("alpha-legal")
    assert org is not None
    renderer.card(card.card(directory, org, today()))
    view = search.view(directory, "[red]alpha", Index(directory).find("alpha", kind="org"))
    assert view is not None
    renderer.results(view)
    text = buffer.getvalue()
    assert "[bold red]Legal[/bold red]" in text
    assert "[link=https://evil.example]" in text.replace("\n", "") or "[link=https://evil.exam" in text
    for raw in ("\x1b[31mAid", "\x9b", "\u202e", "\x07", "\x1b]8;;https://evil"):
        assert raw not in text


def test_json_escapes_c1_and_bidi_controls() -> None:
    text = dumps({"x": "a\x9b2J\u202eb\x1b"})
    assert "\\u009b" in text and "\\u202e" in text and "\\u001b" in text
    assert "\x9b" not in text and "\u202e" not in text


def _escaped_by_definition(text: str) -> str:
    """What neutralise must do, spelled out character by character (its fast path uses a regex)."""
    # Format characters (Cf) that show as a mark of their own stay: Arabic number signs and the like.
    visible = {*range(0x600, 0x606), 0x6DD, 0x70F, 0x890, 0x891, 0x8E2, 0x110BD, 0x110CD, *range(0x13430, 0x13439)}
    # The whole tag block goes, its unassigned code points too: a later Unicode may assign them as
    # format characters, and they never belong in a directory's text.
    tags = range(0xE0000, 0xE0080)
    out = []
    for ch in text:
        kind = unicodedata.category(ch)
        invisible = (kind == "Cf" and ord(ch) not in visible) or ord(ch) in tags
        if (kind == "Cc" and ch not in "\n\t") or kind in ("Zl", "Zp") or invisible:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)


@given(st.text(alphabet=st.characters(), max_size=60) | st.sampled_from(["\x1b[31mred", "a\u202eb", "\x9b2J", "x\ny"]))
def test_neutralise_escapes_exactly_the_controls(text: str) -> None:
    shown = neutralise(text)
    assert shown == _escaped_by_definition(text)
    assert not any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in shown)


@pytest.mark.slow
def test_neutralise_agrees_with_its_definition_on_every_code_point() -> None:
    wrong = [hex(c) for c in range(0x110000) if neutralise(chr(c)) != _escaped_by_definition(chr(c))]
    assert not wrong
