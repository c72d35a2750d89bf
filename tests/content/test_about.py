"""content/about.py: the reach figures, as a person reads them."""

from __future__ import annotations

import pytest

from hkprobono.content.about import Figures


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
