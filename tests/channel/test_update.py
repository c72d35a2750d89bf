"""channel/update.py, `data update`, as a user meets it: installing, checking, which data is in
use, the reminder, key rotation, and no network for any other command. The attacks are in
test_update_attacks.py."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from channel_kit import Channel, channel, serve
from conftest import DATA_DIR, Invoke
from hkprobono.loading import installed
from hkprobono.loading.source import bundled_path, load


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("HKPROBONO_HOME", str(folder))
    monkeypatch.setenv("HKPROBONO_UPDATE_TIMEOUT", "2")
    return folder


@pytest.fixture
def served(tmp_path: Path, home: Path) -> Iterator[Channel]:
    with channel(tmp_path) as made:
        yield made


def setup(invoke: Invoke, made: Channel) -> None:
    result = invoke("data", "update", "--url", made.url, "--root", str(made.keys / "root.json"))
    assert result.exit_code == 0, result.output
    assert "installed version 1" in result.stderr


def name_in_use() -> str:
    org = load().by_slug("alpha-legal")
    return org.name if org else ""


def test_update_installs_the_new_data_and_about_names_it(invoke: Invoke, served: Channel, home: Path) -> None:
    assert name_in_use() == ""  # the bundled data has no such slug
    setup(invoke, served)
    assert name_in_use() == "Alpha One"
    served.publish("Alpha Two")
    result = invoke("data", "update")
    assert result.exit_code == 0, result.output
    assert "installed version 2" in result.stderr
    assert "Alpha Two" in invoke("show", "alpha-legal").stdout
    about = invoke("about").stdout
    assert f"a signed update from {served.url} (version 2, compiled 2026-12-01)" in about
    data = json.loads(invoke("about", "--json").stdout)["data_in_use"]
    assert data["kind"] == "update" and data["channel"] == served.url and data["version"] == 2
    check = invoke("data", "check")
    assert "directory.toml (update): The data in use is a signed update" in check.stdout
    assert json.loads(invoke("data", "check", "--json").stdout)["data_in_use"]["kind"] == "update"
    # One folder per update; the one replaced stays for a command that started before the switch.
    assert len(list((home / "updates").iterdir())) == 2
    served.publish("Alpha Three")
    assert invoke("data", "update").exit_code == 0
    assert len(list((home / "updates").iterdir())) == 2


def test_check_says_whether_an_update_exists_without_installing(invoke: Invoke, served: Channel) -> None:
    result = invoke("data", "update", "--check", "--url", served.url, "--root", str(served.keys / "root.json"))
    assert result.exit_code == 0 and "an update is available" in result.stderr
    assert installed.read_record() is None  # checking a channel does not set it up
    setup(invoke, served)
    result = invoke("data", "update", "--check")
    assert result.exit_code == 1 and "up to date: version 1" in result.stderr
    served.publish("Alpha Two")
    result = invoke("data", "update", "--check")
    assert result.exit_code == 0 and "version 2" in result.stderr
    assert name_in_use() == "Alpha One"
    assert invoke("data", "update").exit_code == 0 and name_in_use() == "Alpha Two"


def test_the_first_update_needs_the_address_and_the_root_file(invoke: Invoke, served: Channel) -> None:
    result = invoke("data", "update")
    assert result.exit_code == 2 and "no update channel is set up" in result.stderr and "--root" in result.stderr
    result = invoke("data", "update", "--url", served.url)
    assert result.exit_code == 2 and "no update channel is set up" in result.stderr
    result = invoke("data", "update", "--root", str(served.keys / "root.json"))
    assert result.exit_code == 2 and "--url" in result.stderr
    result = invoke("data", "update", "--url", "ftp://example.org/", "--root", str(served.keys / "root.json"))
    assert result.exit_code == 2 and "https://" in result.stderr
    result = invoke("data", "update", "--url", served.url, "--root", str(DATA_DIR / "minimal.toml"))
    assert result.exit_code == 2 and "not the root metadata" in result.stderr
    assert installed.read_record() is None


def test_a_bundled_file_newer_than_the_update_wins(invoke: Invoke, served: Channel) -> None:
    setup(invoke, served)
    served.publish("Alpha Old", compiled="2026-12-01")
    bundled = installed.stamp(bundled_path().read_bytes())
    assert bundled is not None and bundled < "2026-12-01"  # the update is newer: it is in use
    assert name_in_use() == "Alpha One"
    record = installed.read_record()
    assert record is not None
    home = installed.home()
    assert home is not None
    (home / "channel.txt").write_text(record._replace(compiled="2020-01-01").text(), encoding="utf-8")
    assert name_in_use() == ""  # the bundled data has no such slug
    about = invoke("about").stdout
    assert "came with this version of hkprobono" in about and "newer than the last update" in about
    assert json.loads(invoke("about", "--json").stdout)["data_in_use"]["note"] == "bundled-newer"


def test_a_damaged_installed_update_is_not_used(invoke: Invoke, served: Channel, home: Path) -> None:
    setup(invoke, served)
    (path,) = (home / "updates").glob("*/directory.toml")
    path.write_text(path.read_text(encoding="utf-8").replace("Alpha One", "Alpha Evil"), encoding="utf-8")
    assert name_in_use() == ""
    assert "damaged" in invoke("about").stdout
    assert invoke("data", "update").exit_code == 0  # installs it again
    assert name_in_use() == "Alpha One"


def test_data_and_its_variable_win_over_the_update(invoke: Invoke, served: Channel) -> None:
    setup(invoke, served)
    result = invoke("--data", str(DATA_DIR / "minimal.toml"), "show", "alpha-legal")
    assert "Alpha Legal Aid" in result.stdout
    result = invoke("about", "--json", env={"HKPROBONO_DATA": str(DATA_DIR / "minimal.toml")})
    assert json.loads(result.stdout)["data_in_use"]["kind"] == "file"


def test_holidays_are_published_when_they_lie_beside_the_directory(invoke: Invoke, served: Channel) -> None:
    setup(invoke, served)
    assert installed.update_file("holidays.toml") is None
    (served.source / "holidays.toml").write_text('[[holidays]]\ndate = "2026-12-25"\nname = "Christmas Day"\n')
    published = served.publish("Alpha Two")
    assert published.files == ("directory.toml", "holidays.toml")
    result = invoke("data", "update")
    assert result.exit_code == 0 and "directory.toml, holidays.toml" in result.stderr
    path = installed.update_file("holidays.toml")
    assert path is not None and "Christmas Day" in path.read_text(encoding="utf-8")
    (served.source / "holidays.toml").write_text("not = [toml")
    with pytest.raises(Exception, match="not valid TOML"):
        served.publish("Alpha Three")


def test_a_channel_can_move_to_another_address(invoke: Invoke, served: Channel) -> None:
    setup(invoke, served)
    served.publish("Alpha Two")
    with serve(served.repo) as mirror:
        result = invoke("data", "update", "--url", mirror)
        assert result.exit_code == 0, result.output
    record = installed.read_record()
    assert record is not None and record.url == mirror and name_in_use() == "Alpha Two"


def test_an_old_unchecked_channel_earns_one_line_on_stderr(invoke: Invoke, served: Channel) -> None:
    setup(invoke, served)
    assert "data update" not in invoke("list").stderr  # just checked
    later = {"HKPROBONO_TODAY": "2027-03-01"}  # the data is three months old, the check too
    result = invoke("list", env=later)
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "run 'hkprobono data update'" in lines[0] and "2026-12-01" in lines[0]
    assert "data update" not in invoke("--data", str(DATA_DIR / "minimal.toml"), "list", env=later).stderr


def test_no_channel_no_reminder(invoke: Invoke, home: Path) -> None:
    assert invoke("list", env={"HKPROBONO_TODAY": "2030-01-01"}).stderr == ""


def test_key_rotation_reaches_users_and_retires_the_old_key(invoke: Invoke, served: Channel, home: Path) -> None:
    setup(invoke, served)
    result = invoke("data", "keys", "rotate", str(served.keys), "root", "timestamp")
    assert result.exit_code == 0, result.output
    assert "root metadata version 2" in result.stderr
    served.publish("Alpha Two")
    assert invoke("data", "update").exit_code == 0
    assert name_in_use() == "Alpha Two"
    assert (home / "metadata" / "root_history" / "2.root.json").is_file()
    # With no roles, rotate only renews root's expiry: a third version, the same keys.
    before = {p.name: p.read_bytes() for p in served.keys.glob("*.pem")}
    assert invoke("data", "keys", "rotate", str(served.keys), "--root-days", "30").exit_code == 0
    assert {p.name: p.read_bytes() for p in served.keys.glob("*.pem")} == before
    result = invoke(
        "data", "publish", str(served.repo), "--keys", str(served.keys), str(served.source / "directory.toml")
    )
    assert result.exit_code == 0 and "renew it" in result.stderr  # root now expires within 30 days
    assert invoke("data", "update").exit_code == 0
    assert (home / "metadata" / "root_history" / "3.root.json").is_file()


NETWORK = {"socket", "ssl", "http.client", "urllib.request", "urllib3", "tuf", "securesystemslib", "cryptography"}
OFFLINE = [
    ["list"], ["search", "legal"], ["show", "alpha-legal"], ["about"], ["districts"], ["usm", "steps"],
    ["data", "check"], ["data", "stale"], ["export", "json"],
]  # fmt: skip


@pytest.mark.slow
def test_only_data_update_loads_anything_that_reaches_the_network(served: Channel, invoke: Invoke) -> None:
    from conftest import modules_after

    setup(invoke, served)
    env = {**os.environ, "HKPROBONO_TODAY": "2027-03-01"}  # the reminder's path runs too
    for args in OFFLINE:
        loaded = modules_after(args, env)
        assert not loaded & NETWORK, (args, sorted(loaded & NETWORK))
        assert "platformdirs" not in loaded, args  # the user folder is found without it on Linux
    source = str(served.source / "directory.toml")
    publish = modules_after(["data", "publish", str(served.repo), "--keys", str(served.keys), source], env)
    assert "tuf" in publish  # it did publish
    assert not publish & {"socket", "ssl", "http.client", "urllib3"}, sorted(publish & NETWORK)
    assert {"urllib3", "tuf.ngclient"} <= modules_after(["data", "update", "--check"], env)
    if sys.platform in ("linux", "darwin"):  # the user's data folder, found without platformdirs
        plain = {k: v for k, v in os.environ.items() if k not in ("HKPROBONO_HOME", "XDG_DATA_HOME")}
        assert "platformdirs" not in modules_after(["list"], {**plain, "HOME": str(served.repo.parent)})


def test_no_command_but_update_opens_a_connection(
    served: Channel, invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    setup(invoke, served)

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("a connection was opened")

    monkeypatch.setattr(socket.socket, "connect", forbidden)
    monkeypatch.setattr(socket, "create_connection", forbidden)
    for args in OFFLINE:
        result = invoke(*args, env={"HKPROBONO_TODAY": "2027-03-01"})
        assert result.exit_code == 0, (args, result.output)
    result = invoke("data", "update")
    assert result.exit_code == 5 and "could not be reached" in result.stderr  # the one that does try
