"""The one place that spells a command: how a `Ref` from the core reads on a terminal.

Renderers receive `spell` from the presenter; views, data and exports never write a command."""

import shlex

from hkprobono.model import Ref

# A reference with an empty key names them all: the command that lists them.
EVERY = {
    "org": "hkprobono list",
    "step": "hkprobono usm steps",
    "term": "hkprobono usm glossary",
    "deadline": "hkprobono usm deadlines",
    "check": "hkprobono data check",
    "channel": "hkprobono data update --url URL --root ROOT.json",
    "keys": "hkprobono data keys init",
}
# What each option a view may point to takes, as its --help shows it.
OPTION_METAVARS = {"closed-day": "DATE", "label": "TEXT"}

# The command that shows one thing of each kind, its key in place of {}.
COMMANDS = {
    "org": "hkprobono show {}",
    "step": "hkprobono usm step {}",
    "term": "hkprobono usm glossary {}",
    "deadline": "hkprobono usm deadline {} --from DATE",
    "check": "hkprobono data check {}",
    "upgrade": "hkprobono data fmt --upgrade {}",
    "district": "hkprobono search legal --district {}",
}


def spell(ref: Ref) -> str:
    """ "hkprobono show iss-hk", "hkprobono usm step 8", 'hkprobono usm glossary "non-refoulement"'."""
    if not ref.key:
        return EVERY.get(ref.kind, "")
    if ref.kind == "option":  # added to the command just run: "--closed-day DATE"
        return " ".join(filter(None, (f"--{ref.key}", OPTION_METAVARS.get(ref.key))))
    pattern = COMMANDS.get(ref.kind)
    return pattern.format(shlex.quote(ref.key)) if pattern else ""
