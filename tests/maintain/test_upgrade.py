"""maintain/upgrade.py: a schema 1 file is refused with a message and upgraded by `data fmt`."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import DATA_DIR, Invoke
from hkprobono.loading.source import load


def test_an_old_file_is_refused_with_a_message_and_upgraded_by_fmt(invoke: Invoke, tmp_path: Path) -> None:
    old = tmp_path / "old.toml"
    shutil.copy(DATA_DIR / "schema1.toml", old)
    refused = invoke("--data", str(old), "list")
    assert refused.exit_code == 2
    assert "reads schema 2, not 1: an older layout, which the upgrade of data fmt rewrites" in refused.stderr
    assert f"see 'hkprobono data fmt --upgrade {old}'" in refused.stderr
    checked = invoke("data", "check", str(old))
    assert checked.exit_code == 2 and checked.stdout.count("error:") == 1  # one clear message, not hundreds
    upgraded = invoke("data", "fmt", "--upgrade", str(old))
    assert upgraded.exit_code == 0, upgraded.output
    assert "review: organisation 'two-offices': area 'Wan Chai; Mong Kok' dropped" in upgraded.stderr
    directory = load(old)
    two = directory.by_slug("two-offices")
    assert two is not None
    assert [(p.type, p.description) for p in two.contact.phones] == [("voice", "Office"), ("cell", None)]
    assert two.contact.application_process == "By appointment."
    assert [(loc.id, loc.district, loc.description) for loc in two.contact.locations] == [
        ("wan-chai", "Wan Chai", "Ring the bell."),
        ("yau-tsim-mong", "Yau Tsim Mong", None),
    ]
    assert two.sources[0].fields == ("address", "district", "phones", "hours", "application_process")
    none = directory.by_slug("no-email")
    assert none is not None and none.contact.missing_note == "Not found in the sources." and not none.contact.email_note
    assert invoke("data", "check", str(old)).exit_code == 0
    again = invoke("data", "fmt", "--upgrade", str(old))
    assert again.exit_code == 1 and "is already schema 2" in again.stderr
