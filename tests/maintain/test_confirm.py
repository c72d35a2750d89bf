"""maintain/confirm.py, `data confirm`: a confirmation is written canonically and reaches the card;
bad input, read-only, changed or broken files leave the file untouched."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from conftest import DATA_DIR, FULL_WIDTH, MINIMAL, Invoke
from hkprobono.errors import HkProBonoError
from hkprobono.loading.source import load, read
from hkprobono.maintain import confirm as confirm_core
from hkprobono.maintain import edit
from hkprobono.maintain.fmt import canonical
from hkprobono.model import Confirmation

ON = dt.date(2026, 11, 25)


def test_confirm_writes_a_canonical_file_and_the_card_shows_it(invoke: Invoke, data_file: Path) -> None:
    mode = 0o640
    os.chmod(data_file, mode)
    result = invoke(
        "data", "confirm", "old-centre", "--fields", "phones,email", "--method", "phone",
        "--by", "A. Lee", "--date", "2026-11-20", "--note", "Spoke to reception", str(data_file),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "recorded: phones, email of old-centre confirmed by phone on 2026-11-20" in result.stderr
    text = data_file.read_text(encoding="utf-8")
    assert text == canonical(read(data_file))  # as `data fmt` writes it
    assert os.stat(data_file).st_mode & 0o777 == mode
    old = load(data_file).by_slug("old-centre")
    assert old is not None
    assert old.confirmations == (
        Confirmation(("phones", "email"), "phone", "A. Lee", "2026-11-20", "Spoke to reception"),
    )
    card = invoke("--data", str(data_file), "show", "old-centre").stdout
    assert "Details checked: phone, e-mail confirmed by phone on 2026-11-20 (Spoke to reception)" in card
    assert "Check first:    Address from an undated source: call to confirm" in card


def test_confirm_defaults_to_today(data_file: Path) -> None:
    _, check_ = confirm_core.record(data_file, "old-centre", "address", "visit", "B", on=ON)
    assert check_.date == ON.isoformat() and check_.note is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("no-such-slug", "--fields", "phones"), "no organisation has the slug 'no-such-slug'"),
        (("old-centre", "--fields", "phone"), "did you mean 'phones'?"),
        (("old-centre", "--fields", "colour"), "'colour' is not a field"),
        (("old-centre", "--fields", "hours"), "has no hours in the data"),
        (("old-centre", "--fields", "phones", "--method", "fax"), "'fax' is not a method"),
        (("old-centre", "--fields", "phones", "--date", "2026-11-27"), "is in the future"),
        (("old-centre", "--fields", "phones", "--date", "2026-02-30"), "is not a date of the form YYYY-MM-DD"),
        (("old-centre", "--fields", "phones", "--by", " "), "who made the check is not named"),
    ],
)
def test_bad_confirm_input_leaves_the_file_untouched(
    invoke: Invoke, data_file: Path, args: tuple[str, ...], message: str
) -> None:
    before = data_file.read_bytes()
    options = dict(zip(args[1::2], args[2::2], strict=True))
    full = [args[0], "--method", options.pop("--method", "phone"), "--by", options.pop("--by", "A. Lee")]
    full += [x for pair in options.items() for x in pair]
    result = invoke("data", "confirm", *full, str(data_file))
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert data_file.read_bytes() == before


def test_confirm_refuses_a_read_only_file(invoke: Invoke, data_file: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write a read-only file")
    os.chmod(data_file, 0o444)
    before = data_file.read_bytes()
    result = invoke(
        "data", "confirm", "old-centre", "--fields", "phones", "--method", "phone", "--by", "A", str(data_file)
    )
    assert result.exit_code == 2 and "read-only" in result.stderr
    assert data_file.read_bytes() == before


def test_confirm_refuses_an_unwritable_file(invoke: Invoke, data_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = data_file.read_bytes()
    real = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **k: mode != os.W_OK and real(path, mode, **k))
    result = invoke(
        "data", "confirm", "old-centre", "--fields", "phones", "--method", "phone", "--by", "A", str(data_file)
    )
    assert result.exit_code == 2 and "read-only; nothing was changed" in result.stderr
    assert data_file.read_bytes() == before


def test_confirm_refuses_a_file_that_changed_meanwhile(data_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = edit.canonical_text

    def meanwhile(data: dict[str, object]) -> str:
        data_file.write_text(data_file.read_text(encoding="utf-8") + "\n# someone else's edit\n", encoding="utf-8")
        return real(data)

    monkeypatch.setattr(edit, "canonical_text", meanwhile)
    with pytest.raises(HkProBonoError, match="changed while it was being confirmed"):
        confirm_core.record(data_file, "old-centre", "phones", "phone", "A", on=ON)
    assert data_file.read_text(encoding="utf-8").endswith("# someone else's edit\n")


def test_confirm_refuses_a_file_with_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    shutil.copy(DATA_DIR / "broken" / "many_problems.toml", path)
    before = path.read_bytes()
    with pytest.raises(HkProBonoError, match="has errors"):
        confirm_core.record(path, "alpha-legal", "phones", "phone", "A", on=ON)
    assert path.read_bytes() == before


def test_confirm_suggests_a_field(invoke: Invoke, copy: Path) -> None:
    result = invoke("data", "confirm", "unhcr", "--fields", "hurs", "--method", "phone", "--by", "A", str(copy))
    assert result.exit_code == 2 and "did you mean 'hours'?" in result.stderr


@pytest.fixture
def padded(tmp_path: Path) -> Path:
    path = tmp_path / "padded.toml"
    path.write_text(MINIMAL.replace('slug = "alpha-legal"', 'slug = "   alpha-legal\t"'), encoding="utf-8")
    return path


def test_a_slug_padded_with_spaces_works_in_confirm(invoke: Invoke, padded: Path) -> None:
    shown = invoke("--data", str(padded), "show", "alpha-legal")
    assert shown.exit_code == 0, shown.output
    result = invoke(
        "data", "confirm", "alpha-legal", "--fields", "phones", "--method", "phone", "--by", "A", str(padded)
    )
    assert result.exit_code == 0 and "recorded: phones of alpha-legal" in result.stderr, result.output
    org = load(padded).by_slug("alpha-legal")
    assert org is not None and [c.by for c in org.confirmations] == ["A"]


def test_full_width_digits_in_a_confirmation_date_are_named(invoke: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "d.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    result = invoke(
        "data", "confirm", "alpha-legal", "--fields", "phones", "--method", "phone", "--by", "A",
        "--date", FULL_WIDTH, str(path),
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: '{FULL_WIDTH}' is not a date of the form YYYY-MM-DD: it has full-width digits: type the digits 0-9\n"
    )
    assert path.read_text(encoding="utf-8") == MINIMAL


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
