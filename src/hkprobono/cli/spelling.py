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
}
# What each option a view may point to takes, as its --help shows it.
OPTION_METAVARS = {"closed-day": "DATE", "label": "TEXT"}


def spell(ref: Ref) -> str:
    """ "hkprobono show iss-hk", "hkprobono usm step 8", 'hkprobono usm glossary "non-refoulement"'."""
    if not ref.key:
        return EVERY.get(ref.kind, "")
    key = shlex.quote(ref.key)
    if ref.kind == "org":
        return f"hkprobono show {key}"
    if ref.kind == "step":
        return f"hkprobono usm step {key}"
    if ref.kind == "term":
        return f"hkprobono usm glossary {key}"
    if ref.kind == "deadline":
        return f"hkprobono usm deadline {key} --from DATE"
    if ref.kind == "check":
        return f"hkprobono data check {key}"
    if ref.kind == "upgrade":
        return f"hkprobono data fmt --upgrade {key}"
    if ref.kind == "district":
        return f"hkprobono search legal --district {key}"
    if ref.kind == "option":  # added to the command just run: "--closed-day DATE"
        return " ".join(filter(None, (f"--{ref.key}", OPTION_METAVARS.get(ref.key))))
    return ""
