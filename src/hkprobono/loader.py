"""Read a directory file (the bundled one by default) and validate it once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from hkprobono.errors import HkProBonoError
from hkprobono.model import Directory

if TYPE_CHECKING:
    from hkprobono.reader import Problem

ENV_VAR = "HKPROBONO_DATA"
BUNDLED_NAME = "directory.toml (bundled)"


class RawFile(NamedTuple):
    """The bytes of a directory file, the name to show in messages, and its absolute path when it
    is a file on disk (what the cache is keyed by, so two files never share an entry)."""

    name: str
    content: bytes
    path: Path | None = None


def bundled_path() -> Path:
    """The bundled file on disk, for `data fmt` in a development checkout."""
    from importlib import resources

    resource = resources.files("hkprobono").joinpath("data", "directory.toml")
    if not isinstance(resource, Path):
        raise HkProBonoError("the bundled directory is not a file on disk; give a PATH")
    return resource


def read(path: Path | str | None = None) -> RawFile:
    """Read the file at `path`, else $HKPROBONO_DATA, else the bundled directory."""
    if path is None:
        path = os.environ.get(ENV_VAR) or None
    if path is None:
        # Imported here: it costs about 8 ms and a warm start never gets here (cache.load_bundled).
        from importlib import resources

        data = resources.files("hkprobono").joinpath("data", "directory.toml")
        on_disk = data.resolve() if isinstance(data, Path) else None
        return RawFile(BUNDLED_NAME, data.read_bytes(), on_disk)
    path = Path(path)
    try:
        return RawFile(str(path), path.read_bytes(), path.resolve())
    except FileNotFoundError:
        raise HkProBonoError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise HkProBonoError(f"{path}: is a directory, not a directory file (.toml)") from None
    except OSError as exc:
        raise HkProBonoError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def parse(raw: RawFile) -> dict[str, Any]:
    """Decode and parse TOML, turning every failure into an HkProBonoError naming the file."""
    try:
        text = raw.content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HkProBonoError(f"{raw.name}: is not UTF-8 text (byte {exc.start} cannot be decoded)") from None
    if not text.strip():
        raise HkProBonoError(f"{raw.name}: is empty")
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise HkProBonoError(f"{raw.name}: is not valid TOML: {exc}") from None


def problems_in(raw: RawFile) -> tuple[Directory, list[Problem]]:
    from hkprobono.validate import build

    return build(parse(raw), raw.name)


def load(path: Path | str | None = None) -> Directory:
    """Load and validate a directory; the first error is raised, naming file, entry and field."""
    return load_raw(read(path))


def load_raw(raw: RawFile) -> Directory:
    directory, problems = problems_in(raw)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        rest = len(errors) - 1
        more = f" (and {rest} more problem{'s' if rest > 1 else ''}; run 'hkprobono data check')" if rest else ""
        raise HkProBonoError(f"{raw.name}: {errors[0]}{more}")
    return directory
