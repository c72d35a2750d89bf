"""content/share.py: the share text stays within its limit whatever the data holds, with work
bounded by the limit, not by the data. Before (issue 26): the share text of an organisation with
10,000 phones never finished, and a long name or combining marks made it 1,952 and 8,550
characters long."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import DATA_DIR, org_of
from hkprobono.content import share
from hkprobono.content.share import SHARE_LIMIT, share_text
from hkprobono.freshness import today
from hkprobono.loading.source import load
from hkprobono.model import Directory, Organisation, Phone

ON = dt.date(2026, 11, 26)


def units(text: str) -> int:
    """What a phone counts (an SMS counter, WhatsApp): UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


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


@pytest.mark.parametrize("path", [None, DATA_DIR / "full.toml"])
def test_share_text_is_short_and_says_what_matters(path: Path | None) -> None:
    directory = load(path)
    for org in directory.organisations:
        text = share_text(org, today())
        assert len(text) <= SHARE_LIMIT, (org.slug, len(text))
        assert org.name in text
        for phone in org.contact.voice_phones[:1]:
            assert phone.number in text
        if not org.is_closed:  # the last line dates the details, each by its own sources
            assert re.search(r"(from \d{4}|undated|confirmed on \d{4})", text.splitlines()[-1]), (org.slug, text)
        assert not re.search(r"\d+ (years|months|days) old", text)


def test_share_text_of_an_organisation_with_everything(directory: Directory) -> None:
    org = org_of(directory, "refugee-union")
    text = share_text(org, today())
    assert text.splitlines()[0] == "Refugee Union 難民聯會"
    assert "+852 9828 7176" in text and "Sheung Wan" in text
    # Dated by the source of each detail, not by the organisation's newest source (2023).
    assert text.splitlines()[-1].startswith(
        "Address and phone from an undated source; e-mail from 2019-03-04; opening hours from 2022."
    )


def test_share_text_without_a_phone_or_e_mail_gives_the_route_and_no_borrowed_date(directory: Directory) -> None:
    text = share_text(org_of(directory, "iss-hk"), today())
    assert "How to get help:" in text
    # Its website's source is undated; with neither a phone nor an e-mail, no advice to call (issue 24).
    assert text.splitlines()[-1] == "Details from undated sources. No phone or e-mail found."
