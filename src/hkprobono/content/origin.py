"""What `about` and `data check` say about the data in use: which file, its date, where it came
from and when its update channel was last checked."""

from __future__ import annotations

from typing import Any

from hkprobono.loading.installed import Origin


def moment(iso: str) -> str:
    """An ISO time as people read it: "2026-12-01 10:00 UTC"."""
    return f"{iso[:10]} {iso[11:16]} UTC" if len(iso) >= 16 else iso or "never"


def describe(origin: Origin, compiled: str, source: str) -> str:
    """One paragraph: the data in use, its date and where it came from; the channel, if any."""
    record = origin.record
    if origin.kind == "file":
        return f"The data in use is the file {source}, chosen instead of the bundled one (compiled {compiled})."
    if origin.kind == "update" and record is not None:
        return (
            f"The data in use is a signed update from {record.url} (version {record.version}, compiled {compiled}), "
            f"installed {moment(record.installed)}; the update channel was last checked {moment(record.checked)}."
        )
    text = f"The data in use came with this version of hkprobono (compiled {compiled})."
    if record is None:
        return f"{text} No update channel is set up."
    if origin.note == "bundled-newer":
        text += f" It is newer than the last update from {record.url} (compiled {record.compiled}), which is not used."
    elif origin.note == "damaged":
        text += f" The update installed from {record.url} is damaged and is not used: update again to replace it."
    else:
        text += f" Nothing has been installed yet from the update channel {record.url}."
    return f"{text} The channel was last checked {moment(record.checked)}."


def record(origin: Origin, compiled: str, source: str) -> dict[str, Any]:
    """The same for --json: `kind` (bundled, update or file), `file`, `compiled`, `channel`,
    `version`, `installed`, `checked` (ISO times, UTC) and `note`."""
    channel = origin.record
    return {
        "kind": origin.kind,
        "file": source,
        "compiled": compiled,
        "channel": channel.url if channel else None,
        "version": channel.version if channel and origin.kind == "update" else None,
        "installed": channel.installed if channel and origin.kind == "update" else None,
        "checked": (channel.checked or None) if channel else None,
        "note": origin.note or None,
    }
