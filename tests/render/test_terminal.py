"""No word lost at any width: the Rich views say every word the plain views say, at 30 to 120
columns, never cropped by a panel; a long web address is folded without losing a character."""

from __future__ import annotations

import io
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from rich.console import Console

from hkprobono.cli.catalog import open_catalog
from hkprobono.cli.spelling import spell
from hkprobono.content import about, card, search
from hkprobono.content import deadline as deadlines
from hkprobono.content import directory as lists
from hkprobono.content import guide as guide_views
from hkprobono.freshness import today
from hkprobono.render.blocks import PANEL_INSET, texts
from hkprobono.render.layout import chop, words, wrap
from hkprobono.render.plain import PlainRenderer
from hkprobono.render.protocol import dispatch
from hkprobono.render.terminal import RichRenderer
from hkprobono.render.width import NARROW
from hkprobono.text import display_width
from hkprobono.usm.guide import guide_of

WIDTHS = (30, 40, 60, 80, 120)
BOX = re.compile("[\u2500-\u257f•]")
# Words only the plain view uses to label its parts ("| Legal", "more: hkprobono usm step 8").
PLAIN_DECORATION = {"more", "|", "-"}
# The narrowest room a panel leaves: its borders and padding, the label column and a bullet.
PANEL_ROOM = PANEL_INSET + 16 + 2


def normal(word: str) -> str:
    """A word without the brackets, parentheses and colon a label, slug or command wears in one
    view but not the other (plain text puts a command in parentheses after its line)."""
    return word.strip("[]()").removesuffix(":").strip("[]()")


def plain_words(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        if line and set(line.strip()) <= {"-", "="}:
            continue  # an underline
        found += [normal(w) for w in line.split()]
    return [w for w in found if w and w not in PLAIN_DECORATION]


def rich_lines(text: str) -> list[str]:
    return [BOX.sub(" ", line) for line in text.splitlines()]


def views() -> Iterator[tuple[str, Any]]:
    catalog = open_catalog(None)
    directory, on = catalog.directory, today()
    guide = guide_of(directory)
    for org in directory.organisations:
        yield f"show {org.slug}", card.card(directory, org, on)
    yield "usm steps", guide_views.steps_view(directory, guide, on)
    for step in guide.steps:
        yield f"usm step {step.number}", guide_views.step_view(directory, step, on)
    for term in guide.glossary:
        yield f"usm glossary {term.term}", guide_views.terms_view([term], on)
    yield "usm glossary", guide_views.terms_view(guide.glossary, on)
    for query, explain in (("legal", False), ("food", True), ("appeal deadline", False), ("can I work", True)):
        yield f"search {query}", search.view(directory, query, catalog.index.find(query, limit=10), explain=explain)
    orgs = list(directory.current())
    yield "list", lists.listing(directory, orgs, None)
    yield "list --include-closed", lists.listing(directory, list(directory.current(include_closed=True)), None)
    yield "districts", lists.districts(directory)
    yield "about", about.about(directory, on)
    yield "usm overview", guide_views.overview_view(guide, on)
    yield "usm deadlines", deadlines.listing(guide.deadlines, on)
    from datetime import date

    from hkprobono.usm import counting

    for kind, start in (("appeal", date(2026, 11, 20)), ("appeal", date(2025, 12, 12)), ("jr", date(2026, 11, 6))):
        due = counting.compute(counting.find(guide.deadlines, kind), start)
        yield f"usm deadline {kind} --from {start}", deadlines.due_date(deadlines.count(due, on, directory), on)


VIEWS = list(views())


def render_plain(view: Any) -> str:
    out = io.StringIO()
    dispatch(PlainRenderer(out, spell=spell), view)
    return out.getvalue()


def render_rich(view: Any, width: int) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=True, color_system=None, highlight=False)
    dispatch(RichRenderer(console, spell=spell), view)
    return out.getvalue()


@pytest.mark.slow  # every view at five widths: about a thousand renderings
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "view"), VIEWS, ids=[name for name, _ in VIEWS])
def test_no_word_is_lost(name: str, view: Any, width: int) -> None:
    said = Counter(plain_words(render_plain(view)))
    shown_text = render_rich(view, width)
    lines = rich_lines(shown_text)
    shown = Counter(normal(w) for line in lines for w in line.split())
    # A word too long for a line inside a panel is folded there: its pieces follow each other.
    joined = "".join(line.strip() for line in lines)
    lost = []
    for word, count in said.items():
        if shown[word] >= count:
            continue
        folded = display_width(word) > width - PANEL_ROOM and joined.count(word) >= count
        if not folded:
            lost.append(word)
    assert not lost, f"{name} at {width} columns lost {lost}"


