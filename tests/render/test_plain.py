"""Plain text on a terminal wraps at spaces to the width, hanging under what it continues; piped, it
is written as it always was (the golden files hold that)."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hkprobono.cli.catalog import open_catalog
from hkprobono.cli.spelling import spell
from hkprobono.content import about, card, search
from hkprobono.content import directory as lists
from hkprobono.content import guide as guide_views
from hkprobono.freshness import today
from hkprobono.model import Directory
from hkprobono.render.layout import NUMBER, fill
from hkprobono.render.plain import LABEL_WIDTH, STACKED_INDENT, PlainRenderer
from hkprobono.render.protocol import dispatch
from hkprobono.text import display_width
from hkprobono.usm.guide import guide_of

URL = "https://www.justicecentre.org.hk/i-want-to-know-how-you-can-help-me/"


def unbreakable(line: str) -> bool:
    """One word, or one phone number: what may run past the edge, alone on its line."""
    token = line.strip(" ")
    return " " not in token or re.fullmatch(NUMBER, token) is not None


def words(text: str) -> list[str]:
    """The words of a rendering, without its underlines (which are as wide as the heading's lines)."""
    return [w for line in text.splitlines() if not set(line) <= {"=", "-"} for w in line.split()]


def render(view: Any, width: int | None) -> str:
    out = io.StringIO()
    dispatch(PlainRenderer(out, spell=spell, width=width), view)
    return out.getvalue()


def views() -> list[tuple[str, Any]]:
    catalog = open_catalog(None)
    directory, on = catalog.directory, today()
    guide = guide_of(directory)
    found: list[tuple[str, Any]] = [
        (f"show {org.slug}", card.card(directory, org, on)) for org in directory.organisations
    ]
    found += [
        ("usm steps", guide_views.steps_view(directory, guide, on)),
        ("usm step 8", guide_views.step_view(directory, guide.steps[7], on)),
        ("usm glossary", guide_views.terms_view(guide.glossary, on)),
        ("search legal", search.view(directory, "legal", catalog.index.find("legal", limit=10))),
        ("search food --explain", search.view(directory, "food", catalog.index.find("food", limit=10), explain=True)),
        ("list", lists.listing(directory, list(directory.current()), None)),
        ("districts", lists.districts(directory)),
        ("about", about.about(directory, on)),
    ]
    return found


VIEWS = views()
IDS = [name for name, _ in VIEWS]


def justice_centre(directory: Directory) -> card.CardView:
    org = directory.by_slug("justice-centre")
    assert org is not None
    return card.card(directory, org, today())


# -- fill: the one wrapping rule ----------------------------------------------------------------
def test_lines_break_at_spaces_and_hang_by_the_indent() -> None:
    text = "Status:         UNCONFIRMED: no source says it has closed, but the newest sign is old."
    lines = fill(text, 40, LABEL_WIDTH)
    assert lines == [
        "Status:         UNCONFIRMED: no source",
        "                says it has closed, but",
        "                the newest sign is old.",
    ]


def test_leading_spaces_stay_on_the_first_line_only() -> None:
    assert fill("  - one two three four", 12, 4) == ["  - one two", "    three", "    four"]


def test_a_phone_number_is_one_word() -> None:
    assert fill("Call +852 3109 7359 now or later", 16, 2) == ["Call", "  +852 3109 7359", "  now or later"]


def test_a_word_wider_than_the_room_is_alone_on_its_line_and_whole() -> None:
    lines = fill(f"see {URL} or write to someone@example.org", 40, 4)
    assert lines == ["see", f"    {URL}", "    or write to someone@example.org"]


def test_cjk_takes_two_cells() -> None:
    # 難民聯會 is eight cells, not four: two of them never fit on one line of 16.
    lines = fill("難民聯會 難民聯會 難民聯會", 17, 0)
    assert lines == ["難民聯會 難民聯會", "難民聯會"]
    assert all(display_width(line) <= 17 for line in lines)
    assert fill("難民聯會 難民聯會", 16, 0) == ["難民聯會", "難民聯會"]


WORD = st.text(alphabet="abcdeXYZ0123456789+-./@:()難民聯會", min_size=1, max_size=70)
TEXT = st.lists(st.tuples(WORD, st.integers(1, 3)), max_size=40).map(
    lambda parts: "".join(word + " " * gap for word, gap in parts).rstrip()
)


@given(text=TEXT, lead=st.integers(0, 6), width=st.integers(20, 200), share=st.floats(0, 0.5))
def test_no_line_is_wider_than_the_width_unless_it_is_one_word(text: str, lead: int, width: int, share: float) -> None:
    line = " " * lead + text
    lines = fill(line, width, int(width * share))
    for wrapped in lines:
        assert display_width(wrapped) <= width or unbreakable(wrapped), (width, wrapped)
    assert " ".join(lines).split() == line.split()  # every word, in order, none split
    assert lines[0].startswith(" " * lead)


# -- the renderer ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "view"), VIEWS, ids=IDS)
@pytest.mark.parametrize("width", [20, 40, 59, 60, 80, 120])
def test_every_view_fits_the_width_and_keeps_every_word(name: str, view: Any, width: int) -> None:
    piped = render(view, None)
    shown = render(view, width)
    for line in shown.splitlines():
        assert display_width(line) <= width or unbreakable(line), (name, width, line)
    assert words(shown) == words(piped), name


@pytest.mark.parametrize(("name", "view"), VIEWS, ids=IDS)
def test_a_line_that_fits_is_written_as_piped(name: str, view: Any) -> None:
    assert render(view, 1000) == render(view, None), name


def test_a_field_hangs_under_its_value(directory: Directory) -> None:
    lines = render(justice_centre(directory), 80).splitlines()
    status = lines.index(next(line for line in lines if line.startswith("Status:")))
    assert lines[status + 1].startswith(" " * LABEL_WIDTH + "of activity")
    assert not lines[status + 1][LABEL_WIDTH].isspace()
    item = lines.index(next(line for line in lines if line.startswith("  - Group information sessions")))
    assert lines[item + 1].startswith("    (appeals")


def test_below_narrow_a_label_goes_above_its_value(directory: Directory) -> None:
    lines = render(justice_centre(directory), 40).splitlines()
    assert lines[:5] == [
        "Justice Centre Hong Kong",
        "[justice-centre]",
        "========================",
        "Status:",
        " " * STACKED_INDENT + "UNCONFIRMED: No source says it has",
    ]
    assert "Phone:" in lines and " " * STACKED_INDENT + "+852 3109 7359 (Phone line, 9:30am to" in lines
    assert " " * 4 + URL in lines  # a source's address: whole, on its own line


def test_a_wrapped_heading_is_underlined_to_its_widest_line(directory: Directory) -> None:
    org = directory.by_slug("refugee-union")
    assert org is not None
    lines = render(card.card(directory, org, today()), 24).splitlines()
    assert lines[:3] == ["Refugee Union  難民聯會", "[refugee-union]", "=" * 23]


def test_a_narrow_listing_puts_the_name_under_the_slug(directory: Directory) -> None:
    text = render(lists.listing(directory, list(directory.current()), None), 40)
    assert "\n  refugee-union\n    Refugee Union  +852 9828 7176\n" in text
