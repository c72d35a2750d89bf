"""The type of the hook that turns a `Ref` into a command, and the default that spells none."""

from collections.abc import Callable

from hkprobono.model import Ref

Spell = Callable[[Ref], str]


def no_command(ref: Ref) -> str:
    """Where no command line is at hand (a library caller, a test): references read as nothing."""
    return ""