@pytest.mark.slow  # every view at five widths: about a thousand renderings
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "view"), VIEWS, ids=[name for name, _ in VIEWS])
def test_a_panel_never_crops(name: str, view: Any, width: int) -> None:
    """Inside a panel every line fits; outside one only a single word may run past the edge."""
    for line in render_rich(view, width).splitlines():
        if display_width(line) <= width:
            continue
        assert "│" not in line and "╭" not in line, (name, line)
        # A command is kept whole to be copied in one piece (tests/test_refs.py): what runs past
        # the edge is then the command, whose text before it fits.
        command = re.search(r"'?hkprobono ", line)
        if command and display_width(line[: command.start()]) <= width:
            continue
        assert len(line.split()) == 1 or display_width(line.split()[-1]) > width // 2, (name, line)


def test_narrow_cards_drop_the_panel() -> None:
    card = next(view for name, view in VIEWS if name == "show refugee-union")
    narrow = render_rich(card, NARROW - 1)
    assert "╭" not in narrow and narrow.splitlines()[0].startswith("Refugee Union")
    assert "\nPhone\n  +852 9828 7176\n" in narrow
    wide = render_rich(card, NARROW)
    assert wide.startswith("╭─ Refugee Union") and "refugee-union" in wide.splitlines()[-1]


def test_a_long_title_goes_inside_the_panel() -> None:
    card = next(view for name, view in VIEWS if name == "show refugee-union")
    long = card._replace(title="A very long organisation name " * 3)
    text = render_rich(long, 60)
    assert text.splitlines()[0].startswith("╭─────") and "…" not in text
    assert "A very long organisation name A very long" in text


def test_a_long_url_starts_a_line_and_folds_without_losing_a_character() -> None:
    from rich.text import Text

    url = "https://example.org/" + "a-long-path/" * 8
    lines = [line.plain for line in texts(Text("  "), wrap(2, words([(f"see {url} now", "")]), 40, 2, fold=True), 2)]
    assert lines[0] == "  see"
    assert all(display_width(line) <= 40 for line in lines)
    assert "".join(line[2:] for line in lines[1:]).startswith(url)
    whole = ["".join(text for text, _ in runs) for runs in wrap(0, words([(f"see {url}", "")]), 40, 0, fold=False)]
    assert whole == ["see", url]


def test_chop_counts_cells() -> None:
    assert chop("難民聯會", 3) == ["難", "民", "聯", "會"]
    assert chop("abcdef", 4) == ["abcd", "ef"]
    assert "".join(chop("https://x.org/a難b", 5)) == "https://x.org/a難b"


def test_words_keep_styles_and_spacing() -> None:
    assert words([("a  b", "x"), ("  c", "y")]) == [("a", "x", 0), ("b", "x", 2), ("c", "y", 2)]


@pytest.mark.parametrize("width", WIDTHS)
def test_rules_span_the_width(width: int) -> None:
    view = next(view for name, view in VIEWS if name == "usm steps")
    rules = [line for line in render_rich(view, width).splitlines() if re.search(" ─{3,}$", line)]
    assert rules and all(display_width(line) == width for line in rules)


@pytest.mark.parametrize(("name", "view"), VIEWS, ids=[name for name, _ in VIEWS])
def test_plain_underlines_are_as_wide_as_their_heading(name: str, view: Any) -> None:
    lines = render_plain(view).splitlines()
    for above, line in itertools.pairwise(lines):
        if line and set(line) <= {"-", "="} and len(line) > 2:
            assert len(line) == display_width(above), (name, above, line)


def test_the_card_title_underline_covers_the_chinese_name_and_the_slug() -> None:
    card = next(view for name, view in VIEWS if name == "show refugee-union")
    title, underline = render_plain(card).splitlines()[:2]
    assert title == "Refugee Union  難民聯會  [refugee-union]"
    assert underline == "=" * (len(title) + 4)  # four CJK characters take two cells each


def test_a_phone_number_is_never_split() -> None:
    listing = next(view for name, view in VIEWS if name == "list")
    for width in WIDTHS:
        assert "+852 9828 7176" in render_rich(listing, width)
    assert words([("Union", ""), ("  +852 9828 7176", "g")], whole=("+852 9828 7176",)) == [
        ("Union", "", 0),
        ("+852 9828 7176", "g", 2),
    ]
