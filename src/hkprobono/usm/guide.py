"""Look-ups in the USM guide: the guide itself, one step by number (a glossary term: search.glossary)."""

from __future__ import annotations

from hkprobono.errors import HkProBonoError
from hkprobono.model import Directory, Guide, Ref, Step


def guide_of(directory: Directory) -> Guide:
    if directory.guide is None:
        raise HkProBonoError(f"{directory.source_name}: has no [usm] section, so there is no USM guide")
    return directory.guide


def find_step(guide: Guide, number: int) -> Step:
    for step in guide.steps:
        if step.number == number:
            return step
    numbers = [s.number for s in guide.steps]
    span = f"{min(numbers)} to {max(numbers)}" if numbers else "none"
    raise HkProBonoError(f"there is no step {number}", hint=f"steps are numbered {span}", see=Ref("step", ""))
