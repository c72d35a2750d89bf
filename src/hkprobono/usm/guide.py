"""Look-ups in the USM guide: one step by number, one glossary term by fuzzy name."""

from __future__ import annotations

from hkprobono.errors import HkProBonoError
from hkprobono.model import Directory, Guide, Ref, Step, Term
from hkprobono.text import fold, one_line


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


def find_term(guide: Guide, query: str) -> Term:
    """Exact (case-insensitive) term, else the term or meaning it clearly names; else suggest."""
    q = fold(query).strip()
    for term in guide.glossary:
        if fold(term.term) == q:
            return term
    from rapidfuzz import fuzz, process  # only for a term that is not an exact match
    from rapidfuzz.distance import OSA

    keys = {fold(t.term): t for t in guide.glossary} | {fold(t.meaning): t for t in guide.glossary}
    best = process.extractOne(q, list(keys), scorer=fuzz.WRatio, score_cutoff=88) if q else None
    if best is not None:
        return keys[best[0]]
    # One slip in a short abbreviation ("tcba") still names it, if it names only one.
    close = {keys[k].term: keys[k] for k in keys if len(q) >= 3 and OSA.distance(q, k) <= 1}
    if len(close) == 1:
        return next(iter(close.values()))
    # A phrase from a meaning ("going out pass") names the term it explains, if only one.
    quoted = {t.term: t for k, t in keys.items() if len(q) >= 6 and fuzz.partial_ratio(q, k) >= 90}
    if len(quoted) == 1:
        return next(iter(quoted.values()))
    near = process.extract(q, list(keys), scorer=fuzz.WRatio, limit=3, score_cutoff=60) if q else []
    names: list[str] = []
    for key, _, _ in near:
        if keys[key].term not in names:
            names.append(keys[key].term)
    hint = f"did you mean: {', '.join(names)}?" if names else ""
    raise HkProBonoError(
        f"'{one_line(query)}' is not in the glossary",
        hint=(hint + "  'hkprobono usm glossary' lists every term").strip(),
    )
