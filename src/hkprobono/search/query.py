"""Turning what someone typed into search terms: filler words, synonyms, place names, Chinese."""

from __future__ import annotations

from collections.abc import Callable

from hkprobono.search.corpus import SYNONYM_WEIGHT, Alternatives
from hkprobono.search.index import search_words
from hkprobono.text import has_cjk

MAX_TERMS = 32  # a pasted paragraph must not make a lookup slow
LONGEST_CHUNK = 3  # words in the longest synonym or place name looked for
# Filler words dropped from a query ("where can I get help with rent" is a query about rent),
# unless the query is nothing else ("help" alone).
_FILLER = (
    "a an and the of for or to in on with my i me we need needs help want get find where who can is at "
    "by from some please any how do does what when am are have has should will there this that it be if "
    "about someone somebody somewhere you your our us go know tell which there's i'm whom"
)
STOPWORDS = frozenset(_FILLER.split())

Term = tuple[str, Alternatives]
# Endings taken off a word that names no synonym, to find one that does ("deported" -> "deport").
ENDINGS = ("ing", "ed", "es", "s", "d")


def synonym_key(word: str, synonyms: dict[str, tuple[str, ...]]) -> str | None:
    """The synonym a word names, itself or without a common English ending; None for none."""
    if word in synonyms:
        return word
    for ending in ENDINGS:
        stem = word.removesuffix(ending)
        if stem != word and len(stem) >= 3 and stem in synonyms:
            return stem
    return None


def split_cjk(tokens: list[str], keys: set[str], known: Callable[[str], bool]) -> list[str]:
    """Chinese is written without spaces: a run no synonym or text knows as a whole ("免費律師")
    is cut into the longest synonym keys it contains ("免費" + "律師"), left to right."""
    out: list[str] = []
    for token in tokens:
        if not has_cjk(token) or token in keys or known(token):
            out.append(token)
            continue
        rest, i = "", 0
        while i < len(token):
            key = next((token[i:j] for j in range(len(token), i, -1) if token[i:j] in keys), None)
            if key is None:
                rest += token[i]
                i += 1
                continue
            if rest:
                out.append(rest)
                rest = ""
            out.append(key)
            i += len(key)
        if rest:
            out.append(rest)
    return out


def plan(
    query: str, synonyms: dict[str, tuple[str, ...]], phrases: set[str], known: Callable[[str], bool]
) -> list[Term]:
    """The terms of a query, each with its alternatives (its words, then its synonyms' words).

    Consecutive words that name a synonym ("sleep tonight") or a place ("wan chai") form one term,
    whose words must then match within one field: "Wan Chai" is not Sheung Wan's "wan"."""
    # A lone letter carries no meaning to match on.
    tokens = [t for t in search_words(query) if len(t) > 1 or has_cjk(t)][: MAX_TERMS * LONGEST_CHUNK]
    tokens = split_cjk(tokens, {k for k in synonyms if has_cjk(k)}, known)
    chunks: list[str] = []
    i = 0
    while i < len(tokens):
        for n in range(LONGEST_CHUNK, 0, -1):
            chunk = " ".join(tokens[i : i + n])
            if n == 1 or (i + n <= len(tokens) and (chunk in synonyms or chunk in phrases)):
                break
        chunks.append(chunk)
        i += n
    kept = ([c for c in chunks if c not in STOPWORDS] or chunks)[:MAX_TERMS]
    terms: list[Term] = []
    for chunk in dict.fromkeys(kept):  # a word typed twice counts once
        alternatives: Alternatives = [(chunk.split(), 1.0)]
        key = synonym_key(chunk, synonyms)
        for target in synonyms.get(key, ()) if key else ():
            alternatives.append((search_words(target), SYNONYM_WEIGHT))
        terms.append((chunk, alternatives))
    return terms
