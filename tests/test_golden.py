"""Exact expected text for the main views, plain and Rich (golden files in tests/golden/)."""

from __future__ import annotations

import io

import pytest

from conftest import Invoke, golden
from hkprobono.content import card, search
from hkprobono.freshness import today
from hkprobono.model import Directory
from hkprobono.render.terminal import RichRenderer


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("search_legal.txt", ["search", "legal"]),
        ("show_justice_centre.txt", ["show", "justice-centre"]),
        ("list.txt", ["list"]),
        ("usm_steps.txt", ["usm", "steps"]),
        ("usm_step_8.txt", ["usm", "step", "8"]),
    ],
)
def test_plain_views(invoke: Invoke, name: str, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    golden(name, result.stdout)


def test_rich_card(directory: Directory, rich_console: tuple[RichRenderer, io.StringIO]) -> None:
    renderer, buffer = rich_console
    org = directory.by_slug("justice-centre")
    assert org is not None
    renderer.card(card.card(directory, org, today()))
    golden("show_justice_centre.rich.txt", buffer.getvalue())


def test_rich_search(directory: Directory, rich_console: tuple[RichRenderer, io.StringIO]) -> None:
    from hkprobono.search.engine import Index

    renderer, buffer = rich_console
    view = search.view(directory, "food", Index(directory).find("food", kind="org"))
    assert view is not None
    renderer.results(view)
    golden("search_food.rich.txt", buffer.getvalue())
