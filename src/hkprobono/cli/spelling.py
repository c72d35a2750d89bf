"""The one place that spells a command: how a `Ref` from the core reads on a terminal.

Renderers receive `spell` from the presenter; views, data and exports never write a command."""

import shlex

from hkprobono.model import Ref


def spell(ref: Ref) -> str:
    """ "hkprobono show iss-hk", "hkprobono usm step 8", "hkprobono usm glossary 'non-refoulement claim'",
    "hkprobono search food --district 'wan chai'" (a search in one district, with an example need)."""
    key = shlex.quote(ref.key) if ref.key else ref.key
    if ref.kind == "org":
        return f"hkprobono show {key}"
    if ref.kind == "step":
        return f"hkprobono usm step {key}"
    if ref.kind == "term":
        return f"hkprobono usm glossary {key}"
    if ref.kind == "deadline":
        return f"hkprobono usm deadline {key} --from DATE"
    if ref.kind == "district":
        return f"hkprobono search food --district {key}"
    return ""
