"""Issue 26, long input: nothing slow on long input.

What is typed to be matched (a search, a name, a glossary term, a filter) is refused past
MAX_TYPED characters before any matching starts; a confirmation's --by, --note and --fields have
limits too; the share text stays within 500 units whatever the data holds, with work bounded by
the limit, not by the data. Before: a 3,000-character Chinese query took 6.6 s, a 40,000-character
one was killed after 60 s, the share text of an organisation with 10,000 phones never finished and
a long name or combining marks made it 1,952 and 8,550 characters long.

No test here times anything (bench/ measures): a limit is checked by making matching impossible
past it, and a bound on work by counting it."""

from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Invoke
from hkprobono.content import share
from hkprobono.content.share import SHARE_LIMIT, share_text
from hkprobono.model import Directory, Organisation, Phone

ON = dt.date(2026, 11, 26)
MAX_TYPED = 200  # docs/safety.md, "Limits"


def units(text: str) -> int:
    """What a phone counts (an SMS counter, WhatsApp): UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def test_the_documented_limit_is_the_one_in_force() -> None:
    from hkprobono.cli.options import MAX_TYPED as in_force

    assert in_force == MAX_TYPED


def _cjk(n: int) -> str:
    rng = random.Random(n)
    return "".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(n))


CASES: dict[str, Callable[[int], str]] = {
    "cjk": _cjk,
    "letters": lambda n: " ".join("abcdefghij"[i % 10] for i in range(n // 2 + 1))[:n],
    "word": lambda n: "legal" * (n // 5) + "x" * (n % 5),
    "mixed": lambda n: ("難民 legal aid 法律 appeal " * n)[:n],
    "marks": lambda n: ("e" + "\u0301" * 9) * (n // 10),
}
TYPED: list[Callable[[str], list[str]]] = [
    lambda q: ["search", q],
    lambda q: ["search", q, "--json"],
    lambda q: ["search", "legal", "--district", q],
    lambda q: ["search", "legal", "--language", q],
    lambda q: ["search", "legal", "--category", q],
    lambda q: ["list", "--category", q],
    lambda q: ["show", q],
    lambda q: ["open", q],
    lambda q: ["export", "vcard", q],
    lambda q: ["export", "html", q],
    lambda q: ["usm", "glossary", q],
]


@pytest.fixture
def no_matching(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any matching at all fails the test: the length check must come first."""
    import hkprobono.cli.usm as usm_cli  # first: it binds find_term when imported
    from hkprobono.search import engine, resolve

    def matched(*args: object, **kwargs: object) -> None:
        raise AssertionError("matching started")

    for owner, name in ((engine.Index, "find"), (engine.Index, "search"), (resolve, "candidates"), (resolve, "exact")):
        monkeypatch.setattr(owner, name, matched)
    monkeypatch.setattr(usm_cli, "find_term", matched)


@pytest.mark.parametrize("length", [MAX_TYPED + 1, 3_000, 40_000])
@pytest.mark.parametrize("command", range(len(TYPED)))
def test_typed_text_past_the_limit_is_refused_before_matching(
    invoke: Invoke, no_matching: None, command: int, length: int
) -> None:
    text = ("難民法律legal" * length)[:length]  # no spaces: nothing is trimmed
    result = invoke(*TYPED[command](text))
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Error: ") and f"is {length:,} characters long; at most {MAX_TYPED} can be" in lines[0]
    assert len(result.stderr) < 300  # the refusal does not echo 40,000 characters back


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("command", [0, 6, 10])
def test_typed_text_at_the_limit_is_looked_up(invoke: Invoke, case: str, command: int) -> None:
    text = CASES[case](MAX_TYPED)
    assert len(text) <= MAX_TYPED
    result = invoke(*TYPED[command](text))
    assert result.exit_code in (0, 1, 2), result.output
    assert "characters long" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=MAX_TYPED - 20, max_size=MAX_TYPED))
def test_any_text_of_the_longest_allowed_length_is_searched(text: str) -> None:
    from typer.testing import CliRunner

    from hkprobono.cli.app import app

    result = CliRunner().invoke(app, ["search", "--json", "--", text])
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("length", [MAX_TYPED, 3_000, 40_000])
def test_no_query_of_any_length_hangs_a_real_run(case: str, length: int) -> None:
    """Not a timing: the timeout only catches a hang (the issue's 40,000 characters ran > 60 s)."""
    query = CASES[case](length)
    result = subprocess.run(
        [sys.executable, "-m", "hkprobono", "search", "--", query],
        capture_output=True,
        timeout=30,
        check=False,
        env={**os.environ, "HKPROBONO_CACHE": "1"},
    )
    assert result.returncode == (2 if len(query) > MAX_TYPED else result.returncode), result.stderr
    assert result.returncode in (0, 1, 2) and b"Traceback" not in result.stderr


