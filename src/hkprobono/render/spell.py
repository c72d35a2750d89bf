"""The type of the hook that turns a `Ref` into a command, the default that spells none, and how
a text's references read after it where the reader can run a command."""

from collections.abc import Callable, Iterable

from hkprobono.model import Ref

Spell = Callable[[Ref], str]


def no_command(ref: Ref) -> str:
    """Where no command line is at hand (a library caller, a test): references read as nothing."""
    return ""


def see_also(refs: Iterable[Ref], spell: Spell) -> str:
    """ "See 'hkprobono show iss-hk'." (or "See 'a', 'b' and 'c'."), or "" where nothing is spelled."""
    commands = [f"'{command}'" for command in map(spell, refs) if command]
    if not commands:
        return ""
    listed = commands[0] if len(commands) == 1 else f"{', '.join(commands[:-1])} and {commands[-1]}"
    return f"See {listed}."
