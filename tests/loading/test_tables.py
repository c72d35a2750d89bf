"""loading/tables.py: a hostile file is refused naming every field; web addresses and phone
numbers follow their grammar; markup, HTML and formulas are data, not errors."""

from __future__ import annotations

import pytest

from conftest import HOSTILE, Invoke, raw_controls


def test_hostile_file_is_refused_with_file_entry_and_field(invoke: Invoke) -> None:
    result = invoke("--data", HOSTILE, "list")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {HOSTILE}: [meta], field 'meta.title': contains U+001B")
    _, hint = result.stderr.splitlines()  # the first problem, then where to find the others
    assert hint == f"see 'hkprobono data check {HOSTILE}'" and not raw_controls(result.stderr)


def test_the_gamma_entry_is_hostile_but_valid() -> None:
    """Markup, HTML and formulas are data, not errors: only controls and bad links are refused."""
    from hkprobono.loading.source import problems_in, read

    _, problems = problems_in(read(HOSTILE))
    assert not [p for p in problems if "gamma" in p.entry or ("beta" in p.entry and p.field != "contact.website")]


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=c#d", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG", True),
        ("javascript:alert(1)", False),
        ("data:text/html,x", False),
        ("file:///etc/passwd", False),
        ("--new-window", False),
        ("https://[oops", False),
        ("https://example.org:99999/", False),
        ("https://user@evil.example", False),
        ("https://localhost", False),
        ("https:/example.org", False),
        ("https://exa mple.org", False),
        ("https://example.org/\x1b]0;x\x07", False),
    ],
)
def test_url_grammar_never_raises(url: str, ok: bool) -> None:
    from hkprobono.loading.tables import url_problem

    assert (url_problem(url) is None) == ok


@pytest.mark.parametrize(
    ("number", "ok"),
    [("+852 2345 6789", True), ("+852 9123 4567", True), ("+852 1234", False), ("23456789", False),
     ("+44 20 7946 0958", False), ("+852 2345 6789 ext. 5", False), ("not a number", False)],
)  # fmt: skip
def test_phone_grammar(number: str, ok: bool) -> None:
    from hkprobono.loading.tables import phone_problem

    assert (phone_problem(number) is None) == ok
