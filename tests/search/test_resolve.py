"""search/resolve.py: a name that matches nothing suggests the nearest slugs."""

from __future__ import annotations

from hkprobono.model import Directory
from hkprobono.search.engine import Index


def test_a_name_that_matches_nothing_suggests_the_nearest_slugs(directory: Directory) -> None:
    import pytest

    from hkprobono.errors import HkProBonoError
    from hkprobono.search.resolve import pick

    with pytest.raises(HkProBonoError) as failure:
        pick(Index(directory), "refugee-unoin", [])
    assert failure.value.hint is not None and "did you mean: refugee-union" in failure.value.hint