# -- data confirm -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--by", "A" * 101, "the name of who checked is 101 characters long; at most 100 are kept"),
        ("--note", "n" * 501, "the note is 501 characters long; at most 500 are kept"),
        ("--fields", "phones," * 50, "the list of fields is 350 characters long; name at most the fields there are"),
    ],
)
def test_a_confirmation_has_limits(invoke: Invoke, tmp_path: object, option: str, value: str, message: str) -> None:
    from pathlib import Path

    data = Path(str(tmp_path)) / "d.toml"
    from hkprobono.loading.source import bundled_path

    data.write_bytes(bundled_path().read_bytes())
    before = data.read_bytes()
    args = {"--by": "A", "--note": "spoke to reception", "--fields": "phones"} | {option: value}
    flat = [x for pair in args.items() for x in pair]
    result = invoke("data", "confirm", "refugee-union", "--method", "phone", *flat, str(data))
    assert result.exit_code == 2 and message in result.stderr, result.output
    assert data.read_bytes() == before


# -- the share text -----------------------------------------------------------------------------------------
def _org(directory: Directory, **changes: Any) -> Organisation:
    org = directory.by_slug("refugee-union")
    assert org is not None
    # An address and hours belong to a location (schema 2): they change the organisation's first one.
    place = {k: changes.pop(k) for k in ("address", "hours") if k in changes}
    if place:
        changes["locations"] = (org.contact.locations[0]._replace(**place), *org.contact.locations[1:])
    contact = {k: changes.pop(k) for k in list(changes) if k in org.contact._fields}
    return org._replace(contact=org.contact._replace(**contact), **changes)


@pytest.mark.parametrize(
    ("case", "changes"),
    [
        ("combining marks in the name", {"name": "A" + "\u0301" * 5000}),
        ("combining marks everywhere", {"address": "x\u0301" * 3000, "hours": "\u0301" * 900}),
        ("a long CJK name", {"name": "難" * 8000, "chinese_name": "民" * 8000}),
        ("astral characters", {"name": "\U0001f600" * 800, "address": "\U00020000" * 400}),
        ("a long e-mail", {"email": "a" * 400 + "@example.org", "phones": ()}),
        ("a long status note", {"status": "closed", "status_note": "closed " * 400}),
        ("a long phone note", {"phones": (Phone("+852 2345 6789", "voice", "note " * 500),)}),
    ],
)
def test_the_share_text_stays_within_its_limit(directory: Directory, case: str, changes: dict[str, Any]) -> None:
    text = share_text(_org(directory, **changes), ON)
    assert units(text) <= SHARE_LIMIT, (case, units(text))
    assert text.splitlines()[0].strip()  # the name is always there, cut if it must be


def test_units_are_what_a_phone_counts() -> None:
    units = share.units
    assert units("abc") == 3
    assert units("難民") == 2  # one UTF-16 unit each
    assert units("e\u0301") == 2  # a combining mark counts
    assert units("\U0001f600") == 2  # beyond the BMP: a surrogate pair


@pytest.mark.parametrize("phones", [100, 10_000])
def test_the_share_text_of_many_phones_does_bounded_work(
    directory: Directory, monkeypatch: pytest.MonkeyPatch, phones: int
) -> None:
    counted = {"units": 0}
    real = share.units

    def counting(text: str) -> int:
        counted["units"] += 1
        return real(text)

    monkeypatch.setattr(share, "units", counting)
    many = tuple(Phone(f"+852 2345 {i % 10000:04d}", "voice", "reception " * 20) for i in range(phones))
    text = share_text(_org(directory, phones=many), ON)
    assert units(text) <= SHARE_LIMIT and "+852 2345 0000" in text
    assert "More numbers in the directory." in text
    assert counted["units"] < 3_000  # the same for 100 phones and for 10,000: nothing grows with the data


TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=2000)


@pytest.mark.slow
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    name=TEXT.filter(str.strip),
    chinese=st.none() | TEXT,
    address=st.none() | TEXT,
    hours=st.none() | TEXT,
    email=st.none() | st.text(min_size=1, max_size=400),
    notes=st.lists(st.none() | TEXT, max_size=60),
    status=st.sampled_from(["active", "unconfirmed", "closed"]),
)
def test_any_data_gives_a_share_text_within_the_limit(
    directory: Directory,
    name: str,
    chinese: str | None,
    address: str | None,
    hours: str | None,
    email: str | None,
    notes: list[str | None],
    status: str,
) -> None:
    phones = tuple(Phone(f"+852 2345 {i:04d}", "voice", note) for i, note in enumerate(notes))
    org = _org(
        directory, name=name, chinese_name=chinese, address=address, hours=hours, email=email, phones=phones,
        status=status, status_note="closed in 2020 " * 30 if status == "closed" else None,
    )  # fmt: skip
    text = share_text(org, ON)
    assert units(text) <= SHARE_LIMIT
    kept = [p.number for p in phones if p.number in text]
    assert kept == [p.number for p in phones[: len(kept)]]  # whole numbers, the first ones, in order
