"""Read a directory file (the bundled one by default) and validate it once."""

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hkprobono.errors import HkProBonoError
from hkprobono.loading import installed
from hkprobono.model import Directory, Ref
from hkprobono.record import NamedTuple

if TYPE_CHECKING:
    from hkprobono.loading.tables import Problem

ENV_VAR = "HKPROBONO_DATA"
BUNDLED_NAME = "directory.toml (bundled)"
UPDATE_NAME = "directory.toml (update)"


class RawFile(NamedTuple):
    """The bytes of a directory file, the name to show in messages, and its absolute path when it
    is a file on disk (what the cache is keyed by, so two files never share an entry)."""

    name: str
    content: bytes
    path: Path | None = None
    origin: "installed.Origin | None" = None  # where the data in use came from (None: a file given by name)


MAX_BYTES = 64 * 1024 * 1024  # documented in docs/safety.md: a larger "directory file" is a mistake
TOO_LARGE = "{path}: is larger than 64 MiB, too large for a directory file"


def bundled_path() -> Path:
    """The bundled file: inside the installed package (the wheel puts it there), else at the top
    of the source checkout that an editable install runs from."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "data" / "directory.toml", package.parent.parent / "data" / "directory.toml"):
        if candidate.is_file():
            return candidate
    raise HkProBonoError(f"the bundled directory file is missing from this installation; set {ENV_VAR} to one")


def shown(path: Path | str) -> str:
    """A path as messages show it. A name that is not valid UTF-8 arrives with its bytes as
    surrogates, which no output can encode: its undecodable bytes are shown as \\xNN escapes."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    return text


def read(path: Path | str | None = None) -> RawFile:
    """Read the file at `path`, else $HKPROBONO_DATA, else the data in use: the newest verified
    update, or the bundled directory (see loading/installed.py for which)."""
    if path is None:
        path = os.environ.get(ENV_VAR) or None
    if path is None:
        chosen = installed.choose(bundled_path())
        name = UPDATE_NAME if chosen.origin.kind == "update" else BUNDLED_NAME
        return RawFile(name, chosen.content or chosen.path.read_bytes(), chosen.path, chosen.origin)
    path = Path(path)
    name = shown(path)
    import stat

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise HkProBonoError(f"{name}: is a folder, not a directory file (.toml)")
        if not stat.S_ISREG(info.st_mode):
            raise HkProBonoError(f"{name}: is not a regular file (a device, FIFO or socket)")
        if info.st_size > MAX_BYTES:
            raise HkProBonoError(TOO_LARGE.format(path=name))
        with path.open("rb") as handle:
            content = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise HkProBonoError(f"{name}: no such file") from None
    except OSError as exc:
        raise HkProBonoError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if len(content) > MAX_BYTES:
        raise HkProBonoError(TOO_LARGE.format(path=name))
    return RawFile(name, content, path.resolve())


def parse(raw: RawFile) -> dict[str, Any]:
    """Decode and parse TOML, turning every failure into an HkProBonoError naming the file."""
    if raw.content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise HkProBonoError(f"{raw.name}: is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8")
    try:
        text = raw.content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HkProBonoError(f"{raw.name}: is not UTF-8 text (byte {exc.start} cannot be decoded)") from None
    if text.startswith("\ufeff"):
        raise HkProBonoError(
            f"{raw.name}: starts with a byte-order mark (U+FEFF), which TOML does not allow",
            hint='save the file as UTF-8 without a byte-order mark ("UTF-8", not "UTF-8 with BOM")',
        )
    if not text.strip():
        raise HkProBonoError(f"{raw.name}: is empty")
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise HkProBonoError(f"{raw.name}: is not valid TOML: {exc}") from None
    except RecursionError:
        data = None
    if data is None or _too_deep(data):
        raise HkProBonoError(f"{raw.name}: is nested too deeply to be a directory file")
    return data


MAX_DEPTH = 16  # the schema nests five deep; deeper data would only exhaust the recursion of later steps


def _too_deep(data: dict[str, Any]) -> bool:
    """Whether tables and arrays nest deeper than MAX_DEPTH (checked without recursion, so that
    `data fmt`, `data check` and validation never meet a RecursionError)."""
    level: list[object] = [data]
    for _ in range(MAX_DEPTH):
        level = [
            child
            for item in level
            for child in (item.values() if isinstance(item, dict) else item if isinstance(item, list) else ())
            if isinstance(child, (dict, list))
        ]
        if not level:
            return False
    return True


def problems_in(raw: RawFile) -> "tuple[Directory, list[Problem]]":
    from hkprobono.loading.validate import build

    return build(parse(raw), raw.name)


def check_of(raw: RawFile) -> Ref:
    """The full check of this file, which lists every problem in it."""
    return Ref("check", "" if raw.name == BUNDLED_NAME else raw.name)


def load(path: Path | str | None = None) -> Directory:
    """Load and validate a directory; the first error is raised, naming file, entry and field."""
    return load_raw(read(path))


def load_raw(raw: RawFile) -> Directory:
    directory, problems = problems_in(raw)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        rest = len(errors) - 1
        more = f" (and {rest} more problem{'s' if rest > 1 else ''})" if rest else ""
        # A file of an older layout is pointed to its upgrade; any other to the check that lists it all.
        see = Ref("upgrade", raw.name) if errors[0].kind == "upgrade" else check_of(raw) if rest else None
        raise HkProBonoError(f"{raw.name}: {errors[0]}{more}", see=see)
    return directory
