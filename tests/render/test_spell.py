"""render/spell.py: references read after a text as commands where the reader can run one, whole
on one line, and as nothing without a command line."""

from __future__ import annotations

import io
import re

import pytest

from hkprobono.cli.spelling import spell
from hkprobono.content import guide as views
from hkprobono.freshness import today
from hkprobono.model import Directory, Ref
from hkprobono.render.plain import PlainRenderer
from hkprobono.render.spell import see_also, see_words
from hkprobono.render.terminal import RichRenderer


def test_rich_views_spell_the_references_in_full(directory: Directory) -> None:
    from rich.console import Console

    buffer = io.StringIO()
    renderer = RichRenderer(Console(file=buffer, width=80, force_terminal=True, highlight=False), spell=spell)
    guide = directory.guide
    assert guide is not None
    step = next(s for s in guide.steps if s.number == 9)
    renderer.step(views.step_view(directory, step, today()))
    renderer.terms(views.terms_view(guide.glossary, today()))
    text = re.sub(r"\s+", " ", re.sub(r"\x1b\[[0-9;]*m", "", buffer.getvalue()))
    assert "See 'hkprobono usm deadline jr --from DATE'." in text
    assert "See 'hkprobono show unhcr'." in text
    assert text.count("See '") == sum(1 for t in guide.glossary if t.see) + 1


@pytest.mark.parametrize("width", [30, 40, 60, 80, 120])
def test_a_terminal_never_breaks_a_command_across_lines(directory: Directory, width: int) -> None:
    from rich.console import Console

    buffer = io.StringIO()
    renderer = RichRenderer(Console(file=buffer, width=width, force_terminal=True, highlight=False), spell=spell)
    guide = directory.guide
    assert guide is not None
    renderer.steps(views.steps_view(directory, guide, today()))
    renderer.terms(views.terms_view(guide.glossary, today()))
    renderer.page(views.overview_view(guide, today()))
    lines = re.sub(r"\x1b\[[0-9;]*m", "", buffer.getvalue()).splitlines()
    refs_shown = [*guide.overview_see, Ref("step", ""), *(r for s in guide.steps for r in s.see)]
    for ref in [*refs_shown, *(r for t in guide.glossary for r in t.see)]:
        assert any(f"'{spell(ref)}'" in line for line in lines), (width, ref)


def test_without_a_command_line_references_read_as_nothing(directory: Directory) -> None:
    """A library caller (no spell hook) gets the text alone, never a dangling "See"."""
    out = io.StringIO()
    guide = directory.guide
    assert guide is not None
    PlainRenderer(out).terms(views.terms_view(guide.glossary, today()))
    PlainRenderer(out).page(views.overview_view(guide, today()))
    assert "See" not in out.getvalue() and "hkprobono" not in out.getvalue()


def test_see_also_lists_what_can_be_spelled() -> None:
    assert see_also([], spell) == ""
    assert see_also([Ref("org", "a")], spell) == "See 'hkprobono show a'."
    assert see_also([Ref("org", "a"), Ref("step", ""), Ref("term", "NCF")], spell) == (
        "See 'hkprobono show a', 'hkprobono usm steps' and 'hkprobono usm glossary NCF'."
    )
    assert see_also([Ref("nothing", "x")], spell) == ""
    assert see_words([Ref("org", "a"), Ref("org", "b"), Ref("org", "c")], spell) == [
        "See", "'hkprobono show a',", "'hkprobono show b'", "and", "'hkprobono show c'.",
    ]  # fmt: skip
