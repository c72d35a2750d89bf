"""The type of the hook that turns a `Ref` into a command, the default that spells none, and how
a text's references read after it where the reader can run a command."""

from collections.abc import Callable, Iterable

from hkprobono.model import Ref

Spell = Callable[[Ref], str]


def no_command(ref: Ref) -> str:
    """Where no command line is at hand (a library caller, a test): references read as nothing."""
    return ""


def see_words(refs: Iterable[Ref], spell: Spell) -> list[str]:
    """The words of "See 'a', 'b' and 'c'.", each command with its punctuation one word (a terminal
    never breaks a command across lines); none where nothing is spelled."""
    commands = [f"'{command}'" for command in map(spell, refs) if command]
    words = ["See"] if commands else []
    for n, command in enumerate(commands):
        if n and n == len(commands) - 1:
            words.append("and")
        words.append(command + ("." if n == len(commands) - 1 else "," if n < len(commands) - 2 else ""))
    return words


def see_also(refs: Iterable[Ref], spell: Spell) -> str:
    """ "See 'hkprobono show iss-hk'." (or "See 'a', 'b' and 'c'."), or "" where nothing is spelled."""
    return " ".join(see_words(refs, spell))


def adding(ref: Ref | None, purpose: str, spell: Spell) -> str:
    """ "To see it, add --include-closed." for an option to add to the command just run; "" where
    nothing is spelled."""
    option = spell(ref) if ref is not None else ""
    return f"{purpose[:1].upper()}{purpose[1:]}, add {option}." if option else ""
