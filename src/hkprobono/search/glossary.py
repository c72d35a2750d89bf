"""Looking up one glossary term by what someone typed, with the rules search uses.

An exact term or meaning needs no index. Anything else is searched among the glossary terms only,
by the words typed (not their synonyms: "detention" is not the term "Removal order"), so a slip is
forgiven as search forgives it ("refoulment" finds Non-refoulement) and a real word
never becomes another ("refoulement" names Non-refoulement, not the Non-refoulement Claim Form,
whose meaning only contains it). A term is returned only when it clearly leads; otherwise the
error names the candidates."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from hkprobono.errors import HkProBonoError
from hkprobono.model import Guide, Term
from hkprobono.text import fold, one_line, words

if TYPE_CHECKING:
    from hkprobono.search.engine import Index

CLEAR_LEAD = 15.0  # as for a name typed after `show`
SUGGESTED = 3


def find_term(guide: Guide, query: str, index: Callable[[], Index]) -> Term:
    """The term `query` names: exactly (any case), as its whole meaning, or as search finds it
    among the glossary terms when one clearly leads. `index` gives the search index; it is only
    built for a query that is not exact."""
    from hkprobono.search.engine import Answer  # loads rapidfuzz, which an exact term does not need

    q = fold(query).strip()
    for term in guide.glossary:
        if fold(term.term) == q:
            return term
    for term in guide.glossary:
        if fold(term.meaning) == q:
            return term
    quoted = [t for t in guide.glossary if _says(words(t.meaning), words(query))]
    if len(quoted) == 1:  # a phrase of one meaning ("going out pass") names the term it explains
        return quoted[0]
    hits = (
        [(h.term, h.score) for h in index().find(query, kind="term", synonyms=False).hits if isinstance(h, Answer)]
        if q
        else []
    )
    found = [term for term, _ in hits if term is not None]
    if len(found) == 1 or (len(found) > 1 and hits[0][1] - hits[1][1] >= CLEAR_LEAD):
        return found[0]
    names = [t.term for t in found[:SUGGESTED]] or _near(guide, q)
    hint = f"did you mean: {', '.join(names)}? Every term" if names else "every term"
    raise HkProBonoError(
        f"'{one_line(query)}' is not in the glossary" if not found else f"'{one_line(query)}' names several terms",
        hint=hint,
        see=("term", ""),
    )


def _says(text: list[str], phrase: list[str]) -> bool:
    """Whether the words of `phrase` (two or more) appear in `text`, together and in order."""
    n = len(phrase)
    return n > 1 and any(text[i : i + n] == phrase for i in range(len(text) - n + 1))


def _near(guide: Guide, q: str) -> list[str]:
    """Terms that look like the query, to suggest when search found none."""
    if not q:
        return []
    from rapidfuzz import fuzz, process

    keys = {fold(t.term): t.term for t in guide.glossary} | {fold(t.meaning): t.term for t in guide.glossary}
    names: list[str] = []
    for key, _, _ in process.extract(q, list(keys), scorer=fuzz.WRatio, limit=SUGGESTED * 2, score_cutoff=75):
        if keys[key] not in names:
            names.append(keys[key])
    return names[:SUGGESTED]
