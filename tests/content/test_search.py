"""content/search.py: what a person reads of a search, and the commands it names only through the spelling."""

from __future__ import annotations

import io

from hkprobono.content import words
from hkprobono.model import Directory
from hkprobono.render.plain import PlainRenderer


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
