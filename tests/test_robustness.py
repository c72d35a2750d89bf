"""No input makes any command print a traceback or exit with anything but 0, 1 or 2."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hkprobono.cli.app import app

runner = CliRunner()
# Any Unicode, control characters included (NUL cannot reach argv on a real system).
TEXT = st.one_of(
    st.text(alphabet=st.characters(blacklist_characters="\x00"), max_size=80),
    st.sampled_from(["", " ", "-", "--", "[bold]x[/bold]", "\x1b[31m", "法律", "../../etc/passwd", "-h"]),
    st.text(alphabet="ab ", min_size=2000, max_size=5000),
)
COMMANDS = [
    lambda s: ["search", s],
    lambda s: ["search", "legal", "--category", s],
    lambda s: ["search", "legal", "--limit", s],
    lambda s: ["search", "food", "--district", s, "--json"],
    lambda s: ["show", s],
    lambda s: ["show", s, "--json"],
    lambda s: ["list", "--category", s],
    lambda s: ["usm", "step", s],
    lambda s: ["usm", "glossary", s],
    lambda s: ["--color", s, "list"],
    lambda s: ["export", "vcard", s],
]


def assert_clean(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert "Traceback" not in result.output


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(COMMANDS))), TEXT)
def test_any_argument_is_handled(index: int, value: str) -> None:
    assert_clean(COMMANDS[index](value))


@settings(max_examples=30, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_any_words_as_a_search(words: list[str]) -> None:
    assert_clean(["search", *words])
