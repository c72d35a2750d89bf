"""The content model: every field is shown or deliberately hidden; status reads the same everywhere."""

from __future__ import annotations

import io

import pytest

from hkprobono.content import card, words
from hkprobono.content import directory as lists
from hkprobono.content.about import Figures
from hkprobono.freshness import today
from hkprobono.model import Contact, Directory, Location, Phone, Social
from hkprobono.render.plain import PlainRenderer

SENTINEL = "Zebra-7Q"


def sample(field: str) -> object:
    if field == "phones":
        return (Phone("+852 2345 6789", description=SENTINEL),)
    if field == "locations":
        return (Location("main", address=SENTINEL),)
    if field == "social":
        return (Social(SENTINEL),)
    default = Contact._field_defaults[field]
    return (SENTINEL,) if isinstance(default, tuple) else SENTINEL


def plain_card(directory: Directory, contact: Contact) -> str:
    org = directory.organisations[0]._replace(contact=contact)
    out = io.StringIO()
    PlainRenderer(out).card(card.card(directory, org, today()))
    return out.getvalue()


@pytest.mark.parametrize("field", Contact._fields)
def test_every_contact_field_is_shown_or_listed_as_hidden(directory: Directory, field: str) -> None:
    if field in card.HIDDEN_CONTACT_FIELDS:
        return
    text = plain_card(directory, Contact(**{field: sample(field)}))  # type: ignore[arg-type]
    assert SENTINEL in text, f"Contact.{field} is neither shown on the card nor in HIDDEN_CONTACT_FIELDS"


def test_hidden_fields_are_real_fields() -> None:
    assert set(card.HIDDEN_CONTACT_FIELDS) <= set(Contact._fields)


def test_status_words_are_the_same_in_every_one_line_view(directory: Directory) -> None:
    org = next(o for o in directory.organisations if o.status == "unconfirmed")
    word = words.STATUS_WORDS["unconfirmed"]
    assert lists.member(org).status == word
    assert lists.choices([org]) == [f"{org.name} ({word}) [{org.slug}]"]
    listing = lists.listing(directory, [org])
    assert all(m.status == word for g in listing.groups for m in g.members)


def test_exports_choose_card_rows_by_key_not_by_label(directory: Directory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Relabel every row (as a translation would): the vCard NOTE and the HTML page keep the same rows."""
    from hkprobono.export import html, vcard

    org = directory.by_slug("justice-centre")
    assert org is not None
    on = today()
    plain_note = vcard.note(directory, org, on)
    view = card.card(directory, org, on)
    relabelled = view._replace(rows=tuple(r._replace(label=f"L-{r.key}") for r in view.rows))
    monkeypatch.setattr(vcard, "card_view", lambda *args: relabelled)
    note = vcard.note(directory, org, on)
    assert "L-summary: " in note and "L-phone" not in note  # a phone has its own vCard field
    for row in view.rows:
        note = note.replace(f"\nL-{row.key}: ", f"\n{row.label}: ")
    assert note == plain_note  # the same rows, in the same order, with the same values
    page = html._card(relabelled)
    assert '<dt class="screen">L-about</dt>' in page and '<dt class="screen">L-district</dt>' in page
    assert "L-summary" not in page and "L-categories" not in page


def test_card_rows_name_no_data_field(directory: Directory) -> None:
    """A confirmation names the details checked in words, not as the data file's fields."""
    from hkprobono.model import Confirmation

    org = directory.organisations[0]._replace(
        confirmations=(Confirmation(("phones", "email", "hours"), "phone", "A", "2026-11-01"),)
    )
    checked = next(r for r in card.card(directory, org, today()).rows if r.key == "checked")
    assert checked.value == "phone, e-mail, opening hours confirmed by phone on 2026-11-01"


def test_search_view_names_commands_only_through_the_spelling(directory: Directory) -> None:
    """The view carries references; the plain renderer spells them only when given the CLI's spelling."""
    from hkprobono.cli.spelling import spell
    from hkprobono.content import search
    from hkprobono.search.engine import Index

    view = search.view(directory, "appeal deadline", Index(directory).find("appeal deadline", limit=5))
    assert view is not None
    guide = [row for row in view.rows if row.kind != "org"]
    assert guide and all(row.more.kind in ("step", "term") for row in guide)
    paper, terminal = io.StringIO(), io.StringIO()
    PlainRenderer(paper).results(view)
    PlainRenderer(terminal, spell=spell).results(view)
    assert "hkprobono " not in paper.getvalue() and "more:" not in paper.getvalue()
    assert "   more: hkprobono usm step 8\n" in terminal.getvalue()
    assert "score" not in terminal.getvalue()  # no bare score for a person; --explain gives it


def test_search_explain_gives_the_score_and_fields_in_words(directory: Directory) -> None:
    from hkprobono.content import search
    from hkprobono.search.engine import Index

    found = Index(directory).find("food", kind="org", limit=10)
    view = search.view(directory, "food", found, explain=True)
    assert view is not None
    renamed = 0
    for hit, row in zip(found.hits, view.rows, strict=True):
        assert row.explain[0] == f"score {hit.score:g} of 100"
        for match, line in zip(hit.matches, row.explain[1:], strict=True):
            said = words.field_word(match.field)
            assert line.startswith(f"'{match.term}' matched {said}: ")
            renamed += said != match.field
    assert renamed  # "keywords" reads "search words"


@pytest.mark.parametrize(
    ("figures", "said"),
    [
        (Figures(27, 11, 10, 5), "27 current organisations; 11 of them (40%) have a phone number"),
        (Figures(2, 1, 3, 1), "2 current organisations; 1 of them (50%) has a phone number"),
        (
            Figures(1, 0, 1, 0),
            "1 current organisation; it has no phone number or e-mail address from a source or a confirmation.",
        ),
        (Figures(2, 1, 1, 0), "The one organisation the USM guide names as a helper has none."),
        (Figures(2, 1, 3, 1), "1 of the 3 organisations the USM guide names as helpers has one."),
    ],
)
def test_the_reach_figures_read_as_english_for_any_count(figures: Figures, said: str) -> None:
    assert said in figures.text
